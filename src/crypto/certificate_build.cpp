// sign_certificate: RFC 5280 §4.1 TBSCertificate built with OpenSSL's X509 API, signed through
// PrivateKey (so the key may live on a token), and assembled as
//   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }.

#include <openssl/objects.h>

#include <algorithm>
#include <chrono>

#include "common/internet_names.h"
#include "crypto/certificate.h"
#include "crypto/der.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"
#include "crypto/spki.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

[[nodiscard]] auto bad_spec(const std::string& vi, const std::string& en) {
  return fail(ErrorCode::invalid_input, "Thông số chứng thư số không hợp lệ: " + vi,
              "Invalid certificate specification: " + en);
}

[[nodiscard]] auto build_failed(const std::string& vi, const std::string& en) {
  return fail(openssl_error(ErrorCode::internal, "Không tạo được chứng thư số: " + vi,
                            "Cannot build the certificate: " + en));
}

[[nodiscard]] bool is_ia5_token(std::string_view s) noexcept {
  if (s.empty() || s.size() > 2048) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20U || u >= 0x7FU) return false;
  }
  return true;
}

[[nodiscard]] Status validate_spec(const CertificateSpec& spec) {
  // RFC 5280 §4.1.2.2: a positive INTEGER of at most 20 octets (including a leading 0x00).
  const Bytes serial = strip_leading_zeros(spec.serial);
  if (spec.serial.empty() || spec.serial.size() > 20 || serial.empty()) {
    return bad_spec("số hiệu phải khác 0 và không quá 20 byte", "the serial must be non-zero and at most 20 octets");
  }
  if (serial.size() + ((serial[0] & 0x80U) != 0 ? 1 : 0) > 20) {
    return bad_spec("số hiệu mã hóa DER dài quá 20 byte", "the serial's DER encoding exceeds 20 octets");
  }
  if (spec.not_before >= spec.not_after) {
    return bad_spec("thời điểm bắt đầu hiệu lực phải trước thời điểm hết hạn", "notBefore must precede notAfter");
  }
  // GeneralizedTime holds years 0000-9999; before 1950 nothing here is meaningful.
  constexpr auto kEarliest = TimePoint{std::chrono::sys_days{std::chrono::year{1950} / 1 / 1}};
  constexpr auto kLatest = TimePoint{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31}} + std::chrono::hours{24};
  if (spec.not_before < kEarliest || spec.not_after >= kLatest) {
    return bad_spec("thời hạn ngoài khoảng 1950–9999", "validity outside 1950-9999");
  }
  const bool cert_sign = std::find(spec.key_usage.begin(), spec.key_usage.end(), "keyCertSign") != spec.key_usage.end();
  if (spec.is_ca != cert_sign) {
    // RFC 5280 §4.2.1.3 and §4.2.1.9: keyCertSign exactly when cA is TRUE.
    return bad_spec("CA phải có keyCertSign và chỉ CA mới có", "keyCertSign must be present exactly for a CA");
  }
  if (spec.path_length && (!spec.is_ca || *spec.path_length < 0)) {
    return bad_spec("pathLen chỉ dùng cho CA và không âm", "pathLen is only for CAs and must not be negative");
  }
  for (const auto& ku : spec.key_usage) {
    if (key_usage_bit(ku) < 0) return bad_spec("keyUsage không biết: " + ku, "unknown keyUsage: " + ku);
  }
  for (const auto& eku : spec.extended_key_usage) {
    if (!eku_object(eku)) return bad_spec("extendedKeyUsage không biết: " + eku, "unknown extendedKeyUsage: " + eku);
  }
  for (const auto& oid : spec.policy_oids) {
    if (!oid_from_dotted(oid)) return bad_spec("OID chính sách sai: " + oid, "bad policy OID: " + oid);
  }
  for (const auto& email : spec.san_emails) {
    if (!is_email_address(email)) {
      return bad_spec("địa chỉ thư điện tử sai: " + email, "bad email address: " + email);
    }
  }
  for (const auto& dns : spec.san_dns) {
    if (!is_dns_name(dns, /*allow_wildcard=*/true)) return bad_spec("tên miền sai: " + dns, "bad DNS name: " + dns);
  }
  for (const auto* urls : {&spec.ocsp_urls, &spec.ca_issuer_urls, &spec.crl_urls}) {
    for (const auto& url : *urls) {
      if (!is_ia5_token(url) || url.find(':') == std::string::npos) {
        return bad_spec("URL sai: " + url, "bad URL: " + url);
      }
    }
  }
  // RFC 5280 §4.1.2.6: an empty subject needs a subjectAltName.
  if (spec.subject.empty() && spec.san_emails.empty() && spec.san_dns.empty()) {
    return bad_spec("chủ thể trống mà không có subjectAltName", "empty subject without subjectAltName");
  }
  return {};
}

[[nodiscard]] bool add_ext(X509* x, int nid, void* value, bool critical) {
  return X509_add1_ext_i2d(x, nid, value, critical ? 1 : 0, X509V3_ADD_DEFAULT) == 1;
}

[[nodiscard]] ossl::GeneralName ia5_general_name(int type, std::string_view value) {
  ossl::GeneralName gn(GENERAL_NAME_new());
  ossl::Ptr<ASN1_IA5STRING, ASN1_IA5STRING_free> s(ASN1_IA5STRING_new());
  if (!gn || !s || ASN1_STRING_set(s.get(), value.data(), static_cast<int>(value.size())) != 1) return nullptr;
  GENERAL_NAME_set0_value(gn.get(), type, s.release());
  return gn;
}

[[nodiscard]] bool push_name(GENERAL_NAMES* names, int type, std::string_view value) {
  ossl::GeneralName gn = ia5_general_name(type, value);
  if (!gn || sk_GENERAL_NAME_push(names, gn.get()) <= 0) return false;
  (void)gn.release();  // the stack owns it now
  return true;
}

[[nodiscard]] bool add_basic_constraints(X509* x, const CertificateSpec& spec) {
  ossl::BasicConstraints bc(BASIC_CONSTRAINTS_new());
  if (!bc) return false;
  bc->ca = spec.is_ca ? 0xFF : 0;
  if (spec.path_length) {
    bc->pathlen = ASN1_INTEGER_new();
    if (bc->pathlen == nullptr || ASN1_INTEGER_set(bc->pathlen, *spec.path_length) != 1) return false;
  }
  return add_ext(x, NID_basic_constraints, bc.get(), true);
}

[[nodiscard]] bool add_key_usage(X509* x, const std::vector<std::string>& names) {
  if (names.empty()) return true;
  ossl::BitString bits(ASN1_BIT_STRING_new());
  if (!bits) return false;
  for (const auto& name : names) {
    if (ASN1_BIT_STRING_set_bit(bits.get(), key_usage_bit(name), 1) != 1) return false;
  }
  return add_ext(x, NID_key_usage, bits.get(), true);
}

[[nodiscard]] bool add_ext_key_usage(X509* x, const std::vector<std::string>& names) {
  if (names.empty()) return true;
  ossl::ExtKeyUsage eku(sk_ASN1_OBJECT_new_null());
  if (!eku) return false;
  for (const auto& name : names) {
    ossl::Asn1Object obj = eku_object(name);
    if (!obj || sk_ASN1_OBJECT_push(eku.get(), obj.get()) <= 0) return false;
    (void)obj.release();  // the stack owns it now
  }
  return add_ext(x, NID_ext_key_usage, eku.get(), false);
}

[[nodiscard]] bool add_key_id(X509* x, int nid, std::span<const std::uint8_t> id) {
  ossl::Asn1OctetString os(ASN1_OCTET_STRING_new());
  if (!os || ASN1_OCTET_STRING_set(os.get(), id.data(), static_cast<int>(id.size())) != 1) return false;
  if (nid == NID_subject_key_identifier) return add_ext(x, nid, os.get(), false);
  ossl::AuthorityKeyId akid(AUTHORITY_KEYID_new());
  if (!akid) return false;
  akid->keyid = os.release();
  return add_ext(x, NID_authority_key_identifier, akid.get(), false);
}

[[nodiscard]] bool add_policies(X509* x, const std::vector<std::string>& oids) {
  if (oids.empty()) return true;
  ossl::Policies policies(sk_POLICYINFO_new_null());
  if (!policies) return false;
  for (const auto& oid : oids) {
    ossl::PolicyInfo info(POLICYINFO_new());
    ossl::Asn1Object obj = oid_from_dotted(oid);
    if (!info || !obj) return false;
    ASN1_OBJECT_free(info->policyid);
    info->policyid = obj.release();
    if (sk_POLICYINFO_push(policies.get(), info.get()) <= 0) return false;
    (void)info.release();  // the stack owns it now
  }
  return add_ext(x, NID_certificate_policies, policies.get(), false);
}

[[nodiscard]] bool add_subject_alt_name(X509* x, const CertificateSpec& spec) {
  if (spec.san_emails.empty() && spec.san_dns.empty()) return true;
  ossl::GeneralNames names(sk_GENERAL_NAME_new_null());
  if (!names) return false;
  for (const auto& email : spec.san_emails) {
    if (!push_name(names.get(), GEN_EMAIL, email)) return false;
  }
  for (const auto& dns : spec.san_dns) {
    if (!push_name(names.get(), GEN_DNS, dns)) return false;
  }
  return add_ext(x, NID_subject_alt_name, names.get(), spec.subject.empty());
}

[[nodiscard]] bool push_access(AUTHORITY_INFO_ACCESS* aia, int method, const std::string& url) {
  ossl::AccessDescription ad(ACCESS_DESCRIPTION_new());
  ossl::GeneralName gn = ia5_general_name(GEN_URI, url);
  if (!ad || !gn) return false;
  ASN1_OBJECT_free(ad->method);
  ad->method = OBJ_nid2obj(method);
  GENERAL_NAME_free(ad->location);
  ad->location = gn.release();
  if (sk_ACCESS_DESCRIPTION_push(aia, ad.get()) <= 0) return false;
  (void)ad.release();  // the stack owns it now
  return true;
}

// RFC 5280 §4.2.2.1: id-ad-ocsp first, then id-ad-caIssuers.
[[nodiscard]] bool add_info_access(X509* x, const CertificateSpec& spec) {
  if (spec.ocsp_urls.empty() && spec.ca_issuer_urls.empty()) return true;
  ossl::InfoAccess aia(sk_ACCESS_DESCRIPTION_new_null());
  if (!aia) return false;
  for (const auto& url : spec.ocsp_urls) {
    if (!push_access(aia.get(), NID_ad_OCSP, url)) return false;
  }
  for (const auto& url : spec.ca_issuer_urls) {
    if (!push_access(aia.get(), NID_ad_ca_issuers, url)) return false;
  }
  return add_ext(x, NID_info_access, aia.get(), false);
}

// RFC 5280 §4.2.1.13: one DistributionPoint whose fullName lists every URI of the same CRL.
[[nodiscard]] bool add_crl_distribution_points(X509* x, const std::vector<std::string>& urls) {
  if (urls.empty()) return true;
  ossl::GeneralNames names(sk_GENERAL_NAME_new_null());
  if (!names) return false;
  for (const auto& url : urls) {
    if (!push_name(names.get(), GEN_URI, url)) return false;
  }
  ossl::DistPoint dp(DIST_POINT_new());
  if (!dp) return false;
  dp->distpoint = DIST_POINT_NAME_new();
  if (dp->distpoint == nullptr) return false;
  dp->distpoint->type = 0;
  dp->distpoint->name.fullname = names.release();
  ossl::DistPoints points(sk_DIST_POINT_new_null());
  if (!points || sk_DIST_POINT_push(points.get(), dp.get()) <= 0) return false;
  (void)dp.release();  // the stack owns it now
  return add_ext(x, NID_crl_distribution_points, points.get(), false);
}

// RFC 6960 §4.2.2.2.1: id-pkix-ocsp-nocheck, extnValue NULL.
[[nodiscard]] bool add_ocsp_no_check(X509* x) {
  static constexpr std::uint8_t kNull[] = {0x05, 0x00};
  ossl::Asn1OctetString value(ASN1_OCTET_STRING_new());
  if (!value || ASN1_OCTET_STRING_set(value.get(), kNull, sizeof kNull) != 1) return false;
  ossl::X509Ext ext(X509_EXTENSION_create_by_NID(nullptr, NID_id_pkix_OCSP_noCheck, 0, value.get()));
  return ext && X509_add_ext(x, ext.get(), -1) == 1;
}

[[nodiscard]] Bytes encoded_spki(const X509* x) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

[[nodiscard]] Result<Bytes> issuer_key_id(const X509* issuer) {
  // X509_get0_subject_key_id only reads the extension cache d2i_X509 already filled.
  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(const_cast<X509*>(issuer))) {
    const unsigned char* data = ASN1_STRING_get0_data(ski);
    return Bytes(data, data + ASN1_STRING_length(ski));
  }
  return key_identifier(encoded_spki(issuer));
}

[[nodiscard]] Status add_extensions(X509* x, const CertificateSpec& spec, const X509* issuer) {
  auto ski = key_identifier(spec.subject_public_key_der);
  if (!ski) return fail(ski.error());
  auto aki = issuer != nullptr ? issuer_key_id(issuer) : Result<Bytes>(*ski);
  if (!aki) return fail(aki.error());
  const bool ok = add_basic_constraints(x, spec) && add_key_usage(x, spec.key_usage) &&
                  add_ext_key_usage(x, spec.extended_key_usage) &&
                  add_key_id(x, NID_subject_key_identifier, *ski) &&
                  add_key_id(x, NID_authority_key_identifier, *aki) && add_policies(x, spec.policy_oids) &&
                  add_subject_alt_name(x, spec) && add_info_access(x, spec) &&
                  add_crl_distribution_points(x, spec.crl_urls) && (!spec.ocsp_no_check || add_ocsp_no_check(x));
  if (!ok) return build_failed("lỗi tạo phần mở rộng", "cannot encode an extension");
  return {};
}

[[nodiscard]] bool set_time(X509* x, TimePoint t, bool not_before) {
  // ASN1_TIME_set picks UTCTime for 1950–2049 and GeneralizedTime otherwise (RFC 5280 §4.1.2.5).
  ossl::Asn1Time time(ASN1_TIME_set(nullptr, static_cast<time_t>(to_unix(t))));
  if (!time) return false;
  return (not_before ? X509_set1_notBefore(x, time.get()) : X509_set1_notAfter(x, time.get())) == 1;
}

[[nodiscard]] bool set_serial(X509* x, std::span<const std::uint8_t> serial) {
  ossl::Bignum bn(BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr));
  if (!bn) return false;
  ossl::Asn1Integer integer(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  return integer && X509_set_serialNumber(x, integer.get()) == 1;
}

// Signs the TBSCertificate with `key` and assembles the Certificate (RFC 5280 §4.1.1).
[[nodiscard]] Result<Bytes> sign_tbs(X509* x, const PrivateKey& key) {
  const Bytes alg_der = key.signature_algorithm_der();
  const unsigned char* p = alg_der.data();
  const ossl::X509Algor alg(d2i_X509_ALGOR(nullptr, &p, static_cast<long>(alg_der.size())));
  // OpenSSL 3.0 has no setter for TBSCertificate.signature (§4.1.2.3); the object is ours.
  auto* tbs_alg = const_cast<X509_ALGOR*>(X509_get0_tbs_sigalg(x));
  if (!alg || tbs_alg == nullptr || X509_ALGOR_copy(tbs_alg, alg.get()) != 1) {
    return build_failed("không đặt được thuật toán ký", "cannot set the signature algorithm");
  }
  unsigned char* der = nullptr;
  const int len = i2d_re_X509_tbs(x, &der);
  if (len <= 0) return build_failed("không mã hóa được TBSCertificate", "cannot encode the TBSCertificate");
  const ossl::OsslBytes owner(der);
  const Bytes tbs(der, der + len);
  auto signature = key.sign(tbs);
  if (!signature) return fail(signature.error());
  der::Writer w;
  const auto cert = w.begin(der::kSequence);
  w.raw(tbs);
  w.raw(alg_der);
  w.bit_string(*signature);
  w.end(cert);
  if (w.failed()) return build_failed("không mã hóa được chứng thư", "cannot encode the certificate");
  return w.take();
}

// Puts the SubjectPublicKeyInfo into the certificate as it is, without decoding the key
// (OpenSSL 3.0 decodes through its slow decoder framework; the key was checked when it came in).
[[nodiscard]] bool set_public_key(X509* x, std::span<const std::uint8_t> spki) {
  auto parsed = parse_spki(spki);
  if (!parsed || parsed->kind == ParsedSpki::Kind::other) return false;
  ASN1_OBJECT* alg = OBJ_nid2obj(parsed->kind == ParsedSpki::Kind::rsa ? NID_rsaEncryption : NID_X9_62_id_ecPublicKey);
  int ptype = V_ASN1_NULL;
  void* pval = nullptr;
  if (parsed->kind == ParsedSpki::Kind::ec) {
    if (!parsed->curve_oid) return false;
    ASN1_OBJECT* curve = OBJ_txt2obj(parsed->curve_oid->c_str(), 1);
    if (curve == nullptr) return false;
    ptype = V_ASN1_OBJECT;
    pval = curve;
  }
  auto* bits = static_cast<unsigned char*>(OPENSSL_memdup(parsed->key_bits.data(), parsed->key_bits.size()));
  if (bits == nullptr ||
      X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(x), alg, ptype, pval, bits, static_cast<int>(parsed->key_bits.size())) != 1) {
    OPENSSL_free(bits);
    if (ptype == V_ASN1_OBJECT) ASN1_OBJECT_free(static_cast<ASN1_OBJECT*>(pval));
    return false;
  }
  return true;
}

}  // namespace

Result<Bytes> sign_certificate(const CertificateSpec& spec, const PrivateKey& issuer_key) {
  ErrorQueueGuard guard;
  if (auto valid = validate_spec(spec); !valid) return fail(valid.error());
  auto subject_spki = parse_spki(spec.subject_public_key_der);
  if (!subject_spki || subject_spki->kind == ParsedSpki::Kind::other) {
    return fail(ErrorCode::invalid_input, "Khóa công khai của chủ thể không hợp lệ",
                "The subject public key is not a valid RSA or EC SubjectPublicKeyInfo");
  }
  const X509* issuer = nullptr;
  if (!spec.issuer_certificate_der.empty()) {
    issuer = cached_certificate(spec.issuer_certificate_der);
    if (issuer == nullptr) {
      return fail(ErrorCode::invalid_input, "Chứng thư số của CA cấp phát không hợp lệ",
                  "The issuer certificate is not valid DER");
    }
  }
  const Bytes signer_spki = issuer != nullptr ? encoded_spki(issuer) : spec.subject_public_key_der;
  if (signer_spki != issuer_key.public_key_der()) {
    return fail(ErrorCode::invalid_input, "Khóa ký không khớp với khóa công khai của CA cấp phát",
                "The signing key does not match the issuer's public key");
  }
  auto subject = x509_name_from_dn(spec.subject);
  if (!subject) return fail(subject.error());

  ossl::X509Ptr x(X509_new());
  if (!x || X509_set_version(x.get(), X509_VERSION_3) != 1 || !set_serial(x.get(), spec.serial) ||
      X509_set_subject_name(x.get(), subject->get()) != 1 ||
      X509_set_issuer_name(x.get(), issuer != nullptr ? X509_get_subject_name(issuer) : subject->get()) != 1 ||
      !set_time(x.get(), spec.not_before, true) || !set_time(x.get(), spec.not_after, false) ||
      !set_public_key(x.get(), spec.subject_public_key_der)) {
    return build_failed("lỗi điền TBSCertificate", "cannot fill the TBSCertificate");
  }
  if (auto ext = add_extensions(x.get(), spec, issuer); !ext) return fail(ext.error());
  // Re-parsing and verifying the result is the pre-release check's work (check_certificate).
  return sign_tbs(x.get(), issuer_key);
}

}  // namespace ct::crypto
