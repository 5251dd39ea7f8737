#pragma once
// Where CA keys live. The software backend keeps each key as an encrypted PKCS#8 file;
// a PKCS#11 backend (HSM, SoftHSM2 in tests) implements the same interface later.
// Key references are opaque strings stored with the CA ("soft:issuing-1", "pkcs11:…").

#include <filesystem>
#include <string>

#include "common/error.h"
#include "crypto/keys.h"

namespace ct::crypto {

class KeyBackend {
 public:
  virtual ~KeyBackend() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // Generates a key labelled `label` and returns its reference; refuses an existing label.
  [[nodiscard]] virtual Result<std::string> generate(const std::string& label, KeyType type) = 0;
  [[nodiscard]] virtual Result<PrivateKey> load(const std::string& ref) = 0;
};

// Keys as `<dir>/<label>.p8.pem`: PKCS#8 encrypted with AES-256-CBC under a scrypt-derived key
// from the passphrase (PKCS#5 v2.0 / RFC 8018), files created 0600.
class SoftwareKeyBackend final : public KeyBackend {
 public:
  SoftwareKeyBackend(std::filesystem::path dir, std::string passphrase);
  ~SoftwareKeyBackend() override;
  SoftwareKeyBackend(const SoftwareKeyBackend&) = delete;
  SoftwareKeyBackend& operator=(const SoftwareKeyBackend&) = delete;

  [[nodiscard]] std::string name() const override { return "software"; }
  [[nodiscard]] Result<std::string> generate(const std::string& label, KeyType type) override;
  [[nodiscard]] Result<PrivateKey> load(const std::string& ref) override;

 private:
  [[nodiscard]] Result<std::filesystem::path> path_for(const std::string& label) const;
  std::filesystem::path dir_;
  std::string passphrase_;  // wiped on destruction
};

}  // namespace ct::crypto
