#pragma once
// Versioned schema migrations. Each migration runs in its own transaction and records its
// version in `schema_version`; a database whose version is newer than this binary knows is
// refused (integrity error), never modified. Migration SQL is portable; `{{ID}}` and `{{BLOB}}`
// are replaced per dialect (INTEGER PRIMARY KEY / BIGINT identity, BLOB / BYTEA).

#include <string>
#include <vector>

#include "store/database.h"

namespace ct::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// All migrations in version order. Each area of the schema keeps its migrations in its own
// file and version range: PKI 1, job queue 2, audit 3, registry 10–49, server 50–59, public
// service 60–69, scheduled jobs 70–79 (migrations_queue.cpp), notifications 80–89, later areas 90+.
[[nodiscard]] const std::vector<Migration>& migrations();
[[nodiscard]] std::vector<Migration> pki_migrations();       // migrations_pki.cpp
[[nodiscard]] std::vector<Migration> queue_migrations();     // migrations_queue.cpp (2, 70–79)
[[nodiscard]] std::vector<Migration> audit_migrations();     // migrations_audit.cpp
[[nodiscard]] std::vector<Migration> registry_migrations();  // migrations_registry.cpp
[[nodiscard]] std::vector<Migration> server_migrations();    // migrations_server.cpp (50–59)
[[nodiscard]] std::vector<Migration> public_migrations();    // migrations_public.cpp (60–69)
[[nodiscard]] std::vector<Migration> notify_migrations();    // migrations_notify.cpp (80–89)
[[nodiscard]] int latest_schema_version();
[[nodiscard]] std::string render_sql(const std::string& sql, Dialect dialect);

// Brings the schema to the latest version; returns the version it found before. Each migration
// not yet recorded runs in its own transaction; on PostgreSQL under an advisory lock, so that
// processes starting together apply each migration once.
[[nodiscard]] Result<int> migrate(Database& db);
// The same with an explicit list in version order (tests inject a failing migration).
[[nodiscard]] Result<int> migrate(Database& db, const std::vector<Migration>& list);
// The schema version present (0 for an empty database).
[[nodiscard]] Result<int> schema_version(Connection& c);

}  // namespace ct::store
