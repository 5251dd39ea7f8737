#pragma once
// Running another program (pg_dump, psql) and waiting for it: no shell, arguments as given.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace ct {

struct ProcessResult {
  int exit_code = -1;   // -1 when it was killed by a signal
  std::string errors;   // its standard error, at most 64 KiB
};

// Runs argv[0] (looked up in PATH) with `argv`; its standard input is /dev/null, its standard
// output goes to `stdout_file` (created 0600, truncated) or /dev/null, its standard error is
// collected. A program that cannot be started is `unavailable` naming it.
[[nodiscard]] Result<ProcessResult> run_process(const std::vector<std::string>& argv,
                                                const std::optional<std::filesystem::path>& stdout_file);

}  // namespace ct
