// EC key pairs and the PKCS#11 key backend (key_backend.h) on a SoftHSM2 token: signatures that
// OpenSSL verifies, keys that only sign, and a backend that survives the loss of every session.
#include <gtest/gtest.h>

#include "crypto/key_backend.h"
#include "crypto/keys.h"
#include "crypto/pkcs11.h"
#include "crypto/pkcs11_internal.h"
#include "crypto/pkcs11_testing.h"

namespace ct::crypto::pkcs11 {
namespace {

using namespace p11test;  // NOLINT(google-build-using-namespace): the fixture and its helpers

TEST(EcdsaSignature, RawRAndSBecomeDer) {
  EXPECT_FALSE(ecdsa_signature_der(Bytes{0x80, 0x00, 0x01}));  // halves of unequal length
  // r = 0x8000 (high bit set: a leading zero octet), s = 0x0001 (its leading zero dropped).
  auto der = ecdsa_signature_der(Bytes{0x80, 0x00, 0x00, 0x01});
  ASSERT_TRUE(der) << der.error().describe();
  EXPECT_EQ(*der, (Bytes{0x30, 0x08, 0x02, 0x03, 0x00, 0x80, 0x00, 0x02, 0x01, 0x01}));
}

TEST_F(SoftHsm, FindsTheTokenByLabel) {
  auto found = module_->find_token_by_label(kLabel);
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(found->slot_id, token_->slot_id);
  auto missing = module_->find_token_by_label("no-such-token");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_NE(missing.error().message_en.find("label no-such-token"), std::string::npos);
}

TEST_F(SoftHsm, EcKeyPairsSignWhatOpenSslVerifies) {
  Session s = user_session();
  const Bytes data = to_bytes("nội dung cần ký");
  for (const auto& [type, hash, id] : {std::tuple{KeyType::ec_p256, HashAlg::sha256, Bytes{0xE1}},
                                       std::tuple{KeyType::ec_p384, HashAlg::sha384, Bytes{0xE2}}}) {
    auto spki = s.generate_key_pair(type, "ec", id, true);
    ASSERT_TRUE(spki) << spki.error().describe();
    auto algorithm = public_key_algorithm(*spki);
    ASSERT_TRUE(algorithm) << algorithm.error().describe();
    EXPECT_EQ(*algorithm, type == KeyType::ec_p256 ? "EC-P256" : "EC-P384");
    auto again = s.public_key(id);
    ASSERT_TRUE(again && *again);
    EXPECT_EQ(**again, *spki);
    const Bytes d = digest(hash, data);
    auto raw = s.sign(id, SignMechanism::ecdsa, d);
    ASSERT_TRUE(raw) << raw.error().describe();
    EXPECT_EQ(raw->size(), type == KeyType::ec_p256 ? 64u : 96u);
    auto der = ecdsa_signature_der(*raw);
    ASSERT_TRUE(der);
    EXPECT_TRUE(verify_signature(*spki, hash, data, *der));
    const auto priv = raw_find(s, CKO_PRIVATE_KEY, id);
    ASSERT_EQ(priv.size(), 1u);
    EXPECT_TRUE(raw_bool(s, priv[0], CKA_SENSITIVE));
    EXPECT_TRUE(raw_bool(s, priv[0], CKA_SIGN));
    EXPECT_FALSE(raw_bool(s, priv[0], CKA_EXTRACTABLE));
    EXPECT_FALSE(raw_bool(s, priv[0], CKA_DECRYPT)) << "a sign-only key";
    EXPECT_FALSE(raw_bool(s, priv[0], CKA_UNWRAP));
  }
  ASSERT_TRUE(s.destroy_key_pair(Bytes{0xE1}));
  auto gone = s.public_key(Bytes{0xE1});
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

class Pkcs11Backend : public SoftHsm {
 protected:
  Result<std::unique_ptr<Pkcs11KeyBackend>> open(std::string pin = kUserPin) {
    Pkcs11BackendOptions o;
    o.module = kSoftHsm;
    o.token_label = kLabel;
    o.pin = std::move(pin);
    o.max_sessions = 2;
    return Pkcs11KeyBackend::open(std::move(o));
  }
};

TEST_F(Pkcs11Backend, KeysMadeOnTheTokenSignAndVerify) {
  auto backend = open();
  ASSERT_TRUE(backend) << backend.error().describe();
  KeyBackend& keys = **backend;
  EXPECT_EQ(keys.name(), "pkcs11");
  EXPECT_FALSE(keys.check());
  const Bytes data = to_bytes("tbsCertificate");
  for (const auto& [label, type] : {std::pair{"issuing", KeyType::rsa2048}, std::pair{"audit", KeyType::ec_p256}}) {
    auto ref = keys.generate(label, type);
    ASSERT_TRUE(ref) << ref.error().describe();
    EXPECT_EQ(*ref, std::string("pkcs11:") + label);
    auto key = keys.load(*ref);
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_EQ(key->type(), type);
    auto sig = key->sign(data);
    ASSERT_TRUE(sig) << sig.error().describe();
    EXPECT_TRUE(verify_signature(key->public_key_der(), key->signature_hash(), data, *sig)) << label;
    // Labelled and identified by what it is for.
    Session s = user_session();
    EXPECT_EQ(raw_find(s, CKO_PRIVATE_KEY, to_bytes(std::string("chungthu-") + label)).size(), 1u);
  }
  auto twice = keys.generate("issuing", KeyType::rsa2048);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  auto missing = keys.load("pkcs11:root");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  ASSERT_TRUE(keys.destroy("pkcs11:audit"));
  EXPECT_FALSE(keys.load("pkcs11:audit"));
}

TEST_F(Pkcs11Backend, SignsAgainAfterEverySessionWasClosed) {
  auto backend = open();
  ASSERT_TRUE(backend) << backend.error().describe();
  ASSERT_TRUE((*backend)->generate("issuing", KeyType::rsa2048));
  auto key = (*backend)->load("pkcs11:issuing");
  ASSERT_TRUE(key);
  ASSERT_TRUE(key->sign(to_bytes("before")));
  // What an HSM does after a device error: every session of the application is gone (and the
  // login with them); the backend's handles are now invalid.
  Session probe = user_session();
  ASSERT_EQ(probe.impl().lib->fns->C_CloseAllSessions(token_->slot_id), CKR_OK);
  auto after = key->sign(to_bytes("after"));
  ASSERT_TRUE(after) << after.error().describe();
  EXPECT_TRUE(verify_signature(key->public_key_der(), HashAlg::sha256, to_bytes("after"), *after));
  EXPECT_FALSE((*backend)->check());
}

TEST_F(Pkcs11Backend, AWrongPinIsNamedNeverShownAndNotTriedAgain) {
  auto backend = open("wrong-pin-9999");
  ASSERT_FALSE(backend);
  EXPECT_EQ(backend.error().code, ErrorCode::invalid_input);
  EXPECT_NE(backend.error().message_en.find("refused the user PIN"), std::string::npos) << backend.error().describe();
  EXPECT_EQ(backend.error().describe().find("wrong-pin-9999"), std::string::npos);
  EXPECT_FALSE(token_->token->user_pin_locked);
}

TEST_F(Pkcs11Backend, AMissingModuleOrTokenIsOneClearError) {
  Pkcs11BackendOptions o;
  o.module = "/nonexistent/libpkcs11.so";
  o.token_label = kLabel;
  o.pin = kUserPin;
  auto no_module = Pkcs11KeyBackend::open(o);
  ASSERT_FALSE(no_module);
  EXPECT_EQ(no_module.error().code, ErrorCode::unavailable);
  EXPECT_NE(no_module.error().message_en.find("/nonexistent/libpkcs11.so"), std::string::npos);
  o.module = kSoftHsm;
  o.token_label = "absent";
  auto no_token = Pkcs11KeyBackend::open(o);
  ASSERT_FALSE(no_token);
  EXPECT_EQ(no_token.error().code, ErrorCode::unavailable);
  EXPECT_NE(no_token.error().message_en.find("No token with label absent"), std::string::npos);
}

}  // namespace
}  // namespace ct::crypto::pkcs11
