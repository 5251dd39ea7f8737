// chungthu worker run: executes the queued CA operations of approved requests, exactly once each
// (registry/operations.h). Several workers may run at once; a killed one's jobs are taken over
// when their lease runs out.
#include <unistd.h>

#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "pki/hierarchy.h"
#include "registry/operations.h"
#include "store/job_queue.h"

namespace ct::cli {
namespace {

struct WorkerOptions {
  bool once = false;
  int lease_seconds = 60;
  int batch = 4;
  std::string ca = pki::kIssuingCa;
};

Result<std::int64_t> pending(store::Database& db) {
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto queued = store::count_jobs(**lease, store::JobState::queued);
  if (!queued) return fail(queued.error());
  auto running = store::count_jobs(**lease, store::JobState::running);
  if (!running) return fail(running.error());
  return *queued + *running;
}

int run_worker(const GlobalOptions& g, const WorkerOptions& o) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto ca = (*ctx)->certificate_authority(o.ca);
  if (!ca) return report(ca.error());
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  const std::string id = std::string(host) + ":" + std::to_string(::getpid());
  auto env = (*ctx)->registry_env();
  registry::OperationWorker worker(env, *ca, id, std::chrono::seconds{o.lease_seconds});
  worker.on_progress([](const std::string& line) { std::cout << line << std::endl; });
  registry::WorkerStats total;
  while (true) {
    int claimed = 0;
    auto stats = worker.run_once(o.batch, &claimed);
    if (!stats) return report(stats.error());
    total.completed += stats->completed;
    total.failed += stats->failed;
    total.lost_lease += stats->lost_lease;
    if (stats->completed + stats->failed > 0) checkpoint_after_write(**ctx, /*always=*/false);
    if (claimed > 0) continue;
    if (o.once) {
      auto left = pending((*ctx)->db());
      if (!left) return report(left.error());
      if (*left == 0) break;  // drained; otherwise wait for leases of dead workers to run out
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  std::cout << "Xong / done: " << total.completed << " hoàn thành / completed, " << total.failed
            << " lỗi / failed" << (total.failed > 0 ? " (chungthu request list --state failed)" : "") << "\n";
  return kOk;
}

}  // namespace

void register_worker(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* worker = app.add_subcommand("worker", "Hàng đợi thao tác CA / The CA operation queue");
  worker->require_subcommand(1);
  auto o = std::make_shared<WorkerOptions>();
  auto* run = worker->add_subcommand("run", "Thực hiện các thao tác đã duyệt / Execute approved operations");
  run->add_flag("--once", o->once, "Drain the queue, then exit (waits for leases of a crashed worker to expire)");
  run->add_option("--lease", o->lease_seconds, "Seconds a claimed job is held (default 60)")->check(CLI::Range(1, 3600));
  run->add_option("--claim", o->batch, "Jobs claimed at a time (default 4)")->check(CLI::Range(1, 100));
  run->add_option("--ca", o->ca, "Issuing CA (default: issuing)");
  run->callback([&rc, &g, o] { rc = run_worker(g, *o); });
}

}  // namespace ct::cli
