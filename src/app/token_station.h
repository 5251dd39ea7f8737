#pragma once
// The token station (SPEC §3 `new`/`reissue` without a CSR and `recover_device`, §6 devices):
// the CA operator puts a token in a reader and completes the approved request waiting for it.
//
// enroll (an approved `new` or `reissue` awaiting a device), in stages recorded in
// token_enrolments (registry/token_enrolments.h):
//   1. the enrolment row (key id, the sealed SO PIN: random for a blank token, stage
//      `initializing`) is committed; then the token is initialized (C_InitToken) with that SO PIN
//      and a label from the holder's name, its serial recorded (stage `initialized`), and a
//      random user PIN set (SO login, C_InitPIN);
//   2. the RSA-2048 key pair is generated on the token (user login) with the key id;
//   3. ONE transaction: the certificate for the token's public key is issued through the normal
//      issuance path, the request completed, the device registered `active`, stage `issued`;
//   4. the certificate is written to the token with the key's CKA_ID; stage `written`.
// Running the same command again after a fault resumes: the token must be the same (by
// serial), a new user PIN is set with the sealed SO PIN (the old one was never stored), a key
// already on the token is certified instead of a second one, a certificate already issued is
// only written. Hence exactly one certificate, in the store and on the token, and never one
// recorded whose key is not on the token.
//
// reset_pin (an approved `recover_device`): the token must be the registered device of the
// request's subscriber holding the request's certificate; SO login with the sealed SO PIN,
// C_InitPIN with a new random user PIN; key and certificate stay; the request is completed and
// the device event recorded in one transaction.
//
// A token is initialized only when blank, or when the register holds it `formatted` with its
// sealed SO PIN (abandoned, returned, reused); one initialized elsewhere is refused.
//
// The user PIN is returned to be printed once; it is never stored or logged.
//
// Test hook: CHUNGTHU_TEST_FAIL_AT=after-init (C_InitToken done, its serial not recorded),
// after-key (the key is on the token, nothing issued) or after-issue (issued and committed, not
// written to the token) makes enroll stop there with an `unavailable` error, as a token pulled
// out at that point would. Never set in production.

#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "common/config.h"
#include "common/error.h"
#include "crypto/pkcs11.h"
#include "pki/certificate_authority.h"
#include "registry/devices.h"
#include "registry/registry_env.h"
#include "registry/token_enrolments.h"

namespace ct::app {

struct TokenOutcome {
  std::int64_t request_id = 0;
  std::string device_serial;       // as pkcs11-tool -L prints it
  std::string certificate_serial;
  std::string user_pin;            // the new initial user PIN: show once, never keep
  bool resumed = false;            // an interrupted enrolment was taken up again
};

// `devices.pkcs11_module` (or CHUNGTHU_DEVICES_PKCS11_MODULE), else Debian's SoftHSM2.
[[nodiscard]] Result<std::string> pkcs11_module_path(const Config& cfg);
// A slot and its token as `token list --json` and the API show it (no secret in it).
[[nodiscard]] nlohmann::json slot_json(const crypto::pkcs11::SlotInfo& s);

// The factory SO PIN file for a token of `model`: the entry "MODEL=FILE" of
// `devices.factory_so_pin_files` whose model matches, else `devices.factory_so_pin_file`;
// invalid_input naming both keys when neither gives one, or for an entry without "=".
[[nodiscard]] Result<std::string> factory_so_pin_file(const Config& cfg, const std::string& model);

// Takes the token in `slot` into the CA's stock (custody starts here): it must come initialized
// with its factory SO PIN `so_pin`, which is checked by an SO login, sealed under `device_key`
// and registered with the token `formatted` (registry::receive_device). A blank token needs no
// receiving (enroll initializes it); a wrong SO PIN is refused naming the token, never the PIN.
[[nodiscard]] Result<registry::Device> receive_token(registry::RegistryEnv& env,
                                                     std::span<const std::uint8_t> device_key,
                                                     const crypto::pkcs11::Module& module, std::uint64_t slot,
                                                     const std::string& so_pin, const std::string& actor);

struct AbandonOutcome {
  std::string device_serial;  // "" when the token never got one (a blank token not initialized)
};

// Gives up the request's open enrolment before its certificate is issued (a token broken or
// lost mid-way): stage `abandoned`, audited as token.abandon; a token already initialized is
// registered `formatted` with its sealed SO PIN, so the station can initialize it again for
// anyone. The request stays approved, waiting for a device. After `issued` the certificate
// exists: conflict (report the token damaged and file a reissue instead).
[[nodiscard]] Result<AbandonOutcome> abandon_enrolment(registry::RegistryEnv& env, std::int64_t request_id,
                                                       const std::string& actor, const std::string& note);

// Mẫu 07 for what enroll or reset_pin just did (documents/pdf_handover.h), with the initial user
// PIN of `out` in it: the request's holder and organization, the token, the certificate; the
// CA's organization (`giver_agency`) and the operator (`giver_person`) hand it over. Print it
// once; never store it.
[[nodiscard]] Result<Bytes> handover_letter(registry::RegistryEnv& env, const TokenOutcome& out,
                                            const std::string& giver_agency, const std::string& giver_person);

class TokenStation final {
 public:
  // `device_key` seals the SO PINs (Context::device_key()); `ca` issues (enroll only);
  // `actor` is recorded on the request, the device and the audit log.
  TokenStation(registry::RegistryEnv& env, pki::CertificateAuthority* ca, std::span<const std::uint8_t> device_key,
               const crypto::pkcs11::Module& module, std::string actor);

  [[nodiscard]] Result<TokenOutcome> enroll(std::int64_t request_id, std::uint64_t slot);
  [[nodiscard]] Result<TokenOutcome> reset_pin(std::int64_t request_id, std::uint64_t slot);

 private:
  // Stage `initializing`: the SO PIN chosen (a blank token) or the register's (a formatted one),
  // sealed and committed before the token is touched.
  [[nodiscard]] Result<registry::TokenEnrolment> start_enrolment(store::Connection& c, std::int64_t request_id,
                                                                 const crypto::pkcs11::TokenInfo& token);
  // C_InitToken with the enrolment's SO PIN (again, after a fault) on the token the caller has
  // checked; the token's serial.
  [[nodiscard]] Result<std::string> initialize(std::uint64_t slot, const crypto::pkcs11::TokenInfo& token,
                                               const registry::TokenEnrolment& e, const std::string& so_pin,
                                               const std::string& label);

  registry::RegistryEnv& env_;
  pki::CertificateAuthority* ca_;
  Bytes device_key_;
  const crypto::pkcs11::Module& module_;
  std::string actor_;
};

}  // namespace ct::app
