#pragma once
// Administration of users (issue 19): disable and enable an account, change its role or its
// organization; each change audited. A disabled user's sessions stop working at their next
// request (actor.h resolves only active users) and they get no more mail. Refused: changing
// one's own account this way (an administrator cannot lock themself out), leaving no active
// administrator, a scoped role without an organization, the subscriber role for an account not
// bound to a subscriber and another role for one that is.

#include <cstdint>
#include <optional>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/user.h"

namespace ct::registry {

struct UserChange {
  std::optional<bool> active;
  std::optional<Role> role;
  std::optional<std::int64_t> org_id;  // a new organization
};

struct ChangedUser {
  User user;
  // The new role signs in with a second factor the old one did not have: the user enrols it
  // through a reset link with a new TOTP secret (send_account_link, second_factor).
  bool second_factor_to_enrol = false;
};

[[nodiscard]] Result<ChangedUser> change_user(RegistryEnv& env, const Actor& actor, std::int64_t id, const UserChange& c);

}  // namespace ct::registry
