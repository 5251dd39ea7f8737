#pragma once
// The change log of certificate statuses that pollers (the OCSP cache, the CRL job) follow:
// tables `pki_epoch` and `pki_changes` (migrations_public.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace ct::store {

// Records a status change of `serial` (revocation, hold, release) in the caller's transaction:
// bumps the change epoch and appends (epoch, serial, CA, at) to pki_changes. The epoch row's
// lock orders concurrent writers, so epochs become visible in increasing order.
[[nodiscard]] Status record_status_change(Connection& c, std::string_view serial, TimePoint at);
[[nodiscard]] Result<std::int64_t> current_change_epoch(Connection& c);
struct StatusChange {
  std::int64_t epoch = 0;
  std::string serial;
  std::int64_t ca_id = 0;
  TimePoint at;
};
// Changes with an epoch above `after`, in epoch order, at most `limit`.
[[nodiscard]] Result<std::vector<StatusChange>> changes_after(Connection& c, std::int64_t after, int limit);
// When the certificates of a CA last changed status (none: nullopt).
[[nodiscard]] Result<std::optional<TimePoint>> last_change_at(Connection& c, std::int64_t ca_id);
// Forgets changes recorded before `before` (pollers only look at recent ones).
[[nodiscard]] Status prune_changes(Connection& c, TimePoint before);

}  // namespace ct::store
