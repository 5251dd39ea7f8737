#pragma once
// Internal to the audit layer: the canonical form of an entry and its chained hash, shared by
// append, checkpoint and verify so all compute exactly the same bytes.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "audit/audit_log.h"
#include "audit/chain_key.h"

namespace ct::audit::detail {

// The unambiguous byte string hashed for an entry: a version tag ("chungthu-audit-v1;" unkeyed,
// "chungthu-audit-v2;" keyed), then every field as "<decimal byte length>:<bytes>;" in the order
// seq, at, actor, action, object_type, object_id, org_id, outcome, details; an absent org_id is
// written "~;".
[[nodiscard]] std::string canonical_form(bool keyed, std::int64_t seq, TimePoint at, const AuditEvent& e);

// The entry's hash over prev_hash || "|" || canonical_form(…), uppercase hex: HMAC-SHA-256 under
// `key` when one is given (a keyed entry), else SHA-256 (an entry from before the chain key).
[[nodiscard]] std::string entry_hash(const ChainKey* key, std::string_view prev_hash, std::int64_t seq, TimePoint at,
                                     const AuditEvent& e);

// The text a checkpoint signature covers: "chungthu-audit-checkpoint|<seq>|<hash>|<at unix>".
[[nodiscard]] std::string checkpoint_message(std::int64_t seq, std::string_view hash, TimePoint at);

// The columns of audit_log in the order read_entry expects.
inline constexpr const char* kEntryColumns =
    "seq, at, actor, action, object_type, object_id, org_id, outcome, details, prev_hash, hash, keyed";

// An entry as stored; `row` is a query over kEntryColumns.
[[nodiscard]] AuditEntry read_entry(const store::Query& row);

struct Head {
  std::int64_t seq = 0;      // 0 for an empty log
  std::string hash;          // "" for an empty log
  std::string chain_key_id;  // "" while the log has no chain key
};
// The chain head row; `lock` takes the row lock on PostgreSQL (SELECT … FOR UPDATE), which
// serializes appenders; on SQLite the caller's BEGIN IMMEDIATE already does. integrity when
// the row is missing.
[[nodiscard]] Result<Head> read_head(store::Connection& c, bool lock);

// The newest checkpoint in the store, if any.
[[nodiscard]] Result<std::optional<Checkpoint>> last_checkpoint(store::Connection& c);

// The key bound in this process (ChainKeyBinding) whose id is `id`; nullptr when none is.
[[nodiscard]] std::shared_ptr<const ChainKey> bound_chain_key(std::string_view id);

// integrity: the log is chained with the key whose id is `log_id`, not with the one given.
[[nodiscard]] Error wrong_chain_key(const std::string& log_id);

// The hash paired with a checkpoint key given as DER SubjectPublicKeyInfo (as PrivateKey::sign
// chooses it: SHA-384 for P-384, SHA-256 otherwise); invalid_input when the SPKI does not parse.
[[nodiscard]] Result<crypto::HashAlg> checkpoint_hash_for(std::span<const std::uint8_t> spki);

// Signs the head (seq, hash) now with `key` and inserts the checkpoint, inside the caller's write
// transaction.
[[nodiscard]] Result<Checkpoint> insert_checkpoint(store::Connection& c, const Clock& clock,
                                                   const crypto::PrivateKey& key, const Head& head);

// Checks hashes, links and sequence numbers of the entries after the checkpoint `from` (none: from
// the start) up to `head`, so that a checkpoint never signs a chain already broken. With a chain
// key every entry of the segment must be keyed under it; without one (adoption) none may be.
[[nodiscard]] Status check_segment(store::Connection& c, const std::optional<Checkpoint>& from, const Head& head,
                                   const ChainKey* key);

}  // namespace ct::audit::detail
