#include "notify/mail_signer.h"

#include "common/hex.h"
#include "crypto/cms.h"
#include "store/certificate_repository.h"

namespace ct::notify {
namespace {

constexpr const char* kMailKeyLabel = "mail";
constexpr auto kRenewBefore = std::chrono::days{30};

Result<crypto::PrivateKey> mail_key(crypto::KeyBackend& keys) {
  const std::string ref = keys.reference(kMailKeyLabel);
  auto key = keys.load(ref);
  if (key || key.error().code != ErrorCode::not_found) return key;
  auto made = keys.generate(kMailKeyLabel, crypto::KeyType::ec_p256);
  if (!made && made.error().code != ErrorCode::conflict) return fail(made.error());
  return keys.load(made ? *made : ref);
}

}  // namespace

Result<Bytes> MailSigner::sign(std::string_view entity, TimePoint at) const {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(entity.data());
  return crypto::cms_sign_detached(std::span<const std::uint8_t>(bytes, entity.size()), key, certificate_der,
                                   chain_der, at);
}

Result<MailSigner> ensure_mail_signer(store::Database& db, crypto::KeyBackend& keys, pki::CertificateAuthority& ca,
                                      const MailSettings& settings, const Clock& clock) {
  auto key = mail_key(keys);
  if (!key) return fail(key.error());
  const std::string key_hash = to_hex(crypto::digest(crypto::HashAlg::sha256, key->public_key_der()));
  const TimePoint now = clock.now();
  std::string serial;
  {
    auto lease = db.acquire();
    if (!lease) return fail(lease.error());
    auto known = store::find_certificates_by_email(**lease, settings.from, 50, 0);
    if (!known) return fail(known.error());
    for (const auto& c : *known) {
      if (c.key_sha256 == key_hash && c.status == store::CertStatus::valid && c.not_after > now + kRenewBefore &&
          c.not_before <= now) {
        serial = c.serial;
        break;
      }
    }
  }
  if (serial.empty()) {
    pki::IssueRequest req;
    req.public_key_der = key->public_key_der();
    req.profile = "individual";
    req.subject = {{"C", "VN"}, {"CN", settings.from_name}, {"emailAddress", settings.from}};
    req.emails = {settings.from};
    req.actor = "system:mail";
    auto issued = ca.issue(db, req);
    if (!issued) return fail(issued.error());
    serial = issued->serial;
  }
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto cert = store::find_certificate(**lease, serial);
  if (!cert) return fail(cert.error());
  if (!*cert) return fail(ErrorCode::internal, "Không tìm thấy chứng thư ký thư", "The mail signing certificate is missing");
  return MailSigner{std::move(*key), (*cert)->der, {ca.record().certificate}, serial, (*cert)->not_after};
}

}  // namespace ct::notify
