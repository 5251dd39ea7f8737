// Users and roles (admin). A generated password and a new TOTP secret are in the creation
// response only: shown once, stored as an argon2id hash and sealed respectively.
#include "registry/user.h"
#include "registry/user_credentials.h"
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
  std::optional<std::string> password;
};

ApiResult create(ApiCall& call) {
  auto b = read_body<NewUserBody>(call.body, [](JsonReader& r) {
    NewUserBody n;
    n.user.login = r.text("login", 64);
    n.role = r.text("role", 32);
    n.user.org_id = r.opt_integer("org_id");
    n.user.subscriber_id = r.opt_integer("subscriber_id");
    n.user.email = r.opt_text("email", 254);
    n.password = r.opt_text("password", 1024);
    return n;
  });
  if (!b) return problem(b.error());
  auto role = registry::parse_role(b->role);
  if (!role) return problem(role.error());
  b->user.role = *role;
  const bool generated = !b->password;
  const std::string password = generated ? registry::generate_password(call.env.rng) : *b->password;
  auto u = registry::create_user(call.env, call.who(), b->user, password);
  if (!u) return problem(u.error());
  nlohmann::json j = user_json(*u);
  if (generated) j["password"] = password;
  if (registry::needs_second_factor(u->role)) {
    auto key = call.services.ctx.app.totp_key();
    if (!key) return problem(key.error());
    auto lease = call.env.db.acquire();
    if (!lease) return problem(lease.error());
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return problem(tx.error());
    auto secret = registry::enroll_totp(**lease, u->id, *key, call.env.rng, call.now());
    if (!secret) return problem(secret.error());
    if (auto c = tx->commit(); !c) return problem(c.error());
    j["totp_secret"] = *secret;
    j["totp_uri"] = registry::otpauth_uri(u->login, *secret);
  }
  return json_response(j, 201);
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
  created["properties"]["password"] = S::str("Only when generated: shown once");
  created["properties"]["totp_secret"] = S::str("Base32 TOTP secret (ra_officer, ca_operator, admin): shown once");
  created["properties"]["totp_uri"] = S::str("otpauth:// URI of the secret: shown once");
  out.push_back({.method = "POST",
                 .path = "/api/v1/users",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Tạo người dùng / Create a user",
                 .body = Body::json,
                 .request_schema = S::body({{"login", S::str("3–64 of a-z 0-9 . _ -")},
                                            {"role", S::one_of_strings({"subscriber", "unit_manager", "aggregator",
                                                                        "ra_officer", "ca_operator", "auditor",
                                                                        "admin"})},
                                            {"org_id", S::integer()},
                                            {"subscriber_id", S::integer()},
                                            {"email", S::str("Official e-mail address (validation.email_domains)")},
                                            {"password", S::str("At least 12 characters; generated when absent")}},
                                           {"login", "role"}),
                 .response_schema = created,
                 .success_status = 201,
                 .handler = create});
  out.push_back({.method = "PATCH",
                 .path = "/api/v1/users/{id}",
                 .action = Action::user_create,
                 .tag = "users",
                 .summary = "Đổi thư điện tử công vụ / Change the official e-mail",
                 .body = Body::json,
                 .request_schema = S::body({{"email", S::str("The official address; \"\" removes it")}}, {"email"}),
                 .response_schema = user_schema(),
                 .handler = patch});
}

}  // namespace ct::server
