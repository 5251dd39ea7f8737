#include "pki/revocation.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/hex.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

audit::AuditEvent revocation_event(const RevocationRequest& req, const std::string& serial) {
  audit::AuditEvent e;
  e.actor = req.actor;
  e.action = req.reason == crypto::CrlReason::remove_from_crl    ? "cert.release"
             : req.reason == crypto::CrlReason::certificate_hold ? "cert.hold"
                                                                 : "cert.revoke";
  e.object_type = "certificate";
  e.object_id = serial;
  e.org_id = req.org_id;
  nlohmann::json d = {{"serial", serial}, {"reason", crypto::to_string(req.reason)}};
  if (req.invalidity_date) d["invalidity_date"] = to_unix(*req.invalidity_date);
  e.details = d.dump();
  return e;
}

}  // namespace

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
  if (auto e = store::record_status_change(**lease, *serial, now); !e) return fail(e.error());  // OCSP/CRL pollers
  if (auto seq = audit::append(**lease, clock, revocation_event(req, *serial)); !seq) return fail(seq.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return *serial;
}

Result<std::string> revoke_in(store::Connection& c, const Clock& clock, const RevocationRequest& req) {
  auto serial = normalize_serial_hex(req.serial);
  if (!serial) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ (cần chuỗi hex): " + req.serial,
                "Invalid serial number (hex expected): " + req.serial, "serial");
  }
  if (!c.in_transaction()) {
    return fail(ErrorCode::internal, "revoke_in cần một giao dịch ghi đang mở", "revoke_in needs an open write transaction");
  }
  const TimePoint now = clock.now();
  if (req.invalidity_date && *req.invalidity_date > now) {
    return fail(ErrorCode::invalid_input, "Ngày mất hiệu lực không được ở tương lai",
                "The invalidity date cannot be in the future", "invalidity_date");
  }
  Status applied;
  if (req.reason == crypto::CrlReason::remove_from_crl) {
    applied = store::release_hold(c, *serial);
  } else {
    const bool hold = req.reason == crypto::CrlReason::certificate_hold;
    std::optional<int> code;
    if (req.reason != crypto::CrlReason::unspecified) code = static_cast<int>(req.reason);
    applied = store::set_revoked(c, *serial, hold, now, code, req.invalidity_date);
  }
  if (!applied) return fail(applied.error());
  if (auto e = store::record_status_change(c, *serial, now); !e) return fail(e.error());  // OCSP/CRL pollers
  if (auto seq = audit::append(c, clock, revocation_event(req, *serial)); !seq) return fail(seq.error());
  return *serial;
}

}  // namespace ct::pki
