// Detached CMS SignedData written with der::Writer (RFC 5652 §5, profile of RFC 8551 §2).
//
//   ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT SignedData }
//   SignedData ::= SEQUENCE { version 1, digestAlgorithms SET OF AlgorithmIdentifier,
//                             encapContentInfo SEQUENCE { id-data } (no eContent: detached),
//                             certificates [0] IMPLICIT SET OF Certificate, signerInfos SET OF }
//   SignerInfo ::= SEQUENCE { version 1, sid IssuerAndSerialNumber, digestAlgorithm,
//                             signedAttrs [0] IMPLICIT SET OF Attribute, signatureAlgorithm,
//                             signature OCTET STRING }

#include "crypto/cms.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "crypto/der.h"
#include "crypto/ossl_error.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {
namespace {

constexpr std::string_view kOidSignedData = "1.2.840.113549.1.7.2";
constexpr std::string_view kOidData = "1.2.840.113549.1.7.1";
constexpr std::string_view kOidContentType = "1.2.840.113549.1.9.3";    // RFC 5652 §11.1
constexpr std::string_view kOidMessageDigest = "1.2.840.113549.1.9.4";  // RFC 5652 §11.2
constexpr std::string_view kOidSigningTime = "1.2.840.113549.1.9.5";    // RFC 5652 §11.3
constexpr std::string_view kOidRsaEncryption = "1.2.840.113549.1.1.1";

// RFC 3370 §2.1, RFC 5754 §2: the digest AlgorithmIdentifier is generated without parameters.
[[nodiscard]] std::string_view digest_oid(HashAlg h) noexcept {
  switch (h) {
    case HashAlg::sha1:
      return "1.3.14.3.2.26";
    case HashAlg::sha256:
      return "2.16.840.1.101.3.4.2.1";
    case HashAlg::sha384:
      return "2.16.840.1.101.3.4.2.2";
    case HashAlg::sha512:
      return "2.16.840.1.101.3.4.2.3";
  }
  return "2.16.840.1.101.3.4.2.1";
}

void digest_algorithm(der::Writer& w, HashAlg h) {
  const auto alg = w.begin(der::kSequence);
  w.oid(digest_oid(h));
  w.end(alg);
}

// RFC 8551 §2.2 asks receivers to accept rsaEncryption as the signature algorithm of a
// PKCS#1 v1.5 signature, and it is what deployed S/MIME agents send (RFC 3370 §3.2).
[[nodiscard]] Bytes signature_algorithm(const PrivateKey& key) {
  if (key.type() == KeyType::ec_p256 || key.type() == KeyType::ec_p384) return key.signature_algorithm_der();
  der::Writer w;
  const auto alg = w.begin(der::kSequence);
  w.oid(kOidRsaEncryption);
  w.null();
  w.end(alg);
  return w.take();
}

template <typename T, int (*I2d)(const T*, unsigned char**)>
[[nodiscard]] Bytes encode(const T* value) {
  unsigned char* der = nullptr;
  const int len = I2d(value, &der);
  if (len <= 0) return {};
  const ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

// IssuerAndSerialNumber (RFC 5652 §10.2.4): the issuer Name and serial INTEGER exactly as the
// certificate encodes them.
struct SignerId {
  Bytes issuer;
  Bytes serial;
};

[[nodiscard]] Result<SignerId> signer_id(std::span<const std::uint8_t> cert_der, const PrivateKey& key) {
  ErrorQueueGuard guard;
  const ossl::X509Ptr cert = parse_certificate_der(cert_der);
  if (!cert) {
    return fail(ErrorCode::invalid_input, "Chứng thư số của người ký không hợp lệ", "Invalid signer certificate",
                "signer_certificate");
  }
  if (encode<X509_PUBKEY, i2d_X509_PUBKEY>(X509_get_X509_PUBKEY(cert.get())) != key.public_key_der()) {
    return fail(ErrorCode::invalid_input, "Khóa ký không khớp với khóa công khai trong chứng thư số của người ký",
                "The signing key does not match the public key of the signer certificate", "signer_certificate");
  }
  SignerId id{encode<X509_NAME, i2d_X509_NAME>(X509_get_issuer_name(cert.get())),
              encode<ASN1_INTEGER, i2d_ASN1_INTEGER>(X509_get0_serialNumber(cert.get()))};
  if (id.issuer.empty() || id.serial.empty()) {
    return fail(openssl_error(ErrorCode::internal, "Không mã hóa được tên bên phát hành hoặc số hiệu chứng thư",
                              "Cannot encode the issuer name or the serial number"));
  }
  return id;
}

// X.690 §11.6: the components of a DER SET OF are in ascending order of their encodings, the
// shorter one compared as if padded with zero octets.
[[nodiscard]] bool der_set_less(const Bytes& a, const Bytes& b) noexcept {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t x = i < a.size() ? a[i] : 0;
    const std::uint8_t y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y;
  }
  return false;
}

[[nodiscard]] Bytes sorted_set_content(std::vector<Bytes> elements) {
  std::sort(elements.begin(), elements.end(), der_set_less);
  Bytes out;
  for (const Bytes& e : elements) out.insert(out.end(), e.begin(), e.end());
  return out;
}

template <typename WriteValue>
[[nodiscard]] Bytes attribute(std::string_view oid, WriteValue write_value) {
  der::Writer w;
  const auto attr = w.begin(der::kSequence);
  w.oid(oid);
  const auto values = w.begin(der::kSet);
  write_value(w);
  w.end(values);
  w.end(attr);
  return w.failed() ? Bytes{} : w.take();
}

// The content octets of signedAttrs (RFC 5652 §5.3), already in DER order: the signature is over
// them under a SET OF tag (§5.4), and they sit in the SignerInfo under [0] IMPLICIT. nullopt when
// one cannot be encoded (a signing time outside years 0–9999).
[[nodiscard]] std::optional<Bytes> signed_attributes(std::span<const std::uint8_t> message_digest,
                                                     TimePoint signing_time) {
  std::vector<Bytes> attrs{
      attribute(kOidContentType, [](der::Writer& w) { w.oid(kOidData); }),
      attribute(kOidSigningTime, [&](der::Writer& w) { w.time(signing_time); }),
      attribute(kOidMessageDigest, [&](der::Writer& w) { w.octet_string(message_digest); }),
  };
  if (std::any_of(attrs.begin(), attrs.end(), [](const Bytes& a) { return a.empty(); })) return std::nullopt;
  return sorted_set_content(std::move(attrs));
}

// ContentInfo { id-signedData, [0] SignedData { version 1, digestAlgorithms, encapContentInfo
// (id-data, no content: detached or certs-only), certificates [0], signerInfos } }, with what
// `digests` and `signers` write into their SETs; nullopt when the writer fails.
template <typename Digests, typename Signers>
[[nodiscard]] std::optional<Bytes> signed_data(std::vector<Bytes> certificates, Digests digests, Signers signers) {
  der::Writer w;
  const auto content_info = w.begin(der::kSequence);
  w.oid(kOidSignedData);
  const auto explicit_content = w.begin(der::context_constructed(0));
  const auto body = w.begin(der::kSequence);
  w.integer(1);
  const auto digest_algorithms = w.begin(der::kSet);
  digests(w);
  w.end(digest_algorithms);
  const auto encap = w.begin(der::kSequence);
  w.oid(kOidData);
  w.end(encap);
  w.tlv(der::context_constructed(0), sorted_set_content(std::move(certificates)));
  const auto signer_infos = w.begin(der::kSet);
  signers(w);
  w.end(signer_infos);
  w.end(body);
  w.end(explicit_content);
  w.end(content_info);
  if (w.failed()) return std::nullopt;
  return w.take();
}

}  // namespace

Result<Bytes> cms_sign_detached(std::span<const std::uint8_t> content, const PrivateKey& key,
                                std::span<const std::uint8_t> signer_certificate_der,
                                const std::vector<Bytes>& chain_der, TimePoint signing_time) {
  auto sid = signer_id(signer_certificate_der, key);
  if (!sid) return fail(sid.error());
  const HashAlg hash = key.signature_hash();
  const auto attrs = signed_attributes(digest(hash, content), signing_time);
  if (!attrs) {
    return fail(ErrorCode::invalid_input, "Thời điểm ký nằm ngoài khoảng năm 0–9999",
                "The signing time is outside the years 0-9999", "signing_time");
  }
  der::Writer to_sign;
  to_sign.tlv(der::kSet, *attrs);
  auto signature = key.sign_digest(digest(hash, to_sign.view()));
  if (!signature) return fail(signature.error());

  std::vector<Bytes> certificates{Bytes(signer_certificate_der.begin(), signer_certificate_der.end())};
  certificates.insert(certificates.end(), chain_der.begin(), chain_der.end());

  auto out = signed_data(
      std::move(certificates), [&](der::Writer& w) { digest_algorithm(w, hash); },
      [&](der::Writer& w) {
        const auto signer_info = w.begin(der::kSequence);
        w.integer(1);
        const auto issuer_and_serial = w.begin(der::kSequence);
        w.raw(sid->issuer);
        w.raw(sid->serial);
        w.end(issuer_and_serial);
        digest_algorithm(w, hash);
        w.tlv(der::context_constructed(0), *attrs);
        w.raw(signature_algorithm(key));
        w.octet_string(*signature);
        w.end(signer_info);
      });
  if (!out) return fail(ErrorCode::internal, "Không mã hóa được chữ ký CMS", "Cannot encode the CMS signature");
  return std::move(*out);
}

const char* smime_micalg(HashAlg hash) noexcept {
  switch (hash) {
    case HashAlg::sha1:
      return "sha-1";
    case HashAlg::sha256:
      return "sha-256";
    case HashAlg::sha384:
      return "sha-384";
    case HashAlg::sha512:
      return "sha-512";
  }
  return "sha-256";
}

Result<Bytes> cms_certificates_only(const std::vector<Bytes>& certificates_der) {
  auto out = signed_data(certificates_der, [](der::Writer&) {}, [](der::Writer&) {});
  if (!out) return fail(ErrorCode::internal, "Không mã hóa được tệp PKCS#7", "Cannot encode the PKCS#7 file");
  return std::move(*out);
}

}  // namespace ct::crypto
