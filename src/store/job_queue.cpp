#include "store/job_queue.h"

#include <algorithm>

namespace ct::store {
namespace {

constexpr const char* kJobColumns =
    "id, kind, payload, idempotency_key, state, attempts, last_error, run_after, locked_by, locked_until, "
    "created_at, finished_at";

JobState parse_state(std::string_view s) noexcept {
  if (s == "running") return JobState::running;
  if (s == "done") return JobState::done;
  if (s == "failed") return JobState::failed;
  return JobState::queued;
}

Job read_job(const Query& q) {
  Job j;
  j.id = q.get_int(0);
  j.kind = q.get_text(1);
  j.payload = q.get_text(2);
  j.idempotency_key = q.get_text(3);
  j.state = parse_state(q.get_text(4));
  j.attempts = static_cast<int>(q.get_int(5));
  j.last_error = q.get_opt_text(6);
  j.run_after = from_unix(q.get_int(7));
  j.locked_by = q.get_opt_text(8);
  j.locked_until = q.get_opt_time(9);
  j.created_at = from_unix(q.get_int(10));
  j.finished_at = q.get_opt_time(11);
  return j;
}

Error job_not_found(std::int64_t id) {
  return Error::make(ErrorCode::not_found, "Không tìm thấy công việc số " + std::to_string(id),
                     "No job with id " + std::to_string(id), "job");
}

}  // namespace

const char* to_string(JobState s) noexcept {
  switch (s) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::done: return "done";
    case JobState::failed: return "failed";
  }
  return "queued";
}

Result<std::int64_t> enqueue_job(Connection& c, const std::string& kind, const std::string& payload,
                                 const std::string& idempotency_key, TimePoint now) {
  auto q = c.query(
      "INSERT INTO jobs (kind, payload, idempotency_key, state, attempts, run_after, created_at) "
      "VALUES ($1, $2, $3, 'queued', 0, $4, $4) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, kind).bind(2, payload).bind(3, idempotency_key).bind(4, to_unix(now));
  auto row = q->step();
  if (!row) {
    if (row.error().code == ErrorCode::conflict) {
      return fail(conflict_error("Công việc với khóa " + idempotency_key + " đã có trong hàng đợi",
                                 "A job with key " + idempotency_key + " is already queued"));
    }
    return fail(row.error());
  }
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  return id;
}

Result<std::vector<Job>> claim_jobs(Connection& c, const std::string& worker, TimePoint now,
                                    std::chrono::seconds lease, int limit) {
  if (c.in_transaction()) {
    return fail(ErrorCode::internal, "claim_jobs phải chạy ngoài giao dịch",
                "claim_jobs must run outside a transaction");
  }
  // PostgreSQL (SELECT, "The Locking Clause"): FOR UPDATE SKIP LOCKED locks the chosen rows and
  // skips rows another transaction holds, so concurrent claimers take disjoint jobs without
  // waiting; the outer UPDATE then marks exactly the locked rows. SQLite has no row locks: the
  // BEGIN IMMEDIATE of the write transaction serializes claimers.
  std::string sql = std::string(
                        "UPDATE jobs SET state = 'running', locked_by = $1, locked_until = $2, attempts = attempts + 1 "
                        "WHERE id IN (SELECT id FROM jobs WHERE (state = 'queued' AND run_after <= $3) "
                        "OR (state = 'running' AND locked_until <= $3) ORDER BY id LIMIT $4") +
                    (c.dialect() == Dialect::postgresql ? " FOR UPDATE SKIP LOCKED" : "") + ") RETURNING " +
                    kJobColumns;
  auto tx = Transaction::begin(c, true);
  if (!tx) return fail(tx.error());
  auto q = c.query(sql);
  if (!q) return fail(q.error());
  q->bind(1, worker).bind(2, to_unix(now + lease)).bind(3, to_unix(now)).bind(4, std::int64_t{std::max(limit, 0)});
  auto jobs = read_all<Job>(*q, read_job);
  if (!jobs) return fail(jobs.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  std::sort(jobs->begin(), jobs->end(), [](const Job& a, const Job& b) { return a.id < b.id; });
  return jobs;
}

Result<bool> complete_job(Connection& c, std::int64_t id, const std::string& worker, TimePoint now) {
  auto q = c.query(
      "UPDATE jobs SET state = 'done', finished_at = $3, locked_by = NULL, locked_until = NULL "
      "WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, worker).bind(3, to_unix(now));
  return updated_one(*q);
}

Result<bool> fail_job(Connection& c, std::int64_t id, const std::string& worker, const std::string& error,
                      std::optional<TimePoint> retry_at, TimePoint now) {
  auto q = c.query(
      "UPDATE jobs SET state = $3, last_error = $4, run_after = COALESCE($5, run_after), finished_at = $6, "
      "locked_by = NULL, locked_until = NULL WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, worker).bind(3, retry_at ? "queued" : "failed").bind(4, error);
  if (retry_at) {
    q->bind(5, to_unix(*retry_at)).bind_null(6);
  } else {
    q->bind_null(5).bind(6, to_unix(now));
  }
  return updated_one(*q);
}

Status retry_job(Connection& c, std::int64_t id, TimePoint now) {
  auto q = c.query(
      "UPDATE jobs SET state = 'queued', run_after = $2, finished_at = NULL "
      "WHERE id = $1 AND state = 'failed' RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, to_unix(now));
  auto touched = updated_one(*q);
  if (!touched) return fail(touched.error());
  if (*touched) return {};
  auto job = find_job(c, id);
  if (!job) return fail(job.error());
  if (!*job) return fail(job_not_found(id));
  return fail(conflict_error("Công việc số " + std::to_string(id) + " không ở trạng thái thất bại",
                             "Job " + std::to_string(id) + " is not failed (" + to_string((*job)->state) + ")"));
}

Result<std::optional<Job>> find_job(Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto jobs = read_all<Job>(*q, read_job);
  if (!jobs) return fail(jobs.error());
  if (jobs->empty()) return std::optional<Job>();
  return std::optional<Job>(std::move(jobs->front()));
}

Result<std::optional<Job>> find_job_by_key(Connection& c, const std::string& idempotency_key) {
  auto q = c.query(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE idempotency_key = $1");
  if (!q) return fail(q.error());
  q->bind(1, idempotency_key);
  auto jobs = read_all<Job>(*q, read_job);
  if (!jobs) return fail(jobs.error());
  if (jobs->empty()) return std::optional<Job>();
  return std::optional<Job>(std::move(jobs->front()));
}

Result<std::vector<Job>> list_jobs(Connection& c, std::optional<JobState> state, int limit, int offset) {
  const std::int64_t lim = std::clamp(limit, 1, 1000);
  const std::int64_t off = std::max(offset, 0);
  if (state) {
    auto q = c.query(std::string("SELECT ") + kJobColumns +
                     " FROM jobs WHERE state = $1 ORDER BY id LIMIT $2 OFFSET $3");
    if (!q) return fail(q.error());
    q->bind(1, to_string(*state)).bind(2, lim).bind(3, off);
    return read_all<Job>(*q, read_job);
  }
  auto q = c.query(std::string("SELECT ") + kJobColumns + " FROM jobs ORDER BY id LIMIT $1 OFFSET $2");
  if (!q) return fail(q.error());
  q->bind(1, lim).bind(2, off);
  return read_all<Job>(*q, read_job);
}

Result<std::int64_t> count_jobs(Connection& c, JobState state) {
  auto q = c.query("SELECT COUNT(*) FROM jobs WHERE state = $1");
  if (!q) return fail(q.error());
  q->bind(1, to_string(state));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t n = *row ? q->get_int(0) : 0;
  if (auto s = q->run(); !s) return fail(s.error());
  return n;
}

}  // namespace ct::store
