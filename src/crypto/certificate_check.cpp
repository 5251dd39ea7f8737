// check_certificate: the pre-release check of SPEC §6. It re-parses what sign_certificate
// produced and compares it with the spec and the RFC 5280 rules it relies on; the first
// violation is reported with the rule's name.

#include <openssl/objects.h>

#include <set>

#include "crypto/certificate.h"
#include "crypto/ossl_error.h"
#include "crypto/spki.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

[[nodiscard]] Status violation(const std::string& rule, const std::string& vi, const std::string& en) {
  return fail(openssl_error(ErrorCode::internal, "Chứng thư số không đạt kiểm tra trước phát hành [" + rule + "]: " + vi,
                            "Certificate failed the pre-release check [" + rule + "]: " + en));
}

[[nodiscard]] Bytes name_der(const X509_NAME* name) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_NAME(name, &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

[[nodiscard]] Bytes spki_der(const X509* x) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

// RFC 5280 §4.1.2.5: UTCTime YYMMDDHHMMSSZ through 2049, GeneralizedTime YYYYMMDDHHMMSSZ from 2050.
[[nodiscard]] bool time_encoding_ok(const ASN1_TIME* t, TimePoint expected) {
  using namespace std::chrono;
  const int year = static_cast<int>(year_month_day{floor<days>(expected)}.year());
  const bool utc = year >= 1950 && year < 2050;
  const int len = ASN1_STRING_length(t);
  const unsigned char* data = ASN1_STRING_get0_data(t);
  if (data == nullptr || len < 1 || data[len - 1] != 'Z') return false;
  return utc ? (ASN1_STRING_type(t) == V_ASN1_UTCTIME && len == 13)
             : (ASN1_STRING_type(t) == V_ASN1_GENERALIZEDTIME && len == 15);
}

[[nodiscard]] int expected_string_type(int nid) noexcept {
  if (nid == NID_countryName || nid == NID_serialNumber) return V_ASN1_PRINTABLESTRING;
  if (nid == NID_pkcs9_emailAddress) return V_ASN1_IA5STRING;
  return V_ASN1_UTF8STRING;
}

[[nodiscard]] Status check_subject_encoding(const X509_NAME* name) {
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* entry = X509_NAME_get_entry(name, i);
    const int nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry));
    if (ASN1_STRING_type(X509_NAME_ENTRY_get_data(entry)) != expected_string_type(nid)) {
      return violation("subject", "sai kiểu chuỗi của thuộc tính " + std::string(dn_type_for_nid(nid)),
                       "wrong string type for attribute " + std::string(dn_type_for_nid(nid)) +
                           " (RFC 5280 §4.1.2.4: UTF8String; C PrintableString)");
    }
  }
  return {};
}

struct ExtensionFlags {
  std::set<int> present;
  std::set<int> critical;
};

// RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
[[nodiscard]] Result<ExtensionFlags> scan_extensions(const X509* x) {
  static const std::set<int> kAllowed{NID_basic_constraints,    NID_key_usage,           NID_ext_key_usage,
                                      NID_subject_key_identifier, NID_authority_key_identifier,
                                      NID_certificate_policies, NID_subject_alt_name,    NID_info_access,
                                      NID_crl_distribution_points, NID_id_pkix_OCSP_noCheck};
  ExtensionFlags flags;
  for (int i = 0; i < X509_get_ext_count(x); ++i) {
    X509_EXTENSION* ext = X509_get_ext(x, i);
    const ASN1_OBJECT* obj = X509_EXTENSION_get_object(ext);
    const int nid = OBJ_obj2nid(obj);
    if (!kAllowed.contains(nid)) {
      return fail(violation("extensions", "phần mở rộng ngoài hồ sơ: " + oid_text(obj),
                            "extension outside the profile: " + oid_text(obj)).error());
    }
    if (!flags.present.insert(nid).second) {
      return fail(violation("extensions", "phần mở rộng lặp lại: " + oid_text(obj),
                            "duplicate extension: " + oid_text(obj)).error());
    }
    if (X509_EXTENSION_get_critical(ext) == 1) flags.critical.insert(nid);
  }
  return flags;
}

[[nodiscard]] Status check_header(X509* x, const CertificateInfo& info, const CertificateSpec& spec,
                                  std::span<const std::uint8_t> issuer_spki_der) {
  if (X509_get_version(x) != X509_VERSION_3) return violation("version", "không phải v3", "not version 3");
  const ASN1_INTEGER* serial = X509_get0_serialNumber(x);
  const Bytes wanted = strip_leading_zeros(spec.serial);
  if (ASN1_STRING_type(serial) != V_ASN1_INTEGER || info.serial.empty() ||
      info.serial.size() + ((info.serial[0] & 0x80U) != 0 ? 1 : 0) > 20) {
    return violation("serial", "số hiệu phải dương và không quá 20 byte",
                     "serialNumber must be positive and at most 20 octets (RFC 5280 §4.1.2.2)");
  }
  if (info.serial != wanted) {
    return violation("serial", "số hiệu " + info.serial_hex + " khác yêu cầu " + to_hex(wanted),
                     "serialNumber " + info.serial_hex + " differs from the requested " + to_hex(wanted));
  }
  const X509_ALGOR* outer = nullptr;
  X509_get0_signature(nullptr, &outer, x);
  if (outer == nullptr || X509_ALGOR_cmp(outer, X509_get0_tbs_sigalg(x)) != 0) {
    return violation("signatureAlgorithm", "thuật toán ký trong TBS và ngoài TBS khác nhau",
                     "signatureAlgorithm differs from TBSCertificate.signature (RFC 5280 §4.1.1.2)");
  }
  const EVP_PKEY* issuer_key = cached_public_key(issuer_spki_der);
  if (issuer_key == nullptr || X509_verify(x, const_cast<EVP_PKEY*>(issuer_key)) != 1) {
    return violation("signature", "chữ ký không đúng với khóa của CA cấp phát",
                     "the signature does not verify under the issuer key");
  }
  Bytes issuer_name;
  if (spec.issuer_certificate_der.empty()) {
    issuer_name = info.subject_name_der;
  } else {
    if (const X509* issuer = cached_certificate(spec.issuer_certificate_der)) {
      issuer_name = name_der(X509_get_subject_name(issuer));
    }
  }
  if (issuer_name.empty() || info.issuer_name_der != issuer_name) {
    return violation("issuer", "tên CA cấp phát khác tên chủ thể của CA",
                     "issuer differs from the issuer certificate's subject (RFC 5280 §4.1.2.4)");
  }
  if (info.subject != spec.subject) {
    return violation("subject", "chủ thể khác yêu cầu", "subject differs from the spec: " + info.subject_text);
  }
  if (auto enc = check_subject_encoding(X509_get_subject_name(x)); !enc) return enc;
  if (info.not_before != spec.not_before || info.not_after != spec.not_after) {
    return violation("validity", "thời hạn khác yêu cầu", "validity differs from the spec");
  }
  if (!time_encoding_ok(X509_get0_notBefore(x), spec.not_before) ||
      !time_encoding_ok(X509_get0_notAfter(x), spec.not_after)) {
    return violation("validity", "sai kiểu mã hóa thời gian", "time encoding violates RFC 5280 §4.1.2.5");
  }
  if (spki_der(x) != spec.subject_public_key_der) {
    return violation("subjectPublicKeyInfo", "khóa công khai khác yêu cầu", "subject public key differs from the spec");
  }
  return {};
}

[[nodiscard]] Status check_key_ids(X509* x, const CertificateInfo& info, const CertificateSpec& spec,
                                   const ExtensionFlags& flags, std::span<const std::uint8_t> issuer_spki_der) {
  const auto own = key_identifier(info.subject_public_key_der);
  if (!flags.present.contains(NID_subject_key_identifier) || flags.critical.contains(NID_subject_key_identifier) ||
      !own || info.subject_key_id != *own) {
    return violation("subjectKeyIdentifier", "thiếu, là critical hoặc không theo phương pháp 1",
                     "missing, critical, or not RFC 5280 §4.2.1.2 method 1");
  }
  Bytes expected;
  if (spec.issuer_certificate_der.empty()) {
    expected = *own;
  } else if (X509* issuer = const_cast<X509*>(cached_certificate(spec.issuer_certificate_der));
             issuer != nullptr && X509_get0_subject_key_id(issuer) != nullptr) {
    const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(issuer);
    expected.assign(ASN1_STRING_get0_data(ski), ASN1_STRING_get0_data(ski) + ASN1_STRING_length(ski));
  } else if (auto id = key_identifier(issuer_spki_der)) {
    expected = *id;
  }
  if (!flags.present.contains(NID_authority_key_identifier) ||
      flags.critical.contains(NID_authority_key_identifier) || info.authority_key_id != expected ||
      X509_get0_authority_issuer(x) != nullptr || X509_get0_authority_serial(x) != nullptr) {
    return violation("authorityKeyIdentifier", "thiếu, là critical hoặc khác SKI của CA cấp phát",
                     "missing, critical, or not the issuer's SKI (RFC 5280 §4.2.1.1)");
  }
  return {};
}

[[nodiscard]] std::vector<std::string> canonical_ekus(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    const ossl::Asn1Object obj = eku_object(name);
    out.push_back(obj ? eku_name(obj.get()) : name);
  }
  return out;
}

[[nodiscard]] Status check_usage(const CertificateInfo& info, const CertificateSpec& spec, const ExtensionFlags& flags) {
  if (!flags.present.contains(NID_basic_constraints) || !flags.critical.contains(NID_basic_constraints) ||
      info.is_ca != spec.is_ca || info.path_length != spec.path_length) {
    return violation("basicConstraints", "thiếu, không critical hoặc khác yêu cầu",
                     "missing, not critical, or different from the spec (RFC 5280 §4.2.1.9)");
  }
  const std::set<std::string> ku_wanted(spec.key_usage.begin(), spec.key_usage.end());
  const std::set<std::string> ku_found(info.key_usage.begin(), info.key_usage.end());
  const bool ku_present = flags.present.contains(NID_key_usage);
  if (ku_found != ku_wanted || ku_present != !spec.key_usage.empty() ||
      (ku_present && !flags.critical.contains(NID_key_usage))) {
    return violation("keyUsage", "thiếu, không critical hoặc khác yêu cầu",
                     "missing, not critical, or different from the spec (RFC 5280 §4.2.1.3)");
  }
  if (ku_found.contains("keyCertSign") && !info.is_ca) {
    return violation("keyUsage", "keyCertSign chỉ dành cho CA", "keyCertSign without cA (RFC 5280 §4.2.1.9)");
  }
  if (info.extended_key_usage != canonical_ekus(spec.extended_key_usage) ||
      flags.present.contains(NID_ext_key_usage) == spec.extended_key_usage.empty() ||
      flags.critical.contains(NID_ext_key_usage)) {
    return violation("extendedKeyUsage", "khác yêu cầu", "different from the spec (RFC 5280 §4.2.1.12)");
  }
  return {};
}

[[nodiscard]] Status check_names_and_locations(const CertificateInfo& info, const CertificateSpec& spec,
                                               const ExtensionFlags& flags) {
  const bool san_wanted = !spec.san_emails.empty() || !spec.san_dns.empty();
  if (info.san_emails != spec.san_emails || info.san_dns != spec.san_dns ||
      flags.present.contains(NID_subject_alt_name) != san_wanted ||
      flags.critical.contains(NID_subject_alt_name) != (san_wanted && spec.subject.empty())) {
    return violation("subjectAltName", "khác yêu cầu", "different from the spec (RFC 5280 §4.2.1.6)");
  }
  if (info.policy_oids != spec.policy_oids ||
      flags.present.contains(NID_certificate_policies) == spec.policy_oids.empty()) {
    return violation("certificatePolicies", "khác yêu cầu", "different from the spec (RFC 5280 §4.2.1.4)");
  }
  const bool aia_wanted = !spec.ocsp_urls.empty() || !spec.ca_issuer_urls.empty();
  if (info.ocsp_urls != spec.ocsp_urls || info.ca_issuer_urls != spec.ca_issuer_urls ||
      flags.present.contains(NID_info_access) != aia_wanted || flags.critical.contains(NID_info_access)) {
    return violation("authorityInfoAccess", "khác yêu cầu", "different from the spec (RFC 5280 §4.2.2.1)");
  }
  if (info.crl_urls != spec.crl_urls || flags.present.contains(NID_crl_distribution_points) == spec.crl_urls.empty() ||
      flags.critical.contains(NID_crl_distribution_points)) {
    return violation("cRLDistributionPoints", "khác yêu cầu", "different from the spec (RFC 5280 §4.2.1.13)");
  }
  if (flags.present.contains(NID_id_pkix_OCSP_noCheck) != spec.ocsp_no_check ||
      flags.critical.contains(NID_id_pkix_OCSP_noCheck)) {
    return violation("ocspNoCheck", "khác yêu cầu", "id-pkix-ocsp-nocheck differs from the spec (RFC 6960 §4.2.2.2.1)");
  }
  return {};
}

}  // namespace

Status check_certificate(std::span<const std::uint8_t> der, const CertificateSpec& spec,
                         std::span<const std::uint8_t> issuer_spki_der) {
  ErrorQueueGuard guard;
  const ossl::X509Ptr x = parse_certificate_der(der);
  if (!x) return violation("DER", "không đọc lại được", "does not re-parse as one DER Certificate");
  const auto info = certificate_info(x.get(), der);
  if (!info) return violation("DER", info.error().message_vi, info.error().message_en);
  if (auto st = check_header(x.get(), *info, spec, issuer_spki_der); !st) return st;
  const auto flags = scan_extensions(x.get());
  if (!flags) return fail(flags.error());
  if (auto st = check_key_ids(x.get(), *info, spec, *flags, issuer_spki_der); !st) return st;
  if (auto st = check_usage(*info, spec, *flags); !st) return st;
  return check_names_and_locations(*info, spec, *flags);
}

}  // namespace ct::crypto
