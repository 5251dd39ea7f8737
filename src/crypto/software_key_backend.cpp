#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "crypto/key_backend.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {
namespace {
constexpr std::string_view kPrefix = "soft:";
}  // namespace

bool valid_key_label(const std::string& label) {
  if (label.empty() || label.size() > 64) return false;
  for (char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

SoftwareKeyBackend::SoftwareKeyBackend(std::filesystem::path dir, std::string passphrase)
    : dir_(std::move(dir)), passphrase_(std::move(passphrase)) {}

SoftwareKeyBackend::~SoftwareKeyBackend() { OPENSSL_cleanse(passphrase_.data(), passphrase_.size()); }

Result<std::filesystem::path> SoftwareKeyBackend::path_for(const std::string& label) const {
  if (!valid_key_label(label)) {
    return fail(ErrorCode::invalid_input, "Nhãn khóa không hợp lệ: " + label, "Invalid key label: " + label);
  }
  return dir_ / (label + ".p8.pem");
}

Result<std::string> SoftwareKeyBackend::generate(const std::string& label, KeyType type) {
  ErrorQueueGuard guard;
  if (passphrase_.size() < 8) {
    return fail(ErrorCode::invalid_input, "Mật khẩu bảo vệ khóa CA phải có ít nhất 8 ký tự",
                "The CA key passphrase must have at least 8 characters");
  }
  auto path = path_for(label);
  if (!path) return fail(path.error());
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  ::chmod(dir_.c_str(), 0700);
  if (std::filesystem::exists(*path)) {
    return fail(ErrorCode::conflict, "Khóa đã tồn tại: " + label, "Key already exists: " + label);
  }
  auto key = generate_key(type);
  if (!key) return fail(key.error());

  const std::filesystem::path tmp = path->string() + ".tmp" + std::to_string(::getpid());
  const mode_t old = ::umask(077);
  FILE* f = std::fopen(tmp.c_str(), "wb");
  ::umask(old);
  if (f == nullptr) {
    return fail(ErrorCode::unavailable, "Không ghi được tệp khóa", "Cannot write the key file", tmp.string());
  }
  // PKCS#8 v2 with AES-256-CBC; OpenSSL 3 derives the key with PBKDF2-HMAC-SHA256.
  const int ok = PEM_write_PKCS8PrivateKey(f, key->impl().pkey.get(), EVP_aes_256_cbc(), passphrase_.data(),
                                           static_cast<int>(passphrase_.size()), nullptr, nullptr);
  const bool flushed = std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  std::fclose(f);
  if (ok != 1 || !flushed) {
    std::filesystem::remove(tmp, ec);
    return fail(openssl_error(ErrorCode::internal, "Không lưu được khóa", "Cannot store the key"));
  }
  // A link, not a rename: a key another process stored under this label meanwhile is never replaced.
  std::filesystem::create_hard_link(tmp, *path, ec);
  std::error_code ignored;
  std::filesystem::remove(tmp, ignored);
  if (ec) {
    if (std::filesystem::exists(*path, ignored)) {
      return fail(ErrorCode::conflict, "Khóa đã tồn tại: " + label, "Key already exists: " + label);
    }
    return fail(ErrorCode::unavailable, "Không lưu được khóa", "Cannot store the key", path->string());
  }
  return std::string(kPrefix) + label;
}

Result<PrivateKey> SoftwareKeyBackend::load(const std::string& ref) {
  ErrorQueueGuard guard;
  if (ref.rfind(kPrefix, 0) != 0) {
    return fail(ErrorCode::invalid_input, "Tham chiếu khóa không thuộc kho phần mềm: " + ref,
                "Key reference is not a software key: " + ref);
  }
  auto path = path_for(ref.substr(kPrefix.size()));
  if (!path) return fail(path.error());
  FILE* f = std::fopen(path->c_str(), "rb");
  if (f == nullptr) {
    return fail(ErrorCode::not_found, "Không tìm thấy tệp khóa", "Key file not found", path->string());
  }
  EVP_PKEY* raw = PEM_read_PrivateKey(f, nullptr, nullptr, passphrase_.data());
  std::fclose(f);
  if (raw == nullptr) {
    return fail(ErrorCode::forbidden,
                "Không mở được khóa CA: sai mật khẩu bảo vệ (CHUNGTHU_CA_PASSPHRASE) hoặc tệp hỏng",
                "Cannot open the CA key: wrong passphrase (CHUNGTHU_CA_PASSPHRASE) or damaged file",
                path->string());
  }
  return wrap_private_key(ossl::Pkey(raw));
}

Status SoftwareKeyBackend::destroy(const std::string& ref) {
  if (ref.rfind(kPrefix, 0) != 0) {
    return fail(ErrorCode::invalid_input, "Tham chiếu khóa không thuộc kho phần mềm: " + ref,
                "Key reference is not a software key: " + ref);
  }
  auto path = path_for(ref.substr(kPrefix.size()));
  if (!path) return fail(path.error());
  std::error_code ec;
  std::filesystem::remove(*path, ec);
  if (ec) return fail(ErrorCode::unavailable, "Không xóa được tệp khóa", "Cannot remove the key file", path->string());
  return {};
}

}  // namespace ct::crypto
