#include "app/context.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "app/key_store.h"
#include "audit/audit_log.h"
#include "notify/account_mail.h"
#include "common/secret_file.h"
#include "store/open.h"
#include "store/pki_repository.h"

namespace ct::app {
namespace {

constexpr const char* kAuditKeyLabel = "audit";
constexpr const char* kChainKeyEnv = "CHUNGTHU_AUDIT_CHAIN_KEY";
constexpr const char* kChainKeyWhere = "CHUNGTHU_AUDIT_CHAIN_KEY / audit.chain_key_file";

// The audit chain key: $CHUNGTHU_AUDIT_CHAIN_KEY, else the file named by audit.chain_key_file
// (relative to the data directory). The file is created (0600, 32 random bytes as hex) only when
// `may_create`: while the log has no chain key. Created beside a concurrent creator with link(2),
// which fails when the name exists, so both read the same key.
Result<audit::ChainKey> load_chain_key(const Config& cfg, const std::filesystem::path& data_dir, Rng& rng,
                                       bool may_create, const std::string& log_key_id) {
  if (const char* env = std::getenv(kChainKeyEnv); env != nullptr && *env != '\0') {
    auto key = audit::ChainKey::from_hex(env);
    if (!key) return fail(key.error().within(kChainKeyEnv));
    return key;
  }
  auto name = cfg.string("audit.chain_key_file", "secrets/audit-chain-key");
  if (!name) return fail(name.error());
  const std::filesystem::path file = file_in(data_dir, *name);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (!may_create) {
      return fail(ErrorCode::integrity,
                  "Thiếu khóa chuỗi nhật ký kiểm toán: nhật ký đã được khóa bằng khóa có mã " + log_key_id +
                      " nhưng không có biến CHUNGTHU_AUDIT_CHAIN_KEY cũng không có tệp " + file.string(),
                  "The audit chain key is missing: the log is chained with the key whose id is " + log_key_id +
                      " but neither CHUNGTHU_AUDIT_CHAIN_KEY nor the file " + file.string() + " exists",
                  "audit.chain_key_file");
    }
    if (std::filesystem::create_directories(file.parent_path(), ec)) ::chmod(file.parent_path().c_str(), 0700);
    Bytes raw(audit::ChainKey::kSize);
    rng.fill(raw);
    const std::filesystem::path tmp = file.string() + ".tmp" + std::to_string(::getpid());
    const mode_t old = ::umask(077);
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << to_hex(raw) << "\n";
      out.flush();
    }
    ::umask(old);
    std::fill(raw.begin(), raw.end(), std::uint8_t{0});
    std::filesystem::create_hard_link(tmp, file, ec);  // fails when another process made it first
    std::filesystem::remove(tmp, ec);
  }
  auto text = read_secret_file(file, "khóa chuỗi nhật ký kiểm toán", "audit chain key");
  if (!text) return fail(text.error());
  auto key = audit::ChainKey::from_hex(*text);
  if (!key) return fail(key.error().within(file.string()));
  return key;
}

}  // namespace

std::filesystem::path resolve_data_dir(const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return std::filesystem::absolute(*flag);
  if (const char* env = std::getenv("CHUNGTHU_DATA"); env != nullptr && *env != '\0') {
    return std::filesystem::absolute(env);
  }
  return std::filesystem::absolute("var");
}

Result<std::unique_ptr<Context>> Context::open_unchecked(const std::filesystem::path& data_dir,
                                                         const std::optional<std::string>& config_text) {
  auto ctx = std::make_unique<Context>(Passkey{});
  ctx->data_dir_ = data_dir;
  auto cfg = config_text ? Config::parse(*config_text, (data_dir / "chungthu.toml").string())
                         : Config::load(data_dir / "chungthu.toml");
  if (!cfg) return fail(cfg.error());
  ctx->config_ = std::move(*cfg);
  auto settings = pki::PkiSettings::load(ctx->config_);
  if (!settings) return fail(settings.error());
  ctx->pki_ = std::move(*settings);
  auto profiles = pki::ProfileSet::load(ctx->config_);
  if (!profiles) return fail(profiles.error());
  ctx->profiles_ = std::move(*profiles);
  auto registry = registry::RegistrySettings::load(ctx->config_);
  if (!registry) return fail(registry.error());
  ctx->registry_ = std::move(*registry);
  auto calendar = registry::WorkingCalendar::make(ctx->registry_.holidays);
  if (!calendar) return fail(calendar.error());
  ctx->calendar_ = std::move(*calendar);
  auto url = ctx->config_.string("database", "sqlite");
  if (!url) return fail(url.error());
  auto db = store::open_database(*url, data_dir);
  if (!db) return fail(db.error());
  ctx->db_ = std::move(*db);
  auto keys = open_key_backend(ctx->config_, data_dir, ctx->rng_, config_text.has_value());
  if (!keys) return fail(keys.error());
  ctx->keys_ = std::move(*keys);
  if (auto s = ctx->open_audit_chain(); !s) return fail(s.error());
  return ctx;
}

Status Context::open_audit_chain() {
  std::string log_key_id;
  {
    auto lease = db_->acquire();
    if (!lease) return fail(lease.error());
    auto id = audit::chain_key_id(**lease);
    if (!id) return fail(id.error());
    log_key_id = std::move(*id);
  }
  auto key = load_chain_key(config_, data_dir_, rng_, log_key_id.empty(), log_key_id);
  if (!key) return fail(key.error());
  chain_key_ = std::make_shared<const audit::ChainKey>(std::move(*key));
  if (log_key_id.empty()) {
    // Once per installation: the log made before the chain key takes this one.
    auto signer = audit_key();
    if (!signer) return fail(signer.error());
    auto adopted = audit::adopt_chain_key(*db_, clock_, *chain_key_, *signer);
    if (!adopted) {
      // A log whose unkeyed entries are already broken is not adopted (no checkpoint signs a
      // broken chain): `audit verify` shows where, and this open tries again next time.
      spdlog::warn("audit chain key not adopted: {}", adopted.error().describe());
      auto lease = db_->acquire();
      if (!lease) return fail(lease.error());
      auto id = audit::chain_key_id(**lease);
      if (!id) return fail(id.error());
      log_key_id = std::move(*id);  // another process may have adopted a key meanwhile
    }
  }
  if (!log_key_id.empty() && log_key_id != chain_key_->id()) {
    return fail(ErrorCode::integrity,
                "Khóa chuỗi nhật ký kiểm toán không đúng: nhật ký được khóa bằng khóa có mã " + log_key_id +
                    ", khóa đã nạp có mã " + chain_key_->id(),
                "The audit chain key is wrong: the log is chained with the key whose id is " + log_key_id +
                    ", the key loaded has the id " + chain_key_->id(),
                kChainKeyWhere);
  }
  chain_binding_.emplace(chain_key_);
  return {};
}

Result<std::unique_ptr<Context>> Context::open(const std::filesystem::path& data_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(data_dir / "chungthu.toml", ec)) {
    return fail(ErrorCode::invalid_input,
                "Chưa khởi tạo dữ liệu tại " + data_dir.string() + ": chạy 'chungthu init' trước",
                "No installation at " + data_dir.string() + ": run 'chungthu init' first");
  }
  return open_unchecked(data_dir, std::nullopt);
}

Result<std::unique_ptr<Context>> Context::create(const std::filesystem::path& data_dir, const std::string& config_text) {
  return open_unchecked(data_dir, config_text);
}

Result<pki::CertificateAuthority> Context::certificate_authority(const std::string& name) {
  auto lease = db_->acquire();
  if (!lease) return fail(lease.error());
  auto ca = store::find_ca(**lease, name);
  if (!ca) return fail(ca.error());
  if (!*ca || (*ca)->kind == "ocsp") {
    return fail(ErrorCode::not_found, "Không có CA tên '" + name + "'", "No CA named '" + name + "'", "ca");
  }
  auto key = keys_->load((*ca)->key_ref);
  if (!key) return fail(key.error());
  return pki::CertificateAuthority(std::move(**ca), std::move(*key), pki_, profiles_, clock_, rng_);
}

Result<pki::OcspAnswerer> Context::ocsp_answerer() {
  auto lease = db_->acquire();
  if (!lease) return fail(lease.error());
  auto signer = store::find_ca(**lease, "ocsp");
  if (!signer) return fail(signer.error());
  if (!*signer || !(*signer)->parent_id) {
    return fail(ErrorCode::not_found, "Chưa có chứng thư ký OCSP", "No OCSP signing certificate");
  }
  auto issuer = store::find_ca(**lease, *(*signer)->parent_id);
  if (!issuer) return fail(issuer.error());
  if (!*issuer) return fail(ErrorCode::integrity, "CA của OCSP bị thiếu", "The OCSP signer's CA is missing");
  auto key = keys_->load((*signer)->key_ref);
  if (!key) return fail(key.error());
  return pki::OcspAnswerer(std::move(**issuer), std::move(**signer), std::move(*key), pki_, clock_);
}

Result<const MailConfig*> Context::mail() {
  const std::lock_guard lock(mail_mutex_);
  if (!mail_) {
    auto settings = notify::load_mail_settings(config_, data_dir_, registry_);
    if (!settings) return fail(settings.error());
    auto templates = notify::MailTemplates::load(settings->templates_dir);
    if (!templates) return fail(templates.error());
    mail_ = std::make_unique<const MailConfig>(MailConfig{std::move(*settings), std::move(*templates)});
  }
  return mail_.get();
}

Result<Bytes> Context::sealing_key(const SealingKeySource& source) {
  auto decode = [&source](std::string text) -> Result<Bytes> {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    auto key = from_hex(text);
    if (!key || key->size() != 32) {
      return fail(ErrorCode::invalid_input, std::string(source.what_vi) + " phải gồm 64 chữ số hex",
                  std::string(source.what_en) + " must be 64 hex digits", source.config_key);
    }
    return *key;
  };
  if (const char* env = std::getenv(source.env_var); env != nullptr && *env != '\0') return decode(env);
  auto name = config_.string(source.config_key, source.default_file);
  if (!name) return fail(name.error());
  const std::filesystem::path file = file_in(data_dir_, *name);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    std::filesystem::create_directories(file.parent_path(), ec);
    Bytes raw(32);
    rng_.fill(raw);
    const std::filesystem::path tmp = file.string() + ".tmp";
    const mode_t old = ::umask(077);
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out << to_hex(raw) << "\n";
      out.flush();
    }
    ::umask(old);
    // Two processes creating it at once: the first rename wins, both read the winner's key.
    if (!std::filesystem::exists(file, ec)) std::filesystem::rename(tmp, file, ec);
    std::filesystem::remove(tmp, ec);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::unavailable, "Không đọc được " + std::string(source.what_vi_lower),
                "Cannot read the " + std::string(source.what_en_lower), file.string());
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return decode(ss.str());
}

Result<registry::LinkMailer> Context::account_mailer() {
  auto config = mail();
  if (!config) return fail(config.error());
  return notify::account_mailer((*config)->templates, (*config)->settings);
}

Result<Bytes> Context::totp_key() {
  return sealing_key({"CHUNGTHU_TOTP_KEY", "server.totp_key_file", "secrets/totp-key", "Khóa bảo vệ TOTP",
                      "The TOTP protection key", "khóa bảo vệ TOTP", "TOTP protection key"});
}

Result<Bytes> Context::device_key() {
  return sealing_key({"CHUNGTHU_DEVICE_KEY", "devices.key_file", "secrets/device-key",
                      "Khóa niêm phong PIN thiết bị", "The device PIN sealing key", "khóa niêm phong PIN thiết bị",
                      "device PIN sealing key"});
}

Result<crypto::PrivateKey> Context::audit_key() {
  auto ref = config_.string("audit.key_ref", keys_->reference(kAuditKeyLabel));
  if (!ref) return fail(ref.error());
  auto key = keys_->load(*ref);
  if (key || key.error().code != ErrorCode::not_found) return key;
  auto made = keys_->generate(kAuditKeyLabel, crypto::KeyType::ec_p256);
  if (!made && made.error().code != ErrorCode::conflict) return fail(made.error());
  if (made && *made != *ref) {
    return fail(ErrorCode::invalid_input,
                "Khóa kiểm toán vừa tạo có tham chiếu " + *made + ", khác audit.key_ref = " + *ref,
                "The new audit key's reference " + *made + " differs from audit.key_ref = " + *ref, "audit.key_ref");
  }
  return keys_->load(*ref);
}

}  // namespace ct::app
