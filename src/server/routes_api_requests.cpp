// Requests (SPEC §3, §4): list, create, read, edit. Transitions: routes_api_transitions.cpp;
// documents: routes_api_attachments.cpp.
#include "server/routes_api_requests.h"

#include "common/text.h"
#include "server/routes_api_bodies.h"
#include "server/routes_api_support.h"

namespace ct::server {

namespace S = schema;

nlohmann::json request_view_json(const registry::RequestView& v, TimePoint now) {
  nlohmann::json j = registry::to_json(v.request, now);
  j["timeline"] = nlohmann::json::array();
  for (const auto& e : v.timeline) j["timeline"].push_back(registry::to_json(e));
  j["attachments"] = nlohmann::json::array();
  for (const auto& a : v.attachments) {
    j["attachments"].push_back({{"id", a.id},
                                {"kind", a.kind},
                                {"name", a.name},
                                {"sha256", a.sha256},
                                {"size", a.size},
                                {"media_type", a.media_type},
                                {"uploaded_by", a.uploaded_by},
                                {"href", "/api/v1/requests/" + std::to_string(v.request.id) + "/attachments/" +
                                             std::to_string(a.id)}});
  }
  j["approvals"] = v.approvals;
  j["device_events"] = nlohmann::json::array();
  for (const auto& e : v.device_events) j["device_events"].push_back(registry::to_json(e));
  return j;
}

nlohmann::json request_view_schema() {
  return S::object({{"id", S::integer()},
                    {"type", S::str()},
                    {"state", S::str()},
                    {"subscriber_id", S::integer()},
                    {"findings", S::findings()},
                    {"result_serial", S::str("The certificate issued, once completed")},
                    {"timeline", S::array(S::any_object())},
                    {"attachments", S::array(S::any_object())},
                    {"approvals", S::array(S::str())},
                    {"device_events", S::array(S::object({{"device_serial", S::str()},
                                                           {"at", S::str()},
                                                           {"actor", S::str()},
                                                           {"from", S::str()},
                                                           {"to", S::str()},
                                                           {"action", S::str()},
                                                           {"note", S::str()}}))}});
}

ApiResult view_response(ApiCall& call, std::int64_t id, int status) {
  registry::RequestWorkflow wf(call.env);
  auto v = wf.show(call.who(), id);
  if (!v) return problem(v.error());
  return json_response(request_view_json(*v, call.now()), status);
}

Problem workflow_problem(ApiCall& call, std::int64_t id, const Error& e) {
  if (e.from_findings) {
    registry::RequestWorkflow wf(call.env);
    auto v = wf.show(call.who(), id);
    return Problem(e, v ? registry::to_json(v->request.findings) : nlohmann::json::array(), 422);
  }
  return Problem(e);
}

namespace {

nlohmann::json new_request_schema() {
  return S::body({{"type", S::one_of_strings(registry::request_type_codes())},
                  {"subscriber_id", S::integer()},
                  {"cert_serial", S::str("The certificate concerned (" + registry::types_naming_certificate() + ")")},
                  {"ground", S::str(registry::grounds_help())},
                  {"csr_pem", S::str("PKCS#10 (its subject is ignored)")},
                  {"mailbox", S::str()},
                  {"note", S::str()},
                  {"new_name", S::str()},
                  {"new_email", S::str()},
                  {"new_position", S::str()},
                  {"new_phone", S::str()},
                  {"new_org_id", S::integer()}},
                 {"type", "subscriber_id"});
}

ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  registry::RequestFilter f;
  if (auto s = query_text(call.req, "state"); !s.empty()) {
    auto st = registry::parse_request_state(s);
    if (!st) return problem(st.error().within("state"));
    f.state = *st;
  }
  if (auto s = query_text(call.req, "type"); !s.empty()) {
    auto t = registry::parse_request_type(s);
    if (!t) return problem(t.error().within("type"));
    f.type = *t;
  }
  f.search = query_text(call.req, "q");
  if (f.search.size() > 200) {
    return problem(Error::make(ErrorCode::invalid_input, "Chuỗi tìm kiếm dài quá 200 byte",
                               "The search text is longer than 200 bytes", "q"));
  }
  f.overdue_only = query_text(call.req, "overdue") == "true";
  f.awaiting = query_text(call.req, "awaiting");
  if (!f.awaiting.empty() && f.awaiting != "device") {
    return problem(Error::make(ErrorCode::invalid_input, "awaiting chỉ nhận giá trị device",
                               "awaiting takes only the value device", "awaiting"));
  }
  for (const char* name : {"batch_id", "subscriber_id"}) {
    if (call.req.query.count(name) == 0) continue;
    auto v = query_integer(call.req, name, 0, 1, INT64_MAX);
    if (!v) return problem(v.error());
    (std::string(name) == "batch_id" ? f.batch_id : f.subscriber_id) = *v;
  }
  registry::RequestWorkflow wf(call.env);
  auto rs = wf.list(call.who(), f, *page);
  if (!rs) return problem(rs.error());
  std::vector<std::int64_t> ids;
  for (const auto& r : *rs) ids.push_back(r.id);
  auto lease = call.env.db.acquire();
  if (!lease) return problem(lease.error());
  auto approvals = registry::request_approvals(**lease, ids);
  if (!approvals) return problem(approvals.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rs) {
    items.push_back(registry::to_json(r, call.now()));
    items.back()["approvals"] = (*approvals)[r.id];
  }
  return json_response(page_json(std::move(items), *page));
}

ApiResult create(ApiCall& call) {
  auto n = decode_new_request(call.body);
  if (!n) return problem(n.error());
  registry::RequestWorkflow wf(call.env);
  auto r = wf.create(call.who(), *n);
  if (!r) return problem(r.error());
  return view_response(call, r->id, 201);
}

ApiResult validate(ApiCall& call) {
  auto n = decode_new_request(call.body);
  if (!n) return problem(n.error());
  registry::RequestWorkflow wf(call.env);
  auto r = wf.check(call.who(), *n);
  if (!r) return problem(r.error());
  return json_response({{"form", registry::form_of(r->type, r->form.subject.kind == registry::SubjectKind::organization)},
                        {"findings", registry::to_json(r->findings)}});
}

ApiResult get(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  return view_response(call, *id);
}

ApiResult edit(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto e = decode_request_edit(call.body);
  if (!e) return problem(e.error());
  registry::RequestWorkflow wf(call.env);
  auto r = wf.edit(call.who(), *id, *e);
  if (!r) return tl::unexpected(workflow_problem(call, *id, r.error()));
  return view_response(call, *id);
}

}  // namespace

void add_request_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/requests",
                 .action = Action::request_read,
                 .tag = "requests",
                 .summary = "Yêu cầu trong phạm vi, mới nhất trước / Requests in scope, newest first",
                 .response_schema = S::page(request_view_schema()),
                 .query = page_params({{"q", "string",
                                        "The person's name without diacritics, CCCD or e-mail, or the request's number"},
                                       {"state", "string", text::join(registry::request_state_codes(), ", ")},
                                       {"type", "string", text::join(registry::request_type_codes(), ", ")},
                                       {"overdue", "boolean", "Only requests past their decision deadline"},
                                       {"awaiting", "string", "device: only approved requests waiting for the token station"},
                                       {"batch_id", "integer", "Only this batch"},
                                       {"subscriber_id", "integer", "Only this subscriber"}}),
                 .handler = list});
  out.push_back({.method = "POST",
                 .path = "/api/v1/requests",
                 .action = Action::request_create,
                 .tag = "requests",
                 .summary = "Tạo yêu cầu nháp / Create a draft request (documents: POST …/attachments)",
                 .body = Body::json,
                 .request_schema = new_request_schema(),
                 .response_schema = request_view_schema(),
                 .success_status = 201,
                 .handler = create});
  out.push_back({.method = "POST",
                 .path = "/api/v1/requests/validate",
                 .action = Action::request_create,
                 .tag = "requests",
                 .summary = "Kiểm tra thử, không lưu / Dry run of POST /api/v1/requests: the same body, roles and "
                            "scope; answers the form and the findings a draft would have (no documents yet) and "
                            "stores nothing",
                 .body = Body::json,
                 .request_schema = new_request_schema(),
                 .response_schema = S::object({{"form", S::str("Mẫu 01 … Mẫu 06; \"\" for a mailbox")},
                                               {"findings", S::findings()}}),
                 .handler = validate});
  out.push_back({.method = "GET",
                 .path = "/api/v1/requests/{id}",
                 .action = Action::request_read,
                 .tag = "requests",
                 .summary = "Yêu cầu: trạng thái, kiểm tra, diễn biến / A request with findings and timeline",
                 .response_schema = request_view_schema(),
                 .handler = get});
  out.push_back({.method = "PATCH",
                 .path = "/api/v1/requests/{id}",
                 .action = Action::request_edit,
                 .tag = "requests",
                 .summary = "Sửa yêu cầu nháp hoặc bị trả lại / Edit a draft or returned request",
                 .body = Body::json,
                 .request_schema = S::body({{"csr_pem", S::str()},
                                            {"ground", S::str()},
                                            {"mailbox", S::str()},
                                            {"note", S::str()},
                                            {"email", S::str()},
                                            {"phone", S::str()},
                                            {"position", S::str()},
                                            {"name", S::str()},
                                            {"cert_serial", S::str("The certificate concerned")},
                                            {"new_org_id", S::integer("change_info: the organization to move to; "
                                                                      "0 to stay")}}),
                 .response_schema = request_view_schema(),
                 .handler = edit});
}

}  // namespace ct::server
