#include "registry/user.h"

#include <algorithm>

#include <sodium.h>

#include <array>
#include <mutex>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "registry/access_policy.h"
#include "registry/organization.h"
#include "common/internet_names.h"
#include "common/text.h"
#include "registry/subscriber.h"
#include "registry/validation.h"

namespace ct::registry {
namespace {

Status sodium_ready() {
  static std::once_flag once;
  static int rc = -1;
  std::call_once(once, [] { rc = sodium_init(); });
  if (rc < 0) return fail(ErrorCode::internal, "Không khởi tạo được libsodium", "libsodium failed to initialize");
  return {};
}

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

Status check_login(const std::string& login) {
  bool ok = login.size() >= 3 && login.size() <= 64;
  for (char c : login) ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-');
  if (!ok) {
    return fail(invalid("Tên đăng nhập gồm 3–64 ký tự a-z, 0-9, '.', '_', '-': " + login,
                        "A login is 3–64 characters of a-z, 0-9, '.', '_', '-': " + login, "login"));
  }
  return {};
}

}  // namespace

Result<std::optional<std::string>> official_email(const std::string& given, const RegistrySettings& settings) {
  const std::string email = text::ascii_lower(text::trim(given));
  if (email.empty()) return std::optional<std::string>{};
  if (!is_email_address(email)) {
    return fail(invalid("Địa chỉ thư điện tử không hợp lệ: " + given, "Invalid e-mail address: " + given, "email"));
  }
  if (!email_in_domains(email, settings.email_domains)) {
    const std::string domains = email_domains_text(settings.email_domains);
    return fail(invalid("Thư điện tử của người dùng phải là hộp thư công vụ (" + domains + "): " + given,
                        "A user's e-mail must be an official mailbox (" + domains + "): " + given, "email"));
  }
  return std::optional<std::string>{email};
}

Status check_new_password(const std::string& password, std::string_view login) {
  if (password.size() < 12) {
    return fail(invalid("Mật khẩu phải có ít nhất 12 ký tự", "The password must have at least 12 characters",
                        "password"));
  }
  if (password.size() > 1024) {
    return fail(invalid("Mật khẩu dài quá 1024 byte", "The password is longer than 1024 bytes", "password"));
  }
  if (text::ascii_lower(password) == text::ascii_lower(std::string(login))) {
    return fail(invalid("Mật khẩu không được trùng tên đăng nhập", "The password must not be the login", "password"));
  }
  return {};
}

const char* user_columns() noexcept {
  return "id, login, role, org_id, subscriber_id, active, created_at, email, notify_digest, notify_unit_reminders, "
         "CASE WHEN password_hash = '' THEN 0 ELSE 1 END";
}

User read_user(const store::Query& r) {
  User u;
  u.id = r.get_int(0);
  u.login = r.get_text(1);
  u.role = parse_role(r.get_text(2)).value_or(Role::subscriber);
  u.org_id = r.get_opt_int(3);
  u.subscriber_id = r.get_opt_int(4);
  u.active = r.get_int(5) != 0;
  u.created_at = from_unix(r.get_int(6));
  u.email = r.get_opt_text(7);
  u.notify_digest = r.get_int(8) != 0;
  u.notify_unit_reminders = r.get_int(9) != 0;
  u.activated = r.get_int(10) != 0;
  return u;
}

bool needs_second_factor(Role r) noexcept {
  return r == Role::ra_officer || r == Role::ca_operator || r == Role::admin;
}

Result<std::vector<User>> list_users(RegistryEnv& env, const Actor& actor, Page page) {
  if (!allowed_somewhere(actor, Action::user_read)) {
    return fail(deny(env.db, env.clock, actor, Action::user_read, "user", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(std::string("SELECT ") + user_columns() + " FROM users ORDER BY login LIMIT $1 OFFSET $2");
  if (!q) return fail(q.error());
  q->bind(1, std::int64_t{page.limit}).bind(2, std::int64_t{page.offset});
  return store::read_all<User>(*q, read_user);
}

namespace {

template <typename Key>
Result<std::optional<User>> find_user_where(store::Connection& c, const char* where, const Key& key) {
  auto q = c.query(std::string("SELECT ") + user_columns() + " FROM users WHERE " + where);
  if (!q) return fail(q.error());
  q->bind(1, key);
  auto rows = store::read_all<User>(*q, read_user);
  if (!rows) return fail(rows.error());
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(std::move(rows->front()));
}

}  // namespace

Result<std::optional<User>> find_user(store::Connection& c, std::int64_t id) { return find_user_where(c, "id = $1", id); }

Result<std::optional<User>> find_user(store::Connection& c, std::string_view login) {
  return find_user_where(c, "login = $1", login);
}

Result<User> set_user_email(RegistryEnv& env, const Actor& actor, std::int64_t id, const std::string& email) {
  if (!allowed_somewhere(actor, Action::user_create)) {
    return fail(deny(env.db, env.clock, actor, Action::user_create, "user", std::to_string(id)));
  }
  auto checked = official_email(email, env.settings);
  if (!checked) return fail(checked.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto q = (*lease)->query(std::string("UPDATE users SET email = $2 WHERE id = $1 RETURNING ") + user_columns());
  if (!q) return fail(q.error());
  q->bind(1, id).bind_opt(2, *checked);
  auto rows = store::read_all<User>(*q, read_user);
  if (!rows) return fail(rows.error());
  if (rows->empty()) {
    return fail(ErrorCode::not_found, "Không có người dùng số " + std::to_string(id), "No user " + std::to_string(id),
                "id");
  }
  audit::AuditEvent ev{actor.login, "user.email", "user", rows->front().login, rows->front().org_id, "ok",
                       nlohmann::json{{"email", checked->value_or("")}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return rows->front();
}

Result<NotificationSettings> notification_settings(RegistryEnv& env, const Actor& actor) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("SELECT notify_digest, notify_unit_reminders FROM users WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, actor.user_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) {
    return fail(ErrorCode::not_found, "Không có người dùng " + actor.login, "No user " + actor.login, "login");
  }
  return NotificationSettings{q->get_int(0) != 0, q->get_int(1) != 0};
}

Result<NotificationSettings> set_notification_settings(RegistryEnv& env, const Actor& actor,
                                                       const NotificationSettings& s) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto q = (*lease)->query(
      "UPDATE users SET notify_digest = $2, notify_unit_reminders = $3 WHERE id = $1 AND active = 1 RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, actor.user_id).bind(2, std::int64_t{s.digest ? 1 : 0}).bind(3, std::int64_t{s.unit_reminders ? 1 : 0});
  auto touched = store::updated_one(*q);
  if (!touched) return fail(touched.error());
  if (!*touched) {
    return fail(ErrorCode::not_found, "Không có người dùng " + actor.login, "No user " + actor.login, "login");
  }
  audit::AuditEvent ev{actor.login, "user.notification_settings", "user", actor.login, actor.org_id, "ok",
                       nlohmann::json{{"digest", s.digest}, {"unit_reminders", s.unit_reminders}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return s;
}

std::string generate_password(Rng& rng) {
  constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  while (out.size() < 16) {
    std::array<std::uint8_t, 1> b{};
    rng.fill(b);
    if (b[0] >= 256 - (256 % kAlphabet.size())) continue;  // no modulo bias
    out.push_back(kAlphabet[b[0] % kAlphabet.size()]);
  }
  return out;
}

Result<std::string> hash_password(const std::string& password) {
  if (auto s = sodium_ready(); !s) return fail(s.error());
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return fail(ErrorCode::unavailable, "Không đủ bộ nhớ để băm mật khẩu", "Out of memory while hashing the password");
  }
  return std::string(out.data());
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (!sodium_ready()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<User> insert_user(store::Connection& c, const NewUser& u, const std::string& password_hash, TimePoint now) {
  if (auto s = check_login(u.login); !s) return fail(s.error());
  if (is_scoped(u.role) && !u.org_id) {
    return fail(invalid("Vai trò " + std::string(to_string(u.role)) + " cần một cơ quan (--org)",
                        "Role " + std::string(to_string(u.role)) + " needs an organization (--org)", "org"));
  }
  if (u.role == Role::subscriber && !u.subscriber_id) {
    return fail(invalid("Vai trò subscriber cần số thuê bao (--subscriber)",
                        "The subscriber role needs a subscriber id (--subscriber)", "subscriber"));
  }
  if (u.org_id) {
    auto org = find_organization(c, *u.org_id);
    if (!org) return fail(org.error());
    if (!*org) {
      return fail(ErrorCode::not_found, "Không có cơ quan số " + std::to_string(*u.org_id),
                  "No organization " + std::to_string(*u.org_id), "org");
    }
    if (!(*org)->active) {
      return fail(invalid("Cơ quan «" + (*org)->name + "» đã ngừng hoạt động", "Organization «" + (*org)->name +
                          "» is deactivated", "org"));
    }
  }
  std::optional<std::string> email;
  if (u.email && !u.email->empty()) {
    email = text::ascii_lower(text::trim(*u.email));
    if (!is_email_address(*email)) {
      return fail(invalid("Địa chỉ thư điện tử không hợp lệ: " + *u.email, "Invalid e-mail address: " + *u.email,
                          "email"));
    }
  }
  if (u.subscriber_id) {
    auto s = find_subscriber(c, *u.subscriber_id);
    if (!s) return fail(s.error());
    if (!*s || (u.org_id && (*s)->org_id != *u.org_id)) {
      return fail(ErrorCode::not_found, "Không có thuê bao số " + std::to_string(*u.subscriber_id) + " trong cơ quan này",
                  "No subscriber " + std::to_string(*u.subscriber_id) + " in this organization", "subscriber");
    }
  }
  auto q = c.query(
      "INSERT INTO users (login, role, org_id, subscriber_id, password_hash, active, created_at, email) VALUES ($1, "
      "$2, $3, $4, $5, 1, $6, $7) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, u.login).bind(2, to_string(u.role)).bind_opt(3, u.org_id).bind_opt(4, u.subscriber_id);
  q->bind(5, password_hash).bind(6, to_unix(now)).bind_opt(7, email);
  auto row = q->step();
  if (!row) {
    if (row.error().code == ErrorCode::conflict) {
      return fail(ErrorCode::conflict, "Tên đăng nhập đã tồn tại: " + u.login, "The login already exists: " + u.login,
                  "login");
    }
    return fail(row.error());
  }
  User out{q->get_int(0), u.login, u.role, u.org_id, u.subscriber_id, true, now, email};
  out.activated = !password_hash.empty();
  if (auto s = q->run(); !s) return fail(s.error());
  return out;
}

Result<User> create_user(RegistryEnv& env, const Actor& actor, const NewUser& u, const std::string& password) {
  if (!allowed_somewhere(actor, Action::user_create)) {
    return fail(deny(env.db, env.clock, actor, Action::user_create, "user", u.login));
  }
  if (u.email) {
    if (auto e = official_email(*u.email, env.settings); !e) return fail(e.error());
  }
  if (auto p = check_new_password(password, u.login); !p) return fail(p.error());
  auto hash = hash_password(password);
  if (!hash) return fail(hash.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto user = insert_user(**lease, u, *hash, env.clock.now());
  if (!user) return fail(user.error());
  audit::AuditEvent ev{actor.login, "user.create", "user", u.login, u.org_id, "ok",
                       nlohmann::json{{"role", to_string(u.role)}, {"email", u.email.value_or("")}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return user;
}

Result<bool> aggregator_covers(store::Connection& c, const std::string& org_path) {
  auto q = c.query(
      "SELECT o.path FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.role = 'aggregator' AND u.active = 1");
  if (!q) return fail(q.error());
  auto paths = store::read_all<std::string>(*q, [](const store::Query& row) { return row.get_text(0); });
  if (!paths) return fail(paths.error());
  return std::any_of(paths->begin(), paths->end(),
                     [&](const std::string& p) { return org_path.compare(0, p.size(), p) == 0; });
}

}  // namespace ct::registry
