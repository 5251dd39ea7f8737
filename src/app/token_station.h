#pragma once
// The token station (SPEC §3 `new`/`reissue` without a CSR and `recover_device`, §6 devices):
// the CA operator puts a token in a reader and completes the approved request waiting for it.
//
// enroll (an approved `new` or `reissue` awaiting a device), in stages recorded in
// token_enrolments (registry/token_enrolments.h):
//   1. the token is initialized (C_InitToken) with a random SO PIN and a label from the holder's
//      name, and a random user PIN is set (SO login, C_InitPIN); the enrolment row (token
//      serial, key id, sealed SO PIN, stage `initialized`) is committed: the only write before
//      the key exists;
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
// The user PIN is returned to be printed once; it is never stored or logged.
//
// Test hook: CHUNGTHU_TEST_FAIL_AT=after-key (the key is on the token, nothing issued) or
// after-issue (issued and committed, not written to the token) makes enroll stop there with an
// `unavailable` error, as a token pulled out at that point would. Never set in production.

#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"
#include "crypto/pkcs11.h"
#include "pki/certificate_authority.h"
#include "registry/registry_env.h"

namespace ct::app {

struct TokenOutcome {
  std::int64_t request_id = 0;
  std::string device_serial;       // as pkcs11-tool -L prints it
  std::string certificate_serial;
  std::string user_pin;            // the new initial user PIN: show once, never keep
  bool resumed = false;            // an interrupted enrolment was taken up again
};

class TokenStation final {
 public:
  // `device_key` seals the SO PINs (Context::device_key()); `ca` issues (enroll only);
  // `actor` is recorded on the request, the device and the audit log.
  TokenStation(registry::RegistryEnv& env, pki::CertificateAuthority* ca, std::span<const std::uint8_t> device_key,
               const crypto::pkcs11::Module& module, std::string actor);

  [[nodiscard]] Result<TokenOutcome> enroll(std::int64_t request_id, std::uint64_t slot);
  [[nodiscard]] Result<TokenOutcome> reset_pin(std::int64_t request_id, std::uint64_t slot);

 private:
  registry::RegistryEnv& env_;
  pki::CertificateAuthority* ca_;
  Bytes device_key_;
  const crypto::pkcs11::Module& module_;
  std::string actor_;
};

}  // namespace ct::app
