#pragma once
// Where CA keys live (SPEC §6). The software backend keeps each key as an encrypted PKCS#8 file;
// the PKCS#11 backend keeps it on a token or HSM (SoftHSM2 in tests), where it never leaves.
// Key references are opaque strings stored with the CA ("soft:issuing", "pkcs11:issuing").

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/error.h"
#include "crypto/keys.h"

namespace ct::crypto {

class KeyBackend {
 public:
  virtual ~KeyBackend() = default;
  [[nodiscard]] virtual std::string name() const = 0;
  // The reference generate(label, …) returns.
  [[nodiscard]] virtual std::string reference(const std::string& label) const = 0;
  // Whether keys can be used now: nothing, or the reason they cannot (a token gone, a device
  // error), for the readiness route. May touch the device, at most once a second.
  [[nodiscard]] virtual std::optional<Error> check() { return std::nullopt; }
  // Generates a key labelled `label` and returns its reference; refuses an existing label.
  [[nodiscard]] virtual Result<std::string> generate(const std::string& label, KeyType type) = 0;
  [[nodiscard]] virtual Result<PrivateKey> load(const std::string& ref) = 0;
  // Removes a key made by generate() (a failed `init` leaves none behind); none is not an error.
  [[nodiscard]] virtual Status destroy(const std::string& ref) = 0;
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
  [[nodiscard]] std::string reference(const std::string& label) const override { return "soft:" + label; }
  [[nodiscard]] Result<std::string> generate(const std::string& label, KeyType type) override;
  [[nodiscard]] Result<PrivateKey> load(const std::string& ref) override;
  [[nodiscard]] Status destroy(const std::string& ref) override;

 private:
  [[nodiscard]] Result<std::filesystem::path> path_for(const std::string& label) const;
  std::filesystem::path dir_;
  std::string passphrase_;  // wiped on destruction
};

struct Pkcs11BackendOptions {
  std::string module;        // path of the PKCS#11 library
  std::string token_label;   // the token (HSM partition) by CKA_LABEL …
  std::string token_serial;  // … or by serial number, when the label is empty
  std::string pin;           // the user PIN; wiped when the backend goes
  unsigned max_sessions = 8; // sessions signing at once (one per signing thread)
};

class TokenPool;  // sessions with the token; pkcs11_key_backend.cpp

// Keys generated on a PKCS#11 token (CKA_SENSITIVE, not CKA_EXTRACTABLE, CKA_LABEL and CKA_ID
// "chungthu-<label>"), referenced as "pkcs11:<label>". Signing uses a pool of logged-in sessions
// (one per concurrent signer); a session or device fault (CKR_SESSION_HANDLE_INVALID,
// CKR_DEVICE_ERROR, CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT, …) drops every session, and the
// next attempt finds the token again, opens and logs in anew: no restart. Until it succeeds the
// signing calls fail as unavailable (work stays queued) and check() says why. A PIN the token
// refused is never tried again by this process (a real HSM would lock it).
class Pkcs11KeyBackend final : public KeyBackend {
 public:
  // Loads the module, finds the token, opens a session and logs in: each failure is one clear
  // error (the module's path, the token's label, "the PIN is wrong" without the PIN).
  [[nodiscard]] static Result<std::unique_ptr<Pkcs11KeyBackend>> open(Pkcs11BackendOptions options);
  explicit Pkcs11KeyBackend(std::shared_ptr<TokenPool> pool);
  ~Pkcs11KeyBackend() override;
  Pkcs11KeyBackend(const Pkcs11KeyBackend&) = delete;
  Pkcs11KeyBackend& operator=(const Pkcs11KeyBackend&) = delete;

  [[nodiscard]] std::string name() const override { return "pkcs11"; }
  [[nodiscard]] std::string reference(const std::string& label) const override { return "pkcs11:" + label; }
  [[nodiscard]] Result<std::string> generate(const std::string& label, KeyType type) override;
  [[nodiscard]] Result<PrivateKey> load(const std::string& ref) override;
  [[nodiscard]] std::optional<Error> check() override;
  [[nodiscard]] Status destroy(const std::string& ref) override;

 private:
  std::shared_ptr<TokenPool> pool_;
  std::mutex check_mutex_;
  std::optional<std::chrono::steady_clock::time_point> checked_at_;  // REQUIRES: check_mutex_
  std::optional<Error> last_check_;                                  // REQUIRES: check_mutex_
};

}  // namespace ct::crypto
