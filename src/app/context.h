#pragma once
// One chungthu installation: data directory, configuration, store, CA keys.
//
// Data directory: --data DIR, else $CHUNGTHU_DATA, else ./var. Inside it:
//   chungthu.toml        configuration (every key overridable by CHUNGTHU_… variables)
//   chungthu.db          SQLite store (unless `database` names PostgreSQL)
//   keys/                CA keys, encrypted PKCS#8 (software key backend; none with pkcs11)
//   secrets/ca-passphrase the key passphrase when CHUNGTHU_CA_PASSPHRASE is not set (0600)
//   secrets/audit-chain-key the audit chain key when CHUNGTHU_AUDIT_CHAIN_KEY is not set (0600)
//   secrets/totp-key, secrets/device-key  the keys sealing TOTP secrets and SO PINs (0600)
//   audit-head           the audit log's newest checkpoint, kept outside the database
//   crl/                 published CRLs

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "audit/chain_key.h"
#include "common/clock.h"
#include "common/config.h"
#include "crypto/key_backend.h"
#include "crypto/random.h"
#include "notify/mail_settings.h"
#include "notify/templates.h"
#include "pki/certificate_authority.h"
#include "pki/ocsp_answerer.h"
#include "pki/profile.h"
#include "pki/settings.h"
#include "registry/account_links.h"
#include "registry/registry_env.h"
#include "registry/registry_settings.h"
#include "registry/working_days.h"
#include "store/database.h"

namespace ct::app {

[[nodiscard]] std::filesystem::path resolve_data_dir(const std::optional<std::string>& flag);

// The [mail] section and the checked mail templates (notify/mail_settings.h, notify/templates.h).
struct MailConfig {
  notify::MailSettings settings;
  notify::MailTemplates templates;
};

class Context final {
  class Passkey {
    friend class Context;
    Passkey() = default;
  };

 public:
  // Only open() and create() can make the key: use them.
  explicit Context(Passkey) {}

  // Opens an initialized installation; a missing one is an invalid_input error telling the user
  // to run `chungthu init`.
  [[nodiscard]] static Result<std::unique_ptr<Context>> open(const std::filesystem::path& data_dir);

  [[nodiscard]] const std::filesystem::path& data_dir() const noexcept { return data_dir_; }
  [[nodiscard]] std::filesystem::path crl_dir() const { return data_dir_ / "crl"; }
  [[nodiscard]] const Config& config() const noexcept { return config_; }
  [[nodiscard]] const pki::PkiSettings& pki() const noexcept { return pki_; }
  [[nodiscard]] const pki::ProfileSet& profiles() const noexcept { return profiles_; }
  [[nodiscard]] store::Database& db() noexcept { return *db_; }
  [[nodiscard]] crypto::KeyBackend& keys() noexcept { return *keys_; }
  [[nodiscard]] const Clock& clock() const noexcept { return clock_; }
  // Registry policy ([registry], [validation]) and the working-day calendar of its holidays.
  [[nodiscard]] const registry::RegistrySettings& registry_settings() const noexcept { return registry_; }
  [[nodiscard]] const registry::WorkingCalendar& calendar() const noexcept { return calendar_; }
  // What the registry's operations need, bound to this installation.
  [[nodiscard]] registry::RegistryEnv registry_env() {
    return registry::RegistryEnv{*db_, clock_, rng_, registry_, calendar_, data_dir_};
  }
  [[nodiscard]] Rng& rng() noexcept { return rng_; }

  // For `init`: opens a directory that has no configuration file yet with `config_text` (what
  // init writes last), creating the passphrase file when the software key backend needs one.
  [[nodiscard]] static Result<std::unique_ptr<Context>> create(const std::filesystem::path& data_dir,
                                                               const std::string& config_text);

  // The CA named `name` (root, issuing) with its key loaded.
  [[nodiscard]] Result<pki::CertificateAuthority> certificate_authority(const std::string& name);
  [[nodiscard]] Result<pki::OcspAnswerer> ocsp_answerer();
  // The key that signs audit checkpoints (SPEC §8): `audit.key_ref` in the configuration
  // (default "soft:audit", the key labelled "audit" in the software backend). Created (EC P-256)
  // when missing, for installations made before the audit log existed.
  [[nodiscard]] Result<crypto::PrivateKey> audit_key();
  // The key that seals users' TOTP secrets in the store (registry/user_credentials.h): 32 bytes,
  // $CHUNGTHU_TOTP_KEY (64 hex digits) or the file named by `server.totp_key_file` (default
  // secrets/totp-key, relative to the data directory), created 0600 with random bytes when
  // missing. A secret: never printed or logged.
  [[nodiscard]] Result<Bytes> totp_key();
  // The key that seals tokens' SO PINs in the store (app/token_station.h): the same rules as
  // totp_key() with $CHUNGTHU_DEVICE_KEY and `devices.key_file` (default secrets/device-key).
  // A key of its own, so that neither secret opens the other. A secret: never printed or logged.
  [[nodiscard]] Result<Bytes> device_key();
  // The chain key of the audit log (audit/chain_key.h): $CHUNGTHU_AUDIT_CHAIN_KEY (64 hex digits)
  // or the file named by `audit.chain_key_file` (default secrets/audit-chain-key, relative to the
  // data directory; owner-only), created 0600 with 32 random bytes only while the log has no chain
  // key yet. Loaded when the Context opens: a log without a chain key adopts it (its earlier
  // entries are checkpointed), and it is bound for this process's appenders while the Context
  // lives. A log chained with another key, or a key file gone after the log took its key, fails
  // open() (integrity). A secret: never printed or logged.
  [[nodiscard]] const audit::ChainKey& audit_chain_key() const noexcept { return *chain_key_; }
  // [mail] and the templates, read and checked on first use and kept for the Context's life
  // (a broken template is an error naming its file and line).
  [[nodiscard]] Result<const MailConfig*> mail();
  // What mails a one-time account link (notify/account_mail.h), bound to mail()'s settings and
  // templates.
  [[nodiscard]] Result<registry::LinkMailer> account_mailer();
  // The audit log's signed head kept outside the database (audit/signed_head.h).
  [[nodiscard]] std::filesystem::path audit_head_file() const { return data_dir_ / "audit-head"; }

 private:
  [[nodiscard]] static Result<std::unique_ptr<Context>> open_unchecked(const std::filesystem::path& data_dir,
                                                                       const std::optional<std::string>& config_text);
  [[nodiscard]] Status open_audit_chain();
  // Where a 32-byte sealing key comes from: the variable, else the configured file (created
  // 0600 with random bytes when missing). The names go into the errors.
  struct SealingKeySource {
    const char* env_var;
    const char* config_key;
    const char* default_file;
    const char* what_vi;
    const char* what_en;
    const char* what_vi_lower;
    const char* what_en_lower;
  };
  [[nodiscard]] Result<Bytes> sealing_key(const SealingKeySource& source);
  std::filesystem::path data_dir_;
  Config config_;
  pki::PkiSettings pki_;
  pki::ProfileSet profiles_;
  registry::RegistrySettings registry_;
  registry::WorkingCalendar calendar_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::KeyBackend> keys_;
  SystemClock clock_;
  crypto::SystemRng rng_;
  std::shared_ptr<const audit::ChainKey> chain_key_;
  std::mutex mail_mutex_;
  std::unique_ptr<const MailConfig> mail_;
  std::optional<audit::ChainKeyBinding> chain_binding_;
};

}  // namespace ct::app
