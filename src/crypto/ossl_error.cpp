#include "crypto/ossl_error.h"

#include <openssl/err.h>

namespace ct::crypto {

std::string drain_openssl_errors() {
  std::string out;
  unsigned long e = 0;
  char buf[256];
  while ((e = ERR_get_error()) != 0) {
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

Error openssl_error(ErrorCode code, std::string vi, std::string en) {
  std::string detail = drain_openssl_errors();
  if (!detail.empty()) en += " [" + detail + "]";
  return Error::make(code, std::move(vi), std::move(en));
}

ErrorQueueGuard::ErrorQueueGuard() { ERR_clear_error(); }
ErrorQueueGuard::~ErrorQueueGuard() { ERR_clear_error(); }

}  // namespace ct::crypto
