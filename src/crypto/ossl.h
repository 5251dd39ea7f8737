#pragma once
// RAII for OpenSSL objects: unique_ptr with a per-type deleter. Internal to the crypto layer:
// no header outside src/crypto includes this file (STYLE.md: only crypto sees OpenSSL).

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ct::crypto::ossl {

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const noexcept { Free(p); }
};

template <typename T, void (*Free)(T*)>
using Ptr = std::unique_ptr<T, Deleter<T, Free>>;

inline void bio_free(BIO* b) { BIO_free_all(b); }
inline void ossl_free(unsigned char* p) { OPENSSL_free(p); }

using Bio = Ptr<BIO, bio_free>;
using Bignum = Ptr<BIGNUM, BN_free>;
using BnCtx = Ptr<BN_CTX, BN_CTX_free>;
using Pkey = Ptr<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtx = Ptr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using MdCtx = Ptr<EVP_MD_CTX, EVP_MD_CTX_free>;
using X509Ptr = Ptr<X509, X509_free>;
using X509Name = Ptr<X509_NAME, X509_NAME_free>;
using X509Req = Ptr<X509_REQ, X509_REQ_free>;
using X509Crl = Ptr<X509_CRL, X509_CRL_free>;
using X509Ext = Ptr<X509_EXTENSION, X509_EXTENSION_free>;
using X509Store = Ptr<X509_STORE, X509_STORE_free>;
using X509StoreCtx = Ptr<X509_STORE_CTX, X509_STORE_CTX_free>;
using Asn1Integer = Ptr<ASN1_INTEGER, ASN1_INTEGER_free>;
using Asn1Time = Ptr<ASN1_TIME, ASN1_TIME_free>;
using Asn1OctetString = Ptr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using Asn1Object = Ptr<ASN1_OBJECT, ASN1_OBJECT_free>;
using OcspRequest = Ptr<OCSP_REQUEST, OCSP_REQUEST_free>;
using OcspResponse = Ptr<OCSP_RESPONSE, OCSP_RESPONSE_free>;
using OcspBasicResp = Ptr<OCSP_BASICRESP, OCSP_BASICRESP_free>;
using OcspCertId = Ptr<OCSP_CERTID, OCSP_CERTID_free>;
using OsslBytes = Ptr<unsigned char, ossl_free>;

// Takes an additional reference to `p` (OpenSSL's up_ref) and returns an owning pointer.
inline X509Ptr up_ref(X509* p) {
  X509_up_ref(p);
  return X509Ptr(p);
}
inline Pkey up_ref(EVP_PKEY* p) {
  EVP_PKEY_up_ref(p);
  return Pkey(p);
}

}  // namespace ct::crypto::ossl
