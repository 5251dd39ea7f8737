#pragma once
// A Database decorator that fails on demand (LevelDB's fault_injection_test idea): commits, or
// every statement, start failing with `unavailable` while the switch is on.

#include <atomic>
#include <memory>

#include "store/database.h"

namespace ct::pki::testing {

struct FaultSwitch {
  std::atomic<bool> fail_commit{false};
  std::atomic<bool> fail_queries{false};
};

class FaultyConnection final : public store::Connection {
 public:
  FaultyConnection(store::Connection& inner, FaultSwitch& sw) : inner_(inner), sw_(sw) {}
  store::Dialect dialect() const noexcept override { return inner_.dialect(); }
  Result<store::Query> query(std::string_view sql) override {
    if (sw_.fail_queries) return fail(store::storage_error("injected query failure"));
    return inner_.query(sql);
  }
  Status exec(std::string_view sql) override { return inner_.exec(sql); }
  Status begin(bool write) override { return inner_.begin(write); }
  Status commit() override {
    if (sw_.fail_commit) {
      inner_.rollback();
      return fail(store::storage_error("injected commit failure"));
    }
    return inner_.commit();
  }
  void rollback() noexcept override { inner_.rollback(); }
  bool in_transaction() const noexcept override { return inner_.in_transaction(); }

 private:
  store::Connection& inner_;
  FaultSwitch& sw_;
};

class FaultyDatabase final : public store::Database {
 public:
  FaultyDatabase(store::Database& inner, FaultSwitch& sw) : inner_(inner), sw_(sw) {}
  store::Dialect dialect() const noexcept override { return inner_.dialect(); }
  Result<Lease> acquire() override {
    auto lease = inner_.acquire();
    if (!lease) return fail(lease.error());
    // The inner lease lives inside the returned lease's release function.
    auto holder = std::make_shared<Lease>(std::move(*lease));
    auto conn = std::make_unique<FaultyConnection>(**holder, sw_);
    return Lease(std::move(conn), [holder](std::unique_ptr<store::Connection>) mutable { holder.reset(); });
  }

 private:
  store::Database& inner_;
  FaultSwitch& sw_;
};

}  // namespace ct::pki::testing
