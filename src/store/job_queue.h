#pragma once
// A durable work queue (SPEC §4, §10): approved CA operations are enqueued in the same
// transaction as the approval, and executed by workers exactly once.
//
// Exactly once: a worker claims a job (a lease until `locked_until`), performs its effects and
// calls complete_job in ONE transaction with those effects. A worker that dies before that
// commit leaves no effects; its lease expires and another worker claims the job again. A worker
// whose lease was taken over finds complete_job returning false and must roll back.
// Claiming uses `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite the write lock of
// BEGIN IMMEDIATE serializes claimers.

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace ct::store {

enum class JobState { queued, running, done, failed };
[[nodiscard]] const char* to_string(JobState s) noexcept;

struct Job {
  std::int64_t id = 0;
  std::string kind;               // e.g. "issue", "revoke", "renew"
  std::string payload;            // JSON text, self-contained
  std::string idempotency_key;    // unique: enqueuing the same key twice is a conflict
  JobState state = JobState::queued;
  int attempts = 0;
  std::optional<std::string> last_error;
  TimePoint run_after;
  std::optional<std::string> locked_by;
  std::optional<TimePoint> locked_until;
  TimePoint created_at;
  std::optional<TimePoint> finished_at;
};

// Inside the caller's transaction. A duplicate idempotency_key is a `conflict` error; on
// PostgreSQL the failed INSERT aborts the caller's transaction, which must then roll back.
[[nodiscard]] Result<std::int64_t> enqueue_job(Connection& c, const std::string& kind, const std::string& payload,
                                               const std::string& idempotency_key, TimePoint now);
// Opens and commits its own transaction: takes up to `limit` jobs that are queued and due, or
// running with an expired lease, marks them running for `worker` until now + lease, and
// increments attempts. Jobs in id order. `worker` must be unique per process (host, pid, nonce):
// the lease is checked by name. Refused (internal) when `c` is already in a transaction.
[[nodiscard]] Result<std::vector<Job>> claim_jobs(Connection& c, const std::string& worker, TimePoint now,
                                                  std::chrono::seconds lease, int limit);
// Inside the caller's transaction (with the job's effects): done, if `worker` still holds the
// lease. False when the lease was lost (the caller must roll back).
[[nodiscard]] Result<bool> complete_job(Connection& c, std::int64_t id, const std::string& worker, TimePoint now);
// Inside the caller's transaction: back to queued at `retry_at`, or failed for good when
// retry_at is nullopt; records the error. False when the lease was lost.
[[nodiscard]] Result<bool> fail_job(Connection& c, std::int64_t id, const std::string& worker,
                                    const std::string& error, std::optional<TimePoint> retry_at, TimePoint now);
// Failed → queued (an operator's retry).
[[nodiscard]] Status retry_job(Connection& c, std::int64_t id, TimePoint now);
[[nodiscard]] Result<std::optional<Job>> find_job(Connection& c, std::int64_t id);
// The job enqueued under `idempotency_key` (to answer a retried request with the first job).
[[nodiscard]] Result<std::optional<Job>> find_job_by_key(Connection& c, const std::string& idempotency_key);
[[nodiscard]] Result<std::vector<Job>> list_jobs(Connection& c, std::optional<JobState> state, int limit, int offset);
[[nodiscard]] Result<std::int64_t> count_jobs(Connection& c, JobState state);

}  // namespace ct::store
