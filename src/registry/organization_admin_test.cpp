// Editing and deactivating organizations: audited, scoped to administrators, the province kept
// by the level-1 organization for its whole tree, names unique under a parent, deactivation
// refused while the subtree is in use and then closing it to new people and list imports.
#include "registry/organization_admin.h"
#include "registry/registry_test_support.h"
#include "registry/subscriber.h"
#include "registry/user_admin.h"

namespace ct::registry {
namespace {

class OrganizationAdminTest : public testing::RegistryFixture {
 protected:
  int audited(const std::string& action, std::int64_t id) {
    auto lease = db_->acquire();
    auto q = (*lease)->query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object_id = $2");
    q->bind(1, action).bind(2, std::to_string(id));
    EXPECT_TRUE(q->step());
    return static_cast<int>(q->get_int(0));
  }
};

TEST_F(OrganizationAdminTest, EditIsCheckedAndAudited) {
  auto e = edit_organization(*env_, actor("admin"), school1_.id,
                             {.name = "Trường THPT Hàn Thuyên  ", .address = "Số 1 đường Lý Thái Tổ", .tax_code = "2300123456"});
  ASSERT_TRUE(e) << e.error().describe();
  EXPECT_EQ(e->name, "Trường THPT Hàn Thuyên");
  EXPECT_EQ(e->address, "Số 1 đường Lý Thái Tổ");
  EXPECT_EQ(audited("org.update", school1_.id), 1);
  auto renamed = edit_organization(*env_, actor("admin"), school1_.id, {.name = "Trường THPT chuyên Hàn Thuyên"});
  ASSERT_TRUE(renamed) << renamed.error().describe();
  EXPECT_EQ(renamed->name, "Trường THPT chuyên Hàn Thuyên");
  // The province belongs to the top of the tree and the tree follows it.
  EXPECT_FALSE(edit_organization(*env_, actor("admin"), school1_.id, {.province = "Hà Nội"}));
  auto root = edit_organization(*env_, actor("admin"), province_.id, {.province = "Bắc Ninh mới"});
  ASSERT_TRUE(root) << root.error().describe();
  auto lease = db_->acquire();
  EXPECT_EQ((*find_organization(**lease, school1_.id))->province, "Bắc Ninh mới");
  // Refusals: a sibling's name, a bad tax code, someone who is not an administrator.
  auto twin = edit_organization(*env_, actor("admin"), school1_.id, {.name = "Trường THPT Lý Thái Tổ"});
  ASSERT_FALSE(twin);
  EXPECT_EQ(twin.error().code, ErrorCode::conflict);
  auto tax = edit_organization(*env_, actor("admin"), school1_.id, {.tax_code = "123"});
  ASSERT_FALSE(tax);
  EXPECT_EQ(tax.error().context, "tax_code");
  auto um = edit_organization(*env_, actor("um1"), school1_.id, {.address = "x"});
  ASSERT_FALSE(um);
  EXPECT_EQ(um.error().code, ErrorCode::forbidden);
  EXPECT_EQ(audited("org.update", school1_.id), 2);
}

TEST_F(OrganizationAdminTest, DeactivationWaitsUntilNothingIsInUseThenClosesTheSubtree) {
  // um2 is an active account of school 2: refused, saying so.
  auto busy = set_organization_active(*env_, actor("admin"), school2_.id, false);
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().code, ErrorCode::conflict);
  EXPECT_NE(busy.error().message_en.find("1 active accounts"), std::string::npos) << busy.error().describe();
  auto lease = db_->acquire();
  auto um2 = find_user(**lease, std::string_view("um2"));
  ASSERT_TRUE(change_user(*env_, actor("admin"), (*um2)->id, {.active = false}));
  auto off = set_organization_active(*env_, actor("admin"), school2_.id, false);
  ASSERT_TRUE(off) << off.error().describe();
  EXPECT_FALSE(off->active);
  EXPECT_EQ(audited("org.deactivate", school2_.id), 1);
  // Closed: no new subscribers, not found by name (list imports), no children.
  auto sub = create_subscriber(*env_, actor("agg_edu"), school2_.id, person("Lê Văn Mới", "moi@bacninh.gov.vn", "027085009999"));
  ASSERT_FALSE(sub);
  EXPECT_NE(sub.error().message_en.find("deactivated"), std::string::npos) << sub.error().describe();
  auto named = find_child_organization(**lease, education_.id, "Trường THPT Lý Thái Tổ");
  ASSERT_TRUE(named);
  EXPECT_FALSE(*named);
  EXPECT_FALSE(create_organization(*env_, actor("admin"), {.name = "Tổ Toán", .parent_id = school2_.id}));
  // Reactivated: open again.
  auto on = set_organization_active(*env_, actor("admin"), school2_.id, true);
  ASSERT_TRUE(on) << on.error().describe();
  EXPECT_TRUE(on->active);
  EXPECT_TRUE(create_subscriber(*env_, actor("agg_edu"), school2_.id, person("Lê Văn Mới", "moi@bacninh.gov.vn", "027085009999")));
}

TEST_F(OrganizationAdminTest, ADepartmentWithPeopleInForceStays) {
  // A certificate in force under the department, in school 1.
  const auto sub = add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001"));
  ASSERT_FALSE(issue_for(sub).empty());
  auto r = set_organization_active(*env_, actor("admin"), education_.id, false);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message_en.find("certificates in force"), std::string::npos) << r.error().describe();
}

}  // namespace
}  // namespace ct::registry
