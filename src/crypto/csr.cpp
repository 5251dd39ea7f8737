// parse_csr: PKCS#10 (RFC 2986) parsing and the key policy of SPEC §6.
//
//   CertificationRequest ::= SEQUENCE {
//     certificationRequestInfo  CertificationRequestInfo,  -- version, subject, subjectPKInfo, attributes
//     signatureAlgorithm        AlgorithmIdentifier,
//     signature                 BIT STRING }
//
// Guarantees on success: the input was at most max_csr_bytes, exactly one DER
// CertificationRequest (PEM-wrapped or not), version 1, a key that passes the policy, and a
// self-signature that verifies under that key. The subject is not validated (it is never used).

#include <openssl/core_names.h>
#include <openssl/objects.h>

#include <array>

#include "crypto/csr.h"
#include "crypto/ossl_error.h"
#include "crypto/pem.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

constexpr unsigned long kRequiredExponent = 65537;
constexpr unsigned long kSmallFactorBound = 1000;

[[nodiscard]] Error refusal(const std::string& vi, const std::string& en) {
  return openssl_error(ErrorCode::invalid_input, "Yêu cầu chứng thư số (CSR) bị từ chối: " + vi,
                       "Certificate request (CSR) refused: " + en);
}

void free_chars(char* p) { OPENSSL_free(p); }

[[nodiscard]] std::string small_number(const BIGNUM* bn) {
  if (BN_num_bits(bn) > 64) return "of " + std::to_string(BN_num_bits(bn)) + " bits";
  const ossl::Ptr<char, free_chars> text(BN_bn2dec(bn));
  return text ? std::string(text.get()) : std::string("?");
}

[[nodiscard]] Status check_rsa(const EVP_PKEY* pkey, const KeyPolicy& policy) {
  const int bits = EVP_PKEY_get_bits(pkey);
  const std::string b = std::to_string(bits);
  if (bits < policy.min_rsa_bits) {
    const std::string min = std::to_string(policy.min_rsa_bits);
    return fail(refusal("khóa RSA " + b + " bit nhỏ hơn mức tối thiểu " + min + " bit",
                        "RSA key of " + b + " bits is below the minimum of " + min));
  }
  if (bits > policy.max_rsa_bits) {
    const std::string max = std::to_string(policy.max_rsa_bits);
    return fail(refusal("khóa RSA " + b + " bit vượt mức tối đa " + max + " bit",
                        "RSA key of " + b + " bits is above the maximum of " + max));
  }
  BIGNUM* n_raw = nullptr;
  BIGNUM* e_raw = nullptr;
  const int got_n = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n_raw);
  const int got_e = EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e_raw);
  const ossl::Bignum n(n_raw);
  const ossl::Bignum e(e_raw);
  if (got_n != 1 || got_e != 1) {
    return fail(refusal("không đọc được khóa RSA", "cannot read the RSA key"));
  }
  if (!BN_is_word(e.get(), kRequiredExponent)) {
    const std::string value = small_number(e.get());
    return fail(refusal("số mũ công khai RSA " + value + " không phải 65537",
                        "RSA public exponent " + value + " is not 65537"));
  }
  if (!BN_is_odd(n.get())) {
    return fail(refusal("modulus RSA là số chẵn", "RSA modulus is even"));
  }
  for (unsigned long p = 3; p < kSmallFactorBound; p += 2) {
    bool prime = true;
    for (unsigned long d = 3; d * d <= p; d += 2) {
      if (p % d == 0) prime = false;
    }
    if (prime && BN_mod_word(n.get(), p) == 0) {
      return fail(refusal("modulus RSA có ước số nhỏ " + std::to_string(p),
                          "RSA modulus has the small factor " + std::to_string(p)));
    }
  }
  return {};
}

// RFC 5480 §2.1.1: namedCurve only; this policy accepts secp256r1 and secp384r1.
[[nodiscard]] Status check_ec(X509_PUBKEY* xpk, EVP_PKEY* pkey) {
  X509_ALGOR* alg = nullptr;
  if (X509_PUBKEY_get0_param(nullptr, nullptr, nullptr, &alg, xpk) != 1 || alg == nullptr) {
    return fail(refusal("thiếu tham số đường cong elliptic", "missing elliptic curve parameters"));
  }
  int ptype = V_ASN1_UNDEF;
  const void* pval = nullptr;
  X509_ALGOR_get0(nullptr, &ptype, &pval, alg);
  if (ptype != V_ASN1_OBJECT || pval == nullptr) {
    return fail(refusal("tham số EC không phải đường cong có tên",
                        "EC parameters are not a named curve (RFC 5480 §2.1.1)"));
  }
  const auto* curve = static_cast<const ASN1_OBJECT*>(pval);
  const int nid = OBJ_obj2nid(curve);
  if (nid != NID_X9_62_prime256v1 && nid != NID_secp384r1) {
    const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
    const std::string name = sn != nullptr ? std::string(sn) : oid_text(curve);
    return fail(refusal("đường cong elliptic " + name + " không được hỗ trợ (chỉ P-256 hoặc P-384)",
                        "unsupported elliptic curve " + name + " (P-256 or P-384 only)"));
  }
  bool point_ok = pkey != nullptr;
  if (point_ok) {
    const ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    point_ok = ctx && EVP_PKEY_public_check(ctx.get()) == 1;
  }
  if (!point_ok) {
    return fail(refusal("điểm khóa công khai EC không hợp lệ (không nằm trên đường cong)",
                        "invalid EC public key point (not on the curve)"));
  }
  return {};
}

[[nodiscard]] Status check_key(X509_REQ* req, const KeyPolicy& policy) {
  X509_PUBKEY* xpk = X509_REQ_get_X509_PUBKEY(req);
  ASN1_OBJECT* alg_obj = nullptr;
  if (xpk == nullptr || X509_PUBKEY_get0_param(&alg_obj, nullptr, nullptr, nullptr, xpk) != 1) {
    return fail(refusal("thiếu khóa công khai", "missing public key"));
  }
  EVP_PKEY* pkey = X509_REQ_get0_pubkey(req);
  switch (OBJ_obj2nid(alg_obj)) {
    case NID_rsaEncryption:
      if (pkey == nullptr) return fail(refusal("khóa RSA sai cấu trúc", "malformed RSA public key"));
      return check_rsa(pkey, policy);
    case NID_X9_62_id_ecPublicKey:
      return check_ec(xpk, pkey);
    default: {
      const int nid = OBJ_obj2nid(alg_obj);
      const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
      const std::string name = sn != nullptr ? std::string(sn) : oid_text(alg_obj);
      return fail(refusal("thuật toán khóa " + name + " không được hỗ trợ (chỉ RSA hoặc ECDSA)",
                          "unsupported key algorithm " + name + " (RSA or ECDSA only)"));
    }
  }
}

}  // namespace

Result<CsrInfo> parse_csr(std::span<const std::uint8_t> input, const KeyPolicy& policy) {
  ErrorQueueGuard guard;
  if (input.size() > policy.max_csr_bytes) {
    const std::string size = std::to_string(input.size());
    const std::string limit = std::to_string(policy.max_csr_bytes);
    return fail(refusal("tệp " + size + " byte vượt giới hạn " + limit + " byte",
                        "the file is " + size + " bytes, over the limit of " + limit + " bytes"));
  }
  auto der = pem_or_der(input, {"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"});
  if (!der) {
    return fail(refusal("không phải PEM hay DER của một CSR (" + der.error().message_vi + ")",
                        "not a PEM or DER certification request (" + der.error().message_en + ")"));
  }
  const unsigned char* p = der->data();
  const ossl::X509Req req(d2i_X509_REQ(nullptr, &p, static_cast<long>(der->size())));
  if (!req || p != der->data() + der->size()) {
    return fail(refusal("cấu trúc DER hỏng hoặc bị cắt cụt", "malformed or truncated DER"));
  }
  if (X509_REQ_get_version(req.get()) != X509_REQ_VERSION_1) {
    return fail(refusal("phiên bản CSR không hỗ trợ", "unsupported CSR version (RFC 2986 §4.1: v1)"));
  }
  if (auto key = check_key(req.get(), policy); !key) return fail(key.error());
  EVP_PKEY* pkey = X509_REQ_get0_pubkey(req.get());
  if (pkey == nullptr || X509_REQ_verify(req.get(), pkey) != 1) {
    return fail(refusal("chữ ký của CSR không đúng", "the CSR self-signature does not verify"));
  }
  CsrInfo info;
  unsigned char* spki = nullptr;
  const int spki_len = i2d_PUBKEY(pkey, &spki);
  if (spki_len <= 0) return fail(refusal("không mã hóa được khóa công khai", "cannot encode the public key"));
  const ossl::OsslBytes owner(spki);
  info.public_key_der.assign(spki, spki + spki_len);
  info.key_algorithm = key_algorithm_name(pkey);
  info.subject = dn_from_x509_name(X509_REQ_get_subject_name(req.get())).value_or(DistinguishedName{});
  return info;
}

}  // namespace ct::crypto
