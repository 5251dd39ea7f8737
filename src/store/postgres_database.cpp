#include "store/postgres_database.h"

#include <libpq-fe.h>

#include <charconv>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include "store/postgres_url.h"

namespace ct::store {
namespace {

struct ConnCloser {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct ResultClearer {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using PgConn = std::unique_ptr<PGconn, ConnCloser>;
using PgResult = std::unique_ptr<PGresult, ResultClearer>;

// Maps a failed result (or, without one, the connection's last error) to an Error.
// SQLSTATE classes: PostgreSQL manual, Appendix A "PostgreSQL Error Codes".
Error pg_error(const PGresult* r, PGconn* conn, const std::vector<std::string>& secrets) {
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = one_line(r != nullptr ? PQresultErrorMessage(r) : "");
  if (msg.empty()) msg = one_line(PQerrorMessage(conn));
  msg = scrub_secrets(std::move(msg), secrets);
  const std::string_view sqlstate = state != nullptr ? state : "";
  if (sqlstate == "23505") return conflict_error("Dữ liệu bị trùng: " + msg, "Duplicate value: " + msg);
  if (sqlstate.substr(0, 2) == "23") {
    return Error::make(ErrorCode::conflict, "Vi phạm ràng buộc dữ liệu: " + msg, "Constraint violated: " + msg);
  }
  if (sqlstate == "40001" || sqlstate == "40P01") {
    return Error::make(ErrorCode::unavailable, "Giao dịch đồng thời xung đột, hãy thử lại: " + msg,
                       "Concurrent transactions conflicted; retry: " + msg);
  }
  if (sqlstate.substr(0, 2) == "08" || PQstatus(conn) == CONNECTION_BAD) {
    return Error::make(ErrorCode::unavailable, "Mất kết nối tới PostgreSQL: " + msg, "Lost the connection to PostgreSQL: " + msg);
  }
  return storage_error(msg);
}

class PostgresConnection;

// A prepared statement of one connection. libpq runs one query at a time per connection: a
// statement streams its rows (single-row mode) while it is the connection's active one; when
// another statement needs the connection, the unread rows are pulled into `pending_` first.
class PostgresStatement final : public Statement {
 public:
  PostgresStatement(PostgresConnection& owner, std::string name, int params)
      : owner_(owner), name_(std::move(name)), values_(static_cast<std::size_t>(params)),
        lengths_(static_cast<std::size_t>(params)), formats_(static_cast<std::size_t>(params)) {}

  void bind(int i, std::int64_t v) override { set(i, std::to_string(v), 0); }
  void bind(int i, std::string_view v) override { set(i, std::string(v), 0); }
  // Binary format: the server reads the bytes as they are (protocol "Bind" message).
  void bind_blob(int i, std::span<const std::uint8_t> v) override {
    set(i, std::string(reinterpret_cast<const char*>(v.data()), v.size()), 1);
  }
  void bind_null(int i) override {
    if (valid(i)) values_[static_cast<std::size_t>(i - 1)].reset();
  }
  Result<bool> step() override;
  std::int64_t get_int(int c) const override {
    const char* v = PQgetvalue(row_.get(), 0, c);
    const int n = PQgetlength(row_.get(), 0, c);
    if (n == 1 && (*v == 't' || *v == 'f')) return *v == 't' ? 1 : 0;
    std::int64_t out = 0;
    std::from_chars(v, v + n, out);
    return out;
  }
  std::string get_text(int c) const override {
    return std::string(PQgetvalue(row_.get(), 0, c), static_cast<std::size_t>(PQgetlength(row_.get(), 0, c)));
  }
  // Text-format BYTEA is "\x" + hex (bytea_output = hex, the default) or the escape format;
  // PQunescapeBytea reads both.
  Bytes get_blob(int c) const override {
    std::size_t n = 0;
    unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(row_.get(), 0, c)), &n);
    if (raw == nullptr) return {};
    Bytes out(raw, raw + n);
    PQfreemem(raw);
    return out;
  }
  bool is_null(int c) const override { return PQgetisnull(row_.get(), 0, c) != 0; }
  void reset() override;

  // Reads the rest of the rows into memory and releases the connection.
  void detach();
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  enum class State { idle, streaming, buffered };
  bool valid(int i) const noexcept { return i >= 1 && static_cast<std::size_t>(i) <= values_.size(); }
  void set(int i, std::string v, int format) {
    if (!valid(i)) return;
    const auto k = static_cast<std::size_t>(i - 1);
    values_[k] = std::move(v);
    lengths_[k] = static_cast<int>(values_[k]->size());
    formats_[k] = format;
  }
  // The next result of the active query: a row, the end (nullptr), or an error.
  Result<PgResult> next_result();
  Status start();

  PostgresConnection& owner_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  State state_ = State::idle;
  PgResult row_;
  std::deque<PgResult> pending_;
  std::optional<Error> pending_error_;
};

class PostgresConnection final : public Connection {
 public:
  PostgresConnection(PgConn conn, const std::vector<std::string>& secrets) : conn_(std::move(conn)), secrets_(secrets) {}
  Dialect dialect() const noexcept override { return Dialect::postgresql; }

  Result<Query> query(std::string_view sql) override {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      make_idle();
      const std::string name = "ct" + std::to_string(cache_.size() + 1);
      const std::string text(sql);
      // Parameter types are left to the server to infer (PQprepare with nParams = 0);
      // PQdescribePrepared tells how many there are.
      PgResult prep(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
      if (PQresultStatus(prep.get()) != PGRES_COMMAND_OK) return fail(error(prep.get()));
      PgResult desc(PQdescribePrepared(conn_.get(), name.c_str()));
      if (PQresultStatus(desc.get()) != PGRES_COMMAND_OK) return fail(error(desc.get()));
      it = cache_.emplace(text, std::make_unique<PostgresStatement>(*this, name, PQnparams(desc.get()))).first;
    }
    return Query(it->second.get());
  }

  Status exec(std::string_view sql) override {
    make_idle();
    PgResult r(PQexec(conn_.get(), std::string(sql).c_str()));
    const auto st = PQresultStatus(r.get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) return fail(error(r.get()));
    return {};
  }

  Status begin(bool) override { return exec("BEGIN"); }
  // COMMIT of a transaction that already failed answers "ROLLBACK" without an error, so an
  // aborted transaction is reported here.
  Status commit() override {
    make_idle();
    if (PQtransactionStatus(conn_.get()) == PQTRANS_INERROR) {
      rollback();
      return fail(ErrorCode::unavailable, "Giao dịch đã bị hủy do lỗi trước đó",
                  "The transaction was aborted by an earlier error");
    }
    auto s = exec("COMMIT");
    if (!s) rollback();
    return s;
  }
  void rollback() noexcept override {
    make_idle();
    if (in_transaction()) PgResult(PQexec(conn_.get(), "ROLLBACK"));
  }
  bool in_transaction() const noexcept override {
    const auto st = PQtransactionStatus(conn_.get());
    return st == PQTRANS_INTRANS || st == PQTRANS_INERROR || (st == PQTRANS_ACTIVE && active_in_tx_);
  }
  [[nodiscard]] bool broken() const noexcept { return PQstatus(conn_.get()) == CONNECTION_BAD; }

  // Starts `s` as the active query (single-row mode must be chosen right after sending).
  Status start(PostgresStatement& s, const std::vector<const char*>& values, const std::vector<int>& lengths,
               const std::vector<int>& formats) {
    make_idle();
    active_in_tx_ = PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
    if (PQsendQueryPrepared(conn_.get(), s.name().c_str(), static_cast<int>(values.size()), values.data(),
                            lengths.data(), formats.data(), 0) == 0) {
      return fail(error(nullptr));
    }
    PQsetSingleRowMode(conn_.get());
    active_ = &s;
    return {};
  }
  void finished(const PostgresStatement& s) noexcept {
    if (active_ == &s) active_ = nullptr;
  }
  [[nodiscard]] PGconn* raw() const noexcept { return conn_.get(); }
  [[nodiscard]] Error error(const PGresult* r) const { return pg_error(r, conn_.get(), secrets_); }

 private:
  void make_idle() {
    if (active_ != nullptr) active_->detach();
    active_ = nullptr;
  }

  PgConn conn_;
  const std::vector<std::string>& secrets_;
  std::map<std::string, std::unique_ptr<PostgresStatement>, std::less<>> cache_;
  PostgresStatement* active_ = nullptr;
  bool active_in_tx_ = false;
};

Status PostgresStatement::start() {
  std::vector<const char*> values(values_.size());
  for (std::size_t i = 0; i < values_.size(); ++i) values[i] = values_[i] ? values_[i]->c_str() : nullptr;
  if (auto s = owner_.start(*this, values, lengths_, formats_); !s) return s;
  state_ = State::streaming;
  return {};
}

// Single-row mode (libpq "Retrieving Query Results Row-by-Row"): each row is a
// PGRES_SINGLE_TUPLE result, then a zero-row PGRES_TUPLES_OK, or an error, then NULL.
Result<PgResult> PostgresStatement::next_result() {
  PgResult r(PQgetResult(owner_.raw()));
  if (!r) {
    state_ = State::idle;
    owner_.finished(*this);
    return PgResult();
  }
  const auto st = PQresultStatus(r.get());
  if (st == PGRES_SINGLE_TUPLE) return r;
  while (PgResult(PQgetResult(owner_.raw()))) {
  }
  state_ = State::idle;
  owner_.finished(*this);
  if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) return PgResult();
  return fail(owner_.error(r.get()));
}

Result<bool> PostgresStatement::step() {
  row_.reset();
  if (state_ == State::buffered) {
    if (!pending_.empty()) {
      row_ = std::move(pending_.front());
      pending_.pop_front();
      return true;
    }
    state_ = State::idle;
    if (pending_error_) {
      Error e = std::move(*pending_error_);
      pending_error_.reset();
      return fail(std::move(e));
    }
    return false;
  }
  if (state_ == State::idle) {
    if (auto s = start(); !s) return fail(s.error());
  }
  auto r = next_result();
  if (!r) return fail(r.error());
  row_ = std::move(*r);
  return row_ != nullptr;
}

void PostgresStatement::detach() {
  if (state_ != State::streaming) return;
  while (true) {
    auto r = next_result();
    if (!r) {
      pending_error_ = r.error();
      break;
    }
    if (!*r) break;
    pending_.push_back(std::move(*r));
  }
  state_ = State::buffered;
}

void PostgresStatement::reset() {
  while (state_ == State::streaming) (void)next_result();
  state_ = State::idle;
  row_.reset();
  pending_.clear();
  pending_error_.reset();
  for (auto& v : values_) v.reset();
}

Result<PgConn> connect(const std::string& url, const PostgresOptions& o, const std::vector<std::string>& secrets) {
  // With expand_dbname, the URL's own settings override the keywords given before it
  // (libpq "PQconnectdbParams").
  const std::string timeout = std::to_string(o.connect_timeout_seconds);
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "chungthu", url.c_str(), nullptr};
  PgConn c(PQconnectdbParams(keys, values, 1));
  if (!c || PQstatus(c.get()) != CONNECTION_OK) {
    const std::string msg = scrub_secrets(one_line(c ? PQerrorMessage(c.get()) : "out of memory"), secrets);
    return fail(ErrorCode::unavailable, "Không kết nối được cơ sở dữ liệu PostgreSQL: " + msg,
                "Cannot connect to the PostgreSQL database: " + msg, redact_database_url(url));
  }
  PQsetNoticeProcessor(c.get(), [](void*, const char*) {}, nullptr);
  return c;
}

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, PostgresOptions o)
      : url_(std::move(url)), options_(o), secrets_(url_passwords(url_)) {}
  Dialect dialect() const noexcept override { return Dialect::postgresql; }

  Result<Lease> acquire() override {
    std::unique_ptr<Connection> c;
    std::unique_lock lock(mu_);
    while (!c) {
      if (!idle_.empty()) {
        c = std::move(idle_.back());
        idle_.pop_back();
      } else if (open_ < std::max(options_.pool_size, 1)) {
        ++open_;
        lock.unlock();
        auto pg = connect(url_, options_, secrets_);
        lock.lock();
        if (!pg) {
          --open_;
          available_.notify_one();
          return fail(pg.error());
        }
        c = std::make_unique<PostgresConnection>(std::move(*pg), secrets_);
      } else if (!available_.wait_for(lock, options_.acquire_timeout,
                                      [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
        return fail(ErrorCode::unavailable, "Hết kết nối cơ sở dữ liệu trong vùng chờ",
                    "No database connection became free in time (pool exhausted)");
      }
    }
    return Lease(std::move(c), [this](std::unique_ptr<Connection> back) { give_back(std::move(back)); });
  }

 private:
  void give_back(std::unique_ptr<Connection> c) {
    const auto& pg = static_cast<const PostgresConnection&>(*c);
    const bool keep = !pg.broken() && !pg.in_transaction();
    if (!keep) c.reset();
    std::lock_guard lock(mu_);
    if (keep) idle_.push_back(std::move(c)); else --open_;
    available_.notify_one();
  }

  std::string url_;
  PostgresOptions options_;
  std::vector<std::string> secrets_;
  std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // REQUIRES: mu_ held
  int open_ = 0;                                    // REQUIRES: mu_ held
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres(const std::string& url, PostgresOptions options) {
  auto db = std::make_unique<PostgresDatabase>(url, options);
  auto first = db->acquire();
  if (!first) return fail(first.error());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ct::store
