// The CA side at a glance, for operators and auditors: the CAs and the freshness of their CRLs
// (RFC 5280 §5.1.2.5: a CRL past its nextUpdate is stale), the OCSP responder (RFC 6960) and the
// CA operation queue. Everything comes from the store, except the OCSP cache figures, which are
// this process's own (pki/ocsp_cache.h).
#include "registry/pki_status.h"
#include "pki/ocsp_cache.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json crl_json(const registry::CaStatus& ca, TimePoint now) {
  if (!ca.crl) return nullptr;
  const store::CrlRecord& crl = *ca.crl;
  return {{"number", crl.number},
          {"this_update", timefmt::iso8601_utc(crl.this_update)},
          {"next_update", timefmt::iso8601_utc(crl.next_update)},
          {"entries", crl.entries},
          {"stale", crl.next_update < now},
          {"href", "/crl/" + ca.name + ".crl"}};
}

std::int64_t days_left(TimePoint not_after, TimePoint now) {
  return std::chrono::duration_cast<std::chrono::days>(not_after - now).count();
}

nlohmann::json ocsp_json(const registry::PkiStatus& s, const pki::OcspCache* cache, const pki::PkiSettings& pki,
                         TimePoint now) {
  if (!s.ocsp_signer) return nullptr;
  const std::int64_t left = days_left(s.ocsp_signer->not_after, now);
  nlohmann::json j{{"signer_subject", s.ocsp_signer->subject},
                   {"signer_not_after", timefmt::iso8601_utc(s.ocsp_signer->not_after)},
                   {"signer_days_left", left},
                   // Renewed automatically when ca.ocsp_renew_days are left: fewer means it did not happen.
                   {"signer_expiring", left < pki.ocsp_renew_days},
                   {"renew_days", pki.ocsp_renew_days},
                   {"enabled", cache != nullptr},
                   {"responses_cached", 0},
                   {"last_produced_at", nullptr},
                   {"max_age_seconds", std::chrono::duration_cast<std::chrono::seconds>(pki.ocsp_validity).count()}};
  if (cache != nullptr) {
    const auto stats = cache->stats();
    j["responses_cached"] = stats.entries;
    if (stats.last_produced) j["last_produced_at"] = timefmt::iso8601_utc(*stats.last_produced);
  }
  return j;
}

ApiResult status(ApiCall& call) {
  auto s = registry::pki_status(call.env, call.who());
  if (!s) return problem(s.error());
  const TimePoint now = call.now();
  const auto& pki = call.services.ctx.app.pki();
  nlohmann::json cas = nlohmann::json::array();
  for (const auto& ca : s->cas) {
    const std::int64_t left = days_left(ca.not_after, now);
    cas.push_back({{"name", ca.name},
                   {"kind", ca.kind},
                   {"subject", ca.subject},
                   {"not_after", timefmt::iso8601_utc(ca.not_after)},
                   {"days_left", left},
                   {"expiring", left < pki.expiry_warning_days},
                   {"crl", crl_json(ca, now)}});
  }
  return json_response({{"cas", std::move(cas)},
                        {"expiry_warning_days", pki.expiry_warning_days},
                        {"ocsp", ocsp_json(*s, call.services.ctx.ocsp, pki, now)},
                        {"queue", {{"pending", s->jobs_queued}, {"running", s->jobs_running}, {"failed", s->requests_failed}}},
                        {"now", timefmt::iso8601_utc(now)}});
}

}  // namespace

void add_pki_routes(std::vector<ApiRoute>& out) {
  out.push_back(
      {.method = "GET",
       .path = "/api/v1/pki/status",
       .action = registry::Action::pki_status_read,
       .tag = "pki",
       .summary = "Tình trạng CA, CRL, OCSP và hàng đợi / Status of the CAs, their CRLs, the OCSP responder and the "
                  "CA operation queue",
       .response_schema = S::object(
           {{"cas", S::array(S::object(
                        {{"name", S::str()},
                         {"kind", S::one_of_strings({"root", "issuing"})},
                         {"subject", S::str()},
                         {"not_after", S::str()},
                         {"days_left", S::integer("Whole days before not_after")},
                         {"expiring", S::boolean("days_left is below expiry_warning_days")},
                         {"crl", S::object({{"number", S::integer()},
                                            {"this_update", S::str()},
                                            {"next_update", S::str()},
                                            {"entries", S::integer()},
                                            {"stale", S::boolean("nextUpdate has passed")},
                                            {"href", S::str()}})}}))},
            {"expiry_warning_days", S::integer("ca.expiry_warning_days: a CA closer to its end is expiring")},
            {"ocsp", S::object({{"signer_subject", S::str()},
                                {"signer_not_after", S::str()},
                                {"signer_days_left", S::integer()},
                                {"signer_expiring", S::boolean("Fewer than renew_days are left: the automatic "
                                                               "renewal (ca.ocsp_renew_days) did not happen")},
                                {"renew_days", S::integer("ca.ocsp_renew_days")},
                                {"enabled", S::boolean("This process answers OCSP")},
                                {"responses_cached", S::integer("Pre-signed responses this process holds")},
                                {"last_produced_at", S::str("producedAt of the last response this process signed; "
                                                            "null before the first")},
                                {"max_age_seconds", S::integer("Validity a response is signed with "
                                                               "(pki.ocsp_validity_hours): the longest max-age an "
                                                               "OCSP GET answer carries")}})},
            {"queue", S::object({{"pending", S::integer("CA operations queued (jobs)")},
                                 {"running", S::integer("CA operations being run (jobs)")},
                                 {"failed", S::integer("Requests in state failed: their CA operation failed for "
                                                       "good and awaits a retry (not failed jobs)")}})},
            {"now", S::str("The server's clock")}}),
       .handler = status});
}

}  // namespace ct::server
