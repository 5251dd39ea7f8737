#pragma once
// Users and roles (SPEC §1). Passwords are stored as argon2id hashes (libsodium
// crypto_pwhash_str, interactive limits); a password never appears in a log, an error or the
// audit log.

#include <optional>
#include <string>
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
};

struct NewUser {
  std::string login;  // 3–64 of [a-z0-9._-]
  Role role = Role::subscriber;
  std::optional<std::int64_t> org_id;         // required for scoped roles
  std::optional<std::int64_t> subscriber_id;  // required for the subscriber role
};

// Roles that sign in with a second factor (TOTP, RFC 6238) besides the password.
[[nodiscard]] bool needs_second_factor(Role r) noexcept;

// A random password of 16 characters from an unambiguous alphabet.
[[nodiscard]] std::string generate_password(Rng& rng);
[[nodiscard]] Result<std::string> hash_password(const std::string& password);
[[nodiscard]] bool verify_password(const std::string& hash, const std::string& password);

// admin only. The password must have at least 12 characters.
[[nodiscard]] Result<User> create_user(RegistryEnv& env, const Actor& actor, const NewUser& u,
                                       const std::string& password);
// Users ordered by login (user_read: admin).
[[nodiscard]] Result<std::vector<User>> list_users(RegistryEnv& env, const Actor& actor, Page page);
// Inside the caller's transaction, without access checks (init --demo, tests).
[[nodiscard]] Result<User> insert_user(store::Connection& c, const NewUser& u, const std::string& password_hash,
                                       TimePoint now);

// True when an aggregator's subtree covers organization `org_path` (submissions then wait for
// its batch; otherwise they go straight to the registration office).
[[nodiscard]] Result<bool> aggregator_covers(store::Connection& c, const std::string& org_path);

}  // namespace ct::registry
