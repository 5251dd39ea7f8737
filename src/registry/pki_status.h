#pragma once
// What the CA side keeps about itself, for the operators' status page (pki_status_read): the
// CAs with their current CRL, the delegated OCSP signer, and the CA operation queue. Figures of
// the OCSP responder's in-memory cache belong to the process serving it (pki/ocsp_cache.h).

#include <optional>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "store/records.h"

namespace ct::registry {

struct CaStatus {
  std::string name;                     // root | issuing | …
  std::string kind;
  std::string subject;                  // the certificate's subject DN
  TimePoint not_after;
  std::optional<store::CrlRecord> crl;  // its latest full CRL, nullopt before the first
};

struct PkiStatus {
  std::vector<CaStatus> cas;            // the CAs that sign certificates and CRLs, in creation order
  std::optional<CaStatus> ocsp_signer;  // the delegated OCSP-signing certificate (RFC 6960 §4.2.2.2)
  std::int64_t jobs_queued = 0;         // CA operations waiting in the queue
  std::int64_t jobs_running = 0;        // … being run
  std::int64_t requests_failed = 0;     // requests in state failed within reach: their CA operation
                                        // failed for good and awaits an operator's retry
};

[[nodiscard]] Result<PkiStatus> pki_status(RegistryEnv& env, const Actor& actor);

}  // namespace ct::registry
