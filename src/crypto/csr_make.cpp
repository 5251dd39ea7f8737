#include "crypto/csr.h"
#include "crypto/keys_internal.h"
#include "crypto/ossl_error.h"
#include "crypto/x509_internal.h"

namespace ct::crypto {

Result<Bytes> make_csr(const PrivateKey& key, const DistinguishedName& subject) {
  ErrorQueueGuard guard;
  ossl::X509Req req(X509_REQ_new());
  if (!req || X509_REQ_set_version(req.get(), 0) != 1) {
    return fail(openssl_error(ErrorCode::internal, "Không tạo được CSR", "Cannot create a CSR"));
  }
  auto name = x509_name_from_dn(subject);
  if (!name) return fail(name.error());
  EVP_PKEY* pkey = key.impl().pkey.get();
  if (pkey == nullptr) {
    return fail(ErrorCode::invalid_input, "Khóa trên thiết bị PKCS#11 không dùng để lập CSR ở đây",
                "A key on a PKCS#11 device cannot make a CSR here");
  }
  if (X509_REQ_set_subject_name(req.get(), name->get()) != 1 || X509_REQ_set_pubkey(req.get(), pkey) != 1 ||
      X509_REQ_sign(req.get(), pkey, evp_md(key.signature_hash())) <= 0) {
    return fail(openssl_error(ErrorCode::internal, "Không ký được CSR", "Cannot sign the CSR"));
  }
  unsigned char* der = nullptr;
  const int len = i2d_X509_REQ(req.get(), &der);
  if (len <= 0) return fail(openssl_error(ErrorCode::internal, "Không mã hóa được CSR", "Cannot encode the CSR"));
  ossl::OsslBytes owner(der);
  return Bytes(der, der + len);
}

}  // namespace ct::crypto
