// OCSP (RFC 6960) requests parsed with OpenSSL, responses encoded here with der.h.
//
//   OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
//   ResponseBytes ::= SEQUENCE { responseType OID (id-pkix-ocsp-basic), response OCTET STRING }
//   BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, signatureAlgorithm,
//                                    signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
//   ResponseData ::= SEQUENCE { version [0] EXPLICIT DEFAULT v1, responderID ResponderID,
//                               producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse,
//                               responseExtensions [1] EXPLICIT Extensions OPTIONAL }
//   SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus, thisUpdate GeneralizedTime,
//                                 nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, … }

#include "crypto/ocsp.h"

#include <algorithm>
#include <array>
#include <string>

#include "crypto/crl_internal.h"
#include "crypto/der.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {

namespace {

constexpr std::size_t kMaxRequestSize = 64 * 1024;
constexpr int kMaxRequestIds = 32;
// RFC 8954 §2.1 asks for 1–32 octets; up to 128 are accepted from older clients.
constexpr std::size_t kMaxNonce = 128;

constexpr std::array<std::uint8_t, 9> kOidOcspBasic{0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01};
constexpr std::array<std::uint8_t, 9> kOidOcspNonce{0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x02};
constexpr std::array<std::uint8_t, 5> kOidSha1{0x2B, 0x0E, 0x03, 0x02, 0x1A};
constexpr std::array<std::uint8_t, 9> kOidSha256{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
constexpr std::array<std::uint8_t, 9> kOidSha384{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02};
constexpr std::array<std::uint8_t, 9> kOidSha512{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03};

[[nodiscard]] std::span<const std::uint8_t> hash_oid(HashAlg h) noexcept {
  switch (h) {
    case HashAlg::sha1: return kOidSha1;
    case HashAlg::sha256: return kOidSha256;
    case HashAlg::sha384: return kOidSha384;
    case HashAlg::sha512: return kOidSha512;
  }
  return kOidSha1;
}

[[nodiscard]] std::size_t hash_size(HashAlg h) noexcept {
  switch (h) {
    case HashAlg::sha1: return 20;
    case HashAlg::sha256: return 32;
    case HashAlg::sha384: return 48;
    case HashAlg::sha512: return 64;
  }
  return 0;
}

[[nodiscard]] tl::unexpected<Error> bad_request(const std::string& vi, const std::string& en) {
  return fail(ErrorCode::invalid_input, "Yêu cầu OCSP không hợp lệ: " + vi, "Malformed OCSP request: " + en);
}

[[nodiscard]] Bytes to_bytes(const ASN1_STRING* s) {
  const unsigned char* d = ASN1_STRING_get0_data(s);
  return Bytes(d, d + ASN1_STRING_length(s));
}

// The subjectPublicKey BIT STRING value of a certificate (RFC 6960 §4.1.1 issuerKeyHash, §4.2.1 KeyHash).
[[nodiscard]] std::span<const std::uint8_t> public_key_bits(const X509* cert) noexcept {
  const ASN1_BIT_STRING* bits = X509_get0_pubkey_bitstr(cert);
  if (bits == nullptr) return {};
  return {ASN1_STRING_get0_data(bits), static_cast<std::size_t>(ASN1_STRING_length(bits))};
}

void write_single(der::Writer& w, const OcspSingle& s) {
  const auto single = w.begin(der::kSequence);
  const auto cid = w.begin(der::kSequence);
  const auto alg = w.begin(der::kSequence);
  w.oid_raw(hash_oid(s.id.hash));
  w.null();  // NULL parameters, as OpenSSL and most clients send them
  w.end(alg);
  w.octet_string(s.id.issuer_name_hash);
  w.octet_string(s.id.issuer_key_hash);
  w.integer(s.id.serial);
  w.end(cid);
  switch (s.status) {
    case OcspCertStatus::good: w.tlv(der::context_primitive(0), {}); break;
    case OcspCertStatus::unknown: w.tlv(der::context_primitive(2), {}); break;
    case OcspCertStatus::revoked: {
      // revoked [1] IMPLICIT RevokedInfo { revocationTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      const auto revoked = w.begin(der::context_constructed(1));
      w.generalized_time(s.revoked_at);
      if (s.reason) {
        const auto r = w.begin(der::context_constructed(0));
        w.enumerated(static_cast<std::uint64_t>(*s.reason));
        w.end(r);
      }
      w.end(revoked);
      break;
    }
  }
  w.generalized_time(s.this_update);
  if (s.next_update) {
    const auto next = w.begin(der::context_constructed(0));
    w.generalized_time(*s.next_update);
    w.end(next);
  }
  w.end(single);
}

[[nodiscard]] Status check_single(const OcspSingle& s) {
  const std::size_t hs = hash_size(s.id.hash);
  if (s.id.issuer_name_hash.size() != hs || s.id.issuer_key_hash.size() != hs ||
      der::strip_leading_zeros(s.id.serial).size() > crl_detail::kMaxSerialOctets) {
    return fail(ErrorCode::invalid_input, "CertID không hợp lệ", "Invalid CertID", "ocsp.cert_id");
  }
  if (s.reason && (s.status != OcspCertStatus::revoked ||
                   !crl_detail::is_valid_reason(static_cast<std::uint64_t>(*s.reason)))) {
    return fail(ErrorCode::invalid_input, "Lý do thu hồi không hợp lệ", "Invalid revocation reason", "ocsp.reason");
  }
  if (s.next_update && *s.next_update <= s.this_update) {
    return fail(ErrorCode::invalid_input, "nextUpdate phải sau thisUpdate", "nextUpdate must be after thisUpdate",
                "ocsp.next_update");
  }
  return {};
}

}  // namespace

Result<OcspCertId> make_cert_id(std::span<const std::uint8_t> issuer_certificate_der,
                                std::span<const std::uint8_t> serial, HashAlg hash) {
  ErrorQueueGuard guard;
  auto issuer = crl_detail::load_issuer(issuer_certificate_der);
  if (!issuer) return fail(issuer.error());
  const auto mag = der::strip_leading_zeros(serial);
  if (mag.empty() || mag.size() > crl_detail::kMaxSerialOctets) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư số phải dương và dài tối đa 20 octet",
                "The serial number must be positive and at most 20 octets", "serial");
  }
  const auto key = public_key_bits(issuer->cert.get());
  if (key.empty()) {
    return fail(ErrorCode::invalid_input, "Khóa công khai của bên phát hành không hợp lệ", "Invalid issuer public key");
  }
  OcspCertId id;
  id.hash = hash;
  id.issuer_name_hash = digest(hash, issuer->name_der);
  id.issuer_key_hash = digest(hash, key);
  id.serial.assign(mag.begin(), mag.end());
  return id;
}

Result<OcspRequestInfo> parse_ocsp_request(std::span<const std::uint8_t> der) {
  ErrorQueueGuard guard;
  if (der.empty() || der.size() > kMaxRequestSize) {
    return bad_request("rỗng hoặc lớn hơn 64 KiB", "empty or larger than 64 KiB");
  }
  // Cheap structural screen first: OpenSSL's parser then sees only well-formed DER.
  if (!der::well_formed(der)) return bad_request("DER hỏng", "malformed DER");
  const unsigned char* p = der.data();
  const ossl::OcspRequest req(d2i_OCSP_REQUEST(nullptr, &p, static_cast<long>(der.size())));
  if (!req || p != der.data() + der.size()) return bad_request("không phải OCSPRequest", "not an OCSPRequest");

  const int n = OCSP_request_onereq_count(req.get());
  if (n <= 0 || n > kMaxRequestIds) {
    return bad_request("cần từ 1 đến 32 CertID", "between 1 and 32 CertIDs are required");
  }
  OcspRequestInfo info;
  info.ids.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    OCSP_CERTID* cid = OCSP_onereq_get0_id(OCSP_request_onereq_get0(req.get(), i));
    ASN1_OCTET_STRING* name_hash = nullptr;
    ASN1_OBJECT* alg = nullptr;
    ASN1_OCTET_STRING* key_hash = nullptr;
    ASN1_INTEGER* serial = nullptr;
    if (cid == nullptr || OCSP_id_get0_info(&name_hash, &alg, &key_hash, &serial, cid) != 1 || name_hash == nullptr ||
        alg == nullptr || key_hash == nullptr || serial == nullptr) {
      return bad_request("CertID hỏng", "malformed CertID");
    }
    OcspCertId id;
    switch (OBJ_obj2nid(alg)) {
      case NID_sha1: id.hash = HashAlg::sha1; break;
      case NID_sha256: id.hash = HashAlg::sha256; break;
      case NID_sha384: id.hash = HashAlg::sha384; break;
      case NID_sha512: id.hash = HashAlg::sha512; break;
      default: return bad_request("hàm băm không hỗ trợ", "unsupported hash algorithm");
    }
    id.issuer_name_hash = to_bytes(name_hash);
    id.issuer_key_hash = to_bytes(key_hash);
    if (id.issuer_name_hash.size() != hash_size(id.hash) || id.issuer_key_hash.size() != hash_size(id.hash)) {
      return bad_request("độ dài giá trị băm sai", "hash length does not match the algorithm");
    }
    if (ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER) return bad_request("số hiệu âm", "negative serial number");
    const Bytes raw = to_bytes(serial);
    const auto mag = der::strip_leading_zeros(raw);
    if (mag.size() > crl_detail::kMaxSerialOctets) return bad_request("số hiệu quá dài", "serial number too long");
    id.serial.assign(mag.begin(), mag.end());
    info.ids.push_back(std::move(id));
  }

  // RFC 6960 §4.4.1: the nonce extension's value is an OCTET STRING holding the nonce.
  const int at = OCSP_REQUEST_get_ext_by_NID(req.get(), NID_id_pkix_OCSP_Nonce, -1);
  if (at >= 0) {
    if (OCSP_REQUEST_get_ext_by_NID(req.get(), NID_id_pkix_OCSP_Nonce, at) >= 0) {
      return bad_request("nonce lặp lại", "duplicate nonce");
    }
    const ASN1_OCTET_STRING* value = X509_EXTENSION_get_data(OCSP_REQUEST_get_ext(req.get(), at));
    if (value == nullptr) return bad_request("nonce hỏng", "malformed nonce");
    const Bytes outer = to_bytes(value);
    der::Reader r(outer);
    const auto inner = r.next(der::kOctetString);
    if (!inner || !r.empty() || inner->content.empty() || inner->content.size() > kMaxNonce) {
      return bad_request("nonce phải dài từ 1 đến 128 octet", "the nonce must be 1 to 128 octets");
    }
    info.nonce = Bytes(inner->content.begin(), inner->content.end());
  }
  return info;
}

std::optional<OcspCertIdView> plain_ocsp_cert_id(std::span<const std::uint8_t> der) noexcept {
  // The only element of `in`, when it has `tag`.
  const auto sole = [](std::span<const std::uint8_t> in, std::uint8_t tag) -> std::optional<der::Element> {
    der::Reader r(in);
    auto e = r.next(tag);
    if (!e || !r.empty()) return std::nullopt;
    return e;
  };
  if (der.size() > kMaxRequestSize) return std::nullopt;
  auto request = sole(der, der::kSequence);                            // OCSPRequest
  if (request) request = sole(request->content, der::kSequence);       // TBSRequest, no signature
  if (request) request = sole(request->content, der::kSequence);       // requestList, nothing optional
  if (request) request = sole(request->content, der::kSequence);       // one Request
  if (request) request = sole(request->content, der::kSequence);       // CertID, no extensions
  if (!request) return std::nullopt;
  der::Reader cert_id(request->content);
  const auto alg = cert_id.next(der::kSequence);
  const auto name_hash = cert_id.next(der::kOctetString);
  const auto key_hash = cert_id.next(der::kOctetString);
  const auto serial = cert_id.next(der::kInteger);
  if (!alg || !name_hash || !key_hash || !serial || !cert_id.empty()) return std::nullopt;
  der::Reader alg_fields(alg->content);
  const auto oid = alg_fields.next(der::kOid);
  if (!oid) return std::nullopt;
  if (!alg_fields.empty()) {
    const auto params = alg_fields.next(der::kNull);
    if (!params || !params->content.empty() || !alg_fields.empty()) return std::nullopt;
  }
  OcspCertIdView id;
  const auto is = [&](std::span<const std::uint8_t> known) { return std::ranges::equal(oid->content, known); };
  if (is(kOidSha1)) {
    id.hash = HashAlg::sha1;
  } else if (is(kOidSha256)) {
    id.hash = HashAlg::sha256;
  } else if (is(kOidSha384)) {
    id.hash = HashAlg::sha384;
  } else if (is(kOidSha512)) {
    id.hash = HashAlg::sha512;
  } else {
    return std::nullopt;
  }
  const auto magnitude = der::positive_integer(serial->content);
  if (name_hash->content.size() != hash_size(id.hash) || key_hash->content.size() != hash_size(id.hash) || !magnitude ||
      magnitude->size() > crl_detail::kMaxSerialOctets) {
    return std::nullopt;
  }
  id.issuer_name_hash = name_hash->content;
  id.issuer_key_hash = key_hash->content;
  id.serial = *magnitude;
  return id;
}

Result<Bytes> build_ocsp_response(std::span<const OcspSingle> singles, const OcspSigner& signer,
                                  TimePoint produced_at, const std::optional<Bytes>& nonce) {
  ErrorQueueGuard guard;
  if (signer.key == nullptr) {
    return fail(ErrorCode::invalid_input, "Thiếu khóa ký OCSP", "Missing OCSP signing key", "ocsp.signer");
  }
  if (singles.empty()) {
    return fail(ErrorCode::invalid_input, "Phản hồi OCSP cần ít nhất một trạng thái",
                "An OCSP response needs at least one status", "ocsp.responses");
  }
  if (nonce && (nonce->empty() || nonce->size() > kMaxNonce)) {
    return fail(ErrorCode::invalid_input, "Nonce phải dài từ 1 đến 128 octet", "The nonce must be 1 to 128 octets",
                "ocsp.nonce");
  }
  for (const OcspSingle& s : singles) {
    if (auto ok = check_single(s); !ok) return fail(ok.error());
  }
  const unsigned char* cp = signer.certificate_der.data();
  const ossl::X509Ptr cert(d2i_X509(nullptr, &cp, static_cast<long>(signer.certificate_der.size())));
  if (!cert || cp != signer.certificate_der.data() + signer.certificate_der.size()) {
    return fail(openssl_error(ErrorCode::invalid_input, "Chứng thư số ký OCSP không hợp lệ",
                              "Invalid OCSP signer certificate"));
  }
  unsigned char* spki = nullptr;
  const int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &spki);
  const ossl::OsslBytes spki_owner(spki);
  const Bytes& key_spki = signer.key->public_key_der();
  if (spki_len <= 0 || static_cast<std::size_t>(spki_len) != key_spki.size() ||
      !std::equal(key_spki.begin(), key_spki.end(), spki)) {
    return fail(ErrorCode::invalid_input, "Khóa ký không khớp chứng thư số ký OCSP",
                "The signing key does not match the OCSP signer certificate", "ocsp.signer");
  }

  der::Writer tbs;
  const auto rd = tbs.begin(der::kSequence);
  // responderID byKey [2] EXPLICIT KeyHash: SHA-1 of the signer's subjectPublicKey (RFC 6960 §4.2.1).
  const auto by_key = tbs.begin(der::context_constructed(2));
  tbs.octet_string(digest(HashAlg::sha1, public_key_bits(cert.get())));
  tbs.end(by_key);
  tbs.generalized_time(produced_at);
  const auto responses = tbs.begin(der::kSequence);
  for (const OcspSingle& s : singles) write_single(tbs, s);
  tbs.end(responses);
  if (nonce) {
    const auto exts_tag = tbs.begin(der::context_constructed(1));
    const auto exts = tbs.begin(der::kSequence);
    const auto ext = tbs.begin(der::kSequence);
    tbs.oid_raw(kOidOcspNonce);
    const auto value = tbs.begin(der::kOctetString);
    tbs.octet_string(*nonce);
    tbs.end(value);
    tbs.end(ext);
    tbs.end(exts);
    tbs.end(exts_tag);
  }
  tbs.end(rd);
  if (tbs.failed()) {
    return fail(ErrorCode::invalid_input, "Không mã hóa được phản hồi OCSP (thời điểm ngoài phạm vi?)",
                "Cannot encode the OCSP response (time out of range?)");
  }
  const auto tbs_der = tbs.view();
  auto signature = signer.key->sign(tbs_der);
  if (!signature) return fail(signature.error());

  der::Writer basic;
  const auto b = basic.begin(der::kSequence);
  basic.raw(tbs_der);
  basic.raw(signer.key->signature_algorithm_der());
  basic.bit_string(*signature);
  const auto certs_tag = basic.begin(der::context_constructed(0));
  const auto certs = basic.begin(der::kSequence);
  basic.raw(signer.certificate_der);
  basic.end(certs);
  basic.end(certs_tag);
  basic.end(b);

  der::Writer w;
  const auto resp = w.begin(der::kSequence);
  w.enumerated(0);  // successful
  const auto rb_tag = w.begin(der::context_constructed(0));
  const auto rb = w.begin(der::kSequence);
  w.oid_raw(kOidOcspBasic);
  w.octet_string(basic.view());
  w.end(rb);
  w.end(rb_tag);
  w.end(resp);
  if (basic.failed() || w.failed()) {
    return fail(ErrorCode::internal, "Không mã hóa được phản hồi OCSP", "Cannot encode the OCSP response");
  }
  Bytes out = w.take();

  const unsigned char* rp = out.data();
  const ossl::OcspResponse parsed(d2i_OCSP_RESPONSE(nullptr, &rp, static_cast<long>(out.size())));
  if (!parsed || rp != out.data() + out.size()) {
    return fail(openssl_error(ErrorCode::internal, "Phản hồi OCSP tạo ra không đọc lại được",
                              "The OCSP response produced does not parse"));
  }
  if (!verify_signature(signer.key->public_key_der(), signer.key->signature_hash(), tbs_der, *signature)) {
    return fail(ErrorCode::internal, "Chữ ký phản hồi OCSP không kiểm tra được",
                "The OCSP response signature does not verify");
  }
  return out;
}

Bytes ocsp_error_response(OcspErrorStatus status) {
  return Bytes{0x30, 0x03, 0x0A, 0x01, static_cast<std::uint8_t>(status)};
}

}  // namespace ct::crypto
