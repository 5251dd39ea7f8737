// The job queue contract (job_queue.h) on every backend.
#include "store/job_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "store/store_test_support.h"

namespace ct::store {
namespace {

using testing::BackendFactory;
using std::chrono::seconds;

class JobQueue : public testing::StoreTest {
 protected:
  std::int64_t enqueue(Connection& c, const std::string& key, TimePoint at) {
    auto id = enqueue_job(c, "issue", R"({"request":1})", key, at);
    EXPECT_TRUE(id) << id.error().describe();
    return id ? *id : 0;
  }

  const TimePoint t0_ = from_unix(1'700'000'000);
};

TEST_P(JobQueue, EnqueueFindAndDuplicateKeyConflict) {
  auto c = db_->acquire();
  ASSERT_TRUE(c);
  const auto id = enqueue(**c, "approve-42", t0_);
  auto job = find_job(**c, id);
  ASSERT_TRUE(job && *job) << (job ? "" : job.error().describe());
  EXPECT_EQ((*job)->kind, "issue");
  EXPECT_EQ((*job)->payload, R"({"request":1})");
  EXPECT_EQ((*job)->idempotency_key, "approve-42");
  EXPECT_EQ((*job)->state, JobState::queued);
  EXPECT_EQ((*job)->attempts, 0);
  EXPECT_EQ((*job)->run_after, t0_);
  EXPECT_EQ((*job)->created_at, t0_);
  EXPECT_FALSE((*job)->locked_by);
  EXPECT_FALSE((*job)->finished_at);

  auto dup = enqueue_job(**c, "issue", "{}", "approve-42", t0_);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
  auto by_key = find_job_by_key(**c, "approve-42");
  ASSERT_TRUE(by_key && *by_key);
  EXPECT_EQ((*by_key)->id, id);
  EXPECT_FALSE(find_job(**c, id + 1000)->has_value());
  EXPECT_FALSE(find_job_by_key(**c, "nope")->has_value());
}

TEST_P(JobQueue, EnqueueRollsBackWithItsTransaction) {
  auto c = db_->acquire();
  {
    auto tx = Transaction::begin(**c);
    ASSERT_TRUE(tx);
    enqueue(**c, "k1", t0_);
  }
  EXPECT_EQ(*count_jobs(**c, JobState::queued), 0);
}

TEST_P(JobQueue, ClaimTakesDueJobsInOrderUpToLimit) {
  auto c = db_->acquire();
  const auto a = enqueue(**c, "a", t0_);
  const auto b = enqueue(**c, "b", t0_ - seconds(5));
  const auto later = enqueue(**c, "later", t0_ + seconds(60));
  const auto d = enqueue(**c, "d", t0_);

  auto first = claim_jobs(**c, "w1", t0_, seconds(300), 2);
  ASSERT_TRUE(first) << first.error().describe();
  ASSERT_EQ(first->size(), 2u);
  EXPECT_EQ((*first)[0].id, a);
  EXPECT_EQ((*first)[1].id, b);
  for (const auto& j : *first) {
    EXPECT_EQ(j.state, JobState::running);
    EXPECT_EQ(j.attempts, 1);
    EXPECT_EQ(j.locked_by, "w1");
    EXPECT_EQ(j.locked_until, t0_ + seconds(300));
  }
  auto second = claim_jobs(**c, "w2", t0_, seconds(300), 10);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(second->front().id, d);
  EXPECT_TRUE(claim_jobs(**c, "w2", t0_, seconds(300), 10)->empty());

  auto due_later = claim_jobs(**c, "w2", t0_ + seconds(60), seconds(300), 10);
  ASSERT_EQ(due_later->size(), 1u);
  EXPECT_EQ(due_later->front().id, later);
  EXPECT_EQ(*count_jobs(**c, JobState::running), 4);
}

TEST_P(JobQueue, CompleteInTheEffectsTransaction) {
  auto c = db_->acquire();
  const auto id = enqueue(**c, "k", t0_);
  ASSERT_EQ(claim_jobs(**c, "w1", t0_, seconds(30), 5)->size(), 1u);
  {
    auto tx = Transaction::begin(**c);
    auto done = complete_job(**c, id, "w1", t0_ + seconds(1));
    ASSERT_TRUE(done) << done.error().describe();
    EXPECT_TRUE(*done);
  }  // rolled back: the job is still the worker's
  EXPECT_EQ((*find_job(**c, id))->state, JobState::running);
  {
    auto tx = Transaction::begin(**c);
    EXPECT_TRUE(*complete_job(**c, id, "w1", t0_ + seconds(2)));
    ASSERT_TRUE(tx->commit());
  }
  auto job = *find_job(**c, id);
  EXPECT_EQ(job->state, JobState::done);
  EXPECT_EQ(job->finished_at, t0_ + seconds(2));
  EXPECT_FALSE(job->locked_by);
  EXPECT_FALSE(*complete_job(**c, id, "w1", t0_ + seconds(3)));
  EXPECT_TRUE(claim_jobs(**c, "w2", t0_ + seconds(3600), seconds(30), 5)->empty());
}

TEST_P(JobQueue, ExpiredLeaseIsReclaimedAndTheFirstWorkerLosesIt) {
  auto c = db_->acquire();
  const auto id = enqueue(**c, "k", t0_);
  ASSERT_EQ(claim_jobs(**c, "w1", t0_, seconds(30), 5)->size(), 1u);
  EXPECT_TRUE(claim_jobs(**c, "w2", t0_ + seconds(29), seconds(30), 5)->empty());
  auto taken = claim_jobs(**c, "w2", t0_ + seconds(30), seconds(30), 5);
  ASSERT_EQ(taken->size(), 1u);
  EXPECT_EQ(taken->front().attempts, 2);
  EXPECT_EQ(taken->front().locked_by, "w2");
  EXPECT_FALSE(*complete_job(**c, id, "w1", t0_ + seconds(31)));
  EXPECT_FALSE(*fail_job(**c, id, "w1", "late", std::nullopt, t0_ + seconds(31)));
  EXPECT_TRUE(*complete_job(**c, id, "w2", t0_ + seconds(32)));
}

TEST_P(JobQueue, FailRetryLaterFailForGoodAndOperatorRetry) {
  auto c = db_->acquire();
  const auto id = enqueue(**c, "k", t0_);
  ASSERT_EQ(claim_jobs(**c, "w1", t0_, seconds(30), 5)->size(), 1u);
  ASSERT_TRUE(*fail_job(**c, id, "w1", "HSM bận / HSM busy", t0_ + seconds(60), t0_));
  auto job = *find_job(**c, id);
  EXPECT_EQ(job->state, JobState::queued);
  EXPECT_EQ(job->last_error, "HSM bận / HSM busy");
  EXPECT_EQ(job->run_after, t0_ + seconds(60));
  EXPECT_FALSE(job->finished_at);
  EXPECT_TRUE(claim_jobs(**c, "w1", t0_ + seconds(59), seconds(30), 5)->empty());
  ASSERT_EQ(claim_jobs(**c, "w1", t0_ + seconds(60), seconds(30), 5)->size(), 1u);

  ASSERT_TRUE(*fail_job(**c, id, "w1", "từ chối / refused", std::nullopt, t0_ + seconds(61)));
  job = *find_job(**c, id);
  EXPECT_EQ(job->state, JobState::failed);
  EXPECT_EQ(job->attempts, 2);
  EXPECT_EQ(job->finished_at, t0_ + seconds(61));
  EXPECT_TRUE(claim_jobs(**c, "w1", t0_ + seconds(3600), seconds(30), 5)->empty());
  EXPECT_EQ(*count_jobs(**c, JobState::failed), 1);

  ASSERT_TRUE(retry_job(**c, id, t0_ + seconds(100)));
  job = *find_job(**c, id);
  EXPECT_EQ(job->state, JobState::queued);
  EXPECT_EQ(job->run_after, t0_ + seconds(100));
  auto again = retry_job(**c, id, t0_ + seconds(100));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto missing = retry_job(**c, id + 1000, t0_);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(JobQueue, ListAndCountByState) {
  auto c = db_->acquire();
  for (int i = 0; i < 5; ++i) enqueue(**c, "k" + std::to_string(i), t0_);
  ASSERT_EQ(claim_jobs(**c, "w1", t0_, seconds(30), 2)->size(), 2u);
  EXPECT_EQ(*count_jobs(**c, JobState::queued), 3);
  EXPECT_EQ(*count_jobs(**c, JobState::running), 2);
  EXPECT_EQ(*count_jobs(**c, JobState::done), 0);
  auto all = list_jobs(**c, std::nullopt, 10, 0);
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 5u);
  EXPECT_TRUE(std::is_sorted(all->begin(), all->end(), [](const Job& a, const Job& b) { return a.id < b.id; }));
  auto queued = list_jobs(**c, JobState::queued, 2, 1);
  ASSERT_EQ(queued->size(), 2u);
  EXPECT_EQ((*queued)[0].idempotency_key, "k3");
  EXPECT_EQ(to_string(JobState::failed), std::string("failed"));
}

TEST_P(JobQueue, ClaimRefusesToRunInsideTheCallersTransaction) {
  auto c = db_->acquire();
  auto tx = Transaction::begin(**c);
  auto r = claim_jobs(**c, "w1", t0_, seconds(30), 1);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::internal);
}

// Workers on threads, each with its own connection: every job's effect (a row in job_effects,
// written in the transaction of complete_job) happens exactly once.
TEST_P(JobQueue, ThreadsDrainTheQueueExactlyOnce) {
  constexpr int kJobs = 120, kWorkers = 4;
  {
    auto c = db_->acquire();
    ASSERT_TRUE((*c)->exec("CREATE TABLE job_effects (job_id BIGINT NOT NULL, worker TEXT NOT NULL)"));
    auto tx = Transaction::begin(**c);
    for (int i = 0; i < kJobs; ++i) enqueue(**c, "job-" + std::to_string(i), t0_);
    ASSERT_TRUE(tx->commit());
  }
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&, w] {
      const std::string name = "thread-" + std::to_string(w);
      auto c = db_->acquire();
      ASSERT_TRUE(c);
      while (true) {
        auto jobs = claim_jobs(**c, name, t0_, seconds(300), 3);
        ASSERT_TRUE(jobs) << jobs.error().describe();
        if (jobs->empty()) return;
        for (const Job& j : *jobs) {
          auto tx = Transaction::begin(**c);
          ASSERT_TRUE(tx) << tx.error().describe();
          auto ins = (*c)->query("INSERT INTO job_effects (job_id, worker) VALUES ($1, $2)");
          ASSERT_TRUE(ins);
          ASSERT_TRUE(ins->bind(1, j.id).bind(2, name).run());
          auto done = complete_job(**c, j.id, name, t0_);
          ASSERT_TRUE(done && *done);
          ASSERT_TRUE(tx->commit());
        }
      }
    });
  }
  for (auto& t : workers) t.join();
  auto c = db_->acquire();
  auto q = (*c)->query("SELECT COUNT(*), COUNT(DISTINCT job_id) FROM job_effects");
  ASSERT_TRUE(q && *q->step());
  EXPECT_EQ(q->get_int(0), kJobs);
  EXPECT_EQ(q->get_int(1), kJobs);
  EXPECT_EQ(*count_jobs(**c, JobState::done), kJobs);
}

INSTANTIATE_TEST_SUITE_P(Backends, JobQueue, ::testing::ValuesIn(testing::backends()),
                         [](const auto& p) { return p.param.name; });

}  // namespace
}  // namespace ct::store
