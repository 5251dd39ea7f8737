// abandon_enrolment (token_station.h): an enrolment given up before its certificate exists.
#include <nlohmann/json.hpp>

#include "app/token_station.h"
#include "audit/audit_log.h"
#include "registry/devices.h"
#include "registry/request.h"
#include "registry/request_step.h"

namespace ct::app {

Result<AbandonOutcome> abandon_enrolment(registry::RegistryEnv& env, std::int64_t request_id, const std::string& actor,
                                         const std::string& note) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto request = registry::find_request(c, request_id);
  if (!request) return fail(request.error());
  if (!*request) return fail(registry::request_not_found(request_id));
  auto e = registry::find_enrolment(c, request_id);
  if (!e) return fail(e.error());
  const std::string id = std::to_string(request_id);
  if (!*e) {
    return fail(ErrorCode::not_found, "Yêu cầu số " + id + " không có lần khởi tạo thiết bị nào đang dở",
                "Request " + id + " has no enrolment in progress", "request");
  }
  if ((*e)->stage == registry::EnrolmentStage::issued || (*e)->stage == registry::EnrolmentStage::written) {
    return fail(ErrorCode::conflict,
                "Chứng thư số " + (*e)->certificate_serial + " của yêu cầu số " + id +
                    " đã được cấp: hãy báo thiết bị hỏng (chungthu device set-state) và lập yêu cầu cấp lại",
                "Certificate " + (*e)->certificate_serial + " of request " + id +
                    " is issued: report the token damaged (chungthu device set-state) and file a reissue",
                "request");
  }
  if (auto s = registry::set_enrolment_stage(c, request_id, registry::EnrolmentStage::abandoned, "", env.clock.now());
      !s) {
    return fail(s.error());
  }
  AbandonOutcome out{(*e)->device_serial};
  if (!out.device_serial.empty()) {
    auto known = registry::find_device(c, out.device_serial);
    if (!known) return fail(known.error());
    registry::EnrolledDevice d;
    d.serial = out.device_serial;
    d.so_pin_sealed = (*e)->so_pin_sealed;
    if (*known) {
      d.model = (*known)->model;
      d.manufacturer = (*known)->manufacturer;
      d.label = (*known)->label;
    }
    const std::string why = "bỏ dở khởi tạo cho yêu cầu số " + id + " / enrolment abandoned" +
                            (note.empty() ? std::string() : ": " + note);
    if (auto f = registry::register_formatted(c, env.clock, d, actor, request_id, why); !f) return fail(f.error());
  }
  nlohmann::json details{{"request_id", request_id}, {"device_serial", out.device_serial}, {"note", note}};
  const audit::AuditEvent ev{actor, "token.abandon", "request", id, (*request)->org_id, "ok", details.dump()};
  if (auto a = audit::append(c, env.clock, ev); !a) return fail(a.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return out;
}

}  // namespace ct::app
