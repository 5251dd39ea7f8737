#pragma once
// SQLite backend: WAL journal, synchronous=FULL (a committed transaction survives power loss),
// foreign keys on, a busy timeout so concurrent writers wait instead of failing.

#include <filesystem>
#include <memory>

#include "store/database.h"

namespace ct::store {

// Opens (creating when missing) the database file. ":memory:" is not supported: every
// connection of the pool must see the same data.
[[nodiscard]] Result<std::unique_ptr<Database>> open_sqlite(const std::filesystem::path& file);

// A consistent copy of the database file `source` at `dest` (which must not exist), taken with
// SQLite's online backup while other connections read and write: one read transaction, so the
// copy holds every transaction committed before it began and none after.
[[nodiscard]] Status snapshot_sqlite(const std::filesystem::path& source, const std::filesystem::path& dest);

}  // namespace ct::store
