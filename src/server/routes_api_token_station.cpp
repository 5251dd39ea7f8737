// The token station through the API (app/token_station.h), for a CA operator whose token reader
// is on the server's host: the requests waiting for a device, the tokens the module sees, enrol,
// reset a PIN, abandon an enrolment, and Mẫu 07 with the PIN the operator was just shown (the
// server keeps no PIN: the letter is drawn from what the caller sends back).
#include "app/token_station.h"
#include "pki/hierarchy.h"
#include "registry/devices.h"
#include "registry/request.h"
#include "registry/request_step.h"
#include "registry/subscriber.h"
#include "registry/token_enrolments.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;
namespace p11 = crypto::pkcs11;

Result<p11::Module> module_of(ApiCall& call) {
  auto path = app::pkcs11_module_path(call.services.ctx.app.config());
  if (!path) return fail(path.error());
  return p11::Module::load(*path);
}

nlohmann::json waiting_json(store::Connection& c, const registry::Request& r) {
  nlohmann::json j{{"request_id", r.id},
                   {"type", registry::to_string(r.type)},
                   {"subscriber_id", r.subscriber_id},
                   {"holder", r.form.subject.full_name},
                   {"cert_serial", r.cert_serial},
                   {"enrolment", nullptr}};
  auto e = registry::find_enrolment(c, r.id);
  if (e && *e) {
    j["enrolment"] = {{"stage", registry::to_string((*e)->stage)}, {"device_serial", (*e)->device_serial}};
  }
  return j;
}

ApiResult overview(ApiCall& call) {
  registry::RequestFilter f;
  f.state = registry::RequestState::approved;
  f.awaiting = "device";
  auto lease = call.env.db.acquire();
  if (!lease) return problem(lease.error());
  auto waiting = registry::query_requests(**lease, call.who(), f, call.now(), registry::Page{1000, 0});
  if (!waiting) return problem(waiting.error());
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& r : *waiting) requests.push_back(waiting_json(**lease, r));
  nlohmann::json out{{"requests", std::move(requests)}, {"slots", nlohmann::json::array()}, {"module_error", nullptr}};
  // The reader may be missing or broken: the waiting list still answers, with the reason.
  auto module = module_of(call);
  auto slots = module ? module->slots() : Result<std::vector<p11::SlotInfo>>(fail(module.error()));
  if (!slots) {
    out["module_error"] = {{"title", slots.error().message_vi}, {"title_en", slots.error().message_en}};
    return json_response(std::move(out));
  }
  for (const auto& s : *slots) {
    nlohmann::json j = app::slot_json(s);
    j["device_state"] = nullptr;
    if (s.token && !s.token->serial.empty()) {
      auto d = registry::find_device(**lease, s.token->serial);
      if (d && *d) j["device_state"] = registry::to_string((*d)->state);
    }
    out["slots"].push_back(std::move(j));
  }
  return json_response(std::move(out));
}

struct StationBody {
  std::int64_t request_id = 0;
  std::int64_t slot = 0;
};

ApiResult run_station(ApiCall& call, bool enroll) {
  auto b = read_body<StationBody>(call.body, [](JsonReader& r) { return StationBody{r.integer("request_id"), r.integer("slot")}; });
  if (!b) return problem(b.error());
  if (b->slot < 0) return problem(Error::make(ErrorCode::invalid_input, "Khe không hợp lệ", "Invalid slot", "slot"));
  auto module = module_of(call);
  if (!module) return problem(module.error());
  app::Context& app = call.services.ctx.app;
  auto key = app.device_key();
  if (!key) return problem(key.error());
  std::optional<pki::CertificateAuthority> ca;
  if (enroll) {
    auto loaded = app.certificate_authority(pki::kIssuingCa);
    if (!loaded) return problem(loaded.error());
    ca.emplace(std::move(*loaded));
  }
  app::TokenStation station(call.env, ca ? &*ca : nullptr, *key, *module, call.who().login);
  const auto slot = static_cast<std::uint64_t>(b->slot);
  auto done = enroll ? station.enroll(b->request_id, slot) : station.reset_pin(b->request_id, slot);
  if (!done) return problem(done.error());
  return json_response({{"request_id", done->request_id},
                        {"device_serial", done->device_serial},
                        {"certificate_serial", done->certificate_serial},
                        {"user_pin", done->user_pin},
                        {"resumed", done->resumed}});
}

ApiResult enroll(ApiCall& call) { return run_station(call, true); }
ApiResult reset_pin(ApiCall& call) { return run_station(call, false); }

ApiResult abandon(ApiCall& call) {
  struct Body {
    std::int64_t request_id = 0;
    std::string note;
  };
  auto b = read_body<Body>(call.body, [](JsonReader& r) {
    return Body{r.integer("request_id"), r.opt_text("note", 2000).value_or("")};
  });
  if (!b) return problem(b.error());
  auto done = app::abandon_enrolment(call.env, b->request_id, call.who().login, b->note);
  if (!done) return problem(done.error());
  return json_response({{"request_id", b->request_id}, {"device_serial", done->device_serial}});
}

ApiResult letter(ApiCall& call) {
  struct Body {
    std::int64_t request_id = 0;
    std::string user_pin;
  };
  auto b = read_body<Body>(call.body, [](JsonReader& r) {
    return Body{r.integer("request_id"), r.opt_text("user_pin", 32).value_or("")};
  });
  if (!b) return problem(b.error());
  if (b->user_pin.find_first_not_of("0123456789") != std::string::npos) {
    return problem(Error::make(ErrorCode::invalid_input, "Mã PIN chỉ gồm chữ số", "The PIN is digits only", "user_pin"));
  }
  app::TokenOutcome out{b->request_id, "", "", b->user_pin, false};
  {
    auto lease = call.env.db.acquire();
    if (!lease) return problem(lease.error());
    auto r = registry::find_request(**lease, b->request_id);
    if (!r) return problem(r.error());
    if (!*r) return problem(registry::request_not_found(b->request_id));
    const bool recovery = (*r)->type == registry::RequestType::recover_device;
    out.certificate_serial = recovery ? (*r)->cert_serial : (*r)->result_serial;
    auto device = out.certificate_serial.empty()
                      ? Result<std::optional<registry::Device>>(std::optional<registry::Device>())
                      : registry::device_of_certificate(**lease, out.certificate_serial);
    if (!device) return problem(device.error());
    if ((*r)->state != registry::RequestState::completed || !*device) {
      return problem(Error::make(ErrorCode::conflict,
                                 "Yêu cầu số " + std::to_string(b->request_id) + " chưa hoàn thành trên thiết bị nào",
                                 "Request " + std::to_string(b->request_id) + " has not been completed on a token",
                                 "request_id"));
    }
    out.device_serial = (*device)->serial;
  }
  auto pdf = app::handover_letter(call.env, out, call.services.ctx.app.pki().organization, call.who().login);
  if (!pdf) return problem(pdf.error());
  return file_response(*pdf, "application/pdf", "mau-07-" + std::to_string(b->request_id) + ".pdf");
}

nlohmann::json outcome_schema() {
  return S::object({{"request_id", S::integer()},
                    {"device_serial", S::str("The token's serial")},
                    {"certificate_serial", S::str()},
                    {"user_pin", S::str("The new initial user PIN: shown once, stored nowhere")},
                    {"resumed", S::boolean("An interrupted enrolment was taken up again")}});
}

}  // namespace

void add_token_station_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  const auto station_body = S::body({{"request_id", S::integer()}, {"slot", S::integer("PKCS#11 slot id")}},
                                    {"request_id", "slot"});
  out.push_back({.method = "GET",
                 .path = "/api/v1/token-station",
                 .action = Action::worker_run,
                 .tag = "devices",
                 .summary = "Trạm thiết bị: yêu cầu chờ thiết bị, khe và thiết bị / Token station: requests waiting, "
                            "slots and tokens",
                 .response_schema = S::object({{"requests", S::array(S::any_object("A request waiting for a device"))},
                                               {"slots", S::array(S::any_object("A slot as `token list --json`"))},
                                               {"module_error", S::any_object("Why the module cannot be read")}}),
                 .handler = overview});
  out.push_back({.method = "POST",
                 .path = "/api/v1/token-station/enroll",
                 .action = Action::worker_run,
                 .tag = "devices",
                 .summary = "Khởi tạo thiết bị, sinh khóa, cấp và ghi chứng thư số / Enrol a token",
                 .body = Body::json,
                 .request_schema = station_body,
                 .response_schema = outcome_schema(),
                 .handler = enroll});
  out.push_back({.method = "POST",
                 .path = "/api/v1/token-station/reset-pin",
                 .action = Action::worker_run,
                 .tag = "devices",
                 .summary = "Đặt lại PIN người dùng / Reset a token's user PIN",
                 .body = Body::json,
                 .request_schema = station_body,
                 .response_schema = outcome_schema(),
                 .handler = reset_pin});
  out.push_back({.method = "POST",
                 .path = "/api/v1/token-station/abandon",
                 .action = Action::worker_run,
                 .tag = "devices",
                 .summary = "Bỏ dở lần khởi tạo chưa cấp chứng thư / Abandon an enrolment before issue",
                 .body = Body::json,
                 .request_schema = S::body({{"request_id", S::integer()}, {"note", S::str()}}, {"request_id"}),
                 .response_schema = S::object({{"request_id", S::integer()}, {"device_serial", S::str()}}),
                 .handler = abandon});
  out.push_back({.method = "POST",
                 .path = "/api/v1/token-station/letter",
                 .action = Action::worker_run,
                 .tag = "devices",
                 .summary = "Biên bản bàn giao Mẫu 07 (PDF) / The Mẫu 07 handover record (PDF)",
                 .body = Body::json,
                 .request_schema = S::body({{"request_id", S::integer()},
                                            {"user_pin", S::str("The PIN just shown, to print; empty: a blank")}},
                                           {"request_id"}),
                 .response_type = "application/pdf",
                 .handler = letter});
}

}  // namespace ct::server
