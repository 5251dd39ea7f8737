#pragma once
// The signed head kept outside the database (SPEC §8): a copy of the newest checkpoint signed by a
// process of this installation, in a file beside the database (app: <data dir>/audit-head).
// Deleting the newest entries together with their checkpoints, and fixing the head row, leaves
// the database consistent with itself; `verify` compares it with this file, which names an entry
// the log must still hold with that hash, and a checkpoint at least that recent. Several
// processes (the CLI, `serve`) write it: the file never moves back to an older entry. A database
// restored from an older backup therefore fails `verify` until the operator moves the file aside.
//
// Format (text, mode 0644; the signature makes it trustworthy, not its secrecy):
//   chungthu-audit-head 1
//   seq <decimal>
//   hash <the entry's hash>
//   at <unix seconds>
//   signature <hex of the checkpoint signature: detail::checkpoint_message>

#include <filesystem>
#include <optional>
#include <string>

#include "audit/audit_log.h"

namespace ct::audit {

[[nodiscard]] std::string format_signed_head(const Checkpoint& cp);
// invalid_input when `text` is not in the format above.
[[nodiscard]] Result<Checkpoint> parse_signed_head(std::string_view text);

// The head in `file`; nullopt when there is no file; integrity when it cannot be read or parsed.
[[nodiscard]] Result<std::optional<Checkpoint>> read_signed_head(const std::filesystem::path& file);

// Writes `cp` to `file` unless the file already names entry cp.seq or a later one. Atomic (a
// temporary file renamed over it) and serialized between processes by an exclusive lock on
// `file`.lock. A damaged file is left as it is (integrity): it may be evidence.
[[nodiscard]] Status advance_signed_head(const std::filesystem::path& file, const Checkpoint& cp);

}  // namespace ct::audit
