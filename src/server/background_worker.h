#pragma once
// The operation worker inside `chungthu serve` (server.worker = true, the default): executes the
// queued CA operations of approved requests in a background thread, exactly once each
// (registry/operations.h), so an approved request completes without a separate process.
// `chungthu worker run` keeps working beside it: the job queue hands each job to one worker.
// Takes an audit checkpoint when kCheckpointEvery entries have accumulated.

#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/context.h"

namespace ct::server {

class BackgroundWorker final {
 public:
  explicit BackgroundWorker(app::Context& ctx, std::chrono::milliseconds idle = std::chrono::milliseconds(500));
  ~BackgroundWorker() { stop(); }
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

  // Lets the job in progress finish (its transaction commits or rolls back whole), then joins.
  void stop();

 private:
  void loop();
  app::Context& ctx_;
  std::chrono::milliseconds idle_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // REQUIRES: mu_
  std::thread thread_;
};

}  // namespace ct::server
