#pragma once
// Backends the store conformance suite runs against. SQLite always; PostgreSQL when
// CHUNGTHU_TEST_POSTGRES_URL names a server (the test scripts start a private cluster).

#include <filesystem>
#include <functional>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace ct::store::testing {

struct BackendFactory {
  std::string name;
  // Opens a fresh, empty, migrated database; `scratch` is a private temporary directory.
  std::function<Result<std::unique_ptr<Database>>(const std::filesystem::path& scratch)> open;
};

[[nodiscard]] std::vector<BackendFactory> backends();
// GoogleTest prints the backend's name in test names.
inline void PrintTo(const BackendFactory& b, std::ostream* os) { *os << b.name; }
[[nodiscard]] std::filesystem::path make_scratch_dir();

}  // namespace ct::store::testing
