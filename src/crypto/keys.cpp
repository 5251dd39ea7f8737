#include "crypto/keys.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/rsa.h>

#include <fstream>
#include <vector>

#include "common/text.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"
#include "crypto/spki.h"

namespace ct::crypto {

const char* to_string(KeyType t) noexcept {
  switch (t) {
    case KeyType::rsa2048: return "rsa2048";
    case KeyType::rsa3072: return "rsa3072";
    case KeyType::rsa4096: return "rsa4096";
    case KeyType::ec_p256: return "ec-p256";
    case KeyType::ec_p384: return "ec-p384";
  }
  return "?";
}

Result<KeyType> parse_key_type(std::string_view s) {
  for (KeyType t : {KeyType::rsa2048, KeyType::rsa3072, KeyType::rsa4096, KeyType::ec_p256, KeyType::ec_p384}) {
    if (s == to_string(t)) return t;
  }
  return fail(ErrorCode::invalid_input,
              "Loại khóa không hỗ trợ: " + std::string(s) + " (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384)",
              "Unsupported key type: " + std::string(s) + " (rsa2048, rsa3072, rsa4096, ec-p256, ec-p384)");
}

const EVP_MD* evp_md(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1: return EVP_sha1();
    case HashAlg::sha256: return EVP_sha256();
    case HashAlg::sha384: return EVP_sha384();
    case HashAlg::sha512: return EVP_sha512();
  }
  return EVP_sha256();
}

Bytes digest(HashAlg alg, std::span<const std::uint8_t> data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out.data(), &len, evp_md(alg), nullptr);
  out.resize(len);
  return out;
}

std::string sha256_hex(std::string_view text) {
  const Bytes d = digest(HashAlg::sha256, std::span<const std::uint8_t>(
                                              reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  return text::ascii_lower(to_hex(d));
}

Result<Bytes> digest_file(HashAlg alg, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(ErrorCode::unavailable, "Không đọc được tệp", "Cannot read the file", path);
  ossl::MdCtx md(EVP_MD_CTX_new());
  if (!md || EVP_DigestInit_ex(md.get(), evp_md(alg), nullptr) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không tính được giá trị băm", "Cannot compute the digest"));
  }
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(md.get(), buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  EVP_DigestFinal_ex(md.get(), out.data(), &len);
  out.resize(len);
  return out;
}

Result<KeyType> classify_key(const EVP_PKEY* pkey) {
  const int id = EVP_PKEY_get_base_id(pkey);
  if (id == EVP_PKEY_RSA) {
    const int bits = EVP_PKEY_get_bits(pkey);
    if (bits == 2048) return KeyType::rsa2048;
    if (bits == 3072) return KeyType::rsa3072;
    if (bits == 4096) return KeyType::rsa4096;
    return fail(ErrorCode::invalid_input, "Độ dài khóa RSA không hỗ trợ: " + std::to_string(bits),
                "Unsupported RSA key size: " + std::to_string(bits));
  }
  if (id == EVP_PKEY_EC) {
    char curve[64] = {};
    size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &len) == 1) {
      const std::string c(curve, len);
      if (c == "prime256v1" || c == "P-256") return KeyType::ec_p256;
      if (c == "secp384r1" || c == "P-384") return KeyType::ec_p384;
      return fail(ErrorCode::invalid_input, "Đường cong elliptic không hỗ trợ: " + c,
                  "Unsupported elliptic curve: " + c);
    }
    return fail(ErrorCode::invalid_input, "Đường cong elliptic không xác định", "Unknown elliptic curve");
  }
  return fail(ErrorCode::invalid_input, "Thuật toán khóa không hỗ trợ (chỉ RSA hoặc ECDSA)",
              "Unsupported key algorithm (RSA or ECDSA only)");
}

namespace {
Bytes spki_of(EVP_PKEY* pkey) {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(pkey, &der);
  if (len <= 0) return {};
  ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}
}  // namespace

Result<PrivateKey> wrap_private_key(ossl::Pkey pkey) {
  auto type = classify_key(pkey.get());
  if (!type) return fail(type.error());
  Bytes spki = spki_of(pkey.get());
  if (spki.empty()) return fail(openssl_error(ErrorCode::internal, "Không mã hóa được khóa công khai", "Cannot encode public key"));
  auto impl = std::make_unique<PrivateKeyImpl>(PrivateKeyImpl{std::move(pkey), *type, std::move(spki), nullptr});
  return PrivateKey(std::move(impl));
}

Result<PrivateKey> external_private_key(Bytes spki, std::shared_ptr<const ExternalSigner> signer) {
  auto pub = import_public_key(spki);
  if (!pub) return fail(pub.error());
  auto type = classify_key(pub->get());
  if (!type) return fail(type.error());
  auto impl = std::make_unique<PrivateKeyImpl>(PrivateKeyImpl{ossl::Pkey(), *type, std::move(spki), std::move(signer)});
  return PrivateKey(std::move(impl));
}

PrivateKey::PrivateKey(std::unique_ptr<PrivateKeyImpl> impl) : impl_(std::move(impl)) {}
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(PrivateKey&&) noexcept = default;
PrivateKey& PrivateKey::operator=(PrivateKey&&) noexcept = default;

KeyType PrivateKey::type() const noexcept { return impl_->type; }
HashAlg PrivateKey::signature_hash() const noexcept {
  return impl_->type == KeyType::ec_p384 ? HashAlg::sha384 : HashAlg::sha256;
}
const Bytes& PrivateKey::public_key_der() const noexcept { return impl_->spki; }

Bytes PrivateKey::signature_algorithm_der() const {
  // AlgorithmIdentifier DER, RFC 4055 §5 / RFC 5758 §3.2.
  static const Bytes kSha256Rsa{0x30, 0x0D, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7,
                                0x0D, 0x01, 0x01, 0x0B, 0x05, 0x00};
  static const Bytes kEcdsaSha256{0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02};
  static const Bytes kEcdsaSha384{0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x03};
  switch (impl_->type) {
    case KeyType::ec_p256: return kEcdsaSha256;
    case KeyType::ec_p384: return kEcdsaSha384;
    default: return kSha256Rsa;
  }
}

Result<Bytes> PrivateKey::sign_digest(std::span<const std::uint8_t> dgst) const {
  if (impl_->external) return impl_->external->sign_digest(impl_->type, signature_hash(), dgst);
  ErrorQueueGuard guard;
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, impl_->pkey.get(), nullptr));
  if (!ctx || EVP_PKEY_sign_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_signature_md(ctx.get(), evp_md(signature_hash())) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không khởi tạo được phép ký", "Cannot initialise signing"));
  }
  if (impl_->type != KeyType::ec_p256 && impl_->type != KeyType::ec_p384 &&
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không đặt được kiểu đệm RSA", "Cannot set RSA padding"));
  }
  size_t len = 0;
  if (EVP_PKEY_sign(ctx.get(), nullptr, &len, dgst.data(), dgst.size()) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Ký thất bại", "Signing failed"));
  }
  Bytes sig(len);
  if (EVP_PKEY_sign(ctx.get(), sig.data(), &len, dgst.data(), dgst.size()) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Ký thất bại", "Signing failed"));
  }
  sig.resize(len);
  return sig;
}

Result<Bytes> PrivateKey::sign(std::span<const std::uint8_t> data) const {
  const Bytes d = digest(signature_hash(), data);
  return sign_digest(d);
}

Result<PrivateKey> generate_key(KeyType type) {
  ErrorQueueGuard guard;
  EVP_PKEY* raw = nullptr;
  switch (type) {
    case KeyType::rsa2048: raw = EVP_RSA_gen(2048); break;
    case KeyType::rsa3072: raw = EVP_RSA_gen(3072); break;
    case KeyType::rsa4096: raw = EVP_RSA_gen(4096); break;
    case KeyType::ec_p256: raw = EVP_EC_gen("P-256"); break;
    case KeyType::ec_p384: raw = EVP_EC_gen("P-384"); break;
  }
  if (raw == nullptr) {
    return fail(openssl_error(ErrorCode::internal, "Không sinh được khóa", "Key generation failed"));
  }
  return wrap_private_key(ossl::Pkey(raw));
}

bool verify_signature(std::span<const std::uint8_t> spki_der, HashAlg hash, std::span<const std::uint8_t> data,
                      std::span<const std::uint8_t> signature) {
  ErrorQueueGuard guard;
  const EVP_PKEY* pub = cached_public_key(spki_der);
  if (pub == nullptr) return false;
  ossl::MdCtx md(EVP_MD_CTX_new());
  if (!md || EVP_DigestVerifyInit(md.get(), nullptr, evp_md(hash), nullptr, const_cast<EVP_PKEY*>(pub)) != 1) {
    return false;
  }
  return EVP_DigestVerify(md.get(), signature.data(), signature.size(), data.data(), data.size()) == 1;
}

Result<std::string> public_key_algorithm(std::span<const std::uint8_t> spki_der) {
  ErrorQueueGuard guard;
  auto parsed = parse_spki(spki_der);
  if (!parsed) return fail(parsed.error());
  if (parsed->kind == ParsedSpki::Kind::other) {
    return fail(ErrorCode::invalid_input, "Thuật toán khóa không hỗ trợ (chỉ RSA hoặc ECDSA)",
                "Unsupported key algorithm (RSA or ECDSA only)");
  }
  if (parsed->kind == ParsedSpki::Kind::ec && !(parsed->curve_oid && policy_curve_name(*parsed->curve_oid))) {
    return fail(ErrorCode::invalid_input, "Đường cong elliptic không hỗ trợ (chỉ P-256 hoặc P-384)",
                "Unsupported elliptic curve (P-256 or P-384 only)");
  }
  auto key = import_public_key(spki_der);
  if (!key) return fail(key.error());
  if (parsed->kind == ParsedSpki::Kind::rsa) return "RSA-" + std::to_string(EVP_PKEY_get_bits(key->get()));
  return "EC-" + policy_curve_name(*parsed->curve_oid)->substr(0, 1) + policy_curve_name(*parsed->curve_oid)->substr(2);
}

Result<Bytes> key_identifier(std::span<const std::uint8_t> spki_der) {
  auto parsed = parse_spki(spki_der);
  if (!parsed) return fail(parsed.error());
  return digest(HashAlg::sha1, parsed->key_bits);
}

}  // namespace ct::crypto
