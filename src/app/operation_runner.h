#pragma once
// The one loop of the CA operation worker (SPEC §4), shared by `chungthu serve` (the scheduler's
// per-process job "operations") and `chungthu worker run`: claims approved operations a few at a
// time and executes each exactly once (registry/operations.h) until nothing is left to claim,
// then signs an audit checkpoint when kCheckpointEvery entries have accumulated since the last.
// Several runners, in one process or many, share the queue: the job queue hands each job to one.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/context.h"
#include "pki/hierarchy.h"
#include "registry/operations.h"

namespace ct::app {

struct OperationRunnerOptions {
  std::string ca = pki::kIssuingCa;          // the issuing CA whose key signs
  std::chrono::seconds lease{60};            // how long a claimed job is held
  int claim = 4;                             // jobs claimed at a time
};

class OperationRunner final {
 public:
  OperationRunner(Context& ctx, std::string worker_id, OperationRunnerOptions options = {});
  OperationRunner(const OperationRunner&) = delete;  // the worker refers to the members below
  OperationRunner& operator=(const OperationRunner&) = delete;

  // Runs until a claim finds nothing due. The CA's key is loaded on the first call (and again
  // after a failure to load it, so a key backend that comes back is used without a restart).
  [[nodiscard]] Result<registry::WorkerStats> drain();
  // Called after each job (progress output).
  void on_progress(std::function<void(const std::string&)> f) { progress_ = std::move(f); }
  // Queued and running jobs, for `worker run --once` (which waits for leases of dead workers).
  [[nodiscard]] Result<std::int64_t> pending();

 private:
  Context& ctx_;
  std::string worker_id_;
  OperationRunnerOptions options_;
  std::function<void(const std::string&)> progress_;
  std::optional<pki::CertificateAuthority> ca_;
  std::optional<registry::RegistryEnv> env_;
  std::unique_ptr<registry::OperationWorker> worker_;
};

}  // namespace ct::app
