#include "pki/crl_publisher.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "audit/audit_log.h"
#include "common/files.h"
#include "common/hex.h"
#include "crypto/crl.h"
#include "pki/crl_files.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

// A CRL of a million revocations is about 50 MB (bench/crl.sh); a store row holds it whole.
constexpr std::size_t kMaxCrlBytes = std::size_t{1} << 30;

Bytes big_endian(std::int64_t n) {
  Bytes out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    const auto b = static_cast<std::uint8_t>((n >> shift) & 0xFF);
    if (!out.empty() || b != 0) out.push_back(b);
  }
  if (out.empty()) out.push_back(0);
  return out;
}

}  // namespace

Result<PublishedCrl> publish_crl(store::Database& db, const store::CaRecord& ca, const crypto::PrivateKey& key,
                                 const PkiSettings& settings, const Clock& clock, const std::filesystem::path& dir,
                                 const std::string& actor) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return fail(ErrorCode::unavailable, "Không tạo được thư mục CRL", "Cannot create the CRL directory", dir.string());

  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  std::int64_t number = 0;
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto n = store::next_crl_number(**lease, ca.id);
    if (!n) return fail(n.error());
    if (auto c = tx->commit(); !c) return fail(c.error());
    number = *n;
  }

  PublishedCrl out;
  out.number = number;
  out.this_update = clock.now();
  out.next_update = out.this_update + settings.crl_next_update;
  out.path = numbered_crl_file(dir, ca.name, number);
  out.current = dir / (ca.name + ".crl");

  crypto::CrlParams params{ca.certificate, out.this_update, out.next_update, big_endian(number), std::nullopt};
  auto writer = crypto::CrlWriter::begin(params, dir / (ca.name + "-" + std::to_string(number) + ".spool"));
  if (!writer) return fail(writer.error());

  // RFC 5280 §5.1.2.6: an entry stays until it has appeared on one CRL issued after the
  // certificate expired; two CRL periods of margin keep that true.
  const TimePoint cutoff = out.this_update - 2 * settings.crl_next_update;
  {
    auto tx = store::Transaction::begin(**lease, false);  // one consistent snapshot
    if (!tx) return fail(tx.error());
    auto streamed = store::for_each_revoked(**lease, ca.id, cutoff, [&](const store::RevokedEntry& e) -> Status {
      auto serial = from_hex(e.serial);
      if (!serial) return fail(ErrorCode::integrity, "Số hiệu lưu trữ hỏng", "Stored serial is corrupt: " + e.serial);
      crypto::CrlEntry entry{std::move(*serial), e.revoked_at, std::nullopt, e.invalidity_date};
      if (e.reason) entry.reason = static_cast<crypto::CrlReason>(*e.reason);
      return (*writer)->add(entry);
    });
    if (!streamed) return fail(streamed.error());
  }
  out.entries = (*writer)->count();
  if (auto s = (*writer)->finish(key, out.path); !s) return fail(s.error());
  auto checked = crypto::check_crl_file(out.path, ca.certificate);
  if (!checked) {
    spdlog::error("pre-release check refused CRL {} of CA {}: {}", number, ca.name, checked.error().message_en);
    std::filesystem::remove(out.path, ec);
    return fail(Error::make(ErrorCode::internal, "CRL tạo ra không đạt kiểm tra; không phát hành: " + checked.error().message_vi,
                            "The CRL failed its pre-release check and was not published: " + checked.error().message_en));
  }
  const std::filesystem::path tmp = out.current.string() + ".tmp";
  std::filesystem::remove(tmp, ec);
  std::filesystem::create_hard_link(out.path, tmp, ec);
  if (ec) std::filesystem::copy_file(out.path, tmp, std::filesystem::copy_options::overwrite_existing, ec);
  if (!ec) std::filesystem::rename(tmp, out.current, ec);
  if (ec) return fail(ErrorCode::unavailable, "Không ghi được CRL hiện hành", "Cannot write the current CRL", out.current.string());

  auto der = read_file(out.path, kMaxCrlBytes);
  if (!der) return fail(der.error());
  const Bytes sha = crypto::digest(crypto::HashAlg::sha256, *der);
  store::CrlRecord rec{ca.id, number, out.this_update, out.next_update, static_cast<std::int64_t>(out.entries),
                       false, std::nullopt, to_hex(sha), out.path.string(), out.this_update};
  audit::AuditEvent event{actor, "crl.publish", "crl", ca.name + "/" + std::to_string(number), std::nullopt, "ok",
                         nlohmann::json{{"ca", ca.name},
                                        {"number", number},
                                        {"entries", out.entries},
                                        {"this_update", to_unix(out.this_update)},
                                        {"next_update", to_unix(out.next_update)},
                                        {"sha256", rec.sha256}}
                             .dump()};
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    if (auto s = store::insert_crl(**lease, rec); !s) return fail(s.error());
    // Every node serves it from the store; the previous one stays for a client mid-download.
    if (auto s = store::store_crl_content(**lease, ca.id, number, *der, 2); !s) return fail(s.error());
    if (auto seq = audit::append(**lease, clock, event); !seq) return fail(seq.error());
    if (auto s = tx->commit(); !s) return fail(s.error());
  }
  spdlog::info("published CRL {} of CA {} with {} entries", number, ca.name, out.entries);
  return out;
}

}  // namespace ct::pki
