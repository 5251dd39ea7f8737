#include "registry/account_links.h"

#include <array>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/text.h"
#include "crypto/keys.h"
#include "registry/access_policy.h"
#include "registry/user_credentials.h"

namespace ct::registry {
namespace {

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

// The one answer for a token that does not open a link, whatever the reason.
Error no_link() {
  return Error::make(ErrorCode::not_found,
                     "Liên kết không hợp lệ, đã được dùng hoặc đã hết hạn; hãy đề nghị quản trị viên gửi liên kết mới "
                     "hoặc dùng «Quên mật khẩu» ở trang đăng nhập",
                     "The link is invalid, already used or expired; ask the administrator for a new one or use "
                     "\"Forgot your password\" on the sign-in page",
                     "token");
}

std::string new_token(Rng& rng) {
  std::array<std::uint8_t, 32> raw{};
  rng.fill(raw);
  return text::ascii_lower(to_hex(raw));
}

// Ends the user's unused links, stores a new one and hands it to the mailer; in c's transaction.
Result<TimePoint> issue_link(store::Connection& c, RegistryEnv& env, const User& user, LinkPurpose purpose,
                             bool enrol_totp, std::chrono::seconds ttl, const std::string& by,
                             const LinkMailer& mail, bool asked_by_user = false) {
  if (!user.email) {
    return fail(invalid("Người dùng " + user.login + " chưa có thư điện tử công vụ để nhận liên kết",
                        "User " + user.login + " has no official e-mail to receive the link", "email"));
  }
  const TimePoint now = env.clock.now();
  auto ended = c.query("UPDATE account_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL");
  if (!ended) return fail(ended.error());
  ended->bind(1, user.id).bind(2, to_unix(now));
  if (auto s = ended->run(); !s) return fail(s.error());
  AccountLinkMail link{purpose, new_token(env.rng), now, now + ttl, enrol_totp, asked_by_user};
  auto q = c.query(
      "INSERT INTO account_links (user_id, token_hash, purpose, enrol_totp, created_by, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)");
  if (!q) return fail(q.error());
  q->bind(1, user.id).bind(2, crypto::sha256_hex(link.token)).bind(3, to_string(purpose));
  q->bind(4, std::int64_t{enrol_totp ? 1 : 0}).bind(5, by).bind(6, to_unix(now)).bind(7, to_unix(link.expires_at));
  if (auto s = q->run(); !s) return fail(s.error());
  if (auto s = mail(c, user, link); !s) return fail(s.error());
  return link.expires_at;
}

struct StoredLink {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  LinkPurpose purpose = LinkPurpose::activate;
  bool enrol_totp = false;
  std::optional<std::string> pending_totp;
  TimePoint expires_at;
};

// The live link of `token`, or no_link().
Result<StoredLink> find_live_link(store::Connection& c, std::string_view token, TimePoint now) {
  if (token.size() != 64 || token.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return fail(no_link());
  }
  auto q = c.query(
      "SELECT id, user_id, purpose, enrol_totp, pending_totp, expires_at FROM account_links WHERE token_hash = $1 "
      "AND used_at IS NULL AND expires_at > $2 AND failures < $3");
  if (!q) return fail(q.error());
  q->bind(1, crypto::sha256_hex(token)).bind(2, to_unix(now)).bind(3, std::int64_t{kMaxLinkFailures});
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(no_link());
  StoredLink l{q->get_int(0), q->get_int(1), q->get_text(2) == "reset" ? LinkPurpose::reset : LinkPurpose::activate,
               q->get_int(3) != 0, q->get_opt_text(4), from_unix(q->get_int(5))};
  if (auto s = q->run(); !s) return fail(s.error());
  return l;
}

TotpStep totp_step_of(const StoredLink& l, const User& u) {
  if (!needs_second_factor(u.role)) return TotpStep::none;
  return l.enrol_totp ? TotpStep::enrol : TotpStep::required;
}

Status append_audit(store::Connection& c, RegistryEnv& env, const audit::AuditEvent& ev) {
  if (auto a = audit::append(c, env.clock, ev); !a) return fail(a.error());
  return {};
}

// The holder typed a wrong code: counted against the link in a transaction of its own.
Status count_failure(RegistryEnv& env, std::int64_t link_id) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("UPDATE account_links SET failures = failures + 1 WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, link_id);
  return q->run();
}

Error wrong_code() {
  return invalid("Mã xác thực không đúng hoặc đã được dùng; hãy nhập mã đang hiện trên ứng dụng xác thực",
                 "The authentication code is wrong or was already used; enter the code your authenticator app shows "
                 "now",
                 "totp");
}

}  // namespace

const char* to_string(LinkPurpose p) noexcept { return p == LinkPurpose::reset ? "reset" : "activate"; }

const char* to_string(TotpStep t) noexcept {
  switch (t) {
    case TotpStep::enrol: return "enrol";
    case TotpStep::required: return "required";
    case TotpStep::none: break;
  }
  return "none";
}

Result<LinkSent> invite_user(RegistryEnv& env, const Actor& actor, const NewUser& u, const LinkMailer& mail) {
  if (!allowed_somewhere(actor, Action::user_create)) {
    return fail(deny(env.db, env.clock, actor, Action::user_create, "user", u.login));
  }
  auto email = official_email(u.email.value_or(""), env.settings);
  if (!email) return fail(email.error());
  if (!*email) {
    return fail(invalid("Cần thư điện tử công vụ: liên kết kích hoạt tài khoản được gửi tới đó",
                        "An official e-mail is required: the activation link is sent there", "email"));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  NewUser checked = u;
  checked.email = *email;
  auto user = insert_user(**lease, checked, "", env.clock.now());
  if (!user) return fail(user.error());
  auto expires = issue_link(**lease, env, *user, LinkPurpose::activate, needs_second_factor(user->role),
                            std::chrono::hours(env.settings.activation_link_hours), actor.login, mail);
  if (!expires) return fail(expires.error());
  audit::AuditEvent ev{actor.login, "user.create", "user", u.login, u.org_id, "ok",
                       nlohmann::json{{"role", to_string(u.role)}, {"email", **email}, {"activation_link", true}}.dump()};
  if (auto a = append_audit(**lease, env, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return LinkSent{*user, *expires};
}

Result<LinkSent> send_account_link(RegistryEnv& env, const Actor& actor, std::int64_t id, bool enrol_totp,
                                   const LinkMailer& mail) {
  if (!allowed_somewhere(actor, Action::user_create)) {
    return fail(deny(env.db, env.clock, actor, Action::user_create, "user", std::to_string(id)));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto user = find_user(**lease, id);
  if (!user) return fail(user.error());
  if (!*user) {
    return fail(ErrorCode::not_found, "Không có người dùng số " + std::to_string(id), "No user " + std::to_string(id),
                "id");
  }
  const User& u = **user;
  if (!u.active) {
    return fail(invalid("Người dùng " + u.login + " đã bị khóa", "User " + u.login + " is deactivated", "id"));
  }
  if (enrol_totp && !needs_second_factor(u.role)) {
    return fail(invalid("Vai trò " + std::string(to_string(u.role)) + " không dùng mã TOTP",
                        "Role " + std::string(to_string(u.role)) + " does not use TOTP", "second_factor"));
  }
  // Until the user has activated, a new link is a new activation link, with its enrolment.
  const LinkPurpose purpose = u.activated ? LinkPurpose::reset : LinkPurpose::activate;
  const bool enrol = purpose == LinkPurpose::activate ? needs_second_factor(u.role) : enrol_totp;
  auto expires = issue_link(**lease, env, u, purpose, enrol, std::chrono::hours(env.settings.activation_link_hours),
                            actor.login, mail);
  if (!expires) return fail(expires.error());
  audit::AuditEvent ev{actor.login, "user.link_sent", "user", u.login, u.org_id, "ok",
                       nlohmann::json{{"purpose", to_string(purpose)}, {"totp_enrolment", enrol}}.dump()};
  if (auto a = append_audit(**lease, env, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return LinkSent{u, *expires};
}

Status request_password_reset(RegistryEnv& env, std::string_view login, const LinkMailer& mail) {
  if (login.empty() || login.size() > 64) return {};
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto user = find_user(**lease, login);
  if (!user) return fail(user.error());
  if (!*user || !(*user)->active || !(*user)->activated || !(*user)->email) return {};
  const User& u = **user;
  const std::chrono::minutes ttl(env.settings.reset_link_minutes);
  // At most one mail per user per link lifetime, however often the form is sent.
  auto recent = (*lease)->query(
      "SELECT COUNT(*) FROM account_links WHERE user_id = $1 AND used_at IS NULL AND created_at > $2");
  if (!recent) return fail(recent.error());
  recent->bind(1, u.id).bind(2, to_unix(env.clock.now() - ttl));
  auto row = recent->step();
  if (!row) return fail(row.error());
  const bool waiting = *row && recent->get_int(0) > 0;
  if (auto s = recent->run(); !s) return fail(s.error());
  if (waiting) return {};
  auto expires = issue_link(**lease, env, u, LinkPurpose::reset, false, ttl, u.login, mail, true);
  if (!expires) return fail(expires.error());
  audit::AuditEvent ev{u.login, "user.link_sent", "user", u.login, u.org_id, "ok",
                       nlohmann::json{{"purpose", "reset"}, {"asked_by_user", true}}.dump()};
  if (auto a = append_audit(**lease, env, ev); !a) return fail(a.error());
  return tx->commit();
}

Result<OpenedLink> open_account_link(RegistryEnv& env, std::string_view token, std::span<const std::uint8_t> totp_key) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto link = find_live_link(**lease, token, env.clock.now());
  if (!link) return fail(link.error());
  auto user = find_user(**lease, link->user_id);
  if (!user) return fail(user.error());
  if (!*user || !(*user)->active) return fail(no_link());
  OpenedLink out{**user, link->purpose, link->expires_at, totp_step_of(*link, **user), {}};
  if (out.totp == TotpStep::enrol) {
    if (!link->pending_totp) {
      auto sealed = new_sealed_totp_secret(totp_key, env.rng);
      if (!sealed) return fail(sealed.error());
      auto q = (*lease)->query("UPDATE account_links SET pending_totp = $2 WHERE id = $1");
      if (!q) return fail(q.error());
      q->bind(1, link->id).bind(2, *sealed);
      if (auto s = q->run(); !s) return fail(s.error());
      link->pending_totp = *sealed;
    }
    auto secret = open_sealed_totp_secret(totp_key, *link->pending_totp);
    if (!secret) return fail(secret.error());
    out.totp_secret = base32_encode(*secret);
  }
  if (auto c = tx->commit(); !c) return fail(c.error());
  return out;
}

Result<User> complete_account_link(RegistryEnv& env, std::string_view token, const std::string& password,
                                   std::string_view totp_code, std::span<const std::uint8_t> totp_key) {
  const TimePoint now = env.clock.now();
  StoredLink link;
  User user;
  {
    auto lease = env.db.acquire();
    if (!lease) return fail(lease.error());
    auto found = find_live_link(**lease, token, now);
    if (!found) return fail(found.error());
    link = std::move(*found);
    auto u = find_user(**lease, link.user_id);
    if (!u) return fail(u.error());
    if (!*u || !(*u)->active) return fail(no_link());
    user = std::move(**u);
  }
  if (auto p = check_new_password(password, user.login); !p) return fail(p.error());
  // The code: of the secret being enrolled, or of the one already enrolled.
  const TotpStep asks = totp_step_of(link, user);
  std::optional<std::int64_t> step;
  if (asks != TotpStep::none) {
    Bytes secret;
    if (asks == TotpStep::enrol) {
      if (!link.pending_totp) {
        return fail(invalid("Hãy mở lại liên kết để nhận mã bí mật TOTP trước",
                            "Open the link again to get the TOTP secret first", "totp"));
      }
      auto opened = open_sealed_totp_secret(totp_key, *link.pending_totp);
      if (!opened) return fail(opened.error());
      secret = std::move(*opened);
    } else {
      auto lease = env.db.acquire();
      if (!lease) return fail(lease.error());
      auto enrolled = load_totp_secret(**lease, user.id, totp_key);
      if (!enrolled) return fail(enrolled.error());
      if (*enrolled) secret = std::move((*enrolled)->secret);
    }
    step = totp_step(secret, totp_code, now);
    if (!step) {
      if (auto s = count_failure(env, link.id); !s) return fail(s.error());
      return fail(wrong_code());
    }
  }
  auto hash = hash_password(password);
  if (!hash) return fail(hash.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  // Used once: a second completion racing this one finds the link used.
  auto used = (*lease)->query(
      "UPDATE account_links SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id");
  if (!used) return fail(used.error());
  used->bind(1, link.id).bind(2, to_unix(now));
  auto row = used->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(no_link());
  if (auto s = used->run(); !s) return fail(s.error());
  auto others = (*lease)->query("UPDATE account_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL");
  if (!others) return fail(others.error());
  others->bind(1, user.id).bind(2, to_unix(now));
  if (auto s = others->run(); !s) return fail(s.error());
  auto set = (*lease)->query("UPDATE users SET password_hash = $2 WHERE id = $1");
  if (!set) return fail(set.error());
  set->bind(1, user.id).bind(2, *hash);
  if (auto s = set->run(); !s) return fail(s.error());
  if (asks == TotpStep::enrol) {
    if (auto s = store_sealed_totp_secret(**lease, user.id, *link.pending_totp, now); !s) return fail(s.error());
  }
  if (step) {  // the code just typed cannot sign in again (RFC 6238 §5.2)
    auto fresh = consume_totp_step(**lease, user.id, *step);
    if (!fresh) return fail(fresh.error());
    if (!*fresh) return fail(wrong_code());
  }
  const char* action = link.purpose == LinkPurpose::activate ? "user.activate" : "user.password_reset";
  audit::AuditEvent ev{user.login, action, "user", user.login, user.org_id, "ok",
                       nlohmann::json{{"totp_enrolled", asks == TotpStep::enrol}}.dump()};
  if (auto a = append_audit(**lease, env, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  user.activated = true;
  return user;
}

}  // namespace ct::registry
