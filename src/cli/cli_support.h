#pragma once
// Shared by the sub-commands: exit codes, error printing, file reading, JSON of records.
//
// Exit codes (documented in --help and the README):
//   0 ok · 1 usage error · 2 refused input (the reason is printed) · 3 internal or
//   environment error (database, key store) · 4 integrity failure (reserved for audit verify)

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "common/error.h"
#include "common/files.h"  // read_file, write_file: used by every command
#include "store/records.h"

namespace ct::cli {

enum ExitCode : int { kOk = 0, kUsage = 1, kRefused = 2, kInternal = 3, kIntegrity = 4 };

struct GlobalOptions {
  std::optional<std::string> data_dir;
};

// Prints "chungthu: <vi> / <en> (context)" to stderr and returns the exit code for the error.
int report(const Error& e);
[[nodiscard]] int exit_code_for(ErrorCode code) noexcept;

[[nodiscard]] Result<std::unique_ptr<app::Context>> open_context(const GlobalOptions& g);

[[nodiscard]] std::string status_text(const store::CertificateRecord& r, TimePoint now);
[[nodiscard]] nlohmann::json to_json(const store::CertificateRecord& r, TimePoint now);
[[nodiscard]] nlohmann::json to_json(const store::CaRecord& r);

}  // namespace ct::cli
