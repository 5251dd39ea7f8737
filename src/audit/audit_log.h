#pragma once
// The audit log (SPEC §8): append-only, hash-chained, periodically checkpointed with a signature.
// Each entry carries the hash of the previous one; `verify` finds any changed, deleted or
// reordered entry and reports the first bad one. Entries never hold secrets (no passwords,
// PINs, session ids, keys): callers put identifiers and outcomes in `details`, not credentials.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
  std::string prev_hash;               // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;                    // hex SHA-256 over prev_hash and this entry's canonical form
};

// Appends inside the caller's transaction, so the entry commits (or rolls back) with the change
// it records. Serialized across processes by the chain head row. Returns the sequence number.
[[nodiscard]] Result<std::int64_t> append(store::Connection& c, const Clock& clock, const AuditEvent& e);

struct Checkpoint {
  std::int64_t seq = 0;                // the last entry covered
  std::string hash;                    // that entry's hash
  TimePoint at;
  Bytes signature;                     // over "chungthu-audit-checkpoint|<seq>|<hash>|<at unix>"
};
// Signs the current head with `key` and records it (own transaction). Nothing to do on an
// empty log (returns nullopt).
[[nodiscard]] Result<std::optional<Checkpoint>> checkpoint(store::Database& db, const Clock& clock,
                                                           const crypto::PrivateKey& key);

// Writers take a checkpoint after their commit once this many entries have been appended since
// the last one (append itself stays cheap and never signs).
inline constexpr std::int64_t kCheckpointEvery = 1000;
// Entries appended since the last checkpoint (all of them when there is none).
[[nodiscard]] Result<std::int64_t> entries_since_checkpoint(store::Connection& c);

struct VerifyReport {
  bool ok = true;
  std::int64_t entries = 0;
  std::int64_t checkpoints = 0;
  std::optional<std::int64_t> first_bad_seq;  // the first entry found wrong
  std::string problem_vi;                     // what is wrong, for people
  std::string problem_en;
};
// Walks the whole log (streaming): recomputes every hash, checks the links and that sequence
// numbers have no gap, checks every checkpoint's signature with `checkpoint_key_spki` and that
// the entry it names still has the hash it signed, and that the head row matches the last entry
// (so deleting the newest entries is found too).
[[nodiscard]] Result<VerifyReport> verify(store::Database& db, std::span<const std::uint8_t> checkpoint_key_spki);

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
