#include "pki/ocsp_signer.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/text.h"
#include "pki/hierarchy.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

Result<store::CaRecord> current_signer(store::Connection& c) {
  auto signer = store::find_ca(c, kOcspSigner);
  if (!signer) return fail(signer.error());
  if (!*signer || !(*signer)->parent_id) {
    return fail(ErrorCode::not_found, "Chưa có chứng thư ký OCSP", "No OCSP signing certificate", "ca");
  }
  return std::move(**signer);
}

std::int64_t days_left(const store::CaRecord& signer, const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::days>(signer.not_after - clock.now()).count();
}

}  // namespace

Result<std::int64_t> ocsp_signer_days_left(store::Database& db, const Clock& clock) {
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto signer = current_signer(**lease);
  if (!signer) return fail(signer.error());
  return days_left(*signer, clock);
}

Result<std::optional<OcspSignerRenewal>> renew_ocsp_signer(store::Database& db, crypto::KeyBackend& keys,
                                                           const PkiSettings& settings, const ProfileSet& profiles,
                                                           const Clock& clock, Rng& rng, bool force,
                                                           const std::string& actor) {
  store::CaRecord old;
  store::CaRecord issuer;
  {
    auto lease = db.acquire();
    if (!lease) return fail(lease.error());
    auto signer = current_signer(**lease);
    if (!signer) return fail(signer.error());
    old = std::move(*signer);
    if (!force && days_left(old, clock) >= settings.ocsp_renew_days) return std::optional<OcspSignerRenewal>();
    auto parent = store::find_ca(**lease, *old.parent_id);
    if (!parent) return fail(parent.error());
    if (!*parent) return fail(ErrorCode::integrity, "CA của OCSP bị thiếu", "The OCSP signer's CA is missing");
    issuer = std::move(**parent);
  }
  auto issuer_key = keys.load(issuer.key_ref);
  if (!issuer_key) return fail(issuer_key.error());
  const TimePoint now = clock.now();
  auto spec = ocsp_signer_spec(settings, profiles, issuer.certificate, issuer.not_after, now);
  if (!spec) return fail(spec.error());
  // Unique per attempt: two processes renewing at once never share a key label.
  Bytes nonce(4);
  rng.fill(nonce);
  const std::string label = std::string(kOcspSigner) + "-" + std::to_string(to_unix(now)) + "-" + text::ascii_lower(to_hex(nonce));
  auto made = make_ca_certificate(keys, label, settings.ocsp_key, std::move(*spec), &*issuer_key, rng);
  if (!made) return fail(made.error());
  store::CaRecord renewed = old;
  renewed.certificate = made->der;
  renewed.key_ref = made->key_ref;
  renewed.serial = to_hex(made->spec.serial);
  renewed.not_before = made->spec.not_before;
  renewed.not_after = made->spec.not_after;

  auto committed = [&]() -> Result<bool> {
    auto lease = db.acquire();
    if (!lease) return fail(lease.error());
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto replaced = store::replace_ca_certificate(**lease, kOcspSigner, old.serial, renewed);
    if (!replaced) return fail(replaced.error());
    if (!*replaced) return false;
    auto rec = ca_certificate_record(made->spec, made->der, issuer.id, "ocsp", now);
    if (auto id = store::insert_certificate(**lease, rec); !id) return fail(id.error());
    const std::string details = nlohmann::json{{"old_serial", old.serial},
                                               {"new_serial", renewed.serial},
                                               {"key_ref", renewed.key_ref},
                                               {"not_after", to_unix(renewed.not_after)}}
                                    .dump();
    audit::AuditEvent e{actor, "ca.renew", "ca", kOcspSigner, std::nullopt, "ok", details};
    if (auto seq = audit::append(**lease, clock, e); !seq) return fail(seq.error());
    if (auto st = tx->commit(); !st) return fail(st.error());
    return true;
  }();
  if (!committed || !*committed) {
    // Renewed by another process meanwhile, or not stored: the new key serves nothing.
    if (auto d = keys.destroy(made->key_ref); !d) (void)d;
    if (!committed) return fail(committed.error());
    return std::optional<OcspSignerRenewal>();
  }
  return std::optional<OcspSignerRenewal>(
      OcspSignerRenewal{old.serial, renewed.serial, renewed.key_ref, renewed.not_after});
}

}  // namespace ct::pki
