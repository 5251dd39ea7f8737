#pragma once
// Internal to crypto: conversions between chungthu values and OpenSSL's X.509 objects, shared by
// certificate building, inspection, checking and CSR parsing.

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/name.h"
#include "crypto/ossl.h"

namespace ct::crypto {

// The short name used in DistinguishedName for `nid` (C, ST, L, O, OU, CN, serialNumber,
// emailAddress, UID), or "" when the attribute is not one of those.
[[nodiscard]] std::string_view dn_type_for_nid(int nid) noexcept;
// NID_undef when `type` is not one of the names above.
[[nodiscard]] int nid_for_dn_type(std::string_view type) noexcept;

// Reads every attribute as UTF-8 (ASN1_STRING_to_UTF8), in encoded order; an attribute outside
// the known set gets its dotted OID as type. nullopt when a value cannot be converted.
[[nodiscard]] std::optional<DistinguishedName> dn_from_x509_name(const X509_NAME* name);
// Encodes `dn` one attribute per RDN in the given order: countryName as PrintableString, the
// others from UTF-8 with OpenSSL's per-attribute string table (UTF8String for the
// DirectoryString attributes, PrintableString for serialNumber, IA5String for emailAddress).
[[nodiscard]] Result<ossl::X509Name> x509_name_from_dn(const DistinguishedName& dn);

// UTCTime or GeneralizedTime in Z form to a TimePoint; nullopt when malformed.
[[nodiscard]] std::optional<TimePoint> time_from_asn1(const ASN1_TIME* t);

// "RSA-2048", "EC-P256", "EC-P384", "EC-<curve>", or the algorithm's name for anything else.
[[nodiscard]] std::string key_algorithm_name(const EVP_PKEY* pkey);

// Dotted text of an OID.
[[nodiscard]] std::string oid_text(const ASN1_OBJECT* obj);
// Big-endian magnitude of an INTEGER, leading zero octets removed (empty for zero).
[[nodiscard]] Bytes integer_magnitude(const ASN1_INTEGER* i);
[[nodiscard]] Bytes strip_leading_zeros(std::span<const std::uint8_t> bytes);

}  // namespace ct::crypto
