#include "store/scheduled_jobs.h"

namespace ct::store {
namespace {

ScheduledJobRecord read_scheduled_job(const Query& q) {
  ScheduledJobRecord r;
  r.name = q.get_text(0);
  r.holder = q.get_opt_text(1);
  r.lease_until = q.get_opt_time(2);
  r.next_run = from_unix(q.get_int(3));
  r.last_started = q.get_opt_time(4);
  r.last_finished = q.get_opt_time(5);
  r.last_holder = q.get_opt_text(6);
  r.last_error = q.get_opt_text(7);
  r.runs = q.get_int(8);
  r.failures = q.get_int(9);
  return r;
}

}  // namespace

Status ensure_scheduled_job(Connection& c, std::string_view name) {
  auto q = c.query("INSERT INTO scheduled_jobs (name) VALUES ($1) ON CONFLICT (name) DO NOTHING");
  if (!q) return fail(q.error());
  return q->bind(1, name).run();
}

Result<bool> take_job_lease(Connection& c, std::string_view name, std::string_view holder, TimePoint now,
                            std::chrono::seconds lease, bool force) {
  if (auto s = ensure_scheduled_job(c, name); !s) return fail(s.error());
  auto q = c.query(
      "UPDATE scheduled_jobs SET holder = $1, lease_until = $2 "
      "WHERE name = $3 AND (holder IS NULL OR lease_until < $4) AND ($5 = 1 OR next_run <= $4) RETURNING name");
  if (!q) return fail(q.error());
  q->bind(1, holder).bind(2, to_unix(now + lease)).bind(3, name).bind(4, to_unix(now));
  q->bind(5, std::int64_t{force ? 1 : 0});
  return updated_one(*q);
}

Status finish_job_run(Connection& c, std::string_view name, std::string_view holder, TimePoint started,
                      TimePoint finished, const std::optional<std::string>& error, TimePoint next_run) {
  if (auto s = ensure_scheduled_job(c, name); !s) return fail(s.error());
  auto q = c.query(
      "UPDATE scheduled_jobs SET "
      "holder = CASE WHEN holder = $2 THEN NULL ELSE holder END, "
      "lease_until = CASE WHEN holder = $2 THEN NULL ELSE lease_until END, "
      "next_run = $3, last_started = $4, last_finished = $5, last_holder = $2, last_error = $6, "
      "runs = runs + 1, failures = failures + $7 WHERE name = $1");
  if (!q) return fail(q.error());
  q->bind(1, name).bind(2, holder).bind(3, to_unix(next_run)).bind(4, to_unix(started)).bind(5, to_unix(finished));
  q->bind_opt(6, error).bind(7, std::int64_t{error ? 1 : 0});
  return q->run();
}

Result<std::vector<ScheduledJobRecord>> list_scheduled_jobs(Connection& c) {
  auto q = c.query(
      "SELECT name, holder, lease_until, next_run, last_started, last_finished, last_holder, last_error, runs, "
      "failures FROM scheduled_jobs ORDER BY name");
  if (!q) return fail(q.error());
  return read_all<ScheduledJobRecord>(*q, read_scheduled_job);
}

}  // namespace ct::store
