#include "app/key_store.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>

#include "common/hex.h"
#include "common/secret_file.h"

namespace ct::app {
namespace {

constexpr const char* kPassphraseEnv = "CHUNGTHU_CA_PASSPHRASE";

// The CA key passphrase: $CHUNGTHU_CA_PASSPHRASE, else the file named by ca.passphrase_file
// (relative to the data directory), which `init` creates with 32 random bytes, mode 0600.
Result<std::string> passphrase(const Config& cfg, const std::filesystem::path& data_dir, Rng& rng, bool create) {
  if (const char* env = std::getenv(kPassphraseEnv); env != nullptr && *env != '\0') return std::string(env);
  auto name = cfg.string("ca.passphrase_file", "secrets/ca-passphrase");
  if (!name) return fail(name.error());
  const std::filesystem::path file = file_in(data_dir, *name);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (!create) {
      return fail(ErrorCode::invalid_input,
                  "Thiếu mật khẩu bảo vệ khóa CA: đặt biến CHUNGTHU_CA_PASSPHRASE hoặc tạo tệp " + file.string(),
                  "The CA key passphrase is missing: set CHUNGTHU_CA_PASSPHRASE or provide " + file.string());
    }
    std::filesystem::create_directories(file.parent_path(), ec);
    ::chmod(file.parent_path().c_str(), 0700);
    Bytes raw(32);
    rng.fill(raw);
    const mode_t old = ::umask(077);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    ::umask(old);
    out << to_hex(raw) << "\n";
    if (!out.flush()) {
      return fail(ErrorCode::unavailable, "Không ghi được tệp mật khẩu khóa CA", "Cannot write the passphrase file",
                  file.string());
    }
  }
  return read_secret_file(file, "mật khẩu khóa CA", "CA passphrase");
}

// The token's user PIN: $CHUNGTHU_PKCS11_PIN, else the file named by ca.pkcs11_pin_file
// (relative to the data directory), readable by its owner only. Never created.
Result<std::string> pkcs11_pin(const Config& cfg, const std::filesystem::path& data_dir) {
  if (const char* env = std::getenv(kPkcs11PinEnv); env != nullptr && *env != '\0') return std::string(env);
  auto name = cfg.string("ca.pkcs11_pin_file", "secrets/pkcs11-pin");
  if (!name) return fail(name.error());
  const std::filesystem::path file = file_in(data_dir, *name);
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return fail(ErrorCode::invalid_input,
                "Thiếu mã PIN của token khóa CA: đặt biến CHUNGTHU_PKCS11_PIN hoặc tạo tệp " + file.string() +
                    " (quyền 0600)",
                "The CA key token's PIN is missing: set CHUNGTHU_PKCS11_PIN or provide " + file.string() +
                    " (mode 0600)",
                "ca.pkcs11_pin_file");
  }
  return read_secret_file(file, "mã PIN token khóa CA", "CA key token PIN");
}

Result<std::unique_ptr<crypto::KeyBackend>> open_pkcs11(const Config& cfg, const std::filesystem::path& data_dir) {
  crypto::Pkcs11BackendOptions options;
  auto module = cfg.string("ca.pkcs11_module", "");
  if (!module) return fail(module.error());
  if (module->empty()) {
    return fail(ErrorCode::invalid_input, "Thiếu ca.pkcs11_module: đường dẫn thư viện PKCS#11 của HSM",
                "ca.pkcs11_module is missing: the path of the HSM's PKCS#11 library", "ca.pkcs11_module");
  }
  options.module = std::move(*module);
  auto label = cfg.string("ca.pkcs11_token_label", "");
  if (!label) return fail(label.error());
  options.token_label = std::move(*label);
  auto serial = cfg.string("ca.pkcs11_token_serial", "");
  if (!serial) return fail(serial.error());
  options.token_serial = std::move(*serial);
  auto sessions = cfg.integer("ca.pkcs11_sessions", 8);
  if (!sessions) return fail(sessions.error());
  if (*sessions < 1 || *sessions > 256) {
    return fail(ErrorCode::invalid_input, "ca.pkcs11_sessions phải từ 1 đến 256",
                "ca.pkcs11_sessions must be between 1 and 256", "ca.pkcs11_sessions");
  }
  options.max_sessions = static_cast<unsigned>(*sessions);
  auto pin = pkcs11_pin(cfg, data_dir);
  if (!pin) return fail(pin.error());
  options.pin = std::move(*pin);
  auto backend = crypto::Pkcs11KeyBackend::open(std::move(options));
  if (!backend) return fail(backend.error());
  return std::unique_ptr<crypto::KeyBackend>(std::move(*backend));
}

}  // namespace

Result<std::string> ca_passphrase(const Config& cfg, const std::filesystem::path& data_dir) {
  crypto::SystemRng unused;
  return passphrase(cfg, data_dir, unused, false);
}

Result<std::unique_ptr<crypto::KeyBackend>> open_key_backend(const Config& cfg, const std::filesystem::path& data_dir,
                                                             Rng& rng, bool creating) {
  auto backend = cfg.string("ca.key_backend", "software");
  if (!backend) return fail(backend.error());
  if (*backend == "pkcs11") return open_pkcs11(cfg, data_dir);
  if (*backend != "software") {
    return fail(ErrorCode::invalid_input, "Kho khóa không hỗ trợ: " + *backend + " (hiện có: software, pkcs11)",
                "Unsupported key backend: " + *backend + " (available: software, pkcs11)", "ca.key_backend");
  }
  auto pass = passphrase(cfg, data_dir, rng, creating);
  if (!pass) return fail(pass.error());
  return std::unique_ptr<crypto::KeyBackend>(
      std::make_unique<crypto::SoftwareKeyBackend>(data_dir / "keys", std::move(*pass)));
}

}  // namespace ct::app
