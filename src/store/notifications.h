#pragma once
// Notification events and the outbox (SPEC §9): tables `notification_events` and `outbox`
// (migrations_notify.cpp). Events are written by whatever causes them, in its own transaction;
// the dispatcher (notify/dispatcher.h) fans each out to outbox rows; the sender
// (notify/sender.h) takes one queued row at a time under a lease and records the outcome.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "store/database.h"

namespace ct::store {

struct NotificationEvent {
  std::int64_t id = 0;
  std::string kind;                      // request.returned, cert.revoked, cert.expiry.opens, …
  std::optional<std::string> dedup_key;  // one event per key, ever (reminders, digests)
  std::optional<std::int64_t> org_id;
  std::optional<std::int64_t> request_id;
  std::optional<std::string> serial;
  std::string params = "{}";             // JSON: what the mail says besides what the store holds
  TimePoint created_at;
  std::optional<TimePoint> dispatched_at;
};

// Writes an event in the caller's transaction. An event whose dedup_key exists already is not
// written again: returns false.
[[nodiscard]] Result<bool> add_notification_event(Connection& c, const NotificationEvent& e);
// Writes an event that its writer turned into messages itself (dispatched_at set; no dedup_key)
// and returns its id, in the caller's transaction.
[[nodiscard]] Result<std::int64_t> add_dispatched_event(Connection& c, const NotificationEvent& e);
// Events not yet dispatched, oldest first.
[[nodiscard]] Result<std::vector<NotificationEvent>> undispatched_events(Connection& c, int limit);
// Marks an event dispatched if it is not yet; false when another dispatcher did it first.
[[nodiscard]] Result<bool> mark_event_dispatched(Connection& c, std::int64_t id, TimePoint at);

enum class OutboxState { queued, sent, failed };
[[nodiscard]] const char* to_string(OutboxState s) noexcept;
[[nodiscard]] Result<OutboxState> parse_outbox_state(std::string_view s);

struct OutboxMessage {
  std::int64_t id = 0;
  std::int64_t event_id = 0;
  std::string kind;
  std::string recipient;                 // the address, lower-case
  std::optional<std::int64_t> user_id;   // the user it is for, when it is one
  std::optional<std::int64_t> org_id;    // the organization it concerns (the admin's filters)
  std::string subject;
  std::string body_text;
  std::string body_html;
  OutboxState state = OutboxState::queued;
  int attempts = 0;
  TimePoint next_attempt;
  std::optional<std::string> lease_holder;
  std::optional<TimePoint> lease_until;
  std::optional<std::string> last_error;
  std::optional<int> smtp_code;
  TimePoint created_at;
  std::optional<TimePoint> sent_at;
  // The body carries a one-time secret (an account link): shown to nobody, and replaced by
  // kSecretBodyRemoved once the server has accepted the message.
  bool holds_secret = false;
};
inline constexpr std::string_view kSecretBodyRemoved =
    "(Nội dung chứa liên kết dùng một lần: đã xóa sau khi gửi / The content held a one-time link: removed once sent)";

// Adds a queued message in the caller's transaction; a second message of the same event to the
// same address is not added (false).
[[nodiscard]] Result<bool> add_outbox_message(Connection& c, const OutboxMessage& m);

// Takes the oldest queued message that is due (any queued one when `ignore_backoff`) and is not
// held by a sender whose lease is still running: holds it for `lease` and counts the attempt.
// None when there is nothing to send. Runs its own transaction.
[[nodiscard]] Result<std::optional<OutboxMessage>> take_outbox_message(Connection& c, std::string_view holder,
                                                                     TimePoint now, std::chrono::seconds lease,
                                                                     bool ignore_backoff);
// Outcomes of a held message; each releases the hold. False when `holder` no longer held it.
[[nodiscard]] Result<bool> mark_outbox_sent(Connection& c, std::int64_t id, std::string_view holder, TimePoint at);
[[nodiscard]] Result<bool> mark_outbox_retry(Connection& c, std::int64_t id, std::string_view holder,
                                             const std::string& error, std::optional<int> smtp_code,
                                             TimePoint next_attempt);
[[nodiscard]] Result<bool> mark_outbox_failed(Connection& c, std::int64_t id, std::string_view holder,
                                              const std::string& error, std::optional<int> smtp_code);
// Puts a failed message back in the queue, due at `now` (the admin's retry), and returns it as it
// is now; none when the message is not failed.
[[nodiscard]] Result<std::optional<OutboxMessage>> requeue_outbox_message(Connection& c, std::int64_t id,
                                                                        TimePoint now);

struct OutboxFilter {
  std::optional<OutboxState> state;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> recipient;  // exact, lower-case
  std::optional<std::int64_t> event_id;
  std::int64_t after_id = 0;             // ids above this
  bool newest_first = false;             // else oldest first
  int limit = 100;
  int offset = 0;
};
[[nodiscard]] Result<std::vector<OutboxMessage>> list_outbox(Connection& c, const OutboxFilter& f);
[[nodiscard]] Result<std::optional<OutboxMessage>> find_outbox_message(Connection& c, std::int64_t id);

struct OutboxCounts {
  std::int64_t queued = 0;
  std::int64_t sent = 0;
  std::int64_t failed = 0;
  std::int64_t undispatched_events = 0;
};
[[nodiscard]] Result<OutboxCounts> count_outbox(Connection& c);

}  // namespace ct::store
