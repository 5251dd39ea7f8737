#pragma once
// What people see of the notifications (SPEC §9): each user the mails sent to them; the admin
// the whole outbox (queued, sent, failed with the server's answer), and a retry of a failed mail.
// Every call checks the actor (registry/access_policy.h); a refusal is audited.

#include <nlohmann/json.hpp>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "store/notifications.h"

namespace ct::notify {

// The actor's own mails, newest first.
[[nodiscard]] Result<std::vector<store::OutboxMessage>> my_notifications(registry::RegistryEnv& env,
                                                                         const registry::Actor& actor,
                                                                         registry::Page page);
// The outbox (outbox_read): oldest first from filter.after_id.
[[nodiscard]] Result<std::vector<store::OutboxMessage>> outbox(registry::RegistryEnv& env,
                                                               const registry::Actor& actor,
                                                               const store::OutboxFilter& filter);
[[nodiscard]] Result<store::OutboxCounts> outbox_counts(registry::RegistryEnv& env, const registry::Actor& actor);
// Puts failed message `id` back in the queue (outbox_retry), audited.
[[nodiscard]] Result<store::OutboxMessage> retry_message(registry::RegistryEnv& env, const registry::Actor& actor,
                                                         std::int64_t id);

// The message as the API and the CLI show it; `with_body` adds the text body.
[[nodiscard]] nlohmann::json to_json(const store::OutboxMessage& m, bool with_body);

}  // namespace ct::notify
