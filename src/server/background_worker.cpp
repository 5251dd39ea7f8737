#include "server/background_worker.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "audit/audit_log.h"
#include "pki/hierarchy.h"
#include "registry/operations.h"

namespace ct::server {

BackgroundWorker::BackgroundWorker(app::Context& ctx, std::chrono::milliseconds idle) : ctx_(ctx), idle_(idle) {
  thread_ = std::thread([this] { loop(); });
}

void BackgroundWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundWorker::loop() {
  auto ca = ctx_.certificate_authority(pki::kIssuingCa);
  if (!ca) {
    spdlog::error("worker: not started: {}", ca.error().message_en);
    return;
  }
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  auto env = ctx_.registry_env();
  registry::OperationWorker worker(env, *ca, std::string(host) + ":" + std::to_string(::getpid()) + ":serve");
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    int claimed = 0;
    auto stats = worker.run_once(4, &claimed);
    if (!stats) spdlog::error("worker: {}", stats.error().message_en);
    if (stats && stats->completed + stats->failed > 0) {
      auto lease = ctx_.db().acquire();
      auto since = lease ? audit::entries_since_checkpoint(**lease) : Result<std::int64_t>(0);
      if (since && *since >= audit::kCheckpointEvery) {
        auto key = ctx_.audit_key();
        if (key) (void)audit::checkpoint(ctx_.db(), ctx_.clock(), *key);
      }
    }
    if (stats && claimed > 0) continue;
    std::unique_lock lock(mu_);
    wake_.wait_for(lock, idle_, [this] { return stopping_; });
  }
}

}  // namespace ct::server
