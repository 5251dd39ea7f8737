// Organizations (SPEC §2): the tree of state bodies.
#include "registry/organization.h"
#include "registry/organization_admin.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json org_schema() {
  return S::object({{"id", S::integer()},
                    {"parent_id", S::integer()},
                    {"path", S::str()},
                    {"level", S::integer()},
                    {"name", S::str()},
                    {"short_code", S::str()},
                    {"state_body", S::boolean()},
                    {"address", S::str()},
                    {"tax_code", S::str()},
                    {"budget_code", S::str()},
                    {"province", S::str()},
                    {"email", S::str()},
                    {"active", S::boolean("False once deactivated: it takes no new people, requests or units")},
                    {"created_at", S::str()}});
}

// The body of a creation (with the parent; the name required) or of an edit (any field).
nlohmann::json org_body(bool creation) {
  nlohmann::json j = S::body({{"name", S::str()},
                              {"state_body", S::boolean()},
                              {"short_code", S::str()},
                              {"address", S::str()},
                              {"tax_code", S::str("MST: 10 digits, or 10-3 for a branch")},
                              {"budget_code", S::str("Mã QHNS: 7 digits")},
                              {"province", S::str()},
                              {"email", S::str()}});
  if (creation) {
    j["properties"]["parent_id"] = S::integer();
    j["required"] = nlohmann::json::array({"name"});
  }
  return j;
}

ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  auto orgs = registry::list_organizations(call.env, call.who(), query_text(call.req, "q"), *page);
  if (!orgs) return problem(orgs.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : *orgs) items.push_back(registry::to_json(o));
  return json_response(page_json(std::move(items), *page));
}

ApiResult create(ApiCall& call) {
  auto n = read_body<registry::NewOrganization>(call.body, [](JsonReader& r) {
    registry::NewOrganization o;
    o.name = r.text("name");
    o.parent_id = r.opt_integer("parent_id");
    o.state_body = r.opt_boolean("state_body").value_or(true);
    o.short_code = r.opt_text("short_code").value_or("");
    o.address = r.opt_text("address").value_or("");
    o.tax_code = r.opt_text("tax_code").value_or("");
    o.budget_code = r.opt_text("budget_code").value_or("");
    o.province = r.opt_text("province").value_or("");
    o.email = r.opt_text("email").value_or("");
    return o;
  });
  if (!n) return problem(n.error());
  auto o = registry::create_organization(call.env, call.who(), *n);
  if (!o) return problem(o.error());
  return json_response(registry::to_json(*o), 201);
}

ApiResult get(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto o = registry::get_organization(call.env, call.who(), *id);
  if (!o) return problem(o.error());
  return json_response(registry::to_json(*o));
}

ApiResult edit(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto e = read_body<registry::OrganizationEdit>(call.body, [](JsonReader& r) {
    registry::OrganizationEdit o;
    o.name = r.opt_text("name");
    o.short_code = r.opt_text("short_code");
    o.address = r.opt_text("address");
    o.tax_code = r.opt_text("tax_code");
    o.budget_code = r.opt_text("budget_code");
    o.province = r.opt_text("province");
    o.email = r.opt_text("email");
    o.state_body = r.opt_boolean("state_body");
    return o;
  });
  if (!e) return problem(e.error());
  auto o = registry::edit_organization(call.env, call.who(), *id, *e);
  if (!o) return problem(o.error());
  return json_response(registry::to_json(*o));
}

ApiResult set_active(ApiCall& call, bool active) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto o = registry::set_organization_active(call.env, call.who(), *id, active);
  if (!o) return problem(o.error());
  return json_response(registry::to_json(*o));
}

ApiResult deactivate(ApiCall& call) { return set_active(call, false); }
ApiResult activate(ApiCall& call) { return set_active(call, true); }

}  // namespace

void add_organization_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/organizations",
                 .action = Action::org_read,
                 .tag = "organizations",
                 .summary = "Cơ quan trong phạm vi / Organizations in scope",
                 .response_schema = S::page(org_schema()),
                 .query = page_params({{"q", "string", "Search the name (diacritics-insensitive)"}}),
                 .handler = list});
  out.push_back({.method = "POST",
                 .path = "/api/v1/organizations",
                 .action = Action::org_create,
                 .tag = "organizations",
                 .summary = "Tạo cơ quan / Create an organization",
                 .body = Body::json,
                 .request_schema = org_body(true),
                 .response_schema = org_schema(),
                 .success_status = 201,
                 .handler = create});
  out.push_back({.method = "GET",
                 .path = "/api/v1/organizations/{id}",
                 .action = Action::org_read,
                 .tag = "organizations",
                 .summary = "Một cơ quan / One organization",
                 .response_schema = org_schema(),
                 .handler = get});
  out.push_back({.method = "PATCH",
                 .path = "/api/v1/organizations/{id}",
                 .action = Action::org_create,
                 .tag = "organizations",
                 .summary = "Sửa thông tin cơ quan (tỉnh: chỉ ở cấp 1, cả cây theo) / Edit an organization (the "
                            "province only at level 1; its tree follows)",
                 .body = Body::json,
                 .request_schema = org_body(false),
                 .response_schema = org_schema(),
                 .handler = edit});
  out.push_back({.method = "POST",
                 .path = "/api/v1/organizations/{id}/deactivate",
                 .action = Action::org_create,
                 .tag = "organizations",
                 .summary = "Ngừng hoạt động cơ quan và các đơn vị trực thuộc (từ chối khi còn chứng thư hiệu lực, yêu "
                            "cầu mở hoặc tài khoản hoạt động) / Deactivate an organization and its units (refused, 409, "
                            "while certificates are in force, requests open or accounts active there)",
                 .body = Body::json_or_empty,
                 .response_schema = org_schema(),
                 .handler = deactivate});
  out.push_back({.method = "POST",
                 .path = "/api/v1/organizations/{id}/activate",
                 .action = Action::org_create,
                 .tag = "organizations",
                 .summary = "Hoạt động trở lại / Reactivate an organization (its parent must be active)",
                 .body = Body::json_or_empty,
                 .response_schema = org_schema(),
                 .handler = activate});
}

}  // namespace ct::server
