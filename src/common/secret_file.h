#pragma once
// Secrets kept in files beside the configuration (the CA key passphrase, the SMTP password):
// such a file must be readable by its owner only, like ssh's private keys.

#include <filesystem>
#include <string>
#include <string_view>

#include "common/error.h"

namespace ct {

// A file named in the configuration: as given when absolute, else relative to `dir` (the data
// directory).
[[nodiscard]] std::filesystem::path file_in(const std::filesystem::path& dir, const std::string& name);

// The file's content without trailing line ends. A file that its group or others may read, an
// unreadable file and an empty one are invalid_input errors naming `what_vi` / `what_en` and the
// file (never its content).
[[nodiscard]] Result<std::string> read_secret_file(const std::filesystem::path& file, std::string_view what_vi,
                                                   std::string_view what_en);

}  // namespace ct
