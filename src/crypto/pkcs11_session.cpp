// Session operations of pkcs11.h: login and PINs, key pair generation, signing, certificates.
#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <cstring>

#include "crypto/der.h"
#include "crypto/ossl.h"
#include "crypto/ossl_error.h"
#include "crypto/pkcs11.h"
#include "crypto/pkcs11_internal.h"

namespace ct::crypto::pkcs11 {
namespace {

using ParamBuild = ossl::Ptr<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>;
using Params = ossl::Ptr<OSSL_PARAM, OSSL_PARAM_free>;

// CK_ATTRIBUTE of a value the caller keeps alive for the call.
template <typename T>
CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, T& value) {
  return CK_ATTRIBUTE{type, &value, sizeof value};
}
CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, Bytes& value) {
  return CK_ATTRIBUTE{type, value.data(), value.size()};
}

Bytes copy_of(std::string_view s) {
  return Bytes(s.begin(), s.end());
}
Bytes copy_of(std::span<const std::uint8_t> s) {
  return Bytes(s.begin(), s.end());
}

Error bad_key_id() {
  return Error::make(ErrorCode::invalid_input, "Thiếu mã khóa (CKA_ID)", "The key id (CKA_ID) is empty", "pkcs11_key");
}

// PKCS#11 §5.6: private objects are invisible, and private keys unusable, until the user logs in;
// saying so is clearer than "no such key".
Status require_user_login(const SessionImpl& s, std::string_view function) {
  CK_SESSION_INFO info{};
  if (auto st = check(s.lib->fns->C_GetSessionInfo(s.handle, &info), "C_GetSessionInfo"); !st) return st;
  if (info.state != CKS_RO_USER_FUNCTIONS && info.state != CKS_RW_USER_FUNCTIONS) {
    return fail(rv_error(CKR_USER_NOT_LOGGED_IN, function));
  }
  return {};
}

Result<std::vector<CK_OBJECT_HANDLE>> find_objects(const SessionImpl& s, CK_OBJECT_CLASS cls,
                                                   std::span<const std::uint8_t> id) {
  CK_FUNCTION_LIST* f = s.lib->fns;
  Bytes id_bytes = copy_of(id);
  std::array match{attr(CKA_CLASS, cls), attr(CKA_ID, id_bytes)};
  if (auto st = check(f->C_FindObjectsInit(s.handle, match.data(), match.size()), "C_FindObjectsInit"); !st) {
    return fail(st.error());
  }
  std::vector<CK_OBJECT_HANDLE> out;
  std::array<CK_OBJECT_HANDLE, 16> batch{};
  CK_RV rv = CKR_OK;
  while (true) {
    CK_ULONG n = 0;
    rv = f->C_FindObjects(s.handle, batch.data(), batch.size(), &n);
    if (rv != CKR_OK || n == 0) break;
    out.insert(out.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(n));
  }
  const CK_RV final_rv = f->C_FindObjectsFinal(s.handle);
  if (rv != CKR_OK) return fail(rv_error(rv, "C_FindObjects"));
  if (final_rv != CKR_OK) return fail(rv_error(final_rv, "C_FindObjectsFinal"));
  return out;
}

Result<Bytes> attribute_value(const SessionImpl& s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE a{type, nullptr, 0};
  if (auto st = check(s.lib->fns->C_GetAttributeValue(s.handle, object, &a, 1), "C_GetAttributeValue"); !st) {
    return fail(st.error());
  }
  Bytes value(a.ulValueLen);
  a.pValue = value.data();
  if (auto st = check(s.lib->fns->C_GetAttributeValue(s.handle, object, &a, 1), "C_GetAttributeValue"); !st) {
    return fail(st.error());
  }
  value.resize(a.ulValueLen);
  return value;
}

// DER SubjectPublicKeyInfo (RFC 3279 §2.3.1, rsaEncryption) of the RSA key (n, e), big-endian.
Result<Bytes> rsa_spki(const Bytes& modulus, const Bytes& exponent) {
  ErrorQueueGuard guard;
  const ossl::Bignum n(BN_bin2bn(modulus.data(), static_cast<int>(modulus.size()), nullptr));
  const ossl::Bignum e(BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), nullptr));
  const ParamBuild build(OSSL_PARAM_BLD_new());
  if (!n || !e || !build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return fail(
        openssl_error(ErrorCode::internal, "Không dựng được khóa công khai RSA", "Cannot build the RSA public key"));
  }
  const Params params(OSSL_PARAM_BLD_to_param(build.get()));
  const ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Thiết bị trả về khóa công khai RSA sai",
                              "The token returned a malformed RSA public key"));
  }
  const ossl::Pkey pkey(raw);
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(pkey.get(), &der);
  if (len <= 0) {
    return fail(openssl_error(ErrorCode::internal, "Không mã hóa được khóa công khai", "Cannot encode the public key"));
  }
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

// CKA_EC_PARAMS (the namedCurve OID, DER) of the curves of KeyType (RFC 5480 §2.1.1.1).
const Bytes kP256Params{0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};
const Bytes kP384Params{0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22};

// DER SubjectPublicKeyInfo (RFC 5480 §2) of an EC key from CKA_EC_PARAMS and CKA_EC_POINT. The
// point is a DER OCTET STRING per PKCS#11 v2.40 §2.3.3; some modules give the raw point.
Result<Bytes> ec_spki(const Bytes& params, const Bytes& point) {
  if (params != kP256Params && params != kP384Params) {
    return fail(ErrorCode::invalid_input, "Đường cong elliptic không hỗ trợ (chỉ P-256 hoặc P-384)",
                "Unsupported elliptic curve (P-256 or P-384 only)", "pkcs11_key");
  }
  std::span<const std::uint8_t> raw(point);
  if (!point.empty() && point[0] == der::kOctetString) {
    der::Reader r(point);
    auto e = r.next(der::kOctetString);
    if (e && r.empty()) raw = e->content;
  }
  const std::size_t half = params == kP256Params ? 32 : 48;
  if (raw.size() != 1 + 2 * half || raw[0] != 0x04) {
    return fail(ErrorCode::internal, "Thiết bị trả về khóa công khai EC sai", "The token returned a malformed EC public key",
                "pkcs11_key");
  }
  der::Writer w;
  auto spki = w.begin(der::kSequence);
  auto alg = w.begin(der::kSequence);
  w.oid("1.2.840.10045.2.1");  // id-ecPublicKey
  w.raw(params);
  w.end(alg);
  w.bit_string(raw);
  w.end(spki);
  return w.take();
}

template <typename T>
Bytes to_der(const T* object, int (*i2d)(const T*, unsigned char**)) {
  unsigned char* der = nullptr;
  const int len = i2d(object, &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

}  // namespace

Session::Session(std::unique_ptr<SessionImpl> impl) : impl_(std::move(impl)) {}
Session::~Session() {
  if (impl_ && impl_->handle != CK_INVALID_HANDLE) impl_->lib->fns->C_CloseSession(impl_->handle);
}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&& other) noexcept {
  if (this != &other) {
    Session closing(std::move(*this));
    impl_ = std::move(other.impl_);
  }
  return *this;
}

std::uint64_t Session::slot_id() const noexcept {
  return impl_->slot;
}

Status Session::login(UserType who, std::string_view pin) {
  PinBuffer p(pin);
  const CK_USER_TYPE type = who == UserType::security_officer ? CKU_SO : CKU_USER;
  return check(impl_->lib->fns->C_Login(impl_->handle, type, p.data(), p.size()), "C_Login");
}

Status Session::logout() {
  const CK_RV rv = impl_->lib->fns->C_Logout(impl_->handle);
  if (rv == CKR_USER_NOT_LOGGED_IN) return {};
  return check(rv, "C_Logout");
}

Status Session::init_pin(std::string_view new_user_pin) {
  PinBuffer p(new_user_pin);
  return check(impl_->lib->fns->C_InitPIN(impl_->handle, p.data(), p.size()), "C_InitPIN");
}

Status Session::set_pin(std::string_view old_pin, std::string_view new_pin) {
  PinBuffer o(old_pin);
  PinBuffer n(new_pin);
  return check(impl_->lib->fns->C_SetPIN(impl_->handle, o.data(), o.size(), n.data(), n.size()), "C_SetPIN");
}

Result<Bytes> Session::generate_rsa_key_pair(unsigned bits, std::string_view label, std::span<const std::uint8_t> id) {
  switch (bits) {
    case 2048: return generate_key_pair(KeyType::rsa2048, label, id);
    case 3072: return generate_key_pair(KeyType::rsa3072, label, id);
    case 4096: return generate_key_pair(KeyType::rsa4096, label, id);
    default:
      return fail(ErrorCode::invalid_input,
                  "Độ dài khóa RSA không hỗ trợ: " + std::to_string(bits) + " (2048, 3072, 4096)",
                  "Unsupported RSA key size: " + std::to_string(bits) + " (2048, 3072, 4096)", "pkcs11_key");
  }
}

namespace {
// The public key of a pair as a DER SubjectPublicKeyInfo, by the public half's CKA_KEY_TYPE.
Result<Bytes> spki_of(const SessionImpl& s, CK_OBJECT_HANDLE pub) {
  auto type = attribute_value(s, pub, CKA_KEY_TYPE);
  if (!type) return fail(type.error());
  CK_KEY_TYPE kt = CKK_RSA;
  if (type->size() == sizeof kt) std::memcpy(&kt, type->data(), sizeof kt);
  if (kt == CKK_EC) {
    auto params = attribute_value(s, pub, CKA_EC_PARAMS);
    if (!params) return fail(params.error());
    auto point = attribute_value(s, pub, CKA_EC_POINT);
    if (!point) return fail(point.error());
    return ec_spki(*params, *point);
  }
  auto modulus = attribute_value(s, pub, CKA_MODULUS);
  if (!modulus) return fail(modulus.error());
  auto exponent = attribute_value(s, pub, CKA_PUBLIC_EXPONENT);
  if (!exponent) return fail(exponent.error());
  return rsa_spki(*modulus, *exponent);
}
}  // namespace

Result<Bytes> Session::generate_key_pair(KeyType type, std::string_view label, std::span<const std::uint8_t> id,
                                         bool sign_only) {
  if (id.empty()) return fail(bad_key_id());
  if (auto st = require_user_login(*impl_, "C_GenerateKeyPair"); !st) return fail(st.error());
  auto existing = find_objects(*impl_, CKO_PRIVATE_KEY, id);
  if (!existing) return fail(existing.error());
  if (!existing->empty()) {
    return fail(ErrorCode::conflict, "Thiết bị đã có khóa bí mật với mã khóa này",
                "The token already has a private key with this id", "pkcs11_key CKA_ID " + to_hex(id));
  }
  CK_FUNCTION_LIST* f = impl_->lib->fns;
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  const bool ec = type == KeyType::ec_p256 || type == KeyType::ec_p384;
  CK_ULONG modulus_bits = type == KeyType::rsa4096 ? 4096 : type == KeyType::rsa3072 ? 3072 : 2048;
  Bytes exponent{0x01, 0x00, 0x01};
  Bytes curve = type == KeyType::ec_p384 ? kP384Params : kP256Params;
  Bytes label_bytes = copy_of(label);
  Bytes id_bytes = copy_of(id);
  std::vector<CK_ATTRIBUTE> pub{attr(CKA_TOKEN, yes), attr(CKA_PRIVATE, no), attr(CKA_VERIFY, yes),
                                attr(CKA_ID, id_bytes)};
  if (ec) {
    pub.push_back(attr(CKA_EC_PARAMS, curve));
  } else {
    pub.push_back(attr(CKA_MODULUS_BITS, modulus_bits));
    pub.push_back(attr(CKA_PUBLIC_EXPONENT, exponent));
  }
  std::vector<CK_ATTRIBUTE> priv{attr(CKA_TOKEN, yes),      attr(CKA_PRIVATE, yes), attr(CKA_SENSITIVE, yes),
                                 attr(CKA_EXTRACTABLE, no), attr(CKA_SIGN, yes),    attr(CKA_ID, id_bytes)};
  if (sign_only) {
    for (CK_ATTRIBUTE_TYPE t : {CKA_DECRYPT, CKA_UNWRAP, CKA_DERIVE}) priv.push_back(attr(t, no));
  }
  if (!label_bytes.empty()) {
    pub.push_back(attr(CKA_LABEL, label_bytes));
    priv.push_back(attr(CKA_LABEL, label_bytes));
  }
  CK_MECHANISM mechanism{ec ? CKM_EC_KEY_PAIR_GEN : CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  CK_OBJECT_HANDLE pub_key = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE priv_key = CK_INVALID_HANDLE;
  if (auto st = check(f->C_GenerateKeyPair(impl_->handle, &mechanism, pub.data(), pub.size(), priv.data(), priv.size(),
                                           &pub_key, &priv_key),
                      "C_GenerateKeyPair");
      !st) {
    return fail(st.error());
  }
  auto spki = spki_of(*impl_, pub_key);
  if (!spki) {
    // A pair whose public half cannot be read is of no use; leave no half-made key behind.
    f->C_DestroyObject(impl_->handle, priv_key);
    f->C_DestroyObject(impl_->handle, pub_key);
  }
  return spki;
}

Result<std::optional<Bytes>> Session::public_key(std::span<const std::uint8_t> id) {
  if (id.empty()) return fail(bad_key_id());
  if (auto st = require_user_login(*impl_, "C_FindObjects"); !st) return fail(st.error());
  auto priv = find_objects(*impl_, CKO_PRIVATE_KEY, id);
  if (!priv) return fail(priv.error());
  auto pub = find_objects(*impl_, CKO_PUBLIC_KEY, id);
  if (!pub) return fail(pub.error());
  if (priv->empty() || pub->empty()) return std::optional<Bytes>();
  if (priv->size() > 1 || pub->size() > 1) {
    return fail(ErrorCode::conflict, "Thiết bị có nhiều cặp khóa cùng mã khóa",
                "The token has several key pairs with this id", "pkcs11_key CKA_ID " + to_hex(id));
  }
  auto spki = spki_of(*impl_, pub->front());
  if (!spki) return fail(spki.error());
  return std::optional<Bytes>(std::move(*spki));
}

Status Session::destroy_key_pair(std::span<const std::uint8_t> id) {
  if (id.empty()) return fail(bad_key_id());
  if (auto st = require_user_login(*impl_, "C_DestroyObject"); !st) return st;
  for (CK_OBJECT_CLASS cls : {CKO_PRIVATE_KEY, CKO_PUBLIC_KEY}) {
    auto found = find_objects(*impl_, cls, id);
    if (!found) return fail(found.error());
    for (CK_OBJECT_HANDLE h : *found) {
      if (auto st = check(impl_->lib->fns->C_DestroyObject(impl_->handle, h), "C_DestroyObject"); !st) return st;
    }
  }
  return {};
}

Result<bool> Session::logged_in() {
  CK_SESSION_INFO info{};
  if (auto st = check(impl_->lib->fns->C_GetSessionInfo(impl_->handle, &info), "C_GetSessionInfo"); !st) {
    return fail(st.error());
  }
  return info.state == CKS_RO_USER_FUNCTIONS || info.state == CKS_RW_USER_FUNCTIONS || info.state == CKS_RW_SO_FUNCTIONS;
}

Result<bool> Session::has_certificate(std::span<const std::uint8_t> id) {
  if (id.empty()) return fail(bad_key_id());
  auto certs = find_objects(*impl_, CKO_CERTIFICATE, id);
  if (!certs) return fail(certs.error());
  return !certs->empty();
}

Result<std::uint64_t> Session::private_key(std::span<const std::uint8_t> id) {
  if (id.empty()) return fail(bad_key_id());
  if (auto st = require_user_login(*impl_, "C_SignInit"); !st) return fail(st.error());
  auto keys = find_objects(*impl_, CKO_PRIVATE_KEY, id);
  if (!keys) return fail(keys.error());
  if (keys->empty()) {
    return fail(ErrorCode::not_found, "Không tìm thấy khóa bí mật trên thiết bị", "No such private key on the token",
                "pkcs11_key CKA_ID " + to_hex(id));
  }
  if (keys->size() > 1) {
    return fail(ErrorCode::conflict, "Thiết bị có nhiều khóa bí mật cùng mã khóa",
                "The token has several private keys with this id", "pkcs11_key CKA_ID " + to_hex(id));
  }
  return static_cast<std::uint64_t>(keys->front());
}

Result<Bytes> Session::sign_with(std::uint64_t key, SignMechanism mechanism, std::span<const std::uint8_t> data) {
  CK_FUNCTION_LIST* f = impl_->lib->fns;
  const CK_MECHANISM_TYPE type = mechanism == SignMechanism::sha256_rsa_pkcs ? CKM_SHA256_RSA_PKCS
                                 : mechanism == SignMechanism::rsa_pkcs      ? CKM_RSA_PKCS
                                                                             : CKM_ECDSA;
  CK_MECHANISM m{type, nullptr, 0};
  if (auto st = check(f->C_SignInit(impl_->handle, &m, static_cast<CK_OBJECT_HANDLE>(key)), "C_SignInit"); !st) {
    return fail(st.error());
  }
  Bytes input = copy_of(data);
  // PKCS#11 §5.2: a first call without a buffer gives the length and keeps the operation active.
  CK_ULONG len = 0;
  if (auto st = check(f->C_Sign(impl_->handle, input.data(), input.size(), nullptr, &len), "C_Sign"); !st) {
    return fail(st.error());
  }
  Bytes signature(len);
  if (auto st = check(f->C_Sign(impl_->handle, input.data(), input.size(), signature.data(), &len), "C_Sign"); !st) {
    return fail(st.error());
  }
  signature.resize(len);
  return signature;
}

Result<Bytes> Session::sign(std::span<const std::uint8_t> key_id, SignMechanism mechanism,
                            std::span<const std::uint8_t> data) {
  auto key = private_key(key_id);
  if (!key) return fail(key.error());
  return sign_with(*key, mechanism, data);
}

Status Session::write_certificate(std::span<const std::uint8_t> der, std::string_view label,
                                  std::span<const std::uint8_t> id) {
  if (id.empty()) return fail(bad_key_id());
  ErrorQueueGuard guard;
  const unsigned char* p = der.data();
  const ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) {
    return fail(ErrorCode::invalid_input, "Chứng thư số sai cấu trúc (không phải DER X.509)",
                "Malformed certificate (not DER X.509)", "pkcs11_certificate");
  }
  Bytes subject = to_der(X509_get_subject_name(cert.get()), i2d_X509_NAME);
  Bytes issuer = to_der(X509_get_issuer_name(cert.get()), i2d_X509_NAME);
  Bytes serial = to_der(X509_get0_serialNumber(cert.get()), i2d_ASN1_INTEGER);
  if (subject.empty() || issuer.empty() || serial.empty()) {
    return fail(openssl_error(ErrorCode::internal, "Không mã hóa được tên trong chứng thư số",
                              "Cannot encode the certificate's names"));
  }
  CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
  CK_CERTIFICATE_TYPE type = CKC_X_509;
  CK_BBOOL yes = CK_TRUE;
  CK_BBOOL no = CK_FALSE;
  Bytes value = copy_of(der);
  Bytes id_bytes = copy_of(id);
  Bytes label_bytes = copy_of(label);
  std::vector<CK_ATTRIBUTE> tmpl{attr(CKA_CLASS, cls),
                                 attr(CKA_CERTIFICATE_TYPE, type),
                                 attr(CKA_TOKEN, yes),
                                 attr(CKA_PRIVATE, no),
                                 attr(CKA_SUBJECT, subject),
                                 attr(CKA_ISSUER, issuer),
                                 attr(CKA_SERIAL_NUMBER, serial),
                                 attr(CKA_VALUE, value),
                                 attr(CKA_ID, id_bytes)};
  if (!label_bytes.empty()) tmpl.push_back(attr(CKA_LABEL, label_bytes));
  CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
  return check(impl_->lib->fns->C_CreateObject(impl_->handle, tmpl.data(), tmpl.size(), &object), "C_CreateObject");
}

}  // namespace ct::crypto::pkcs11
