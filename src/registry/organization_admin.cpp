#include "registry/organization_admin.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/text.h"
#include "registry/access_policy.h"
#include "store/database.h"

namespace ct::registry {
namespace {

// The organization `id` if the actor may administer it; not_found (concealed) or forbidden.
Result<Organization> administered(RegistryEnv& env, store::Connection& c, const Actor& actor, std::int64_t id) {
  auto o = find_organization(c, id);
  if (!o) return fail(o.error());
  const Error missing = Error::make(ErrorCode::not_found, "Không có cơ quan số " + std::to_string(id),
                                    "No organization " + std::to_string(id), "id");
  if (!*o) return fail(missing);
  if (!allowed(actor, Action::org_create, (*o)->path)) {
    if (!allowed(actor, Action::org_read, (*o)->path)) {
      return fail(conceal(env.db, env.clock, actor, Action::org_create, "organization", std::to_string(id), id, missing));
    }
    return fail(deny(env.db, env.clock, actor, Action::org_create, "organization", std::to_string(id), id));
  }
  return std::move(**o);
}

Result<std::int64_t> count(store::Connection& c, const std::string& sql, const std::string& path, TimePoint now) {
  auto q = c.query(sql);
  if (!q) return fail(q.error());
  q->bind(1, path + "%");
  if (sql.find("$2") != std::string::npos) q->bind(2, to_unix(now));
  auto row = q->step();
  if (!row) return fail(row.error());
  return q->get_int(0);
}

// What keeps an organization's subtree in use, as "N certificates in force, …"; empty when nothing.
Result<std::pair<std::string, std::string>> in_use(store::Connection& c, const std::string& path, TimePoint now) {
  struct Check {
    const char* sql;
    const char* vi;
    const char* en;
  };
  const Check checks[] = {
      {"SELECT COUNT(*) FROM certificates c JOIN subscribers s ON s.id = c.subscriber_id WHERE s.org_path LIKE $1 "
       "AND c.status IN ('valid', 'hold') AND c.not_after > $2",
       "chứng thư số còn hiệu lực", "certificates in force"},
      {"SELECT COUNT(*) FROM requests WHERE org_path LIKE $1 AND state NOT IN ('completed', 'rejected', 'cancelled')",
       "yêu cầu chưa kết thúc", "open requests"},
      {"SELECT COUNT(*) FROM users u JOIN organizations o ON o.id = u.org_id WHERE o.path LIKE $1 AND u.active = 1",
       "tài khoản đang hoạt động", "active accounts"},
  };
  std::string vi, en;
  for (const auto& check : checks) {
    auto n = count(c, check.sql, path, now);
    if (!n) return fail(n.error());
    if (*n == 0) continue;
    vi += (vi.empty() ? "" : ", ") + std::to_string(*n) + " " + check.vi;
    en += (en.empty() ? "" : ", ") + std::to_string(*n) + " " + check.en;
  }
  return std::pair{vi, en};
}

Status audit_change(store::Connection& c, const Clock& clock, const Actor& actor, const char* action,
                    const Organization& o, const nlohmann::json& details) {
  audit::AuditEvent ev{actor.login, action, "organization", std::to_string(o.id), o.id, "ok", details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  return {};
}

}  // namespace

Result<Organization> edit_organization(RegistryEnv& env, const Actor& actor, std::int64_t id, const OrganizationEdit& edit) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto before = administered(env, **lease, actor, id);
  if (!before) return fail(before.error());
  if (edit.province && before->level != 1 && *edit.province != before->province) {
    return fail(ErrorCode::invalid_input,
                "Tỉnh/thành phố là của cơ quan cấp 1 và cả cây trực thuộc: hãy sửa ở cơ quan cấp 1",
                "The province belongs to the level-1 organization and its whole tree: edit it there", "province");
  }
  NewOrganization n;
  n.name = edit.name.value_or(before->name);
  n.short_code = edit.short_code.value_or(before->short_code);
  n.address = edit.address.value_or(before->address);
  n.tax_code = edit.tax_code.value_or(before->tax_code);
  n.budget_code = edit.budget_code.value_or(before->budget_code);
  n.email = edit.email.value_or(before->email);
  n.province = edit.province.value_or(before->province);
  n.state_body = edit.state_body.value_or(before->state_body);
  auto checked = checked_organization(n);
  if (!checked) return fail(checked.error());
  if (checked->province.empty()) {
    return fail(ErrorCode::invalid_input, "Cơ quan cấp cao nhất phải có tỉnh/thành phố",
                "A top-level organization needs a province", "province");
  }
  if (text::fold(checked->name) != text::fold(before->name)) {
    auto twin = find_child_organization(**lease, before->parent_id, checked->name);
    if (!twin) return fail(twin.error());
    if (*twin && (*twin)->id != id) {
      return fail(ErrorCode::conflict, "Đã có cơ quan «" + (*twin)->name + "» cùng cấp trên",
                  "There is already an organization «" + (*twin)->name + "» under the same parent", "name");
    }
  }
  auto q = (*lease)->query(
      "UPDATE organizations SET name = $2, name_fold = $3, short_code = $4, address = $5, tax_code = $6, "
      "budget_code = $7, email = $8, state_body = $9 WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, checked->name).bind(3, text::fold(checked->name)).bind(4, checked->short_code);
  q->bind(5, checked->address).bind(6, checked->tax_code).bind(7, checked->budget_code).bind(8, checked->email);
  q->bind(9, std::int64_t{checked->state_body ? 1 : 0});
  if (auto s = q->run(); !s) return fail(s.error());
  if (checked->province != before->province) {
    auto p = (*lease)->query("UPDATE organizations SET province = $2 WHERE path LIKE $1");
    if (!p) return fail(p.error());
    if (auto s = p->bind(1, before->path + "%").bind(2, checked->province).run(); !s) return fail(s.error());
  }
  nlohmann::json changed = nlohmann::json::object();
  auto note = [&](const char* field, const auto& from, const auto& to) {
    if (from != to) changed[field] = {from, to};
  };
  note("name", before->name, checked->name);
  note("short_code", before->short_code, checked->short_code);
  note("address", before->address, checked->address);
  note("tax_code", before->tax_code, checked->tax_code);
  note("budget_code", before->budget_code, checked->budget_code);
  note("email", before->email, checked->email);
  note("province", before->province, checked->province);
  note("state_body", before->state_body, checked->state_body);
  if (auto s = audit_change(**lease, env.clock, actor, "org.update", *before, changed); !s) return fail(s.error());
  auto after = find_organization(**lease, id);
  if (!after) return fail(after.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return std::move(**after);
}

Result<Organization> set_organization_active(RegistryEnv& env, const Actor& actor, std::int64_t id, bool active) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto org = administered(env, **lease, actor, id);
  if (!org) return fail(org.error());
  if (active) {
    if (org->parent_id) {
      auto parent = find_organization(**lease, *org->parent_id);
      if (!parent) return fail(parent.error());
      if (*parent && !(*parent)->active) {
        return fail(ErrorCode::invalid_input, "Cơ quan cấp trên «" + (*parent)->name + "» đang ngừng hoạt động: hãy kích hoạt nó trước",
                    "The parent organization «" + (*parent)->name + "» is deactivated: reactivate it first", "id");
      }
    }
  } else {
    auto busy = in_use(**lease, org->path, env.clock.now());
    if (!busy) return fail(busy.error());
    if (!busy->first.empty()) {
      return fail(ErrorCode::conflict,
                  "Không thể ngừng hoạt động «" + org->name + "» khi cơ quan và các đơn vị trực thuộc còn " + busy->first,
                  "«" + org->name + "» cannot be deactivated while it and its units still have " + busy->second, "id");
    }
  }
  // Deactivation covers the whole subtree; reactivation only this organization.
  auto q = (*lease)->query(active ? "UPDATE organizations SET active = 1 WHERE path = $1"
                                  : "UPDATE organizations SET active = 0 WHERE path LIKE $1");
  if (!q) return fail(q.error());
  q->bind(1, active ? org->path : org->path + "%");
  if (auto s = q->run(); !s) return fail(s.error());
  if (auto s = audit_change(**lease, env.clock, actor, active ? "org.activate" : "org.deactivate", *org,
                            nlohmann::json::object());
      !s) {
    return fail(s.error());
  }
  auto after = find_organization(**lease, id);
  if (!after) return fail(after.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return std::move(**after);
}

}  // namespace ct::registry
