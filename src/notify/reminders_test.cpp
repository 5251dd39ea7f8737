// Reminders and the digest with a fixed clock stepped day by day: each reminder once, the
// nearest only, none for a certificate renewed or revoked; the digest once a day at its time.
#include "notify/notify_test_support.h"
#include "notify/reminders.h"
#include "pki/revocation.h"
#include "registry/request_workflow.h"

namespace ct::notify {
namespace {

using registry::RequestType;

class RemindersTest : public testing::NotifyFixture {
 protected:
  // A certificate of a new subscriber of school 1, ending `days` from now.
  std::string certificate_ending_in(int days, const std::string& cccd) {
    const auto sub = add_subscriber(school1_.id, person("Hoàng Thị Lan", "lan" + cccd + "@bacninh.gov.vn", cccd));
    auto key = crypto::generate_key(crypto::KeyType::ec_p256);
    EXPECT_TRUE(key);
    pki::IssueRequest req;
    req.public_key_der = key->public_key_der();
    req.subject = {{"C", "VN"}, {"CN", "Hoàng Thị Lan"}};
    req.emails = {"lan" + cccd + "@bacninh.gov.vn"};
    req.not_after = clock_.now() + std::chrono::days{days};
    req.days = days + 1;
    req.subscriber_id = sub;
    auto issued = ca_->issue(*db_, req);
    EXPECT_TRUE(issued) << (issued ? "" : issued.error().describe());
    return issued ? issued->serial : "";
  }

  // Runs the expiry reminders once a day for `days` days; returns the events by kind.
  std::map<std::string, int> step_days(int days) {
    std::map<std::string, int> seen;
    for (int d = 0; d < days; ++d) {
      auto n = queue_expiry_reminders(*db_, clock_, settings_mail_);
      EXPECT_TRUE(n) << (n ? "" : n.error().describe());
      clock_.advance(std::chrono::days{1});
    }
    for (const char* kind : {"cert.expiry.opens", "cert.expiry.closing", "cert.expiry.closed"}) {
      seen[kind] = static_cast<int>(events_of(kind).size());
    }
    return seen;
  }
};

TEST_F(RemindersTest, EachReminderOnceAcrossTheWholeWindow) {
  const std::string serial = certificate_ending_in(200, "001190001001");
  ASSERT_FALSE(serial.empty());
  auto seen = step_days(210);  // past the end: nothing after expiry
  EXPECT_EQ(seen["cert.expiry.opens"], 1);
  EXPECT_EQ(seen["cert.expiry.closing"], 1);
  EXPECT_EQ(seen["cert.expiry.closed"], 1);
  ASSERT_GT(dispatch(), 0);
  bool subject_ok = false;
  for (const auto& m : outbox("lan001190001001@bacninh.gov.vn")) {
    EXPECT_NE(m.subject.find("hết hạn"), std::string::npos) << m.subject;
    EXPECT_NE(m.body_text.find(serial), std::string::npos);
    subject_ok = true;
  }
  EXPECT_TRUE(subject_ok);
}

TEST_F(RemindersTest, ACertificateFirstSeenLateGetsOnlyTheNearestReminder) {
  certificate_ending_in(70, "001190001002");  // already past "opens" and "closing"'s 74 days
  auto seen = step_days(1);
  EXPECT_EQ(seen["cert.expiry.opens"], 0);
  EXPECT_EQ(seen["cert.expiry.closing"], 1);
  EXPECT_EQ(seen["cert.expiry.closed"], 0);
  // The expiry date in the mail, as dd/MM/yyyy.
  ASSERT_GT(dispatch(), 0);
  const auto mails = outbox("lan001190001002@bacninh.gov.vn");
  ASSERT_EQ(mails.size(), 1u);
  const std::string date = timefmt::vn_date(clock_.now() - std::chrono::days{1} + std::chrono::days{70});
  EXPECT_NE(mails.front().body_text.find(date), std::string::npos) << date;
}

TEST_F(RemindersTest, NoMoreRemindersOnceRenewedOrRevoked) {
  const std::string renewed = certificate_ending_in(100, "001190001003");
  const std::string revoked = certificate_ending_in(100, "001190001004");
  auto seen = step_days(1);
  EXPECT_EQ(seen["cert.expiry.opens"], 2);
  // A newer certificate replaces the first; the second is revoked.
  auto old = cert(renewed);
  auto key = crypto::generate_key(crypto::KeyType::ec_p256);
  ASSERT_TRUE(key);
  pki::IssueRequest req;
  req.public_key_der = key->public_key_der();
  req.subject = {{"C", "VN"}, {"CN", "Hoàng Thị Lan"}};
  req.emails = {"lan001190001003@bacninh.gov.vn"};
  req.subscriber_id = old.subscriber_id;
  req.replaces_id = old.id;
  ASSERT_TRUE(ca_->issue(*db_, req));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {revoked, crypto::CrlReason::cessation_of_operation, std::nullopt, "ca1"}));
  seen = step_days(100);
  EXPECT_EQ(seen["cert.expiry.opens"], 2);
  EXPECT_EQ(seen["cert.expiry.closing"], 0);
  EXPECT_EQ(seen["cert.expiry.closed"], 0);
}

TEST_F(RemindersTest, RoundDeadlineRemindsUnitsThatHaveNotSubmittedAtSevenAndTwoDays) {
  // A round of the education department ending in 10 days; school 2 submits, school 1 does not.
  const std::string deadline =
      registry::format_vn_date(registry::WorkingCalendar::vn_date(clock_.now()) + std::chrono::days{10});
  auto round = registry::open_round(*env_, actor("agg_edu"), {"Đợt tháng 12", deadline, std::nullopt, std::nullopt});
  ASSERT_TRUE(round) << round.error().describe();
  clock_.advance(std::chrono::hours(1));
  const auto sub = add_subscriber(school2_.id, person("Bùi Văn Nam", "nam.bv@bacninh.gov.vn", "001190001005"));
  auto r = create("um2", RequestType::new_cert, sub);
  ASSERT_TRUE(r);
  ASSERT_TRUE(registry::RequestWorkflow(*env_).submit(actor("um2"), r->id, ""));
  for (int d = 0; d < 12; ++d) {
    ASSERT_TRUE(queue_round_reminders(*db_, clock_, settings_mail_));
    clock_.advance(std::chrono::days{1});
  }
  EXPECT_EQ(events_of("round.deadline").size(), 2u);  // school 1 at 7 and at 2 days
  ASSERT_GT(dispatch(), 0);
  std::size_t to_school1 = 0;
  for (const auto& m : outbox("um1@bacninh.gov.vn")) to_school1 += m.kind == "round.deadline" ? 1 : 0;
  EXPECT_EQ(to_school1, 2u);
  for (const auto& m : outbox("um2@bacninh.gov.vn")) EXPECT_NE(m.kind, "round.deadline");
}

TEST_F(RemindersTest, DigestOnceADayAtItsTimeToOfficersWhoWantIt) {
  const auto sub = add_subscriber(school1_.id, person("Ngô Thị Mai", "mai.nt@bacninh.gov.vn", "001190001006"));
  ASSERT_TRUE(created_and_forwarded(RequestType::new_cert, sub, "", ""));
  settings_mail_.digest_minute_of_day = 7 * 60 + 30;
  // Friday 10:00 Vietnam time is past 07:30: today's digest now, and only once.
  ASSERT_EQ(*queue_daily_digest(*db_, clock_, settings_mail_), 1);
  ASSERT_EQ(*queue_daily_digest(*db_, clock_, settings_mail_), 0);
  // ra2 turns the digest off.
  ASSERT_TRUE(registry::set_notification_settings(*env_, actor("ra2"), {false, true}));
  ASSERT_GT(dispatch(), 0);
  EXPECT_EQ(outbox("ra1@bacninh.gov.vn").size(), 1u);
  EXPECT_TRUE(outbox("ra2@bacninh.gov.vn").empty());
  // The next day before 07:30: nothing yet; at 07:30: the next digest.
  clock_.set(registry::testing::friday() + std::chrono::hours(24 - 3) + std::chrono::minutes(29));  // Sat 07:29 VN
  EXPECT_EQ(*queue_daily_digest(*db_, clock_, settings_mail_), 0);
  clock_.advance(std::chrono::minutes(1));
  EXPECT_EQ(*queue_daily_digest(*db_, clock_, settings_mail_), 1);
}

}  // namespace
}  // namespace ct::notify
