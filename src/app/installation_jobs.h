#pragma once
// The periodic jobs every process of an installation schedules (app/scheduler.h):
//   crl               exclusive, every 5 s: publishes the CRLs that are due (pki/crl_schedule.h);
//                     off with pki.crl_scheduler = false; pki.crl_min_interval_seconds coalesces
//   operations        per process, every second: drains the CA operation queue (operation_runner.h);
//                     `serve` leaves it out with server.worker = false
//   audit-checkpoint  exclusive, every 10 s: signs a checkpoint once kCheckpointEvery entries
//                     have accumulated since the last
//   mail, reminders   the notifications (mail_jobs.h)
// `serve` adds its own per-process jobs beside these (the OCSP cache, the metrics).

#include <string>

#include "app/context.h"
#include "app/scheduler.h"

namespace ct::app {

struct InstallationJobOptions {
  bool operations = true;  // schedule the CA operation worker
};

// Adds the jobs above to `scheduler`; a bad configuration value is an invalid_input error.
[[nodiscard]] Status add_installation_jobs(Scheduler& scheduler, Context& ctx, InstallationJobOptions options = {});

}  // namespace ct::app
