#include "registry/pki_status.h"

#include "crypto/certificate.h"
#include "registry/access_policy.h"
#include "store/job_queue.h"
#include "store/pki_repository.h"

namespace ct::registry {

Result<PkiStatus> pki_status(RegistryEnv& env, const Actor& actor) {
  if (!allowed_somewhere(actor, Action::pki_status_read)) {
    return fail(deny(env.db, env.clock, actor, Action::pki_status_read, "pki", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto& c = **lease;
  auto cas = store::list_cas(c);
  if (!cas) return fail(cas.error());
  PkiStatus out;
  for (const auto& ca : *cas) {
    CaStatus s{ca.name, ca.kind, ca.display_name, ca.not_after, std::nullopt};
    if (auto info = crypto::inspect_certificate(ca.certificate)) s.subject = info->subject_text;
    if (ca.kind == "ocsp") {
      out.ocsp_signer = std::move(s);
      continue;
    }
    auto crl = store::latest_crl(c, ca.id, false);
    if (!crl) return fail(crl.error());
    s.crl = std::move(*crl);
    out.cas.push_back(std::move(s));
  }
  auto queued = store::count_jobs(c, store::JobState::queued);
  if (!queued) return fail(queued.error());
  auto running = store::count_jobs(c, store::JobState::running);
  if (!running) return fail(running.error());
  out.jobs_queued = *queued;
  out.jobs_running = *running;
  auto q = c.query("SELECT COUNT(*) FROM requests WHERE state = 'failed' AND " +
                   actor.scope_sql("org_path", "subscriber_id", 1));
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  auto row = q->step();
  if (!row) return fail(row.error());
  out.requests_failed = *row ? q->get_int(0) : 0;
  if (auto s = q->run(); !s) return fail(s.error());
  return out;
}

}  // namespace ct::registry
