#pragma once
// The one error shape of the HTTP API: RFC 7807 application/problem+json. `title`/`detail`
// are Vietnamese, `title_en`/`detail_en` English; `code` is the chungthu error code, `field`
// the field or location concerned, `findings` the validation findings when there are any.
// ErrorCode → HTTP status is decided here and nowhere else.

#include <nlohmann/json.hpp>

#include "common/error.h"

namespace ct::server {

[[nodiscard]] int http_status_for(ErrorCode code) noexcept;
[[nodiscard]] nlohmann::json problem_json(int status, const Error& e,
                                          const nlohmann::json& findings = nlohmann::json());
// Common problems built from plain status codes (404 unknown route, 405, 413, 415…).
[[nodiscard]] Error http_error(int status);

}  // namespace ct::server
