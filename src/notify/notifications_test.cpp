// Events → outbox → sender, on the registry fixture: who is told about what, exactly once, and
// what happens when the mail server is down or the sender dies.
#include <cstdio>
#include <fstream>

#include "crypto/pem.h"
#include "notify/notify_test_support.h"
#include "notify/outbox_view.h"
#include "pki/revocation.h"
#include "registry/request_workflow.h"
#include "store/pki_repository.h"

namespace ct::notify {
namespace {

using registry::RequestType;
using registry::RequestWorkflow;
using store::OutboxState;

class NotificationsTest : public testing::NotifyFixture {};

TEST_F(NotificationsTest, ReturnedRequestTellsSubmitterAndManagerOnceEachWithTheReasons) {
  const auto sub = add_subscriber(school1_.id, person("Nguyễn Thị Ánh", "anh.nt@bacninh.gov.vn", "001190000111"));
  auto r = created_and_forwarded(RequestType::new_cert, sub, "", "");
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.return_to_submitter(actor("ra1"), r->id, "Thiếu quyết định bổ nhiệm",
                                     {{"position", "Chức vụ không khớp quyết định"}}));
  EXPECT_GT(dispatch(), 0);
  // um1 created and submitted it, and is the school's manager: one mail, not two.
  const auto to_um1 = outbox("um1@bacninh.gov.vn");
  std::vector<store::OutboxMessage> returned;
  for (const auto& m : to_um1)
    if (m.kind == "request.returned") returned.push_back(m);
  ASSERT_EQ(returned.size(), 1u);
  const auto& m = returned.front();
  EXPECT_NE(m.subject.find(std::to_string(r->id)), std::string::npos) << m.subject;
  EXPECT_NE(m.body_text.find("Chức vụ không khớp quyết định"), std::string::npos);
  EXPECT_NE(m.body_text.find("Thiếu quyết định bổ nhiệm"), std::string::npos);
  EXPECT_NE(m.body_text.find("https://chungthu.bacninh.gov.vn/requests/" + std::to_string(r->id)), std::string::npos);
  EXPECT_TRUE(m.user_id.has_value());
  // Nothing for the other school's manager.
  EXPECT_TRUE(outbox("um2@bacninh.gov.vn").empty());
  // Dispatching again adds nothing.
  EXPECT_EQ(dispatch(), 0);
}

TEST_F(NotificationsTest, RevocationTellsTheSubscriberAtItsOfficialAddressAndTheManager) {
  const auto sub = add_subscriber(school1_.id, person("Trần Văn Bình", "binh.tv@bacninh.gov.vn", "001190000222"));
  const std::string serial = issue_for(sub);
  ASSERT_FALSE(serial.empty());
  ASSERT_GE(dispatch(), 0);
  pki::RevocationRequest rr{serial, crypto::CrlReason::key_compromise, std::nullopt, "ca1", school1_.id};
  ASSERT_TRUE(pki::revoke(*db_, clock_, rr));
  EXPECT_EQ(dispatch(), 2);
  for (const std::string to : {"binh.tv@bacninh.gov.vn", "um1@bacninh.gov.vn"}) {
    bool found = false;
    for (const auto& m : outbox(to)) {
      if (m.kind != "cert.revoked") continue;
      found = true;
      EXPECT_NE(m.body_text.find(serial), std::string::npos);
      EXPECT_NE(m.body_text.find("Trần Văn Bình"), std::string::npos);
    }
    EXPECT_TRUE(found) << to;
  }
}

TEST_F(NotificationsTest, AnEventRolledBackWithItsCauseSendsNothing) {
  const auto sub = add_subscriber(school1_.id, person("Lê Thị Cúc", "cuc.lt@bacninh.gov.vn", "001190000333"));
  auto r = create("um1", RequestType::new_cert, sub);
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  // Approving a draft is refused: the transition, and so its event, never happen.
  EXPECT_FALSE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(dispatch(), 0);
  EXPECT_TRUE(events_of("request.approved").empty());
}

TEST_F(NotificationsTest, SenderMarksSentOnlyAfterAcceptanceAndFailedOnPermanentRefusal) {
  const auto sub = add_subscriber(school1_.id, person("Phạm Minh Đức", "duc.pm@bacninh.gov.vn", "001190000444"));
  created_and_forwarded(RequestType::new_cert, sub, "", "");
  ASSERT_GT(dispatch(), 0);
  const auto queued = outbox().size();
  transport_.answer = SendOutcome::Kind::permanent;
  transport_.code = 550;
  auto rep = sender().run(false);
  ASSERT_TRUE(rep) << rep.error().describe();
  EXPECT_EQ(static_cast<std::size_t>(rep->failed), queued);
  for (const auto& m : outbox()) {
    EXPECT_EQ(m.state, OutboxState::failed);
    EXPECT_EQ(m.smtp_code, 550);
    EXPECT_TRUE(m.last_error && m.last_error->find("550") != std::string::npos);
  }
  // The admin's retry puts one back; it goes out once the server accepts.
  auto admin = actor("admin");
  auto again = retry_message(*env_, admin, outbox().front().id);
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(again->state, OutboxState::queued);
  EXPECT_FALSE(retry_message(*env_, actor("um1"), outbox().front().id));  // not the admin: denied
  transport_.answer = SendOutcome::Kind::accepted;
  rep = sender().run(false);
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->sent, 1);
  EXPECT_EQ(outbox().front().state, OutboxState::sent);
}

TEST_F(NotificationsTest, ServerDownForHoursThenUpDeliversEveryMailExactlyOnce) {
  transport_.answer = SendOutcome::Kind::temporary;
  transport_.code = 451;
  for (int i = 0; i < 3; ++i) {
    const auto sub = add_subscriber(school1_.id, person("Võ Thị Hồng", "hong" + std::to_string(i) + "@bacninh.gov.vn",
                                                        "00119000055" + std::to_string(i)));
    created_and_forwarded(RequestType::new_cert, sub, "", "");
    ASSERT_GE(dispatch(), 0);
    auto rep = sender().run(false);
    ASSERT_TRUE(rep);
    EXPECT_EQ(rep->retried, 1);  // stops at the first temporary failure: the rest wait
    clock_.advance(std::chrono::hours(1));
  }
  // Backoff: a message tried once waits retry_seconds, then twice that, …
  const auto total = outbox().size();
  ASSERT_GE(total, 3u);
  for (int hour = 0; hour < 5; ++hour) {
    clock_.advance(std::chrono::hours(1));
    auto rep = sender().run(false);
    ASSERT_TRUE(rep);
  }
  for (const auto& m : outbox()) EXPECT_EQ(m.state, OutboxState::queued);
  transport_.answer = SendOutcome::Kind::accepted;
  clock_.advance(std::chrono::hours(1));
  auto rep = sender().run(false);
  ASSERT_TRUE(rep);
  EXPECT_EQ(static_cast<std::size_t>(rep->sent), total);
  EXPECT_EQ(transport_.accepted.size(), total);
  for (const auto& [id, n] : transport_.by_message_id()) EXPECT_EQ(n, 1) << id;
  for (const auto& m : outbox()) EXPECT_EQ(m.state, OutboxState::sent);
  rep = sender().run(true);
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->sent, 0);  // nothing is sent twice
}

TEST_F(NotificationsTest, ASenderKilledBetweenHandOverAndMarkRepeatsOnlyThatMail) {
  for (int i = 0; i < 2; ++i) {
    const auto sub = add_subscriber(school1_.id, person("Đặng Văn Khoa", "khoa" + std::to_string(i) + "@bacninh.gov.vn",
                                                        "00119000066" + std::to_string(i)));
    created_and_forwarded(RequestType::new_cert, sub, "", "");
  }
  ASSERT_GT(dispatch(), 0);
  const auto total = outbox().size();
  transport_.die_after_handover = true;
  EXPECT_THROW((void)sender().run(false), std::runtime_error);  // the process "dies" here
  transport_.die_after_handover = false;
  // Another sender finds the message still held: it waits for the lease to run out, then sends it.
  auto rep = sender().run(false);
  ASSERT_TRUE(rep);
  EXPECT_EQ(static_cast<std::size_t>(rep->sent), total - 1);
  clock_.advance(settings_mail_.send_lease + std::chrono::seconds(1));
  rep = sender().run(false);
  ASSERT_TRUE(rep);
  EXPECT_EQ(rep->sent, 1);
  const auto seen = transport_.by_message_id();
  EXPECT_EQ(seen.size(), total);
  int repeated = 0;
  for (const auto& [id, n] : seen) {
    EXPECT_LE(n, 2) << id;
    repeated += n - 1;
  }
  EXPECT_EQ(repeated, 1);  // at most the one in flight
}

TEST_F(NotificationsTest, SignedMailVerifiesAgainstOurRootWithOpenSslAndFailsWhenChanged) {
  const auto sub = add_subscriber(school1_.id, person("Nguyễn Văn Ánh", "anh.nv@bacninh.gov.vn", "001190000777"));
  created_and_forwarded(RequestType::new_cert, sub, "", "");
  ASSERT_GT(dispatch(), 0);
  auto rep = sender().run(false);
  ASSERT_TRUE(rep) << rep.error().describe();
  ASSERT_GE(transport_.accepted.size(), 1u);
  const std::string mail = transport_.accepted.front().message;
  EXPECT_NE(mail.find("multipart/signed"), std::string::npos);
  EXPECT_NE(mail.find("=?UTF-8?B?"), std::string::npos);  // the Vietnamese subject, RFC 2047
  auto lease = db_->acquire();
  auto root = store::find_ca(**lease, pki::kRootCa);
  ASSERT_TRUE(root && *root);
  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream out(dir_ / name, std::ios::binary);
    out << text;
  };
  write("root.pem", crypto::to_pem((*root)->certificate, "CERTIFICATE"));
  write("mail.eml", mail);
  const std::string verify = "openssl cms -verify -in " + (dir_ / "mail.eml").string() + " -CAfile " +
                             (dir_ / "root.pem").string() + " -out /dev/null 2>/dev/null";
  EXPECT_EQ(std::system(verify.c_str()), 0);
  // One character of the signed text changed: the signature no longer holds.
  std::string changed = mail;
  const auto body = changed.find("Content-Transfer-Encoding: base64\r\n\r\n");
  ASSERT_NE(body, std::string::npos);
  const auto at = body + std::string("Content-Transfer-Encoding: base64\r\n\r\n").size() + 3;
  changed[at] = changed[at] == 'A' ? 'B' : 'A';
  write("mail.eml", changed);
  EXPECT_NE(std::system(verify.c_str()), 0);
}

}  // namespace
}  // namespace ct::notify
