#pragma once
// PKCS#11 (Cryptoki v2.40) devices through a module loaded at run time: subscribers' tokens and,
// later, the CA keys in an HSM (SPEC §6). SoftHSM2 stands in for both in the tests.
//
// The module is whatever library the configuration names (`devices.pkcs11_module`): it is
// dlopen()ed, never linked. The PKCS#11 C header stays inside crypto (pkcs11_internal.h); this
// header speaks in std types: slot ids are CK_SLOT_ID values, key ids are CKA_ID bytes.
//
// Errors from the module carry its CK_RV (return_value() reads it back), so a caller can tell a
// token pulled out (token_not_present, device_removed, session_handle_invalid) from a wrong PIN
// (pin_incorrect). PINs are never copied into an error, a log line or a long-lived buffer.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"

namespace ct::crypto::pkcs11 {

// The return values callers act on; numbers of PKCS#11 v2.40 §5.1 (checked against the header
// in pkcs11.cpp).
enum class ReturnValue : std::uint64_t {
  slot_id_invalid = 0x03,
  device_error = 0x30,
  device_removed = 0x32,
  pin_incorrect = 0xA0,
  pin_locked = 0xA4,
  session_handle_invalid = 0xB3,
  token_not_present = 0xE0,
  token_not_recognized = 0xE1,
  user_already_logged_in = 0x100,
  user_not_logged_in = 0x101,
};

// The CK_RV an error of this module carries ("rv=0x…" in its context), nullopt for an error
// that did not come from a PKCS#11 call.
[[nodiscard]] std::optional<std::uint64_t> return_value(const Error& e);
[[nodiscard]] bool is(const Error& e, ReturnValue rv);

struct TokenInfo {
  // CK_TOKEN_INFO's blank-padded fields with the padding removed, as pkcs11-tool -L and
  // softhsm2-util print them. A blank (uninitialized) token may have an empty serial.
  std::string label;
  std::string serial;
  std::string manufacturer;
  std::string model;
  bool initialized = false;           // CKF_TOKEN_INITIALIZED
  bool user_pin_initialized = false;  // CKF_USER_PIN_INITIALIZED
  bool user_pin_locked = false;       // CKF_USER_PIN_LOCKED
  bool user_pin_count_low = false;    // CKF_USER_PIN_COUNT_LOW: a wrong PIN was entered since the last good one
  bool so_pin_locked = false;         // CKF_SO_PIN_LOCKED
};

struct SlotInfo {
  std::uint64_t slot_id = 0;  // CK_SLOT_ID
  std::string description;
  bool token_present = false;
  std::optional<TokenInfo> token;    // when present and readable
  std::optional<Error> token_error;  // present but C_GetTokenInfo failed (e.g. not recognized)
};

enum class UserType { security_officer, user };  // CKU_SO, CKU_USER

enum class SignMechanism {
  sha256_rsa_pkcs,  // CKM_SHA256_RSA_PKCS: the token hashes the message
  rsa_pkcs,         // CKM_RSA_PKCS: the input is a DER DigestInfo (rsa_digest_info)
  ecdsa,            // CKM_ECDSA: the input is the digest; the output is r || s (PKCS#11 §2.3.1)
};

// The DER ECDSA-Sig-Value (RFC 5480 §2.2, what X.509 and OCSP carry) of a CKM_ECDSA signature
// r || s (two halves of equal length). invalid_input when `raw` is empty or of odd length.
[[nodiscard]] Result<Bytes> ecdsa_signature_der(std::span<const std::uint8_t> raw);

// DigestInfo of RFC 8017 §9.2 (EMSA-PKCS1-v1_5, step 2) for a digest made with `alg`: the input
// of SignMechanism::rsa_pkcs. invalid_input when the digest's length does not fit `alg`.
[[nodiscard]] Result<Bytes> rsa_digest_info(HashAlg alg, std::span<const std::uint8_t> digest);

struct Library;      // the loaded module; defined in pkcs11_internal.h
struct SessionImpl;  // an open session; defined in pkcs11_internal.h

class Session;

// A loaded and initialized module. Loading the same module again in the process shares it: it is
// initialized once (C_Initialize with CKF_OS_LOCKING_OK) and finalized and unloaded when the
// last Module and Session using it are gone. Thread-safe.
class Module final {
 public:
  // unavailable when `path` does not exist, does not load, has no C_GetFunctionList or fails to
  // initialize; the messages name the path and the context is "pkcs11_module".
  [[nodiscard]] static Result<Module> load(const std::string& path);

  ~Module();
  Module(Module&&) noexcept;
  Module& operator=(Module&&) noexcept;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;

  [[nodiscard]] const std::string& path() const noexcept;

  // Every slot (C_GetSlotList without the token-present filter), in the module's order.
  [[nodiscard]] Result<std::vector<SlotInfo>> slots() const;
  // The slot holding the token with this serial. Slot ids are not stable (SoftHSM2 gives a
  // token a new slot when it is initialized; readers renumber on replug): keep the serial, find
  // the slot when it is needed. not_found when no token has it, conflict when two do.
  [[nodiscard]] Result<SlotInfo> find_token_by_serial(std::string_view serial) const;
  // The same by CKA_LABEL of the token (an HSM partition's label), with the same errors.
  [[nodiscard]] Result<SlotInfo> find_token_by_label(std::string_view label) const;

  // C_InitToken: (re)initializes the token in `slot` with a new SO PIN and label (at most 32
  // bytes of UTF-8), destroying its objects; the user PIN is then unset (Session::init_pin).
  // No session with the token may be open.
  [[nodiscard]] Status init_token(std::uint64_t slot, std::string_view so_pin, std::string_view label) const;

  // A read/write session with the token in `slot`.
  [[nodiscard]] Result<Session> open_session(std::uint64_t slot) const;

 private:
  explicit Module(std::shared_ptr<Library> lib);
  std::shared_ptr<Library> lib_;
};

// A read/write session (C_OpenSession with CKF_RW_SESSION | CKF_SERIAL_SESSION), closed on
// destruction; it keeps its module loaded. One thread at a time (PKCS#11 §6.6.2). A login is the
// application's, not the session's (PKCS#11 §5.6): it ends with logout() or when the last
// session with the token closes.
class Session final {
 public:
  explicit Session(std::unique_ptr<SessionImpl> impl);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  [[nodiscard]] std::uint64_t slot_id() const noexcept;

  [[nodiscard]] Status login(UserType who, std::string_view pin);
  // Succeeds when nobody is logged in.
  [[nodiscard]] Status logout();
  // C_InitPIN: sets the user PIN, also a locked one (what `recover_device` does). Needs an SO login.
  [[nodiscard]] Status init_pin(std::string_view new_user_pin);
  // C_SetPIN: changes the PIN of whoever is logged in (the user PIN when nobody is).
  [[nodiscard]] Status set_pin(std::string_view old_pin, std::string_view new_pin);

  // An RSA key pair (CKM_RSA_PKCS_KEY_PAIR_GEN, e = 65537, `bits` 2048, 3072 or 4096) on the
  // token, both halves with CKA_LABEL `label` and CKA_ID `id`. The private key is CKA_PRIVATE,
  // CKA_SENSITIVE, not CKA_EXTRACTABLE, CKA_SIGN; the public key CKA_VERIFY. Returns the DER
  // SubjectPublicKeyInfo. Needs a user login; conflict when a private key with `id` exists.
  [[nodiscard]] Result<Bytes> generate_rsa_key_pair(unsigned bits, std::string_view label,
                                                    std::span<const std::uint8_t> id);
  // The same for any KeyType: RSA as above, EC (CKM_EC_KEY_PAIR_GEN, CKA_EC_PARAMS the curve's
  // OID: P-256 or P-384) with the same attributes. A `sign_only` private key (a CA's) also has
  // CKA_DECRYPT, CKA_UNWRAP and CKA_DERIVE false.
  [[nodiscard]] Result<Bytes> generate_key_pair(KeyType type, std::string_view label, std::span<const std::uint8_t> id,
                                                bool sign_only = false);
  // The DER SubjectPublicKeyInfo of the RSA or EC key pair with CKA_ID `id` (its public half and
  // a private half both on the token), none when the token has no such pair: what a rerun of an
  // interrupted enrolment certifies instead of generating a second key. Needs a user login.
  [[nodiscard]] Result<std::optional<Bytes>> public_key(std::span<const std::uint8_t> id);
  // Destroys the private and public keys with CKA_ID `id` (none is not an error). Needs a user login.
  [[nodiscard]] Status destroy_key_pair(std::span<const std::uint8_t> id);
  // True when the user (or SO) of this application is logged in to the token (C_GetSessionInfo).
  [[nodiscard]] Result<bool> logged_in();
  // True when the token holds a certificate object with CKA_ID `id`.
  [[nodiscard]] Result<bool> has_certificate(std::span<const std::uint8_t> id);

  // Signs with the private key whose CKA_ID is `key_id`: PKCS#1 v1.5 over `data` (the message
  // for sha256_rsa_pkcs, a DigestInfo for rsa_pkcs). not_found when no such key.
  [[nodiscard]] Result<Bytes> sign(std::span<const std::uint8_t> key_id, SignMechanism mechanism,
                                   std::span<const std::uint8_t> data);
  // The object handle of the private key with CKA_ID `id` (not_found, conflict as sign). Handles
  // stay valid in every session of this application while one session with the token is open.
  [[nodiscard]] Result<std::uint64_t> private_key(std::span<const std::uint8_t> id);
  // sign() with a handle from private_key(): C_SignInit and C_Sign only.
  [[nodiscard]] Result<Bytes> sign_with(std::uint64_t key, SignMechanism mechanism, std::span<const std::uint8_t> data);
  // Stores an X.509 certificate (CKO_CERTIFICATE, CKC_X_509, CKA_TOKEN, not CKA_PRIVATE) with
  // CKA_SUBJECT, CKA_ISSUER and CKA_SERIAL_NUMBER taken from it, CKA_VALUE `der`, CKA_LABEL and
  // CKA_ID (that of its key pair). invalid_input when `der` is not a certificate.
  [[nodiscard]] Status write_certificate(std::span<const std::uint8_t> der, std::string_view label,
                                         std::span<const std::uint8_t> id);

  [[nodiscard]] const SessionImpl& impl() const noexcept { return *impl_; }

 private:
  std::unique_ptr<SessionImpl> impl_;
};

}  // namespace ct::crypto::pkcs11
