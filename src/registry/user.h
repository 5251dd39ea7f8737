#pragma once
// Users and roles (SPEC §1). Passwords are stored as argon2id hashes (libsodium
// crypto_pwhash_str, interactive limits); a password never appears in a log, an error or the
// audit log.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::registry {

struct User {
  std::int64_t id = 0;
  std::string login;
  Role role = Role::subscriber;
  std::optional<std::int64_t> org_id;
  std::optional<std::int64_t> subscriber_id;
  bool active = true;
  TimePoint created_at;
  std::optional<std::string> email;  // official address (SPEC §9), lower-case
  bool notify_digest = true;          // the registration office's daily digest
  bool notify_unit_reminders = true;  // a unit manager's reminders about the unit's people
  bool activated = true;              // has a password (registry/account_links.h)
};

struct NewUser {
  std::string login;  // 3–64 of [a-z0-9._-]
  Role role = Role::subscriber;
  std::optional<std::int64_t> org_id;         // required for scoped roles
  std::optional<std::int64_t> subscriber_id;  // required for the subscriber role
  std::optional<std::string> email;           // official address; create_user holds it to validation.email_domains
};

// Roles that sign in with a second factor (TOTP, RFC 6238) besides the password.
[[nodiscard]] bool needs_second_factor(Role r) noexcept;

// A random password of 16 characters from an unambiguous alphabet.
[[nodiscard]] std::string generate_password(Rng& rng);
[[nodiscard]] Result<std::string> hash_password(const std::string& password);
[[nodiscard]] bool verify_password(const std::string& hash, const std::string& password);

// An official address (SPEC §9): lower-cased, well-formed, in one of validation.email_domains;
// "" gives none.
[[nodiscard]] Result<std::optional<std::string>> official_email(const std::string& given,
                                                               const RegistrySettings& settings);
// A password a user may choose: 12–1024 bytes, not the login (field "password").
[[nodiscard]] Status check_new_password(const std::string& password, std::string_view login);

// admin only, with a password the admin chose (check_new_password): the local operator's
// `user add --password-file`. Users of the portal are invited (registry/account_links.h).
[[nodiscard]] Result<User> create_user(RegistryEnv& env, const Actor& actor, const NewUser& u,
                                       const std::string& password);
// Sets or clears ("") the official address of user `id` (user_create: admin), audited.
[[nodiscard]] Result<User> set_user_email(RegistryEnv& env, const Actor& actor, std::int64_t id,
                                          const std::string& email);
// Users ordered by login (user_read: admin).
[[nodiscard]] Result<std::vector<User>> list_users(RegistryEnv& env, const Actor& actor, Page page);
// The optional mails a user may turn off, for the acting user themself.
struct NotificationSettings {
  bool digest = true;
  bool unit_reminders = true;
};
[[nodiscard]] Result<NotificationSettings> notification_settings(RegistryEnv& env, const Actor& actor);
[[nodiscard]] Result<NotificationSettings> set_notification_settings(RegistryEnv& env, const Actor& actor,
                                                                     const NotificationSettings& s);

// The users table's columns of a User (read_user's order), and its row mapper, for every
// query that reads users whole.
[[nodiscard]] const char* user_columns() noexcept;
[[nodiscard]] User read_user(const store::Query& q);
// The user `id` or `login` whole, inside the caller's transaction; none when there is none.
[[nodiscard]] Result<std::optional<User>> find_user(store::Connection& c, std::int64_t id);
[[nodiscard]] Result<std::optional<User>> find_user(store::Connection& c, std::string_view login);

// Inside the caller's transaction, without access checks (init --demo, tests). An empty
// `password_hash` makes a user who must activate their account first.
[[nodiscard]] Result<User> insert_user(store::Connection& c, const NewUser& u, const std::string& password_hash,
                                       TimePoint now);

// True when an aggregator's subtree covers organization `org_path` (submissions then wait for
// its batch; otherwise they go straight to the registration office).
[[nodiscard]] Result<bool> aggregator_covers(store::Connection& c, const std::string& org_path);

}  // namespace ct::registry
