#pragma once
// The public certificate lookup and the "check a certificate file" service (SPEC §7), as JSON
// documents; the HTTP routes (routes_public_lookup.cpp) only parse parameters and send them.
//
// A certificate is shown with: serial, subject, common name, e-mail, issuer (the CA's name and
// certificate CN), validity, status and usages. Status: `valid`, `revoked` (time, RFC 5280
// reason), `on_hold` (certificateHold) or `expired` (valid but past notAfter). Usages are those
// of the certificate's profile.

#include <map>
#include <optional>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "pki/profile.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::server {

struct LookupQuery {
  std::optional<std::string> serial;  // exact (any accepted hex form)
  std::optional<std::string> email;   // exact, case-insensitive
  std::optional<std::string> q;       // words of the name or organization (diacritics-insensitive)
  int limit = 20;                     // 1..100
  int offset = 0;                     // 0..10000
};

// Checks the query: exactly one of serial / email / q, each well-formed UTF-8 of sane length;
// limit and offset in range. invalid_input naming the parameter otherwise.
[[nodiscard]] Status check_lookup_query(const LookupQuery& query);

// {"items": [certificate…], "limit", "offset", "has_more"}.
[[nodiscard]] Result<nlohmann::json> lookup_certificates(store::Database& db, const pki::ProfileSet& profiles,
                                                         const Clock& clock, const LookupQuery& query);

[[nodiscard]] nlohmann::json certificate_json(const store::CertificateRecord& r, const store::CaRecord* issuer,
                                              const pki::ProfileSet& profiles, TimePoint now);

// One certificate of ours by serial, with its DER (not_found otherwise).
[[nodiscard]] Result<store::CertificateRecord> certificate_by_serial(store::Database& db, std::string_view serial);

inline constexpr std::size_t kMaxInspectBytes = 64 * 1024;
// A PEM or DER certificate, parsed: its fields, which of our CAs issued it (`issued_by`, null
// when none), and when it is ours (same serial and same DER in the store) its status. Input
// that is not a certificate is invalid_input.
[[nodiscard]] Result<nlohmann::json> inspect_certificate_file(store::Database& db, const pki::ProfileSet& profiles,
                                                              const Clock& clock,
                                                              std::span<const std::uint8_t> file);

}  // namespace ct::server
