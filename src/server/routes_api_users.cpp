// Users and roles (admin). The admin never sees a user's secret: a new user gets an activation
// link at their official e-mail and chooses their password (and enrols TOTP) themself; a reset is
// a new link (registry/account_links.h).
#include "registry/account_links.h"
#include "registry/user.h"
#include "registry/user_admin.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json user_json(const registry::User& u) {
  return {{"id", u.id},
          {"login", u.login},
          {"role", registry::to_string(u.role)},
          {"org_id", opt_json(u.org_id)},
          {"subscriber_id", opt_json(u.subscriber_id)},
          {"email", u.email ? nlohmann::json(*u.email) : nlohmann::json()},
          {"active", u.active},
          {"activated", u.activated},
          {"second_factor", registry::needs_second_factor(u.role)},
          {"created_at", timefmt::iso8601_utc(u.created_at)}};
}

nlohmann::json user_schema() {
  return S::object({{"id", S::integer()},
                    {"login", S::str()},
                    {"role", S::str()},
                    {"org_id", S::integer()},
                    {"subscriber_id", S::integer()},
                    {"email", S::str("Official e-mail address (null when none)")},
                    {"active", S::boolean()},
                    {"activated", S::boolean("The user has set a password through their activation link")},
                    {"second_factor", S::boolean()},
                    {"created_at", S::str()}});
}

ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  auto users = registry::list_users(call.env, call.who(), *page);
  if (!users) return problem(users.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : *users) items.push_back(user_json(u));
  return json_response(page_json(std::move(items), *page));
}

struct NewUserBody {
  registry::NewUser user;
  std::string role;
};

ApiResult create(ApiCall& call) {
  auto b = read_body<NewUserBody>(call.body, [](JsonReader& r) {
    NewUserBody n;
    n.user.login = r.text("login", 64);
    n.role = r.text("role", 32);
    n.user.org_id = r.opt_integer("org_id");
    n.user.subscriber_id = r.opt_integer("subscriber_id");
    n.user.email = r.text("email", 254);
    return n;
  });
  if (!b) return problem(b.error());
  auto role = registry::parse_role(b->role);
  if (!role) return problem(role.error());
  b->user.role = *role;
  auto mail = call.services.ctx.app.account_mailer();
  if (!mail) return problem(mail.error());
  auto sent = registry::invite_user(call.env, call.who(), b->user, *mail);
  if (!sent) return problem(sent.error());
  nlohmann::json j = user_json(sent->user);
  j["activation_expires_at"] = timefmt::iso8601_utc(sent->expires_at);
  return json_response(j, 201);
}

ApiResult send_link(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto enrol = read_body<bool>(call.body, [](JsonReader& r) { return r.opt_boolean("second_factor").value_or(false); });
  if (!enrol) return problem(enrol.error());
  auto mail = call.services.ctx.app.account_mailer();
  if (!mail) return problem(mail.error());
  auto sent = registry::send_account_link(call.env, call.who(), *id, *enrol, *mail);
  if (!sent) return problem(sent.error());
  return json_response({{"user_id", sent->user.id},
                        {"email", sent->user.email.value_or("")},
                        {"expires_at", timefmt::iso8601_utc(sent->expires_at)}},
                       202);
}

ApiResult patch(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto email = read_body<std::string>(call.body, [](JsonReader& r) { return r.text("email", 254); });
  if (!email) return problem(email.error());
  auto u = registry::set_user_email(call.env, call.who(), *id, *email);
  if (!u) return problem(u.error());
  return json_response(user_json(*u));
}

ApiResult changed(const Result<registry::ChangedUser>& u) {
  if (!u) return problem(u.error());
  nlohmann::json j = user_json(u->user);
  j["second_factor_to_enrol"] = u->second_factor_to_enrol;
  return json_response(j);
}

ApiResult set_active(ApiCall& call, bool active) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  return changed(registry::change_user(call.env, call.who(), *id, {.active = active}));
}

ApiResult disable(ApiCall& call) { return set_active(call, false); }
ApiResult enable(ApiCall& call) { return set_active(call, true); }

struct RoleBody {
  std::string role;
  std::optional<std::int64_t> org_id;
};

ApiResult set_role(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto b = read_body<RoleBody>(call.body, [](JsonReader& r) {
    return RoleBody{r.opt_text("role", 32).value_or(""), r.opt_integer("org_id")};
  });
  if (!b) return problem(b.error());
  registry::UserChange c;
  if (!b->role.empty()) {
    auto role = registry::parse_role(b->role);
    if (!role) return problem(role.error());
    c.role = *role;
  }
  c.org_id = b->org_id;
  return changed(registry::change_user(call.env, call.who(), *id, c));
}

nlohmann::json changed_schema() {
  nlohmann::json j = user_schema();
  j["properties"]["second_factor_to_enrol"] =
      S::boolean("The new role signs in with TOTP: send a reset link with second_factor to enrol it");
  return j;
}

}  // namespace

void add_user_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/users",
                 .action = Action::user_read,
                 .tag = "users",
                 .summary = "Người dùng / Users",
                 .response_schema = S::page(user_schema()),
                 .query = page_params(),
                 .handler = list});
  nlohmann::json created = user_schema();
  created["properties"]["activation_expires_at"] = S::str("When the mailed activation link stops working");
  out.push_back({.method = "POST",
                 .path = "/api/v1/users",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Tạo người dùng (liên kết kích hoạt gửi tới thư điện tử công vụ) / Create a user (the "
                            "activation link goes to their official e-mail; nobody else sees a secret)",
                 .body = Body::json,
                 .request_schema = S::body({{"login", S::str("3–64 of a-z 0-9 . _ -")},
                                            {"role", S::one_of_strings({"subscriber", "unit_manager", "aggregator",
                                                                        "ra_officer", "ca_operator", "auditor",
                                                                        "admin"})},
                                            {"org_id", S::integer()},
                                            {"subscriber_id", S::integer()},
                                            {"email", S::str("Official e-mail address (validation.email_domains)")}},
                                           {"login", "role", "email"}),
                 .response_schema = created,
                 .success_status = 201,
                 .handler = create});
  out.push_back({.method = "POST",
                 .path = "/api/v1/users/{id}/reset-link",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Gửi liên kết đặt lại mật khẩu / Mail a password reset link (an activation link while "
                            "the user has not activated); earlier links stop working",
                 .body = Body::json_or_empty,
                 .request_schema = S::body({{"second_factor", S::boolean("Also enrol a new TOTP secret (the user "
                                                                         "lost their authenticator)")}},
                                           {}),
                 .response_schema = S::object({{"user_id", S::integer()},
                                               {"email", S::str()},
                                               {"expires_at", S::str()}}),
                 .success_status = 202,
                 .handler = send_link});
  out.push_back({.method = "PATCH",
                 .path = "/api/v1/users/{id}",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Đổi thư điện tử công vụ / Change the official e-mail",
                 .body = Body::json,
                 .request_schema = S::body({{"email", S::str("The official address; \"\" removes it")}}, {"email"}),
                 .response_schema = user_schema(),
                 .handler = patch});
  out.push_back({.method = "POST",
                 .path = "/api/v1/users/{id}/disable",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Khóa tài khoản (phiên đang mở hết hiệu lực ngay) / Disable an account (its sessions stop "
                            "at once; not one's own, not the last administrator)",
                 .body = Body::json_or_empty,
                 .response_schema = changed_schema(),
                 .handler = disable});
  out.push_back({.method = "POST",
                 .path = "/api/v1/users/{id}/enable",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Mở khóa tài khoản / Enable an account",
                 .body = Body::json_or_empty,
                 .response_schema = changed_schema(),
                 .handler = enable});
  out.push_back({.method = "PUT",
                 .path = "/api/v1/users/{id}/role",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Đổi vai trò hoặc cơ quan của người dùng / Change a user's role or organization",
                 .body = Body::json,
                 .request_schema = S::body({{"role", S::one_of_strings({"subscriber", "unit_manager", "aggregator",
                                                                        "ra_officer", "ca_operator", "auditor",
                                                                        "admin"})},
                                            {"org_id", S::integer("The new organization (scoped roles)")}},
                                           {}),
                 .response_schema = changed_schema(),
                 .handler = set_role});
}

}  // namespace ct::server
