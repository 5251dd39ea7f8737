// Correcting a draft or returned request: the certificate it names, the organization a change
// moves to, its documents (added and taken off), all-or-nothing; taking a request off an open
// batch; finding requests by the person's name, CCCD or the request's number.
#include <gtest/gtest.h>

#include "registry/registry_test_support.h"
#include "registry/round_batch.h"

namespace ct::registry {
namespace {

class RequestEdits : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    if (HasFatalFailure()) return;
    an_ = add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001"));
  }

  std::vector<std::string> actions(std::int64_t id) {
    RequestWorkflow wf(*env_);
    auto v = wf.show(actor("agg_edu"), id);
    EXPECT_TRUE(v);
    std::vector<std::string> out;
    if (v)
      for (const auto& e : v->timeline) out.push_back(e.action + (e.comment.empty() ? "" : " " + e.comment));
    return out;
  }

  std::int64_t an_ = 0;
};

bool has_code(const std::vector<Finding>& fs, const std::string& field) {
  for (const auto& f : fs)
    if (f.severity == Severity::error && f.field == field) return true;
  return false;
}

TEST_F(RequestEdits, ReturnedRevokeGetsTheRightCertificate) {
  const std::string serial = issue_for(an_);
  auto r = create("um1", RequestType::revoke, an_, "0badc0de", "retirement");
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(has_code(r->findings, "cert_serial")) << describe(r->findings);
  RequestWorkflow wf(*env_);
  // Not hex: refused, nothing changed.
  RequestEdit bad;
  bad.cert_serial = "not-a-serial";
  bad.note = "sẽ không được lưu";
  auto refused = wf.edit(actor("um1"), r->id, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "cert_serial");
  EXPECT_EQ(reload(r->id).form.note, "");
  RequestEdit fix;
  fix.cert_serial = serial;
  auto fixed = wf.edit(actor("um1"), r->id, fix);
  ASSERT_TRUE(fixed) << fixed.error().describe();
  EXPECT_EQ(fixed->cert_serial, serial);
  EXPECT_FALSE(has_errors(fixed->findings)) << describe(fixed->findings);
}

TEST_F(RequestEdits, ChangeInfoOrganizationWithinReachOnly) {
  const std::string serial = issue_for(an_);
  RequestWorkflow wf(*env_);
  auto r = wf.create(actor("agg_edu"), org_change(an_, serial));
  ASSERT_TRUE(r) << r.error().describe();
  RequestEdit move;
  move.new_org_id = finance_.id;  // outside the education aggregator's subtree
  auto refused = wf.edit(actor("agg_edu"), r->id, move);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().context, "new_org_id");
  move.new_org_id = school2_.id;
  auto moved = wf.edit(actor("agg_edu"), r->id, move);
  ASSERT_TRUE(moved) << moved.error().describe();
  EXPECT_EQ(moved->form.new_org_id, school2_.id);
  move.new_org_id = 0;  // stay
  auto stays = wf.edit(actor("agg_edu"), r->id, move);
  ASSERT_TRUE(stays);
  EXPECT_FALSE(stays->form.new_org_id);
}

// Issue 14 (7): the name and e-mail a certificate carries change only through change_info, and
// never to another subscriber's mailbox.
TEST_F(RequestEdits, NameAndEmailChangeOnlyThroughChangeInfo) {
  const std::string serial = issue_for(an_);
  RequestWorkflow wf(*env_);
  NewRequest renew;
  renew.type = RequestType::renew;
  renew.subscriber_id = an_;
  renew.cert_serial = serial;
  renew.new_name = "Nguyễn Văn Bình";
  renew.attachments = {{"request_letter", "don.pdf", testing::pdf("x")}};
  auto refused = wf.create(actor("um1"), renew);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "new_name");
  renew.new_name.reset();
  renew.new_email = "binh.nv@bacninh.gov.vn";
  refused = wf.create(actor("um1"), renew);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "new_email");
  // The same values as the subscriber's are no change: accepted.
  renew.new_email = "AN.NV@bacninh.gov.vn";
  auto same = wf.create(actor("um1"), renew);
  ASSERT_TRUE(same) << same.error().describe();
  // An edit of that renewal cannot rename either.
  RequestEdit e;
  e.name = "Nguyễn Văn Bình";
  auto edited = wf.edit(actor("um1"), same->id, e);
  ASSERT_FALSE(edited);
  EXPECT_EQ(edited.error().context, "name");

  // change_info may; but not to the mailbox of another subscriber.
  add_subscriber(school1_.id, person("Trần Thị Chi", "chi.tt@bacninh.gov.vn", "027085000009"));
  NewRequest change = org_change(an_, serial);
  change.ground = "info_change";
  change.new_email = "chi.tt@bacninh.gov.vn";
  refused = wf.create(actor("um1"), change);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "new_email");
  change.new_email = "an.nguyen@bacninh.gov.vn";
  change.new_name = "Nguyễn Văn Ân";
  auto ok = wf.create(actor("um1"), change);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->form.subject.email, "an.nguyen@bacninh.gov.vn");
}

TEST_F(RequestEdits, NoteIsCleanedLikeOnCreate) {
  auto r = create("um1", RequestType::new_cert, an_);
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  RequestEdit e;
  e.note = std::string(1001, 'x');
  auto refused = wf.edit(actor("um1"), r->id, e);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "note");
  e.note = "  Nộp bổ sung quyết định  ";
  auto ok = wf.edit(actor("um1"), r->id, e);
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->form.note, "Nộp bổ sung quyết định");
}

TEST_F(RequestEdits, DocumentTakenOffAndTheFindingsFollow) {
  auto r = create("um1", RequestType::new_cert, an_);
  ASSERT_TRUE(r);
  EXPECT_FALSE(has_errors(r->findings)) << describe(r->findings);
  RequestWorkflow wf(*env_);
  auto v = wf.show(actor("um1"), r->id);
  ASSERT_TRUE(v);
  ASSERT_EQ(v->attachments.size(), 2u);
  std::int64_t decision = 0;
  for (const auto& a : v->attachments)
    if (a.kind == "appointment_decision") decision = a.id;
  // Another request's document, or one unknown: nothing changes.
  auto other = create("um1", RequestType::new_cert,
                      add_subscriber(school1_.id, person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002")));
  ASSERT_TRUE(other);
  RequestEdit wrong;
  wrong.remove_attachments = {decision};
  wrong.note = "không lưu";
  EXPECT_EQ(wf.edit(actor("um1"), other->id, wrong).error().code, ErrorCode::not_found);
  RequestEdit off;
  off.remove_attachments = {decision};
  auto edited = wf.edit(actor("um1"), r->id, off);
  ASSERT_TRUE(edited) << edited.error().describe();
  EXPECT_TRUE(has_code(edited->findings, "attachments")) << describe(edited->findings);
  auto after = wf.show(actor("um1"), r->id);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->attachments.size(), 1u);
  EXPECT_EQ(after->timeline.back().comment, "bỏ / removed appointment_decision: QĐ bổ nhiệm.pdf");
  EXPECT_EQ(wf.show(actor("um1"), other->id)->attachments.size(), 2u);
  EXPECT_EQ(reload(other->id).form.note, "");
  // Another school's manager cannot (the request is out of its sight: as if it did not exist).
  EXPECT_EQ(wf.edit(actor("um2"), r->id, off).error().code, ErrorCode::not_found);
  // Once submitted, the documents are fixed.
  RequestEdit add;
  add.attachments = {{"appointment_decision", "QĐ mới.pdf", testing::pdf("qd2")}};
  ASSERT_TRUE(wf.edit(actor("um1"), r->id, add));
  ASSERT_TRUE(wf.submit(actor("um1"), r->id, ""));
  auto late = wf.show(actor("um1"), r->id);
  RequestEdit late_off;
  late_off.remove_attachments = {late->attachments.front().id};
  EXPECT_EQ(wf.edit(actor("um1"), r->id, late_off).error().code, ErrorCode::conflict);
}

TEST_F(RequestEdits, TakenOffAnOpenBatchAllOrNothing) {
  auto a = create("um1", RequestType::new_cert, an_);
  auto b = create("um1", RequestType::new_cert,
                  add_subscriber(school1_.id, person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002")));
  ASSERT_TRUE(a && b);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.submit(actor("um1"), a->id, ""));
  ASSERT_TRUE(wf.submit(actor("um1"), b->id, ""));
  auto round = open_round(*env_, actor("agg_edu"), {"Đợt tháng 12/2026", "31/12/2026", std::nullopt, std::nullopt});
  ASSERT_TRUE(round);
  auto batch = create_batch(*env_, actor("agg_edu"), round->id);
  ASSERT_TRUE(batch);
  ASSERT_TRUE(add_to_batch(*env_, actor("agg_edu"), batch->id, {a->id, b->id}));
  // b is there, 999 is not: neither leaves.
  auto refused = remove_from_batch(*env_, actor("agg_edu"), batch->id, {b->id, 999});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_EQ(reload(b->id).batch_id, batch->id);
  // The finance aggregator does not manage this batch, nor see it.
  EXPECT_EQ(remove_from_batch(*env_, actor("agg_fin"), batch->id, {b->id}).error().code,
            ErrorCode::not_found);
  auto fewer = remove_from_batch(*env_, actor("agg_edu"), batch->id, {b->id});
  ASSERT_TRUE(fewer) << fewer.error().describe();
  EXPECT_EQ(fewer->requests, 1);
  const Request left = reload(b->id);
  EXPECT_FALSE(left.batch_id);
  EXPECT_EQ(left.state, RequestState::submitted);
  EXPECT_EQ(actions(b->id).back(), "batch_remove danh sách / batch " + std::to_string(batch->id));
  ASSERT_TRUE(submit_batch(*env_, actor("agg_edu"), batch->id, ""));
  EXPECT_EQ(reload(a->id).state, RequestState::forwarded);
  EXPECT_EQ(reload(b->id).state, RequestState::submitted);
  EXPECT_EQ(remove_from_batch(*env_, actor("agg_edu"), batch->id, {a->id}).error().code, ErrorCode::conflict);
}

TEST_F(RequestEdits, ListFindsByFoldedNameCccdOrNumber) {
  auto binh = add_subscriber(school1_.id, person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002"));
  auto a = create("um1", RequestType::new_cert, an_);
  auto b = create("um1", RequestType::new_cert, binh);
  auto m = create("um1", RequestType::mailbox, binh);
  ASSERT_TRUE(a && b && m);
  RequestWorkflow wf(*env_);
  auto ids = [&](RequestFilter f, const std::string& who = "um1") {
    std::vector<std::int64_t> out;
    auto rs = wf.list(actor(who), f, {100, 0});
    EXPECT_TRUE(rs);
    if (rs)
      for (const auto& r : *rs) out.push_back(r.id);
    return out;
  };
  RequestFilter f;
  f.search = "tran thi binh";
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{m->id, b->id}));
  f.type = RequestType::mailbox;
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{m->id}));
  f = {};
  f.search = "027085000001";
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{a->id}));
  f.search = std::to_string(b->id);
  EXPECT_EQ(ids(f), (std::vector<std::int64_t>{b->id}));
  // Scope still applies: the other school sees none of them.
  EXPECT_TRUE(ids(f, "um2").empty());
}

}  // namespace
}  // namespace ct::registry
