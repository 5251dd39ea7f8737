// Every rule of the validation policy (SPEC §5) with a passing and a failing case, and its
// messages in both languages.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "common/internet_names.h"
#include "registry/registry_test_support.h"
#include "registry/validation.h"

namespace ct::registry {
namespace {

using testing::friday;

ValidationInput base(RequestType type) {
  ValidationInput in;
  in.type = type;
  in.now = friday();
  in.subject = testing::person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085001234");
  in.attachment_kinds = {"request_letter"};
  if (type == RequestType::new_cert) in.attachment_kinds.insert("appointment_decision");
  if (type == RequestType::new_cert || type == RequestType::reissue) in.csr_pem = testing::test_csr();
  if (names_certificate(type)) {
    in.cert_serial = "AA01";
    in.held.push_back({"AA01", "individual", "valid", friday() + std::chrono::days{100}, 0});
  }
  if (type == RequestType::revoke) in.ground = "retirement";
  if (type == RequestType::reissue) in.ground = "lost";
  if (type == RequestType::change_info) in.ground = "org_change";
  if (type == RequestType::mailbox) in.mailbox = "an.nv@bacninh.gov.vn";
  return in;
}

struct Case {
  const char* code;
  RequestType type;
  std::function<void(ValidationInput&)> break_it;
  Severity severity = Severity::error;
};

const std::vector<Case>& cases() {
  using RT = RequestType;
  static const std::vector<Case> all{
      {"required", RT::new_cert, [](ValidationInput& in) { in.subject.position.clear(); }},
      {"required", RT::revoke, [](ValidationInput& in) { in.ground.clear(); }},
      {"cccd_format", RT::new_cert, [](ValidationInput& in) { in.subject.cccd = "02708500123"; }},
      {"cccd_format", RT::new_cert, [](ValidationInput& in) { in.subject.cccd = "02708500123A"; }},
      {"cmnd_old", RT::new_cert, [](ValidationInput& in) { in.subject.cccd = "027085001"; }},
      {"date_format", RT::new_cert, [](ValidationInput& in) { in.subject.dob = "1985-06-15"; }},
      {"date_format", RT::new_cert, [](ValidationInput& in) { in.subject.cccd_date = "31/02/2021"; }},
      {"underage", RT::new_cert, [](ValidationInput& in) { in.subject.dob = "21/11/2008"; }},
      {"cccd_date_future", RT::new_cert, [](ValidationInput& in) { in.subject.cccd_date = "21/11/2026"; }},
      {"cccd_date_before_birth", RT::new_cert, [](ValidationInput& in) { in.subject.cccd_date = "01/01/1980"; }},
      {"cccd_place_unknown", RT::new_cert, [](ValidationInput& in) { in.subject.cccd_place = "CA003"; }},
      {"email_format", RT::new_cert, [](ValidationInput& in) { in.subject.email = "an..nv@bacninh.gov.vn"; }},
      {"phone_format", RT::new_cert, [](ValidationInput& in) { in.subject.phone = "0112345678"; }},
      {"email_domain", RT::new_cert, [](ValidationInput& in) { in.subject.email = "an.nv@gmail.com"; }},
      {"mailbox_domain", RT::mailbox, [](ValidationInput& in) { in.mailbox = "an.nv@gmail.com"; }},
      {"device_unknown", RT::new_cert, [](ValidationInput& in) { in.subject.device = "USB"; }},
      {"attachment_missing", RT::new_cert, [](ValidationInput& in) { in.attachment_kinds.erase("appointment_decision"); }},
      {"attachment_missing", RT::revoke, [](ValidationInput& in) { in.attachment_kinds.clear(); }},
      {"not_state_body", RT::new_cert, [](ValidationInput& in) { in.org_state_body = false; }},
      {"already_certified", RT::new_cert,
       [](ValidationInput& in) { in.held.push_back({"CC03", "individual", "valid", in.now + std::chrono::days{300}, 0}); }},
      {"certificate_not_held", RT::revoke, [](ValidationInput& in) { in.cert_serial = "BB02"; }},
      {"certificate_not_usable", RT::renew, [](ValidationInput& in) { in.held[0].status = "revoked"; }},
      {"renewal_too_early", RT::renew, [](ValidationInput& in) { in.held[0].not_after = in.now + std::chrono::days{400}; }},
      {"renewal_too_late", RT::renew, [](ValidationInput& in) { in.held[0].not_after = in.now + std::chrono::days{30}; }},
      {"renewal_limit", RT::renew, [](ValidationInput& in) { in.held[0].renewals = 1; }},
      {"open_request_exists", RT::revoke, [](ValidationInput& in) { in.other_open_requests_for_cert = 1; }},
      {"csr_required", RT::new_cert, [](ValidationInput& in) { in.csr_pem.clear(); }},
      {"device_key_pending", RT::new_cert,
       [](ValidationInput& in) {
         in.csr_pem.clear();
         in.subject.device = "TOKEN";
       },
       Severity::warning},
      {"csr_invalid", RT::new_cert, [](ValidationInput& in) { in.csr_pem = "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n"; }},
      {"ground_unknown", RT::revoke, [](ValidationInput& in) { in.ground = "boredom"; }},
      {"ground_unknown", RT::reissue, [](ValidationInput& in) { in.ground = "retirement"; }},
  };
  return all;
}

bool has_code(const std::vector<Finding>& fs, std::string_view code) {
  for (const auto& f : fs)
    if (f.code == code) return true;
  return false;
}

TEST(Validation, BaselinesPass) {
  RegistrySettings s;
  for (RequestType t : {RequestType::new_cert, RequestType::renew, RequestType::change_info, RequestType::reissue,
                        RequestType::recover_device, RequestType::revoke, RequestType::mailbox}) {
    const auto fs = validate(base(t), s);
    EXPECT_TRUE(fs.empty()) << to_string(t) << ":\n" << describe(fs);
  }
}

TEST(Validation, EveryRuleHasAFailingCase) {
  RegistrySettings s;
  for (const auto& c : cases()) {
    SCOPED_TRACE(std::string(c.code) + " on " + to_string(c.type));
    ValidationInput in = base(c.type);
    EXPECT_FALSE(has_code(validate(in, s), c.code));
    c.break_it(in);
    const auto fs = validate(in, s);
    ASSERT_TRUE(has_code(fs, c.code)) << describe(fs);
    for (const auto& f : fs) {
      if (f.code != c.code) continue;
      EXPECT_EQ(f.severity, c.severity);
      EXPECT_FALSE(f.field.empty());
      EXPECT_FALSE(f.message_vi.empty());
      EXPECT_FALSE(f.message_en.empty());
      EXPECT_NE(f.message_vi, f.message_en);
    }
    EXPECT_EQ(has_errors(fs), c.severity == Severity::error);
  }
}

TEST(Validation, EveryRuleIsCovered) {
  std::set<std::string> tested;
  for (const auto& c : cases()) tested.insert(c.code);
  for (const auto& r : validation_rules()) EXPECT_TRUE(tested.count(std::string(r.code))) << r.code;
}

TEST(Validation, MailboxRequestSatisfiesTheDomainRule) {
  RegistrySettings s;
  ValidationInput in = base(RequestType::new_cert);
  in.subject.email = "an.nv@gmail.com";
  EXPECT_TRUE(has_code(validate(in, s), "email_domain"));
  in.mailbox_requested = true;
  EXPECT_FALSE(has_code(validate(in, s), "email_domain"));
}

TEST(Validation, DomainsComeFromConfiguration) {
  RegistrySettings s;
  s.email_domains = {"namdinh.gov.vn"};
  EXPECT_TRUE(has_code(validate(base(RequestType::new_cert), s), "email_domain"));
}

TEST(Validation, OrganizationNeedsSealOrSuperiorConfirmation) {
  RegistrySettings s;
  ValidationInput in = base(RequestType::new_cert);
  in.subject.kind = SubjectKind::organization;
  in.subject.manager_name = "Trần Thị Bình";
  in.attachment_kinds = {"request_letter"};
  EXPECT_TRUE(has_code(validate(in, s), "attachment_missing"));
  in.attachment_kinds.insert("superior_confirmation");
  EXPECT_FALSE(has_code(validate(in, s), "attachment_missing"));
  in.attachment_kinds = {"request_letter", "seal_registration"};
  EXPECT_FALSE(has_code(validate(in, s), "attachment_missing"));
}

TEST(Validation, SubscriberRecordRulesOnly) {
  RegistrySettings s;
  ValidationInput in = base(RequestType::new_cert);
  in.type.reset();
  in.attachment_kinds.clear();
  in.csr_pem.clear();
  EXPECT_TRUE(validate(in, s).empty()) << describe(validate(in, s));
  in.subject.cccd = "123";
  EXPECT_TRUE(has_code(validate(in, s), "cccd_format"));
}

TEST(Validation, Formats) {
  EXPECT_TRUE(valid_vn_phone("0912345678"));
  EXPECT_TRUE(valid_vn_phone("+84912345678"));
  EXPECT_TRUE(valid_vn_phone("0222.3822.123"));
  EXPECT_FALSE(valid_vn_phone("912345678"));
  EXPECT_FALSE(valid_vn_phone("09123456789"));
  EXPECT_TRUE(is_email_address("nguyen.van.an@bacninh.gov.vn"));
  EXPECT_FALSE(is_email_address("an@bacninh"));
  EXPECT_FALSE(is_email_address("Nguyễn@bacninh.gov.vn"));
  EXPECT_TRUE(email_in_domains("A@BacNinh.gov.vn", {"bacninh.gov.vn"}));
}

}  // namespace
}  // namespace ct::registry
