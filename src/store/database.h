#pragma once
// The SQL database behind every repository. Repositories write portable SQL with `$1`, `$2`, …
// placeholders; a backend translates what it must. Backends: SQLite (embedded default, WAL) and
// PostgreSQL (production). Nothing above this layer sees a backend's C API.
//
// Thread-safety: a Database is shared by threads; a Connection (and its statements) is used by
// one thread at a time, borrowed from the Database's pool with acquire().

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"

namespace ct::store {

enum class Dialect { sqlite, postgresql };

// A prepared statement. Parameters are 1-based ($1 → index 1), columns 0-based.
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void bind(int index, std::int64_t value) = 0;
  virtual void bind(int index, std::string_view text) = 0;
  virtual void bind_blob(int index, std::span<const std::uint8_t> blob) = 0;
  virtual void bind_null(int index) = 0;
  // Advances to the next row: true when a row is available, false when done.
  [[nodiscard]] virtual Result<bool> step() = 0;
  [[nodiscard]] virtual std::int64_t get_int(int column) const = 0;
  [[nodiscard]] virtual std::string get_text(int column) const = 0;
  [[nodiscard]] virtual Bytes get_blob(int column) const = 0;
  [[nodiscard]] virtual bool is_null(int column) const = 0;
  // Clears bindings and results so the statement can run again.
  virtual void reset() = 0;
};

// A statement borrowed from a connection's cache; reset when the handle goes away.
class Query final {
 public:
  explicit Query(Statement* s) : s_(s) {}
  ~Query() {
    if (s_ != nullptr) s_->reset();
  }
  Query(Query&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& bind(int i, std::int64_t v) { s_->bind(i, v); return *this; }
  Query& bind(int i, std::string_view v) { s_->bind(i, v); return *this; }
  Query& bind(int i, const std::string& v) { s_->bind(i, std::string_view(v)); return *this; }
  Query& bind(int i, const char* v) { s_->bind(i, std::string_view(v)); return *this; }
  Query& bind_blob(int i, std::span<const std::uint8_t> v) { s_->bind_blob(i, v); return *this; }
  Query& bind_null(int i) { s_->bind_null(i); return *this; }
  template <typename T>
  Query& bind_opt(int i, const std::optional<T>& v) {
    if (v) bind(i, *v); else bind_null(i);
    return *this;
  }
  [[nodiscard]] Result<bool> step() { return s_->step(); }
  // Runs to completion, discarding rows.
  [[nodiscard]] Status run();
  [[nodiscard]] std::int64_t get_int(int c) const { return s_->get_int(c); }
  [[nodiscard]] std::string get_text(int c) const { return s_->get_text(c); }
  [[nodiscard]] Bytes get_blob(int c) const { return s_->get_blob(c); }
  [[nodiscard]] bool is_null(int c) const { return s_->is_null(c); }
  [[nodiscard]] std::optional<std::int64_t> get_opt_int(int c) const {
    return is_null(c) ? std::nullopt : std::optional<std::int64_t>(get_int(c));
  }
  [[nodiscard]] std::optional<std::string> get_opt_text(int c) const {
    return is_null(c) ? std::nullopt : std::optional<std::string>(get_text(c));
  }
  // A time stored as Unix seconds, or NULL.
  [[nodiscard]] std::optional<TimePoint> get_opt_time(int c) const {
    return is_null(c) ? std::nullopt : std::optional<TimePoint>(from_unix(get_int(c)));
  }

 private:
  Statement* s_;
};

class Connection {
 public:
  virtual ~Connection() = default;
  [[nodiscard]] virtual Dialect dialect() const noexcept = 0;
  // A cached prepared statement for `sql` (prepared on first use on this connection).
  [[nodiscard]] virtual Result<Query> query(std::string_view sql) = 0;
  // Runs SQL text without parameters (may hold several statements).
  [[nodiscard]] virtual Status exec(std::string_view sql) = 0;
  // Transactions: write transactions take the write lock up front (SQLite BEGIN IMMEDIATE).
  [[nodiscard]] virtual Status begin(bool write) = 0;
  [[nodiscard]] virtual Status commit() = 0;
  virtual void rollback() noexcept = 0;
  [[nodiscard]] virtual bool in_transaction() const noexcept = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  [[nodiscard]] virtual Dialect dialect() const noexcept = 0;

  // A connection borrowed from the pool, returned when the lease is destroyed.
  class Lease final {
   public:
    Lease(std::unique_ptr<Connection> c, std::function<void(std::unique_ptr<Connection>)> back)
        : c_(std::move(c)), back_(std::move(back)) {}
    ~Lease() {
      if (c_) {
        if (c_->in_transaction()) c_->rollback();
        back_(std::move(c_));
      }
    }
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() const noexcept { return c_.get(); }
    Connection& operator*() const noexcept { return *c_; }

   private:
    std::unique_ptr<Connection> c_;
    std::function<void(std::unique_ptr<Connection>)> back_;
  };
  [[nodiscard]] virtual Result<Lease> acquire() = 0;
};

// Rolls back unless committed.
class Transaction final {
 public:
  [[nodiscard]] static Result<Transaction> begin(Connection& c, bool write = true);
  ~Transaction() {
    if (c_ != nullptr) c_->rollback();
  }
  Transaction(Transaction&& o) noexcept : c_(o.c_) { o.c_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  [[nodiscard]] Status commit();

 private:
  explicit Transaction(Connection* c) : c_(c) {}
  Connection* c_;
};

// Reads every remaining row of `q` into a vector, one `read(q)` per row.
template <typename T, typename F>
[[nodiscard]] Result<std::vector<T>> read_all(Query& q, F read) {
  std::vector<T> out;
  while (true) {
    auto row = q.step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back(read(q));
  }
}

// Runs an UPDATE … RETURNING of at most one row and tells whether it touched one.
[[nodiscard]] Result<bool> updated_one(Query& q);

[[nodiscard]] Error storage_error(const std::string& en_detail);
[[nodiscard]] Error conflict_error(std::string vi, std::string en);

}  // namespace ct::store
