#pragma once
// One-time account links (SPEC §1, §8): nobody but the user ever learns their password or TOTP
// secret. The admin creates a user without a password; the user gets a link at their official
// address, opens it, sets the password and, for ra_officer, ca_operator and admin, enrols the
// TOTP secret the link's page shows them. A password reset works the same way, sent by the admin
// (with a new TOTP secret when the user lost their authenticator) or asked for by the user
// themself from the sign-in page.
//
// A link's token is 32 random bytes (64 hex digits); the store keeps only its SHA-256
// (table account_links). A link works once, until it expires (registry.activation_link_hours for
// links the admin sends, registry.reset_link_minutes for a reset the user asks for), and for at
// most kMaxLinkFailures wrong TOTP codes; a new link of a user ends their earlier ones. An
// unknown, used, expired or exhausted token gets one answer (not_found, field "token").
//
// The token leaves this module only through the LinkMailer, inside the transaction that stores
// its hash: notify/account_mail.h renders it into a mail that nobody can read in the outbox.

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "registry/user.h"

namespace ct::registry {

enum class LinkPurpose { activate, reset };
[[nodiscard]] const char* to_string(LinkPurpose p) noexcept;

inline constexpr int kMaxLinkFailures = 5;

// What the mail carrying a link needs. Never stored, logged or returned to the one who asked
// for the link.
struct AccountLinkMail {
  LinkPurpose purpose = LinkPurpose::activate;
  std::string token;
  TimePoint created_at;
  TimePoint expires_at;
  bool enrol_totp = false;
  bool asked_by_user = false;  // from the sign-in page, not sent by the admin
};
// Puts the mail for `user` in the outbox, in the caller's transaction.
using LinkMailer = std::function<Status(store::Connection&, const User&, const AccountLinkMail&)>;

struct LinkSent {
  User user;
  TimePoint expires_at;
};

// admin (user_create): creates `u` without a password (an official e-mail is required) and
// mails the activation link, with TOTP enrolment for the roles that need it. Audited.
[[nodiscard]] Result<LinkSent> invite_user(RegistryEnv& env, const Actor& actor, const NewUser& u,
                                           const LinkMailer& mail);
// admin: mails user `id` a password reset link (an activation link while they have not activated),
// with a new TOTP secret when `enrol_totp` (roles with a second factor only). Audited.
[[nodiscard]] Result<LinkSent> send_account_link(RegistryEnv& env, const Actor& actor, std::int64_t id,
                                                 bool enrol_totp, const LinkMailer& mail);
// anyone (the sign-in page's "forgot password"): mails a reset link when `login` is an active,
// activated user with an official address and no unused link of theirs is younger than
// registry.reset_link_minutes; otherwise nothing happens. The caller answers alike either way.
[[nodiscard]] Status request_password_reset(RegistryEnv& env, std::string_view login, const LinkMailer& mail);

enum class TotpStep { none, enrol, required };  // what the link's page asks for
[[nodiscard]] const char* to_string(TotpStep t) noexcept;

struct OpenedLink {
  User user;
  LinkPurpose purpose = LinkPurpose::activate;
  TimePoint expires_at;
  TotpStep totp = TotpStep::none;
  std::string totp_secret;  // base32, for TotpStep::enrol: the same on every opening
};
// The holder of `token`: whose link it is and what it asks for. `totp_key` seals the secret to
// enrol (app::Context::totp_key).
[[nodiscard]] Result<OpenedLink> open_account_link(RegistryEnv& env, std::string_view token,
                                                   std::span<const std::uint8_t> totp_key);
// Sets the password (check_new_password), enrols or checks the TOTP code, uses the link up and
// ends every other link of the user; audited as user.activate or user.password_reset. A wrong
// code counts against the link (field "totp").
[[nodiscard]] Result<User> complete_account_link(RegistryEnv& env, std::string_view token,
                                                 const std::string& password, std::string_view totp_code,
                                                 std::span<const std::uint8_t> totp_key);

}  // namespace ct::registry
