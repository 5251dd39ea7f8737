#pragma once
// The audit log (SPEC §8): append-only, hash-chained, periodically checkpointed with a signature.
// Each entry carries the hash of the previous one; since migration 4 that hash is keyed with the
// chain key, a secret outside the database (chain_key.h), and the newest checkpoint is also kept
// outside the database (signed_head.h). Someone who can write to the database but holds neither
// the chain key nor the audit key cannot change, delete, reorder or truncate entries without
// `verify` finding it, except the newest entries after the last checkpoint, which may be cut off
// (truncation is found up to the last checkpoint recorded outside the database). `verify`
// reports the first bad entry and up to which entry the log is protected.
// Entries never hold secrets (no passwords, PINs, session ids, keys): callers put identifiers and
// outcomes in `details`, not credentials.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "audit/chain_key.h"
#include "common/clock.h"
#include "common/error.h"
#include "crypto/keys.h"
#include "store/database.h"

namespace ct::audit {

struct AuditEvent {
  std::string actor;                   // a login, "system", or "anonymous"
  std::string action;                  // dotted verb: request.submit, cert.issue, auth.login_failed, access.denied…
  std::string object_type;             // request, certificate, user, organization, crl, batch, …
  std::string object_id;
  std::optional<std::int64_t> org_id;  // the organization the object belongs to, for scoped reading
  std::string outcome = "ok";          // ok | denied | failed | rejected
  std::string details = "{}";          // a JSON object (text)
};

struct AuditEntry {
  std::int64_t seq = 0;                // 1, 2, 3, … without gaps
  TimePoint at;
  AuditEvent event;
  std::string prev_hash;               // the hash of the previous entry ("" for the first)
  std::string hash;                    // hex HMAC-SHA-256 under the chain key (keyed) or SHA-256 over
                                       // prev_hash and this entry's canonical form
  bool keyed = false;                  // false only for entries from before the chain key
};

// Appends inside the caller's transaction, so the entry commits (or rolls back) with the change
// it records. Serialized across processes by the chain head row. Returns the sequence number.
// A log with a chain key (audit_head.chain_key_id) is appended to only while that key is bound in
// this process (ChainKeyBinding), else integrity; a log without one gets an unkeyed entry.
[[nodiscard]] Result<std::int64_t> append(store::Connection& c, const Clock& clock, const AuditEvent& e);

struct Checkpoint {
  std::int64_t seq = 0;                // the last entry covered
  std::string hash;                    // that entry's hash
  TimePoint at;
  Bytes signature;                     // over "chungthu-audit-checkpoint|<seq>|<hash>|<at unix>"
};
// Signs the current head with `key` and records it (own transaction), after checking that every
// entry since the last checkpoint is keyed under `chain_key` and chained (integrity otherwise: a
// checkpoint never signs a forgery). Nothing to do on an empty log (returns nullopt); the last
// checkpoint again when nothing was appended since.
[[nodiscard]] Result<std::optional<Checkpoint>> checkpoint(store::Database& db, const Clock& clock,
                                                           const crypto::PrivateKey& key, const ChainKey& chain_key);

// Writers take a checkpoint after their commit once this many entries have been appended since
// the last one (append itself stays cheap and never signs).
inline constexpr std::int64_t kCheckpointEvery = 1000;
// Entries appended since the last checkpoint (all of them when there is none).
[[nodiscard]] Result<std::int64_t> entries_since_checkpoint(store::Connection& c);

struct VerifyInputs {
  std::span<const std::uint8_t> checkpoint_key_spki;  // the audit key's public half (DER SPKI)
  const ChainKey& chain_key;
  std::optional<Checkpoint> signed_head;  // the head kept outside the database (signed_head.h), if any
};

struct VerifyReport {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  std::int64_t protected_through = 0;         // the last entry a valid signed checkpoint covers (0: none);
                                              // entries after it are not yet protected
  std::optional<std::int64_t> keyed_from;     // the first entry keyed with the chain key
  std::optional<std::int64_t> signed_head;    // the entry the signed head outside the database names
  std::optional<std::int64_t> first_bad_seq;  // the first entry found wrong (none: a wrong chain key)
  std::string problem_vi;                     // what is wrong, for people
  std::string problem_en;
};
// Walks the whole log (streaming): recomputes every hash (keyed entries with the chain key),
// checks the links and that sequence numbers have no gap, checks every checkpoint's signature with
// the audit key and that the entry it names still has the hash it signed, and that the head row
// matches the last entry. Also wrong: a log with entries but no checkpoint (deleted checkpoints),
// an unkeyed entry after a keyed one or after the last checkpoint, a chain key other than the
// log's, and a signed head outside the database that names an entry the log no longer has with
// that hash, or one after the newest checkpoint in the database (entries or checkpoints deleted).
[[nodiscard]] Result<VerifyReport> verify(store::Database& db, const VerifyInputs& in);

struct AuditQuery {
  std::optional<std::string> actor;
  std::optional<std::string> action_prefix;
  std::optional<std::string> object_type;
  std::optional<std::string> object_id;
  std::optional<std::vector<std::int64_t>> org_ids;  // scoping: only these organizations
  std::optional<TimePoint> from;
  std::optional<TimePoint> to;
  int limit = 100;
  int offset = 0;
};
// Newest first.
[[nodiscard]] Result<std::vector<AuditEntry>> list(store::Connection& c, const AuditQuery& q);

// One entry as the CLI and the API show it (details as a JSON object, time in ISO 8601 UTC).
[[nodiscard]] nlohmann::json to_json(const AuditEntry& e);

}  // namespace ct::audit
