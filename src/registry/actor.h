#pragma once
// The acting user of a registry call (SPEC §1). Every registry query takes the actor and is
// filtered by its scope inside the registry: scoped roles see their organization's subtree,
// a subscriber sees only itself, admin / ca_operator / ra_officer / auditor see everything.

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "store/database.h"

namespace ct::registry {

enum class Role { subscriber, unit_manager, aggregator, ra_officer, ca_operator, auditor, admin };
[[nodiscard]] const char* to_string(Role r) noexcept;
[[nodiscard]] Result<Role> parse_role(std::string_view s);
// What a role is called in a mail or a document.
[[nodiscard]] const char* role_label_vi(Role r) noexcept;
[[nodiscard]] const char* role_label_en(Role r) noexcept;
// Roles bound to an organization subtree (SPEC §1).
[[nodiscard]] bool is_scoped(Role r) noexcept;

struct Actor {
  std::int64_t user_id = 0;
  std::string login;
  Role role = Role::subscriber;
  std::optional<std::int64_t> org_id;
  std::string org_path;                      // "/1/4/" of org_id, "" when unscoped
  std::optional<std::int64_t> subscriber_id; // for the subscriber role

  // The system itself (the operation worker): unscoped, never a user.
  [[nodiscard]] static Actor system(std::string name);

  // True when an object of organization `path` (and subscriber `subscriber`) is within reach.
  [[nodiscard]] bool reaches(std::string_view path, std::optional<std::int64_t> subscriber = std::nullopt) const;
  // The LIKE pattern of the organizations this actor reaches ("%" when unscoped).
  [[nodiscard]] std::string path_pattern() const;
  // SQL condition on `path_column` (and `subscriber_column` for the subscriber role) using the
  // placeholders $`index` and $`index+1`; bind them with bind_scope.
  [[nodiscard]] std::string scope_sql(const std::string& path_column, const std::string& subscriber_column,
                                      int index) const;
  void bind_scope(store::Query& q, int index) const;
};

// Resolves `login`: the user must exist and be active; otherwise a `forbidden` error.
[[nodiscard]] Result<Actor> resolve_actor(store::Connection& c, std::string_view login);
// The active user `user_id` as an actor; none when no such user is active (a session that
// outlived its account).
[[nodiscard]] Result<std::optional<Actor>> find_active_actor(store::Connection& c, std::int64_t user_id);

}  // namespace ct::registry
