#include "server/problem.h"

namespace ct::server {

int http_status_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::integrity: return 500;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

nlohmann::json problem_json(int status, const Error& e, const nlohmann::json& findings) {
  nlohmann::json j{{"type", "about:blank"},
                   {"status", status},
                   {"code", to_string(e.code)},
                   {"title", e.message_vi},
                   {"title_en", e.message_en},
                   {"detail", e.context.empty() ? e.message_vi : e.message_vi + " (" + e.context + ")"},
                   {"detail_en", e.context.empty() ? e.message_en : e.message_en + " (" + e.context + ")"}};
  if (!e.context.empty()) j["field"] = e.context;
  if (!findings.is_null()) j["findings"] = findings;
  return j;
}

Error http_error(int status) {
  switch (status) {
    case 401: return Error::make(ErrorCode::forbidden, "Cần đăng nhập", "Sign-in required");
    case 403: return Error::make(ErrorCode::forbidden, "Không có quyền", "Forbidden");
    case 404: return Error::make(ErrorCode::not_found, "Không tìm thấy", "Not found");
    case 405: return Error::make(ErrorCode::invalid_input, "Phương thức không được hỗ trợ", "Method not allowed");
    case 413: return Error::make(ErrorCode::invalid_input, "Nội dung quá lớn", "Payload too large");
    case 415: return Error::make(ErrorCode::invalid_input, "Kiểu nội dung không được hỗ trợ", "Unsupported media type");
    case 429: return Error::make(ErrorCode::forbidden, "Quá nhiều yêu cầu", "Too many requests");
    default: return Error::make(ErrorCode::internal, "Lỗi máy chủ", "Server error");
  }
}

}  // namespace ct::server
