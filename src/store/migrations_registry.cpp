// The registry tables (SPEC §2, §4). Never edit a released migration; add a new one.
//
// Scoping: organizations carry a materialized path ("/1/4/9/", the ids from the root down, with
// a trailing slash); every scoped row repeats its organization's path in `org_path`, so a
// subtree is `org_path LIKE '/1/4/%'` on one index. Vietnamese text is stored NFC with a folded
// copy (`*_fold`) for diacritics-insensitive search. JSON columns are TEXT.
#include "store/migrations.h"

namespace ct::store {

std::vector<Migration> registry_migrations() {
  return {
      {10, "registry core", R"SQL(
CREATE TABLE organizations (
  id {{ID}},
  parent_id BIGINT REFERENCES organizations(id),
  path TEXT NOT NULL,
  level INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  short_code TEXT,
  state_body INTEGER NOT NULL,
  address TEXT,
  tax_code TEXT,
  budget_code TEXT,
  province TEXT NOT NULL,
  email TEXT,
  seal_document TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX organizations_path ON organizations (path);
CREATE INDEX organizations_parent ON organizations (parent_id);
CREATE TABLE subscribers (
  id {{ID}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  org_path TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('individual', 'organization')),
  full_name TEXT NOT NULL,
  name_fold TEXT NOT NULL,
  dob TEXT NOT NULL,
  cccd TEXT NOT NULL,
  cccd_date TEXT NOT NULL,
  cccd_place TEXT NOT NULL,
  email TEXT NOT NULL,
  position TEXT NOT NULL,
  phone TEXT NOT NULL,
  carrier TEXT NOT NULL,
  manager_name TEXT NOT NULL,
  device TEXT NOT NULL,
  mailbox_provisioned INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX subscribers_org_path ON subscribers (org_path, id);
CREATE INDEX subscribers_name_fold ON subscribers (name_fold);
CREATE INDEX subscribers_cccd ON subscribers (cccd);
CREATE TABLE users (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  org_id BIGINT REFERENCES organizations(id),
  subscriber_id BIGINT REFERENCES subscribers(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL
);
CREATE TABLE rounds (
  id {{ID}},
  name TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  org_path TEXT NOT NULL,
  deadline BIGINT NOT NULL,
  allow_late INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX rounds_org_path ON rounds (org_path, id);
CREATE TABLE batches (
  id {{ID}},
  round_id BIGINT NOT NULL REFERENCES rounds(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  org_path TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'submitted')),
  late INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  submitted_at BIGINT
);
CREATE INDEX batches_org_path ON batches (org_path, id);
CREATE TABLE requests (
  id {{ID}},
  type TEXT NOT NULL,
  state TEXT NOT NULL,
  subscriber_id BIGINT NOT NULL REFERENCES subscribers(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  org_path TEXT NOT NULL,
  cert_serial TEXT,
  form TEXT NOT NULL,
  findings TEXT NOT NULL,
  batch_id BIGINT REFERENCES batches(id),
  late INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  due_at BIGINT,
  decided_at BIGINT,
  result_serial TEXT,
  awaiting TEXT,
  attempt INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_org_path ON requests (org_path, id);
CREATE INDEX requests_state_due ON requests (state, due_at);
CREATE INDEX requests_subscriber ON requests (subscriber_id, type, state);
CREATE INDEX requests_cert ON requests (cert_serial);
CREATE INDEX requests_batch ON requests (batch_id);
CREATE TABLE request_events (
  id {{ID}},
  request_id BIGINT NOT NULL REFERENCES requests(id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  comment TEXT NOT NULL,
  field_reasons TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);
CREATE TABLE request_approvals (
  request_id BIGINT NOT NULL REFERENCES requests(id),
  user_login TEXT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (request_id, user_login)
);
CREATE TABLE attachments (
  id {{ID}},
  request_id BIGINT NOT NULL REFERENCES requests(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  media_type TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX attachments_request ON attachments (request_id);
)SQL"},
      // A user's official e-mail address (SPEC §9: the mails of their requests, and the unit
      // manager's and registration office's mails) and the optional mails they may turn off.
      {11, "user e-mail and notification settings", R"SQL(
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN notify_digest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN notify_unit_reminders INTEGER NOT NULL DEFAULT 1;
)SQL"},
      // A CA operator's direct revocation waiting for a second person (registry/direct_revocation.h):
      // one open proposal per certificate.
      {12, "direct revocation proposals (two-person rule)", R"SQL(
CREATE TABLE revocation_proposals (
  serial TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  invalidity_date BIGINT,
  org_id BIGINT,
  proposed_by TEXT NOT NULL,
  proposed_at BIGINT NOT NULL
);
)SQL"},
      // One-time account links (registry/account_links.h): a user sets their own password (and
      // enrols TOTP) through a link mailed to their official address. Only the SHA-256 of the
      // link's token is kept; `pending_totp` is the sealed secret shown to the link's holder,
      // enrolled when the link is used. A user created for activation has password_hash ''
      // (no password verifies against it).
      {13, "account activation and password reset links", R"SQL(
CREATE TABLE account_links (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  purpose TEXT NOT NULL CHECK (purpose IN ('activate', 'reset')),
  enrol_totp INTEGER NOT NULL,
  pending_totp TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX account_links_user ON account_links (user_id, id);
)SQL"},
      // The device register (registry/devices.h, SPEC §6) and the token station's enrolments
      // (app/token_station.h): one row per request being enrolled, written before the key is
      // generated so that a rerun after a fault finds the token, its key id and its SO PIN.
      // SO PINs are sealed (registry/sealed_secret.h), never kept in clear.
      {14, "device register and token enrolments", R"SQL(
CREATE TABLE devices (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('TOKEN', 'SIM', 'SOFT', 'RSSP', 'HSM')),
  serial TEXT NOT NULL UNIQUE,
  model TEXT NOT NULL,
  manufacturer TEXT NOT NULL,
  label TEXT NOT NULL,
  subscriber_id BIGINT REFERENCES subscribers(id),
  org_id BIGINT,
  org_path TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('formatted', 'active', 'locked', 'temporarily_lost', 'permanently_lost',
                                       'damaged', 'terminated')),
  so_pin_sealed TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX devices_subscriber ON devices (subscriber_id);
CREATE TABLE device_events (
  id {{ID}},
  device_id BIGINT NOT NULL REFERENCES devices(id),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  request_id BIGINT,
  note TEXT NOT NULL
);
CREATE INDEX device_events_device ON device_events (device_id, id);
CREATE TABLE token_enrolments (
  request_id BIGINT PRIMARY KEY REFERENCES requests(id),
  device_serial TEXT NOT NULL,
  key_id TEXT NOT NULL,
  so_pin_sealed TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('initialized', 'issued', 'written')),
  certificate_serial TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
)SQL"},
      // Which certificates' keys are on which device (registry/devices.h), apart from how they got
      // there. Enrolments get a stage before C_InitToken (`initializing`: the SO PIN is sealed and
      // committed before the token can have it) and can be `abandoned`, after which the request
      // may be enrolled on another token: at most one open enrolment per request. Device events
      // name their action (enrol, receive, handover, …) so that custody can be read back.
      {15, "device certificates; enrolment written before the token is initialized, abandoned enrolments", R"SQL(
CREATE TABLE device_certificates (
  device_id BIGINT NOT NULL REFERENCES devices(id),
  certificate_serial TEXT NOT NULL,
  request_id BIGINT,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (device_id, certificate_serial)
);
CREATE INDEX device_certificates_serial ON device_certificates (certificate_serial);
INSERT INTO device_certificates (device_id, certificate_serial, request_id, added_at)
  SELECT d.id, e.certificate_serial, e.request_id, e.updated_at FROM token_enrolments e
  JOIN devices d ON d.serial = e.device_serial
  WHERE e.certificate_serial IS NOT NULL AND e.certificate_serial <> '';
CREATE TABLE token_enrolments_v15 (
  id {{ID}},
  request_id BIGINT NOT NULL REFERENCES requests(id),
  device_serial TEXT NOT NULL,
  key_id TEXT NOT NULL,
  so_pin_sealed TEXT NOT NULL,
  stage TEXT NOT NULL CHECK (stage IN ('initializing', 'initialized', 'issued', 'written', 'abandoned')),
  certificate_serial TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
INSERT INTO token_enrolments_v15 (request_id, device_serial, key_id, so_pin_sealed, stage, certificate_serial,
                                  created_at, updated_at)
  SELECT request_id, device_serial, key_id, so_pin_sealed, stage, certificate_serial, created_at, updated_at
  FROM token_enrolments;
DROP TABLE token_enrolments;
ALTER TABLE token_enrolments_v15 RENAME TO token_enrolments;
CREATE UNIQUE INDEX token_enrolments_open ON token_enrolments (request_id) WHERE stage <> 'abandoned';
ALTER TABLE device_events ADD COLUMN action TEXT NOT NULL DEFAULT '';
CREATE INDEX token_enrolments_device ON token_enrolments (device_serial);
)SQL"},
      {16, "organizations can be deactivated", R"SQL(
ALTER TABLE organizations ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
)SQL"},
      {17, "attachment contents in the store, shared by every node", R"SQL(
CREATE TABLE attachment_blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  content {{BLOB}} NOT NULL,
  stored_at BIGINT NOT NULL
);
)SQL"},
  };
}

}  // namespace ct::store
