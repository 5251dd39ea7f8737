#pragma once
// Internal to the audit layer: the canonical form of an entry and its chained hash, shared by
// append and verify so both compute exactly the same bytes.

#include <cstdint>
#include <string>
#include <string_view>

#include "audit/audit_log.h"

namespace ct::audit::detail {

// The unambiguous byte string hashed for an entry: a version tag, then every field as
// "<decimal byte length>:<bytes>;" in the order seq, at, actor, action, object_type, object_id,
// org_id, outcome, details; an absent org_id is written "~;".
[[nodiscard]] std::string canonical_form(std::int64_t seq, TimePoint at, const AuditEvent& e);

// Uppercase hex SHA-256 of prev_hash || "|" || canonical_form(…).
[[nodiscard]] std::string chain_hash(std::string_view prev_hash, std::int64_t seq, TimePoint at,
                                     const AuditEvent& e);

// The text a checkpoint signature covers: "chungthu-audit-checkpoint|<seq>|<hash>|<at unix>".
[[nodiscard]] std::string checkpoint_message(std::int64_t seq, std::string_view hash, TimePoint at);

// The columns of audit_log in the order read_entry expects.
inline constexpr const char* kEntryColumns =
    "seq, at, actor, action, object_type, object_id, org_id, outcome, details, prev_hash, hash";

}  // namespace ct::audit::detail

namespace ct::audit::detail {

// An entry as stored; `row` is a query over kEntryColumns.
[[nodiscard]] AuditEntry read_entry(const store::Query& row);

// The hash paired with a checkpoint key given as DER SubjectPublicKeyInfo (as PrivateKey::sign
// chooses it: SHA-384 for P-384, SHA-256 otherwise); invalid_input when the SPKI does not parse.
struct Head {
  std::int64_t seq = 0;  // 0 for an empty log
  std::string hash;      // "" for an empty log
};
// The chain head row; `lock` takes the row lock on PostgreSQL (SELECT … FOR UPDATE), which
// serializes appenders; on SQLite the caller's BEGIN IMMEDIATE already does. integrity when
// the row is missing.
[[nodiscard]] Result<Head> read_head(store::Connection& c, bool lock);

[[nodiscard]] Result<crypto::HashAlg> checkpoint_hash_for(std::span<const std::uint8_t> spki);

}  // namespace ct::audit::detail
