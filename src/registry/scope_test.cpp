// Organization scope (SPEC §1, §12): role × action × target (own or other subtree), deny by
// default; refused actions answer `forbidden` and are audited.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "audit/audit_windows.h"
#include "registry/registry_test_support.h"

namespace ct::registry {
namespace {

enum class Op { read, edit, submit, approve, return_, reject, cancel, retry, create };
enum class Unit { school1, school2, finance };

struct Row {
  const char* login;
  Op op;
  Unit target;
  bool allowed;
};

const char* name(Op op) {
  switch (op) {
    case Op::read: return "read";
    case Op::edit: return "edit";
    case Op::submit: return "submit";
    case Op::approve: return "approve";
    case Op::return_: return "return";
    case Op::reject: return "reject";
    case Op::cancel: return "cancel";
    case Op::retry: return "retry";
    case Op::create: return "create";
  }
  return "?";
}

// school1 and school2 are under the education department; finance is a sibling department.
constexpr Row kTable[] = {
    {"um1", Op::read, Unit::school1, true},      {"um1", Op::read, Unit::school2, false},
    {"um1", Op::edit, Unit::school1, true},      {"um1", Op::edit, Unit::school2, false},
    {"um1", Op::submit, Unit::school1, true},    {"um1", Op::submit, Unit::school2, false},
    {"um1", Op::create, Unit::school1, true},    {"um1", Op::create, Unit::school2, false},
    {"um1", Op::cancel, Unit::school1, true},    {"um1", Op::cancel, Unit::school2, false},
    {"um1", Op::approve, Unit::school1, false},  {"um1", Op::reject, Unit::school1, false},
    {"um1", Op::return_, Unit::school1, false},  {"um2", Op::read, Unit::school1, false},
    {"um2", Op::approve, Unit::school1, false},  {"um2", Op::edit, Unit::school1, false},
    {"agg_edu", Op::read, Unit::school1, true},  {"agg_edu", Op::read, Unit::school2, true},
    {"agg_edu", Op::read, Unit::finance, false}, {"agg_edu", Op::edit, Unit::school2, true},
    {"agg_edu", Op::create, Unit::finance, false}, {"agg_edu", Op::return_, Unit::school1, true},
    {"agg_edu", Op::return_, Unit::finance, false}, {"agg_edu", Op::approve, Unit::school1, false},
    {"agg_fin", Op::read, Unit::school1, false}, {"agg_fin", Op::read, Unit::finance, true},
    {"agg_fin", Op::submit, Unit::school2, false}, {"ra1", Op::read, Unit::school1, true},
    {"ra1", Op::approve, Unit::school2, true},   {"ra1", Op::reject, Unit::finance, true},
    {"ra1", Op::edit, Unit::school1, false},     {"ra1", Op::create, Unit::school1, false},
    {"ra1", Op::submit, Unit::school1, false},   {"auditor", Op::read, Unit::finance, true},
    {"auditor", Op::edit, Unit::finance, false}, {"auditor", Op::approve, Unit::finance, false},
    {"auditor", Op::cancel, Unit::school1, false}, {"ca1", Op::read, Unit::school2, true},
    {"ca1", Op::approve, Unit::school2, false},  {"ca1", Op::retry, Unit::school2, true},
    {"admin", Op::read, Unit::school1, true},    {"admin", Op::approve, Unit::school1, false},
    {"admin", Op::submit, Unit::school1, false}, {"sub1", Op::read, Unit::school1, true},
    {"sub1", Op::read, Unit::school2, false},    {"sub1", Op::create, Unit::school1, true},
    {"sub1", Op::submit, Unit::school1, false},  {"sub1", Op::cancel, Unit::school1, true},
};

class ScopeTest : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    if (HasFatalFailure()) return;
    subs_[0] = add_subscriber(school1_.id, person("Nguyễn Văn An", "an@bacninh.gov.vn", "027085000001"));
    subs_[1] = add_subscriber(school2_.id, person("Trần Thị Bình", "binh@bacninh.gov.vn", "027085000002"));
    subs_[2] = add_subscriber(finance_.id, person("Lê Văn Cường", "cuong@bacninh.gov.vn", "027085000003"));
    auto lease = db_->acquire();
    add_user(**lease, "sub1", Role::subscriber, school1_.id, subs_[0]);
  }
  std::int64_t subscriber_of(Unit u) const { return subs_[static_cast<int>(u)]; }
  static const char* manager_of(Unit u) {
    return u == Unit::school1 ? "um1" : u == Unit::school2 ? "um2" : "um_fin";
  }
  std::int64_t subs_[3] = {};
};

TEST_F(ScopeTest, RoleActionTargetTable) {
  for (const Row& row : kTable) {
    SCOPED_TRACE(std::string(row.login) + " " + name(row.op) + " " + std::to_string(static_cast<int>(row.target)));
    auto draft = create(manager_of(row.target), RequestType::new_cert, subscriber_of(row.target));
    ASSERT_TRUE(draft) << draft.error().describe();
    const Actor a = actor(row.login);
    RequestWorkflow wf(*env_);
    Status outcome;
    auto keep = [&](auto r) {
      if (!r) outcome = fail(r.error());
    };
    switch (row.op) {
      case Op::read: keep(wf.show(a, draft->id)); break;
      case Op::edit: keep(wf.edit(a, draft->id, {})); break;
      case Op::submit: keep(wf.submit(a, draft->id, "")); break;
      case Op::approve: keep(wf.approve(a, draft->id, "")); break;
      case Op::return_: keep(wf.return_to_submitter(a, draft->id, "thiếu giấy tờ", {})); break;
      case Op::reject: keep(wf.reject(a, draft->id, "không đủ điều kiện")); break;
      case Op::cancel: keep(wf.cancel(a, draft->id, "")); break;
      case Op::retry: keep(wf.retry(a, draft->id, "")); break;
      case Op::create: keep(create(row.login, RequestType::mailbox, subscriber_of(row.target))); break;
    }
    // Out of reach answers either forbidden or, when the actor may not even see the request, as
    // for a request that does not exist.
    const bool forbidden = !outcome && (outcome.error().code == ErrorCode::forbidden ||
                                        outcome.error().code == ErrorCode::not_found);
    EXPECT_EQ(!forbidden, row.allowed) << (outcome ? "ok" : outcome.error().describe());
  }
}

TEST_F(ScopeTest, ListsAreFilteredByScope) {
  for (Unit u : {Unit::school1, Unit::school2, Unit::finance}) {
    ASSERT_TRUE(create(manager_of(u), RequestType::new_cert, subscriber_of(u)));
  }
  RequestWorkflow wf(*env_);
  auto count = [&](const char* login) {
    auto l = wf.list(actor(login), {}, {});
    EXPECT_TRUE(l);
    return l ? l->size() : 0u;
  };
  EXPECT_EQ(count("um1"), 1u);
  EXPECT_EQ(count("um2"), 1u);
  EXPECT_EQ(count("agg_edu"), 2u);
  EXPECT_EQ(count("agg_fin"), 1u);
  EXPECT_EQ(count("ra1"), 3u);
  EXPECT_EQ(count("auditor"), 3u);
  EXPECT_EQ(count("sub1"), 1u);
  auto subs = list_subscribers(*env_, actor("um2"), "", {});
  ASSERT_TRUE(subs);
  ASSERT_EQ(subs->size(), 1u);
  EXPECT_EQ(subs->front().data.full_name, "Trần Thị Bình");
  auto search = list_subscribers(*env_, actor("agg_edu"), "tran thi binh", {});
  ASSERT_TRUE(search);
  EXPECT_EQ(search->size(), 1u);
  auto orgs = list_organizations(*env_, actor("um1"), "", {});
  ASSERT_TRUE(orgs);
  ASSERT_EQ(orgs->size(), 1u);
  EXPECT_EQ(orgs->front().id, school1_.id);
  EXPECT_FALSE(get_subscriber(*env_, actor("um1"), subscriber_of(Unit::finance)));
  EXPECT_FALSE(get_organization(*env_, actor("um1"), school2_.id));
}

TEST_F(ScopeTest, DenialsAreAudited) {
  auto r = create("um2", RequestType::new_cert, subscriber_of(Unit::school2));
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  auto denied = wf.show(actor("um1"), r->id);
  ASSERT_FALSE(denied);
  // OutOfReachAnswersLikeMissing: the same answer as for an id that does not exist.
  EXPECT_EQ(denied.error().code, ErrorCode::not_found);
  auto missing = wf.show(actor("um1"), r->id + 1000);
  ASSERT_FALSE(missing);
  EXPECT_EQ(denied.error().context, missing.error().context);
  auto without_id = [](const Error& e, std::int64_t id) {
    std::string m = e.message_en;
    return m.replace(m.find(std::to_string(id)), std::to_string(id).size(), "N");
  };
  EXPECT_EQ(without_id(denied.error(), r->id), without_id(missing.error(), r->id + 1000));
  auto lease = db_->acquire();
  audit::AuditQuery q;
  q.action_prefix = "access.denied";
  auto entries = audit::list(**lease, q);
  ASSERT_TRUE(entries) << entries.error().describe();
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->front().event.actor, "um1");
  EXPECT_EQ(entries->front().event.outcome, "denied");
}

TEST_F(ScopeTest, RepeatedDenialsAreCountedNotEachAudited) {
  auto r = create("um2", RequestType::new_cert, subscriber_of(Unit::school2));
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  auto denials = [&] {
    auto lease = db_->acquire();
    audit::AuditQuery q;
    q.action_prefix = "access.denied";
    auto entries = audit::list(**lease, q);
    EXPECT_TRUE(entries);
    return entries ? *entries : std::vector<audit::AuditEntry>{};
  };
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(wf.show(actor("um1"), r->id));
  EXPECT_EQ(denials().size(), 1u);
  clock_.advance(audit::kCountWindow);
  auto closed = audit::close_windows(*db_, clock_);
  ASSERT_TRUE(closed) << closed.error().describe();
  EXPECT_EQ(*closed, 1);
  auto after = denials();
  ASSERT_EQ(after.size(), 2u);
  auto d = nlohmann::json::parse(after.front().event.details);
  EXPECT_EQ(d.value("count", 0), 99);
  EXPECT_EQ(after.front().event.actor, "um1");
}

TEST_F(ScopeTest, UnknownOrInactiveUserIsRefused) {
  auto lease = db_->acquire();
  auto a = resolve_actor(**lease, "nobody");
  ASSERT_FALSE(a);
  EXPECT_EQ(a.error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace ct::registry
