// Exactly once across processes (job_queue.h): two worker processes drain one queue on one
// database; each job's effect is written in the transaction of complete_job. In the second
// case one worker is killed (SIGKILL) while it holds leases and an open transaction: nothing of
// it stays, and the survivor takes its jobs once the leases expire.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "store/job_queue.h"
#include "store/store_test_support.h"

namespace ct::store {
namespace {

using testing::BackendFactory;
using std::chrono::seconds;

constexpr int kJobs = 200;
constexpr auto kLease = seconds(2);

// Runs in a child process (no GoogleTest assertions there): drains the queue until every job
// is done. With `announce_fd`, claims one batch, writes the first job's effect in an open
// transaction, tells the parent through the pipe and waits to be killed.
int worker(Database& db, const std::string& name, int announce_fd) {
  const SystemClock clock;
  const auto deadline = clock.now() + seconds(120);
  auto c = db.acquire();
  if (!c) return 10;
  while (clock.now() < deadline) {
    auto jobs = claim_jobs(**c, name, clock.now(), kLease, 5);
    if (!jobs) return 11;
    if (jobs->empty()) {
      auto done = count_jobs(**c, JobState::done);
      if (!done) return 12;
      if (*done == kJobs) return 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    for (const Job& j : *jobs) {
      auto tx = Transaction::begin(**c);
      if (!tx) return 13;
      auto ins = (*c)->query("INSERT INTO job_effects (job_id, worker) VALUES ($1, $2)");
      if (!ins || !ins->bind(1, j.id).bind(2, name).run()) return 14;
      if (announce_fd >= 0) {
        const char ready = 'k';
        if (::write(announce_fd, &ready, 1) != 1) return 15;
        while (true) ::pause();
      }
      auto done = complete_job(**c, j.id, name, clock.now());
      if (!done) return 16;
      if (!*done) continue;  // the lease was taken over: the transaction rolls back
      if (!tx->commit()) return 17;
    }
  }
  return 18;
}

class JobQueueProcesses : public testing::StoreTest {
 protected:
  void SetUp() override {
    testing::StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto c = db_->acquire();
    ASSERT_TRUE((*c)->exec("CREATE TABLE job_effects (job_id BIGINT NOT NULL, worker TEXT NOT NULL)"));
    auto tx = Transaction::begin(**c);
    for (int i = 0; i < kJobs; ++i) {
      ASSERT_TRUE(enqueue_job(**c, "issue", "{}", "job-" + std::to_string(i), SystemClock().now()));
    }
    ASSERT_TRUE(tx->commit());
  }
  // Forks a worker on a database of its own (the parent's connections are never touched in
  // the child, which leaves with _exit).
  pid_t spawn(const std::string& name, int announce_fd) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      auto db = GetParam().reopen(scratch_);
      ::_exit(db ? worker(**db, name, announce_fd) : 9);
    }
    return pid;
  }
  static int wait_exit(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return WIFSIGNALED(status) ? 100 + WTERMSIG(status) : -1;
  }

  void expect_each_job_done_once() {
    auto c = db_->acquire();
    auto q = (*c)->query("SELECT COUNT(*), COUNT(DISTINCT job_id) FROM job_effects");
    ASSERT_TRUE(q && *q->step());
    EXPECT_EQ(q->get_int(0), kJobs) << "effects written";
    EXPECT_EQ(q->get_int(1), kJobs) << "distinct jobs with an effect";
    EXPECT_EQ(*count_jobs(**c, JobState::done), kJobs);
  }
};

TEST_P(JobQueueProcesses, TwoWorkersDrainOneQueueExactlyOnce) {
  const pid_t a = spawn("proc-a", -1);
  const pid_t b = spawn("proc-b", -1);
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  EXPECT_EQ(wait_exit(a), 0);
  EXPECT_EQ(wait_exit(b), 0);
  expect_each_job_done_once();
}

TEST_P(JobQueueProcesses, KilledWorkersLeasesAreReclaimedAndDoneOnce) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t doomed = spawn("proc-doomed", fds[1]);
  ASSERT_GT(doomed, 0);
  char ready = 0;
  ASSERT_EQ(::read(fds[0], &ready, 1), 1);
  ::close(fds[0]);
  ::close(fds[1]);
  ASSERT_EQ(::kill(doomed, SIGKILL), 0);
  EXPECT_EQ(wait_exit(doomed), 100 + SIGKILL);

  const pid_t survivor = spawn("proc-survivor", -1);
  ASSERT_GT(survivor, 0);
  EXPECT_EQ(wait_exit(survivor), 0);
  expect_each_job_done_once();
  auto c = db_->acquire();
  auto q = (*c)->query("SELECT COUNT(*) FROM jobs WHERE attempts = 2");
  ASSERT_TRUE(q && *q->step());
  EXPECT_GE(q->get_int(0), 5) << "the doomed worker's batch was claimed again";
  auto others = (*c)->query("SELECT COUNT(*) FROM job_effects WHERE worker = 'proc-doomed'");
  ASSERT_TRUE(others && *others->step());
  EXPECT_EQ(others->get_int(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobQueueProcesses, ::testing::ValuesIn(testing::backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace ct::store
