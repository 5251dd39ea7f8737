// GET /api/v1/pki/status: the CAs and their CRLs, the OCSP responder and the operation queue,
// for the CA operator, auditors and admins only.
#include <gtest/gtest.h>

#include "pki/crl_publisher.h"
#include "pki/hierarchy.h"
#include "pki/revocation.h"
#include "pki/ocsp_cache.h"
#include "pki/ocsp_test_support.h"
#include "server/server_test_support.h"
#include "store/pki_repository.h"

namespace ct::server {
namespace {

class PkiStatusRoute : public testing::ApiFixture {
 protected:
  nlohmann::json status(const std::string& login = "ca1") {
    const auto r = call("GET", "/api/v1/pki/status", login);
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  static const nlohmann::json& ca(const nlohmann::json& s, const std::string& name) {
    for (const auto& c : s["cas"])
      if (c["name"] == name) return c;
    static const nlohmann::json none;
    ADD_FAILURE() << "no CA " << name << " in " << s.dump();
    return none;
  }

  // The OCSP responder of this process, as `serve` builds it (routes_public.cpp).
  std::unique_ptr<pki::OcspCache> ocsp_cache() {
    auto answerer = ctx_->ocsp_answerer();
    EXPECT_TRUE(answerer);
    auto lease = ctx_->db().acquire();
    auto signer = store::find_ca(**lease, pki::kOcspSigner);
    auto issuer = store::find_ca(**lease, pki::kIssuingCa);
    EXPECT_TRUE(signer && *signer && issuer && *issuer);
    auto key = ctx_->keys().load((*signer)->key_ref);
    EXPECT_TRUE(key);
    return std::make_unique<pki::OcspCache>(ctx_->db(), std::move(*answerer), **issuer, **signer, std::move(*key),
                                       ctx_->clock());
  }
};

TEST_F(PkiStatusRoute, OnlyOperatorsAuditorsAndAdmins) {
  for (const char* login : {"ca1", "auditor", "admin"}) EXPECT_EQ(call("GET", "/api/v1/pki/status", login).status, 200);
  for (const char* login : {"ra1", "agg", "um1", "sub1"}) {
    const auto r = call("GET", "/api/v1/pki/status", login);
    EXPECT_EQ(r.status, 403) << login;
    EXPECT_EQ(r.content_type, "application/problem+json");
  }
  EXPECT_EQ(call("GET", "/api/v1/pki/status", "").status, 401);
}

TEST_F(PkiStatusRoute, CasWithTheirCurrentCrl) {
  const auto s = status();
  ASSERT_TRUE(s.is_object());
  EXPECT_TRUE(s["now"].get<std::string>().ends_with("Z"));
  const auto& issuing = ca(s, "issuing");
  EXPECT_NE(issuing["subject"].get<std::string>().find("CN="), std::string::npos);
  EXPECT_TRUE(issuing["not_after"].get<std::string>().ends_with("Z"));
  for (const auto& c : s["cas"]) EXPECT_NE(c["name"], "ocsp");  // the signer is reported under ocsp
  ASSERT_TRUE(issuing["crl"].is_object()) << s.dump();
  const auto number = issuing["crl"]["number"].get<std::int64_t>();
  EXPECT_EQ(issuing["crl"]["entries"], 0);
  EXPECT_EQ(issuing["crl"]["stale"], false);
  EXPECT_EQ(issuing["crl"]["href"], "/crl/issuing.crl");

  // A revocation and a new CRL show in the next answer.
  auto authority = ctx_->certificate_authority(pki::kIssuingCa);
  ASSERT_TRUE(authority);
  pki::RevocationRequest direct;
  direct.serial = inside_.serial;
  direct.reason = crypto::CrlReason::key_compromise;
  auto env = ctx_->registry_env();
  ASSERT_TRUE(pki::revoke(env.db, env.clock, direct));
  auto published = pki::publish_crl(ctx_->db(), authority->record(), authority->key(), ctx_->pki(), ctx_->clock(),
                                    ctx_->crl_dir());
  ASSERT_TRUE(published) << published.error().describe();
  const auto after = ca(status("auditor"), "issuing");
  EXPECT_EQ(after["crl"]["number"], number + 1);
  EXPECT_EQ(after["crl"]["entries"], 1);
}

TEST_F(PkiStatusRoute, OcspSignerAndThisProcessesCache) {
  auto s = status();
  ASSERT_TRUE(s["ocsp"].is_object()) << s.dump();
  EXPECT_NE(s["ocsp"]["signer_subject"].get<std::string>().find("OCSP"), std::string::npos);
  EXPECT_TRUE(s["ocsp"]["signer_not_after"].get<std::string>().ends_with("Z"));
  EXPECT_EQ(s["ocsp"]["max_age_seconds"],
            std::chrono::duration_cast<std::chrono::seconds>(ctx_->pki().ocsp_validity).count());
  EXPECT_EQ(s["ocsp"]["enabled"], false);  // no responder in this process yet
  EXPECT_EQ(s["ocsp"]["responses_cached"], 0);
  EXPECT_TRUE(s["ocsp"]["last_produced_at"].is_null());

  auto cache = ocsp_cache();
  sctx_->ocsp = cache.get();
  auto lease = ctx_->db().acquire();
  auto issuer = store::find_ca(**lease, pki::kIssuingCa);
  auto id = crypto::make_cert_id((*issuer)->certificate, *from_hex(inside_.serial), crypto::HashAlg::sha1);
  ASSERT_TRUE(id);
  ASSERT_EQ(cache->answer(pki::testing::ocsp_request({*id})).kind, pki::OcspReply::Kind::signed_now);
  s = status("admin");
  EXPECT_EQ(s["ocsp"]["enabled"], true);
  EXPECT_EQ(s["ocsp"]["responses_cached"], 1);
  EXPECT_TRUE(s["ocsp"]["last_produced_at"].get<std::string>().ends_with("Z"));
  sctx_->ocsp = nullptr;
}

TEST_F(PkiStatusRoute, QueueCountsJobsAndFailedRequests) {
  auto s = status();
  EXPECT_EQ(s["queue"], (nlohmann::json{{"pending", 0}, {"running", 0}, {"failed", 0}}));
  // An approved request queues its CA operation.
  auto env = ctx_->registry_env();
  registry::RequestWorkflow wf(env);
  ASSERT_TRUE(wf.submit(actor("um1"), inside_.request, ""));
  ASSERT_TRUE(registry::add_to_batch(env, actor("agg"), inside_.batch, {inside_.request}));
  ASSERT_TRUE(registry::submit_batch(env, actor("agg"), inside_.batch, ""));
  auto approved = wf.approve(actor("ra1"), inside_.request, "");
  ASSERT_TRUE(approved) << approved.error().describe();
  s = status();
  EXPECT_EQ(s["queue"]["pending"], 1);
  EXPECT_EQ(s["queue"]["failed"], 0);
  // A request whose operation failed for good.
  {
    auto lease = ctx_->db().acquire();
    auto q = (*lease)->query("UPDATE requests SET state = 'failed' WHERE id = $1");
    ASSERT_TRUE(q);
    ASSERT_TRUE(q->bind(1, outside_.request).run());
  }
  EXPECT_EQ(status("auditor")["queue"]["failed"], 1);
}

}  // namespace
}  // namespace ct::server
