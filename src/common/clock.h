#pragma once
// The clock is injected everywhere time matters, so tests can fix it.

#include <chrono>
#include <cstdint>

namespace ct {

using TimePoint = std::chrono::sys_seconds;  // UTC, whole seconds (X.509 has no finer precision)

class Clock {
 public:
  virtual ~Clock() = default;
  [[nodiscard]] virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  [[nodiscard]] TimePoint now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

// A clock that reads what it was set to; for tests.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  [[nodiscard]] TimePoint now() const override { return t_; }
  void set(TimePoint t) { t_ = t; }
  void advance(std::chrono::seconds d) { t_ += d; }

 private:
  TimePoint t_;
};

[[nodiscard]] inline std::int64_t to_unix(TimePoint t) { return t.time_since_epoch().count(); }
[[nodiscard]] inline TimePoint from_unix(std::int64_t s) { return TimePoint{std::chrono::seconds{s}}; }

}  // namespace ct
