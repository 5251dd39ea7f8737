// inspect_certificate and is_issued_by: reading certificates, ours or anyone's.

#include <openssl/objects.h>

#include "crypto/certificate.h"
#include "crypto/ossl_error.h"
#include "crypto/pem.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

template <typename T, void (*Free)(T*)>
[[nodiscard]] ossl::Ptr<T, Free> get_ext(const X509* x, int nid) {
  return ossl::Ptr<T, Free>(static_cast<T*>(X509_get_ext_d2i(x, nid, nullptr, nullptr)));
}

[[nodiscard]] Bytes string_bytes(const ASN1_STRING* s) {
  if (s == nullptr) return {};
  const unsigned char* data = ASN1_STRING_get0_data(s);
  const int len = ASN1_STRING_length(s);
  if (data == nullptr || len <= 0) return {};
  return Bytes(data, data + len);
}

[[nodiscard]] std::string ia5_text(const ASN1_STRING* s) {
  const Bytes b = string_bytes(s);
  return std::string(b.begin(), b.end());
}

[[nodiscard]] Bytes name_der(const X509_NAME* name) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_NAME(name, &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

void read_basic_constraints(const X509* x, CertificateInfo& info) {
  const auto bc = get_ext<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>(x, NID_basic_constraints);
  if (!bc) return;
  info.is_ca = bc->ca != 0;
  if (bc->pathlen != nullptr) {
    const long len = ASN1_INTEGER_get(bc->pathlen);
    if (len >= 0 && len <= 1024) info.path_length = static_cast<int>(len);
  }
}

void read_key_usage(const X509* x, CertificateInfo& info) {
  const auto bits = get_ext<ASN1_BIT_STRING, ASN1_BIT_STRING_free>(x, NID_key_usage);
  if (!bits) return;
  for (std::size_t i = 0; i < kKeyUsageNames.size(); ++i) {
    if (ASN1_BIT_STRING_get_bit(bits.get(), static_cast<int>(i)) == 1) info.key_usage.emplace_back(kKeyUsageNames[i]);
  }
}

void read_ext_key_usage(const X509* x, CertificateInfo& info) {
  const auto eku = get_ext<EXTENDED_KEY_USAGE, EXTENDED_KEY_USAGE_free>(x, NID_ext_key_usage);
  if (!eku) return;
  for (int i = 0; i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
    info.extended_key_usage.push_back(eku_name(sk_ASN1_OBJECT_value(eku.get(), i)));
  }
}

void read_policies(const X509* x, CertificateInfo& info) {
  const auto policies = get_ext<CERTIFICATEPOLICIES, CERTIFICATEPOLICIES_free>(x, NID_certificate_policies);
  if (!policies) return;
  for (int i = 0; i < sk_POLICYINFO_num(policies.get()); ++i) {
    info.policy_oids.push_back(oid_text(sk_POLICYINFO_value(policies.get(), i)->policyid));
  }
}

void read_subject_alt_name(const X509* x, CertificateInfo& info) {
  const auto names = get_ext<GENERAL_NAMES, GENERAL_NAMES_free>(x, NID_subject_alt_name);
  if (!names) return;
  for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
    const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names.get(), i);
    if (gn->type == GEN_EMAIL) info.san_emails.push_back(ia5_text(gn->d.rfc822Name));
    if (gn->type == GEN_DNS) info.san_dns.push_back(ia5_text(gn->d.dNSName));
  }
}

void read_info_access(const X509* x, CertificateInfo& info) {
  const auto aia = get_ext<AUTHORITY_INFO_ACCESS, AUTHORITY_INFO_ACCESS_free>(x, NID_info_access);
  if (!aia) return;
  for (int i = 0; i < sk_ACCESS_DESCRIPTION_num(aia.get()); ++i) {
    const ACCESS_DESCRIPTION* ad = sk_ACCESS_DESCRIPTION_value(aia.get(), i);
    if (ad->location == nullptr || ad->location->type != GEN_URI) continue;
    const int method = OBJ_obj2nid(ad->method);
    if (method == NID_ad_OCSP) info.ocsp_urls.push_back(ia5_text(ad->location->d.uniformResourceIdentifier));
    if (method == NID_ad_ca_issuers) {
      info.ca_issuer_urls.push_back(ia5_text(ad->location->d.uniformResourceIdentifier));
    }
  }
}

void read_crl_distribution_points(const X509* x, CertificateInfo& info) {
  const auto points = get_ext<CRL_DIST_POINTS, CRL_DIST_POINTS_free>(x, NID_crl_distribution_points);
  if (!points) return;
  for (int i = 0; i < sk_DIST_POINT_num(points.get()); ++i) {
    const DIST_POINT* dp = sk_DIST_POINT_value(points.get(), i);
    if (dp->distpoint == nullptr || dp->distpoint->type != 0) continue;
    const GENERAL_NAMES* names = dp->distpoint->name.fullname;
    for (int j = 0; j < sk_GENERAL_NAME_num(names); ++j) {
      const GENERAL_NAME* gn = sk_GENERAL_NAME_value(names, j);
      if (gn->type == GEN_URI) info.crl_urls.push_back(ia5_text(gn->d.uniformResourceIdentifier));
    }
  }
}

[[nodiscard]] std::string signature_algorithm_name(const X509* x) {
  const X509_ALGOR* alg = nullptr;
  X509_get0_signature(nullptr, &alg, x);
  if (alg == nullptr) return {};
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, alg);
  const int nid = OBJ_obj2nid(obj);
  if (nid != NID_undef) {
    if (const char* ln = OBJ_nid2ln(nid)) return ln;
  }
  return oid_text(obj);
}

[[nodiscard]] auto unreadable(const std::string& vi, const std::string& en) {
  return fail(openssl_error(ErrorCode::invalid_input, "Chứng thư số không hợp lệ: " + vi, "Invalid certificate: " + en));
}

}  // namespace

ossl::X509Ptr parse_certificate_der(std::span<const std::uint8_t> der) {
  if (der.empty()) return nullptr;
  const unsigned char* p = der.data();
  ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!x || p != der.data() + der.size()) return nullptr;
  return x;
}

Result<CertificateInfo> certificate_info(X509* x, std::span<const std::uint8_t> der) {
  CertificateInfo info;
  info.serial = integer_magnitude(X509_get0_serialNumber(x));
  info.serial_hex = info.serial.empty() ? "00" : to_hex(info.serial);
  auto subject = dn_from_x509_name(X509_get_subject_name(x));
  auto issuer = dn_from_x509_name(X509_get_issuer_name(x));
  if (!subject || !issuer) return unreadable("không đọc được tên", "cannot read a name as UTF-8");
  info.subject = std::move(*subject);
  info.issuer = std::move(*issuer);
  info.subject_text = format_dn(info.subject);
  info.issuer_text = format_dn(info.issuer);
  const auto not_before = time_from_asn1(X509_get0_notBefore(x));
  const auto not_after = time_from_asn1(X509_get0_notAfter(x));
  if (!not_before || !not_after) return unreadable("thời hạn sai định dạng", "malformed validity");
  info.not_before = *not_before;
  info.not_after = *not_after;
  info.key_algorithm = key_algorithm_name(X509_get0_pubkey(x));
  unsigned char* spki = nullptr;
  const int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &spki);
  if (spki_len > 0) {
    const ossl::OsslBytes owner(spki);
    info.subject_public_key_der.assign(spki, spki + spki_len);
  }
  info.subject_key_id = string_bytes(X509_get0_subject_key_id(x));
  info.authority_key_id = string_bytes(X509_get0_authority_key_id(x));
  read_basic_constraints(x, info);
  read_key_usage(x, info);
  read_ext_key_usage(x, info);
  read_policies(x, info);
  read_subject_alt_name(x, info);
  read_info_access(x, info);
  read_crl_distribution_points(x, info);
  info.sha256_fingerprint = to_hex(digest(HashAlg::sha256, der));
  info.signature_algorithm = signature_algorithm_name(x);
  info.issuer_name_der = name_der(X509_get_issuer_name(x));
  info.subject_name_der = name_der(X509_get_subject_name(x));
  return info;
}

Result<CertificateInfo> inspect_certificate(std::span<const std::uint8_t> der_or_pem) {
  ErrorQueueGuard guard;
  auto der = pem_or_der(der_or_pem, {"CERTIFICATE"});
  if (!der) return fail(der.error());
  ossl::X509Ptr x = parse_certificate_der(*der);
  if (!x) return unreadable("DER không đúng cấu trúc Certificate", "DER is not a well-formed Certificate");
  return certificate_info(x.get(), *der);
}

bool is_issued_by(std::span<const std::uint8_t> cert_der, std::span<const std::uint8_t> issuer_der) {
  ErrorQueueGuard guard;
  const ossl::X509Ptr cert = parse_certificate_der(cert_der);
  const ossl::X509Ptr issuer = parse_certificate_der(issuer_der);
  if (!cert || !issuer) return false;
  EVP_PKEY* key = X509_get0_pubkey(issuer.get());
  return key != nullptr && X509_NAME_cmp(X509_get_issuer_name(cert.get()), X509_get_subject_name(issuer.get())) == 0 &&
         X509_verify(cert.get(), key) == 1;
}

}  // namespace ct::crypto
