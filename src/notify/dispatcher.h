#pragma once
// Turns notification events (store/notifications.h) into mails: finds who must be told
// (registry/notification_recipients.h), renders the event's template for each of them and adds
// one outbox message per address, all in one transaction per event, which also marks the event
// dispatched; so an event becomes its messages exactly once, whatever the number of processes.

#include "common/clock.h"
#include "notify/mail_settings.h"
#include "notify/templates.h"
#include "store/database.h"

namespace ct::notify {

struct DispatchEnv {
  store::Database& db;
  const Clock& clock;
  const MailTemplates& templates;
  const MailSettings& settings;
};

// Dispatches up to `max_events` pending events, oldest first; returns the messages added.
[[nodiscard]] Result<int> dispatch_events(DispatchEnv& env, int max_events = 500);

// The portal pages mails link to.
[[nodiscard]] std::string request_link(const MailSettings& s, std::int64_t request_id);
[[nodiscard]] std::string certificate_link(const MailSettings& s, const std::string& serial);

}  // namespace ct::notify
