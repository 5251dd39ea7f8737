#pragma once
// Turns OpenSSL's thread-local error queue into chungthu errors. Every crypto entry point holds
// an ErrorQueueGuard so a failure never leaves stale entries for the next call.

#include <string>

#include "common/error.h"

namespace ct::crypto {

// Removes every entry from the queue and returns them joined ("; "), or "" when empty.
[[nodiscard]] std::string drain_openssl_errors();

// Error whose English message ends with the OpenSSL queue text (which holds no secrets: it names
// functions and reasons only).
[[nodiscard]] Error openssl_error(ErrorCode code, std::string vi, std::string en);

class ErrorQueueGuard final {
 public:
  ErrorQueueGuard();
  ~ErrorQueueGuard();
  ErrorQueueGuard(const ErrorQueueGuard&) = delete;
  ErrorQueueGuard& operator=(const ErrorQueueGuard&) = delete;
};

}  // namespace ct::crypto
