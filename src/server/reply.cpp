#include "server/reply.h"

#include "common/logging.h"

namespace ct::server {
namespace {

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

template <typename Builder>
restinio::request_handling_status_t with_fields(Builder resp,
                                                const std::vector<std::pair<restinio::http_field_t, std::string>>& fields,
                                                const std::vector<std::pair<std::string, std::string>>& named) {
  for (const auto& [f, v] : fields) resp.append_header(f, v);
  for (const auto& [n, v] : named) resp.append_header(n, v);
  // The id on the request's log lines, for a user who reports a problem.
  if (const std::string& id = log_context().request_id; !id.empty()) resp.append_header("X-Request-Id", id);
  return resp.done();
}

}  // namespace

restinio::http_status_line_t status_line(int status) {
  return restinio::http_status_line_t{restinio::http_status_code_t{static_cast<std::uint16_t>(status)},
                                      reason_phrase(status)};
}

Reply& Reply::header(restinio::http_field_t field, std::string value) {
  fields_.emplace_back(field, std::move(value));
  return *this;
}

Reply& Reply::header(std::string name, std::string value) {
  named_.emplace_back(std::move(name), std::move(value));
  return *this;
}

Reply& Reply::body(std::string text) {
  body_ = std::make_shared<const std::string>(std::move(text));
  return *this;
}

Reply& Reply::body(std::shared_ptr<const std::string> shared) {
  body_ = std::move(shared);
  return *this;
}

Reply& Reply::file(std::filesystem::path path) {
  file_ = std::move(path);
  return *this;
}

restinio::request_handling_status_t Reply::send(const RequestHandle& req) const {
  if (req->header().method() == restinio::http_method_head()) {
    auto resp = req->create_response<restinio::user_controlled_output_t>(status_line(status_));
    std::uint64_t length = body_ ? body_->size() : 0;
    if (!file_.empty()) length = std::filesystem::file_size(file_);  // throws when it cannot be read
    resp.set_content_length(length);
    return with_fields(std::move(resp), fields_, named_);
  }
  auto resp = req->create_response(status_line(status_));
  if (!file_.empty()) {
    resp.set_body(restinio::sendfile(file_));
  } else if (body_) {
    resp.set_body(body_);
  }
  return with_fields(std::move(resp), fields_, named_);
}

}  // namespace ct::server
