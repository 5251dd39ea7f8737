// chungthu worker run: executes the queued CA operations of approved requests, exactly once each
// (app/operation_runner.h, the loop `serve` runs as its job "operations"). Several workers may
// run at once; a killed one's jobs are taken over when their lease runs out.
#include <iostream>
#include <thread>

#include "app/operation_runner.h"
#include "app/scheduler.h"
#include "cli/commands.h"

namespace ct::cli {
namespace {

struct WorkerOptions {
  bool once = false;
  int lease_seconds = 60;
  int claim = 4;
  std::string ca = pki::kIssuingCa;
};

int run_worker(const GlobalOptions& g, const WorkerOptions& o) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  app::OperationRunner runner(**ctx, app::process_name("worker"),
                             {o.ca, std::chrono::seconds(o.lease_seconds), o.claim});
  runner.on_progress([](const std::string& line) { std::cout << line << std::endl; });
  registry::WorkerStats total;
  while (true) {
    auto stats = runner.drain();
    if (!stats) return report(stats.error());
    total.completed += stats->completed;
    total.failed += stats->failed;
    total.lost_lease += stats->lost_lease;
    if (o.once) {
      auto left = runner.pending();
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
  run->add_option("--claim", o->claim, "Jobs claimed at a time (default 4)")->check(CLI::Range(1, 100));
  run->add_option("--ca", o->ca, "Issuing CA (default: issuing)");
  run->callback([&rc, &g, o] { rc = run_worker(g, *o); });
}

}  // namespace ct::cli
