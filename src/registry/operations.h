#pragma once
// CA operations of approved requests (SPEC §3, §4): queued in the approval's transaction and
// executed exactly once by OperationWorker through the pki layer.
//
//   new            issue from the CSR (profile individual / organization)
//   renew          certify the same public key again: new serial, validity extended by at most
//                  registry.renewal_extension_days (never past the CA); the old one stays valid
//   change_info    issue with the new content (the CSR's key, else the old key), revoke the old
//                  (affiliationChanged or superseded)
//   reissue        revoke the old (lost: keyCompromise, damaged: superseded), issue the new key;
//                  for a lost device the old certificate is revoked already at approval
//                  (revoke_at_approval), whether or not the new device is ready
//   revoke         revoke with the reason mapped from the ground
//   mailbox        mark the official mailbox provisioned
//   recover_device and keys generated on a device (no CSR on a TOKEN/SIM/RSSP/HSM) are not
//   queued: the request stays `approved`, awaiting "device", until the token station
//   (app/token_station.h) performs them through complete_with_device_key and
//   complete_device_recovery.
//
// Exactly once (store/job_queue.h): the worker performs an operation's effects, completes the
// request, writes the audit entry and completes the job in ONE transaction; a crash before the
// commit leaves nothing, and the job is claimed again when its lease runs out.

#include <chrono>
#include <functional>
#include <string>

#include "pki/certificate_authority.h"
#include "registry/device_transitions.h"
#include "registry/registry_env.h"
#include "registry/request.h"
#include "store/job_queue.h"

namespace ct::registry {

inline constexpr const char* kOperationJobPrefix = "registry.";

// True when the approved request waits for the device support instead of the queue.
[[nodiscard]] bool awaits_device(const Request& r) noexcept;
// Inside the approval's transaction: what cannot wait for the operation. A reissue whose
// ground is a lost device revokes the old certificate with keyCompromise now (a lost key is a
// compromised key, SPEC §3), audited as `cert.revoke` by `actor`; the operation then finds it
// revoked. The token that held the old key, when the register knows it, becomes
// permanently_lost when `devices` allows that from its state. Anything else: nothing. An old
// certificate already revoked is left as it is.
[[nodiscard]] Status revoke_at_approval(store::Connection& c, const Clock& clock, const DeviceTransitions& devices,
                                        const Request& r, const std::string& actor);
// Inside the caller's transaction, for the device support (app/token_station.h): performs the
// operation of an approved `new` or `reissue` awaiting a device with `public_key_der` (the SPKI
// of the key generated on it) through the same logic as the worker (reissue: the old
// certificate revoked with its ground's reason unless revoked already, the new one replacing
// it), and completes the request (approved → completed, result_serial set, awaiting cleared,
// on the timeline). Returns the new certificate's serial. invalid_input for any other request.
[[nodiscard]] Result<std::string> complete_with_device_key(RegistryEnv& env, pki::CertificateAuthority& ca,
                                                           store::Connection& c, Request& r,
                                                           const Bytes& public_key_der, const std::string& actor);
// Inside the caller's transaction: completes an approved recover_device (the PIN was reset on
// the device) with `note` on its timeline.
[[nodiscard]] Status complete_device_recovery(store::Connection& c, const Clock& clock, Request& r,
                                              const std::string& actor, const std::string& note);
// Inside the caller's transaction: queues the request's operation (idempotency key
// "request:<id>:<attempt>").
[[nodiscard]] Result<std::int64_t> enqueue_operation(store::Connection& c, const Request& r, TimePoint now);

struct WorkerStats {
  int completed = 0;
  int failed = 0;
  int lost_lease = 0;
};

class OperationWorker final {
 public:
  OperationWorker(RegistryEnv& env, pki::CertificateAuthority& ca, std::string worker_id,
                  std::chrono::seconds lease = std::chrono::seconds{60});
  // Claims up to `limit` due jobs and runs each; returns what happened. Zero jobs claimed
  // means the queue had nothing due.
  [[nodiscard]] Result<WorkerStats> run_once(int limit, int* claimed = nullptr);
  // Called after each job (progress output).
  void on_progress(std::function<void(const std::string&)> f) { progress_ = std::move(f); }

 private:
  enum class JobResult { completed, failed, skipped, retry_later, lost_lease };
  [[nodiscard]] Result<JobResult> run_job(store::Connection& c, const store::Job& job);
  [[nodiscard]] Result<JobResult> record_failure(store::Connection& c, const store::Job& job, const Error& e);

  RegistryEnv& env_;
  pki::CertificateAuthority& ca_;
  std::string worker_id_;
  std::chrono::seconds lease_;
  std::function<void(const std::string&)> progress_;
};

}  // namespace ct::registry
