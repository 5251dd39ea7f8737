#include "pki/hierarchy.h"

#include "common/text.h"
#include "crypto/certificate.h"
#include "pki/serial.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

crypto::DistinguishedName ca_subject(const PkiSettings& s, const std::string& cn) {
  return {{"C", s.country}, {"O", s.organization}, {"CN", cn}};
}

}  // namespace

store::CertificateRecord ca_certificate_record(const crypto::CertificateSpec& spec, const Bytes& der, std::int64_t ca_id,
                                   const std::string& profile, TimePoint now) {
  store::CertificateRecord r;
  r.serial = to_hex(spec.serial);
  r.ca_id = ca_id;
  r.profile = profile;
  r.subject = crypto::format_dn(spec.subject);
  r.common_name = crypto::dn_value(spec.subject, "CN");
  r.name_fold = text::fold(r.common_name + " " + crypto::dn_value(spec.subject, "O"));
  r.organization_names = crypto::organization_names(spec.subject);
  r.not_before = spec.not_before;
  r.not_after = spec.not_after;
  r.der = der;
  r.key_sha256 = to_hex(crypto::digest(crypto::HashAlg::sha256, spec.subject_public_key_der));
  r.created_at = now;
  return r;
}

Result<MadeCa> make_ca_certificate(crypto::KeyBackend& keys, const std::string& label, crypto::KeyType type,
                          crypto::CertificateSpec spec, const crypto::PrivateKey* issuer_key, Rng& rng) {
  auto ref = keys.generate(label, type);
  if (!ref) return fail(ref.error());
  auto key = keys.load(*ref);
  if (!key) return fail(key.error());
  spec.serial = generate_serial(rng);
  spec.subject_public_key_der = key->public_key_der();
  const crypto::PrivateKey& signer = issuer_key != nullptr ? *issuer_key : *key;
  auto der = crypto::sign_certificate(spec, signer);
  if (!der) return fail(der.error());
  if (auto c = crypto::check_certificate(*der, spec, signer.public_key_der()); !c) return fail(c.error());
  return MadeCa{std::move(spec), std::move(*der), *ref};
}

Result<crypto::CertificateSpec> ocsp_signer_spec(const PkiSettings& settings, const ProfileSet& profiles,
                                                 const Bytes& issuer_der, TimePoint issuer_not_after, TimePoint now) {
  auto profile = profiles.find("ocsp");
  if (!profile) return fail(profile.error());
  crypto::CertificateSpec ocsp;
  ocsp.subject = ca_subject(settings, settings.ocsp_common_name);
  ocsp.issuer_certificate_der = issuer_der;
  ocsp.not_before = now;
  ocsp.not_after = std::min(now + std::chrono::days(settings.ocsp_days), issuer_not_after);
  ocsp.key_usage = (*profile)->key_usage;
  ocsp.extended_key_usage = (*profile)->extended_key_usage;
  ocsp.ocsp_no_check = true;
  return ocsp;
}

Status create_hierarchy(store::Database& db, crypto::KeyBackend& keys, const PkiSettings& settings,
                        const ProfileSet& profiles, const Clock& clock, Rng& rng) {
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto existing = store::list_cas(**lease);
  if (!existing) return fail(existing.error());
  if (!existing->empty()) {
    return fail(ErrorCode::conflict, "Hệ thống CA đã được khởi tạo", "The CA hierarchy already exists");
  }
  const TimePoint now = clock.now();

  crypto::CertificateSpec root;
  root.subject = ca_subject(settings, settings.root_common_name);
  root.not_before = now;
  root.not_after = now + std::chrono::days(settings.root_days);
  root.is_ca = true;
  root.key_usage = {"keyCertSign", "cRLSign"};
  auto root_made = make_ca_certificate(keys, kRootCa, settings.root_key, root, nullptr, rng);
  if (!root_made) return fail(root_made.error());
  auto root_key = keys.load(root_made->key_ref);
  if (!root_key) return fail(root_key.error());

  auto subca_profile = profiles.find("subca");
  if (!subca_profile) return fail(subca_profile.error());
  crypto::CertificateSpec issuing;
  issuing.subject = ca_subject(settings, settings.issuing_common_name);
  issuing.issuer_certificate_der = root_made->der;
  issuing.not_before = now;
  issuing.not_after = std::min(now + std::chrono::days(settings.issuing_days), root.not_after);
  issuing.is_ca = true;
  issuing.path_length = (*subca_profile)->path_length;
  issuing.key_usage = (*subca_profile)->key_usage;
  if (!settings.policy_oid.empty()) issuing.policy_oids = {settings.policy_oid};
  issuing.ca_issuer_urls = {settings.ca_certificate_url(kRootCa)};
  issuing.crl_urls = {settings.crl_url(kRootCa)};
  auto issuing_made = make_ca_certificate(keys, kIssuingCa, settings.issuing_key, issuing, &*root_key, rng);
  if (!issuing_made) return fail(issuing_made.error());
  auto issuing_key = keys.load(issuing_made->key_ref);
  if (!issuing_key) return fail(issuing_key.error());

  auto ocsp = ocsp_signer_spec(settings, profiles, issuing_made->der, issuing.not_after, now);
  if (!ocsp) return fail(ocsp.error());
  auto ocsp_made = make_ca_certificate(keys, kOcspSigner, settings.ocsp_key, *ocsp, &*issuing_key, rng);
  if (!ocsp_made) return fail(ocsp_made.error());

  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  store::CaRecord root_rec{0, kRootCa, settings.root_common_name, "root", std::nullopt, root_made->der,
                           root_made->key_ref, to_hex(root_made->spec.serial), root.not_before, root.not_after, now};
  auto root_id = store::insert_ca(**lease, root_rec);
  if (!root_id) return fail(root_id.error());
  store::CaRecord issuing_rec{0, kIssuingCa, settings.issuing_common_name, "issuing", *root_id, issuing_made->der,
                              issuing_made->key_ref, to_hex(issuing_made->spec.serial), issuing.not_before,
                              issuing.not_after, now};
  auto issuing_id = store::insert_ca(**lease, issuing_rec);
  if (!issuing_id) return fail(issuing_id.error());
  store::CaRecord ocsp_rec{0, kOcspSigner, settings.ocsp_common_name, "ocsp", *issuing_id, ocsp_made->der,
                           ocsp_made->key_ref, to_hex(ocsp_made->spec.serial), ocsp->not_before, ocsp->not_after, now};
  if (auto id = store::insert_ca(**lease, ocsp_rec); !id) return fail(id.error());
  for (auto [made, issuer_id, profile] : {std::tuple{&*root_made, *root_id, "root"},
                                         std::tuple{&*issuing_made, *root_id, "subca"},
                                         std::tuple{&*ocsp_made, *issuing_id, "ocsp"}}) {
    auto rec = ca_certificate_record(made->spec, made->der, issuer_id, profile, now);
    if (auto id = store::insert_certificate(**lease, rec); !id) return fail(id.error());
  }
  return tx->commit();
}

}  // namespace ct::pki
