// The PKI tables. Never edit a released migration; add a new one.
#include "store/migrations.h"

namespace ct::store {

std::vector<Migration> pki_migrations() {
  return {
      {1, "pki core", R"SQL(
CREATE TABLE cas (
  id {{ID}},
  name TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('root', 'issuing', 'ocsp')),
  parent_id BIGINT REFERENCES cas(id),
  certificate {{BLOB}} NOT NULL,
  key_ref TEXT NOT NULL,
  serial TEXT NOT NULL,
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE certificates (
  id {{ID}},
  serial TEXT NOT NULL UNIQUE,
  ca_id BIGINT NOT NULL REFERENCES cas(id),
  profile TEXT NOT NULL,
  subject TEXT NOT NULL,
  common_name TEXT NOT NULL,
  email TEXT,
  name_fold TEXT NOT NULL,
  not_before BIGINT NOT NULL,
  not_after BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('valid', 'revoked', 'hold')),
  revoked_at BIGINT,
  revocation_reason INTEGER,
  invalidity_date BIGINT,
  der {{BLOB}} NOT NULL,
  key_sha256 TEXT NOT NULL,
  subscriber_id BIGINT,
  request_id BIGINT,
  replaces_id BIGINT REFERENCES certificates(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX certificates_email ON certificates (email);
CREATE INDEX certificates_name_fold ON certificates (name_fold);
CREATE INDEX certificates_not_after ON certificates (not_after);
CREATE INDEX certificates_key ON certificates (key_sha256);
CREATE INDEX certificates_revoked ON certificates (ca_id, status) WHERE status <> 'valid';
CREATE TABLE crl_counters (
  ca_id BIGINT PRIMARY KEY REFERENCES cas(id),
  last_number BIGINT NOT NULL
);
CREATE TABLE crls (
  ca_id BIGINT NOT NULL REFERENCES cas(id),
  number BIGINT NOT NULL,
  this_update BIGINT NOT NULL,
  next_update BIGINT NOT NULL,
  entries BIGINT NOT NULL,
  is_delta INTEGER NOT NULL,
  base_number BIGINT,
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (ca_id, number)
);
)SQL"},
      {6, "CRL contents in the store, served by every node", R"SQL(
CREATE TABLE crl_contents (
  ca_id BIGINT NOT NULL,
  number BIGINT NOT NULL,
  der {{BLOB}} NOT NULL,
  PRIMARY KEY (ca_id, number),
  FOREIGN KEY (ca_id, number) REFERENCES crls (ca_id, number)
);
)SQL"},
  };
}

}  // namespace ct::store
