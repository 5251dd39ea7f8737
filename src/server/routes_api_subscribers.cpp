// Subscribers (SPEC §2): people and organizations certificates are issued to.
#include "registry/subscriber.h"
#include "registry/validation.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json subject_schema() {
  return S::object({{"kind", S::one_of_strings({"individual", "organization"})},
                    {"full_name", S::str()},
                    {"dob", S::str("dd/MM/yyyy")},
                    {"cccd", S::str("12 digits")},
                    {"cccd_date", S::str("dd/MM/yyyy")},
                    {"cccd_place", S::str("Issuing authority code")},
                    {"email", S::str()},
                    {"position", S::str()},
                    {"phone", S::str()},
                    {"carrier", S::str()},
                    {"manager_name", S::str()},
                    {"device", S::one_of_strings({"TOKEN", "SIM", "SOFT", "RSSP", "HSM"})}});
}

nlohmann::json new_subscriber_schema() {
  return S::body({{"org_id", S::integer()},
                  {"kind", S::one_of_strings({"individual", "organization"})},
                  {"full_name", S::str()},
                  {"dob", S::str("dd/MM/yyyy")},
                  {"cccd", S::str("12 digits")},
                  {"cccd_date", S::str("dd/MM/yyyy")},
                  {"cccd_place", S::str()},
                  {"email", S::str()},
                  {"position", S::str()},
                  {"phone", S::str()},
                  {"carrier", S::str()},
                  {"manager_name", S::str()},
                  {"device", S::one_of_strings({"TOKEN", "SIM", "SOFT", "RSSP", "HSM"})}},
                 {"org_id", "full_name"});
}

nlohmann::json subscriber_schema() {
  return S::object({{"id", S::integer()},
                    {"org_id", S::integer()},
                    {"data", subject_schema()},
                    {"mailbox_provisioned", S::boolean()},
                    {"created_at", S::str()}});
}

struct NewSubscriberBody {
  std::int64_t org_id = 0;
  registry::SubjectData data;
  std::string kind;
};

// The findings that refused a subscriber, for the problem document (the registry's error
// carries them as text).
nlohmann::json subscriber_findings(ApiCall& call, const NewSubscriberBody& b) {
  auto findings = registry::check_subscriber(call.env, call.who(), b.org_id, b.data);
  return findings ? registry::to_json(*findings) : nlohmann::json(nullptr);
}

ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  auto subs = registry::list_subscribers(call.env, call.who(), query_text(call.req, "q"), *page);
  if (!subs) return problem(subs.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& s : *subs) items.push_back(registry::to_json(s));
  return json_response(page_json(std::move(items), *page));
}

// The body of POST /api/v1/subscribers and of its dry run.
Result<NewSubscriberBody> decode_new_subscriber(const nlohmann::json& body) {
  auto b = read_body<NewSubscriberBody>(body, [](JsonReader& r) {
    NewSubscriberBody n;
    n.org_id = r.integer("org_id");
    n.kind = r.opt_text("kind").value_or("individual");
    auto& d = n.data;
    d.full_name = r.text("full_name");
    d.dob = r.opt_text("dob").value_or("");
    d.cccd = r.opt_text("cccd").value_or("");
    d.cccd_date = r.opt_text("cccd_date").value_or("");
    d.cccd_place = r.opt_text("cccd_place").value_or("");
    d.email = r.opt_text("email").value_or("");
    d.position = r.opt_text("position").value_or("");
    d.phone = r.opt_text("phone").value_or("");
    d.carrier = r.opt_text("carrier").value_or("");
    d.manager_name = r.opt_text("manager_name").value_or("");
    d.device = r.opt_text("device").value_or("TOKEN");
    return n;
  });
  if (!b) return fail(b.error());
  auto kind = registry::parse_subject_kind(b->kind);
  if (!kind) return fail(kind.error().within("kind"));
  b->data.kind = *kind;
  return b;
}

ApiResult create(ApiCall& call) {
  auto b = decode_new_subscriber(call.body);
  if (!b) return problem(b.error());
  auto s = registry::create_subscriber(call.env, call.who(), b->org_id, b->data);
  if (!s) {
    if (s.error().from_findings) {
      return tl::unexpected(Problem(s.error(), subscriber_findings(call, *b), 422));
    }
    return problem(s.error());
  }
  return json_response(registry::to_json(*s), 201);
}

ApiResult validate(ApiCall& call) {
  auto b = decode_new_subscriber(call.body);
  if (!b) return problem(b.error());
  auto findings = registry::check_subscriber(call.env, call.who(), b->org_id, b->data);
  if (!findings) return problem(findings.error());
  return json_response({{"findings", registry::to_json(*findings)}});
}

ApiResult update(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto b = decode_new_subscriber(call.body);
  if (!b) return problem(b.error());
  auto s = registry::update_subscriber(call.env, call.who(), *id, b->org_id, b->data);
  if (!s) {
    if (s.error().from_findings) {
      return tl::unexpected(Problem(s.error(), subscriber_findings(call, *b), 422));
    }
    return problem(s.error());
  }
  return json_response(registry::to_json(*s));
}

ApiResult get(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto s = registry::get_subscriber(call.env, call.who(), *id);
  if (!s) return problem(s.error());
  return json_response(registry::to_json(*s));
}

}  // namespace

void add_subscriber_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/subscribers",
                 .action = Action::subscriber_read,
                 .tag = "subscribers",
                 .summary = "Thuê bao trong phạm vi / Subscribers in scope",
                 .response_schema = S::page(subscriber_schema()),
                 .query = page_params({{"q", "string", "Search the name (diacritics-insensitive)"}}),
                 .handler = list});
  out.push_back({.method = "POST",
                 .path = "/api/v1/subscribers",
                 .action = Action::subscriber_create,
                 .tag = "subscribers",
                 .summary = "Thêm thuê bao / Add a subscriber (validated: 422 with findings)",
                 .body = Body::json,
                 .request_schema = new_subscriber_schema(),
                 .response_schema = subscriber_schema(),
                 .success_status = 201,
                 .handler = create});
  out.push_back({.method = "POST",
                 .path = "/api/v1/subscribers/validate",
                 .action = Action::subscriber_create,
                 .tag = "subscribers",
                 .summary = "Kiểm tra thử, không lưu / Dry run of POST /api/v1/subscribers: the same body, roles "
                            "and scope; answers the validation findings and stores nothing",
                 .body = Body::json,
                 .request_schema = new_subscriber_schema(),
                 .response_schema = S::object({{"findings", S::findings()}}),
                 .handler = validate});
  out.push_back({.method = "GET",
                 .path = "/api/v1/subscribers/{id}",
                 .action = Action::subscriber_read,
                 .tag = "subscribers",
                 .summary = "Một thuê bao / One subscriber",
                 .response_schema = subscriber_schema(),
                 .handler = get});
  out.push_back({.method = "PUT",
                 .path = "/api/v1/subscribers/{id}",
                 .action = Action::subscriber_create,
                 .tag = "subscribers",
                 .summary = "Sửa thông tin thuê bao chưa có chứng thư còn hiệu lực / Correct a subscriber's data "
                            "(the body of POST, all fields; 422 with findings; 409 while a certificate is in force: "
                            "use a change_info request)",
                 .body = Body::json,
                 .request_schema = new_subscriber_schema(),
                 .response_schema = subscriber_schema(),
                 .handler = update});
}

}  // namespace ct::server
