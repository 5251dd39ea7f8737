// The device state machine (registry/device_transitions.h, device_changes.h): the table from
// the configuration, every pair of states against it, the certificates' fate, who may do what.
#include <gtest/gtest.h>

#include "common/config.h"
#include "registry/device_changes.h"
#include "registry/operations.h"
#include "registry/registry_test_support.h"
#include "store/certificate_repository.h"

namespace ct::registry {
namespace {

TEST(DeviceTransitionsTest, TheDefaultsParseAndPrintAsWritten) {
  const auto table = DeviceTransitions::defaults();
  ASSERT_EQ(table.entries().size(), 20U);
  std::vector<std::string> printed;
  for (const auto& t : table.entries()) printed.push_back(to_string(t));
  auto again = DeviceTransitions::parse(printed, "devices.transitions");
  ASSERT_TRUE(again) << again.error().describe();
  ASSERT_EQ(again->entries().size(), table.entries().size());
  const auto* lost = table.find(DeviceState::active, DeviceState::temporarily_lost);
  ASSERT_NE(lost, nullptr);
  EXPECT_EQ(lost->effect, CertificateEffect::hold);
  const auto* gone = table.find(DeviceState::temporarily_lost, DeviceState::permanently_lost);
  ASSERT_NE(gone, nullptr);
  EXPECT_EQ(gone->effect, CertificateEffect::revoke);
  EXPECT_EQ(gone->reason, crypto::CrlReason::key_compromise);
  EXPECT_EQ(table.find(DeviceState::permanently_lost, DeviceState::active), nullptr) << "a lost key stays lost";
  EXPECT_TRUE(table.allowed_from(DeviceState::terminated) == std::vector<DeviceState>{DeviceState::formatted});
}

TEST(DeviceTransitionsTest, BadEntriesAreRefusedNamingTheEntry) {
  struct Case {
    std::string entry;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{{"active", "expected \"FROM -> TO"},
                                         {"active -> lost", "no state \"lost\""},
                                         {"Active -> locked", "no state \"Active\""},
                                         {"active -> active", "the same"},
                                         {"active -> damaged : destroy", "the effect must be"},
                                         {"active -> damaged : revoke lostIt", "RFC 5280"},
                                         {"active -> damaged : revoke certificateHold", "RFC 5280"},
                                         {"active -> locked", "listed twice"}}) {
    auto t = DeviceTransitions::parse({"active -> locked", c.entry}, "devices.transitions");
    ASSERT_FALSE(t) << c.entry;
    EXPECT_EQ(t.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(t.error().context, "devices.transitions");
    EXPECT_NE(t.error().message_en.find("devices.transitions[2]"), std::string::npos) << t.error().message_en;
    EXPECT_NE(t.error().message_en.find(c.says), std::string::npos) << c.entry << ": " << t.error().message_en;
    EXPECT_NE(t.error().message_vi.find("Cấu hình devices.transitions[2]"), std::string::npos);
  }
}

TEST(DeviceTransitionsTest, TheConfigurationReplacesTheDefaults) {
  auto cfg = Config::parse(
      "[devices]\ntransitions = [\"active -> damaged : revoke superseded\", \"damaged -> terminated\"]\n", "test");
  ASSERT_TRUE(cfg);
  auto s = RegistrySettings::load(*cfg);
  ASSERT_TRUE(s) << s.error().describe();
  ASSERT_EQ(s->device_transitions.entries().size(), 2U);
  EXPECT_EQ(s->device_transitions.find(DeviceState::active, DeviceState::damaged)->reason, crypto::CrlReason::superseded);
  EXPECT_EQ(s->device_transitions.find(DeviceState::active, DeviceState::temporarily_lost), nullptr);
  auto bad = Config::parse("[devices]\ntransitions = [\"active -> nowhere\"]\n", "test");
  ASSERT_TRUE(bad);
  EXPECT_FALSE(RegistrySettings::load(*bad));
}

class DeviceChangeTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    SubjectData d = person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002");
    d.device = "TOKEN";
    binh_ = add_subscriber(school1_.id, d);
  }

  // An approved, completed `new` for binh whose key is on token `serial` (as the token station
  // leaves it): the device active, the enrolment written. Returns the certificate's serial.
  std::string enrolled(const std::string& serial) {
    auto r = create("um1", RequestType::new_cert, binh_);
    EXPECT_TRUE(r) << r.error().describe();
    forward(r->id);
    RequestWorkflow wf(*env_);
    EXPECT_TRUE(wf.approve(actor("ra1"), r->id, ""));
    EXPECT_EQ(drain().completed, 1);
    const std::string cert_serial = reload(r->id).result_serial;
    auto lease = db_->acquire();
    store::Connection& c = **lease;
    EnrolledDevice dev{serial,       "SoftHSM v2",  "SoftHSM project", "Tran Thi Binh", binh_,
                       school1_.id, school1_.path, "sealed",          cert_serial};
    auto tx = store::Transaction::begin(c);
    EXPECT_TRUE(tx);
    auto registered = enrol_device(c, clock_, dev, "ca1", r->id);
    EXPECT_TRUE(registered) << registered.error().describe();
    EXPECT_TRUE(tx->commit());
    return cert_serial;
  }

  Device device(const std::string& serial) {
    auto lease = db_->acquire();
    auto d = find_device(**lease, serial);
    EXPECT_TRUE(d && *d);
    return **d;
  }

  // Puts the device in `state` without the table (the test's own setting).
  void force(const std::string& serial, DeviceState state) {
    Device d = device(serial);
    auto lease = db_->acquire();
    auto tx = store::Transaction::begin(**lease);
    ASSERT_TRUE(tx);
    auto s = record_device_change(**lease, clock_, d, state, "test", std::nullopt, "test", "set by the test");
    ASSERT_TRUE(s) << s.error().describe();
    ASSERT_TRUE(tx->commit());
  }

  std::int64_t binh_ = 0;
};

// Every pair of states against the configured table: allowed iff listed; a refusal is a
// conflict that names the changes allowed from there, and changes nothing.
TEST_F(DeviceChangeTest, EveryPairOfStatesFollowsTheConfiguredTable) {
  enrolled("TOK-PAIRS");
  const auto& table = settings_.device_transitions;
  const std::vector<DeviceState> states{DeviceState::formatted,        DeviceState::active,
                                        DeviceState::locked,           DeviceState::temporarily_lost,
                                        DeviceState::permanently_lost, DeviceState::damaged,
                                        DeviceState::terminated};
  int allowed = 0;
  for (const DeviceState from : states) {
    for (const DeviceState to : states) {
      if (from == to) continue;
      force("TOK-PAIRS", from);
      auto done = change_device_state(*env_, actor("ca1"), {"TOK-PAIRS", to, "kiểm tra"});
      if (table.find(from, to) != nullptr) {
        ++allowed;
        ASSERT_TRUE(done) << to_string(from) << " -> " << to_string(to) << ": " << done.error().describe();
        EXPECT_EQ(device("TOK-PAIRS").state, to);
      } else {
        ASSERT_FALSE(done) << to_string(from) << " -> " << to_string(to);
        EXPECT_EQ(done.error().code, ErrorCode::conflict);
        EXPECT_EQ(done.error().context, "state");
        EXPECT_EQ(device("TOK-PAIRS").state, from) << "a refused change writes nothing";
        for (const DeviceState ok : table.allowed_from(from)) {
          EXPECT_NE(done.error().message_en.find(to_string(ok)), std::string::npos) << done.error().message_en;
        }
      }
    }
  }
  EXPECT_EQ(allowed, static_cast<int>(table.entries().size()));
}

TEST_F(DeviceChangeTest, LostHoldsFoundReleasesLostForGoodRevokes) {
  const std::string serial = enrolled("TOK-LOST");
  auto lost = change_device_state(*env_, actor("um1"), {"TOK-LOST", DeviceState::temporarily_lost, "để quên ở hội nghị"});
  ASSERT_TRUE(lost) << lost.error().describe();
  EXPECT_EQ(lost->certificates, std::vector<std::string>{serial});
  EXPECT_EQ(cert(serial).status, store::CertStatus::hold);

  auto found = change_device_state(*env_, actor("um1"), {"TOK-LOST", DeviceState::active, "đã tìm thấy"});
  ASSERT_TRUE(found) << found.error().describe();
  EXPECT_EQ(cert(serial).status, store::CertStatus::valid);

  ASSERT_TRUE(change_device_state(*env_, actor("um1"), {"TOK-LOST", DeviceState::temporarily_lost, ""}));
  auto gone = change_device_state(*env_, actor("um1"), {"TOK-LOST", DeviceState::permanently_lost, "không tìm thấy"});
  ASSERT_TRUE(gone) << gone.error().describe();
  EXPECT_EQ(cert(serial).status, store::CertStatus::revoked);
  EXPECT_EQ(cert(serial).revocation_reason, static_cast<int>(crypto::CrlReason::key_compromise));

  auto lease = db_->acquire();
  auto events = device_events(**lease, device("TOK-LOST").id);
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 5U) << "enrolled, lost, found, lost, lost for good";
  EXPECT_EQ(events->back().actor, "um1");
  EXPECT_NE(events->back().note.find("keyCompromise"), std::string::npos) << events->back().note;
  EXPECT_NE(events->back().note.find(serial), std::string::npos);
}

TEST_F(DeviceChangeTest, ReportsAreTheUnitsEverythingElseTheCas) {
  enrolled("TOK-WHO");
  // Another school's manager cannot see it: as for a serial that does not exist.
  auto other = change_device_state(*env_, actor("um2"), {"TOK-WHO", DeviceState::temporarily_lost, ""});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::not_found);
  // The unit reports; it cannot terminate.
  auto terminate = change_device_state(*env_, actor("um1"), {"TOK-WHO", DeviceState::terminated, ""});
  ASSERT_FALSE(terminate);
  EXPECT_EQ(terminate.error().code, ErrorCode::forbidden);
  auto auditor = change_device_state(*env_, actor("auditor"), {"TOK-WHO", DeviceState::damaged, ""});
  ASSERT_FALSE(auditor);
  EXPECT_EQ(auditor.error().code, ErrorCode::forbidden);
  EXPECT_EQ(device("TOK-WHO").state, DeviceState::active);
  auto unit_choices = changes_for(actor("um1"), device("TOK-WHO"), settings_.device_transitions);
  for (const auto& t : unit_choices) EXPECT_NE(t.to, DeviceState::terminated);
  EXPECT_EQ(unit_choices.size(), 4U) << "locked, temporarily lost, permanently lost, damaged";
  auto done = change_device_state(*env_, actor("ca1"), {"TOK-WHO", DeviceState::terminated, "thu hồi thiết bị"});
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_EQ(done->effect, CertificateEffect::revoke);
  // A note too long is refused before anything is read.
  auto chatty = change_device_state(*env_, actor("ca1"), {"TOK-WHO", DeviceState::formatted, std::string(501, 'a')});
  ASSERT_FALSE(chatty);
  EXPECT_EQ(chatty.error().context, "note");
}

// A SIM (or SOFT, RSSP, HSM) key store is recorded, not enrolled; the state machine is the same.
TEST_F(DeviceChangeTest, OtherKindsAreRecordedAndFollowTheSameTable) {
  RecordedDevice sim{"SIM", "8984012345678901234", "SIM PKI", "Viettel", binh_, ""};
  auto refused = record_device(*env_, actor("um1"), sim);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  auto made = record_device(*env_, actor("ca1"), sim);
  ASSERT_TRUE(made) << made.error().describe();
  EXPECT_EQ(made->kind, "SIM");
  EXPECT_EQ(made->state, DeviceState::active);
  EXPECT_EQ(made->subscriber_id, binh_);
  auto twice = record_device(*env_, actor("ca1"), sim);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  RecordedDevice token{"TOKEN", "T1", "", "", binh_, ""};
  auto no_token = record_device(*env_, actor("ca1"), token);
  ASSERT_FALSE(no_token);
  EXPECT_EQ(no_token.error().context, "kind");
  auto lost = change_device_state(*env_, actor("um1"), {sim.serial, DeviceState::temporarily_lost, "mất điện thoại"});
  ASSERT_TRUE(lost) << lost.error().describe();
  auto lease = db_->acquire();
  auto events = device_events(**lease, made->id);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->front().action, "register");
}

// A lost token's reissue, at approval: the old certificate revoked, the token lost for good.
TEST_F(DeviceChangeTest, ALostTokensReissueMarksItPermanentlyLost) {
  const std::string serial = enrolled("TOK-REISSUE");
  NewRequest n;
  n.type = RequestType::reissue;
  n.subscriber_id = binh_;
  n.cert_serial = serial;
  n.ground = "lost";
  n.attachments = {{"request_letter", "Đơn đề nghị cấp lại.pdf", testing::pdf("cap-lai")}};
  RequestWorkflow wf(*env_);
  auto r = wf.create(actor("um1"), n);
  ASSERT_TRUE(r) << r.error().describe();
  forward(r->id);
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(cert(serial).status, store::CertStatus::revoked);
  const Device d = device("TOK-REISSUE");
  EXPECT_EQ(d.state, DeviceState::permanently_lost);
  auto lease = db_->acquire();
  auto events = device_events(**lease, d.id);
  ASSERT_TRUE(events);
  EXPECT_EQ(events->back().request_id, r->id);
  EXPECT_EQ(events->back().actor, "ra1");
}

}  // namespace
}  // namespace ct::registry
