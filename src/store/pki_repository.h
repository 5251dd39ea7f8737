#pragma once
// Repository of the PKI tables: CAs, certificates, revocations, CRL numbers. Functions take the
// Connection so callers compose them in one transaction; none of them opens one itself, except
// where the contract says so.

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace ct::store {

[[nodiscard]] Result<std::int64_t> insert_ca(Connection& c, const CaRecord& ca);
[[nodiscard]] Result<std::optional<CaRecord>> find_ca(Connection& c, std::string_view name);
[[nodiscard]] Result<std::optional<CaRecord>> find_ca(Connection& c, std::int64_t id);
[[nodiscard]] Result<std::vector<CaRecord>> list_cas(Connection& c);

// A duplicate serial is a `conflict` error (the UNIQUE constraint decides, not a prior read).
[[nodiscard]] Result<std::int64_t> insert_certificate(Connection& c, const CertificateRecord& cert);
[[nodiscard]] Result<std::optional<CertificateRecord>> find_certificate(Connection& c, std::string_view serial);
[[nodiscard]] Result<bool> serial_exists(Connection& c, std::string_view serial);

struct SearchQuery {
  std::string text;       // serial prefix, e-mail, or words of the name/organization
  int limit = 50;
  int offset = 0;
};
// Matches a serial prefix (hex, ≥ 4 digits), an exact e-mail (case-insensitive), or the folded
// name containing the folded text. Newest first. The DER is not loaded (der stays empty).
[[nodiscard]] Result<std::vector<CertificateRecord>> search_certificates(Connection& c, const SearchQuery& q);

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

// --- The public service (migrations_public.cpp) -------------------------------------------

// Records a status change of `serial` (revocation, hold, release) in the caller's transaction:
// bumps the change epoch and appends (epoch, serial, CA, at) to pki_changes. The epoch row's
// lock orders concurrent writers, so epochs become visible in increasing order.
[[nodiscard]] Status record_status_change(Connection& c, std::string_view serial, TimePoint at);
[[nodiscard]] Result<std::int64_t> current_change_epoch(Connection& c);
struct StatusChange {
  std::int64_t epoch = 0;
  std::string serial;
  std::int64_t ca_id = 0;
  TimePoint at;
};
// Changes with an epoch above `after`, in epoch order, at most `limit`.
[[nodiscard]] Result<std::vector<StatusChange>> changes_after(Connection& c, std::int64_t after, int limit);
// When the certificates of a CA last changed status (none: nullopt).
[[nodiscard]] Result<std::optional<TimePoint>> last_change_at(Connection& c, std::int64_t ca_id);
// Forgets changes recorded before `before` (pollers only look at recent ones).
[[nodiscard]] Status prune_changes(Connection& c, TimePoint before);

struct CertificateRef {
  std::int64_t id = 0;
  std::string serial;
  std::int64_t ca_id = 0;
};
// Certificates inserted after row `after_id`, in id order, at most `limit`.
[[nodiscard]] Result<std::vector<CertificateRef>> certificates_after(Connection& c, std::int64_t after_id, int limit);
[[nodiscard]] Result<std::int64_t> max_certificate_id(Connection& c);

// Exact e-mail (lower-cased by the caller), newest first; DER not loaded.
[[nodiscard]] Result<std::vector<CertificateRecord>> find_certificates_by_email(Connection& c, std::string_view email,
                                                                               int limit, int offset);
// Certificates whose name keys start with `folded` (text::fold of the query), in key order;
// DER not loaded. Uses the certificate_name_keys index: cost grows with limit + offset, not
// with the number of certificates. A certificate matching by two keys appears once.
[[nodiscard]] Result<std::vector<CertificateRecord>> find_certificates_by_name(Connection& c, std::string_view folded,
                                                                              int limit, int offset);
// The name keys of a certificate: its name_fold from each word of the CN and from each O/OU
// value, cut to 40 bytes at a character boundary. Distinct, in no particular order.
[[nodiscard]] std::vector<std::string> certificate_name_keys(const CertificateRecord& r);

}  // namespace ct::store
