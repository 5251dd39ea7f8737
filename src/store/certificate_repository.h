#pragma once
// Issued certificates (table `certificates`) and the public lookup's name index
// (`certificate_name_keys`, migrations_public.cpp). Functions take the caller's Connection.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace ct::store {

// The columns read_certificate() reads, in its order, each as `alias.column` when an alias is
// given (for joins): kCertificateColumnCount of them. The DER is not among them.
inline constexpr int kCertificateColumnCount = 19;
[[nodiscard]] std::string certificate_columns(std::string_view alias = {});
// A row selected with certificate_columns(), from column `first` on.
[[nodiscard]] CertificateRecord read_certificate(const Query& q, int first = 0);


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


struct CertificateRef {
  std::int64_t id = 0;
  std::string serial;
  std::int64_t ca_id = 0;
};
// A subscriber's valid certificate ending soon, for the expiry reminders (SPEC §9).
struct ExpiringCertificate {
  std::int64_t id = 0;
  std::string serial;
  TimePoint not_after;
  std::int64_t subscriber_id = 0;
};
// Valid certificates of subscribers ending within (from, until] that no newer certificate
// replaces (not renewed), in id order after `after_id`, at most `limit`.
[[nodiscard]] Result<std::vector<ExpiringCertificate>> expiring_certificates(Connection& c, TimePoint from,
                                                                             TimePoint until, std::int64_t after_id,
                                                                             int limit);

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
