#include "registry/actor.h"

#include <array>

namespace ct::registry {
namespace {
struct RoleNames {
  Role role;
  const char* name;
  const char* vi;
  const char* en;
};
constexpr std::array<RoleNames, 7> kRoles{{
    {Role::subscriber, "subscriber", "thuê bao", "subscriber"},
    {Role::unit_manager, "unit_manager", "cán bộ quản lý của đơn vị", "unit manager"},
    {Role::aggregator, "aggregator", "cán bộ tổng hợp", "aggregating department"},
    {Role::ra_officer, "ra_officer", "cán bộ tiếp nhận (cơ quan đăng ký)", "registration officer"},
    {Role::ca_operator, "ca_operator", "cán bộ vận hành tổ chức chứng thực", "CA operator"},
    {Role::auditor, "auditor", "kiểm toán viên", "auditor"},
    {Role::admin, "admin", "quản trị viên", "administrator"},
}};
}  // namespace

const char* role_label_vi(Role r) noexcept {
  for (const auto& n : kRoles)
    if (n.role == r) return n.vi;
  return kRoles.front().vi;
}

const char* role_label_en(Role r) noexcept {
  for (const auto& n : kRoles)
    if (n.role == r) return n.en;
  return kRoles.front().en;
}

const char* to_string(Role r) noexcept {
  for (const auto& n : kRoles)
    if (n.role == r) return n.name;
  return "subscriber";
}

Result<Role> parse_role(std::string_view s) {
  for (const auto& n : kRoles)
    if (s == n.name) return n.role;
  return fail(ErrorCode::invalid_input,
              "Vai trò không hợp lệ: " + std::string(s) +
                  " (subscriber, unit_manager, aggregator, ra_officer, ca_operator, auditor, admin)",
              "Unknown role: " + std::string(s) +
                  " (subscriber, unit_manager, aggregator, ra_officer, ca_operator, auditor, admin)",
              "role");
}

bool is_scoped(Role r) noexcept { return r == Role::subscriber || r == Role::unit_manager || r == Role::aggregator; }

Actor Actor::system(std::string name) {
  Actor a;
  a.login = std::move(name);
  a.role = Role::ca_operator;
  return a;
}

bool Actor::reaches(std::string_view path, std::optional<std::int64_t> subscriber) const {
  if (!is_scoped(role)) return true;
  if (role == Role::subscriber) return subscriber_id && subscriber && *subscriber_id == *subscriber;
  return !org_path.empty() && path.substr(0, org_path.size()) == org_path;
}

std::string Actor::path_pattern() const { return is_scoped(role) && !org_path.empty() ? org_path + "%" : "%"; }

std::string Actor::scope_sql(const std::string& path_column, const std::string& subscriber_column, int index) const {
  const std::string p = "$" + std::to_string(index);
  const std::string s = "CAST($" + std::to_string(index + 1) + " AS BIGINT)";
  const std::string by_subscriber = subscriber_column.empty() ? s + " = -2" : subscriber_column + " = " + s;
  return "(" + path_column + " LIKE " + p + " OR " + by_subscriber + ")";
}

void Actor::bind_scope(store::Query& q, int index) const {
  const bool by_org = role != Role::subscriber && !(is_scoped(role) && org_path.empty());
  q.bind(index, by_org ? path_pattern() : std::string());
  q.bind(index + 1, role == Role::subscriber ? subscriber_id.value_or(-1) : std::int64_t{-1});
}

namespace {

constexpr const char* kActorQuery =
    "SELECT u.id, u.login, u.role, u.org_id, o.path, u.subscriber_id, u.active FROM users u "
    "LEFT JOIN organizations o ON o.id = u.org_id WHERE ";

// The active user the query selects (by login or id), or none.
Result<std::optional<Actor>> read_active_actor(store::Query& q) {
  auto row = q.step();
  if (!row) return fail(row.error());
  if (!*row || q.get_int(6) == 0) return std::optional<Actor>();
  Actor a;
  a.user_id = q.get_int(0);
  a.login = q.get_text(1);
  auto role = parse_role(q.get_text(2));
  if (!role) return fail(role.error());
  a.role = *role;
  a.org_id = q.get_opt_int(3);
  a.org_path = q.get_opt_text(4).value_or("");
  a.subscriber_id = q.get_opt_int(5);
  return std::optional<Actor>(std::move(a));
}

}  // namespace

Result<Actor> resolve_actor(store::Connection& c, std::string_view login) {
  auto q = c.query(std::string(kActorQuery) + "u.login = $1");
  if (!q) return fail(q.error());
  q->bind(1, login);
  auto a = read_active_actor(*q);
  if (!a) return fail(a.error());
  if (!*a) {
    return fail(ErrorCode::forbidden, "Không có người dùng đang hoạt động tên '" + std::string(login) + "'",
                "No active user '" + std::string(login) + "'", "--as");
  }
  return std::move(**a);
}

Result<std::optional<Actor>> find_active_actor(store::Connection& c, std::int64_t user_id) {
  auto q = c.query(std::string(kActorQuery) + "u.id = $1");
  if (!q) return fail(q.error());
  q->bind(1, user_id);
  return read_active_actor(*q);
}

}  // namespace ct::registry
