#pragma once
// PostgreSQL backend (libpq): a bounded pool of connections, each with its own cache of
// prepared statements; results stream row by row (single-row mode), so a million-row CRL scan
// holds one row in memory. Transactions run at READ COMMITTED; the schema's constraints and
// row locks (not prior reads) make concurrent writers safe.
//
// Errors: unique_violation (SQLSTATE 23505) and other integrity violations (class 23) are
// `conflict`, like the SQLite backend; serialization failures and deadlocks (40001, 40P01) and
// lost connections (class 08) are `unavailable` and worth a retry. No message carries the
// password of the URL.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.h"

namespace ct::store {

struct PostgresOptions {
  int pool_size = 16;                         // connections at most; acquire() waits beyond that
  std::chrono::seconds acquire_timeout{30};   // then acquire() fails with `unavailable`
  int connect_timeout_seconds = 10;           // unless the URL says connect_timeout
};

// Connects once (so a wrong URL, host or password fails here, with one clear message) and
// returns the pool. Does not migrate. `url` is a libpq connection URI or keyword string.
[[nodiscard]] Result<std::unique_ptr<Database>> open_postgres(const std::string& url, PostgresOptions options = {});

// The URL with its password replaced by "***" (user:SECRET@host and password=SECRET).
[[nodiscard]] std::string redact_database_url(std::string_view url);

}  // namespace ct::store
