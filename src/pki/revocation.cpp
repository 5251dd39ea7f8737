#include "pki/revocation.h"

#include "common/hex.h"
#include "store/pki_repository.h"

namespace ct::pki {

Result<std::string> revoke(store::Database& db, const Clock& clock, const RevocationRequest& req) {
  auto serial = normalize_serial_hex(req.serial);
  if (!serial) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ (cần chuỗi hex): " + req.serial,
                "Invalid serial number (hex expected): " + req.serial, "serial");
  }
  const TimePoint now = clock.now();
  if (req.invalidity_date && *req.invalidity_date > now) {
    return fail(ErrorCode::invalid_input, "Ngày mất hiệu lực không được ở tương lai",
                "The invalidity date cannot be in the future", "invalidity_date");
  }
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  Status applied;
  if (req.reason == crypto::CrlReason::remove_from_crl) {
    applied = store::release_hold(**lease, *serial);
  } else {
    const bool hold = req.reason == crypto::CrlReason::certificate_hold;
    std::optional<int> code;
    if (req.reason != crypto::CrlReason::unspecified) code = static_cast<int>(req.reason);
    applied = store::set_revoked(**lease, *serial, hold, now, code, req.invalidity_date);
  }
  if (!applied) return fail(applied.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return *serial;
}

}  // namespace ct::pki
