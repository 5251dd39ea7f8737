#pragma once
// Internal to crypto (and its tests): the PKCS#11 C API behind pkcs11.h. The header is p11-kit's
// <p11-kit/pkcs11.h> (CRYPTOKI_COMPAT names: CK_RV, CK_FUNCTION_LIST, …); the include directory
// is private to ct_crypto and its test binary.

#include <p11-kit/pkcs11.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/pkcs11.h"

namespace ct::crypto::pkcs11 {

// One dlopen()ed module, shared by every Module and Session of the process that loaded it;
// the last one gone finalizes (when we initialized it) and unloads it.
struct Library {
  Library() = default;
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  std::string path;
  void* handle = nullptr;           // dlopen
  CK_FUNCTION_LIST* fns = nullptr;  // the module's, valid until dlclose
  bool finalize = false;            // we initialized it, so we finalize it
};

struct SessionImpl {
  std::shared_ptr<const Library> lib;
  CK_SESSION_HANDLE handle = CK_INVALID_HANDLE;
  CK_SLOT_ID slot = 0;
};

// A PIN copied for a call that takes a non-const pointer, wiped (OPENSSL_cleanse) when it goes.
class PinBuffer final {
 public:
  explicit PinBuffer(std::string_view pin);
  ~PinBuffer();
  PinBuffer(const PinBuffer&) = delete;
  PinBuffer& operator=(const PinBuffer&) = delete;
  [[nodiscard]] CK_UTF8CHAR_PTR data() noexcept { return bytes_.data(); }
  [[nodiscard]] CK_ULONG size() const noexcept { return bytes_.size(); }

 private:
  std::vector<CK_UTF8CHAR> bytes_;
};

// The error of a PKCS#11 call that returned `rv`: a bilingual message for the values a caller
// meets (a wrong or locked PIN, a token gone), else one naming the hex value and `function`. The
// context is "pkcs11 <function> <CKR_ name> rv=0x…" (read back by return_value()).
[[nodiscard]] Error rv_error(CK_RV rv, std::string_view function);
[[nodiscard]] inline Status check(CK_RV rv, std::string_view function) {
  if (rv == CKR_OK) return {};
  return fail(rv_error(rv, function));
}

}  // namespace ct::crypto::pkcs11
