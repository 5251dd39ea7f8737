#include <fstream>

#include "common/files.h"
#include "crypto/certificate.h"
#include "crypto/crl.h"
#include "crypto/csr.h"
#include "crypto/ocsp.h"
#include "pki/crl_files.h"
#include "pki/crl_publisher.h"
#include "pki/faulty_database_test_support.h"
#include "pki/ocsp_answerer.h"
#include "pki/pki_test_support.h"
#include "pki/readiness.h"
#include "pki/revocation.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

using testing::PkiFixture;
using testing::test_now;

class RevocationTest : public PkiFixture {
 protected:
  std::string issue(const std::string& cn) {
    auto ca = issuing_ca();
    auto r = ca.issue(*db_, individual(cn, "x" + std::to_string(++n_) + "@bacninh.gov.vn"));
    EXPECT_TRUE(r) << r.error().describe();
    return r->serial;
  }
  OcspAnswerer answerer() {
    auto signer = ca_record(kOcspSigner);
    auto key = keys_->load(signer.key_ref);
    return OcspAnswerer(ca_record(kIssuingCa), std::move(signer), std::move(*key), settings_, clock_);
  }
  int n_ = 0;
};

TEST_F(RevocationTest, RevokeHoldReleaseAndTheirErrors) {
  const std::string s = issue("Lê Văn Cường");
  clock_.advance(std::chrono::hours(1));
  auto held = revoke(*db_, clock_, {s, crypto::CrlReason::certificate_hold, std::nullopt});
  ASSERT_TRUE(held) << held.error().describe();
  ASSERT_TRUE(revoke(*db_, clock_, {s, crypto::CrlReason::remove_from_crl, std::nullopt}));
  ASSERT_FALSE(revoke(*db_, clock_, {"0x" + s, crypto::CrlReason::key_compromise, std::nullopt}));  // not hex
  auto lowercase = s;
  for (auto& ch : lowercase) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  ASSERT_TRUE(revoke(*db_, clock_, {lowercase, crypto::CrlReason::key_compromise, test_now()}));
  auto twice = revoke(*db_, clock_, {s, crypto::CrlReason::superseded, std::nullopt});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto unknown = revoke(*db_, clock_, {"0123456789ABCDEF", crypto::CrlReason::superseded, std::nullopt});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  auto future = revoke(*db_, clock_, {s, crypto::CrlReason::key_compromise, clock_.now() + std::chrono::hours(1)});
  ASSERT_FALSE(future);
  EXPECT_EQ(future.error().code, ErrorCode::invalid_input);
}

TEST_F(RevocationTest, AnotherNodeServesTheCrlFromTheStoreAndRefusesTamperedContents) {
  auto ca = issuing_ca();
  auto published = publish_crl(*db_, ca.record(), ca.key(), settings_, clock_, dir_ / "crl");
  ASSERT_TRUE(published) << published.error().describe();
  auto lease = db_->acquire();
  ASSERT_TRUE(lease);
  // This node: its own numbered file. Another node: a copy fetched from the store, identical.
  auto here = current_crl_file(**lease, ca.record(), dir_ / "crl");
  ASSERT_TRUE(here && *here) << (here ? "none" : here.error().describe());
  EXPECT_EQ((*here)->file, published->path);
  auto there = current_crl_file(**lease, ca.record(), dir_ / "node-b");
  ASSERT_TRUE(there && *there) << (there ? "none" : there.error().describe());
  EXPECT_EQ((*there)->file, dir_ / "node-b" / ("issuing-" + std::to_string(published->number) + ".crl"));
  EXPECT_EQ(*read_file((*there)->file, 1 << 20), *read_file(published->path, 1 << 20));
  // Contents that do not match the record are refused, not served.
  auto q = (*lease)->query("UPDATE crl_contents SET der = $1 WHERE number = $2");
  ASSERT_TRUE(q);
  const Bytes junk{0x30, 0x03, 0x02, 0x01, 0x00};
  ASSERT_TRUE(q->bind_blob(1, junk).bind(2, published->number).run());
  auto tampered = current_crl_file(**lease, ca.record(), dir_ / "node-c");
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, ErrorCode::integrity);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "node-c" / ("issuing-" + std::to_string(published->number) + ".crl")));
}

TEST_F(RevocationTest, ReadinessNamesAMissingOrStaleCrlAndAnUnrenewedSigner) {
  {
    auto lease = db_->acquire();
    ASSERT_TRUE(lease);
    auto none = crls_current(**lease, clock_.now());
    ASSERT_TRUE(none);
    EXPECT_NE(none->message_en.find("has published no CRL"), std::string::npos) << none->message_en;
  }
  for (const char* name : {kRootCa, kIssuingCa}) {
    auto rec = ca_record(name);
    auto key = keys_->load(rec.key_ref);
    ASSERT_TRUE(key);
    ASSERT_TRUE(publish_crl(*db_, rec, *key, settings_, clock_, dir_ / "crl"));
  }
  auto lease = db_->acquire();
  ASSERT_TRUE(lease);
  EXPECT_FALSE(crls_current(**lease, clock_.now()));
  auto stale = crls_current(**lease, clock_.now() + settings_.crl_next_update);
  ASSERT_TRUE(stale);
  EXPECT_NE(stale->message_en.find("past its nextUpdate"), std::string::npos) << stale->message_en;

  EXPECT_FALSE(ocsp_signer_current(*db_, clock_, settings_));
  const auto signer = ca_record(kOcspSigner);
  // Renewal falls due 30 days before notAfter; readiness goes down a day later.
  clock_.set(signer.not_after - std::chrono::days(settings_.ocsp_renew_days - 1) - std::chrono::hours(1));
  EXPECT_FALSE(ocsp_signer_current(*db_, clock_, settings_)) << "within a day of falling due";
  clock_.advance(std::chrono::hours(2));
  auto unrenewed = ocsp_signer_current(*db_, clock_, settings_);
  ASSERT_TRUE(unrenewed);
  EXPECT_NE(unrenewed->message_en.find("was not renewed"), std::string::npos);
}

TEST_F(RevocationTest, CrlListsRevokedAndHeldWithReasonsAndIncreasingNumbers) {
  const std::string a = issue("A"), b = issue("B"), c = issue("C");
  ASSERT_TRUE(revoke(*db_, clock_, {a, crypto::CrlReason::key_compromise, test_now() - std::chrono::hours(2)}));
  ASSERT_TRUE(revoke(*db_, clock_, {b, crypto::CrlReason::certificate_hold, std::nullopt}));
  auto ca = issuing_ca();
  auto first = publish_crl(*db_, ca.record(), ca.key(), settings_, clock_, dir_ / "crl");
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(first->entries, 2u);
  EXPECT_EQ(first->this_update, test_now());
  EXPECT_EQ(first->next_update, test_now() + std::chrono::hours(24));
  auto summary = crypto::check_crl_file(first->current, ca.record().certificate);
  ASSERT_TRUE(summary) << summary.error().describe();
  EXPECT_EQ(summary->entries, 2u);

  ASSERT_TRUE(revoke(*db_, clock_, {b, crypto::CrlReason::remove_from_crl, std::nullopt}));
  ASSERT_TRUE(revoke(*db_, clock_, {c, crypto::CrlReason::cessation_of_operation, std::nullopt}));
  clock_.advance(std::chrono::minutes(5));
  auto second = publish_crl(*db_, ca.record(), ca.key(), settings_, clock_, dir_ / "crl");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->number, first->number + 1);
  EXPECT_EQ(second->entries, 2u);  // a and c; b was released
  auto lease = db_->acquire();
  auto latest = store::latest_crl(**lease, ca.record().id, false);
  ASSERT_TRUE(latest && *latest);
  EXPECT_EQ((*latest)->number, second->number);
}

TEST_F(RevocationTest, CrlLeavesOutCertificatesLongExpired) {
  const std::string s = issue("Old");
  ASSERT_TRUE(revoke(*db_, clock_, {s, crypto::CrlReason::superseded, std::nullopt}));
  clock_.advance(std::chrono::days(1095 + 3));  // expired three days ago: two CRL periods passed
  auto ca = issuing_ca();
  auto crl = publish_crl(*db_, ca.record(), ca.key(), settings_, clock_, dir_ / "crl");
  ASSERT_TRUE(crl) << crl.error().describe();
  EXPECT_EQ(crl->entries, 0u);
}

TEST_F(RevocationTest, OcspAnswersGoodRevokedAndUnknown) {
  const std::string good = issue("Good"), bad = issue("Bad");
  ASSERT_TRUE(revoke(*db_, clock_, {bad, crypto::CrlReason::affiliation_changed, std::nullopt}));
  auto ocsp = answerer();
  auto status_of = [&](const std::string& serial) {
    auto id = crypto::make_cert_id(ca_record(kIssuingCa).certificate, *from_hex(serial));
    auto s = ocsp.status_of(*db_, *id);
    EXPECT_TRUE(s);
    return *s;
  };
  EXPECT_EQ(status_of(good).status, crypto::OcspCertStatus::good);
  auto revoked = status_of(bad);
  EXPECT_EQ(revoked.status, crypto::OcspCertStatus::revoked);
  EXPECT_EQ(revoked.reason, crypto::CrlReason::affiliation_changed);
  EXPECT_EQ(revoked.revoked_at, test_now());
  EXPECT_EQ(revoked.next_update, test_now() + std::chrono::hours(24));
  EXPECT_EQ(status_of("0A0B0C0D").status, crypto::OcspCertStatus::unknown);
  EXPECT_EQ(ocsp.answer(*db_, Bytes{0x30, 0x00}), crypto::ocsp_error_response(crypto::OcspErrorStatus::malformed_request));
  auto signed_response = ocsp.response_for_serial(*db_, good);
  ASSERT_TRUE(signed_response) << signed_response.error().describe();
  EXPECT_GT(signed_response->size(), 100u);
  EXPECT_FALSE(ocsp.response_for_serial(*db_, "not hex"));
}

TEST_F(RevocationTest, StoreFailuresLoseNothingAndWriteNothing) {
  testing::FaultSwitch sw;
  testing::FaultyDatabase faulty(*db_, sw);
  auto ca = issuing_ca();
  sw.fail_commit = true;
  auto issued = ca.issue(faulty, individual("Fail", "fail@bacninh.gov.vn"));
  ASSERT_FALSE(issued);
  EXPECT_EQ(issued.error().code, ErrorCode::unavailable);
  sw.fail_commit = false;
  {
    auto lease = db_->acquire();
    EXPECT_TRUE(store::search_certificates(**lease, {"fail@bacninh.gov.vn", 10, 0})->empty());
  }
  const std::string s = issue("Kept");
  sw.fail_commit = true;
  auto revoked = revoke(faulty, clock_, {s, crypto::CrlReason::key_compromise, std::nullopt});
  ASSERT_FALSE(revoked);
  sw.fail_commit = false;
  auto lease = db_->acquire();
  EXPECT_EQ((*store::find_certificate(**lease, s))->status, store::CertStatus::valid);
  sw.fail_queries = true;
  EXPECT_FALSE(publish_crl(faulty, ca.record(), ca.key(), settings_, clock_, dir_ / "crl"));
}

}  // namespace
}  // namespace ct::pki
