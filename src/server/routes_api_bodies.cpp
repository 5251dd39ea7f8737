#include "server/routes_api_bodies.h"

#include "server/json_io.h"

namespace ct::server {

Result<registry::NewRequest> decode_new_request(const nlohmann::json& body) {
  JsonReader r(body);
  registry::NewRequest n;
  const std::string type = r.text("type", 32);
  n.subscriber_id = r.integer("subscriber_id");
  n.cert_serial = r.opt_text("cert_serial", 128).value_or("");
  n.ground = r.opt_text("ground", 64).value_or("");
  n.csr_pem = r.opt_text("csr_pem", kMaxCsrPem).value_or("");
  n.mailbox = r.opt_text("mailbox", 320).value_or("");
  n.note = r.opt_text("note").value_or("");
  n.new_name = r.opt_text("new_name");
  n.new_email = r.opt_text("new_email", 320);
  n.new_position = r.opt_text("new_position");
  n.new_phone = r.opt_text("new_phone", 32);
  n.new_org_id = r.opt_integer("new_org_id");
  if (auto s = r.finish(); !s) return fail(s.error());
  auto t = registry::parse_request_type(type);
  if (!t) return fail(t.error().within("type"));
  n.type = *t;
  return n;
}

Result<registry::RequestEdit> decode_request_edit(const nlohmann::json& body) {
  JsonReader r(body);
  registry::RequestEdit e;
  e.csr_pem = r.opt_text("csr_pem", kMaxCsrPem);
  e.ground = r.opt_text("ground", 64);
  e.mailbox = r.opt_text("mailbox", 320);
  e.note = r.opt_text("note");
  e.email = r.opt_text("email", 320);
  e.phone = r.opt_text("phone", 32);
  e.position = r.opt_text("position");
  e.name = r.opt_text("name");
  e.cert_serial = r.opt_text("cert_serial", 128);
  e.new_org_id = r.opt_integer("new_org_id");
  if (auto s = r.finish(); !s) return fail(s.error());
  return e;
}

Result<TransitionBody> decode_transition(const nlohmann::json& body, bool with_reasons) {
  JsonReader r(body);
  TransitionBody t;
  t.comment = r.opt_text("comment").value_or("");
  if (with_reasons) t.field_reasons = r.opt_text_map("field_reasons");
  if (auto s = r.finish(); !s) return fail(s.error());
  return t;
}

Result<SignInForm> decode_sign_in(const nlohmann::json& body) {
  JsonReader r(body);
  SignInForm f;
  f.login = r.text("login", 64);
  f.password = r.text("password", 1024);
  f.totp = r.opt_text("totp", 16).value_or("");
  if (auto s = r.finish(); !s) return fail(s.error());
  return f;
}

Result<AccountLinkForm> decode_account_link(const nlohmann::json& body, bool complete) {
  JsonReader r(body);
  AccountLinkForm f;
  f.token = r.text("token", 128);
  if (complete) {
    f.password = r.text("password", 1024);
    f.totp = r.opt_text("totp", 16).value_or("");
  }
  if (auto s = r.finish(); !s) return fail(s.error());
  return f;
}

Result<std::string> decode_password_reset(const nlohmann::json& body) {
  JsonReader r(body);
  std::string login = r.text("login", 64);
  if (auto s = r.finish(); !s) return fail(s.error());
  return login;
}

}  // namespace ct::server
