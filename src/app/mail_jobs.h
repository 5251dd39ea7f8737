#pragma once
// The notification jobs of an installation (SPEC §9), on the one scheduler:
//   mail       exclusive, every 5 s: turns new notification events into outbox messages and
//              sends what is due over SMTP (with `jobs run --once`: every queued message, whatever
//              its backoff)
//   reminders  exclusive, every 10 min: certificate expiry and round-deadline reminders, and the
//              registration office's daily digest
// The templates are loaded and checked when the jobs are added: a broken template stops
// `serve` and `jobs run` at start-up with the file and line.

#include "app/context.h"
#include "app/scheduler.h"

namespace ct::app {

[[nodiscard]] Status add_mail_jobs(Scheduler& scheduler, Context& ctx);

}  // namespace ct::app
