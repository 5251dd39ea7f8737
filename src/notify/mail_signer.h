#pragma once
// The identity chungthu signs its mails with (S/MIME, RFC 8551): a key of its own and a
// certificate that our issuing CA issued for the sending address, so a mail client shows a
// genuine mail as signed by that address under our root, and a forged one stands out.

#include <string>
#include <vector>

#include "common/clock.h"
#include "crypto/key_backend.h"
#include "crypto/keys.h"
#include "notify/mail_settings.h"
#include "pki/certificate_authority.h"
#include "store/database.h"

namespace ct::notify {

struct MailSigner {
  crypto::PrivateKey key;
  Bytes certificate_der;
  std::vector<Bytes> chain_der;  // the issuing CA's certificate
  std::string serial;
  TimePoint not_after;

  // The detached CMS signature of `entity` (what mime.h's build_signed_message asks for).
  [[nodiscard]] Result<Bytes> sign(std::string_view entity, TimePoint at) const;
};

// The key labelled "mail" in `keys` (an EC P-256 key, made when missing) and the newest valid
// certificate of it for `settings.from` with at least 30 days left; when there is none, `ca`
// issues one (profile "individual": digitalSignature, emailProtection; the address in the
// subjectAltName). The certificate is an ordinary one of the store: listed, revocable, in OCSP.
[[nodiscard]] Result<MailSigner> ensure_mail_signer(store::Database& db, crypto::KeyBackend& keys,
                                                    pki::CertificateAuthority& ca, const MailSettings& settings,
                                                    const Clock& clock);

}  // namespace ct::notify
