#include "crypto/spki.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>
#include <vector>

#include "crypto/der.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {
namespace {

constexpr const char* kRsaEncryption = "1.2.840.113549.1.1.1";
constexpr const char* kEcPublicKey = "1.2.840.10045.2.1";
constexpr const char* kP256 = "1.2.840.10045.3.1.7";
constexpr const char* kP384 = "1.3.132.0.34";

Error malformed() {
  return Error::make(ErrorCode::invalid_input, "Khóa công khai sai cấu trúc (SubjectPublicKeyInfo)",
                     "Malformed public key (SubjectPublicKeyInfo)");
}

struct PkeyCtxCache {
  ossl::PkeyCtx rsa{EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)};
  ossl::PkeyCtx ec{EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)};
};

PkeyCtxCache& ctx_cache() {
  thread_local PkeyCtxCache cache;
  return cache;
}

Result<ossl::Pkey> import_rsa(const ParsedSpki& p) {
  ossl::Bignum n(BN_bin2bn(p.rsa_modulus.data(), static_cast<int>(p.rsa_modulus.size()), nullptr));
  ossl::Bignum e(BN_bin2bn(p.rsa_exponent.data(), static_cast<int>(p.rsa_exponent.size()), nullptr));
  EVP_PKEY_CTX* ctx = ctx_cache().rsa.get();
  if (!n || !e || ctx == nullptr) return fail(openssl_error(ErrorCode::internal, "Lỗi nhập khóa RSA", "Cannot import the RSA key"));
  // OSSL_PARAM integers are native-endian unsigned magnitudes (OSSL_PARAM_UNSIGNED_INTEGER).
  std::vector<unsigned char> nbuf(static_cast<std::size_t>(BN_num_bytes(n.get())) + 1);
  std::vector<unsigned char> ebuf(static_cast<std::size_t>(BN_num_bytes(e.get())) + 1);
  if (BN_bn2nativepad(n.get(), nbuf.data(), static_cast<int>(nbuf.size())) < 0 ||
      BN_bn2nativepad(e.get(), ebuf.data(), static_cast<int>(ebuf.size())) < 0) {
    return fail(malformed());
  }
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_RSA_N, nbuf.data(), nbuf.size()),
      OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_RSA_E, ebuf.data(), ebuf.size()),
      OSSL_PARAM_construct_end(),
  };
  EVP_PKEY* out = nullptr;
  if (EVP_PKEY_fromdata_init(ctx) != 1 || EVP_PKEY_fromdata(ctx, &out, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    ERR_clear_error();
    return fail(malformed());
  }
  return ossl::Pkey(out);
}

Result<ossl::Pkey> import_ec(const ParsedSpki& p) {
  const auto name = p.curve_oid ? policy_curve_name(*p.curve_oid) : std::nullopt;
  if (!name) return fail(malformed());
  // An uncompressed (0x04) or compressed (0x02/0x03) point of the curve's size; the point at
  // infinity and hybrid forms are refused. Import checks the point is on the curve; P-256 and
  // P-384 have cofactor 1, so that is full public-key validation (SP 800-56A §5.6.2.3.4).
  const std::size_t field = *name == "P-256" ? 32 : 48;
  const auto& k = p.key_bits;
  const bool shape = (k.size() == 1 + 2 * field && k[0] == 0x04) ||
                     (k.size() == 1 + field && (k[0] == 0x02 || k[0] == 0x03));
  if (!shape) return fail(malformed());
  char group[16];
  std::snprintf(group, sizeof group, "%s", *name == "P-256" ? "prime256v1" : "secp384r1");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
      OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, const_cast<std::uint8_t*>(k.data()), k.size()),
      OSSL_PARAM_construct_end(),
  };
  EVP_PKEY_CTX* ctx = ctx_cache().ec.get();
  EVP_PKEY* out = nullptr;
  if (ctx == nullptr || EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &out, EVP_PKEY_PUBLIC_KEY, params) != 1) {
    ERR_clear_error();
    return fail(Error::make(ErrorCode::invalid_input, "Điểm khóa công khai EC không hợp lệ (không nằm trên đường cong)",
                            "Invalid EC public key point (not on the curve)"));
  }
  return ossl::Pkey(out);
}

template <typename T, void (*Free)(T*), typename Make>
const T* cached(std::vector<std::pair<Bytes, ossl::Ptr<T, Free>>>& cache, std::span<const std::uint8_t> key,
                Make make) {
  for (auto& [bytes, value] : cache) {
    if (bytes.size() == key.size() && std::equal(bytes.begin(), bytes.end(), key.begin())) return value.get();
  }
  ossl::Ptr<T, Free> made = make();
  if (!made) return nullptr;
  if (cache.size() >= 8) cache.erase(cache.begin());
  cache.emplace_back(Bytes(key.begin(), key.end()), std::move(made));
  return cache.back().second.get();
}

}  // namespace

std::optional<std::string> policy_curve_name(const std::string& curve_oid) {
  if (curve_oid == kP256) return "P-256";
  if (curve_oid == kP384) return "P-384";
  return std::nullopt;
}

Result<ParsedSpki> parse_spki(std::span<const std::uint8_t> spki) {
  der::Reader outer(spki);
  auto seq = outer.next(der::kSequence);
  if (!seq || !outer.empty()) return fail(malformed());
  der::Reader fields(seq->content);
  auto alg = fields.next(der::kSequence);
  auto bits = fields.next(der::kBitString);
  if (!alg || !bits || !fields.empty() || bits->content.empty() || bits->content[0] != 0) return fail(malformed());
  der::Reader alg_fields(alg->content);
  auto oid = alg_fields.next(der::kOid);
  if (!oid) return fail(malformed());
  ParsedSpki p;
  p.algorithm_oid = der::oid_text(oid->content);
  p.key_bits = bits->content.subspan(1);
  if (p.algorithm_oid == kRsaEncryption) {
    p.kind = ParsedSpki::Kind::rsa;
    if (auto params = alg_fields.next_if(der::kNull)) p.rsa_params_null = params->content.empty();
    if (!alg_fields.empty()) return fail(malformed());
    der::Reader key_seq(p.key_bits);
    auto rsa = key_seq.next(der::kSequence);
    if (!rsa || !key_seq.empty()) return fail(malformed());
    der::Reader ints(rsa->content);
    auto n = ints.next(der::kInteger);
    auto e = ints.next(der::kInteger);
    if (!n || !e || !ints.empty()) return fail(malformed());
    auto n_mag = der::positive_integer(n->content);
    auto e_mag = der::positive_integer(e->content);
    if (!n_mag || !e_mag) return fail(malformed());
    p.rsa_modulus = *n_mag;
    p.rsa_exponent = *e_mag;
  } else if (p.algorithm_oid == kEcPublicKey) {
    p.kind = ParsedSpki::Kind::ec;
    if (auto curve = alg_fields.next_if(der::kOid)) p.curve_oid = der::oid_text(curve->content);
    if (!alg_fields.empty() && !p.curve_oid) return fail(malformed());
  }
  return p;
}

Result<ossl::Pkey> import_public_key(std::span<const std::uint8_t> spki) {
  auto parsed = parse_spki(spki);
  if (!parsed) return fail(parsed.error());
  if (parsed->kind == ParsedSpki::Kind::rsa) return import_rsa(*parsed);
  if (parsed->kind == ParsedSpki::Kind::ec && parsed->curve_oid && policy_curve_name(*parsed->curve_oid)) {
    return import_ec(*parsed);
  }
  const unsigned char* p = spki.data();
  ossl::Pkey key(d2i_PUBKEY(nullptr, &p, static_cast<long>(spki.size())));
  if (!key || p != spki.data() + spki.size()) {
    ERR_clear_error();
    return fail(malformed());
  }
  return key;
}

const EVP_PKEY* cached_public_key(std::span<const std::uint8_t> spki) {
  thread_local std::vector<std::pair<Bytes, ossl::Pkey>> cache;
  return cached(cache, spki, [&] {
    auto key = import_public_key(spki);
    return key ? std::move(*key) : ossl::Pkey();
  });
}

const X509* cached_certificate(std::span<const std::uint8_t> der) {
  thread_local std::vector<std::pair<Bytes, ossl::X509Ptr>> cache;
  return cached(cache, der, [&] {
    const unsigned char* p = der.data();
    ossl::X509Ptr x(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!x || p != der.data() + der.size()) {
      ERR_clear_error();
      return ossl::X509Ptr();
    }
    return x;
  });
}

}  // namespace ct::crypto
