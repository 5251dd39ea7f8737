#pragma once
// What protects an installation's audit log (SPEC §8), bound to its Context: checkpoints signed
// with the audit key and recorded both in the store and outside it (Context::audit_head_file), and
// the verification that uses the audit key, the chain key and that file. Used by the CLI's writes
// and `audit` commands, the scheduler's job "audit-checkpoint", the operation worker, `serve` at
// shutdown and the API.

#include <cstdint>
#include <optional>

#include "app/context.h"
#include "audit/audit_log.h"

namespace ct::app {

// Signs a checkpoint of the head when at least `min_new` entries were appended since the last one
// (0: whatever the count, re-recording the last one when nothing is new) and moves the signed head
// outside the database on to it. nullopt when nothing was signed (too few new entries, empty log).
[[nodiscard]] Result<std::optional<audit::Checkpoint>> checkpoint_audit(Context& ctx, std::int64_t min_new);

// audit::verify with the installation's audit key, chain key and signed head file. A head file
// that cannot be read or parsed is reported as a failed verification (it may have been changed).
[[nodiscard]] Result<audit::VerifyReport> verify_audit(Context& ctx);

}  // namespace ct::app
