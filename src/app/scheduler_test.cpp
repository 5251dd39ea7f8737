// The scheduler's contract (scheduler.h) on every store backend: two processes, one job.
#include "app/scheduler.h"

#include <gtest/gtest.h>

#include "store/scheduled_jobs.h"
#include "store/store_test_support.h"

namespace ct::app {
namespace {

using std::chrono::seconds;

class SchedulerTest : public store::testing::StoreTest {
 protected:
  ScheduledJob counting(const std::string& name, bool exclusive, int& runs, seconds every = seconds(60)) {
    return ScheduledJob{name, "test", every, exclusive, seconds(120), [&runs]() -> Status {
                          ++runs;
                          return {};
                        }};
  }
  std::optional<store::ScheduledJobRecord> row(const std::string& name) {
    auto lease = db_->acquire();
    auto rows = store::list_scheduled_jobs(**lease);
    EXPECT_TRUE(rows) << rows.error().describe();
    for (auto& r : *rows) {
      if (r.name == name) return r;
    }
    return std::nullopt;
  }
  FixedClock clock_{from_unix(1'800'000'000)};
};

TEST_P(SchedulerTest, AnExclusiveJobRunsOncePerPeriodAcrossProcesses) {
  int runs = 0;
  Scheduler a(*db_, clock_, "host:1:serve"), b(*db_, clock_, "host:2:serve");
  a.add(counting("crl", true, runs));
  b.add(counting("crl", true, runs));
  EXPECT_EQ(a.tick().size(), 1U);
  EXPECT_TRUE(b.tick().empty());  // ran a moment ago elsewhere: not due
  EXPECT_EQ(runs, 1);
  clock_.advance(seconds(59));
  (void)a.tick();
  (void)b.tick();
  EXPECT_EQ(runs, 1);
  clock_.advance(seconds(61));  // past the installation-wide next run: whichever asks first runs it
  (void)b.tick();
  (void)a.tick();
  EXPECT_EQ(runs, 2);
  auto r = row("crl");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->runs, 2);
  EXPECT_EQ(r->last_holder, "host:2:serve");
  EXPECT_FALSE(r->holder);  // the lease is given back after each run
  EXPECT_EQ(r->next_run, clock_.now() + seconds(60));
}

TEST_P(SchedulerTest, AProcessThatDiedInARunIsTakenOverWhenItsLeaseRunsOut) {
  {
    auto lease = db_->acquire();
    auto taken = store::take_job_lease(**lease, "crl", "host:1:serve", clock_.now(), seconds(120), false);
    ASSERT_TRUE(taken && *taken);  // …and host:1 is killed before it records the run
  }
  int runs = 0;
  Scheduler b(*db_, clock_, "host:2:serve");
  b.add(counting("crl", true, runs, seconds(5)));
  EXPECT_TRUE(b.tick().empty());
  auto all = b.run_all();  // even forced, a live lease is respected
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].kind, JobOutcome::Kind::held_elsewhere);
  EXPECT_EQ(runs, 0);
  clock_.advance(seconds(121));
  EXPECT_EQ(b.tick().size(), 1U);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(row("crl")->last_holder, "host:2:serve");
}

TEST_P(SchedulerTest, RunAllRunsEveryJobNowWhateverItsSchedule) {
  int exclusive = 0, local = 0;
  Scheduler s(*db_, clock_, "host:1:jobs");
  s.add(counting("crl", true, exclusive, seconds(3600)));
  s.add(counting("operations", false, local, seconds(3600)));
  EXPECT_EQ(s.tick().size(), 2U);
  EXPECT_TRUE(s.tick().empty());
  auto all = s.run_all();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].kind, JobOutcome::Kind::ran);
  EXPECT_EQ(all[1].kind, JobOutcome::Kind::ran);
  EXPECT_EQ(exclusive, 2);
  EXPECT_EQ(local, 2);
}

TEST_P(SchedulerTest, PerProcessJobsRunInEveryProcess) {
  int runs = 0;
  Scheduler a(*db_, clock_, "host:1:serve"), b(*db_, clock_, "host:2:serve");
  a.add(counting("ocsp-cache", false, runs, seconds(1)));
  b.add(counting("ocsp-cache", false, runs, seconds(1)));
  (void)a.tick();
  (void)b.tick();
  EXPECT_EQ(runs, 2);
  (void)a.tick();  // not due yet in this process
  EXPECT_EQ(runs, 2);
  clock_.advance(seconds(1));
  (void)a.tick();
  (void)b.tick();
  EXPECT_EQ(runs, 4);
}

TEST_P(SchedulerTest, AFailureIsRecordedAndRetriedNextPeriod) {
  bool broken = true;
  Scheduler s(*db_, clock_, "host:1:serve");
  s.add({"crl", "test", seconds(5), true, seconds(120), [&broken]() -> Status {
           if (broken) return fail(ErrorCode::unavailable, "Thiết bị ký không sẵn sàng", "The signing device is down");
           return {};
         }});
  auto first = s.tick();
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].kind, JobOutcome::Kind::failed);
  EXPECT_EQ(first[0].error, "The signing device is down");
  auto r = row("crl");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->last_error, "The signing device is down");
  EXPECT_EQ(r->failures, 1);
  EXPECT_FALSE(r->holder);
  broken = false;
  clock_.advance(seconds(5));
  auto second = s.tick();
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].kind, JobOutcome::Kind::ran);
  r = row("crl");
  EXPECT_FALSE(r->last_error);
  EXPECT_EQ(r->runs, 2);
  EXPECT_EQ(r->failures, 1);
}

TEST_P(SchedulerTest, AThrowingJobIsAFailureNotACrash) {
  Scheduler s(*db_, clock_, "host:1:serve");
  s.add({"crl", "test", seconds(5), true, seconds(120), []() -> Status { throw std::runtime_error("boom"); }});
  auto out = s.tick();
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].kind, JobOutcome::Kind::failed);
  EXPECT_FALSE(row("crl")->holder);
}

TEST_P(SchedulerTest, ReadinessSaysWhenTheScheduleHasStopped) {
  int runs = 0;
  Scheduler a(*db_, clock_, "host:1:serve");
  a.add(counting("crl", true, runs));
  ASSERT_TRUE(a.check());  // not started
  EXPECT_EQ(a.check()->context, "scheduler");
  EXPECT_EQ(a.tick().size(), 1U);
  a.start(std::chrono::hours(1));
  EXPECT_FALSE(a.check()) << a.check()->describe();
  a.stop();
  EXPECT_TRUE(a.check());  // stopped
  // When no process runs it, the job is overdue only once its next run (a period after the last)
  // is a period, the lease and a minute behind.
  clock_.advance(seconds(60 + 60 + 120 + 60));
  EXPECT_FALSE(a.schedule_check());
  clock_.advance(seconds(1));
  auto down = a.schedule_check();
  ASSERT_TRUE(down);
  EXPECT_NE(down->message_en.find("crl is overdue"), std::string::npos) << down->message_en;
  // A process running it now (its lease alive) is not overdue.
  {
    auto lease = db_->acquire();
    auto taken = store::take_job_lease(**lease, "crl", "host:3:serve", clock_.now(), seconds(120), false);
    ASSERT_TRUE(taken && *taken);
  }
  EXPECT_FALSE(a.schedule_check());
}

INSTANTIATE_TEST_SUITE_P(Backends, SchedulerTest, ::testing::ValuesIn(store::testing::backends()),
                         store::testing::backend_name);

}  // namespace
}  // namespace ct::app
