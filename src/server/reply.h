#pragma once
// Every answer of the service is sent through Reply, so that HEAD (RFC 9110 §9.3.2) gets the
// GET's answer without its body on every GET route: the same status and header fields,
// Content-Length included. get_route() registers a handler for both methods.

#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <restinio/all.hpp>

namespace ct::server {

using RequestHandle = restinio::request_handle_t;

// The status line of an HTTP status code, with its RFC 9110 reason phrase.
[[nodiscard]] restinio::http_status_line_t status_line(int status);

class Reply final {
 public:
  explicit Reply(int status = 200) : status_(status) {}
  Reply& header(restinio::http_field_t field, std::string value);
  Reply& header(std::string name, std::string value);
  Reply& body(std::string text);
  Reply& body(std::shared_ptr<const std::string> shared);
  // The file's bytes, sent from the file (sendfile) by a GET; a file that cannot be opened
  // throws, as restinio::sendfile does.
  Reply& file(std::filesystem::path path);
  [[nodiscard]] int status() const noexcept { return status_; }
  restinio::request_handling_status_t send(const RequestHandle& req) const;

 private:
  int status_;
  std::vector<std::pair<restinio::http_field_t, std::string>> fields_;
  std::vector<std::pair<std::string, std::string>> named_;
  std::shared_ptr<const std::string> body_;
  std::filesystem::path file_;
};

// `handler` for GET and HEAD on `path`.
template <typename Router, typename Handler>
void get_route(Router& router, const std::string& path, Handler handler) {
  router.http_get(path, handler);
  router.add_handler(restinio::http_method_head(), path, std::move(handler));
}

}  // namespace ct::server
