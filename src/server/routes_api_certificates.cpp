// Certificates in scope, direct revocation by the CA (RFC 5280 §5.3.1 reasons), CRL publication
// and statistics.
#include "crypto/pem.h"
#include "pki/crl_publisher.h"
#include "pki/hierarchy.h"
#include "pki/revocation.h"
#include "registry/certificate_access.h"
#include "registry/direct_revocation.h"
#include "registry/statistics.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

std::string status_of(const store::CertificateRecord& r, TimePoint now) {
  if (r.status == store::CertStatus::revoked) return "revoked";
  if (r.status == store::CertStatus::hold) return "hold";
  return r.not_after < now ? "expired" : "valid";
}

nlohmann::json cert_json(const registry::HeldCertificateView& v, TimePoint now) {
  const auto& r = v.record;
  nlohmann::json j{{"serial", r.serial},
                   {"subject", r.subject},
                   {"common_name", r.common_name},
                   {"email", r.email ? nlohmann::json(*r.email) : nlohmann::json(nullptr)},
                   {"profile", r.profile},
                   {"status", status_of(r, now)},
                   {"not_before", timefmt::iso8601_utc(r.not_before)},
                   {"not_after", timefmt::iso8601_utc(r.not_after)},
                   {"subscriber_id", opt_json(r.subscriber_id)},
                   {"request_id", opt_json(r.request_id)},
                   {"org_id", opt_json(v.org_id)}};
  if (r.revoked_at) j["revoked_at"] = timefmt::iso8601_utc(*r.revoked_at);
  if (r.revocation_reason) j["revocation_reason"] = crypto::to_string(static_cast<crypto::CrlReason>(*r.revocation_reason));
  if (!r.der.empty()) j["pem"] = crypto::to_pem(r.der, "CERTIFICATE");
  return j;
}

nlohmann::json cert_schema() {
  return S::object({{"serial", S::str("Uppercase hex")},
                    {"subject", S::str()},
                    {"common_name", S::str()},
                    {"email", S::str()},
                    {"profile", S::str()},
                    {"status", S::one_of_strings({"valid", "revoked", "hold", "expired"})},
                    {"not_before", S::str()},
                    {"not_after", S::str()},
                    {"revoked_at", S::str()},
                    {"revocation_reason", S::str()},
                    {"subscriber_id", S::integer()},
                    {"request_id", S::integer()},
                    {"org_id", S::integer()},
                    {"pem", S::str("The certificate (single reads only)")}});
}

ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  registry::CertificateFilter f;
  f.text = query_text(call.req, "q");
  if (auto s = query_text(call.req, "status"); !s.empty()) {
    if (s != "valid" && s != "revoked" && s != "hold") {
      return problem(Error::make(ErrorCode::invalid_input, "Trạng thái phải là valid, revoked hoặc hold",
                                 "status must be valid, revoked or hold", "status"));
    }
    f.status = s;
  }
  if (call.req.query.count("subscriber_id") != 0) {
    auto v = query_integer(call.req, "subscriber_id", 0, 1, INT64_MAX);
    if (!v) return problem(v.error());
    f.subscriber_id = *v;
  }
  auto certs = registry::list_certificates(call.env, call.who(), f, *page);
  if (!certs) return problem(certs.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : *certs) items.push_back(cert_json(c, call.now()));
  return json_response(page_json(std::move(items), *page));
}

ApiResult get(ApiCall& call) {
  auto c = registry::get_certificate(call.env, call.who(), call.req.params.at("serial"));
  if (!c) return problem(c.error());
  return json_response(cert_json(*c, call.now()));
}

ApiResult revoke(ApiCall& call) {
  struct Body {
    std::string reason;
    std::optional<std::string> invalidity_date;
    std::string emergency;
  };
  auto b = read_body<Body>(call.body, [](JsonReader& r) {
    return Body{r.text("reason", 64), r.opt_text("invalidity_date", 32), r.opt_text("emergency", 2000).value_or("")};
  });
  if (!b) return problem(b.error());
  auto reason = crypto::parse_crl_reason(b->reason);
  if (!reason) return problem(reason.error().within("reason"));
  registry::DirectRevocation d;
  d.serial = call.req.params.at("serial");
  d.reason = *reason;
  d.emergency = b->emergency;
  if (b->invalidity_date) {
    auto day = timefmt::parse_date(*b->invalidity_date, "invalidity_date");
    if (!day) return problem(day.error());
    d.invalidity_date = *day;
  }
  auto done = registry::revoke_directly(call.env, call.who(), d);
  if (!done) return problem(done.error());
  if (!done->done) {
    // The two-person rule: recorded, waiting for a second CA operator.
    return json_response({{"state", "proposed"},
                          {"serial", done->serial},
                          {"proposed_by", done->proposed_by},
                          {"proposed_at", timefmt::iso8601_utc(done->proposed_at)},
                          {"expires_at", timefmt::iso8601_utc(done->proposed_at + registry::kProposalLifetime)}},
                         202);
  }
  auto after = registry::get_certificate(call.env, call.who(), done->serial);
  if (!after) return problem(after.error());
  return json_response(cert_json(*after, call.now()));
}

ApiResult publish(ApiCall& call) {
  auto name = read_body<std::string>(call.body, [](JsonReader& r) {
    return r.opt_text("ca", 64).value_or(pki::kIssuingCa);
  });
  if (!name) return problem(name.error());
  auto ca = call.services.ctx.app.certificate_authority(*name);
  if (!ca) return problem(ca.error());
  auto& app = call.services.ctx.app;
  auto crl = pki::publish_crl(app.db(), ca->record(), ca->key(), app.pki(), app.clock(), app.crl_dir(),
                              call.who().login);
  if (!crl) return problem(crl.error());
  return json_response({{"ca", *name},
                        {"number", crl->number},
                        {"entries", crl->entries},
                        {"this_update", timefmt::iso8601_utc(crl->this_update)},
                        {"next_update", timefmt::iso8601_utc(crl->next_update)},
                        {"href", "/crl/" + *name + ".crl"}},
                       201);
}

ApiResult stats(ApiCall& call) {
  auto s = registry::statistics(call.env, call.who());
  if (!s) return problem(s.error());
  return json_response(registry::to_json(*s));
}

}  // namespace

void add_certificate_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/certificates",
                 .action = Action::certificate_read,
                 .tag = "certificates",
                 .summary = "Chứng thư trong phạm vi / Certificates in scope",
                 .response_schema = S::page(cert_schema()),
                 .query = page_params({{"q", "string", "Serial prefix, e-mail, or words of the name"},
                                       {"status", "string", "valid | revoked | hold"},
                                       {"subscriber_id", "integer", "Only this subscriber's"}}),
                 .handler = list});
  out.push_back({.method = "GET",
                 .path = "/api/v1/certificates/{serial}",
                 .action = Action::certificate_read,
                 .tag = "certificates",
                 .summary = "Một chứng thư, kèm PEM / One certificate, with its PEM",
                 .response_schema = cert_schema(),
                 .handler = get});
  out.push_back({.method = "POST",
                 .path = "/api/v1/certificates/{serial}/revoke",
                 .action = Action::certificate_revoke,
                 .tag = "certificates",
                 .summary = "Thu hồi trực tiếp / Revoke directly (RFC 5280 reason). certificateHold and "
                            "removeFromCRL take effect at once; a revocation for good needs a second CA operator when "
                            "registry.two_person_types holds \"revoke\": the first call answers 202 {state: proposed}, "
                            "the second operator's call with the same reason revokes (200). \"emergency\": the stated "
                            "reason of a keyCompromise revocation that takes effect at once "
                            "(registry.emergency_revocation)",
                 .body = Body::json,
                 .request_schema = S::body({{"reason", S::str("keyCompromise, affiliationChanged, superseded, "
                                                              "cessationOfOperation, certificateHold, removeFromCRL, "
                                                              "privilegeWithdrawn, unspecified")},
                                            {"invalidity_date", S::str("YYYY-MM-DD or dd/MM/yyyy")},
                                            {"emergency", S::str("Why it cannot wait for a second person")}},
                                           {"reason"}),
                 .response_schema = cert_schema(),
                 .handler = revoke});
  out.push_back({.method = "POST",
                 .path = "/api/v1/crls",
                 .action = Action::crl_publish,
                 .tag = "certificates",
                 .summary = "Phát hành CRL mới / Publish the next CRL of a CA",
                 .body = Body::json_or_empty,
                 .request_schema = S::body({{"ca", S::str("CA name (default: issuing)")}}),
                 .response_schema = S::object({{"ca", S::str()},
                                               {"number", S::integer()},
                                               {"entries", S::integer()},
                                               {"this_update", S::str()},
                                               {"next_update", S::str()},
                                               {"href", S::str()}}),
                 .success_status = 201,
                 .handler = publish});
  out.push_back({.method = "GET",
                 .path = "/api/v1/statistics",
                 .action = Action::statistics_read,
                 .tag = "statistics",
                 .summary = "Thống kê trong phạm vi / Statistics in scope",
                 .response_schema = S::object({{"requests_by_state", S::any_object()},
                                               {"requests_by_type", S::any_object()},
                                               {"requests_overdue", S::integer()},
                                               {"certificates_by_status", S::any_object()},
                                               {"certificates_expiring", S::any_object("30/60/90 days → count")},
                                               {"certificates_by_org",
                                                S::array(S::object({{"org_id", S::integer()},
                                                                    {"org_name", S::str()},
                                                                    {"valid", S::integer()},
                                                                    {"expiring_90", S::integer()}}))},
                                               {"requests_by_age",
                                                S::any_object("open requests by days since created: 0-3, 4-7, "
                                                              "8-14, 15+")}}),
                 .handler = stats});
}

}  // namespace ct::server
