#include "pki/ocsp_cache.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "common/hex.h"
#include "common/time_format.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

constexpr std::array kHashes{crypto::HashAlg::sha1, crypto::HashAlg::sha256, crypto::HashAlg::sha384,
                             crypto::HashAlg::sha512};
constexpr int kChangesPerRound = 10000;

std::string error_body(crypto::OcspErrorStatus status) {
  const Bytes der = crypto::ocsp_error_response(status);
  return {der.begin(), der.end()};
}

OcspReply error_reply(crypto::OcspErrorStatus status) {
  return OcspReply{OcspReply::Kind::error, nullptr, error_body(status)};
}

}  // namespace

OcspCache::OcspCache(store::Database& db, OcspAnswerer answerer, store::CaRecord issuer, store::CaRecord signer,
                     crypto::PrivateKey signer_key, const Clock& clock, OcspCacheOptions options)
    : db_(db), answerer_(std::move(answerer)), issuer_(std::move(issuer)), signer_(std::move(signer)),
      signer_key_(std::move(signer_key)), clock_(clock), options_(options) {
  options_.max_entries = std::max<std::size_t>(options_.max_entries, 1);
  options_.refresh_percent = std::clamp(options_.refresh_percent, 1, 99);
  const Bytes any_serial{0x01};
  for (crypto::HashAlg alg : kHashes) {
    if (auto id = crypto::make_cert_id(issuer_.certificate, any_serial, alg)) issuer_ids_.push_back(std::move(*id));
  }
}

OcspCache::~OcspCache() = default;

OcspCache::Key OcspCache::key_of(crypto::HashAlg alg, std::span<const std::uint8_t> serial) {
  while (serial.size() > 1 && serial.front() == 0) serial = serial.subspan(1);
  Key k;
  k.reserve(serial.size() + 1);
  k.push_back(static_cast<char>(alg));
  k.append(serial.begin(), serial.end());
  return k;
}

bool OcspCache::names_issuer(const crypto::OcspCertId& id) const {
  return std::any_of(issuer_ids_.begin(), issuer_ids_.end(), [&](const crypto::OcspCertId& ours) {
    return ours.hash == id.hash && ours.issuer_name_hash == id.issuer_name_hash &&
           ours.issuer_key_hash == id.issuer_key_hash;
  });
}

Result<std::shared_ptr<const OcspEntry>> OcspCache::sign(const crypto::OcspCertId& id) {
  auto single = answerer_.status_of(db_, id);
  if (!single) return fail(single.error());
  crypto::OcspSigner signer{signer_.certificate, &signer_key_};
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

void OcspCache::insert(Key key, std::shared_ptr<const OcspEntry> entry) {
  std::unique_lock lock(mu_);
  entries_[std::move(key)] = std::move(entry);
  if (entries_.size() <= options_.max_entries) return;
  // Evict the least recently used down to 90 % of the bound, so this O(n) pass runs once per
  // tenth of the bound inserted, not on every insert.
  const std::size_t keep = std::max<std::size_t>(options_.max_entries * 9 / 10, 1);
  std::vector<std::pair<std::uint64_t, const Key*>> by_use;
  by_use.reserve(entries_.size());
  for (const auto& [k, e] : entries_) by_use.emplace_back(e->last_used.load(std::memory_order_relaxed), &k);
  const std::size_t drop = entries_.size() - keep;
  std::nth_element(by_use.begin(), by_use.begin() + static_cast<std::ptrdiff_t>(drop), by_use.end());
  std::vector<Key> victims;
  victims.reserve(drop);
  for (std::size_t i = 0; i < drop; ++i) victims.push_back(*by_use[i].second);
  for (const Key& k : victims) entries_.erase(k);
}

std::shared_ptr<const OcspEntry> OcspCache::fresh_entry(const Key& key, TimePoint now) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second->next_update <= now) return nullptr;
  const OcspEntry& e = *it->second;
  const std::uint64_t round = round_.load(std::memory_order_relaxed);
  if (e.last_used.load(std::memory_order_relaxed) != round) e.last_used.store(round, std::memory_order_relaxed);
  if (!e.used.load(std::memory_order_relaxed)) e.used.store(true, std::memory_order_relaxed);
  return it->second;
}

OcspReply OcspCache::answer(std::span<const std::uint8_t> request_der) {
  const TimePoint now = clock_.now();
  const std::string_view raw(reinterpret_cast<const char*>(request_der.data()), request_der.size());
  {
    std::shared_lock lock(mu_);
    if (auto k = by_request_.find(raw); k != by_request_.end()) {
      if (auto e = fresh_entry(k->second, now)) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return OcspReply{OcspReply::Kind::cached, std::move(e), {}};
      }
    }
  }
  auto req = crypto::parse_ocsp_request(request_der);
  if (!req || req->ids.empty()) return error_reply(crypto::OcspErrorStatus::malformed_request);
  for (const auto& id : req->ids) {
    if (!names_issuer(id)) return error_reply(crypto::OcspErrorStatus::unauthorized);
  }
  if (req->ids.size() > 1) {
    // Not the RFC 5019 profile: answered live, with the nonce when there is one.
    ++misses_;
    ++signatures_;
    last_produced_.store(to_unix(now), std::memory_order_relaxed);
    const Bytes der = answerer_.answer(db_, request_der);
    return OcspReply{OcspReply::Kind::signed_now, nullptr, std::string(der.begin(), der.end())};
  }
  const crypto::OcspCertId& id = req->ids.front();
  Key key = key_of(id.hash, id.serial);
  if (!req->nonce) {
    std::unique_lock lock(mu_);
    if (by_request_.size() >= options_.max_entries) by_request_.clear();
    by_request_.emplace(std::string(raw), key);
  }
  {
    std::shared_lock lock(mu_);
    if (auto e = fresh_entry(key, now)) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      return OcspReply{OcspReply::Kind::cached, std::move(e), {}};
    }
  }
  ++misses_;
  auto entry = sign(id);
  if (!entry) {
    spdlog::warn("OCSP: cannot answer a request: {}", entry.error().message_en);
    return error_reply(entry.error().code == ErrorCode::unavailable ? crypto::OcspErrorStatus::try_later
                                                                    : crypto::OcspErrorStatus::internal_error);
  }
  (*entry)->used.store(true, std::memory_order_relaxed);
  insert(std::move(key), *entry);
  return OcspReply{OcspReply::Kind::signed_now, std::move(*entry), {}};
}

Status OcspCache::presign(std::string_view serial_hex) {
  auto serial = from_hex(serial_hex);
  if (!serial) return fail(ErrorCode::invalid_input, "Số hiệu không hợp lệ", "Invalid serial", "serial");
  auto id = crypto::make_cert_id(issuer_.certificate, *serial, crypto::HashAlg::sha1);
  if (!id) return fail(id.error());
  auto entry = sign(*id);
  if (!entry) return fail(entry.error());
  insert(key_of(id->hash, id->serial), std::move(*entry));
  return {};
}

Status OcspCache::resign_serial(const std::string& serial_hex) {
  auto serial = from_hex(serial_hex);
  if (!serial) return {};
  bool any = false;
  for (crypto::HashAlg alg : kHashes) {
    const Key key = key_of(alg, *serial);
    {
      std::shared_lock lock(mu_);
      if (!entries_.contains(key)) continue;
    }
    any = true;
    auto id = crypto::make_cert_id(issuer_.certificate, *serial, alg);
    if (!id) return fail(id.error());
    auto entry = sign(*id);
    if (!entry) return fail(entry.error());
    insert(key, std::move(*entry));
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
  std::partial_sort(due.begin(), due.begin() + static_cast<std::ptrdiff_t>(n), due.end());
  for (std::size_t i = 0; i < n; ++i) {
    const Key& k = due[i].second;
    const auto alg = static_cast<crypto::HashAlg>(k.front());
    auto id = crypto::make_cert_id(issuer_.certificate,
                                   std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(k.data()) + 1,
                                                                 k.size() - 1),
                                   alg);
    if (!id) return fail(id.error());
    auto entry = sign(*id);
    if (!entry) return fail(entry.error());
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
  // served within one round.
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
