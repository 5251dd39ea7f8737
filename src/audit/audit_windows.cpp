#include "audit/audit_windows.h"

#include <vector>

#include "common/time_format.h"

namespace ct::audit {
namespace {

struct Window {
  AuditEvent first;  // actor, action, object, organization, outcome of the window's first event
  TimePoint start;
  TimePoint end;
  std::int64_t uncounted = 0;
};

constexpr const char* kColumns =
    "actor, action, object_type, object_id, org_id, outcome, window_start, window_end, uncounted";

Window read_window(const store::Query& q) {
  Window w;
  w.first = AuditEvent{q.get_text(0), q.get_text(1), q.get_text(2), q.get_text(3), q.get_opt_int(4), q.get_text(5),
                       "{}"};
  w.start = from_unix(q.get_int(6));
  w.end = from_unix(q.get_int(7));
  w.uncounted = q.get_int(8);
  return w;
}

Status append_count(store::Connection& c, const Clock& clock, const Window& w) {
  AuditEvent e = w.first;
  e.details = nlohmann::json{{"count", w.uncounted},
                             {"window_start", timefmt::iso8601_utc(w.start)},
                             {"window_end", timefmt::iso8601_utc(w.end)},
                             {"counted", true}}
                  .dump();
  if (auto a = append(c, clock, e); !a) return fail(a.error());
  return {};
}

}  // namespace

Result<bool> append_counted(store::Connection& c, const Clock& clock, const std::string& key, const AuditEvent& e,
                            std::chrono::seconds window) {
  const TimePoint now = clock.now();
  auto sel = c.query(std::string("SELECT ") + kColumns + " FROM audit_windows WHERE key = $1");
  if (!sel) return fail(sel.error());
  sel->bind(1, key);
  auto row = sel->step();
  if (!row) return fail(row.error());
  std::optional<Window> open;
  if (*row) open = read_window(*sel);
  if (auto r = sel->run(); !r) return fail(r.error());
  if (open && open->end > now) {
    auto inc = c.query("UPDATE audit_windows SET uncounted = uncounted + 1 WHERE key = $1");
    if (!inc) return fail(inc.error());
    inc->bind(1, key);
    if (auto r = inc->run(); !r) return fail(r.error());
    return false;
  }
  if (open && open->uncounted > 0) {
    if (auto s = append_count(c, clock, *open); !s) return fail(s.error());
  }
  auto put = c.query(
      "INSERT INTO audit_windows (key, actor, action, object_type, object_id, org_id, outcome, window_start, "
      "window_end, uncounted) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) ON CONFLICT (key) DO UPDATE SET "
      "actor = $2, action = $3, object_type = $4, object_id = $5, org_id = $6, outcome = $7, window_start = $8, "
      "window_end = $9, uncounted = 0");
  if (!put) return fail(put.error());
  put->bind(1, key).bind(2, e.actor).bind(3, e.action).bind(4, e.object_type).bind(5, e.object_id);
  put->bind_opt(6, e.org_id).bind(7, e.outcome).bind(8, to_unix(now)).bind(9, to_unix(now + window));
  if (auto r = put->run(); !r) return fail(r.error());
  if (auto a = append(c, clock, e); !a) return fail(a.error());
  return true;
}

Result<std::int64_t> close_windows(store::Database& db, const Clock& clock) {
  const std::int64_t now = to_unix(clock.now());
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto sel = c.query(std::string("SELECT ") + kColumns +
                     " FROM audit_windows WHERE window_end <= $1 AND uncounted > 0 ORDER BY window_start, key");
  if (!sel) return fail(sel.error());
  sel->bind(1, now);
  auto windows = store::read_all<Window>(*sel, read_window);
  if (!windows) return fail(windows.error());
  for (const Window& w : *windows) {
    if (auto s = append_count(c, clock, w); !s) return fail(s.error());
  }
  auto del = c.query("DELETE FROM audit_windows WHERE window_end <= $1");
  if (!del) return fail(del.error());
  del->bind(1, now);
  if (auto r = del->run(); !r) return fail(r.error());
  if (auto cm = tx->commit(); !cm) return fail(cm.error());
  return static_cast<std::int64_t>(windows->size());
}

}  // namespace ct::audit
