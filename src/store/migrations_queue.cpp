// The queue tables. Never edit a released migration; add a new one.
#include "store/migrations.h"

namespace ct::store {

// jobs: the durable work queue of job_queue.h. `idempotency_key` is UNIQUE so a retried
// approval cannot enqueue its operation twice; the two partial indexes serve the two halves of
// the claim predicate (due queued jobs, running jobs whose lease ran out).
std::vector<Migration> queue_migrations() {
  return {
      {2, "job queue", R"SQL(
CREATE TABLE jobs (
  id {{ID}},
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  run_after BIGINT NOT NULL,
  locked_by TEXT,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_due ON jobs (run_after, id) WHERE state = 'queued';
CREATE INDEX jobs_lease ON jobs (locked_until) WHERE state = 'running';
CREATE INDEX jobs_state ON jobs (state, id);
)SQL"},
      // scheduled_jobs: the periodic jobs of scheduled_jobs.h, one row per job. A process runs an
      // exclusive job only while it holds the row's lease (holder, lease_until); next_run is the
      // installation-wide schedule, so several processes together run a job once per period.
      {70, "scheduled jobs", R"SQL(
CREATE TABLE scheduled_jobs (
  name TEXT PRIMARY KEY,
  holder TEXT,
  lease_until BIGINT,
  next_run BIGINT NOT NULL DEFAULT 0,
  last_started BIGINT,
  last_finished BIGINT,
  last_holder TEXT,
  last_error TEXT,
  runs BIGINT NOT NULL DEFAULT 0,
  failures BIGINT NOT NULL DEFAULT 0
);
)SQL"},
  };
}

}  // namespace ct::store
