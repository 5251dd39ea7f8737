#include "registry/user_admin.h"

#include "audit/audit_log.h"
#include "registry/access_policy.h"
#include "registry/organization.h"
#include "store/database.h"

namespace ct::registry {
namespace {

Error refused(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

Result<std::int64_t> other_active_admins(store::Connection& c, std::int64_t id) {
  auto q = c.query("SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  return q->get_int(0);
}

}  // namespace

Result<ChangedUser> change_user(RegistryEnv& env, const Actor& actor, std::int64_t id, const UserChange& change) {
  if (!allowed_somewhere(actor, Action::user_create)) {
    return fail(deny(env.db, env.clock, actor, Action::user_create, "user", std::to_string(id)));
  }
  if (!change.active && !change.role && !change.org_id) {
    return fail(refused("Không có thay đổi nào (trạng thái, vai trò hoặc cơ quan)",
                        "Nothing to change (state, role or organization)", "body"));
  }
  if (id == actor.user_id) {
    return fail(refused("Không thể tự khóa, mở khóa hay đổi vai trò, cơ quan của chính mình: hãy nhờ một quản trị viên khác",
                        "You cannot disable, enable or change the role or organization of your own account: ask "
                        "another administrator",
                        "id"));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto found = find_user(**lease, id);
  if (!found) return fail(found.error());
  if (!*found) {
    return fail(ErrorCode::not_found, "Không có người dùng số " + std::to_string(id), "No user " + std::to_string(id), "id");
  }
  const User before = **found;
  User after = before;
  if (change.active) after.active = *change.active;
  if (change.role) after.role = *change.role;
  if (change.org_id) after.org_id = *change.org_id;
  if (after.role == Role::subscriber && !after.subscriber_id) {
    return fail(refused("Vai trò subscriber chỉ dành cho tài khoản gắn với một thuê bao",
                        "The subscriber role is only for an account bound to a subscriber", "role"));
  }
  if (before.subscriber_id && after.role != Role::subscriber) {
    return fail(refused("Tài khoản của thuê bao giữ vai trò subscriber: hãy tạo một tài khoản riêng cho vai trò khác",
                        "A subscriber's account keeps the subscriber role: create a separate account for another role",
                        "role"));
  }
  if (is_scoped(after.role) && !after.org_id) {
    return fail(refused("Vai trò " + std::string(to_string(after.role)) + " cần một cơ quan",
                        "Role " + std::string(to_string(after.role)) + " needs an organization", "org_id"));
  }
  if (change.org_id) {
    auto org = find_organization(**lease, *change.org_id);
    if (!org) return fail(org.error());
    if (!*org) {
      return fail(ErrorCode::not_found, "Không có cơ quan số " + std::to_string(*change.org_id),
                  "No organization " + std::to_string(*change.org_id), "org_id");
    }
    if (after.subscriber_id) {
      return fail(refused("Tài khoản của thuê bao đi theo cơ quan của thuê bao: hãy chuyển thuê bao",
                          "A subscriber's account follows the subscriber's organization: move the subscriber instead",
                          "org_id"));
    }
  }
  const bool admin_lost = before.role == Role::admin && before.active && (!after.active || after.role != Role::admin);
  if (admin_lost) {
    auto others = other_active_admins(**lease, id);
    if (!others) return fail(others.error());
    if (*others == 0) {
      return fail(refused("Đây là quản trị viên cuối cùng đang hoạt động: hãy tạo hoặc mở khóa một quản trị viên khác trước",
                          "This is the last active administrator: create or enable another administrator first", "id"));
    }
  }
  auto q = (*lease)->query("UPDATE users SET active = $2, role = $3, org_id = $4 WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, std::int64_t{after.active ? 1 : 0}).bind(3, to_string(after.role)).bind_opt(4, after.org_id);
  if (auto s = q->run(); !s) return fail(s.error());
  auto record = [&](const char* action, const nlohmann::json& details) -> Status {
    audit::AuditEvent ev{actor.login, action, "user", before.login, after.org_id, "ok", details.dump()};
    if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
    return {};
  };
  if (after.active != before.active) {
    if (auto s = record(after.active ? "user.enable" : "user.disable", nlohmann::json::object()); !s) return fail(s.error());
  }
  if (after.role != before.role || after.org_id != before.org_id) {
    nlohmann::json d{{"role_from", to_string(before.role)}, {"role_to", to_string(after.role)}};
    d["org_from"] = before.org_id ? nlohmann::json(*before.org_id) : nlohmann::json();
    d["org_to"] = after.org_id ? nlohmann::json(*after.org_id) : nlohmann::json();
    if (auto s = record("user.role", d); !s) return fail(s.error());
  }
  if (auto c = tx->commit(); !c) return fail(c.error());
  ChangedUser out;
  out.user = after;
  out.second_factor_to_enrol = needs_second_factor(after.role) && !needs_second_factor(before.role);
  return out;
}

}  // namespace ct::registry
