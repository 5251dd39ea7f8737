#include "registry/sealed_secret.h"

#include <sodium.h>

namespace ct::registry::sealed {
namespace {

constexpr std::size_t kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
static_assert(kKeyBytes == crypto_secretbox_KEYBYTES);

bool usable(std::span<const std::uint8_t> key) {
  return key.size() == crypto_secretbox_KEYBYTES && sodium_init() >= 0;
}

Error bad_key(std::string_view what) {
  return Error::make(ErrorCode::internal, "Khóa niêm phong bí mật không hợp lệ", "The sealing key is invalid",
                     std::string(what));
}

}  // namespace

Result<std::string> seal(std::span<const std::uint8_t> key, std::span<const std::uint8_t> secret, Rng& rng) {
  if (!usable(key)) return fail(bad_key("seal"));
  Bytes box(kOverhead + secret.size());
  rng.fill(std::span<std::uint8_t>(box.data(), crypto_secretbox_NONCEBYTES));
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES, secret.data(), secret.size(), box.data(),
                        key.data());
  return to_hex(box);
}

Result<Bytes> open(std::span<const std::uint8_t> key, const std::string& sealed_hex, std::string_view what) {
  if (!usable(key)) return fail(bad_key(what));
  auto box = from_hex(sealed_hex);
  if (!box || box->size() <= kOverhead) {
    return fail(ErrorCode::integrity, "Bí mật niêm phong lưu trữ bị hỏng", "The stored sealed secret is damaged",
                std::string(what));
  }
  Bytes out(box->size() - kOverhead);
  if (crypto_secretbox_open_easy(out.data(), box->data() + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, box->data(), key.data()) != 0) {
    return fail(ErrorCode::integrity, "Không mở được bí mật niêm phong (khóa bảo vệ đã đổi?)",
                "The sealed secret cannot be opened (was the protection key changed?)", std::string(what));
  }
  return out;
}

}  // namespace ct::registry::sealed
