#pragma once
// The one scheduler of every periodic job of an installation (SPEC §10): CRL publication,
// the CA operation worker, audit checkpoints, the OCSP cache's maintenance, and whatever later
// areas add. Each process (`serve`, `jobs run`) has one; the store coordinates them:
//   - an exclusive job runs in one process at a time across the installation: the process must
//     take the job's lease row (store/scheduled_jobs.h) before running it, and the row's
//     next_run is the installation-wide schedule, so N processes still run it once per period.
//     A process that dies while running a job holds the lease until it runs out; then another
//     process takes the job over;
//   - a per-process job (exclusive = false) runs in every process on its own schedule: work
//     that is in memory (a cache) or already handed out one item at a time (the job queue).
// Runs are recorded in the store (last run, error, next run) for `chungthu jobs list`: every run
// of an exclusive job; a per-process job's when its outcome changes, else every 30 s at most.
// Time comes from the injected clock, so tests step through schedules without waiting.
//
// Thread-safety: add() before start(); tick() and run_all() from one thread at a time (start()
// runs tick() on an own thread until stop()).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace ct::app {

struct ScheduledJob {
  std::string name;                // unique; the row in scheduled_jobs
  std::string summary;             // one line, Vietnamese / English, for `jobs list`
  std::chrono::seconds every{1};    // from the end of one run to the next (the clock has whole seconds)
  bool exclusive = true;            // see above
  std::chrono::seconds lease{300};  // how long a run may take before another process may start it
  std::function<Status()> run;
  // What run_all() (`jobs run --once`) calls instead of `run`, when set: e.g. the mail sender
  // tries every queued message whatever its backoff.
  std::function<Status()> run_forced = {};
};

struct JobOutcome {
  std::string name;
  enum class Kind { ran, failed, held_elsewhere } kind = Kind::ran;
  std::string error;  // when failed
};

class Scheduler final {
 public:
  // `holder` names this process in the lease rows (unique per process: host, pid, role).
  Scheduler(store::Database& db, const Clock& clock, std::string holder);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void add(ScheduledJob job);
  [[nodiscard]] const std::vector<ScheduledJob>& jobs() const noexcept { return jobs_; }
  [[nodiscard]] const std::string& holder() const noexcept { return holder_; }

  // Runs each job that is due now; returns what happened to those it tried.
  std::vector<JobOutcome> tick();
  // Runs every job once now, whatever its schedule (`chungthu jobs run --once`); an exclusive
  // job that another process is running now is skipped (held_elsewhere).
  std::vector<JobOutcome> run_all();

  // Calls tick() every `poll` on a thread until stop(); a job's run is never interrupted.
  void start(std::chrono::milliseconds poll = std::chrono::milliseconds(200));
  void stop();

  // For /readyz: an error when this scheduler is not running, else schedule_check().
  [[nodiscard]] std::optional<Error> check();
  // An error when one of this scheduler's exclusive jobs is overdue by more than its period, its
  // lease and a minute with no process running it (the installation's schedule has stopped:
  // every process that could run it is down or stuck).
  [[nodiscard]] std::optional<Error> schedule_check();

 private:
  [[nodiscard]] std::optional<JobOutcome> run_job(const ScheduledJob& job, bool force);

  store::Database& db_;
  const Clock& clock_;
  std::string holder_;
  std::vector<ScheduledJob> jobs_;
  std::map<std::string, TimePoint> next_try_;     // this process's own schedule, per job
  std::map<std::string, std::string> last_logged_;  // the failure last logged, per job
  struct Recorded {
    std::optional<TimePoint> at;
    std::optional<std::string> error;
  };
  std::map<std::string, Recorded> last_recorded_;  // per-process jobs: the run last written

  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // REQUIRES: mu_
  bool running_ = false;   // REQUIRES: mu_; between start() and stop()
  std::thread thread_;
};

// A name for this process in lease rows: "host:pid:role".
[[nodiscard]] std::string process_name(const std::string& role);

}  // namespace ct::app
