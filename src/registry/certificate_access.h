#pragma once
// Certificates as the registry's users see them (SPEC §1, §12): a certificate belongs to the
// organization of the subscriber it was issued to, and is shown only to actors that reach that
// subscriber (certificate_read). Certificates issued outside the registry (`cert issue`) are
// linked to no subscriber and are seen by unscoped roles only.

#include <optional>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "store/records.h"

namespace ct::registry {

struct CertificateFilter {
  std::string text;                         // serial prefix, e-mail, or words of the name
  std::optional<std::string> status;        // valid | revoked | hold
  std::optional<std::int64_t> subscriber_id;
};

struct HeldCertificateView {
  store::CertificateRecord record;          // der is empty in lists
  std::optional<std::int64_t> org_id;       // the subscriber's organization
};

// Newest first, within the actor's reach.
[[nodiscard]] Result<std::vector<HeldCertificateView>> list_certificates(RegistryEnv& env, const Actor& actor,
                                                                         const CertificateFilter& f, Page page);
// One certificate with its DER; not_found for an unknown serial, forbidden (audited) outside reach.
[[nodiscard]] Result<HeldCertificateView> get_certificate(RegistryEnv& env, const Actor& actor,
                                                          const std::string& serial);

}  // namespace ct::registry
