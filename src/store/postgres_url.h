#pragma once
// Keeping passwords out of messages: helpers of the PostgreSQL backend (no libpq here).

#include <string>
#include <string_view>
#include <vector>

namespace ct::store {

// The passwords a database URL carries (user:SECRET@ and password=SECRET), raw and
// percent-decoded, so they can be scrubbed from any message.
[[nodiscard]] std::vector<std::string> url_passwords(std::string_view url);
// `text` with every occurrence of each secret replaced by "***".
[[nodiscard]] std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets);
// Newlines and tabs (libpq's multi-line messages) folded to single spaces; trimmed.
[[nodiscard]] std::string one_line(std::string_view text);

}  // namespace ct::store
