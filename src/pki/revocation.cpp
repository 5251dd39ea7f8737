#include "pki/revocation.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/hex.h"
#include "store/notifications.h"
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

// The event that tells the certificate's subscriber and unit manager (SPEC §9); the notify
// layer finds them from the serial.
Status add_revocation_event(store::Connection& c, const RevocationRequest& req, const std::string& serial,
                            TimePoint now) {
  store::NotificationEvent e;
  e.kind = req.reason == crypto::CrlReason::remove_from_crl    ? "cert.released"
           : req.reason == crypto::CrlReason::certificate_hold ? "cert.held"
                                                               : "cert.revoked";
  e.org_id = req.org_id;
  e.serial = serial;
  e.params = nlohmann::json{{"reason", crypto::to_string(req.reason)}, {"actor", req.actor}}.dump();
  e.created_at = now;
  auto added = store::add_notification_event(c, e);
  if (!added) return fail(added.error());
  return {};
}

}  // namespace

Result<std::string> revoke(store::Database& db, const Clock& clock, const RevocationRequest& req) {
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto serial = revoke_in(**lease, clock, req);
  if (!serial) return fail(serial.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return serial;
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
  if (auto e = add_revocation_event(c, req, *serial, now); !e) return fail(e.error());
  return *serial;
}

}  // namespace ct::pki
