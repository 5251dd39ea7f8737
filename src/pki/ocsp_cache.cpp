#include "pki/ocsp_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>

#include "common/hex.h"
#include "common/time_format.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

constexpr std::array kHashes{crypto::HashAlg::sha1, crypto::HashAlg::sha256, crypto::HashAlg::sha384,
                             crypto::HashAlg::sha512};
constexpr int kChangesPerRound = 10000;
// Besides the signer certificate: the response's other parts (under 1 KiB), the entry's headers
// and bookkeeping. See the memory bound in the header.
constexpr std::size_t kEntryAllowance = 2048;
// The map node, its bucket and the shared_ptr control block of one entry (an estimate).
constexpr std::size_t kEntryOverhead = 96;

OcspReply error_reply(crypto::OcspErrorStatus status) {
  const Bytes der = crypto::ocsp_error_response(status);
  return OcspReply{OcspReply::Kind::error, nullptr, std::string(der.begin(), der.end())};
}

std::size_t footprint(const OcspEntry& e) {
  return sizeof(OcspEntry) + kEntryOverhead + e.der.capacity() + e.etag.capacity() + e.last_modified.capacity() +
         e.expires.capacity();
}

}  // namespace

OcspCache::OcspCache(store::Database& db, OcspAnswerer answerer, store::CaRecord issuer, store::CaRecord signer,
                     crypto::PrivateKey signer_key, const Clock& clock, OcspCacheOptions options)
    : db_(db),
      answerer_(std::move(answerer)),
      issuer_(std::move(issuer)),
      signing_(std::make_shared<const Signing>(Signing{std::move(signer), std::move(signer_key)})),
      clock_(clock),
      options_(options) {
  options_.max_entries = std::max<std::size_t>(options_.max_entries, 1);
  options_.refresh_percent = std::clamp(options_.refresh_percent, 1, 99);
  const Bytes any_serial{0x01};
  for (crypto::HashAlg alg : kHashes) {
    if (auto id = crypto::make_cert_id(issuer_.certificate, any_serial, alg)) issuer_ids_.push_back(std::move(*id));
  }
}

OcspCache::~OcspCache() = default;

std::size_t OcspCache::max_entry_bytes() const noexcept {
  return signing()->record.certificate.size() + kEntryAllowance;
}

std::shared_ptr<const OcspCache::Signing> OcspCache::signing() const {
  const std::lock_guard lock(signing_mu_);
  return signing_;
}

std::string OcspCache::signer_serial() const { return signing()->record.serial; }

void OcspCache::replace_signer(store::CaRecord signer, crypto::PrivateKey signer_key) {
  auto next = std::make_shared<const Signing>(Signing{std::move(signer), std::move(signer_key)});
  const std::lock_guard lock(signing_mu_);
  signing_ = std::move(next);
}

std::optional<OcspCache::Key> OcspCache::key_of(crypto::HashAlg alg, std::span<const std::uint8_t> serial) {
  while (serial.size() > 1 && serial.front() == 0) serial = serial.subspan(1);
  Key k;
  if (serial.size() > k.bytes.size() - 2) return std::nullopt;
  k.bytes[0] = static_cast<std::uint8_t>(alg);
  k.bytes[1] = static_cast<std::uint8_t>(serial.size());
  std::copy(serial.begin(), serial.end(), k.bytes.begin() + 2);
  return k;
}

bool OcspCache::names_issuer(crypto::HashAlg alg, std::span<const std::uint8_t> name_hash,
                             std::span<const std::uint8_t> key_hash) const {
  return std::any_of(issuer_ids_.begin(), issuer_ids_.end(), [&](const crypto::OcspCertId& ours) {
    return ours.hash == alg && std::ranges::equal(ours.issuer_name_hash, name_hash) &&
           std::ranges::equal(ours.issuer_key_hash, key_hash);
  });
}

Result<std::shared_ptr<const OcspEntry>> OcspCache::sign(const crypto::OcspCertId& id) {
  auto single = answerer_.status_of(db_, id);
  if (!single) return fail(single.error());
  if (single->status == crypto::OcspCertStatus::unknown) return std::shared_ptr<const OcspEntry>();
  const auto signing_now = signing();
  crypto::OcspSigner signer{signing_now->record.certificate, &signing_now->key};
  const TimePoint produced = clock_.now();
  auto der = crypto::build_ocsp_response(std::span<const crypto::OcspSingle>(&*single, 1), signer, produced);
  if (!der) return fail(der.error());
  ++signatures_;
  last_produced_.store(to_unix(produced), std::memory_order_relaxed);
  auto e = std::make_shared<OcspEntry>();
  e->der.assign(der->begin(), der->end());
  e->this_update = single->this_update;
  e->next_update = single->next_update.value_or(single->this_update);
  e->refresh_at = e->this_update + (e->next_update - e->this_update) * options_.refresh_percent / 100;
  const Bytes sha = crypto::digest(crypto::HashAlg::sha256, *der);
  e->etag = "\"" + to_hex(std::span<const std::uint8_t>(sha).first(16)) + "\"";
  e->status = single->status;
  e->last_modified = timefmt::http_date(e->this_update);
  e->expires = timefmt::http_date(e->next_update);
  e->last_used.store(round_.load(std::memory_order_relaxed), std::memory_order_relaxed);
  return std::shared_ptr<const OcspEntry>(std::move(e));
}

void OcspCache::insert(const Key& key, std::shared_ptr<const OcspEntry> entry,
                       std::optional<std::uint64_t> read_at) {
  std::unique_lock lock(mu_);
  if (read_at && *read_at != generation_.load()) return;
  entries_[key] = std::move(entry);
  if (entries_.size() <= options_.max_entries) return;
  // Evict the least recently used down to 90 % of the bound, so this O(n) pass runs once per
  // tenth of the bound inserted, not on every insert.
  const std::size_t keep = std::max<std::size_t>(options_.max_entries * 9 / 10, 1);
  std::vector<std::pair<std::uint64_t, Key>> by_use;
  by_use.reserve(entries_.size());
  for (const auto& [k, e] : entries_) by_use.emplace_back(e->last_used.load(std::memory_order_relaxed), k);
  const std::size_t drop = entries_.size() - keep;
  std::nth_element(by_use.begin(), by_use.begin() + static_cast<std::ptrdiff_t>(drop), by_use.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < drop; ++i) entries_.erase(by_use[i].second);
}

void OcspCache::erase(const Key& key) {
  std::unique_lock lock(mu_);
  entries_.erase(key);
}

std::optional<OcspReply> OcspCache::cached_reply(const Key& key, TimePoint now) const {
  std::shared_lock lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second->next_update <= now) return std::nullopt;
  const OcspEntry& e = *it->second;
  const std::uint64_t round = round_.load(std::memory_order_relaxed);
  if (e.last_used.load(std::memory_order_relaxed) != round) e.last_used.store(round, std::memory_order_relaxed);
  if (!e.used.load(std::memory_order_relaxed)) e.used.store(true, std::memory_order_relaxed);
  hits_.fetch_add(1, std::memory_order_relaxed);
  return OcspReply{OcspReply::Kind::cached, it->second, {}};
}

std::optional<OcspReply> OcspCache::answer_from_memory(std::span<const std::uint8_t> request_der) {
  const TimePoint now = clock_.now();
  // The usual request (no nonce, no extension) is read without OpenSSL.
  if (const auto plain = crypto::plain_ocsp_cert_id(request_der)) {
    if (!names_issuer(plain->hash, plain->issuer_name_hash, plain->issuer_key_hash)) {
      return error_reply(crypto::OcspErrorStatus::unauthorized);
    }
    const auto key = key_of(plain->hash, plain->serial);
    return key ? cached_reply(*key, now) : std::nullopt;
  }
  auto req = crypto::parse_ocsp_request(request_der);
  if (!req || req->ids.empty()) return error_reply(crypto::OcspErrorStatus::malformed_request);
  for (const auto& id : req->ids) {
    if (!names_issuer(id)) return error_reply(crypto::OcspErrorStatus::unauthorized);
  }
  if (req->ids.size() > 1) return std::nullopt;
  const auto key = key_of(req->ids.front().hash, req->ids.front().serial);
  return key ? cached_reply(*key, now) : std::nullopt;
}

OcspReply OcspCache::answer(std::span<const std::uint8_t> request_der) {
  if (auto reply = answer_from_memory(request_der)) return std::move(*reply);
  auto req = crypto::parse_ocsp_request(request_der);
  if (!req || req->ids.empty()) return error_reply(crypto::OcspErrorStatus::malformed_request);
  ++misses_;
  if (req->ids.size() > 1) return answer_live(*req);
  const crypto::OcspCertId& id = req->ids.front();
  const auto key = key_of(id.hash, id.serial);
  if (!key) return error_reply(crypto::OcspErrorStatus::malformed_request);
  const std::uint64_t read_at = generation_.load();
  auto entry = sign(id);
  if (!entry) {
    spdlog::warn("OCSP: cannot answer a request: {}", entry.error().message_en);
    return error_reply(entry.error().code == ErrorCode::unavailable ? crypto::OcspErrorStatus::try_later
                                                                    : crypto::OcspErrorStatus::internal_error);
  }
  if (!*entry) return error_reply(crypto::OcspErrorStatus::unauthorized);
  (*entry)->used.store(true, std::memory_order_relaxed);
  insert(*key, *entry, read_at);
  return OcspReply{OcspReply::Kind::signed_now, std::move(*entry), {}};
}

OcspReply OcspCache::answer_live(const crypto::OcspRequestInfo& request) {
  std::vector<crypto::OcspSingle> singles;
  singles.reserve(request.ids.size());
  for (const auto& id : request.ids) {
    if (!names_issuer(id)) return error_reply(crypto::OcspErrorStatus::unauthorized);
    auto single = answerer_.status_of(db_, id);
    if (!single) {
      spdlog::warn("OCSP: cannot answer a request: {}", single.error().message_en);
      return error_reply(crypto::OcspErrorStatus::try_later);
    }
    if (single->status == crypto::OcspCertStatus::unknown) return error_reply(crypto::OcspErrorStatus::unauthorized);
    singles.push_back(std::move(*single));
  }
  const auto signing_now = signing();
  crypto::OcspSigner signer{signing_now->record.certificate, &signing_now->key};
  const TimePoint produced = clock_.now();
  auto der = crypto::build_ocsp_response(singles, signer, produced, request.nonce);
  if (!der) {
    spdlog::error("OCSP: cannot sign a response: {}", der.error().message_en);
    return error_reply(crypto::OcspErrorStatus::internal_error);
  }
  ++signatures_;
  last_produced_.store(to_unix(produced), std::memory_order_relaxed);
  return OcspReply{OcspReply::Kind::signed_now, nullptr, std::string(der->begin(), der->end())};
}

Status OcspCache::presign(std::string_view serial_hex) {
  auto serial = from_hex(serial_hex);
  if (!serial) return fail(ErrorCode::invalid_input, "Số hiệu không hợp lệ", "Invalid serial", "serial");
  auto id = crypto::make_cert_id(issuer_.certificate, *serial, crypto::HashAlg::sha1);
  if (!id) return fail(id.error());
  const auto key = key_of(id->hash, id->serial);
  if (!key) return fail(ErrorCode::invalid_input, "Số hiệu không hợp lệ", "Invalid serial", "serial");
  auto entry = sign(*id);
  if (!entry) return fail(entry.error());
  if (*entry) insert(*key, std::move(*entry));
  return {};
}

Status OcspCache::resign_serial(const std::string& serial_hex) {
  auto serial = from_hex(serial_hex);
  if (!serial) return {};
  bool any = false;
  for (crypto::HashAlg alg : kHashes) {
    const auto key = key_of(alg, *serial);
    if (!key) return {};
    {
      std::shared_lock lock(mu_);
      if (!entries_.contains(*key)) continue;
    }
    any = true;
    auto id = crypto::make_cert_id(issuer_.certificate, *serial, alg);
    if (!id) return fail(id.error());
    auto entry = sign(*id);
    if (!entry) return fail(entry.error());
    if (*entry) insert(*key, std::move(*entry)); else erase(*key);
  }
  return any ? Status{} : presign(serial_hex);
}

Status OcspCache::refresh_due() {
  const TimePoint now = clock_.now();
  std::vector<std::pair<TimePoint, Key>> due;
  std::vector<Key> idle;
  {
    std::shared_lock lock(mu_);
    for (const auto& [k, e] : entries_) {
      if (e->refresh_at > now) continue;
      if (e->used.load(std::memory_order_relaxed)) due.emplace_back(e->refresh_at, k); else idle.push_back(k);
    }
  }
  if (!idle.empty()) {
    std::unique_lock lock(mu_);
    for (const Key& k : idle) entries_.erase(k);
  }
  const auto n = std::min(due.size(), static_cast<std::size_t>(std::max(options_.refresh_batch, 1)));
  std::partial_sort(due.begin(), due.begin() + static_cast<std::ptrdiff_t>(n), due.end(),
                    [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 0; i < n; ++i) {
    const Key& k = due[i].second;
    auto id = crypto::make_cert_id(issuer_.certificate, k.serial(), k.hash());
    if (!id) return fail(id.error());
    auto entry = sign(*id);
    if (!entry) return fail(entry.error());
    if (!*entry) {
      erase(k);
      continue;
    }
    (*entry)->used.store(false, std::memory_order_relaxed);
    insert(k, std::move(*entry));
  }
  return {};
}

Status OcspCache::baseline() {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto epoch = store::current_change_epoch(**lease);
  if (!epoch) return fail(epoch.error());
  auto max_id = store::max_certificate_id(**lease);
  if (!max_id) return fail(max_id.error());
  epoch_ = *epoch;
  last_id_ = *max_id;
  baselined_ = true;
  return {};
}

Status OcspCache::maintain() {
  if (!baselined_) return baseline();
  round_.fetch_add(1, std::memory_order_relaxed);
  std::vector<store::StatusChange> changes;
  std::vector<store::CertificateRef> fresh;
  {
    auto lease = db_.acquire();
    if (!lease) return fail(lease.error());
    auto epoch = store::current_change_epoch(**lease);
    if (!epoch) return fail(epoch.error());
    if (*epoch != epoch_) {
      auto list = store::changes_after(**lease, epoch_, kChangesPerRound);
      if (!list) return fail(list.error());
      changes = std::move(*list);
    }
    auto added = store::certificates_after(**lease, last_id_, std::max(options_.presign_batch, 1));
    if (!added) return fail(added.error());
    fresh = std::move(*added);
    const TimePoint now = clock_.now();
    if (now - last_prune_ > std::chrono::hours(1)) {
      if (auto s = store::prune_changes(**lease, now - options_.keep_changes); !s) return fail(s.error());
      last_prune_ = now;
    }
  }
  // Revocations first: RFC 5019 §6 responders keep their answers current; a change seen here is
  // served within one round. A miss that read a status before this round does not keep its entry.
  if (!changes.empty()) generation_.fetch_add(1);
  for (const auto& c : changes) {
    if (c.ca_id == issuer_.id) {
      if (auto s = resign_serial(c.serial); !s) return s;
    }
    epoch_ = c.epoch;
  }
  for (const auto& c : fresh) {
    if (c.ca_id == issuer_.id) {
      if (auto s = presign(c.serial); !s) return s;
    }
    last_id_ = c.id;
  }
  return refresh_due();
}

OcspCache::Stats OcspCache::stats() const {
  Stats s;
  const TimePoint now = clock_.now();
  {
    std::shared_lock lock(mu_);
    s.entries = entries_.size();
    for (const auto& [k, e] : entries_) {
      s.bytes += footprint(*e);
      const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - e->this_update);
      if (!s.oldest_age || age > *s.oldest_age) s.oldest_age = age;
    }
  }
  s.hits = hits_.load();
  s.misses = misses_.load();
  s.signatures = signatures_.load();
  s.epoch = epoch_.load();
  if (const auto produced = last_produced_.load(std::memory_order_relaxed); produced != 0) {
    s.last_produced = from_unix(produced);
  }
  return s;
}

}  // namespace ct::pki
