// token_station.h on SoftHSM2 (SPEC §3, §6): each test has its own token directory through
// SOFTHSM2_CONF and starts from SoftHSM2's one blank slot. What the station left on the token is
// read back through pkcs11.h with the PINs it printed; what it left in the store, by SQL.
#include "app/token_station.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "crypto/certificate.h"
#include "registry/devices.h"
#include "registry/registry_test_support.h"
#include "registry/sealed_secret.h"
#include "registry/token_enrolments.h"

namespace ct::app {
namespace {

namespace p11 = crypto::pkcs11;
using registry::NewRequest;
using registry::RequestState;
using registry::RequestType;
using registry::RequestWorkflow;

constexpr const char* kSoftHsm = "/usr/lib/softhsm/libsofthsm2.so";

class TokenStationTest : public registry::testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    if (!std::filesystem::exists(kSoftHsm)) GTEST_SKIP() << "softhsm2 is not installed";
    std::string pattern = (std::filesystem::temp_directory_path() / "ct-station-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    hsm_dir_ = pattern;
    std::filesystem::create_directory(hsm_dir_ / "tokens");
    const std::string conf = hsm_dir_ / "softhsm2.conf";
    std::ofstream(conf) << "directories.tokendir = " << (hsm_dir_ / "tokens").string()
                        << "\nobjectstore.backend = file\nlog.level = ERROR\n";
    ASSERT_EQ(::setenv("SOFTHSM2_CONF", conf.c_str(), 1), 0);
    auto m = p11::Module::load(kSoftHsm);
    ASSERT_TRUE(m) << m.error().describe();
    module_.emplace(std::move(*m));
    device_key_.fill(0x5A);
    registry::SubjectData d = person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002");
    d.device = "TOKEN";
    binh_ = add_subscriber(school1_.id, d);
  }
  void TearDown() override {
    module_.reset();
    ::unsetenv("SOFTHSM2_CONF");
    ::unsetenv("CHUNGTHU_TEST_FAIL_AT");
    std::error_code ec;
    if (!hsm_dir_.empty()) std::filesystem::remove_all(hsm_dir_, ec);
    RegistryFixture::TearDown();
  }

  TokenStation station() { return TokenStation(*env_, ca_.get(), device_key_, *module_, "ca1"); }

  // A `new` for a TOKEN holder without a CSR, approved: it waits for the device.
  std::int64_t approved_without_csr(RequestType type, const std::string& serial = "", const std::string& ground = "") {
    NewRequest n;
    n.type = type;
    n.subscriber_id = binh_;
    n.cert_serial = serial;
    n.ground = ground;
    n.attachments = {{"request_letter", "Đơn.pdf", registry::testing::pdf("don")}};
    if (type == RequestType::new_cert) n.attachments.push_back({"appointment_decision", "QĐ.pdf", registry::testing::pdf("qd")});
    RequestWorkflow wf(*env_);
    auto r = wf.create(actor("um1"), n);
    EXPECT_TRUE(r) << r.error().describe();
    forward(r->id);
    auto ok = wf.approve(actor("ra1"), r->id, "");
    EXPECT_TRUE(ok) << ok.error().describe();
    EXPECT_EQ(ok->state, RequestState::approved);
    EXPECT_EQ(ok->awaiting, "device");
    return r->id;
  }

  std::uint64_t blank_slot() {
    auto slots = module_->slots();
    EXPECT_TRUE(slots);
    for (const auto& s : *slots) {
      if (s.token && !s.token->initialized) return s.slot_id;
    }
    ADD_FAILURE() << "no blank slot";
    return 0;
  }
  std::uint64_t slot_of(const std::string& serial) {
    auto s = module_->find_token_by_serial(serial);
    EXPECT_TRUE(s) << s.error().describe();
    return s ? s->slot_id : 0;
  }

  std::int64_t certificates_of(std::int64_t request_id) {
    auto lease = db_->acquire();
    auto q = (*lease)->query("SELECT COUNT(*) FROM certificates WHERE request_id = $1");
    EXPECT_TRUE(q);
    q->bind(1, request_id);
    EXPECT_TRUE(*q->step());
    return q->get_int(0);
  }

  registry::TokenEnrolment enrolment(std::int64_t request_id) {
    auto lease = db_->acquire();
    auto e = registry::find_enrolment(**lease, request_id);
    EXPECT_TRUE(e && *e);
    return **e;
  }

  p11::Session logged_in(const std::string& serial, const std::string& pin) {
    auto s = module_->open_session(slot_of(serial));
    EXPECT_TRUE(s) << s.error().describe();
    auto in = s->login(p11::UserType::user, pin);
    EXPECT_TRUE(in) << in.error().describe();
    return std::move(*s);
  }

  Bytes spki_of(const std::string& cert_serial) {
    auto info = crypto::inspect_certificate(cert(cert_serial).der);
    EXPECT_TRUE(info);
    return info->subject_public_key_der;
  }

  std::filesystem::path hsm_dir_;
  std::optional<p11::Module> module_;
  std::array<std::uint8_t, 32> device_key_{};
  std::int64_t binh_ = 0;
};

TEST_F(TokenStationTest, EnrolsANewRequestWithoutCsrOnABlankToken) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  auto done = station().enroll(id, blank_slot());
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_FALSE(done->resumed);
  EXPECT_EQ(done->user_pin.size(), 8u);
  EXPECT_EQ(done->device_serial.size(), 16u);
  const auto r = reload(id);
  EXPECT_EQ(r.state, RequestState::completed);
  EXPECT_EQ(r.result_serial, done->certificate_serial);
  EXPECT_TRUE(r.awaiting.empty());
  EXPECT_EQ(certificates_of(id), 1);
  const auto e = enrolment(id);
  EXPECT_EQ(e.stage, registry::EnrolmentStage::written);
  auto key_id = from_hex(e.key_id_hex);
  ASSERT_TRUE(key_id);
  auto s = logged_in(done->device_serial, done->user_pin);
  auto key = s.public_key(*key_id);
  ASSERT_TRUE(key && *key);
  EXPECT_EQ(**key, spki_of(done->certificate_serial)) << "the certificate certifies the key on the token";
  EXPECT_TRUE(*s.has_certificate(*key_id));
  auto lease = db_->acquire();
  auto devices = registry::devices_of_subscriber(**lease, binh_);
  ASSERT_TRUE(devices);
  ASSERT_EQ(devices->size(), 1u);
  EXPECT_EQ(devices->front().serial, done->device_serial);
  EXPECT_EQ(devices->front().state, registry::DeviceState::active);
  // The SO PIN is kept sealed, never in clear.
  EXPECT_EQ(devices->front().so_pin_sealed.find_first_not_of("0123456789abcdefABCDEF"), std::string::npos);
  EXPECT_EQ(devices->front().so_pin_sealed.size(), 2u * (24 + 16 + 16)) << "hex of nonce, MAC and 16 digits";
  // Done is done.
  auto again = station().enroll(id, slot_of(done->device_serial));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(TokenStationTest, AFaultAfterTheKeyAndAfterTheIssueResumesWithExactlyOneCertificate) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  ASSERT_EQ(::setenv("CHUNGTHU_TEST_FAIL_AT", "after-key", 1), 0);
  auto first = station().enroll(id, blank_slot());
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::unavailable);
  EXPECT_EQ(reload(id).state, RequestState::approved);
  EXPECT_EQ(certificates_of(id), 0);
  const auto e = enrolment(id);
  EXPECT_EQ(e.stage, registry::EnrolmentStage::initialized);
  // The key made by the first run, read with a PIN set through the sealed SO PIN.
  auto so_pin = registry::sealed::open(device_key_, e.so_pin_sealed, "test");
  ASSERT_TRUE(so_pin);
  {
    auto s = module_->open_session(slot_of(e.device_serial));
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->login(p11::UserType::security_officer, std::string(so_pin->begin(), so_pin->end())));
    ASSERT_TRUE(s->init_pin("24681357"));
  }
  auto key_id = *from_hex(e.key_id_hex);
  Bytes first_key;
  {
    auto s = logged_in(e.device_serial, "24681357");
    auto k = s.public_key(key_id);
    ASSERT_TRUE(k && *k) << "the first run left its key";
    first_key = **k;
  }
  ASSERT_EQ(::setenv("CHUNGTHU_TEST_FAIL_AT", "after-issue", 1), 0);
  auto second = station().enroll(id, slot_of(e.device_serial));
  ASSERT_FALSE(second);
  EXPECT_EQ(reload(id).state, RequestState::completed);
  EXPECT_EQ(certificates_of(id), 1);
  EXPECT_EQ(enrolment(id).stage, registry::EnrolmentStage::issued);
  ASSERT_EQ(::unsetenv("CHUNGTHU_TEST_FAIL_AT"), 0);
  // Another token is refused.
  auto other = station().enroll(id, blank_slot());
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::invalid_input) << other.error().describe();
  auto third = station().enroll(id, slot_of(e.device_serial));
  ASSERT_TRUE(third) << third.error().describe();
  EXPECT_TRUE(third->resumed);
  EXPECT_EQ(certificates_of(id), 1) << "issued once";
  EXPECT_EQ(spki_of(third->certificate_serial), first_key) << "the key of the first run is certified";
  auto s = logged_in(e.device_serial, third->user_pin);
  EXPECT_TRUE(*s.has_certificate(key_id));
  EXPECT_EQ(enrolment(id).stage, registry::EnrolmentStage::written);
}

TEST_F(TokenStationTest, ResetPinSetsANewPinAndKeepsKeyAndCertificate) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  auto enrolled = station().enroll(id, blank_slot());
  ASSERT_TRUE(enrolled) << enrolled.error().describe();
  const std::int64_t recover = approved_without_csr(RequestType::recover_device, enrolled->certificate_serial);
  auto reset = station().reset_pin(recover, slot_of(enrolled->device_serial));
  ASSERT_TRUE(reset) << reset.error().describe();
  EXPECT_EQ(reset->certificate_serial, enrolled->certificate_serial);
  EXPECT_NE(reset->user_pin, enrolled->user_pin);
  EXPECT_EQ(reload(recover).state, RequestState::completed);
  {
    auto s = module_->open_session(slot_of(enrolled->device_serial));
    ASSERT_TRUE(s);
    auto old = s->login(p11::UserType::user, enrolled->user_pin);
    ASSERT_FALSE(old);
    EXPECT_TRUE(p11::is(old.error(), p11::ReturnValue::pin_incorrect));
  }
  const auto key_id = *from_hex(enrolment(id).key_id_hex);
  auto s = logged_in(enrolled->device_serial, reset->user_pin);
  auto key = s.public_key(key_id);
  ASSERT_TRUE(key && *key);
  EXPECT_EQ(**key, spki_of(enrolled->certificate_serial));
  EXPECT_TRUE(*s.has_certificate(key_id));
  auto lease = db_->acquire();
  auto d = registry::find_device(**lease, enrolled->device_serial);
  ASSERT_TRUE(d && *d);
  auto events = registry::device_events(**lease, (*d)->id);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->back().note, "PIN reset");
  EXPECT_EQ(events->back().request_id, recover);
  // A completed recovery is not run twice.
  auto again = station().reset_pin(recover, slot_of(enrolled->device_serial));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(TokenStationTest, AWrongSoPinIsRefusedAndNothingIsWritten) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  auto enrolled = station().enroll(id, blank_slot());
  ASSERT_TRUE(enrolled) << enrolled.error().describe();
  const std::int64_t recover = approved_without_csr(RequestType::recover_device, enrolled->certificate_serial);
  {
    // Someone changed the token's SO PIN behind the CA's back.
    auto so_pin = registry::sealed::open(device_key_, enrolment(id).so_pin_sealed, "test");
    ASSERT_TRUE(so_pin);
    auto s = module_->open_session(slot_of(enrolled->device_serial));
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->login(p11::UserType::security_officer, std::string(so_pin->begin(), so_pin->end())));
    ASSERT_TRUE(s->set_pin(std::string(so_pin->begin(), so_pin->end()), "9999999999999999"));
  }
  auto reset = station().reset_pin(recover, slot_of(enrolled->device_serial));
  ASSERT_FALSE(reset);
  EXPECT_EQ(reset.error().code, ErrorCode::invalid_input);
  EXPECT_NE(reset.error().message_en.find("SO PIN"), std::string::npos) << reset.error().describe();
  EXPECT_EQ(reload(recover).state, RequestState::approved);
  auto lease = db_->acquire();
  auto d = registry::find_device(**lease, enrolled->device_serial);
  ASSERT_TRUE(d && *d);
  EXPECT_EQ(registry::device_events(**lease, (*d)->id)->size(), 1u);
  // The old user PIN still opens the token: nothing was changed on it either.
  logged_in(enrolled->device_serial, enrolled->user_pin);
}

// C_InitToken ran and nothing after it was recorded: the SO PIN was committed before, so the
// rerun finds the token it initialized (slots move) instead of taking another blank one.
TEST_F(TokenStationTest, AFaultRightAfterInitTokenFindsThatTokenAgain) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  ASSERT_EQ(::setenv("CHUNGTHU_TEST_FAIL_AT", "after-init", 1), 0);
  auto first = station().enroll(id, blank_slot());
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().code, ErrorCode::unavailable);
  EXPECT_EQ(enrolment(id).stage, registry::EnrolmentStage::initializing);
  EXPECT_TRUE(enrolment(id).device_serial.empty()) << "a blank SoftHSM2 token has no serial before C_InitToken";
  ASSERT_EQ(::unsetenv("CHUNGTHU_TEST_FAIL_AT"), 0);
  auto initialized = [&] {
    auto slots = module_->slots();
    EXPECT_TRUE(slots);
    int n = 0;
    for (const auto& sl : *slots) n += sl.token && sl.token->initialized ? 1 : 0;
    return n;
  };
  ASSERT_EQ(initialized(), 1);
  auto again = station().enroll(id, blank_slot());
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_TRUE(again->resumed);
  EXPECT_EQ(initialized(), 1) << "the token of the first run, not a second one";
  EXPECT_EQ(certificates_of(id), 1);
  logged_in(again->device_serial, again->user_pin);
}

// A token that broke mid-way: the enrolment is abandoned, the request waits again, the token is
// registered formatted with the CA's SO PIN and can be enrolled again; after issue, no abandon.
TEST_F(TokenStationTest, AnAbandonedEnrolmentFreesTheRequestAndTheTokenCanBeReused) {
  const std::int64_t id = approved_without_csr(RequestType::new_cert);
  ASSERT_EQ(::setenv("CHUNGTHU_TEST_FAIL_AT", "after-key", 1), 0);
  ASSERT_FALSE(station().enroll(id, blank_slot()));
  ASSERT_EQ(::unsetenv("CHUNGTHU_TEST_FAIL_AT"), 0);
  const std::string token = enrolment(id).device_serial;
  auto abandoned = abandon_enrolment(*env_, id, "ca1", "đầu đọc lỗi");
  ASSERT_TRUE(abandoned) << abandoned.error().describe();
  EXPECT_EQ(abandoned->device_serial, token);
  {
    auto lease = db_->acquire();
    EXPECT_FALSE(*registry::find_enrolment(**lease, id)) << "no open enrolment";
    auto d = registry::find_device(**lease, token);
    ASSERT_TRUE(d && *d);
    EXPECT_EQ((*d)->state, registry::DeviceState::formatted);
    EXPECT_FALSE((*d)->subscriber_id);
  }
  EXPECT_EQ(reload(id).state, RequestState::approved);
  EXPECT_EQ(reload(id).awaiting, "device");
  auto missing = abandon_enrolment(*env_, id, "ca1", "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  auto done = station().enroll(id, slot_of(token));
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->device_serial, token) << "the formatted token, initialized again with its sealed SO PIN";
  EXPECT_EQ(certificates_of(id), 1);
  auto after = abandon_enrolment(*env_, id, "ca1", "");
  ASSERT_FALSE(after);
  EXPECT_EQ(after.error().code, ErrorCode::conflict) << "the certificate exists: report the token instead";

  // A token initialized outside the CA (its SO PIN unknown) is refused, and left alone.
  ASSERT_TRUE(module_->init_token(blank_slot(), "1234567812345678", "foreign"));
  registry::SubjectData d = person("Lê Văn Cường", "cuong.lv@bacninh.gov.vn", "027085000003");
  d.device = "TOKEN";
  binh_ = add_subscriber(school1_.id, d);  // the next request is another holder's
  const std::int64_t other = approved_without_csr(RequestType::new_cert);
  std::uint64_t foreign = 0;
  auto slots = module_->slots();
  ASSERT_TRUE(slots);
  for (const auto& sl : *slots) {
    if (sl.token && sl.token->label == "foreign") foreign = sl.slot_id;
  }
  auto refused = station().enroll(other, foreign);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().message_en.find("initialized elsewhere"), std::string::npos) << refused.error().describe();
  auto lease = db_->acquire();
  EXPECT_FALSE(*registry::find_enrolment(**lease, other)) << "nothing recorded";
}

}  // namespace
}  // namespace ct::app
