#include "store/notifications.h"

namespace ct::store {
namespace {

constexpr const char* kEventColumns =
    "id, kind, dedup_key, org_id, request_id, serial, params, created_at, dispatched_at";
constexpr const char* kOutboxColumns =
    "id, event_id, kind, recipient, user_id, org_id, subject, body_text, body_html, state, attempts, next_attempt, "
    "lease_holder, lease_until, last_error, smtp_code, created_at, sent_at, holds_secret";

NotificationEvent read_event(const Query& q) {
  NotificationEvent e;
  e.id = q.get_int(0);
  e.kind = q.get_text(1);
  e.dedup_key = q.get_opt_text(2);
  e.org_id = q.get_opt_int(3);
  e.request_id = q.get_opt_int(4);
  e.serial = q.get_opt_text(5);
  e.params = q.get_text(6);
  e.created_at = from_unix(q.get_int(7));
  e.dispatched_at = q.get_opt_time(8);
  return e;
}

OutboxMessage read_message(const Query& q) {
  OutboxMessage m;
  m.id = q.get_int(0);
  m.event_id = q.get_int(1);
  m.kind = q.get_text(2);
  m.recipient = q.get_text(3);
  m.user_id = q.get_opt_int(4);
  m.org_id = q.get_opt_int(5);
  m.subject = q.get_text(6);
  m.body_text = q.get_text(7);
  m.body_html = q.get_text(8);
  m.state = parse_outbox_state(q.get_text(9)).value_or(OutboxState::queued);
  m.attempts = static_cast<int>(q.get_int(10));
  m.next_attempt = from_unix(q.get_int(11));
  m.lease_holder = q.get_opt_text(12);
  m.lease_until = q.get_opt_time(13);
  m.last_error = q.get_opt_text(14);
  if (auto code = q.get_opt_int(15)) m.smtp_code = static_cast<int>(*code);
  m.created_at = from_unix(q.get_int(16));
  m.sent_at = q.get_opt_time(17);
  m.holds_secret = q.get_int(18) != 0;
  return m;
}

std::optional<std::int64_t> opt_code(std::optional<int> code) {
  if (code) return std::int64_t{*code};
  return std::nullopt;
}

}  // namespace

const char* to_string(OutboxState s) noexcept {
  switch (s) {
    case OutboxState::queued: return "queued";
    case OutboxState::sent: return "sent";
    case OutboxState::failed: return "failed";
  }
  return "queued";
}

Result<OutboxState> parse_outbox_state(std::string_view s) {
  for (OutboxState v : {OutboxState::queued, OutboxState::sent, OutboxState::failed}) {
    if (s == to_string(v)) return v;
  }
  return fail(ErrorCode::invalid_input, "Trạng thái thư không hợp lệ: " + std::string(s) + " (queued, sent, failed)",
              "Invalid mail state: " + std::string(s) + " (queued, sent, failed)", "state");
}

Result<bool> add_notification_event(Connection& c, const NotificationEvent& e) {
  auto q = c.query(
      "INSERT INTO notification_events (kind, dedup_key, org_id, request_id, serial, params, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedup_key) DO NOTHING RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, e.kind).bind_opt(2, e.dedup_key).bind_opt(3, e.org_id).bind_opt(4, e.request_id).bind_opt(5, e.serial);
  q->bind(6, e.params).bind(7, to_unix(e.created_at));
  return updated_one(*q);
}

Result<std::int64_t> add_dispatched_event(Connection& c, const NotificationEvent& e) {
  auto q = c.query(
      "INSERT INTO notification_events (kind, org_id, request_id, serial, params, created_at, dispatched_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, e.kind).bind_opt(2, e.org_id).bind_opt(3, e.request_id).bind_opt(4, e.serial).bind(5, e.params);
  q->bind(6, to_unix(e.created_at)).bind(7, to_unix(e.dispatched_at.value_or(e.created_at)));
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(ErrorCode::internal, "Không ghi được sự kiện thông báo", "The notification event was not written");
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  return id;
}

Result<std::vector<NotificationEvent>> undispatched_events(Connection& c, int limit) {
  auto q = c.query(std::string("SELECT ") + kEventColumns +
                   " FROM notification_events WHERE dispatched_at IS NULL ORDER BY id LIMIT $1");
  if (!q) return fail(q.error());
  q->bind(1, std::int64_t{limit});
  return read_all<NotificationEvent>(*q, read_event);
}

Result<bool> mark_event_dispatched(Connection& c, std::int64_t id, TimePoint at) {
  auto q = c.query(
      "UPDATE notification_events SET dispatched_at = $2 WHERE id = $1 AND dispatched_at IS NULL RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, to_unix(at));
  return updated_one(*q);
}

Result<bool> add_outbox_message(Connection& c, const OutboxMessage& m) {
  auto q = c.query(
      "INSERT INTO outbox (event_id, kind, recipient, user_id, org_id, subject, body_text, body_html, state, "
      "next_attempt, created_at, holds_secret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $10, $11) "
      "ON CONFLICT (event_id, recipient) DO NOTHING RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, m.event_id).bind(2, m.kind).bind(3, m.recipient).bind_opt(4, m.user_id).bind_opt(5, m.org_id);
  q->bind(6, m.subject).bind(7, m.body_text).bind(8, m.body_html).bind(9, to_unix(m.next_attempt));
  q->bind(10, to_unix(m.created_at)).bind(11, std::int64_t{m.holds_secret ? 1 : 0});
  return updated_one(*q);
}

Result<std::optional<OutboxMessage>> take_outbox_message(Connection& c, std::string_view holder, TimePoint now,
                                                         std::chrono::seconds lease, bool ignore_backoff) {
  if (c.in_transaction()) {
    return fail(ErrorCode::internal, "take_outbox_message phải chạy ngoài giao dịch",
                "take_outbox_message must run outside a transaction");
  }
  // PostgreSQL's FOR UPDATE SKIP LOCKED lets concurrent senders take different messages; SQLite's
  // write transaction serializes them. `id = (scalar subquery)`, not `id IN (…)`: PostgreSQL may
  // run an IN subquery again per outer row, and with SKIP LOCKED each run finds the next row, so
  // one call would hold several messages. The outer conditions are checked again on the row.
  const std::string sql =
      std::string("UPDATE outbox SET lease_holder = $1, lease_until = $2, attempts = attempts + 1 WHERE id = ("
                  "SELECT id FROM outbox WHERE state = 'queued' AND ($4 = 1 OR next_attempt <= $3) "
                  "AND (lease_until IS NULL OR lease_until <= $3) ORDER BY id LIMIT 1") +
      (c.dialect() == Dialect::postgresql ? " FOR UPDATE SKIP LOCKED" : "") +
      ") AND state = 'queued' AND (lease_until IS NULL OR lease_until <= $3) RETURNING " + kOutboxColumns;
  auto tx = Transaction::begin(c, true);
  if (!tx) return fail(tx.error());
  auto q = c.query(sql);
  if (!q) return fail(q.error());
  q->bind(1, holder).bind(2, to_unix(now + lease)).bind(3, to_unix(now));
  q->bind(4, std::int64_t{ignore_backoff ? 1 : 0});
  auto taken = read_all<OutboxMessage>(*q, read_message);
  if (!taken) return fail(taken.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  if (taken->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{std::move(taken->front())};
}

Result<bool> mark_outbox_sent(Connection& c, std::int64_t id, std::string_view holder, TimePoint at) {
  auto q = c.query(
      "UPDATE outbox SET state = 'sent', sent_at = $3, lease_holder = NULL, lease_until = NULL, last_error = NULL, "
      "smtp_code = NULL, body_text = CASE WHEN holds_secret = 1 THEN $4 ELSE body_text END, "
      "body_html = CASE WHEN holds_secret = 1 THEN $4 ELSE body_html END WHERE id = $1 AND lease_holder = $2 "
      "RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, holder).bind(3, to_unix(at)).bind(4, std::string(kSecretBodyRemoved));
  return updated_one(*q);
}

Result<bool> mark_outbox_retry(Connection& c, std::int64_t id, std::string_view holder, const std::string& error,
                               std::optional<int> smtp_code, TimePoint next_attempt) {
  auto q = c.query(
      "UPDATE outbox SET next_attempt = $3, last_error = $4, smtp_code = $5, lease_holder = NULL, "
      "lease_until = NULL WHERE id = $1 AND lease_holder = $2 AND state = 'queued' RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, holder).bind(3, to_unix(next_attempt)).bind(4, error).bind_opt(5, opt_code(smtp_code));
  return updated_one(*q);
}

Result<bool> mark_outbox_failed(Connection& c, std::int64_t id, std::string_view holder, const std::string& error,
                                std::optional<int> smtp_code) {
  auto q = c.query(
      "UPDATE outbox SET state = 'failed', last_error = $3, smtp_code = $4, lease_holder = NULL, lease_until = NULL "
      "WHERE id = $1 AND lease_holder = $2 AND state = 'queued' RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, holder).bind(3, error).bind_opt(4, opt_code(smtp_code));
  return updated_one(*q);
}

Result<std::optional<OutboxMessage>> requeue_outbox_message(Connection& c, std::int64_t id, TimePoint now) {
  auto q = c.query(std::string("UPDATE outbox SET state = 'queued', next_attempt = $2, lease_holder = NULL, "
                               "lease_until = NULL WHERE id = $1 AND state = 'failed' RETURNING ") +
                   kOutboxColumns);
  if (!q) return fail(q.error());
  q->bind(1, id).bind(2, to_unix(now));
  auto rows = read_all<OutboxMessage>(*q, read_message);
  if (!rows) return fail(rows.error());
  if (rows->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{std::move(rows->front())};
}

Result<std::vector<OutboxMessage>> list_outbox(Connection& c, const OutboxFilter& f) {
  auto q = c.query(std::string("SELECT ") + kOutboxColumns +
                   " FROM outbox WHERE id > $1 AND ($2 = '' OR state = $2) AND ($3 = 0 OR user_id = $4) "
                   "AND ($5 = '' OR recipient = $5) AND ($6 = 0 OR event_id = $6) ORDER BY id" +
                   (f.newest_first ? " DESC" : "") + " LIMIT $7 OFFSET $8");
  if (!q) return fail(q.error());
  q->bind(1, f.after_id).bind(2, f.state ? to_string(*f.state) : "");
  q->bind(3, std::int64_t{f.user_id ? 1 : 0}).bind(4, f.user_id.value_or(0));
  q->bind(5, f.recipient.value_or("")).bind(6, f.event_id.value_or(0)).bind(7, std::int64_t{f.limit});
  q->bind(8, std::int64_t{f.offset});
  return read_all<OutboxMessage>(*q, read_message);
}

Result<std::optional<OutboxMessage>> find_outbox_message(Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kOutboxColumns + " FROM outbox WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto found = read_all<OutboxMessage>(*q, read_message);
  if (!found) return fail(found.error());
  if (found->empty()) return std::optional<OutboxMessage>{};
  return std::optional<OutboxMessage>{std::move(found->front())};
}

Result<OutboxCounts> count_outbox(Connection& c) {
  auto q = c.query(
      "SELECT (SELECT COUNT(*) FROM outbox WHERE state = 'queued'), (SELECT COUNT(*) FROM outbox WHERE state = "
      "'sent'), (SELECT COUNT(*) FROM outbox WHERE state = 'failed'), (SELECT COUNT(*) FROM notification_events "
      "WHERE dispatched_at IS NULL)");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  OutboxCounts n;
  n.queued = q->get_int(0);
  n.sent = q->get_int(1);
  n.failed = q->get_int(2);
  n.undispatched_events = q->get_int(3);
  return n;
}

}  // namespace ct::store
