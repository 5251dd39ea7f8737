// Disabling, enabling and changing the role of users: audited, effective at once (a disabled
// user no longer resolves as an actor), refused for one's own account, for the last active
// administrator and for roles the account cannot hold; only administrators may do it.
#include "registry/registry_test_support.h"
#include "registry/user_admin.h"

namespace ct::registry {
namespace {

class UserAdminTest : public testing::RegistryFixture {
 protected:
  std::int64_t id_of(const std::string& login) {
    auto lease = db_->acquire();
    auto u = find_user(**lease, std::string_view(login));
    EXPECT_TRUE(u && *u) << login;
    return u && *u ? (*u)->id : 0;
  }
  bool resolves(const std::string& login) {
    auto lease = db_->acquire();
    return resolve_actor(**lease, login).has_value();
  }
  // An account bound to a subscriber of school 1.
  std::int64_t subscriber_account() {
    const auto sub = add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001"));
    auto lease = db_->acquire();
    auto u = insert_user(**lease, {"thuebao1", Role::subscriber, school1_.id, sub, "an.nv@bacninh.gov.vn"},
                         "$argon2id$test-not-a-real-hash", clock_.now());
    EXPECT_TRUE(u) << (u ? "" : u.error().describe());
    return u ? u->id : 0;
  }
  int audited(const std::string& action, const std::string& target) {
    auto lease = db_->acquire();
    auto q = (*lease)->query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND object_id = $2");
    EXPECT_TRUE(q);
    q->bind(1, action).bind(2, target);
    EXPECT_TRUE(q->step());
    return static_cast<int>(q->get_int(0));
  }
};

TEST_F(UserAdminTest, DisableStopsTheAccountAtOnceAndEnableBringsItBack) {
  const auto um1 = id_of("um1");
  ASSERT_TRUE(resolves("um1"));
  auto off = change_user(*env_, actor("admin"), um1, {.active = false});
  ASSERT_TRUE(off) << off.error().describe();
  EXPECT_FALSE(off->user.active);
  EXPECT_FALSE(resolves("um1"));  // every session of the user is refused from the next request
  EXPECT_EQ(audited("user.disable", "um1"), 1);
  auto on = change_user(*env_, actor("admin"), um1, {.active = true});
  ASSERT_TRUE(on) << on.error().describe();
  EXPECT_TRUE(resolves("um1"));
  EXPECT_EQ(audited("user.enable", "um1"), 1);
}

TEST_F(UserAdminTest, RoleAndOrganizationChangeAudited) {
  const auto um2 = id_of("um2");
  auto moved = change_user(*env_, actor("admin"), um2, {.role = Role::aggregator, .org_id = education_.id});
  ASSERT_TRUE(moved) << moved.error().describe();
  EXPECT_EQ(moved->user.role, Role::aggregator);
  EXPECT_EQ(moved->user.org_id, education_.id);
  EXPECT_FALSE(moved->second_factor_to_enrol);
  EXPECT_EQ(audited("user.role", "um2"), 1);
  auto lease = db_->acquire();
  auto a = resolve_actor(**lease, "um2");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->role, Role::aggregator);
  EXPECT_EQ(a->org_path, education_.path);
  // To the registration office: a second factor to enrol through a reset link.
  auto ra = change_user(*env_, actor("admin"), um2, {.role = Role::ra_officer});
  ASSERT_TRUE(ra) << ra.error().describe();
  EXPECT_TRUE(ra->second_factor_to_enrol);
}

TEST_F(UserAdminTest, RefusalsChangeNothing) {
  const auto admin = id_of("admin"), um1 = id_of("um1"), ra1 = id_of("ra1");
  struct Case {
    const char* name;
    const char* as;
    std::int64_t id;
    UserChange change;
    ErrorCode code;
  };
  const std::vector<Case> cases{
      {"not an administrator", "ra1", um1, {.active = false}, ErrorCode::forbidden},
      {"one's own account", "admin", admin, {.active = false}, ErrorCode::invalid_input},
      {"nothing to change", "admin", um1, {}, ErrorCode::invalid_input},
      {"no such user", "admin", 999999, {.active = false}, ErrorCode::not_found},
      {"scoped role without an organization", "admin", ra1, {.role = Role::unit_manager}, ErrorCode::invalid_input},
      {"subscriber role without a subscriber", "admin", um1, {.role = Role::subscriber}, ErrorCode::invalid_input},
      {"no such organization", "admin", um1, {.org_id = 999999}, ErrorCode::not_found},
      {"a subscriber's account into another role", "admin", subscriber_account(), {.role = Role::aggregator},
       ErrorCode::invalid_input},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = change_user(*env_, actor(c.as), c.id, c.change);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, c.code) << r.error().describe();
    EXPECT_FALSE(r.error().message_vi.empty());
    EXPECT_FALSE(r.error().message_en.empty());
  }
  EXPECT_TRUE(resolves("um1"));
  EXPECT_EQ(audited("user.disable", "um1"), 0);
}

TEST_F(UserAdminTest, TheLastActiveAdministratorStays) {
  // A second administrator may disable the first, but not the other way round once alone.
  {
    auto lease = db_->acquire();
    ASSERT_TRUE(insert_user(**lease, {"admin2", Role::admin, std::nullopt, std::nullopt, "admin2@bacninh.gov.vn"},
                            "$argon2id$test-not-a-real-hash", clock_.now()));
  }
  auto off = change_user(*env_, actor("admin2"), id_of("admin"), {.active = false});
  ASSERT_TRUE(off) << off.error().describe();
  auto demote = change_user(*env_, actor("admin2"), id_of("admin"), {.role = Role::auditor});
  ASSERT_TRUE(demote) << demote.error().describe();
  // admin2 is now the only active administrator: nobody can remove it (and it cannot itself).
  auto self = change_user(*env_, actor("admin2"), id_of("admin2"), {.active = false});
  ASSERT_FALSE(self);
}

}  // namespace
}  // namespace ct::registry
