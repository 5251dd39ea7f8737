// One-time account links: the admin who creates a user never learns a secret; the user sets
// their password and enrols TOTP through the mailed link, once, before it expires; resets work
// the same way (issue 14, finding 5).
#include "registry/account_links.h"

#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "registry/registry_test_support.h"
#include "registry/user_credentials.h"

namespace ct::registry {
namespace {

constexpr std::string_view kNewPassword = "Mật khẩu tự chọn 2026";

Bytes totp_key() { return Bytes(kTotpKeyBytes, 0x42); }

class AccountLinkTest : public testing::RegistryFixture {
 protected:
  // What the outbox would get: the mails, token included, in the order they were made.
  std::vector<AccountLinkMail> mails_;
  LinkMailer mailer() {
    return [this](store::Connection&, const User&, const AccountLinkMail& m) -> Status {
      mails_.push_back(m);
      return {};
    };
  }
  NewUser officer(const std::string& login) { return {login, Role::ra_officer, std::nullopt, std::nullopt, login + "@bacninh.gov.vn"}; }
  std::string code(const std::string& base32) { return totp_code(base32_decode(base32).value_or(Bytes{}), clock_.now()); }
  std::optional<Credentials> credentials(const std::string& login) {
    auto lease = db_->acquire();
    auto c = find_credentials(**lease, login);
    EXPECT_TRUE(c);
    return c ? *c : std::nullopt;
  }
  std::vector<audit::AuditEntry> audit_entries() {
    auto lease = db_->acquire();
    audit::AuditQuery q;
    q.limit = 1000;
    auto e = audit::list(**lease, q);
    EXPECT_TRUE(e);
    return e ? *e : std::vector<audit::AuditEntry>{};
  }
};

TEST_F(AccountLinkTest, TheAdminLearnsNoSecretAndTheUserActivatesThemself) {
  auto sent = invite_user(*env_, actor("admin"), officer("ra3"), mailer());
  ASSERT_TRUE(sent) << sent.error().describe();
  EXPECT_FALSE(sent->user.activated);
  ASSERT_EQ(mails_.size(), 1u);
  const AccountLinkMail link = mails_.front();
  EXPECT_EQ(link.purpose, LinkPurpose::activate);
  EXPECT_TRUE(link.enrol_totp);
  EXPECT_EQ(link.token.size(), 64u);
  EXPECT_EQ(link.expires_at, clock_.now() + std::chrono::hours(72));

  // No password signs in before activation, and no TOTP secret exists yet.
  auto before = credentials("ra3");
  ASSERT_TRUE(before);
  EXPECT_TRUE(before->password_hash.empty());
  EXPECT_FALSE(verify_password(before->password_hash, ""));

  auto opened = open_account_link(*env_, link.token, totp_key());
  ASSERT_TRUE(opened) << opened.error().describe();
  EXPECT_EQ(opened->user.login, "ra3");
  EXPECT_EQ(opened->totp, TotpStep::enrol);
  ASSERT_EQ(opened->totp_secret.size(), 32u);  // 20 bytes in base32
  auto again = open_account_link(*env_, link.token, totp_key());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->totp_secret, opened->totp_secret) << "reloading the page shows the same secret";

  auto short_password = complete_account_link(*env_, link.token, "short", code(opened->totp_secret), totp_key());
  ASSERT_FALSE(short_password);
  EXPECT_EQ(short_password.error().context, "password");
  auto wrong_code = complete_account_link(*env_, link.token, std::string(kNewPassword), "000000", totp_key());
  ASSERT_FALSE(wrong_code);
  EXPECT_EQ(wrong_code.error().context, "totp");

  auto done = complete_account_link(*env_, link.token, std::string(kNewPassword), code(opened->totp_secret), totp_key());
  ASSERT_TRUE(done) << done.error().describe();
  auto after = credentials("ra3");
  ASSERT_TRUE(after);
  EXPECT_TRUE(after->user.activated);
  EXPECT_TRUE(verify_password(after->password_hash, std::string(kNewPassword)));
  {
    auto lease = db_->acquire();
    auto secret = load_totp_secret(**lease, after->user.id, totp_key());
    ASSERT_TRUE(secret && *secret);
    EXPECT_EQ(base32_encode((*secret)->secret), opened->totp_secret);
    // The code typed to activate cannot sign in again.
    EXPECT_GE((*secret)->last_step, to_unix(clock_.now()) / kTotpStepSeconds - 1);
  }
  // Used once.
  auto twice = complete_account_link(*env_, link.token, "Another password 2026", code(opened->totp_secret), totp_key());
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::not_found);
  EXPECT_EQ(twice.error().context, "token");

  // The audit records who did what, and never the token, the secret or the password.
  bool created = false;
  bool activated = false;
  for (const auto& e : audit_entries()) {
    const std::string all = e.event.details + e.event.object_id + e.event.actor;
    EXPECT_EQ(all.find(link.token), std::string::npos);
    EXPECT_EQ(all.find(opened->totp_secret), std::string::npos);
    EXPECT_EQ(all.find(std::string(kNewPassword)), std::string::npos);
    created = created || (e.event.action == "user.create" && e.event.actor == "admin");
    activated = activated || (e.event.action == "user.activate" && e.event.actor == "ra3");
  }
  EXPECT_TRUE(created);
  EXPECT_TRUE(activated);
  // Only the token's digest is stored.
  auto lease = db_->acquire();
  auto q = (*lease)->query("SELECT COUNT(*) FROM account_links WHERE token_hash = $1");
  ASSERT_TRUE(q);
  q->bind(1, link.token);
  ASSERT_TRUE(q->step());
  EXPECT_EQ(q->get_int(0), 0);
}

TEST_F(AccountLinkTest, AnExpiredLinkIsRefusedLikeAnUnknownOne) {
  ASSERT_TRUE(invite_user(*env_, actor("admin"), {"aud2", Role::auditor, std::nullopt, std::nullopt, "aud2@bacninh.gov.vn"},
                          mailer()));
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_FALSE(mails_.front().enrol_totp) << "an auditor has no second factor";
  clock_.advance(std::chrono::hours(72) + std::chrono::seconds(1));
  auto expired = open_account_link(*env_, mails_.front().token, totp_key());
  ASSERT_FALSE(expired);
  auto unknown = open_account_link(*env_, std::string(64, 'a'), totp_key());
  ASSERT_FALSE(unknown);
  auto malformed = open_account_link(*env_, "../../etc/passwd", totp_key());
  ASSERT_FALSE(malformed);
  for (const auto* e : {&expired.error(), &unknown.error(), &malformed.error()}) {
    EXPECT_EQ(e->code, ErrorCode::not_found);
    EXPECT_EQ(e->context, "token");
    EXPECT_EQ(e->message_en, expired.error().message_en);
  }
  EXPECT_FALSE(complete_account_link(*env_, mails_.front().token, std::string(kNewPassword), "", totp_key()));
}

TEST_F(AccountLinkTest, WrongCodesExhaustTheLink) {
  ASSERT_TRUE(invite_user(*env_, actor("admin"), officer("ra4"), mailer()));
  const std::string token = mails_.front().token;
  auto opened = open_account_link(*env_, token, totp_key());
  ASSERT_TRUE(opened);
  for (int i = 0; i < kMaxLinkFailures; ++i) {
    auto wrong = complete_account_link(*env_, token, std::string(kNewPassword), "123456", totp_key());
    ASSERT_FALSE(wrong);
  }
  auto right = complete_account_link(*env_, token, std::string(kNewPassword), code(opened->totp_secret), totp_key());
  ASSERT_FALSE(right);
  EXPECT_EQ(right.error().context, "token");
}

TEST_F(AccountLinkTest, OnlyTheAdminInvitesAndAnOfficialAddressIsRequired) {
  auto by_officer = invite_user(*env_, actor("ra1"), officer("ra5"), mailer());
  ASSERT_FALSE(by_officer);
  EXPECT_EQ(by_officer.error().code, ErrorCode::forbidden);
  NewUser no_mail = officer("ra5");
  no_mail.email.reset();
  auto missing = invite_user(*env_, actor("admin"), no_mail, mailer());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().context, "email");
  NewUser gmail = officer("ra5");
  gmail.email = "ra5@gmail.com";
  auto outside = invite_user(*env_, actor("admin"), gmail, mailer());
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().context, "email");
  EXPECT_TRUE(mails_.empty());
  auto lease = db_->acquire();
  auto none = find_user(**lease, std::string_view("ra5"));
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none) << "nothing half-written";
}

TEST_F(AccountLinkTest, AResetAsksForTheEnrolledCodeUnlessTheAdminReenrols) {
  ASSERT_TRUE(invite_user(*env_, actor("admin"), officer("ra6"), mailer()));
  auto first = open_account_link(*env_, mails_.back().token, totp_key());
  ASSERT_TRUE(first);
  ASSERT_TRUE(complete_account_link(*env_, mails_.back().token, std::string(kNewPassword), code(first->totp_secret),
                                    totp_key()));
  const std::int64_t id = first->user.id;
  clock_.advance(std::chrono::seconds(60));  // the next codes are of later steps

  // A plain reset: the code of the authenticator already enrolled.
  auto sent = send_account_link(*env_, actor("admin"), id, false, mailer());
  ASSERT_TRUE(sent) << sent.error().describe();
  const std::string reset = mails_.back().token;
  EXPECT_EQ(mails_.back().purpose, LinkPurpose::reset);
  auto opened = open_account_link(*env_, reset, totp_key());
  ASSERT_TRUE(opened);
  EXPECT_EQ(opened->totp, TotpStep::required);
  EXPECT_TRUE(opened->totp_secret.empty()) << "a reset shows no secret";
  ASSERT_TRUE(complete_account_link(*env_, reset, "Mật khẩu thứ hai 2026", code(first->totp_secret), totp_key()));
  EXPECT_TRUE(verify_password(credentials("ra6")->password_hash, "Mật khẩu thứ hai 2026"));

  // The authenticator is lost: the admin re-enrols; a new link ends the previous one.
  clock_.advance(std::chrono::seconds(60));
  ASSERT_TRUE(send_account_link(*env_, actor("admin"), id, true, mailer()));
  const std::string older = mails_.back().token;
  ASSERT_TRUE(send_account_link(*env_, actor("admin"), id, true, mailer()));
  EXPECT_FALSE(open_account_link(*env_, older, totp_key()));
  auto reenrol = open_account_link(*env_, mails_.back().token, totp_key());
  ASSERT_TRUE(reenrol);
  EXPECT_EQ(reenrol->totp, TotpStep::enrol);
  EXPECT_NE(reenrol->totp_secret, first->totp_secret);
  ASSERT_TRUE(complete_account_link(*env_, mails_.back().token, "Mật khẩu thứ ba 2026", code(reenrol->totp_secret),
                                    totp_key()));
  auto lease = db_->acquire();
  auto secret = load_totp_secret(**lease, id, totp_key());
  ASSERT_TRUE(secret && *secret);
  EXPECT_EQ(base32_encode((*secret)->secret), reenrol->totp_secret);

  // Roles without a second factor cannot be asked to enrol one.
  auto auditor = send_account_link(*env_, actor("admin"), actor("auditor").user_id, true, mailer());
  ASSERT_FALSE(auditor);
  EXPECT_EQ(auditor.error().context, "second_factor");
}

TEST_F(AccountLinkTest, AForgottenPasswordMailsAtMostOneLinkAndSaysNothingOfUnknownLogins) {
  ASSERT_TRUE(invite_user(*env_, actor("admin"), {"um9", Role::unit_manager, school1_.id, std::nullopt, "um9@bacninh.gov.vn"},
                          mailer()));
  const std::string activation = mails_.back().token;
  // Not activated yet: a reset request sends nothing (the activation link is the way in).
  ASSERT_TRUE(request_password_reset(*env_, "um9", mailer()));
  EXPECT_EQ(mails_.size(), 1u);
  ASSERT_TRUE(complete_account_link(*env_, activation, std::string(kNewPassword), "", totp_key()));
  ASSERT_TRUE(request_password_reset(*env_, "nobody-here", mailer()));
  EXPECT_EQ(mails_.size(), 1u);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(request_password_reset(*env_, "um9", mailer()));
  ASSERT_EQ(mails_.size(), 2u) << "one mail per reset_link_minutes however often the form is sent";
  EXPECT_TRUE(mails_.back().asked_by_user);
  EXPECT_EQ(mails_.back().expires_at, clock_.now() + std::chrono::minutes(60));
  clock_.advance(std::chrono::minutes(61));
  ASSERT_TRUE(request_password_reset(*env_, "um9", mailer()));
  EXPECT_EQ(mails_.size(), 3u);
  ASSERT_TRUE(complete_account_link(*env_, mails_.back().token, "Mật khẩu đặt lại 2026", "", totp_key()));
  EXPECT_TRUE(verify_password(credentials("um9")->password_hash, "Mật khẩu đặt lại 2026"));
}

}  // namespace
}  // namespace ct::registry
