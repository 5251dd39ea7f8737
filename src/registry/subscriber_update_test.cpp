// Correcting a person's data: checked like a create, within the actor's reach, audited with the
// names of the fields changed; refused while a certificate is in force (change_info then).
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "registry/registry_test_support.h"

namespace ct::registry {
namespace {

class SubscriberUpdate : public testing::RegistryFixture {};

TEST_F(SubscriberUpdate, CorrectedUntilACertificateIsInForce) {
  const auto an = add_subscriber(school1_.id, person("Nguyễn Văn Aan", "an.nv@bacninh.gov.vn", "027085000001"));
  auto fixed = person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001");
  fixed.position = "Tổ trưởng chuyên môn";
  // A bad e-mail: refused with the findings, nothing written.
  auto bad = fixed;
  bad.email = "an.nv@gmail";
  auto refused = update_subscriber(*env_, actor("um1"), an, school1_.id, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "subscriber");
  EXPECT_EQ(get_subscriber(*env_, actor("um1"), an)->data.full_name, "Nguyễn Văn Aan");
  // Another school's manager cannot; nor move the person to a school out of reach (both out of
  // sight: answered as for ids that do not exist).
  EXPECT_EQ(update_subscriber(*env_, actor("um2"), an, school1_.id, fixed).error().code, ErrorCode::not_found);
  EXPECT_EQ(update_subscriber(*env_, actor("um1"), an, school2_.id, fixed).error().code, ErrorCode::not_found);
  // The kind stays.
  auto org = fixed;
  org.kind = SubjectKind::organization;
  EXPECT_EQ(update_subscriber(*env_, actor("um1"), an, school1_.id, org).error().context, "kind");

  auto ok = update_subscriber(*env_, actor("um1"), an, school1_.id, fixed);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->data.full_name, "Nguyễn Văn An");
  EXPECT_EQ(ok->data.position, "Tổ trưởng chuyên môn");
  {
    auto lease = db_->acquire();
    audit::AuditQuery q;
    q.action_prefix = "subscriber.update";
    auto entries = audit::list(**lease, q);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 1u);
    EXPECT_EQ(entries->front().event.details, R"({"changed":["full_name","position"]})");
  }
  // The education aggregator may move the person between its schools.
  auto moved = update_subscriber(*env_, actor("agg_edu"), an, school2_.id, fixed);
  ASSERT_TRUE(moved) << moved.error().describe();
  EXPECT_EQ(moved->org_id, school2_.id);

  // Once certified, the data changes through change_info only.
  issue_for(an, "um2");
  fixed.phone = "0987654321";
  auto held = update_subscriber(*env_, actor("um2"), an, school2_.id, fixed);
  ASSERT_FALSE(held);
  EXPECT_EQ(held.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace ct::registry
