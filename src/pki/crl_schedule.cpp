#include "pki/crl_schedule.h"

#include <spdlog/spdlog.h>

#include "store/pki_repository.h"

namespace ct::pki {

CrlSchedule::CrlSchedule(store::Database& db, const Clock& clock, Publisher publish, CrlScheduleOptions options)
    : db_(db), clock_(clock), publish_(std::move(publish)), options_(options) {}

Result<std::vector<store::CaRecord>> CrlSchedule::due() {
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  auto cas = store::list_cas(**lease);
  if (!cas) return fail(cas.error());
  const TimePoint now = clock_.now();
  std::vector<store::CaRecord> out;
  for (auto& ca : *cas) {
    if (ca.kind != "root" && ca.kind != "issuing") continue;
    auto latest = store::latest_crl(**lease, ca.id, false);
    if (!latest) return fail(latest.error());
    if (!*latest) {
      out.push_back(std::move(ca));
      continue;
    }
    const auto& crl = **latest;
    const auto margin = (crl.next_update - crl.this_update) * options_.margin_percent / 100;
    if (now >= crl.next_update - margin) {
      out.push_back(std::move(ca));
      continue;
    }
    auto changed = store::last_change_at(**lease, ca.id);
    if (!changed) return fail(changed.error());
    // ≥, not >: times are whole seconds, and a revocation in the second the CRL was made may
    // have missed it. At worst that publishes one extra CRL.
    if (*changed && **changed >= crl.this_update && now - crl.this_update >= options_.min_interval) {
      out.push_back(std::move(ca));
    }
  }
  return out;
}

Status CrlSchedule::run_once() {
  auto list = due();
  if (!list) return fail(list.error());
  Status first;
  for (const auto& ca : *list) {
    if (auto s = publish_(ca); !s) {
      spdlog::warn("CRL of CA {} not published: {}", ca.name, s.error().message_en);
      if (first) first = s;
    }
  }
  return first;
}

}  // namespace ct::pki
