// pkcs11.h against a real SoftHSM2 token (SPEC §6), with the fixture of pkcs11_testing.h.
// The cross-check with OpenSC's pkcs11-tool is tests/verify/token_cli.sh.

#include <dlfcn.h>
#include <gtest/gtest.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "crypto/certificate.h"
#include "crypto/cli_test_support.h"
#include "crypto/keys.h"
#include "crypto/pkcs11.h"
#include "crypto/pkcs11_internal.h"
#include "crypto/pkcs11_testing.h"

namespace ct::crypto::pkcs11 {
namespace {

using namespace p11test;  // NOLINT(google-build-using-namespace): the fixture and its helpers

TEST_F(SoftHsm, ListsTheTokenAsSoftHsmUtilShowsIt) {
  const TokenInfo& t = *token_->token;
  EXPECT_TRUE(token_->token_present);
  EXPECT_TRUE(t.initialized);
  EXPECT_TRUE(t.user_pin_initialized);
  EXPECT_FALSE(t.user_pin_locked);
  EXPECT_FALSE(t.user_pin_count_low);
  EXPECT_FALSE(t.so_pin_locked);
  EXPECT_EQ(t.manufacturer, "SoftHSM project");
  EXPECT_EQ(t.model, "SoftHSM v2");
  EXPECT_EQ(t.serial.size(), 16u) << t.serial;
  EXPECT_EQ(token_->description.rfind("SoftHSM slot ID", 0), 0u) << token_->description;
  // softhsm2-util prints the slot id in decimal and the serial as it is (16 characters, no padding).
  const auto shown = clitest::run("softhsm2-util --show-slots");
  ASSERT_EQ(shown.status, 0) << shown.output;
  EXPECT_NE(shown.output.find("Slot " + std::to_string(token_->slot_id) + "\n"), std::string::npos) << shown.output;
  EXPECT_NE(shown.output.find("Serial number:    " + t.serial + "\n"), std::string::npos) << shown.output;
  // The blank token: present, not initialized, its padding-only serial and label empty.
  EXPECT_TRUE(blank_->token_present);
  EXPECT_EQ(blank_->token->serial, "");
  EXPECT_EQ(blank_->token->label, "");
  EXPECT_FALSE(blank_->token->user_pin_initialized);
}

TEST_F(SoftHsm, FindsTheTokenBySerial) {
  auto found = module_->find_token_by_serial(token_->token->serial);
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(found->slot_id, token_->slot_id);
  EXPECT_EQ(found->token->label, kLabel);
  auto missing = module_->find_token_by_serial("0000000000000000");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  EXPECT_NE(missing.error().message_en.find("0000000000000000"), std::string::npos);
  // The blank token's serial is empty: it cannot be asked for.
  EXPECT_EQ(module_->find_token_by_serial("").error().code, ErrorCode::invalid_input);
}

TEST_F(SoftHsm, InitializesTheBlankTokenWhichMovesToANewSlot) {
  ASSERT_TRUE(module_->init_token(blank_->slot_id, kSoPin, "chungthu-b"));
  auto now = module_->find_token_by_serial(token_->token->serial);
  ASSERT_TRUE(now) << now.error().describe();
  std::string serial;
  const auto listed = module_->slots();
  ASSERT_TRUE(listed) << listed.error().describe();
  for (const auto& s : *listed) {
    if (s.token && s.token->label == "chungthu-b") serial = s.token->serial;
  }
  ASSERT_EQ(serial.size(), 16u) << "the new token is listed with its serial";
  // The next time the module is loaded, SoftHSM2 gives the token a slot derived from its serial
  // (what softhsm2-util reports as "reassigned"): only the serial finds it again.
  module_.reset();
  auto reloaded = Module::load(kSoftHsm);
  ASSERT_TRUE(reloaded) << reloaded.error().describe();
  module_.emplace(std::move(*reloaded));
  auto b = module_->find_token_by_serial(serial);
  ASSERT_TRUE(b) << b.error().describe();
  EXPECT_NE(b->slot_id, blank_->slot_id) << "SoftHSM2 renumbers an initialized token's slot";
  EXPECT_EQ(b->token->label, "chungthu-b");
  EXPECT_TRUE(b->token->initialized);
  EXPECT_FALSE(b->token->user_pin_initialized);
  // Its user PIN is set by the SO, then works.
  auto s = module_->open_session(b->slot_id);
  ASSERT_TRUE(s) << s.error().describe();
  auto no_pin = s->login(UserType::user, "first-user-pin");
  ASSERT_FALSE(no_pin);
  ASSERT_TRUE(s->login(UserType::security_officer, kSoPin));
  ASSERT_TRUE(s->init_pin("first-user-pin"));
  ASSERT_TRUE(s->logout());
  EXPECT_TRUE(s->login(UserType::user, "first-user-pin"));
  EXPECT_TRUE(module_->find_token_by_serial(serial)->token->user_pin_initialized);
  // Too long a label is refused before the module sees it.
  EXPECT_EQ(module_->init_token(b->slot_id, kSoPin, std::string(33, 'x')).error().code, ErrorCode::invalid_input);
}

TEST_F(SoftHsm, GeneratedPrivateKeyIsSensitiveAndNeverLeavesTheToken) {
  Session s = user_session();
  auto spki = s.generate_rsa_key_pair(2048, "subscriber key", kKeyId);
  ASSERT_TRUE(spki) << spki.error().describe();
  EXPECT_EQ(public_key_algorithm(*spki).value_or("?"), "RSA-2048");

  const auto privs = raw_find(s, CKO_PRIVATE_KEY, kKeyId);
  ASSERT_EQ(privs.size(), 1u);
  const CK_OBJECT_HANDLE priv = privs.front();
  EXPECT_TRUE(raw_bool(s, priv, CKA_TOKEN));
  EXPECT_TRUE(raw_bool(s, priv, CKA_PRIVATE));
  EXPECT_TRUE(raw_bool(s, priv, CKA_SENSITIVE));
  EXPECT_FALSE(raw_bool(s, priv, CKA_EXTRACTABLE));
  EXPECT_TRUE(raw_bool(s, priv, CKA_SIGN));
  EXPECT_TRUE(raw_bool(s, priv, CKA_ALWAYS_SENSITIVE));
  EXPECT_TRUE(raw_bool(s, priv, CKA_NEVER_EXTRACTABLE));
  EXPECT_EQ(raw_get(s, priv, CKA_LABEL).value, to_bytes("subscriber key"));
  // PKCS#11 §5.7 C_GetAttributeValue: a sensitive attribute is refused, its length unavailable.
  const RawValue d = raw_get(s, priv, CKA_PRIVATE_EXPONENT);
  EXPECT_EQ(d.rv, CKR_ATTRIBUTE_SENSITIVE);
  EXPECT_EQ(d.length, CK_UNAVAILABLE_INFORMATION);
  EXPECT_TRUE(d.value.empty());
  EXPECT_EQ(raw_get(s, priv, CKA_PRIME_1).rv, CKR_ATTRIBUTE_SENSITIVE);

  const auto pubs = raw_find(s, CKO_PUBLIC_KEY, kKeyId);
  ASSERT_EQ(pubs.size(), 1u);
  EXPECT_TRUE(raw_bool(s, pubs.front(), CKA_VERIFY));
  EXPECT_TRUE(raw_bool(s, pubs.front(), CKA_TOKEN));

  // A second key with the same CKA_ID would make the id ambiguous.
  auto again = s.generate_rsa_key_pair(2048, "again", kKeyId);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(s.generate_rsa_key_pair(1024, "small", Bytes{0x09}).error().code, ErrorCode::invalid_input);
}

TEST_F(SoftHsm, SignaturesVerifyWithOpenSsl) {
  Session s = user_session();
  auto spki = s.generate_rsa_key_pair(2048, "signer", kKeyId);
  ASSERT_TRUE(spki) << spki.error().describe();
  const auto message = bytes_of("Quyết định cấp chứng thư số / certificate issuance decision");

  auto by_token = s.sign(kKeyId, SignMechanism::sha256_rsa_pkcs, message);
  ASSERT_TRUE(by_token) << by_token.error().describe();
  EXPECT_EQ(by_token->size(), 256u);
  EXPECT_TRUE(verify_signature(*spki, HashAlg::sha256, message, *by_token));

  // The raw mechanism over our DigestInfo gives the same (deterministic) PKCS#1 v1.5 signature.
  auto info = rsa_digest_info(HashAlg::sha256, digest(HashAlg::sha256, message));
  ASSERT_TRUE(info) << info.error().describe();
  auto raw = s.sign(kKeyId, SignMechanism::rsa_pkcs, *info);
  ASSERT_TRUE(raw) << raw.error().describe();
  EXPECT_EQ(*raw, *by_token);

  const auto other = bytes_of("another message");
  EXPECT_FALSE(verify_signature(*spki, HashAlg::sha256, other, *by_token));
  EXPECT_EQ(s.sign(Bytes{0x77}, SignMechanism::sha256_rsa_pkcs, message).error().code, ErrorCode::not_found);
  EXPECT_EQ(rsa_digest_info(HashAlg::sha256, Bytes(20)).error().code, ErrorCode::invalid_input);

  // Logged out: the key cannot be used, and the error says why.
  ASSERT_TRUE(s.logout());
  auto refused = s.sign(kKeyId, SignMechanism::sha256_rsa_pkcs, message);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(is(refused.error(), ReturnValue::user_not_logged_in)) << refused.error().describe();
}

TEST_F(SoftHsm, WritesTheCertificateBesideItsKey) {
  Session s = user_session();
  auto spki = s.generate_rsa_key_pair(2048, "Nguyễn Văn An", kKeyId);
  ASSERT_TRUE(spki) << spki.error().describe();
  // A certificate of the token's key from a software CA.
  auto ca_key = generate_key(KeyType::ec_p256);
  ASSERT_TRUE(ca_key) << ca_key.error().describe();
  const TimePoint now = SystemClock().now();
  CertificateSpec ca;
  ca.serial = Bytes{0x01, 0x23};
  ca.subject = {{"C", "VN"}, {"O", "Ban Cơ yếu Chính phủ"}, {"CN", "CA thử nghiệm"}};
  ca.not_before = now - std::chrono::hours(1);
  ca.not_after = now + std::chrono::hours(24 * 30);
  ca.subject_public_key_der = ca_key->public_key_der();
  ca.is_ca = true;
  ca.key_usage = {"keyCertSign", "cRLSign"};
  auto ca_der = sign_certificate(ca, *ca_key);
  ASSERT_TRUE(ca_der) << ca_der.error().describe();
  CertificateSpec leaf;
  leaf.serial = Bytes{0x45, 0x67, 0x89};
  leaf.subject = {{"C", "VN"}, {"ST", "Bắc Ninh"}, {"O", "UBND tỉnh Bắc Ninh"}, {"CN", "Nguyễn Văn An"}};
  leaf.issuer_certificate_der = *ca_der;
  leaf.not_before = ca.not_before;
  leaf.not_after = ca.not_after;
  leaf.subject_public_key_der = *spki;
  leaf.key_usage = {"digitalSignature", "nonRepudiation"};
  auto der = sign_certificate(leaf, *ca_key);
  ASSERT_TRUE(der) << der.error().describe();
  auto parsed = inspect_certificate(*der);
  ASSERT_TRUE(parsed) << parsed.error().describe();

  EXPECT_FALSE(*s.has_certificate(kKeyId));
  ASSERT_TRUE(s.write_certificate(*der, "Nguyễn Văn An", kKeyId));
  EXPECT_TRUE(*s.has_certificate(kKeyId));
  const auto certs = raw_find(s, CKO_CERTIFICATE, kKeyId);
  ASSERT_EQ(certs.size(), 1u);
  const CK_OBJECT_HANDLE c = certs.front();
  EXPECT_EQ(raw_get(s, c, CKA_VALUE).value, *der);
  EXPECT_EQ(raw_get(s, c, CKA_SUBJECT).value, parsed->subject_name_der);
  EXPECT_EQ(raw_get(s, c, CKA_ISSUER).value, parsed->issuer_name_der);
  EXPECT_EQ(raw_get(s, c, CKA_SERIAL_NUMBER).value, (Bytes{0x02, 0x03, 0x45, 0x67, 0x89}));  // DER INTEGER
  const RawValue type = raw_get(s, c, CKA_CERTIFICATE_TYPE);
  ASSERT_EQ(type.value.size(), sizeof(CK_CERTIFICATE_TYPE));
  CK_CERTIFICATE_TYPE t = 0;
  std::memcpy(&t, type.value.data(), sizeof t);
  EXPECT_EQ(t, CKC_X_509);
  EXPECT_TRUE(raw_bool(s, c, CKA_TOKEN));
  EXPECT_FALSE(raw_bool(s, c, CKA_PRIVATE));
  // The certificate and the private key pair up by CKA_ID, as middleware finds them.
  EXPECT_EQ(raw_find(s, CKO_PRIVATE_KEY, kKeyId).size(), 1u);

  const Bytes junk{0x30, 0x03, 0x02, 0x01, 0x01};
  EXPECT_EQ(s.write_certificate(junk, "junk", kKeyId).error().code, ErrorCode::invalid_input);
}

TEST_F(SoftHsm, ReadsBackThePublicKeyOfAPairById) {
  Session s = user_session();
  EXPECT_FALSE(s.public_key(kKeyId)->has_value()) << "no pair yet";
  auto spki = s.generate_rsa_key_pair(2048, "Nguyễn Văn An", kKeyId);
  ASSERT_TRUE(spki) << spki.error().describe();
  auto again = s.public_key(kKeyId);
  ASSERT_TRUE(again) << again.error().describe();
  ASSERT_TRUE(again->has_value());
  EXPECT_EQ(**again, *spki) << "the same SubjectPublicKeyInfo as at generation";
  EXPECT_FALSE(*s.has_certificate(kKeyId));
  ASSERT_TRUE(s.logout());
  EXPECT_TRUE(is(s.public_key(kKeyId).error(), ReturnValue::user_not_logged_in));
}

TEST_F(SoftHsm, WrongPinIsNamedButNeverShown) {
  auto s = module_->open_session(token_->slot_id);
  ASSERT_TRUE(s) << s.error().describe();
  const std::string wrong = "wrong-pin-97531";
  auto in = s->login(UserType::user, wrong);
  ASSERT_FALSE(in);
  const Error& e = in.error();
  EXPECT_TRUE(is(e, ReturnValue::pin_incorrect)) << e.describe();
  EXPECT_FALSE(is(e, ReturnValue::token_not_present));
  EXPECT_EQ(return_value(e), 0xA0u);
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_NE(e.message_en.find("PIN"), std::string::npos) << e.describe();
  EXPECT_NE(e.message_vi.find("PIN"), std::string::npos) << e.describe();
  EXPECT_EQ(e.describe().find(wrong), std::string::npos) << e.describe();
  EXPECT_EQ(e.describe().find(kUserPin), std::string::npos) << e.describe();
  // The CK_RV survives an outer context.
  EXPECT_TRUE(is(e.within("token " + token_->token->serial), ReturnValue::pin_incorrect));
  // SoftHSM2 flags the failed try (it never locks a PIN).
  auto slots = module_->find_token_by_serial(token_->token->serial);
  ASSERT_TRUE(slots) << slots.error().describe();
  EXPECT_TRUE(slots->token->user_pin_count_low);
  EXPECT_TRUE(s->login(UserType::user, kUserPin));
  EXPECT_FALSE(module_->find_token_by_serial(token_->token->serial)->token->user_pin_count_low);
  // An SO PIN is as secret as a user PIN.
  ASSERT_TRUE(s->logout());
  auto so = s->login(UserType::security_officer, "so-wrong-24680");
  ASSERT_FALSE(so);
  EXPECT_TRUE(is(so.error(), ReturnValue::pin_incorrect)) << so.error().describe();
  EXPECT_EQ(so.error().describe().find("so-wrong-24680"), std::string::npos);
}

TEST_F(SoftHsm, InitPinAfterSoLoginReplacesTheUserPin) {
  auto s = module_->open_session(token_->slot_id);
  ASSERT_TRUE(s) << s.error().describe();
  // Without the SO logged in, C_InitPIN is refused.
  EXPECT_FALSE(s->init_pin("replacement-pin"));
  ASSERT_TRUE(s->login(UserType::security_officer, kSoPin));
  ASSERT_TRUE(s->init_pin("replacement-pin"));
  ASSERT_TRUE(s->logout());
  auto old_pin = s->login(UserType::user, kUserPin);
  ASSERT_FALSE(old_pin);
  EXPECT_TRUE(is(old_pin.error(), ReturnValue::pin_incorrect));
  ASSERT_TRUE(s->login(UserType::user, "replacement-pin"));
  // The user changes it again.
  ASSERT_TRUE(s->set_pin("replacement-pin", "chosen-by-user"));
  ASSERT_TRUE(s->logout());
  EXPECT_FALSE(s->login(UserType::user, "replacement-pin"));
  EXPECT_TRUE(s->login(UserType::user, "chosen-by-user"));
}

TEST_F(SoftHsm, SessionKeepsTheModuleLoadedAndLoadsShareIt) {
  auto loaded = Module::load(kSoftHsm);  // the same module again: shared, not initialized twice
  ASSERT_TRUE(loaded) << loaded.error().describe();
  std::optional<Module> second(std::move(*loaded));
  Session s = user_session();
  module_.reset();  // neither the other Module nor the Session lost the module
  auto listed = second->slots();
  ASSERT_TRUE(listed) << listed.error().describe();
  auto third = Module::load(kSoftHsm);
  ASSERT_TRUE(third) << third.error().describe();
  *second = std::move(*third);  // move-assigning drops one reference, keeps one
  ASSERT_TRUE(second->slots());
  second.reset();
  // Only the Session holds the module now.
  auto spki = s.generate_rsa_key_pair(2048, "still here", kKeyId);
  ASSERT_TRUE(spki) << spki.error().describe();
  auto sig = s.sign(kKeyId, SignMechanism::sha256_rsa_pkcs, bytes_of("x"));
  ASSERT_TRUE(sig) << sig.error().describe();
  EXPECT_TRUE(verify_signature(*spki, HashAlg::sha256, bytes_of("x"), *sig));
}

TEST(Pkcs11Module, WrongPathIsAClearError) {
  const std::string path = "/nonexistent/libno-such-pkcs11.so";
  auto m = Module::load(path);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::unavailable);
  EXPECT_EQ(m.error().context, "pkcs11_module");
  EXPECT_NE(m.error().message_vi.find(path), std::string::npos) << m.error().describe();
  EXPECT_NE(m.error().message_en.find(path), std::string::npos) << m.error().describe();
  EXPECT_FALSE(return_value(m.error()));
}

TEST(Pkcs11Module, LibraryWithoutCGetFunctionListIsRefused) {
  Dl_info info{};
  ASSERT_NE(::dladdr(reinterpret_cast<void*>(&OpenSSL_version), &info), 0);
  const std::string libcrypto = info.dli_fname;  // a shared library, but no PKCS#11 module
  auto m = Module::load(libcrypto);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::unavailable);
  EXPECT_EQ(m.error().context, "pkcs11_module");
  EXPECT_NE(m.error().message_en.find("C_GetFunctionList"), std::string::npos) << m.error().describe();
  EXPECT_NE(m.error().message_en.find(libcrypto), std::string::npos) << m.error().describe();
}

TEST(Pkcs11Module, FileThatIsNoLibraryIsRefused) {
  clitest::TempDir dir;
  const std::string path = dir / "module.so";
  std::ofstream(path) << "not an ELF file\n";
  auto m = Module::load(path);
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::unavailable);
  EXPECT_NE(m.error().message_en.find("cannot load"), std::string::npos) << m.error().describe();
}

TEST(Pkcs11Errors, ReturnValuesAreNamedAndReadBack) {
  struct Case {
    CK_RV rv;
    ErrorCode code;
    const char* name;
  };
  for (const Case& c : {Case{CKR_PIN_INCORRECT, ErrorCode::invalid_input, "CKR_PIN_INCORRECT"},
                        Case{CKR_PIN_LOCKED, ErrorCode::forbidden, "CKR_PIN_LOCKED"},
                        Case{CKR_TOKEN_NOT_PRESENT, ErrorCode::unavailable, "CKR_TOKEN_NOT_PRESENT"},
                        Case{CKR_DEVICE_REMOVED, ErrorCode::unavailable, "CKR_DEVICE_REMOVED"},
                        Case{CKR_DEVICE_ERROR, ErrorCode::unavailable, "CKR_DEVICE_ERROR"},
                        Case{CKR_SESSION_HANDLE_INVALID, ErrorCode::unavailable, "CKR_SESSION_HANDLE_INVALID"},
                        Case{CKR_SLOT_ID_INVALID, ErrorCode::not_found, "CKR_SLOT_ID_INVALID"},
                        Case{CKR_TOKEN_NOT_RECOGNIZED, ErrorCode::unavailable, "CKR_TOKEN_NOT_RECOGNIZED"},
                        Case{CKR_USER_NOT_LOGGED_IN, ErrorCode::forbidden, "CKR_USER_NOT_LOGGED_IN"}}) {
    const Error e = rv_error(c.rv, "C_Test");
    EXPECT_EQ(e.code, c.code) << c.name;
    EXPECT_EQ(return_value(e), c.rv) << c.name;
    EXPECT_NE(e.context.find(c.name), std::string::npos) << e.context;
    EXPECT_NE(e.context.find("C_Test"), std::string::npos) << e.context;
    EXPECT_FALSE(e.message_vi.empty());
    EXPECT_NE(e.message_vi, e.message_en) << c.name;
  }
  const Error other = rv_error(CKR_MECHANISM_INVALID, "C_SignInit");
  EXPECT_EQ(other.code, ErrorCode::internal);
  EXPECT_NE(other.message_en.find("0x00000070"), std::string::npos) << other.describe();
  EXPECT_NE(other.message_en.find("C_SignInit"), std::string::npos) << other.describe();
  EXPECT_EQ(return_value(other), CKR_MECHANISM_INVALID);
  EXPECT_FALSE(return_value(Error::make(ErrorCode::internal, "x", "x", "file.txt")));
}

}  // namespace
}  // namespace ct::crypto::pkcs11
