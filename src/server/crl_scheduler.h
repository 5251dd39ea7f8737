#pragma once
// Keeps every CA's CRL current (SPEC §6): publishes a CA's next CRL when
//   - it has none yet;
//   - its nextUpdate is within `margin_percent` of the CRL period (RFC 5280 §5.1.2.5: a new
//     CRL is issued before the nextUpdate of the previous one);
//   - a certificate of the CA changed status (pki_changes, written by pki::revoke in any
//     process) at or after the thisUpdate of its latest CRL — coalesced: at most one CRL per
//     `min_interval` per CA, never one per revocation.
// Decisions read the store's crls records, so several `serve` processes on one database see
// each other's CRLs and mostly do not publish twice (a rare duplicate is a harmless newer CRL).
//
// Thread-safety: run_once() from one thread at a time; start() runs it on an own thread.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::server {

struct CrlSchedulerOptions {
  std::chrono::seconds min_interval{60};  // pki.crl_min_interval_seconds
  int margin_percent = 25;                // of thisUpdate..nextUpdate
};

class CrlScheduler final {
 public:
  // Publishes the next CRL of a CA (production: pki::publish_crl with the CA's key).
  using Publisher = std::function<Status(const store::CaRecord&)>;

  CrlScheduler(store::Database& db, const Clock& clock, Publisher publish, CrlSchedulerOptions options = {});
  ~CrlScheduler();
  CrlScheduler(const CrlScheduler&) = delete;
  CrlScheduler& operator=(const CrlScheduler&) = delete;

  // The CAs (root and issuing) whose CRL is due now, by the rules above.
  [[nodiscard]] Result<std::vector<store::CaRecord>> due();
  // Publishes every due CRL; the first failure is returned after trying the others.
  [[nodiscard]] Status run_once();

  void start(std::chrono::milliseconds interval, std::function<void()> after_round = {});
  void stop();

 private:
  store::Database& db_;
  const Clock& clock_;
  Publisher publish_;
  CrlSchedulerOptions options_;
  std::mutex run_mu_;
  std::condition_variable run_cv_;
  bool stopping_ = false;  // REQUIRES: run_mu_
  std::thread thread_;
};

}  // namespace ct::server
