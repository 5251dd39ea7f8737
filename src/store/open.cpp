#include "store/open.h"

#include "store/migrations.h"
#include "store/postgres_database.h"
#include "store/sqlite_database.h"

namespace ct::store {

bool is_postgres_url(const std::string& url) noexcept {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Database>> open_database(const std::string& url, const std::filesystem::path& data_dir) {
  std::unique_ptr<Database> db;
  Result<std::unique_ptr<Database>> opened = nullptr;
  if (url.empty() || url == "sqlite") {
    opened = open_sqlite(data_dir / "chungthu.db");
  } else if (url.rfind("sqlite://", 0) == 0) {
    opened = open_sqlite(url.substr(std::string("sqlite://").size()));
  } else if (is_postgres_url(url)) {
    opened = open_postgres(url);
  } else {
    return fail(ErrorCode::invalid_input,
                "Địa chỉ cơ sở dữ liệu không hỗ trợ (dùng sqlite hoặc postgresql://…)",
                "Unsupported database URL (use sqlite or postgresql://…)", "database");
  }
  if (!opened) return fail(opened.error());
  db = std::move(*opened);
  if (auto m = migrate(*db); !m) return fail(m.error());
  return db;
}

}  // namespace ct::store
