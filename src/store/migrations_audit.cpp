// The audit tables (SPEC §8). Never edit a released migration; add a new one.
//
// `audit_log.seq` is assigned by the appender (1, 2, 3, … without gaps), not by the database, so
// that a gap is evidence of deletion. `audit_head` holds exactly one row (id = 1): the last
// sequence number and hash; appenders lock it (BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on
// PostgreSQL), which serializes appends across processes.
//
// Migration 4 keys the chain (audit/chain_key.h): entries appended from then on carry keyed = 1
// (hash: HMAC-SHA-256 under the chain key, which stays outside the database); earlier ones stay
// unkeyed (SHA-256). audit_head.chain_key_id names the log's key by its public id once the log
// has adopted one ('' until then).
//
// Migration 5: audit_windows, the open count windows of repeated events (audit/audit_windows.h):
// the first event's actor, action, object and outcome, the window, and the events not yet audited.
#include "store/migrations.h"

namespace ct::store {

std::vector<Migration> audit_migrations() {
  return {
      {3, "audit log", R"SQL(
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  org_id BIGINT,
  outcome TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, seq);
CREATE INDEX audit_log_org ON audit_log (org_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '');
CREATE TABLE audit_checkpoints (
  seq BIGINT PRIMARY KEY,
  hash TEXT NOT NULL,
  at BIGINT NOT NULL,
  signature {{BLOB}} NOT NULL
);
)SQL"},
      {4, "audit chain keyed with a key outside the database", R"SQL(
ALTER TABLE audit_log ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_head ADD COLUMN chain_key_id TEXT NOT NULL DEFAULT '';
)SQL"},
      {5, "audit windows: repeated events audited by count", R"SQL(
CREATE TABLE audit_windows (
  key TEXT PRIMARY KEY,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT NOT NULL,
  org_id BIGINT,
  outcome TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_end BIGINT NOT NULL,
  uncounted INTEGER NOT NULL
);
CREATE INDEX audit_windows_end ON audit_windows (window_end);
)SQL"},
  };
}

}  // namespace ct::store
