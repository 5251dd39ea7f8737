// audit::list: filtered, scoped, newest-first reading of the log.
#include <algorithm>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"
#include "common/time_format.h"

namespace ct::audit {
namespace {

constexpr int kMaxLimit = 10000;

// Characters (UTF-8 code points) in `s`: SQL substr counts characters on both backends.
std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

}  // namespace

// Filters combine with AND; `from` and `to` are inclusive; an empty `org_ids` matches nothing.
Result<std::vector<AuditEntry>> list(store::Connection& c, const AuditQuery& q) {
  if (q.limit < 1 || q.limit > kMaxLimit || q.offset < 0) {
    return fail(ErrorCode::invalid_input,
                "Giới hạn phải từ 1 đến " + std::to_string(kMaxLimit) + " và vị trí bắt đầu không âm",
                "The limit must be between 1 and " + std::to_string(kMaxLimit) + " and the offset not negative",
                "limit");
  }
  if (q.org_ids && q.org_ids->empty()) return std::vector<AuditEntry>();

  std::string sql = std::string("SELECT ") + detail::kEntryColumns + " FROM audit_log WHERE 1 = 1";
  int next = 1;
  auto param = [&next] { return "$" + std::to_string(next++); };
  if (q.actor) sql += " AND actor = " + param();
  if (q.action_prefix) {
    sql += " AND substr(action, 1, " + std::to_string(code_points(*q.action_prefix)) + ") = " + param();
  }
  if (q.object_type) sql += " AND object_type = " + param();
  if (q.object_id) sql += " AND object_id = " + param();
  if (q.org_ids) {
    sql += " AND org_id IN (";
    for (std::size_t i = 0; i < q.org_ids->size(); ++i) sql += (i == 0 ? "" : ", ") + param();
    sql += ")";
  }
  if (q.from) sql += " AND at >= " + param();
  if (q.to) sql += " AND at <= " + param();
  // Two statements: the order in which the operands of one `+` chain are evaluated is unspecified,
  // and gcc numbered LIMIT and OFFSET the other way round.
  const std::string limit = param();
  const std::string offset = param();
  sql += " ORDER BY seq DESC LIMIT " + limit + " OFFSET " + offset;

  auto stmt = c.query(sql);
  if (!stmt) return fail(stmt.error());
  int i = 1;
  if (q.actor) stmt->bind(i++, *q.actor);
  if (q.action_prefix) stmt->bind(i++, *q.action_prefix);
  if (q.object_type) stmt->bind(i++, *q.object_type);
  if (q.object_id) stmt->bind(i++, *q.object_id);
  if (q.org_ids) {
    for (std::int64_t id : *q.org_ids) stmt->bind(i++, id);
  }
  if (q.from) stmt->bind(i++, to_unix(*q.from));
  if (q.to) stmt->bind(i++, to_unix(*q.to));
  stmt->bind(i, std::int64_t{q.limit});
  stmt->bind(i + 1, std::int64_t{q.offset});

  std::vector<AuditEntry> out;
  while (true) {
    auto row = stmt->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    out.push_back(detail::read_entry(*stmt));
  }
  return out;
}

nlohmann::json to_json(const AuditEntry& e) {
  nlohmann::json j{{"seq", e.seq},
                   {"at", timefmt::iso8601_utc(e.at)},
                   {"actor", e.event.actor},
                   {"action", e.event.action},
                   {"object_type", e.event.object_type},
                   {"object_id", e.event.object_id},
                   {"outcome", e.event.outcome},
                   {"hash", e.hash}};
  j["org_id"] = e.event.org_id ? nlohmann::json(*e.event.org_id) : nlohmann::json(nullptr);
  j["details"] = nlohmann::json::parse(e.event.details, nullptr, false);
  if (j["details"].is_discarded()) j["details"] = e.event.details;
  return j;
}

}  // namespace ct::audit
