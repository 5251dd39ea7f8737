#pragma once
// What a route handler tells the request-timing wrapper (http_server.cpp) about the request it
// handles on this thread: the route pattern (a bounded metrics label, never the raw path) and
// the status it answered. Handlers run synchronously on the server's threads, so one slot per
// thread is enough. Unset: the wrapper labels by the first path segment and counts 200 for an
// accepted request.

#include <string>

namespace ct::server {

struct RequestNote {
  std::string route;
  int status = 0;
};

[[nodiscard]] inline RequestNote& request_note() noexcept {
  static thread_local RequestNote note;
  return note;
}

inline void note_response(std::string route, int status) {
  RequestNote& n = request_note();
  n.route = std::move(route);
  n.status = status;
}

}  // namespace ct::server
