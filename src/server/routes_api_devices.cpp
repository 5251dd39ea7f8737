// The device register (SPEC §6): devices in reach, one with its history, and the state
// changes of the configured table (registry/device_changes.h): a unit reports a token lost or
// found, the CA terminates or re-formats one.
#include "common/text.h"
#include "registry/device_changes.h"
#include "registry/devices.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

const char* effect_name(registry::CertificateEffect e) noexcept {
  switch (e) {
    case registry::CertificateEffect::hold: return "hold";
    case registry::CertificateEffect::release: return "release";
    case registry::CertificateEffect::revoke: return "revoke";
    case registry::CertificateEffect::none: break;
  }
  return "none";
}

nlohmann::json transition_json(const registry::DeviceTransition& t) {
  nlohmann::json j{{"from", registry::to_string(t.from)},
                   {"to", registry::to_string(t.to)},
                   {"to_label_vi", registry::label_vi(t.to)},
                   {"effect", effect_name(t.effect)}};
  if (t.effect == registry::CertificateEffect::revoke) j["reason"] = crypto::to_string(t.reason);
  return j;
}

nlohmann::json transition_schema() {
  return S::object({{"from", S::one_of_strings(registry::device_state_names())},
                    {"to", S::one_of_strings(registry::device_state_names())},
                    {"to_label_vi", S::str("The target state in Vietnamese")},
                    {"effect", S::one_of_strings({"none", "hold", "release", "revoke"},
                                                 "What happens to the device's certificates")},
                    {"reason", S::str("For revoke: the RFC 5280 reason name")}});
}

nlohmann::json device_schema(bool detailed) {
  nlohmann::json j = S::object({{"id", S::integer()},
                                {"kind", S::one_of_strings({"TOKEN", "SIM", "SOFT", "RSSP", "HSM"})},
                                {"serial", S::str("A token's serial as pkcs11-tool -L prints it")},
                                {"model", S::str()},
                                {"manufacturer", S::str()},
                                {"label", S::str()},
                                {"subscriber_id", S::integer("The holder")},
                                {"org_id", S::integer()},
                                {"state", S::one_of_strings(registry::device_state_names())},
                                {"created_at", S::str()},
                                {"updated_at", S::str()},
                                {"handed_over_at", S::str("Handed over to the holder since the last enrolment; null: not yet")},
                                {"changes", S::array(transition_schema())}});
  j["properties"]["changes"]["description"] = "The changes the caller may make now";
  if (detailed) {
    j["properties"]["events"] = S::array(S::object({{"at", S::str()},
                                                    {"actor", S::str()},
                                                    {"from", S::str()},
                                                    {"to", S::str()},
                                                    {"request_id", S::integer()},
                                                    {"action", S::str("enrol, receive, handover, found, …")},
                                                    {"note", S::str()}}));
    j["properties"]["certificates"] = S::array(S::str("Serial of a certificate whose key was generated on it"));
  }
  return j;
}

nlohmann::json device_json(ApiCall& call, const registry::Device& d) {
  nlohmann::json j = registry::to_json(d);
  j["changes"] = nlohmann::json::array();
  for (const auto& t : registry::changes_for(call.who(), d, call.env.settings.device_transitions)) {
    j["changes"].push_back(transition_json(t));
  }
  return j;
}

ApiResult list(ApiCall& call) {
  std::optional<std::int64_t> subscriber;
  if (call.req.query.count("subscriber_id") != 0) {
    auto id = query_integer(call.req, "subscriber_id", 0, 1, INT64_MAX);
    if (!id) return problem(id.error());
    subscriber = *id;
  }
  auto devices = registry::list_devices(call.env, call.who(), subscriber);
  if (!devices) return problem(devices.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& d : *devices) items.push_back(device_json(call, d));
  return json_response({{"items", std::move(items)}});
}

ApiResult detailed(ApiCall& call, const registry::Device& d) {
  nlohmann::json j = device_json(call, d);
  auto lease = call.env.db.acquire();
  if (!lease) return problem(lease.error());
  auto events = registry::device_events(**lease, d.id);
  if (!events) return problem(events.error());
  j["events"] = nlohmann::json::array();
  for (const auto& e : *events) j["events"].push_back(registry::to_json(e));
  auto certs = registry::certificates_on_device(**lease, d.id);
  if (!certs) return problem(certs.error());
  j["certificates"] = *certs;
  return json_response(std::move(j));
}

ApiResult get(ApiCall& call) {
  auto d = registry::get_device(call.env, call.who(), call.req.params.at("device_serial"));
  if (!d) return problem(d.error());
  return detailed(call, *d);
}

ApiResult change_state(ApiCall& call) {
  struct Body {
    std::string state;
    std::string note;
  };
  auto b = read_body<Body>(call.body, [](JsonReader& r) {
    return Body{r.text("state", 32), r.opt_text("note", 2000).value_or("")};
  });
  if (!b) return problem(b.error());
  auto to = registry::parse_device_state(b->state);
  if (!to) {
    const std::string names = text::join(registry::device_state_names(), ", ");
    return problem(Error::make(ErrorCode::invalid_input, "Trạng thái thiết bị không có: " + b->state + " (có: " + names + ")",
                               "No device state " + b->state + " (the states: " + names + ")", "state"));
  }
  registry::DeviceChange change{call.req.params.at("device_serial"), *to, b->note};
  auto done = registry::change_device_state(call.env, call.who(), change);
  if (!done) return problem(done.error());
  return detailed(call, done->device);
}

ApiResult record(ApiCall& call) {
  auto b = read_body<registry::RecordedDevice>(call.body, [](JsonReader& r) {
    registry::RecordedDevice d;
    d.kind = r.text("kind", 8);
    d.serial = r.text("serial", 256);
    d.subscriber_id = r.integer("subscriber_id");
    d.model = r.opt_text("model", 400).value_or("");
    d.manufacturer = r.opt_text("manufacturer", 400).value_or("");
    d.certificate_serial = r.opt_text("certificate_serial", 64).value_or("");
    return d;
  });
  if (!b) return problem(b.error());
  auto d = registry::record_device(call.env, call.who(), *b);
  if (!d) return problem(d.error());
  auto out = detailed(call, *d);
  if (out) out->status = 201;
  return out;
}

ApiResult handover(ApiCall& call) {
  struct Body {
    std::string received_by;
    std::string note;
  };
  auto b = read_body<Body>(call.body, [](JsonReader& r) {
    return Body{r.text("received_by", 800), r.opt_text("note", 2000).value_or("")};
  });
  if (!b) return problem(b.error());
  auto done = registry::hand_over_device(call.env, call.who(), call.req.params.at("device_serial"), b->received_by,
                                         b->note);
  if (!done) return problem(done.error());
  return detailed(call, *done);
}

ApiResult transitions(ApiCall& call) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& t : call.env.settings.device_transitions.entries()) items.push_back(transition_json(t));
  return json_response({{"items", std::move(items)}});
}

}  // namespace

void add_device_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/devices",
                 .action = Action::subscriber_read,
                 .tag = "devices",
                 .summary = "Thiết bị trong phạm vi / Devices in reach",
                 .response_schema = S::object({{"items", S::array(device_schema(false))}}),
                 .query = {{"subscriber_id", "integer", "Only the devices of this subscriber"}},
                 .handler = list});
  out.push_back({.method = "POST",
                 .path = "/api/v1/devices",
                 .action = Action::device_manage,
                 .tag = "devices",
                 .summary = "Ghi nhận SIM, SOFT, RSSP, HSM / Record a SIM, SOFT, RSSP or HSM key store",
                 .body = Body::json,
                 .request_schema = S::body({{"kind", S::one_of_strings({"SIM", "SOFT", "RSSP", "HSM"})},
                                            {"serial", S::str("ICCID, service account, serial (at most 64)")},
                                            {"subscriber_id", S::integer("The holder")},
                                            {"model", S::str()},
                                            {"manufacturer", S::str("Manufacturer, carrier or provider")},
                                            {"certificate_serial", S::str("The certificate whose key it holds")}},
                                           {"kind", "serial", "subscriber_id"}),
                 .response_schema = device_schema(true),
                 .success_status = 201,
                 .handler = record});
  out.push_back({.method = "GET",
                 .path = "/api/v1/devices/{device_serial}",
                 .action = Action::subscriber_read,
                 .tag = "devices",
                 .summary = "Một thiết bị, lịch sử, chứng thư số / One device, its history and certificates",
                 .response_schema = device_schema(true),
                 .handler = get});
  out.push_back({.method = "POST",
                 .path = "/api/v1/devices/{device_serial}/state",
                 .action = Action::device_report,
                 .tag = "devices",
                 .summary = "Báo mất, tìm thấy, hỏng, khóa; chuyển trạng thái / Report lost, found, damaged, "
                            "locked; change state",
                 .body = Body::json,
                 .request_schema = S::body({{"state", S::one_of_strings(registry::device_state_names())},
                                            {"note", S::str("Why (at most 500 characters)")}},
                                           {"state"}),
                 .response_schema = device_schema(true),
                 .handler = change_state});
  out.push_back({.method = "POST",
                 .path = "/api/v1/devices/{device_serial}/handover",
                 .action = Action::device_handover,
                 .tag = "devices",
                 .summary = "Ghi nhận đã bàn giao thiết bị / Record a token's handover to its holder",
                 .body = Body::json,
                 .request_schema = S::body({{"received_by", S::str("Who received it (at most 200 characters)")},
                                            {"note", S::str("E.g. the handover record's number")}},
                                           {"received_by"}),
                 .response_schema = device_schema(true),
                 .handler = handover});
  out.push_back({.method = "GET",
                 .path = "/api/v1/device-transitions",
                 .action = Action::subscriber_read,
                 .tag = "devices",
                 .summary = "Bảng chuyển trạng thái thiết bị / The device state machine",
                 .response_schema = S::object({{"items", S::array(transition_schema())}}),
                 .handler = transitions});
}

}  // namespace ct::server
