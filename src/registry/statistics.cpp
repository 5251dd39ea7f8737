#include "registry/statistics.h"

#include "registry/access_policy.h"

namespace ct::registry {
namespace {

// " AND <scope>" on `path`/`subscriber` columns for scoped actors, "" otherwise; binds from $index.
std::string scope_clause(const Actor& a, const std::string& path, const std::string& subscriber, int index) {
  return is_scoped(a.role) ? " AND " + a.scope_sql(path, subscriber, index) : std::string();
}

Status count_into(store::Connection& c, const Actor& a, const std::string& sql, int scope_index,
                  std::map<std::string, std::int64_t>& out, std::optional<std::int64_t> now = std::nullopt) {
  auto q = c.query(sql);
  if (!q) return fail(q.error());
  if (now) q->bind(1, *now);
  if (is_scoped(a.role)) a.bind_scope(*q, scope_index);
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) return {};
    out[q->get_text(0)] += q->get_int(1);
  }
}

}  // namespace

Result<Statistics> statistics(RegistryEnv& env, const Actor& actor) {
  if (!allowed_somewhere(actor, Action::statistics_read)) {
    return fail(deny(env.db, env.clock, actor, Action::statistics_read, "statistics", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  const std::int64_t now = to_unix(env.clock.now());
  Statistics s;
  const std::string req_scope = scope_clause(actor, "org_path", "subscriber_id", 2);
  if (auto r = count_into(**lease, actor,
                          "SELECT state, COUNT(*) FROM requests WHERE $1 >= 0" + req_scope + " GROUP BY state", 2,
                          s.requests_by_state, now);
      !r) {
    return fail(r.error());
  }
  if (auto r = count_into(**lease, actor,
                          "SELECT type, COUNT(*) FROM requests WHERE $1 >= 0" + req_scope + " GROUP BY type", 2,
                          s.requests_by_type, now);
      !r) {
    return fail(r.error());
  }
  std::map<std::string, std::int64_t> overdue;
  if (auto r = count_into(**lease, actor,
                          "SELECT 'overdue', COUNT(*) FROM requests WHERE state IN ('submitted', 'forwarded') AND "
                          "due_at IS NOT NULL AND due_at <= $1" + req_scope,
                          2, overdue, now);
      !r) {
    return fail(r.error());
  }
  s.requests_overdue = overdue["overdue"];
  const std::string cert_from =
      " FROM certificates c LEFT JOIN subscribers s ON s.id = c.subscriber_id WHERE $1 >= 0" +
      scope_clause(actor, "s.org_path", "c.subscriber_id", 2);
  if (auto r = count_into(**lease, actor,
                          "SELECT CASE WHEN c.status = 'valid' AND c.not_after < $1 THEN 'expired' ELSE c.status END, "
                          "COUNT(*)" + cert_from + " GROUP BY 1",
                          2, s.certificates_by_status, now);
      !r) {
    return fail(r.error());
  }
  std::map<std::string, std::int64_t> expiring;
  if (auto r = count_into(**lease, actor,
                          "SELECT CASE WHEN c.not_after < $1 + 2592000 THEN '30' WHEN c.not_after < $1 + 5184000 THEN "
                          "'60' ELSE '90' END, COUNT(*)" + cert_from +
                          " AND c.status = 'valid' AND c.not_after >= $1 AND c.not_after < $1 + 7776000 GROUP BY 1",
                          2, expiring, now);
      !r) {
    return fail(r.error());
  }
  // Cumulative: "within 60 days" includes those within 30.
  s.certificates_expiring[30] = expiring["30"];
  s.certificates_expiring[60] = expiring["30"] + expiring["60"];
  s.certificates_expiring[90] = expiring["30"] + expiring["60"] + expiring["90"];
  return s;
}

nlohmann::json to_json(const Statistics& s) {
  nlohmann::json expiring = nlohmann::json::object();
  for (const auto& [days, n] : s.certificates_expiring) expiring[std::to_string(days)] = n;
  return {{"requests_by_state", s.requests_by_state},
          {"requests_by_type", s.requests_by_type},
          {"requests_overdue", s.requests_overdue},
          {"certificates_by_status", s.certificates_by_status},
          {"certificates_expiring", expiring}};
}

}  // namespace ct::registry
