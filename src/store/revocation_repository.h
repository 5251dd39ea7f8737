#pragma once
// Certificate status changes (revoke, hold, release) and the CRLs published from them (tables
// `certificates`, `crl_counters`, `crls`). Functions take the caller's Connection.

#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "store/database.h"
#include "store/records.h"

namespace ct::store {

// valid → revoked / hold; hold → revoked (RFC 5280 §5.3.1: a held certificate may be revoked
// for good). Refuses anything else with `conflict`; an unknown serial is `not_found`.
[[nodiscard]] Status set_revoked(Connection& c, std::string_view serial, bool hold, TimePoint at,
                                 std::optional<int> reason, std::optional<TimePoint> invalidity);
// hold → valid (removeFromCRL); refuses other states with `conflict`.
[[nodiscard]] Status release_hold(Connection& c, std::string_view serial);

// Streams the revoked and held certificates of a CA whose validity ends at or after `cutoff`.
// `sink` returning an error stops the stream with that error.
[[nodiscard]] Status for_each_revoked(Connection& c, std::int64_t ca_id, TimePoint cutoff,
                                      const std::function<Status(const RevokedEntry&)>& sink);

// The next CRL number of a CA: strictly increasing, atomic (one UPDATE … RETURNING).
[[nodiscard]] Result<std::int64_t> next_crl_number(Connection& c, std::int64_t ca_id);
[[nodiscard]] Status insert_crl(Connection& c, const CrlRecord& crl);
[[nodiscard]] Result<std::optional<CrlRecord>> latest_crl(Connection& c, std::int64_t ca_id, bool delta);

// The DER of a published CRL, kept in the store (table `crl_contents`) so that every node serves
// the same current CRL. Storing number N drops the contents of that CA's CRLs numbered below
// N - `keep` + 1 (their records stay); `keep` is at least 1.
[[nodiscard]] Status store_crl_content(Connection& c, std::int64_t ca_id, std::int64_t number,
                                       std::span<const std::uint8_t> der, std::int64_t keep);
// nullopt when the store does not hold that CRL's contents (pruned, or published before they were kept).
[[nodiscard]] Result<std::optional<Bytes>> crl_content(Connection& c, std::int64_t ca_id, std::int64_t number);

}  // namespace ct::store
