#include "store/status_changes.h"

namespace ct::store {

Status record_status_change(Connection& c, std::string_view serial, TimePoint at) {
  auto bump = c.query("UPDATE pki_epoch SET value = value + 1 WHERE id = 1 RETURNING value");
  if (!bump) return fail(bump.error());
  auto row = bump->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(storage_error("pki_epoch row missing"));
  const std::int64_t epoch = bump->get_int(0);
  if (auto s = bump->run(); !s) return fail(s.error());
  auto ins = c.query(
      "INSERT INTO pki_changes (epoch, serial, ca_id, at) SELECT CAST($1 AS BIGINT), serial, ca_id, CAST($2 AS BIGINT) "
      "FROM certificates "
      "WHERE serial = $3");
  if (!ins) return fail(ins.error());
  return ins->bind(1, epoch).bind(2, to_unix(at)).bind(3, serial).run();
}

Result<std::int64_t> current_change_epoch(Connection& c) {
  auto q = c.query("SELECT value FROM pki_epoch WHERE id = 1");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  return *row ? q->get_int(0) : std::int64_t{0};
}

Result<std::vector<StatusChange>> changes_after(Connection& c, std::int64_t after, int limit) {
  auto q = c.query("SELECT epoch, serial, ca_id, at FROM pki_changes WHERE epoch > $1 ORDER BY epoch LIMIT $2");
  if (!q) return fail(q.error());
  q->bind(1, after).bind(2, std::int64_t{limit});
  return read_all<StatusChange>(*q, [](const Query& row) {
    return StatusChange{row.get_int(0), row.get_text(1), row.get_int(2), from_unix(row.get_int(3))};
  });
}

Result<std::optional<TimePoint>> last_change_at(Connection& c, std::int64_t ca_id) {
  auto q = c.query("SELECT MAX(at) FROM pki_changes WHERE ca_id = $1");
  if (!q) return fail(q.error());
  q->bind(1, ca_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row || q->is_null(0)) return std::optional<TimePoint>();
  return std::optional<TimePoint>(from_unix(q->get_int(0)));
}

Status prune_changes(Connection& c, TimePoint before) {
  auto q = c.query("DELETE FROM pki_changes WHERE at < $1");
  if (!q) return fail(q.error());
  return q->bind(1, to_unix(before)).run();
}

}  // namespace ct::store
