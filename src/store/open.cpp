#include "store/open.h"

#include "store/migrations.h"
#include "store/sqlite_database.h"

namespace ct::store {

Result<std::unique_ptr<Database>> open_database(const std::string& url, const std::filesystem::path& data_dir) {
  std::unique_ptr<Database> db;
  if (url.empty() || url == "sqlite") {
    auto opened = open_sqlite(data_dir / "chungthu.db");
    if (!opened) return fail(opened.error());
    db = std::move(*opened);
  } else if (url.rfind("sqlite://", 0) == 0) {
    auto opened = open_sqlite(url.substr(std::string("sqlite://").size()));
    if (!opened) return fail(opened.error());
    db = std::move(*opened);
  } else {
    return fail(ErrorCode::invalid_input,
                "Địa chỉ cơ sở dữ liệu không hỗ trợ (dùng sqlite hoặc postgresql://…)",
                "Unsupported database URL (use sqlite or postgresql://…)", "database");
  }
  if (auto m = migrate(*db); !m) return fail(m.error());
  return db;
}

}  // namespace ct::store
