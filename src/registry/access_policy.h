#pragma once
// Who may do what (SPEC §1), deny by default: one table of role × action × reach. "own" means
// the object is within the actor's scope (its organization subtree, or itself for a
// subscriber); "any" means everywhere. A role × action pair not in the table is refused.

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/error.h"
#include "registry/actor.h"
#include "store/database.h"

namespace ct::registry {

enum class Action {
  org_create,
  org_read,
  subscriber_create,
  subscriber_read,
  user_create,
  request_create,
  request_read,
  request_edit,     // change a draft or returned request, attach documents
  request_submit,
  request_cancel,
  request_return,
  request_approve,
  request_reject,
  request_retry,
  round_open,
  batch_manage,     // create a batch, add requests, submit it
  worker_run,
  // Read and act on what the PKI layer holds, through the API (additions for the HTTP service).
  user_read,
  certificate_read,    // a certificate of a subscriber within reach (unlinked ones: unscoped roles)
  certificate_revoke,  // direct revocation by the CA, outside the request workflow
  crl_publish,
  audit_read,
  statistics_read,
  // Additions for the web portal.
  batch_read,       // list the batches in reach (the aggregator's own; the office and the CA: all)
  batch_review,     // approve or return every request of a batch at once (each through the workflow)
  pki_status_read,  // CAs, CRL freshness, the OCSP responder and the operation queue
  // Notifications (SPEC §9): everyone sees their own; the admin sees and retries the outbox.
  outbox_read,
  outbox_retry,
  // Devices (SPEC §6): report a device locked, lost, found or damaged; any configured change.
  device_report,
  device_manage,
  device_handover,  // record that a token was handed to its holder
};
[[nodiscard]] const char* to_string(Action a) noexcept;

enum class Reach { none, own, any };

[[nodiscard]] Reach reach_of(Role role, Action action) noexcept;
// True when `actor` may do `action` on an object at organization path `path` (and subscriber).
[[nodiscard]] bool allowed(const Actor& actor, Action action, std::string_view path,
                           std::optional<std::int64_t> subscriber = std::nullopt);
// True when `actor` may do `action` somewhere (a create in its own scope, a list).
[[nodiscard]] bool allowed_somewhere(const Actor& actor, Action action);

// The refusal returned to callers (HTTP 403 / CLI exit 2), naming the action.
[[nodiscard]] Error denied_error(const Actor& actor, Action action);
// Records `access.denied` in the audit log (own transaction) and returns denied_error: for an
// action on an object the actor may see, or for no object in particular.
[[nodiscard]] Error deny(store::Database& db, const Clock& clock, const Actor& actor, Action action,
                         const std::string& object_type, const std::string& object_id,
                         std::optional<std::int64_t> org_id = std::nullopt);
// For an object outside the actor's reach: records `access.denied` like deny() but returns
// `not_found`, the very answer of an object that does not exist, so that no answer tells which
// ids exist in other organizations.
[[nodiscard]] Error conceal(store::Database& db, const Clock& clock, const Actor& actor, Action action,
                            const std::string& object_type, const std::string& object_id,
                            std::optional<std::int64_t> org_id, Error not_found);

}  // namespace ct::registry
