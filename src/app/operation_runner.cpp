#include "app/operation_runner.h"

#include <spdlog/spdlog.h>

#include "app/audit_protection.h"
#include "audit/audit_log.h"
#include "store/job_queue.h"

namespace ct::app {

OperationRunner::OperationRunner(Context& ctx, std::string worker_id, OperationRunnerOptions options)
    : ctx_(ctx), worker_id_(std::move(worker_id)), options_(std::move(options)) {}

Result<registry::WorkerStats> OperationRunner::drain() {
  if (!worker_) {
    auto ca = ctx_.certificate_authority(options_.ca);
    if (!ca) return fail(ca.error());
    ca_.emplace(std::move(*ca));
    env_.emplace(ctx_.registry_env());
    worker_ = std::make_unique<registry::OperationWorker>(*env_, *ca_, worker_id_, options_.lease);
    if (progress_) worker_->on_progress(progress_);
  }
  registry::WorkerStats total;
  while (true) {
    int claimed = 0;
    auto stats = worker_->run_once(options_.claim, &claimed);
    if (!stats) return fail(stats.error());
    total.completed += stats->completed;
    total.failed += stats->failed;
    total.lost_lease += stats->lost_lease;
    if (claimed == 0) break;
  }
  if (total.completed + total.failed > 0) {
    // What the jobs did is committed; a checkpoint that cannot be signed now is signed later.
    if (auto cp = checkpoint_audit(ctx_, audit::kCheckpointEvery); !cp) {
      spdlog::warn("audit checkpoint: {}", cp.error().describe());
    }
  }
  return total;
}

Result<std::int64_t> OperationRunner::pending() {
  auto lease = ctx_.db().acquire();
  if (!lease) return fail(lease.error());
  auto queued = store::count_jobs(**lease, store::JobState::queued);
  if (!queued) return fail(queued.error());
  auto running = store::count_jobs(**lease, store::JobState::running);
  if (!running) return fail(running.error());
  return *queued + *running;
}

}  // namespace ct::app
