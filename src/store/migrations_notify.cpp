// The notification tables (versions 80–89). Never edit a released migration; add a new one.
#include "store/migrations.h"

namespace ct::store {

// notification_events: what happened that someone must be told about (SPEC §9), written in the
// transaction of the change itself (a request's transition, a revocation) or by a reminder job.
// `dedup_key` makes a reminder or a digest an event only once, whatever the number of runs and
// processes. The dispatcher turns each event into outbox rows and sets dispatched_at.
// outbox: one mail per address per event (UNIQUE (event_id, recipient)), rendered when
// dispatched, delivered by the sender: `queued` until the server accepted it (`sent`) or refused
// it for good (`failed`, with its answer). A sender holds a message while it hands it over
// (lease_holder, lease_until); a sender killed meanwhile leaves it to be taken again once the
// lease runs out, so at most that one message is delivered twice.
// certificates_replaces: the expiry reminders skip a certificate already renewed (a newer one
// replaces it) without scanning the table.
std::vector<Migration> notify_migrations() {
  return {
      {80, "notification events and outbox", R"SQL(
CREATE TABLE notification_events (
  id {{ID}},
  kind TEXT NOT NULL,
  dedup_key TEXT UNIQUE,
  org_id BIGINT,
  request_id BIGINT,
  serial TEXT,
  params TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  dispatched_at BIGINT
);
CREATE INDEX notification_events_pending ON notification_events (id) WHERE dispatched_at IS NULL;
CREATE TABLE outbox (
  id {{ID}},
  event_id BIGINT NOT NULL REFERENCES notification_events(id),
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  user_id BIGINT,
  org_id BIGINT,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt BIGINT NOT NULL,
  lease_holder TEXT,
  lease_until BIGINT,
  last_error TEXT,
  smtp_code INTEGER,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  UNIQUE (event_id, recipient)
);
CREATE INDEX outbox_due ON outbox (next_attempt, id) WHERE state = 'queued';
CREATE INDEX outbox_state ON outbox (state, id);
CREATE INDEX outbox_user ON outbox (user_id, id);
CREATE INDEX outbox_recipient ON outbox (recipient, id);
CREATE INDEX certificates_replaces ON certificates (replaces_id);
)SQL"},
      // A message that carries a one-time secret (an account link): its body is shown to nobody
      // (notify/outbox_view.h) and blanked once the server has accepted it.
      {81, "outbox messages holding a secret", R"SQL(
ALTER TABLE outbox ADD COLUMN holds_secret INTEGER NOT NULL DEFAULT 0;
)SQL"},
  };
}

}  // namespace ct::store
