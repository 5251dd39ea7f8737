#include "store/sqlite_database.h"

#include <sqlite3.h>

#include <map>
#include <mutex>
#include <vector>

namespace ct::store {
namespace {

struct DbCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

Error sqlite_error(sqlite3* db, int rc) {
  const int ext = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  const std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return conflict_error("Dữ liệu bị trùng: " + msg, "Duplicate value: " + msg);
  }
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) {
    return Error::make(ErrorCode::conflict, "Vi phạm ràng buộc dữ liệu: " + msg, "Constraint violated: " + msg);
  }
  return storage_error(msg);
}

// `$12` → `?12` outside string literals: SQLite numbers `?NNN` parameters exactly as PostgreSQL
// numbers `$NNN`.
std::string translate(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  bool in_string = false;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') in_string = !in_string;
    if (!in_string && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, StmtHandle s) : db_(db), s_(std::move(s)) {}
  void bind(int i, std::int64_t v) override { sqlite3_bind_int64(s_.get(), i, v); }
  void bind(int i, std::string_view v) override {
    sqlite3_bind_text(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_blob(int i, std::span<const std::uint8_t> v) override {
    sqlite3_bind_blob(s_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int i) override { sqlite3_bind_null(s_.get(), i); }
  Result<bool> step() override {
    const int rc = sqlite3_step(s_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return fail(sqlite_error(db_, rc));
  }
  std::int64_t get_int(int c) const override { return sqlite3_column_int64(s_.get(), c); }
  std::string get_text(int c) const override {
    const auto* p = sqlite3_column_text(s_.get(), c);
    const int n = sqlite3_column_bytes(s_.get(), c);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
  }
  Bytes get_blob(int c) const override {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s_.get(), c));
    const int n = sqlite3_column_bytes(s_.get(), c);
    return p == nullptr ? Bytes() : Bytes(p, p + n);
  }
  bool is_null(int c) const override { return sqlite3_column_type(s_.get(), c) == SQLITE_NULL; }
  void reset() override {
    sqlite3_reset(s_.get());
    sqlite3_clear_bindings(s_.get());
  }

 private:
  sqlite3* db_;
  StmtHandle s_;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(DbHandle db) : db_(std::move(db)) {}
  Dialect dialect() const noexcept override { return Dialect::sqlite; }

  Result<Query> query(std::string_view sql) override {
    auto it = cache_.find(std::string(sql));
    if (it == cache_.end()) {
      const std::string text = translate(sql);
      sqlite3_stmt* raw = nullptr;
      const int rc = sqlite3_prepare_v3(db_.get(), text.c_str(), static_cast<int>(text.size()),
                                        SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
      if (rc != SQLITE_OK) return fail(sqlite_error(db_.get(), rc));
      it = cache_.emplace(std::string(sql), std::make_unique<SqliteStatement>(db_.get(), StmtHandle(raw))).first;
    }
    return Query(it->second.get());
  }

  Status exec(std::string_view sql) override {
    const std::string text(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      Error e = sqlite_error(db_.get(), rc);
      e.message_en += " (" + msg + ")";
      return fail(e);
    }
    return {};
  }

  Status begin(bool write) override { return exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  Status commit() override {
    auto s = exec("COMMIT");
    if (!s) rollback();
    return s;
  }
  void rollback() noexcept override {
    if (sqlite3_get_autocommit(db_.get()) == 0) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  bool in_transaction() const noexcept override { return sqlite3_get_autocommit(db_.get()) == 0; }

 private:
  DbHandle db_;
  std::map<std::string, std::unique_ptr<SqliteStatement>, std::less<>> cache_;
};

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(std::filesystem::path file) : file_(std::move(file)) {}
  Dialect dialect() const noexcept override { return Dialect::sqlite; }

  Result<std::unique_ptr<Connection>> open_connection() {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file_.c_str(), &raw,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    DbHandle db(raw);
    if (rc != SQLITE_OK) {
      return fail(ErrorCode::unavailable, "Không mở được cơ sở dữ liệu SQLite",
                  std::string("Cannot open the SQLite database: ") + sqlite3_errstr(rc), file_.string());
    }
    sqlite3_busy_timeout(db.get(), 10000);
    auto conn = std::make_unique<SqliteConnection>(std::move(db));
    if (auto s = conn->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"); !s) {
      return fail(s.error().within(file_.string()));
    }
    return conn;
  }

  Result<Lease> acquire() override {
    std::unique_ptr<Connection> c;
    {
      std::lock_guard lock(mu_);
      if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!c) {
      auto opened = open_connection();
      if (!opened) return fail(opened.error());
      c = std::move(*opened);
    }
    return Lease(std::move(c), [this](std::unique_ptr<Connection> back) {
      std::lock_guard lock(mu_);
      idle_.push_back(std::move(back));
    });
  }

 private:
  std::filesystem::path file_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // REQUIRES: mu_ held
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite(const std::filesystem::path& file) {
  auto db = std::make_unique<SqliteDatabase>(file);
  auto first = db->acquire();  // fails early on an unreadable file
  if (!first) return fail(first.error());
  return std::unique_ptr<Database>(std::move(db));
}

Status snapshot_sqlite(const std::filesystem::path& source, const std::filesystem::path& dest) {
  std::error_code ec;
  if (std::filesystem::exists(dest, ec)) {
    return fail(ErrorCode::invalid_input, "Tệp đích đã có: " + dest.string(), "The destination exists: " + dest.string());
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(source.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle from(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::unavailable, "Không mở được cơ sở dữ liệu SQLite",
                std::string("Cannot open the SQLite database: ") + sqlite3_errstr(rc), source.string());
  }
  sqlite3_busy_timeout(from.get(), 10000);
  raw = nullptr;
  rc = sqlite3_open_v2(dest.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DbHandle to(raw);
  if (rc != SQLITE_OK) {
    return fail(ErrorCode::unavailable, "Không tạo được bản sao cơ sở dữ liệu",
                std::string("Cannot create the database copy: ") + sqlite3_errstr(rc), dest.string());
  }
  sqlite3_backup* backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (backup == nullptr) {
    return fail(ErrorCode::unavailable, "Không sao được cơ sở dữ liệu",
                std::string("Cannot copy the database: ") + sqlite3_errmsg(to.get()), source.string());
  }
  rc = sqlite3_backup_step(backup, -1);  // every page, in one read transaction of the source
  const int finished = sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE || finished != SQLITE_OK) {
    std::filesystem::remove(dest, ec);
    return fail(ErrorCode::unavailable, "Không sao được cơ sở dữ liệu",
                std::string("Cannot copy the database: ") + sqlite3_errstr(rc == SQLITE_DONE ? finished : rc),
                source.string());
  }
  return {};
}

}  // namespace ct::store
