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
#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "crypto/csr.h"
#include "crypto/ossl_error.h"
#include "crypto/der.h"
#include "crypto/pem.h"
#include "crypto/spki.h"
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
  // Odd primes below the bound, multiplied into words so one BN_mod_word covers several.
  static const std::vector<std::pair<BN_ULONG, std::vector<unsigned long>>> kPrimeProducts = [] {
    std::vector<std::pair<BN_ULONG, std::vector<unsigned long>>> out;
    BN_ULONG product = 1;
    std::vector<unsigned long> members;
    for (unsigned long p = 3; p < kSmallFactorBound; p += 2) {
      bool prime = true;
      for (unsigned long d = 3; d * d <= p; d += 2) {
        if (p % d == 0) prime = false;
      }
      if (!prime) continue;
      if (product > std::numeric_limits<BN_ULONG>::max() / p) {
        out.emplace_back(product, members);
        product = 1;
        members.clear();
      }
      product *= p;
      members.push_back(p);
    }
    if (!members.empty()) out.emplace_back(product, members);
    return out;
  }();
  for (const auto& [product, members] : kPrimeProducts) {
    const BN_ULONG rest = BN_mod_word(n.get(), product);
    for (unsigned long p : members) {
      if (rest % p == 0) {
        return fail(refusal("modulus RSA có ước số nhỏ " + std::to_string(p),
                            "RSA modulus has the small factor " + std::to_string(p)));
      }
    }
  }
  return {};
}

[[nodiscard]] std::string algorithm_name(const std::string& dotted_oid) {
  const ossl::Asn1Object obj(OBJ_txt2obj(dotted_oid.c_str(), 1));
  const int nid = obj ? OBJ_obj2nid(obj.get()) : NID_undef;
  const char* sn = nid != NID_undef ? OBJ_nid2sn(nid) : nullptr;
  return sn != nullptr ? std::string(sn) : dotted_oid;
}

// The key policy; on success the key, imported once (RFC 5480 §2.1.1: named curves only).
[[nodiscard]] Result<ossl::Pkey> check_key(std::span<const std::uint8_t> spki, const KeyPolicy& policy) {
  auto parsed = parse_spki(spki);
  if (!parsed) return fail(refusal("khóa công khai sai cấu trúc", "malformed public key"));
  switch (parsed->kind) {
    case ParsedSpki::Kind::rsa: {
      if (!parsed->rsa_params_null) {
        return fail(refusal("tham số khóa RSA phải là NULL", "RSA key parameters must be NULL (RFC 3279 §2.3.1)"));
      }
      auto key = import_public_key(spki);
      if (!key) return fail(refusal("khóa RSA sai cấu trúc", "malformed RSA public key"));
      if (auto st = check_rsa(key->get(), policy); !st) return fail(st.error());
      return std::move(*key);
    }
    case ParsedSpki::Kind::ec: {
      if (!parsed->curve_oid) {
        return fail(refusal("tham số EC không phải đường cong có tên",
                            "EC parameters are not a named curve (RFC 5480 §2.1.1)"));
      }
      if (!policy_curve_name(*parsed->curve_oid)) {
        const std::string name = algorithm_name(*parsed->curve_oid);
        return fail(refusal("đường cong elliptic " + name + " không được hỗ trợ (chỉ P-256 hoặc P-384)",
                            "unsupported elliptic curve " + name + " (P-256 or P-384 only)"));
      }
      auto key = import_public_key(spki);
      if (!key) {
        return fail(refusal("điểm khóa công khai EC không hợp lệ (không nằm trên đường cong)",
                            "invalid EC public key point (not on the curve)"));
      }
      return std::move(*key);
    }
    case ParsedSpki::Kind::other: break;
  }
  const std::string name = algorithm_name(parsed->algorithm_oid);
  return fail(refusal("thuật toán khóa " + name + " không được hỗ trợ (chỉ RSA hoặc ECDSA)",
                      "unsupported key algorithm " + name + " (RSA or ECDSA only)"));
}

// The digest of a CSR signature algorithm that matches the key (RFC 4055, RFC 5758); nullptr
// for anything else (RSA-PSS, MD5, mismatched families).
[[nodiscard]] const EVP_MD* signature_digest(std::span<const std::uint8_t> alg_content, bool rsa_key) {
  der::Reader r(alg_content);
  auto oid = r.next(der::kOid);
  if (!oid) return nullptr;
  const auto params = r.next_if(der::kNull);
  if (!r.empty() || (params && !params->content.empty())) return nullptr;
  static const std::vector<std::pair<std::vector<std::uint8_t>, const EVP_MD*>> kRsa{
      {{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x05}, EVP_sha1()},
      {{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B}, EVP_sha256()},
      {{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0C}, EVP_sha384()},
      {{0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0D}, EVP_sha512()}};
  static const std::vector<std::pair<std::vector<std::uint8_t>, const EVP_MD*>> kEcdsa{
      {{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x01}, EVP_sha1()},
      {{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02}, EVP_sha256()},
      {{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03}, EVP_sha384()},
      {{0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x04}, EVP_sha512()}};
  for (const auto& [content, md] : rsa_key ? kRsa : kEcdsa) {
    if (std::equal(content.begin(), content.end(), oid->content.begin(), oid->content.end())) {
      // RFC 5758 §3.2: ECDSA identifiers have no parameters; RFC 4055 §5: RSA ones have NULL.
      if (!rsa_key && params) return nullptr;
      return md;
    }
  }
  return nullptr;
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
  const auto truncated = [] { return fail(refusal("cấu trúc DER hỏng hoặc bị cắt cụt", "malformed or truncated DER")); };
  der::Reader outer(*der);
  const auto request = outer.next(der::kSequence);
  if (!request || !outer.empty()) return truncated();
  der::Reader parts(request->content);
  const auto info_el = parts.next(der::kSequence);
  const auto alg_el = parts.next(der::kSequence);
  const auto sig_el = parts.next(der::kBitString);
  if (!info_el || !alg_el || !sig_el || !parts.empty() || sig_el->content.empty() || sig_el->content[0] != 0) {
    return truncated();
  }
  der::Reader info_fields(info_el->content);
  const auto version = info_fields.next(der::kInteger);
  const auto subject_el = info_fields.next(der::kSequence);
  const auto spki_el = info_fields.next(der::kSequence);
  const auto attributes = info_fields.next(der::context_constructed(0));
  if (!version || !subject_el || !spki_el || !attributes || !info_fields.empty() ||
      !der::well_formed(info_el->content)) {
    return truncated();
  }
  if (version->content.size() != 1 || version->content[0] != 0) {
    return fail(refusal("phiên bản CSR không hỗ trợ", "unsupported CSR version (RFC 2986 §4.1: v1)"));
  }
  auto key = check_key(spki_el->encoded, policy);
  if (!key) return fail(key.error());
  const bool rsa = EVP_PKEY_get_base_id(key->get()) == EVP_PKEY_RSA;
  const EVP_MD* md = signature_digest(alg_el->content, rsa);
  const auto signature = sig_el->content.subspan(1);
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  if (md == nullptr || !ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key->get()) != 1 ||
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), info_el->encoded.data(),
                       info_el->encoded.size()) != 1) {
    return fail(refusal("chữ ký của CSR không đúng", "the CSR self-signature does not verify"));
  }
  CsrInfo info;
  info.public_key_der.assign(spki_el->encoded.begin(), spki_el->encoded.end());
  // A compressed EC point is re-encoded uncompressed, the form every verifier reads.
  if (const auto parsed = parse_spki(spki_el->encoded); parsed && !parsed->key_bits.empty() && parsed->key_bits[0] != 0x04 &&
                                                           parsed->kind == ParsedSpki::Kind::ec) {
    EVP_PKEY_set_utf8_string_param(key->get(), OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT, "uncompressed");
    unsigned char* spki = nullptr;
    const int len = i2d_PUBKEY(key->get(), &spki);
    if (len <= 0) return fail(refusal("không mã hóa được khóa công khai", "cannot encode the public key"));
    const ossl::OsslBytes owner(spki);
    info.public_key_der.assign(spki, spki + len);
  }
  info.key_algorithm = key_algorithm_name(key->get());
  const unsigned char* p = subject_el->encoded.data();
  const ossl::X509Name subject(d2i_X509_NAME(nullptr, &p, static_cast<long>(subject_el->encoded.size())));
  if (subject) info.subject = dn_from_x509_name(subject.get()).value_or(DistinguishedName{});
  ERR_clear_error();
  return info;
}

}  // namespace ct::crypto
