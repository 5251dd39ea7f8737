#pragma once
// The periodic jobs' shared state (table `scheduled_jobs`, migrations_queue.cpp): one row per
// job with its lease, its installation-wide next run and the outcome of its last run.
//
// Exactly one process at a time runs an exclusive job: take_job_lease() succeeds only when the
// row is free (no holder, or a lease that ran out: the holder died) and the job is due, and it
// is one conditional UPDATE, so two processes cannot both win. finish_job_run() records the run
// and frees the lease only for the process that holds it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace ct::store {

struct ScheduledJobRecord {
  std::string name;
  std::optional<std::string> holder;  // the process running it now
  std::optional<TimePoint> lease_until;
  TimePoint next_run;
  std::optional<TimePoint> last_started;
  std::optional<TimePoint> last_finished;
  std::optional<std::string> last_holder;  // the process that ran it last
  std::optional<std::string> last_error;   // of the last run; none when it succeeded
  std::int64_t runs = 0;
  std::int64_t failures = 0;
};

// Creates the job's row when missing (due at once). Outside or inside a transaction.
[[nodiscard]] Status ensure_scheduled_job(Connection& c, std::string_view name);
// Takes the lease of `name` for `holder` until now + lease when the row is free and the job is
// due (next_run ≤ now), or in any case but a live lease when `force`. True when taken.
[[nodiscard]] Result<bool> take_job_lease(Connection& c, std::string_view name, std::string_view holder,
                                          TimePoint now, std::chrono::seconds lease, bool force);
// Records a run that started at `started` (by `holder`, leased or not) and schedules the next at
// `next_run`; frees the lease when `holder` has it. `error` is the failure, none on success.
[[nodiscard]] Status finish_job_run(Connection& c, std::string_view name, std::string_view holder, TimePoint started,
                                    TimePoint finished, const std::optional<std::string>& error, TimePoint next_run);
[[nodiscard]] Result<std::vector<ScheduledJobRecord>> list_scheduled_jobs(Connection& c);

}  // namespace ct::store
