#pragma once
// Keeps every CA's CRL current (SPEC §6): publishes a CA's next CRL when
//   - it has none yet;
//   - its nextUpdate is within `margin_percent` of the CRL period (RFC 5280 §5.1.2.5: a new
//     CRL is issued before the nextUpdate of the previous one);
//   - a certificate of the CA changed status (pki_changes, written by pki::revoke in any
//     process) at or after the thisUpdate of its latest CRL — coalesced: at most one CRL per
//     `min_interval` per CA, never one per revocation.
// Decisions read the store's crls records, so every process sees the CRLs of the others.
//
// run_once() is the scheduler's exclusive job "crl" (app/installation_jobs.h), so one process
// at a time decides and publishes.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

struct CrlScheduleOptions {
  std::chrono::seconds min_interval{60};  // pki.crl_min_interval_seconds
  int margin_percent = 25;                // of thisUpdate..nextUpdate
};

class CrlSchedule final {
 public:
  // Publishes the next CRL of a CA (production: pki::publish_crl with the CA's key).
  using Publisher = std::function<Status(const store::CaRecord&)>;

  CrlSchedule(store::Database& db, const Clock& clock, Publisher publish, CrlScheduleOptions options = {});

  // The CAs (root and issuing) whose CRL is due now, by the rules above.
  [[nodiscard]] Result<std::vector<store::CaRecord>> due();
  // Publishes every due CRL; the first failure is returned after trying the others.
  [[nodiscard]] Status run_once();

 private:
  store::Database& db_;
  const Clock& clock_;
  Publisher publish_;
  CrlScheduleOptions options_;
};

}  // namespace ct::pki
