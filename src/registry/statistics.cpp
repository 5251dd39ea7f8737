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

// Organizations of the certificates' subscribers; certificates of no subscriber have none.
Result<std::vector<OrgCertificates>> certificates_by_org(store::Connection& c, const Actor& a, std::int64_t now) {
  auto q = c.query(
      "SELECT s.org_id, o.name, "
      "SUM(CASE WHEN c.status = 'valid' AND c.not_after >= $1 THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN c.status = 'valid' AND c.not_after >= $1 AND c.not_after < $1 + 7776000 THEN 1 ELSE 0 END) "
      "FROM certificates c JOIN subscribers s ON s.id = c.subscriber_id JOIN organizations o ON o.id = s.org_id "
      "WHERE $1 >= 0" + scope_clause(a, "s.org_path", "c.subscriber_id", 2) +
      " GROUP BY s.org_id, o.name ORDER BY 3 DESC, s.org_id LIMIT " + std::to_string(kMaxOrgsInStatistics));
  if (!q) return fail(q.error());
  q->bind(1, now);
  if (is_scoped(a.role)) a.bind_scope(*q, 2);
  return store::read_all<OrgCertificates>(*q, [](const store::Query& r) {
    return OrgCertificates{r.get_int(0), r.get_text(1), r.get_int(2), r.get_int(3)};
  });
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
  auto by_org = certificates_by_org(**lease, actor, now);
  if (!by_org) return fail(by_org.error());
  s.certificates_by_org = std::move(*by_org);
  s.requests_by_age = {{"0-3", 0}, {"4-7", 0}, {"8-14", 0}, {"15+", 0}};
  if (auto r = count_into(**lease, actor,
                          "SELECT CASE WHEN ($1 - created_at) / 86400 <= 3 THEN '0-3' WHEN ($1 - created_at) / 86400 "
                          "<= 7 THEN '4-7' WHEN ($1 - created_at) / 86400 <= 14 THEN '8-14' ELSE '15+' END, COUNT(*) "
                          "FROM requests WHERE state NOT IN ('completed', 'rejected', 'cancelled')" + req_scope +
                          " GROUP BY 1",
                          2, s.requests_by_age, now);
      !r) {
    return fail(r.error());
  }
  return s;
}

nlohmann::json to_json(const Statistics& s) {
  nlohmann::json expiring = nlohmann::json::object();
  for (const auto& [days, n] : s.certificates_expiring) expiring[std::to_string(days)] = n;
  nlohmann::json by_org = nlohmann::json::array();
  for (const auto& o : s.certificates_by_org) {
    by_org.push_back({{"org_id", o.org_id}, {"org_name", o.org_name}, {"valid", o.valid}, {"expiring_90", o.expiring_90}});
  }
  return {{"requests_by_state", s.requests_by_state},
          {"requests_by_type", s.requests_by_type},
          {"requests_overdue", s.requests_overdue},
          {"certificates_by_status", s.certificates_by_status},
          {"certificates_expiring", expiring},
          {"certificates_by_org", by_org},
          {"requests_by_age", s.requests_by_age}};
}

}  // namespace ct::registry
