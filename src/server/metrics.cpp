#include "server/metrics.h"

#include <fmt/format.h>

namespace ct::server {
namespace {
constexpr std::array<double, 12> kBounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}
}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      std::chrono::duration<double> took) {
  std::lock_guard lock(mu_);
  ++requests_[{method, route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (took.count() <= kBounds[i]) ++h.buckets[i];
  }
  h.sum += took.count();
  ++h.count;
}

void Metrics::set_gauge(const std::string& name, const std::string& help, double value) {
  std::lock_guard lock(mu_);
  gauges_[name] = {help, value};
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP chungthu_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE chungthu_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto& [method, route, status] = key;
    out += fmt::format("chungthu_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", escape(method),
                       escape(route), status, n);
  }
  out += "# HELP chungthu_http_request_duration_seconds HTTP request latency by route.\n";
  out += "# TYPE chungthu_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBounds.size(); ++i) {
      out += fmt::format("chungthu_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", escape(route),
                         kBounds[i], h.buckets[i]);
    }
    out += fmt::format("chungthu_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", escape(route), h.count);
    out += fmt::format("chungthu_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", escape(route), h.sum);
    out += fmt::format("chungthu_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", escape(route), h.count);
  }
  for (const auto& [name, g] : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", name, g.first, name, name, g.second);
  }
  return out;
}

}  // namespace ct::server
