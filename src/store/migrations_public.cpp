// The public service's tables (versions 60–69). Never edit a released migration; add a new one.
//
// pki_epoch / pki_changes: a change marker for certificate status. `pki::revoke` bumps the one
// row of `pki_epoch` and appends the serial to `pki_changes` in the revocation's transaction;
// the UPDATE's row lock orders concurrent revokers, so epochs commit in increasing order and a
// poller that remembers the last epoch it saw misses nothing (SPEC §10: several processes on one
// PostgreSQL). OCSP caches and the CRL scheduler poll it every second.
//
// certificate_name_keys: the public lookup's name index. For each certificate, the folded
// name (`name_fold`) from the start of every word of its CN and from the start of each O/OU
// value, cut to 40 bytes; a query is a range scan `name_key >= q AND name_key < q || U+10FFFF`,
// so "van an", "nguyen van an" and "so tai chinh" are found without reading every row. Filled
// by `insert_certificate`; rows that existed before this migration get their full-name key.
#include "store/migrations.h"

namespace ct::store {

std::vector<Migration> public_migrations() {
  return {
      {60, "public service: change epoch and name keys", R"SQL(
CREATE TABLE pki_epoch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  value BIGINT NOT NULL
);
INSERT INTO pki_epoch (id, value) VALUES (1, 0);
CREATE TABLE pki_changes (
  epoch BIGINT PRIMARY KEY,
  serial TEXT NOT NULL,
  ca_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX pki_changes_ca ON pki_changes (ca_id, at);
CREATE TABLE certificate_name_keys (
  name_key TEXT NOT NULL,
  cert_id BIGINT NOT NULL
);
CREATE INDEX certificate_name_keys_key ON certificate_name_keys (name_key, cert_id);
INSERT INTO certificate_name_keys (name_key, cert_id) SELECT substr(name_fold, 1, 40), id FROM certificates;
)SQL"},
  };
}

}  // namespace ct::store
