#pragma once
// The reminders and the digest (SPEC §9), as notification events with a key that makes each one
// an event once, ever (store/notifications.h): jobs on the one scheduler may run them as often
// as they like, in as many processes as there are.
//   - certificate expiry: when the renewal window opens (mail.expiry_opens_days left), before it
//     closes (mail.expiry_closing_days) and once it has closed (fewer than
//     registry.renewal_min_days_left: a new certificate is needed); a certificate already past
//     several of these gets only the nearest; none for a revoked, held or renewed certificate;
//   - round deadlines: to the units of a round that have submitted nothing yet, at each of
//     mail.round_reminder_days before the deadline (the nearest only);
//   - the registration office's digest of the requests waiting for it, once a day from
//     mail.digest_time (Vietnam time), when there are some.

#include "common/clock.h"
#include "notify/mail_settings.h"
#include "store/database.h"

namespace ct::notify {

// Each returns the number of events added.
[[nodiscard]] Result<int> queue_expiry_reminders(store::Database& db, const Clock& clock, const MailSettings& s);
[[nodiscard]] Result<int> queue_round_reminders(store::Database& db, const Clock& clock, const MailSettings& s);
[[nodiscard]] Result<int> queue_daily_digest(store::Database& db, const Clock& clock, const MailSettings& s);

}  // namespace ct::notify
