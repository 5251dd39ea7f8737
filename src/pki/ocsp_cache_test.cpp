#include "pki/ocsp_cache.h"

#include "pki/pki_test_support.h"
#include "pki/revocation.h"
#include "pki/ocsp_test_support.h"

namespace ct::pki {
namespace {

using testing::PkiFixture;
using testing::ocsp_request;

class OcspCacheTest : public PkiFixture {
 protected:
  std::unique_ptr<OcspCache> make_cache(OcspCacheOptions opt = {}) {
    auto signer = ca_record(pki::kOcspSigner);
    auto k1 = keys_->load(signer.key_ref);
    auto k2 = keys_->load(signer.key_ref);
    EXPECT_TRUE(k1 && k2);
    OcspAnswerer answerer(ca_record(pki::kIssuingCa), signer, std::move(*k1), settings_, clock_);
    auto cache = std::make_unique<OcspCache>(*db_, std::move(answerer), ca_record(pki::kIssuingCa), signer,
                                             std::move(*k2), clock_, opt);
    EXPECT_TRUE(cache->baseline());
    return cache;
  }
  std::string issue(const std::string& cn) {
    auto r = issuing_ca().issue(*db_, individual(cn, "u" + std::to_string(++n_) + "@bacninh.gov.vn"));
    EXPECT_TRUE(r) << r.error().describe();
    return r->serial;
  }
  Bytes request_for(const std::string& serial_hex, crypto::HashAlg alg = crypto::HashAlg::sha1,
                    const std::optional<Bytes>& nonce = {}) {
    auto id = crypto::make_cert_id(ca_record(pki::kIssuingCa).certificate, *from_hex(serial_hex), alg);
    EXPECT_TRUE(id);
    return ocsp_request({*id}, nonce);
  }
  int n_ = 0;
};

std::string as_string(const Bytes& b) { return {b.begin(), b.end()}; }

TEST_F(OcspCacheTest, SecondRequestIsServedWithoutSigning) {
  const std::string s = issue("Nguyễn Văn An");
  auto cache = make_cache();
  auto first = cache->answer(request_for(s));
  ASSERT_EQ(first.kind, OcspReply::Kind::signed_now);
  ASSERT_TRUE(first.entry);
  EXPECT_EQ(first.entry->status, crypto::OcspCertStatus::good);
  EXPECT_EQ(first.entry->next_update - first.entry->this_update, settings_.ocsp_validity);
  auto second = cache->answer(request_for(s));
  ASSERT_EQ(second.kind, OcspReply::Kind::cached);
  EXPECT_EQ(second.entry->der, first.entry->der);
  EXPECT_EQ(cache->stats().signatures, 1u);
  EXPECT_EQ(cache->stats().hits, 1u);
}

TEST_F(OcspCacheTest, RemembersWhenItLastSigned) {
  const std::string s = issue("Đỗ Thị Hà");
  auto cache = make_cache();
  EXPECT_FALSE(cache->stats().last_produced);
  ASSERT_EQ(cache->answer(request_for(s)).kind, OcspReply::Kind::signed_now);
  EXPECT_EQ(cache->stats().last_produced, clock_.now());
  clock_.advance(std::chrono::minutes(5));
  ASSERT_EQ(cache->answer(request_for(s)).kind, OcspReply::Kind::cached);
  EXPECT_EQ(cache->stats().last_produced, clock_.now() - std::chrono::minutes(5));  // a hit signs nothing
}

TEST_F(OcspCacheTest, NonceIsIgnoredPerRfc5019) {
  const std::string s = issue("Trần Thị Bình");
  auto cache = make_cache();
  auto plain = cache->answer(request_for(s));
  auto with_nonce = cache->answer(request_for(s, crypto::HashAlg::sha1, Bytes(16, 0x5A)));
  ASSERT_EQ(with_nonce.kind, OcspReply::Kind::cached);
  EXPECT_EQ(with_nonce.entry->der, plain.entry->der);
}

TEST_F(OcspCacheTest, Sha256CertIdGetsItsOwnEntry) {
  const std::string s = issue("Lê Văn Cường");
  auto cache = make_cache();
  auto sha1 = cache->answer(request_for(s));
  auto sha256 = cache->answer(request_for(s, crypto::HashAlg::sha256));
  ASSERT_EQ(sha256.kind, OcspReply::Kind::signed_now);
  EXPECT_NE(sha256.entry->der, sha1.entry->der);
  EXPECT_EQ(cache->answer(request_for(s, crypto::HashAlg::sha256)).kind, OcspReply::Kind::cached);
  EXPECT_EQ(cache->stats().entries, 2u);
}

TEST_F(OcspCacheTest, UnknownSerialIsSignedOnceAndCached) {
  auto cache = make_cache();
  auto first = cache->answer(request_for("0123456789ABCDEF0123"));
  ASSERT_TRUE(first.entry);
  EXPECT_EQ(first.entry->status, crypto::OcspCertStatus::unknown);
  EXPECT_EQ(cache->answer(request_for("0123456789ABCDEF0123")).kind, OcspReply::Kind::cached);
}

TEST_F(OcspCacheTest, MalformedAndForeignRequestsGetErrorResponses) {
  auto cache = make_cache();
  const Bytes garbage{0x30, 0x03, 0x02, 0x01};
  auto bad = cache->answer(garbage);
  EXPECT_EQ(bad.kind, OcspReply::Kind::error);
  EXPECT_EQ(bad.body, as_string(crypto::ocsp_error_response(crypto::OcspErrorStatus::malformed_request)));
  EXPECT_EQ(cache->answer({}).body, bad.body);
  // A CertID naming the root as issuer: not ours to answer (RFC 5019 §2.2.3 unauthorized).
  auto id = crypto::make_cert_id(ca_record(pki::kRootCa).certificate, Bytes{0x01, 0x02}, crypto::HashAlg::sha1);
  ASSERT_TRUE(id);
  auto foreign = cache->answer(ocsp_request({*id}));
  EXPECT_EQ(foreign.body, as_string(crypto::ocsp_error_response(crypto::OcspErrorStatus::unauthorized)));
  EXPECT_EQ(cache->stats().signatures, 0u);
}

TEST_F(OcspCacheTest, SeveralCertIdsAreAnsweredLive) {
  const std::string a = issue("A"), b = issue("B");
  auto cache = make_cache();
  const Bytes issuer = ca_record(pki::kIssuingCa).certificate;
  auto ida = crypto::make_cert_id(issuer, *from_hex(a));
  auto idb = crypto::make_cert_id(issuer, *from_hex(b));
  auto reply = cache->answer(ocsp_request({*ida, *idb}));
  EXPECT_EQ(reply.kind, OcspReply::Kind::signed_now);
  EXPECT_FALSE(reply.entry);
  EXPECT_GT(reply.body.size(), 100u);
}

TEST_F(OcspCacheTest, UsedEntriesAreRefreshedBeforeExpiryAndIdleOnesDropped) {
  const std::string used = issue("Used"), idle = issue("Idle");
  auto cache = make_cache();
  ASSERT_TRUE(cache->presign(idle));
  auto first = cache->answer(request_for(used));
  const TimePoint signed_at = first.entry->this_update;
  clock_.advance(std::chrono::hours(11));
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->stats().signatures, 2u);  // nothing due yet
  clock_.advance(std::chrono::hours(2));     // 13 h of 24: past the half-way refresh point
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->stats().entries, 1u);     // the idle pre-signed entry went away
  auto after = cache->answer(request_for(used));
  ASSERT_EQ(after.kind, OcspReply::Kind::cached);
  EXPECT_EQ(after.entry->this_update, signed_at + std::chrono::hours(13));
  EXPECT_GT(after.entry->next_update, clock_.now() + std::chrono::hours(12));
}

TEST_F(OcspCacheTest, ExpiredEntryIsNeverServed) {
  const std::string s = issue("Stale");
  auto cache = make_cache();
  auto first = cache->answer(request_for(s));
  clock_.advance(settings_.ocsp_validity + std::chrono::hours(1));  // no maintenance ran
  auto again = cache->answer(request_for(s));
  EXPECT_EQ(again.kind, OcspReply::Kind::signed_now);
  EXPECT_GT(again.entry->next_update, clock_.now());
}

TEST_F(OcspCacheTest, RevocationByAnyWriterIsPickedUpByTheNextRound) {
  const std::string s = issue("Revoked Later");
  auto cache = make_cache();
  EXPECT_EQ(cache->answer(request_for(s)).entry->status, crypto::OcspCertStatus::good);
  clock_.advance(std::chrono::minutes(5));
  // pki::revoke is what the CLI, the worker and other servers call: only the store links them.
  ASSERT_TRUE(pki::revoke(*db_, clock_, {s, crypto::CrlReason::key_compromise, std::nullopt}));
  const auto epoch_before = cache->stats().epoch;
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->stats().epoch, epoch_before + 1);
  const auto signatures = cache->stats().signatures;
  auto after = cache->answer(request_for(s));
  ASSERT_EQ(after.kind, OcspReply::Kind::cached);
  EXPECT_EQ(after.entry->status, crypto::OcspCertStatus::revoked);
  EXPECT_EQ(cache->stats().signatures, signatures);
  // Hold released: good again after the next round.
  const std::string h = issue("Held");
  ASSERT_TRUE(cache->maintain());
  ASSERT_TRUE(pki::revoke(*db_, clock_, {h, crypto::CrlReason::certificate_hold, std::nullopt}));
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->answer(request_for(h)).entry->status, crypto::OcspCertStatus::revoked);
  ASSERT_TRUE(pki::revoke(*db_, clock_, {h, crypto::CrlReason::remove_from_crl, std::nullopt}));
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->answer(request_for(h)).entry->status, crypto::OcspCertStatus::good);
}

TEST_F(OcspCacheTest, NewCertificatesArePreSigned) {
  auto cache = make_cache();
  const std::string s = issue("Mới cấp");
  ASSERT_TRUE(cache->maintain());
  EXPECT_EQ(cache->stats().entries, 1u);
  EXPECT_EQ(cache->answer(request_for(s)).kind, OcspReply::Kind::cached);
}

TEST_F(OcspCacheTest, EntriesAreBoundedAndTheRecentlyUsedStay) {
  OcspCacheOptions opt;
  opt.max_entries = 10;
  auto cache = make_cache(opt);
  const std::string hot = issue("Hot");
  ASSERT_TRUE(cache->maintain());
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(cache->maintain());
    ASSERT_TRUE(cache->answer(request_for(hot)).entry);
    char serial[16];
    std::snprintf(serial, sizeof serial, "7E%08X", i);
    ASSERT_TRUE(cache->answer(request_for(serial)).entry);
    EXPECT_LE(cache->stats().entries, 10u);
  }
  EXPECT_EQ(cache->answer(request_for(hot)).kind, OcspReply::Kind::cached);
}

}  // namespace
}  // namespace ct::pki
