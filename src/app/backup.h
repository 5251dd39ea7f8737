#pragma once
// Backup and restore of an installation (SPEC §10): `chungthu backup --out FILE` while it
// serves, `chungthu restore FILE --data DIR`.
//
// What a backup holds, each entry with its SHA-256 in the manifest:
//   chungthu.toml, mail-templates/…   as they are
//   keys/…                            as they are: PKCS#8 encrypted under the CA key passphrase
//                                     (with a PKCS#11 backend the keys stay on the HSM; the
//                                     configuration names the module and the token)
//   secrets/…                         sealed (XSalsa20-Poly1305) under a key derived from the
//                                     backup passphrase (argon2id)
//   audit-head                        the signed audit checkpoint, read before the database so it
//                                     is never ahead of it
//   chungthu.db | database.sql        a consistent snapshot: SQLite's online backup, or pg_dump
//   attachments/…                     documents uploaded before the store kept them, if any
// The backup passphrase is $CHUNGTHU_BACKUP_PASSPHRASE, else the CA key passphrase.
//
// The file: the line "CHUNGTHU-BACKUP 1", a JSON line with the key derivation's salt and
// limits, the entries ('E', name length u16, name, size u64, bytes; big-endian), then 'M', the
// manifest's length u32, the manifest (JSON), and the HMAC-SHA-256 of the JSON line and the
// manifest under the derived key. Restore refuses a file that is not a backup, is cut short,
// has anything after its end, or whose MAC or any entry's size or SHA-256 does not match (a
// wrong passphrase reads as an altered file). It writes into a data directory that does not
// exist or is empty (built beside it and renamed into place, so nothing is left half-written)
// and, for PostgreSQL, into an empty database.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "app/context.h"
#include "common/error.h"

namespace ct::app {

inline constexpr const char* kBackupPassphraseEnv = "CHUNGTHU_BACKUP_PASSPHRASE";

struct BackupReport {
  std::filesystem::path file;
  std::string database;  // "sqlite" | "postgresql"
  std::size_t entries = 0;
  std::uint64_t bytes = 0;  // of the file
};

// The backup passphrase of `ctx`: $CHUNGTHU_BACKUP_PASSPHRASE, else the CA key passphrase.
[[nodiscard]] Result<std::string> backup_passphrase(const Context& ctx);

// Writes the backup to `out` (replaced atomically; never left half-written).
[[nodiscard]] Result<BackupReport> make_backup(Context& ctx, const std::filesystem::path& out,
                                               const std::string& passphrase);

struct RestoreOptions {
  std::filesystem::path file;
  std::filesystem::path data_dir;
  std::string passphrase;
  // PostgreSQL backups: the empty database to restore into; default the backup's `database`
  // setting (from its chungthu.toml or $CHUNGTHU_DATABASE).
  std::optional<std::string> database_url;
};

[[nodiscard]] Result<BackupReport> restore_backup(const RestoreOptions& options);

}  // namespace ct::app
