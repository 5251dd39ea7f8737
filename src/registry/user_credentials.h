#pragma once
// What sign-in reads (SPEC §1, §12): the argon2id hash of a login, and the second factor's TOTP
// secret (RFC 6238). A TOTP secret is 20 random bytes (the 160 bits RFC 4226 §4 recommends),
// shown to its user once as RFC 4648 base32 and stored sealed with libsodium's secretbox
// (XSalsa20-Poly1305) under the installation's TOTP key (app::Context::totp_key), so a copy of the
// store alone does not reveal it. Nothing here logs or audits a secret.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "registry/user.h"

namespace ct::registry {

struct Credentials {
  User user;
  std::string password_hash;
};
// nullopt for an unknown login; an inactive user is returned with active = false.
[[nodiscard]] Result<std::optional<Credentials>> find_credentials(store::Connection& c, std::string_view login);

inline constexpr std::size_t kTotpKeyBytes = 32;
inline constexpr std::size_t kTotpSecretBytes = 20;

// RFC 4648 §6 base32 without padding, as authenticator apps and `oathtool -b` take it.
[[nodiscard]] std::string base32_encode(std::span<const std::uint8_t> bytes);
// Its inverse; nullopt for a character outside the alphabet (tests and tools: codes from a shown
// secret).
[[nodiscard]] std::optional<Bytes> base32_decode(std::string_view text);
// otpauth://totp/chungthu:LOGIN?secret=…&issuer=chungthu (the Key Uri Format of authenticator apps).
[[nodiscard]] std::string otpauth_uri(const std::string& login, const std::string& base32_secret);

// Generates a new secret for `user_id` (replacing an earlier one) inside the caller's transaction
// and returns it in base32, to be shown once.
[[nodiscard]] Result<std::string> enroll_totp(store::Connection& c, std::int64_t user_id,
                                              std::span<const std::uint8_t> key, Rng& rng, TimePoint now);

// A secret not yet enrolled (an account link's, registry/account_links.h): a new random secret
// sealed under `key` (hex of nonce | box), opened again, and stored as `user_id`'s secret.
[[nodiscard]] Result<std::string> new_sealed_totp_secret(std::span<const std::uint8_t> key, Rng& rng);
[[nodiscard]] Result<Bytes> open_sealed_totp_secret(std::span<const std::uint8_t> key, const std::string& sealed_hex);
[[nodiscard]] Status store_sealed_totp_secret(store::Connection& c, std::int64_t user_id, const std::string& sealed_hex,
                                              TimePoint now);

// RFC 6238 through liboath: HMAC-SHA-1, 30-second steps (T0 = 0), 6 digits, one step of clock
// drift either way.
inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr std::size_t kTotpWindow = 1;
// The time step of a valid `code` for `secret` at `now`, or nullopt.
[[nodiscard]] std::optional<std::int64_t> totp_step(std::span<const std::uint8_t> secret, std::string_view code,
                                                    TimePoint now);
// The code of `secret` at `now` (tests and tools).
[[nodiscard]] std::string totp_code(std::span<const std::uint8_t> secret, TimePoint now);

struct TotpSecret {
  Bytes secret;                // raw bytes (the HMAC key of RFC 4226)
  std::int64_t last_step = 0;  // the last time step whose code was accepted
};
// nullopt when the user has no secret; an integrity error when it cannot be opened with `key`.
[[nodiscard]] Result<std::optional<TotpSecret>> load_totp_secret(store::Connection& c, std::int64_t user_id,
                                                                 std::span<const std::uint8_t> key);
// Records that the code of time step `step` was used. False when that step or a later one was
// already used: a code is accepted once (RFC 6238 §5.2).
[[nodiscard]] Result<bool> consume_totp_step(store::Connection& c, std::int64_t user_id, std::int64_t step);

}  // namespace ct::registry
