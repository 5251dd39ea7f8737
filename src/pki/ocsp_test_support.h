#pragma once
// Builds OCSPRequest DER for the tests of the OCSP cache and the HTTP service (RFC 6960 §4.1.1), with the crypto layer's DER
// writer so that tests need no OpenSSL header.

#include <optional>
#include <string>

#include "crypto/der.h"
#include "crypto/ocsp.h"

namespace ct::pki::testing {

inline const char* hash_oid(crypto::HashAlg alg) {
  switch (alg) {
    case crypto::HashAlg::sha1: return "1.3.14.3.2.26";
    case crypto::HashAlg::sha256: return "2.16.840.1.101.3.4.2.1";
    case crypto::HashAlg::sha384: return "2.16.840.1.101.3.4.2.2";
    case crypto::HashAlg::sha512: return "2.16.840.1.101.3.4.2.3";
  }
  return "1.3.14.3.2.26";
}

// OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest }
// TBSRequest  ::= SEQUENCE { requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
// Request     ::= SEQUENCE { reqCert CertID }
// CertID      ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING, serialNumber }
// `junk`: the value of one more, private and non-critical, request extension (1.3.6.1.4.1.55555.1),
// as a client padding its request would send it.
inline Bytes ocsp_request(const std::vector<crypto::OcspCertId>& ids, const std::optional<Bytes>& nonce = {},
                          const std::optional<Bytes>& junk = {}) {
  crypto::der::Writer w;
  auto req = w.begin(crypto::der::kSequence);
  auto tbs = w.begin(crypto::der::kSequence);
  auto list = w.begin(crypto::der::kSequence);
  for (const auto& id : ids) {
    auto one = w.begin(crypto::der::kSequence);
    auto cid = w.begin(crypto::der::kSequence);
    auto alg = w.begin(crypto::der::kSequence);
    w.oid(hash_oid(id.hash));
    w.null();
    w.end(alg);
    w.octet_string(id.issuer_name_hash);
    w.octet_string(id.issuer_key_hash);
    w.integer(id.serial);
    w.end(cid);
    w.end(one);
  }
  w.end(list);
  if (nonce || junk) {
    auto exts_tag = w.begin(crypto::der::context_constructed(2));
    auto exts = w.begin(crypto::der::kSequence);
    if (nonce) {
      auto ext = w.begin(crypto::der::kSequence);
      w.oid("1.3.6.1.5.5.7.48.1.2");
      crypto::der::Writer inner;
      inner.octet_string(*nonce);
      w.octet_string(inner.take());
      w.end(ext);
    }
    if (junk) {
      auto ext = w.begin(crypto::der::kSequence);
      w.oid("1.3.6.1.4.1.55555.1");
      w.octet_string(*junk);
      w.end(ext);
    }
    w.end(exts);
    w.end(exts_tag);
  }
  w.end(tbs);
  w.end(req);
  return w.take();
}

}  // namespace ct::pki::testing
