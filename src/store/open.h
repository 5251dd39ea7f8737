#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

namespace ct::store {

// Opens the database named by `url` and migrates it to the latest schema:
//   "" or "sqlite"            → <data_dir>/chungthu.db
//   "sqlite:///abs/path.db"   → that file
//   "postgresql://…"          → PostgreSQL (when built with it)
// True for a PostgreSQL URL ("postgresql://…" or "postgres://…").
[[nodiscard]] bool is_postgres_url(const std::string& url) noexcept;

[[nodiscard]] Result<std::unique_ptr<Database>> open_database(const std::string& url,
                                                              const std::filesystem::path& data_dir);

}  // namespace ct::store
