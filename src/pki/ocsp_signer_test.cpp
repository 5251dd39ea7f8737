#include "pki/ocsp_signer.h"

#include "audit/audit_log.h"
#include "pki/ocsp_cache.h"
#include "pki/ocsp_test_support.h"
#include "pki/pki_test_support.h"

namespace ct::pki {
namespace {

using testing::PkiFixture;

class OcspSignerTest : public PkiFixture {
 protected:
  Result<std::optional<OcspSignerRenewal>> renew(bool force = false) {
    return renew_ocsp_signer(*db_, *keys_, settings_, profiles_, clock_, rng_, force, "test");
  }
};

TEST_F(OcspSignerTest, RenewedOnceWhenTheWindowOpens) {
  const store::CaRecord before = ca_record(kOcspSigner);
  EXPECT_EQ(before.not_after, testing::test_now() + std::chrono::days(settings_.ocsp_days));
  auto early = renew();
  ASSERT_TRUE(early) << early.error().describe();
  EXPECT_FALSE(*early) << "not due at the start";
  clock_.set(before.not_after - std::chrono::days(settings_.ocsp_renew_days) - std::chrono::hours(1));
  auto still_early = renew();
  ASSERT_TRUE(still_early);
  EXPECT_FALSE(*still_early) << "one hour before the window";
  auto days = ocsp_signer_days_left(*db_, clock_);
  ASSERT_TRUE(days);
  EXPECT_EQ(*days, settings_.ocsp_renew_days);

  clock_.advance(std::chrono::hours(2));
  auto renewed = renew();
  ASSERT_TRUE(renewed) << renewed.error().describe();
  ASSERT_TRUE(*renewed);
  EXPECT_EQ((*renewed)->old_serial, before.serial);
  EXPECT_NE((*renewed)->new_serial, before.serial);
  EXPECT_EQ((*renewed)->key_ref.rfind("soft:ocsp-" + std::to_string(to_unix(clock_.now())) + "-", 0), 0u)
      << (*renewed)->key_ref;
  const store::CaRecord after = ca_record(kOcspSigner);
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.serial, (*renewed)->new_serial);
  EXPECT_EQ(after.key_ref, (*renewed)->key_ref);
  EXPECT_EQ(after.not_before, clock_.now());
  EXPECT_EQ(after.not_after, clock_.now() + std::chrono::days(settings_.ocsp_days));
  EXPECT_EQ(after.parent_id, before.parent_id);
  auto key = keys_->load(after.key_ref);
  ASSERT_TRUE(key) << key.error().describe();
  auto cert = crypto::inspect_certificate(after.certificate);
  ASSERT_TRUE(cert) << cert.error().describe();
  EXPECT_EQ(cert->subject_public_key_der, key->public_key_der());

  auto lease = db_->acquire();
  ASSERT_TRUE(lease);
  auto rec = store::find_certificate(**lease, after.serial);
  ASSERT_TRUE(rec && *rec) << "the new signer's certificate is recorded";
  EXPECT_EQ((*rec)->profile, "ocsp");
  audit::AuditQuery q;
  q.action_prefix = "ca.renew";
  auto entries = audit::list(**lease, q);
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_NE(entries->front().event.details.find(before.serial), std::string::npos);
  EXPECT_NE(entries->front().event.details.find(after.serial), std::string::npos);

  auto again = renew();
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again) << "renewed once";
}

TEST_F(OcspSignerTest, ForcedRenewalsInTheSameSecondEachMakeTheirOwnKey) {
  auto first = renew(true);
  ASSERT_TRUE(first && *first) << (first ? "" : first.error().describe());
  auto second = renew(true);
  ASSERT_TRUE(second && *second) << (second ? "" : second.error().describe());
  EXPECT_NE((*second)->key_ref, (*first)->key_ref);
  EXPECT_EQ((*second)->old_serial, (*first)->new_serial);
  EXPECT_EQ(ca_record(kOcspSigner).serial, (*second)->new_serial);
  EXPECT_TRUE(keys_->load((*first)->key_ref)) << "the first key stays: what it signed is still valid";
}

TEST_F(OcspSignerTest, TheCacheSignsWithTheRenewedSigner) {
  auto issued = issuing_ca().issue(*db_, individual("Nguyễn Văn An", "an@bacninh.gov.vn"));
  ASSERT_TRUE(issued) << issued.error().describe();
  const store::CaRecord old = ca_record(kOcspSigner);
  auto k1 = keys_->load(old.key_ref);
  auto k2 = keys_->load(old.key_ref);
  ASSERT_TRUE(k1 && k2);
  OcspCache cache(*db_, OcspAnswerer(ca_record(kIssuingCa), old, std::move(*k1), settings_, clock_),
                  ca_record(kIssuingCa), old, std::move(*k2), clock_);
  ASSERT_TRUE(cache.baseline());
  auto id = crypto::make_cert_id(ca_record(kIssuingCa).certificate, *from_hex(issued->serial), crypto::HashAlg::sha1);
  ASSERT_TRUE(id);
  const Bytes request = testing::ocsp_request({*id});
  const auto contains = [](const std::string& body, const Bytes& needle) {
    return body.find(std::string(needle.begin(), needle.end())) != std::string::npos;
  };
  auto before = cache.answer(request);
  ASSERT_TRUE(before.entry);
  const std::string before_body(before.entry->der.begin(), before.entry->der.end());
  EXPECT_TRUE(contains(before_body, old.certificate));

  auto renewed = renew(true);
  ASSERT_TRUE(renewed && *renewed);
  const store::CaRecord now = ca_record(kOcspSigner);
  auto key = keys_->load(now.key_ref);
  ASSERT_TRUE(key);
  cache.replace_signer(now, std::move(*key));
  EXPECT_EQ(cache.signer_serial(), now.serial);
  // A response signed from now on (a certificate the cache has not seen) carries the new signer.
  auto second = issuing_ca().issue(*db_, individual("Trần Thị Bình", "binh@bacninh.gov.vn"));
  ASSERT_TRUE(second) << second.error().describe();
  auto id2 = crypto::make_cert_id(ca_record(kIssuingCa).certificate, *from_hex(second->serial), crypto::HashAlg::sha1);
  ASSERT_TRUE(id2);
  auto after = cache.answer(testing::ocsp_request({*id2}));
  ASSERT_TRUE(after.entry);
  const std::string after_body(after.entry->der.begin(), after.entry->der.end());
  EXPECT_TRUE(contains(after_body, now.certificate)) << "signed by the renewed signer";
  EXPECT_FALSE(contains(after_body, old.certificate));
  // What the old signer signed stays valid and is kept until it is refreshed.
  auto kept = cache.answer(request);
  ASSERT_TRUE(kept.entry);
  EXPECT_EQ(kept.entry->der, before.entry->der);
}

}  // namespace
}  // namespace ct::pki
