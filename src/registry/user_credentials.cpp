#include "registry/user_credentials.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <array>
#include <mutex>

#include "registry/sealed_secret.h"

namespace ct::registry {
namespace {

constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

Error bad_key() {
  return Error::make(ErrorCode::internal, "Khóa bảo vệ TOTP không hợp lệ", "The TOTP protection key is invalid",
                     "totp-key");
}

bool oath_ready() {
  static std::once_flag once;
  static int rc = -1;
  std::call_once(once, [] { rc = oath_init(); });
  return rc == OATH_OK;
}

bool six_digits(std::string_view code) {
  return code.size() == 6 && code.find_first_not_of("0123456789") == std::string_view::npos;
}

}  // namespace

Result<std::optional<Credentials>> find_credentials(store::Connection& c, std::string_view login) {
  auto q = c.query(std::string("SELECT ") + user_columns() + ", password_hash FROM users WHERE login = $1");
  if (!q) return fail(q.error());
  q->bind(1, login);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Credentials>();
  auto role = parse_role(q->get_text(2));
  if (!role) return fail(role.error());
  Credentials out;
  out.user = read_user(*q);
  out.password_hash = q->get_text(11);
  return std::optional<Credentials>(std::move(out));
}

std::string base32_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31u]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31u]);
  return out;
}

std::optional<Bytes> base32_decode(std::string_view text) {
  Bytes out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const std::size_t v = kBase32.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>((buffer >> (bits - 8)) & 0xFFu));
      bits -= 8;
    }
  }
  return out;
}

std::string otpauth_uri(const std::string& login, const std::string& base32_secret) {
  return "otpauth://totp/chungthu:" + login + "?secret=" + base32_secret + "&issuer=chungthu&digits=6&period=30";
}

Result<std::string> new_sealed_totp_secret(std::span<const std::uint8_t> key, Rng& rng) {
  if (key.size() != crypto_secretbox_KEYBYTES || sodium_init() < 0) return fail(bad_key());
  std::array<std::uint8_t, kTotpSecretBytes> secret{};
  rng.fill(secret);
  auto sealed_secret = sealed::seal(key, secret, rng);
  sodium_memzero(secret.data(), secret.size());
  return sealed_secret;
}

Result<Bytes> open_sealed_totp_secret(std::span<const std::uint8_t> key, const std::string& sealed_hex) {
  if (key.size() != crypto_secretbox_KEYBYTES || sodium_init() < 0) return fail(bad_key());
  return sealed::open(key, sealed_hex, "user_totp");
}

Status store_sealed_totp_secret(store::Connection& c, std::int64_t user_id, const std::string& sealed_hex,
                                TimePoint now) {
  auto q = c.query(
      "INSERT INTO user_totp (user_id, secret_box, last_step, created_at) VALUES ($1, $2, 0, $3) "
      "ON CONFLICT (user_id) DO UPDATE SET secret_box = excluded.secret_box, last_step = 0, "
      "created_at = excluded.created_at");
  if (!q) return fail(q.error());
  q->bind(1, user_id).bind(2, sealed_hex).bind(3, to_unix(now));
  return q->run();
}

Result<std::string> enroll_totp(store::Connection& c, std::int64_t user_id, std::span<const std::uint8_t> key,
                                Rng& rng, TimePoint now) {
  auto sealed = new_sealed_totp_secret(key, rng);
  if (!sealed) return fail(sealed.error());
  if (auto s = store_sealed_totp_secret(c, user_id, *sealed, now); !s) return fail(s.error());
  auto secret = sealed::open(key, *sealed, "user_totp");
  if (!secret) return fail(secret.error());
  std::string b32 = base32_encode(*secret);
  sodium_memzero(secret->data(), secret->size());
  return b32;
}

Result<std::optional<TotpSecret>> load_totp_secret(store::Connection& c, std::int64_t user_id,
                                                   std::span<const std::uint8_t> key) {
  if (key.size() != crypto_secretbox_KEYBYTES || sodium_init() < 0) return fail(bad_key());
  auto q = c.query("SELECT secret_box, last_step FROM user_totp WHERE user_id = $1");
  if (!q) return fail(q.error());
  q->bind(1, user_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<TotpSecret>();
  const std::string sealed = q->get_text(0);
  const std::int64_t last_step = q->get_int(1);
  auto secret = sealed::open(key, sealed, "user_totp");
  if (!secret) return fail(secret.error());
  TotpSecret out;
  out.secret = std::move(*secret);
  out.last_step = last_step;
  return std::optional<TotpSecret>(std::move(out));
}

Result<bool> consume_totp_step(store::Connection& c, std::int64_t user_id, std::int64_t step) {
  auto q = c.query("UPDATE user_totp SET last_step = $2 WHERE user_id = $1 AND last_step < $2 RETURNING user_id");
  if (!q) return fail(q.error());
  q->bind(1, user_id).bind(2, step);
  auto row = q->step();
  if (!row) return fail(row.error());
  const bool used = *row;
  if (auto s = q->run(); !s) return fail(s.error());
  return used;
}

std::optional<std::int64_t> totp_step(std::span<const std::uint8_t> secret, std::string_view code, TimePoint now) {
  if (!six_digits(code) || !oath_ready() || secret.empty()) return std::nullopt;
  const std::string otp(code);
  int pos = 0;
  const int rc = oath_totp_validate2(reinterpret_cast<const char*>(secret.data()), secret.size(),
                                     static_cast<time_t>(to_unix(now)), kTotpStepSeconds, 0, kTotpWindow, &pos,
                                     otp.c_str());
  if (rc < 0) return std::nullopt;
  return to_unix(now) / kTotpStepSeconds + pos;
}

std::string totp_code(std::span<const std::uint8_t> secret, TimePoint now) {
  if (!oath_ready()) return {};
  std::array<char, 7> out{};
  if (oath_totp_generate(reinterpret_cast<const char*>(secret.data()), secret.size(), static_cast<time_t>(to_unix(now)),
                         kTotpStepSeconds, 0, 6, out.data()) != OATH_OK) {
    return {};
  }
  return out.data();
}

}  // namespace ct::registry
