#pragma once
// The periodic jobs every process of an installation schedules (app/scheduler.h):
//   crl               exclusive, every 5 s: publishes the CRLs that are due (pki/crl_schedule.h);
//                     off with pki.crl_scheduler = false; pki.crl_min_interval_seconds coalesces
//   operations        per process, every second: drains the CA operation queue (operation_runner.h);
//                     `serve` leaves it out with server.worker = false
//   ocsp-signer       exclusive, hourly: renews the OCSP signer when fewer than ca.ocsp_renew_days
//                     are left (pki/ocsp_signer.h)
//   audit-checkpoint  exclusive, every minute: signs a checkpoint when entries were appended since
//                     the last one, and moves the signed head outside the database on (audit_protection.h)
//   mail, reminders   the notifications (mail_jobs.h)
// `serve` adds its own per-process jobs beside these (the OCSP cache, the metrics).

#include <chrono>
#include <string>

#include "app/context.h"
#include "app/scheduler.h"

namespace ct::app {

// An audit entry waits at most this long (and the job's run) for a checkpoint to protect it.
inline constexpr std::chrono::seconds kAuditCheckpointEvery{60};

struct InstallationJobOptions {
  bool operations = true;  // schedule the CA operation worker
};

// Adds the jobs above to `scheduler`; a bad configuration value is an invalid_input error.
[[nodiscard]] Status add_installation_jobs(Scheduler& scheduler, Context& ctx, InstallationJobOptions options = {});

// For a process that ran the jobs above, after its scheduler stopped: signs a last checkpoint when
// entries were appended since the last one, so that the signed head outside the database names the
// last entry (entries cut off after shutdown are found). A failure is logged.
void checkpoint_audit_at_shutdown(Context& ctx);

}  // namespace ct::app
