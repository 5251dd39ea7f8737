#include "registry/organization.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/text.h"
#include "registry/access_policy.h"
#include "common/time_format.h"
#include "registry/text_fields.h"

namespace ct::registry {

nlohmann::json to_json(const Organization& o) {
  return {{"id", o.id},
          {"parent_id", o.parent_id ? nlohmann::json(*o.parent_id) : nlohmann::json()},
          {"path", o.path},
          {"level", o.level},
          {"name", o.name},
          {"short_code", o.short_code},
          {"state_body", o.state_body},
          {"address", o.address},
          {"tax_code", o.tax_code},
          {"budget_code", o.budget_code},
          {"province", o.province},
          {"email", o.email},
          {"active", o.active},
          {"created_at", timefmt::iso8601_utc(o.created_at)}};
}
namespace {

constexpr const char* kColumns =
    "id, parent_id, path, level, name, short_code, state_body, address, tax_code, budget_code, province, email, "
    "seal_document, created_at, active";

Organization read_org(const store::Query& q) {
  Organization o;
  o.id = q.get_int(0);
  o.parent_id = q.get_opt_int(1);
  o.path = q.get_text(2);
  o.level = static_cast<int>(q.get_int(3));
  o.name = q.get_text(4);
  o.short_code = q.get_opt_text(5).value_or("");
  o.state_body = q.get_int(6) != 0;
  o.address = q.get_opt_text(7).value_or("");
  o.tax_code = q.get_opt_text(8).value_or("");
  o.budget_code = q.get_opt_text(9).value_or("");
  o.province = q.get_text(10);
  o.email = q.get_opt_text(11).value_or("");
  o.seal_document = q.get_opt_text(12).value_or("");
  o.created_at = from_unix(q.get_int(13));
  o.active = q.get_int(14) != 0;
  return o;
}

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

}  // namespace

Result<NewOrganization> checked_organization(NewOrganization n) {
  auto name = clean_text(n.name, "name", 64, true);
  if (!name) return fail(name.error());
  n.name = *name;
  for (auto* f : {&n.short_code, &n.address, &n.province, &n.tax_code, &n.budget_code, &n.email}) {
    auto v = clean_text(*f, "field", 200, false);
    if (!v) return fail(v.error());
    *f = *v;
  }
  n.email = text::ascii_lower(n.email);
  // Vietnamese tax code (MST): 10 digits, or 13 written "10 digits-3 digits" for a branch.
  if (!n.tax_code.empty()) {
    const bool ok = (n.tax_code.size() == 10 && all_digits(n.tax_code)) ||
                    (n.tax_code.size() == 14 && n.tax_code[10] == '-' && all_digits(n.tax_code.substr(0, 10)) &&
                     all_digits(n.tax_code.substr(11)));
    if (!ok) {
      return fail(invalid("Mã số thuế phải có 10 chữ số (hoặc 10-3 cho chi nhánh): " + n.tax_code,
                          "The tax code must be 10 digits (or 10-3 for a branch): " + n.tax_code, "tax_code"));
    }
  }
  // Budget-relationship code (mã QHNS): 7 digits.
  if (!n.budget_code.empty() && (n.budget_code.size() != 7 || !all_digits(n.budget_code))) {
    return fail(invalid("Mã quan hệ ngân sách phải có 7 chữ số: " + n.budget_code,
                        "The budget code must be 7 digits: " + n.budget_code, "budget_code"));
  }
  if (!n.email.empty() && (n.email.find('@') == std::string::npos || n.email.find(' ') != std::string::npos)) {
    return fail(invalid("Thư điện tử của cơ quan không hợp lệ: " + n.email,
                        "Invalid organization e-mail: " + n.email, "email"));
  }
  return n;
}

Result<std::optional<Organization>> find_organization(store::Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kColumns + " FROM organizations WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Organization>();
  return std::optional<Organization>(read_org(*q));
}

Result<std::optional<Organization>> find_child_organization(store::Connection& c, std::optional<std::int64_t> parent_id,
                                                           const std::string& name) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM organizations WHERE name_fold = $1 AND active = 1 AND (($2 = 0 AND parent_id IS NULL) OR parent_id = $2) "
                   "ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, text::fold(name)).bind(2, parent_id.value_or(0));
  auto found = store::read_all<Organization>(*q, read_org);
  if (!found) return fail(found.error());
  for (auto& o : *found)
    if (o.name == name) return std::optional<Organization>(std::move(o));
  if (found->size() == 1) return std::optional<Organization>(std::move(found->front()));
  return std::optional<Organization>();
}

Result<std::vector<Organization>> find_organizations_named(store::Connection& c, const std::string& name,
                                                          std::string_view under_path) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM organizations WHERE name_fold = $1 AND active = 1 AND path LIKE $2 AND path <> $3 ORDER BY path");
  if (!q) return fail(q.error());
  q->bind(1, text::fold(name)).bind(2, std::string(under_path.empty() ? "/" : under_path) + "%").bind(3, std::string(under_path));
  return store::read_all<Organization>(*q, read_org);
}

Result<std::vector<Organization>> organization_chain(store::Connection& c, const Organization& org) {
  std::vector<Organization> chain;
  std::size_t start = 1;
  while (start < org.path.size()) {
    const std::size_t end = org.path.find('/', start);
    if (end == std::string::npos) break;
    const std::int64_t id = std::stoll(org.path.substr(start, end - start));
    start = end + 1;
    if (id == org.id) {
      chain.push_back(org);
      continue;
    }
    auto o = find_organization(c, id);
    if (!o) return fail(o.error());
    if (!*o) return fail(ErrorCode::integrity, "Cây cơ quan bị hỏng", "The organization tree is broken", org.path);
    chain.push_back(std::move(**o));
  }
  return chain;
}

Result<Organization> insert_organization(store::Connection& c, const NewOrganization& raw, TimePoint now) {
  auto n = checked_organization(raw);
  if (!n) return fail(n.error());
  std::string parent_path = "/";
  int level = 1;
  if (n->parent_id) {
    auto parent = find_organization(c, *n->parent_id);
    if (!parent) return fail(parent.error());
    if (!*parent) {
      return fail(ErrorCode::not_found, "Không có cơ quan cấp trên số " + std::to_string(*n->parent_id),
                  "No parent organization " + std::to_string(*n->parent_id), "parent");
    }
    if (!(*parent)->active) {
      return fail(invalid("Cơ quan cấp trên '" + (*parent)->name + "' đã ngừng hoạt động",
                          "The parent organization '" + (*parent)->name + "' is deactivated", "parent"));
    }
    if ((*parent)->level >= kMaxOrgLevel) {
      return fail(invalid("Cây cơ quan tối đa 4 cấp; không thể thêm cấp dưới của '" + (*parent)->name + "'",
                          "The organization tree has at most 4 levels; '" + (*parent)->name + "' cannot have children",
                          "parent"));
    }
    parent_path = (*parent)->path;
    level = (*parent)->level + 1;
    if (n->province.empty()) n->province = (*parent)->province;
  }
  if (n->province.empty()) {
    return fail(invalid("Cơ quan cấp cao nhất phải có tỉnh/thành phố", "A top-level organization needs a province",
                        "province"));
  }
  auto q = c.query(
      "INSERT INTO organizations (parent_id, path, level, name, name_fold, short_code, state_body, address, "
      "tax_code, budget_code, province, email, seal_document, created_at) VALUES ($1, '', $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10, $11, '', $12) RETURNING id");
  if (!q) return fail(q.error());
  q->bind_opt(1, n->parent_id).bind(2, std::int64_t{level}).bind(3, n->name).bind(4, text::fold(n->name));
  q->bind(5, n->short_code).bind(6, std::int64_t{n->state_body ? 1 : 0}).bind(7, n->address);
  q->bind(8, n->tax_code).bind(9, n->budget_code).bind(10, n->province).bind(11, n->email).bind(12, to_unix(now));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  const std::string path = parent_path + std::to_string(id) + "/";
  auto up = c.query("UPDATE organizations SET path = $1 WHERE id = $2");
  if (!up) return fail(up.error());
  if (auto s = up->bind(1, path).bind(2, id).run(); !s) return fail(s.error());
  auto o = find_organization(c, id);
  if (!o) return fail(o.error());
  return std::move(**o);
}

Result<Organization> create_organization(RegistryEnv& env, const Actor& actor, const NewOrganization& n) {
  if (!allowed_somewhere(actor, Action::org_create)) {
    return fail(deny(env.db, env.clock, actor, Action::org_create, "organization", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  if (n.parent_id) {
    auto parent = find_organization(**lease, *n.parent_id);
    if (!parent) return fail(parent.error());
    if (*parent && !allowed(actor, Action::org_create, (*parent)->path)) {
      return fail(deny(env.db, env.clock, actor, Action::org_create, "organization", "", *n.parent_id));
    }
  }
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto org = insert_organization(**lease, n, env.clock.now());
  if (!org) return fail(org.error());
  audit::AuditEvent ev{actor.login, "org.create", "organization", std::to_string(org->id), org->id, "ok",
                       nlohmann::json{{"name", org->name}, {"parent_id", org->parent_id ? *org->parent_id : 0},
                                      {"state_body", org->state_body}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return org;
}

Result<Organization> get_organization(RegistryEnv& env, const Actor& actor, std::int64_t id) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto o = find_organization(**lease, id);
  if (!o) return fail(o.error());
  const Error missing = Error::make(ErrorCode::not_found, "Không có cơ quan số " + std::to_string(id),
                                    "No organization " + std::to_string(id), "ORG_ID");
  if (!*o) return fail(missing);
  if (!allowed(actor, Action::org_read, (*o)->path)) {
    return fail(conceal(env.db, env.clock, actor, Action::org_read, "organization", std::to_string(id), id, missing));
  }
  return std::move(**o);
}

Result<std::vector<Organization>> list_organizations(RegistryEnv& env, const Actor& actor, const std::string& search,
                                                     Page page) {
  if (!allowed_somewhere(actor, Action::org_read)) {
    return fail(deny(env.db, env.clock, actor, Action::org_read, "organization", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(std::string("SELECT ") + kColumns + " FROM organizations WHERE " +
                           actor.scope_sql("path", "", 1) + " AND name_fold LIKE $3 ORDER BY path LIMIT $4 OFFSET $5");
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  q->bind(3, "%" + text::fold(search) + "%").bind(4, std::int64_t{page.limit}).bind(5, std::int64_t{page.offset});
  return store::read_all<Organization>(*q, read_org);
}

}  // namespace ct::registry
