// chungthu backup --out FILE | restore FILE --data DIR [--database URL] [--passphrase-file F]:
// an installation to one file and back (app/backup.h).
#include <cstdlib>
#include <iostream>

#include "app/backup.h"
#include "cli/commands.h"
#include "common/secret_file.h"

namespace ct::cli {
namespace {

int run_backup(const GlobalOptions& g, const std::string& out) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto pass = app::backup_passphrase(**ctx);
  if (!pass) return report(pass.error());
  auto made = app::make_backup(**ctx, out, *pass);
  if (!made) return report(made.error());
  std::cout << "Đã sao lưu / Backed up: " << made->file.string() << " (" << made->entries << " mục / entries, "
            << made->bytes << " byte, " << made->database << ")\n";
  return kOk;
}

// $CHUNGTHU_BACKUP_PASSPHRASE, else $CHUNGTHU_CA_PASSPHRASE, else the 0600 file.
Result<std::string> restore_passphrase(const std::string& file) {
  for (const char* name : {app::kBackupPassphraseEnv, "CHUNGTHU_CA_PASSPHRASE"}) {
    if (const char* env = std::getenv(name); env != nullptr && *env != '\0') return std::string(env);
  }
  if (file.empty()) {
    return fail(ErrorCode::invalid_input,
                "Cần mật khẩu của bản sao lưu: CHUNGTHU_BACKUP_PASSPHRASE, CHUNGTHU_CA_PASSPHRASE hoặc --passphrase-file",
                "The backup's passphrase is needed: CHUNGTHU_BACKUP_PASSPHRASE, CHUNGTHU_CA_PASSPHRASE or "
                "--passphrase-file",
                "--passphrase-file");
  }
  return read_secret_file(file, "mật khẩu sao lưu", "backup passphrase");
}

int run_restore(const GlobalOptions& g, const std::string& file, const std::string& database,
                const std::string& passphrase_file) {
  if (!g.data_dir) {
    return report(Error::make(ErrorCode::invalid_input, "Cần --data THƯ_MỤC: nơi dựng lại bản cài đặt",
                              "--data DIR is required: where the installation is rebuilt", "--data"));
  }
  auto pass = restore_passphrase(passphrase_file);
  if (!pass) return report(pass.error());
  app::RestoreOptions o{file, *g.data_dir, *pass, std::nullopt};
  if (!database.empty()) o.database_url = database;
  auto restored = app::restore_backup(o);
  if (!restored) return report(restored.error());
  std::cout << "Đã khôi phục / Restored into " << *g.data_dir << " (" << restored->entries << " mục / entries, "
            << restored->database << "); kiểm tra bằng / check with: chungthu --data " << *g.data_dir
            << " audit verify\n";
  return kOk;
}

}  // namespace

void register_backup(CLI::App& app, GlobalOptions& g, int& rc) {
  auto out = std::make_shared<std::string>();
  auto* backup = app.add_subcommand(
      "backup", "Sao lưu / Back up the installation while it serves: database, configuration, keys, sealed secrets");
  backup->add_option("--out", *out, "The backup file")->required();
  backup->callback([&rc, &g, out] { rc = run_backup(g, *out); });

  auto file = std::make_shared<std::string>();
  auto database = std::make_shared<std::string>();
  auto pass_file = std::make_shared<std::string>();
  auto* restore = app.add_subcommand(
      "restore", "Khôi phục / Rebuild an installation from a backup into --data DIR (new or empty)");
  restore->add_option("file", *file, "The backup file")->required();
  restore->add_option("--database", *database, "PostgreSQL backups: the empty database to restore into");
  restore->add_option("--passphrase-file", *pass_file, "The backup's passphrase in a 0600 file");
  restore->callback([&rc, &g, file, database, pass_file] { rc = run_restore(g, *file, *database, *pass_file); });
}

}  // namespace ct::cli
