#pragma once
// Rows of the PKI tables, as the repositories read and write them. Times are UTC.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/hex.h"

namespace ct::store {

struct CaRecord {
  std::int64_t id = 0;
  std::string name;          // short, URL-safe: "root", "issuing", "ocsp"
  std::string display_name;  // the certificate's CN
  std::string kind;          // root | issuing | ocsp
  std::optional<std::int64_t> parent_id;
  Bytes certificate;         // DER
  std::string key_ref;       // key backend reference
  std::string serial;
  TimePoint not_before;
  TimePoint not_after;
  TimePoint created_at;
};

enum class CertStatus { valid, revoked, hold };
[[nodiscard]] const char* to_string(CertStatus s) noexcept;
[[nodiscard]] CertStatus parse_cert_status(std::string_view s) noexcept;

struct CertificateRecord {
  std::int64_t id = 0;
  std::string serial;        // canonical uppercase hex
  std::int64_t ca_id = 0;
  std::string profile;
  std::string subject;       // formatted DN
  std::string common_name;
  std::optional<std::string> email;  // lower-case
  std::string name_fold;     // text::fold of CN and organization, for search
  TimePoint not_before;
  TimePoint not_after;
  CertStatus status = CertStatus::valid;
  std::optional<TimePoint> revoked_at;
  std::optional<int> revocation_reason;  // RFC 5280 CRLReason code
  std::optional<TimePoint> invalidity_date;
  Bytes der;
  std::string key_sha256;    // SHA-256 of the SubjectPublicKeyInfo, hex
  // The subject's O and OU values, in order: search keys written with the certificate
  // (certificate_name_keys), set by the issuer; not a column, empty when read back.
  std::vector<std::string> organization_names;
  std::optional<std::int64_t> subscriber_id;
  std::optional<std::int64_t> request_id;
  std::optional<std::int64_t> replaces_id;
  TimePoint created_at;
};

struct RevokedEntry {
  std::string serial;
  TimePoint revoked_at;
  std::optional<int> reason;
  std::optional<TimePoint> invalidity_date;
};

struct CrlRecord {
  std::int64_t ca_id = 0;
  std::int64_t number = 0;
  TimePoint this_update;
  TimePoint next_update;
  std::int64_t entries = 0;
  bool is_delta = false;
  std::optional<std::int64_t> base_number;
  std::string sha256;
  std::string path;
  TimePoint created_at;
};

}  // namespace ct::store
