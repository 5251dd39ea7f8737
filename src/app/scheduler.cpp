#include "app/scheduler.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "common/time_format.h"
#include "store/scheduled_jobs.h"

namespace ct::app {
namespace {

constexpr std::chrono::seconds kRecordEvery{30};

}  // namespace

std::string process_name(const std::string& role) {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(::getpid()) + ":" + role;
}

Scheduler::Scheduler(store::Database& db, const Clock& clock, std::string holder)
    : db_(db), clock_(clock), holder_(std::move(holder)) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::add(ScheduledJob job) {
  if (job.every < std::chrono::seconds(1)) job.every = std::chrono::seconds(1);
  jobs_.push_back(std::move(job));
}

std::optional<JobOutcome> Scheduler::run_job(const ScheduledJob& job, bool force) {
  JobOutcome out{job.name, JobOutcome::Kind::ran, {}};
  auto failed = [&](const Error& e) {
    out.kind = JobOutcome::Kind::failed;
    out.error = e.message_en;
    // A job that keeps failing the same way (a key backend down) is logged once, not every period.
    if (last_logged_[job.name] != out.error) spdlog::warn("job {}: {}", job.name, e.describe());
    last_logged_[job.name] = out.error;
    return out;
  };
  const TimePoint started = clock_.now();
  if (job.exclusive) {
    auto lease = db_.acquire();
    if (!lease) return failed(lease.error());
    auto taken = store::take_job_lease(**lease, job.name, holder_, started, job.lease, force);
    if (!taken) return failed(taken.error());
    if (!*taken) {
      if (!force) return std::nullopt;  // not due yet, or running elsewhere
      out.kind = JobOutcome::Kind::held_elsewhere;
      return out;
    }
  }
  Status result;
  try {
    result = force && job.run_forced ? job.run_forced() : job.run();
  } catch (const std::exception& e) {
    result = fail(ErrorCode::internal, std::string("Lỗi khi chạy tác vụ: ") + e.what(),
                  std::string("The job threw: ") + e.what(), job.name);
  }
  if (!result) {
    failed(result.error());
  } else if (!last_logged_[job.name].empty()) {
    spdlog::info("job {}: ran again", job.name);
    last_logged_[job.name].clear();
  }
  const TimePoint finished = clock_.now();
  const std::optional<std::string> error = result ? std::nullopt : std::optional<std::string>(out.error);
  if (!job.exclusive && !force) {
    // A per-process job runs every second or so: its row is written when its outcome changes
    // and otherwise at most every kRecordEvery, not on every run.
    auto& last = last_recorded_[job.name];
    if (last.at && last.error == error && finished - *last.at < kRecordEvery) return out;
    last = {finished, error};
  }
  auto lease = db_.acquire();
  Status recorded = lease ? store::finish_job_run(**lease, job.name, holder_, started, finished, error, finished + job.every)
                          : Status(fail(lease.error()));
  // An unrecorded run keeps its lease until it runs out: the job then waits a little longer.
  if (!recorded) spdlog::warn("job {}: run not recorded: {}", job.name, recorded.error().describe());
  return out;
}

std::vector<JobOutcome> Scheduler::tick() {
  std::vector<JobOutcome> outcomes;
  for (const auto& job : jobs_) {
    const auto next = next_try_.find(job.name);
    if (next != next_try_.end() && clock_.now() < next->second) continue;
    if (auto o = run_job(job, false)) outcomes.push_back(std::move(*o));
    next_try_[job.name] = clock_.now() + job.every;
  }
  return outcomes;
}

std::vector<JobOutcome> Scheduler::run_all() {
  std::vector<JobOutcome> outcomes;
  for (const auto& job : jobs_) {
    if (auto o = run_job(job, true)) outcomes.push_back(std::move(*o));
    next_try_[job.name] = clock_.now() + job.every;
  }
  return outcomes;
}

void Scheduler::start(std::chrono::milliseconds poll) {
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
    running_ = true;
  }
  thread_ = std::thread([this, poll] {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      lock.unlock();
      (void)tick();
      lock.lock();
      wake_.wait_for(lock, poll, [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    running_ = false;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<Error> Scheduler::check() {
  {
    std::lock_guard lock(mu_);
    if (!running_) {
      return Error::make(ErrorCode::unavailable, "Bộ lập lịch của tiến trình này không chạy",
                         "This process's scheduler is not running", "scheduler");
    }
  }
  return schedule_check();
}

std::optional<Error> Scheduler::schedule_check() {
  auto lease = db_.acquire();
  if (!lease) return lease.error();
  auto rows = store::list_scheduled_jobs(**lease);
  if (!rows) return rows.error();
  const TimePoint now = clock_.now();
  for (const auto& job : jobs_) {
    if (!job.exclusive) continue;
    const auto row = std::find_if(rows->begin(), rows->end(), [&](const auto& r) { return r.name == job.name; });
    if (row == rows->end()) continue;  // not run yet: due at once
    const bool running = row->holder && row->lease_until && *row->lease_until > now;
    if (running || row->next_run + job.every + job.lease + std::chrono::seconds(60) >= now) continue;
    const std::string since = timefmt::iso8601_utc(row->next_run);
    return Error::make(ErrorCode::unavailable,
                       "Việc định kỳ " + job.name + " quá hạn từ " + since + " mà không tiến trình nào chạy",
                       "The periodic job " + job.name + " is overdue since " + since + " and no process runs it",
                       "scheduler");
  }
  return std::nullopt;
}

}  // namespace ct::app
