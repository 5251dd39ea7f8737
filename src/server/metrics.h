#pragma once
// Prometheus text exposition (format 0.0.4) of what the server counts: requests by route
// pattern and status, request latency histogram, and gauges set by services (queue length,
// OCSP cache age). Thread-safe.

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace ct::server {

class Metrics final {
 public:
  // `route` is the route pattern ("/api/v1/requests/:id"), never the raw path (bounded labels).
  void observe(const std::string& method, const std::string& route, int status, std::chrono::duration<double> took);
  void set_gauge(const std::string& name, const std::string& help, double value);
  [[nodiscard]] std::string render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, 12> buckets{};
    double sum = 0;
    std::uint64_t count = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;  // REQUIRES: mu_
  std::map<std::string, Histogram> latency_;                                   // by route; REQUIRES: mu_
  std::map<std::string, std::pair<std::string, double>> gauges_;               // REQUIRES: mu_
};

}  // namespace ct::server
