#pragma once
// Internal to crypto: conversions between chungthu values and OpenSSL's X.509 objects, shared by
// certificate building, inspection, checking and CSR parsing.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/certificate.h"
#include "crypto/name.h"
#include "crypto/ossl.h"

namespace ct::crypto {

namespace ossl {
using BasicConstraints = Ptr<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>;
using BitString = Ptr<ASN1_BIT_STRING, ASN1_BIT_STRING_free>;
using ExtKeyUsage = Ptr<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>;
using Policies = Ptr<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free>;
using PolicyInfo = Ptr<POLICYINFO, POLICYINFO_free>;
using GeneralNames = Ptr<GENERAL_NAMES, GENERAL_NAMES_free>;
using GeneralName = Ptr<GENERAL_NAME, GENERAL_NAME_free>;
using InfoAccess = Ptr<AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free>;
using AccessDescription = Ptr<ACCESS_DESCRIPTION, ACCESS_DESCRIPTION_free>;
using DistPoints = Ptr<CRL_DIST_POINTS, CRL_DIST_POINTS_free>;
using DistPoint = Ptr<DIST_POINT, DIST_POINT_free>;
using AuthorityKeyId = Ptr<AUTHORITY_KEYID, AUTHORITY_KEYID_free>;
using X509Algor = Ptr<X509_ALGOR, X509_ALGOR_free>;
}  // namespace ossl

// KeyUsage named bits, RFC 5280 §4.2.1.3, indexed by bit number.
inline constexpr std::array<std::string_view, 9> kKeyUsageNames{
    "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
    "keyCertSign",      "cRLSign",        "encipherOnly",    "decipherOnly"};
// The bit number of a KeyUsage name, or -1.
[[nodiscard]] int key_usage_bit(std::string_view name) noexcept;

// KeyPurposeId (RFC 5280 §4.2.1.12) from serverAuth, clientAuth, emailProtection, codeSigning,
// OCSPSigning, timeStamping or a dotted OID; null when neither.
[[nodiscard]] ossl::Asn1Object eku_object(std::string_view name);
// The name above for a KeyPurposeId, or its dotted OID.
[[nodiscard]] std::string eku_name(const ASN1_OBJECT* obj);
// An OBJECT IDENTIFIER from dotted text only (no names); null when not a valid OID.
[[nodiscard]] ossl::Asn1Object oid_from_dotted(std::string_view dotted);

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

// Every field of CertificateInfo from a parsed certificate whose DER is `der`; invalid_input
// when a name or a time cannot be read.
[[nodiscard]] Result<CertificateInfo> certificate_info(X509* x, std::span<const std::uint8_t> der);
// Parses exactly one DER Certificate (no trailing bytes); null otherwise.
[[nodiscard]] ossl::X509Ptr parse_certificate_der(std::span<const std::uint8_t> der);

}  // namespace ct::crypto
