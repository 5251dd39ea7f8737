// The seven request types from draft to completed through the workflow and the worker, with
// their certificate effects in the store (SPEC §3, §4); returned, rejected, failed paths.
#include <gtest/gtest.h>

#include "common/time_format.h"
#include "crypto/certificate.h"
#include "crypto/crl.h"
#include "pki/revocation.h"
#include "registry/form_dates.h"
#include "registry/registry_test_support.h"
#include "registry/round_batch.h"
#include "store/job_queue.h"

namespace ct::registry {
namespace {

class Journeys : public testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    if (HasFatalFailure()) return;
    an_ = add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001"));
    auto round = open_round(*env_, actor("agg_edu"), {"Đợt tháng 12/2026", "31/12/2026", std::nullopt, std::nullopt});
    ASSERT_TRUE(round) << round.error().describe();
    round_ = round->id;
  }

  std::int64_t an_ = 0;
  std::int64_t round_ = 0;
};

TEST_F(Journeys, NewIssuesTheGovernmentProfile) {
  const std::string serial = issue_for(an_);
  ASSERT_FALSE(serial.empty());
  const auto c = cert(serial);
  EXPECT_EQ(c.subscriber_id, an_);
  EXPECT_EQ(c.profile, "individual");
  EXPECT_EQ(c.email, "an.nv@bacninh.gov.vn");
  EXPECT_EQ(c.subject,
            "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Giáo dục và Đào tạo,OU=Trường THPT Hàn Thuyên,CN=Nguyễn Văn An");
  ASSERT_TRUE(c.request_id);
  const Request r = reload(*c.request_id);
  EXPECT_EQ(r.state, RequestState::completed);
  RequestWorkflow wf(*env_);
  auto view = wf.show(actor("um1"), r.id);
  ASSERT_TRUE(view);
  std::vector<std::string> actions;
  for (const auto& e : view->timeline) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "submit", "batch_add", "forward", "approve", "complete"}));
  // A second `new` for the same person is refused: suggest renew or change_info.
  auto again = create("um1", RequestType::new_cert, an_);
  ASSERT_TRUE(again);
  ASSERT_TRUE(has_errors(again->findings));
  EXPECT_EQ(again->findings.front().code, "already_certified");
  EXPECT_FALSE(wf.submit(actor("um1"), again->id, ""));
}

TEST_F(Journeys, ReturnedThenResubmitted) {
  NewRequest n;
  n.type = RequestType::new_cert;
  n.subscriber_id = an_;
  n.csr_pem = testing::test_csr();
  n.attachments = {{"request_letter", "don.pdf", testing::pdf("x")}, {"appointment_decision", "qd.pdf", testing::pdf("y")}};
  RequestWorkflow wf(*env_);
  auto r = wf.create(actor("um1"), n);
  ASSERT_TRUE(r);
  forward(r->id);
  auto returned = wf.return_to_submitter(actor("ra1"), r->id, "Quyết định bổ nhiệm hết hiệu lực",
                                         {{"attachments", "cần quyết định bổ nhiệm còn hiệu lực"}});
  ASSERT_TRUE(returned) << returned.error().describe();
  EXPECT_EQ(returned->state, RequestState::returned);
  EXPECT_FALSE(returned->batch_id);
  EXPECT_FALSE(wf.approve(actor("ra1"), r->id, ""));
  RequestEdit fix;
  fix.attachments = {{"appointment_decision", "qd-2026.pdf", testing::pdf("z")}};
  ASSERT_TRUE(wf.edit(actor("um1"), r->id, fix));
  EXPECT_EQ(forward(r->id).state, RequestState::forwarded);
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(drain().completed, 1);
  auto view = wf.show(actor("agg_edu"), r->id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->request.state, RequestState::completed);
  bool saw_reason = false;
  for (const auto& e : view->timeline) {
    if (e.action == "return") saw_reason = e.field_reasons.count("attachments") == 1;
  }
  EXPECT_TRUE(saw_reason);
  EXPECT_EQ(view->attachments.size(), 3u);
}

TEST_F(Journeys, RenewKeepsTheKeyAndTheOldCertificate) {
  const std::string old_serial = issue_for(an_);
  const auto old = cert(old_serial);
  auto early = create("um1", RequestType::renew, an_, old_serial);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->findings.front().code, "renewal_too_early");
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.cancel(actor("um1"), early->id, ""));
  clock_.set(old.not_after - std::chrono::days{100});
  auto r = create("um1", RequestType::renew, an_, old_serial);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->findings.empty()) << describe(r->findings);
  forward(r->id);
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(drain().completed, 1);
  const auto renewed = cert(reload(r->id).result_serial);
  EXPECT_NE(renewed.serial, old.serial);
  EXPECT_EQ(renewed.key_sha256, old.key_sha256);
  EXPECT_EQ(renewed.replaces_id, old.id);
  EXPECT_EQ(renewed.subject, old.subject);
  EXPECT_GT(renewed.not_after, old.not_after);
  EXPECT_LE(renewed.not_after, clock_.now() + std::chrono::days{1825});
  EXPECT_EQ(cert(old_serial).status, store::CertStatus::valid);
  // At most one renewal of a key (registry.max_renewals = 1).
  clock_.set(renewed.not_after - std::chrono::days{100});
  auto second = create("um1", RequestType::renew, an_, renewed.serial);
  ASSERT_TRUE(second);
  ASSERT_TRUE(has_errors(second->findings));
  EXPECT_EQ(second->findings.front().code, "renewal_limit");
}

TEST_F(Journeys, ChangeInfoMovesAndRevokesTheOld) {
  const std::string old_serial = issue_for(an_);
  NewRequest n = org_change(an_, old_serial);
  n.new_org_id = school2_.id;
  n.new_position = "Phó hiệu trưởng";
  RequestWorkflow wf(*env_);
  // Moving between two schools is the education department's aggregator's business.
  EXPECT_EQ(wf.create(actor("um1"), n).error().code, ErrorCode::invalid_input);
  auto r = wf.create(actor("agg_edu"), n);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->findings.empty()) << describe(r->findings);
  forward(r->id, "agg_edu");
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(drain().completed, 1);
  const auto fresh = cert(reload(r->id).result_serial);
  EXPECT_NE(fresh.subject.find("OU=Trường THPT Lý Thái Tổ"), std::string::npos);
  const auto old = cert(old_serial);
  EXPECT_EQ(old.status, store::CertStatus::revoked);
  EXPECT_EQ(old.revocation_reason, static_cast<int>(crypto::CrlReason::affiliation_changed));
  EXPECT_EQ(fresh.replaces_id, old.id);
  auto moved = get_subscriber(*env_, actor("um2"), an_);
  ASSERT_TRUE(moved) << moved.error().describe();
  EXPECT_EQ(moved->data.position, "Phó hiệu trưởng");
}

TEST_F(Journeys, ReissueRevokesLostAndIssuesNewKey) {
  const std::string old_serial = issue_for(an_);
  auto r = create("um1", RequestType::reissue, an_, old_serial, "lost");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->findings.empty()) << describe(r->findings);
  forward(r->id);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  EXPECT_EQ(drain().completed, 1);
  const auto old = cert(old_serial);
  EXPECT_EQ(old.status, store::CertStatus::revoked);
  EXPECT_EQ(old.revocation_reason, static_cast<int>(crypto::CrlReason::key_compromise));
  EXPECT_EQ(cert(reload(r->id).result_serial).replaces_id, old.id);
}

// Issue 15's security defect: a lost token's certificate must not stay valid while the new
// token waits for the token station.
TEST_F(Journeys, ALostTokenIsRevokedAtApprovalBeforeTheNewTokenIsReady) {
  SubjectData d = person("Trần Thị Bình", "binh.tt@bacninh.gov.vn", "027085000002");
  d.device = "TOKEN";
  const std::int64_t binh = add_subscriber(school1_.id, d);
  const std::string lost = issue_for(binh);
  const std::string damaged = issue_for(an_);
  auto reissue = [&](std::int64_t subscriber, const std::string& serial, const std::string& ground) {
    NewRequest n;
    n.type = RequestType::reissue;
    n.subscriber_id = subscriber;
    n.cert_serial = serial;
    n.ground = ground;
    n.attachments = {{"request_letter", "Đơn đề nghị cấp lại.pdf", testing::pdf("cap-lai")}};
    if (subscriber == an_) n.csr_pem = testing::test_csr();  // SOFT: the subscriber's own new key
    RequestWorkflow wf(*env_);
    auto r = wf.create(actor("um1"), n);
    EXPECT_TRUE(r) << r.error().describe();
    forward(r->id);
    return r->id;
  };
  const std::int64_t on_token = reissue(binh, lost, "lost");
  RequestWorkflow wf(*env_);
  auto approved = wf.approve(actor("ra1"), on_token, "");
  ASSERT_TRUE(approved) << approved.error().describe();
  EXPECT_EQ(approved->state, RequestState::approved);
  EXPECT_EQ(approved->awaiting, "device") << "no CSR: the new key waits for the token station";
  EXPECT_EQ(drain().completed, 0);
  const auto old = cert(lost);
  EXPECT_EQ(old.status, store::CertStatus::revoked) << "revoked at approval, not when the new token is made";
  EXPECT_EQ(old.revocation_reason, static_cast<int>(crypto::CrlReason::key_compromise));

  // A damaged device (ground "damaged", superseded) is revoked with the new certificate, as before;
  // with two approvals configured, a lost one is revoked at the second.
  settings_.two_person_types.insert("reissue");
  const std::int64_t two = reissue(an_, damaged, "damaged");
  ASSERT_TRUE(wf.approve(actor("ra1"), two, ""));
  ASSERT_TRUE(wf.approve(actor("ra2"), two, ""));
  EXPECT_EQ(cert(damaged).status, store::CertStatus::valid);
  EXPECT_EQ(drain().completed, 1);
  EXPECT_EQ(cert(damaged).revocation_reason, static_cast<int>(crypto::CrlReason::superseded));
  const std::string fresh = reload(two).result_serial;
  const std::int64_t again = reissue(an_, fresh, "lost");
  ASSERT_TRUE(wf.approve(actor("ra1"), again, ""));
  EXPECT_EQ(cert(fresh).status, store::CertStatus::valid) << "one approval of two: nothing yet";
  ASSERT_TRUE(wf.approve(actor("ra2"), again, ""));
  EXPECT_EQ(cert(fresh).status, store::CertStatus::revoked);
  EXPECT_EQ(cert(fresh).revocation_reason, static_cast<int>(crypto::CrlReason::key_compromise));
  EXPECT_EQ(drain().completed, 1) << "the CSR's new key is issued; the old one stays revoked once";
}

TEST_F(Journeys, RevokeNeedsTwoDifferentApprovers) {
  const std::string serial = issue_for(an_);
  auto r = created_and_forwarded(RequestType::revoke, an_, serial, "retirement");
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  auto first = wf.approve(actor("ra1"), r->id, "");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->state, RequestState::forwarded);
  auto twice = wf.approve(actor("ra1"), r->id, "");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_EQ(drain().completed, 0);
  auto second = wf.approve(actor("ra2"), r->id, "");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->state, RequestState::approved);
  EXPECT_EQ(drain().completed, 1);
  const auto c = cert(serial);
  EXPECT_EQ(c.status, store::CertStatus::revoked);
  EXPECT_EQ(c.revocation_reason, static_cast<int>(crypto::CrlReason::cessation_of_operation));
  EXPECT_EQ(reload(r->id).state, RequestState::completed);
}

TEST_F(Journeys, RejectedIsFinal) {
  const std::string serial = issue_for(an_);
  auto r = created_and_forwarded(RequestType::revoke, an_, serial, "dismissal");
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  EXPECT_FALSE(wf.reject(actor("ra1"), r->id, ""));  // a reason is required
  auto rejected = wf.reject(actor("ra1"), r->id, "Không có quyết định kỷ luật kèm theo");
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->state, RequestState::rejected);
  EXPECT_FALSE(wf.cancel(actor("um1"), r->id, ""));
  EXPECT_FALSE(wf.approve(actor("ra2"), r->id, ""));
  EXPECT_EQ(cert(serial).status, store::CertStatus::valid);
}

TEST_F(Journeys, MailboxSatisfiesTheDomainRule) {
  const auto binh = add_subscriber(school1_.id, person("Trần Thị Bình", "binh.tt@gmail.com", "027085000002"));
  auto n = create("um1", RequestType::new_cert, binh);
  ASSERT_TRUE(n);
  ASSERT_TRUE(has_errors(n->findings));
  EXPECT_EQ(n->findings.front().code, "email_domain");
  NewRequest m;
  m.type = RequestType::mailbox;
  m.subscriber_id = binh;
  m.mailbox = "binh.tt@bacninh.gov.vn";
  RequestWorkflow wf(*env_);
  auto mb = wf.create(actor("um1"), m);
  ASSERT_TRUE(mb);
  EXPECT_TRUE(mb->findings.empty()) << describe(mb->findings);
  ASSERT_TRUE(wf.submit(actor("um1"), mb->id, ""));
  auto sub = wf.submit(actor("um1"), n->id, "");
  ASSERT_TRUE(sub) << sub.error().describe();
  auto batch = create_batch(*env_, actor("agg_edu"), round_);
  ASSERT_TRUE(batch);
  ASSERT_TRUE(add_to_batch(*env_, actor("agg_edu"), batch->id, {mb->id, n->id}));
  ASSERT_TRUE(submit_batch(*env_, actor("agg_edu"), batch->id, ""));
  ASSERT_TRUE(wf.approve(actor("ra1"), mb->id, ""));
  ASSERT_TRUE(wf.approve(actor("ra1"), n->id, ""));
  EXPECT_EQ(drain().completed, 2);
  auto s = get_subscriber(*env_, actor("um1"), binh);
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->mailbox_provisioned);
  EXPECT_EQ(s->data.email, "binh.tt@bacninh.gov.vn");
  EXPECT_EQ(cert(reload(n->id).result_serial).email, "binh.tt@bacninh.gov.vn");
}

TEST_F(Journeys, RecoverDeviceWaitsForTheDeviceSupport) {
  const std::string serial = issue_for(an_);
  auto r = create("um1", RequestType::recover_device, an_, serial);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->findings.empty()) << describe(r->findings);
  forward(r->id);
  RequestWorkflow wf(*env_);
  auto ok = wf.approve(actor("ra1"), r->id, "");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->state, RequestState::approved);
  EXPECT_EQ(ok->awaiting, "device");
  EXPECT_EQ(drain().completed, 0);
  EXPECT_EQ(reload(r->id).state, RequestState::approved);
  EXPECT_EQ(cert(serial).status, store::CertStatus::valid);
}

TEST_F(Journeys, FailedOperationCanBeRetried) {
  const std::string serial = issue_for(an_);
  auto r = created_and_forwarded(RequestType::revoke, an_, serial, "key_exposed");
  ASSERT_TRUE(r);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
  ASSERT_TRUE(wf.approve(actor("ra2"), r->id, ""));
  ASSERT_TRUE(pki::revoke(*db_, clock_, {serial, crypto::CrlReason::superseded, std::nullopt}));
  EXPECT_EQ(drain().failed, 1);
  EXPECT_EQ(reload(r->id).state, RequestState::failed);
  EXPECT_FALSE(wf.retry(actor("ra1"), r->id, ""));
  auto retried = wf.retry(actor("ca1"), r->id, "");
  ASSERT_TRUE(retried) << retried.error().describe();
  EXPECT_EQ(retried->state, RequestState::approved);
  EXPECT_EQ(retried->attempt, 1);
  EXPECT_EQ(drain().failed, 1);
}

TEST_F(Journeys, DecisionDeadlineAndOverdue) {
  auto r = create("um1", RequestType::new_cert, an_);
  ASSERT_TRUE(r);
  const Request fwd = forward(r->id);
  ASSERT_TRUE(fwd.due_at);
  EXPECT_EQ(timefmt::vn_date(*fwd.due_at - std::chrono::seconds{1}), "25/11/2026");  // Fri → Mon, Tue, Wed
  RequestWorkflow wf(*env_);
  RequestFilter overdue;
  overdue.overdue_only = true;
  EXPECT_TRUE(wf.list(actor("ra1"), overdue, {})->empty());
  clock_.set(*fwd.due_at + std::chrono::seconds{1});
  auto late = wf.list(actor("ra1"), overdue, {});
  ASSERT_TRUE(late);
  ASSERT_EQ(late->size(), 1u);
  EXPECT_EQ(late->front().id, r->id);
  EXPECT_TRUE(wf.list(actor("um2"), overdue, {})->empty());
}

TEST_F(Journeys, LateBatchRefusedOrFlagged) {
  auto strict = open_round(*env_, actor("agg_edu"), {"Đợt gấp", "20/11/2026", std::nullopt, false});
  auto lenient = open_round(*env_, actor("agg_edu"), {"Đợt mở", "20/11/2026", std::nullopt, true});
  ASSERT_TRUE(strict && lenient);
  auto r = create("um1", RequestType::new_cert, an_);
  RequestWorkflow wf(*env_);
  ASSERT_TRUE(wf.submit(actor("um1"), r->id, ""));
  clock_.advance(std::chrono::days{1});
  auto b1 = create_batch(*env_, actor("agg_edu"), strict->id);
  ASSERT_TRUE(b1 && add_to_batch(*env_, actor("agg_edu"), b1->id, {r->id}));
  auto refused = submit_batch(*env_, actor("agg_edu"), b1->id, "");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message_en.find("deadline"), std::string::npos);
  EXPECT_EQ(reload(r->id).state, RequestState::submitted);
  // A request can sit in one batch only.
  auto b2 = create_batch(*env_, actor("agg_edu"), lenient->id);
  ASSERT_TRUE(b2);
  EXPECT_FALSE(add_to_batch(*env_, actor("agg_edu"), b2->id, {r->id}));
  auto r2 = create("um1", RequestType::mailbox, an_);
  ASSERT_TRUE(wf.submit(actor("um1"), r2->id, ""));
  ASSERT_TRUE(add_to_batch(*env_, actor("agg_edu"), b2->id, {r2->id}));
  auto flagged = submit_batch(*env_, actor("agg_edu"), b2->id, "");
  ASSERT_TRUE(flagged) << flagged.error().describe();
  EXPECT_TRUE(flagged->late);
  EXPECT_TRUE(reload(r2->id).late);
  EXPECT_EQ(reload(r2->id).state, RequestState::forwarded);
  // Another department's aggregator cannot touch the batch, nor learn that it exists.
  EXPECT_EQ(submit_batch(*env_, actor("agg_fin"), b1->id, "").error().code, ErrorCode::not_found);
}

TEST_F(Journeys, ExactlyOnceAfterAWorkerDies) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i) {
    const auto s = add_subscriber(school1_.id, person("Người " + std::to_string(i), "p" + std::to_string(i) + "@bacninh.gov.vn",
                                                      "02708500010" + std::to_string(i)));
    auto r = create("um1", RequestType::new_cert, s);
    ASSERT_TRUE(r);
    forward(r->id);
    RequestWorkflow wf(*env_);
    ASSERT_TRUE(wf.approve(actor("ra1"), r->id, ""));
    ids.push_back(r->id);
  }
  {
    // A worker claims three jobs and dies before completing them.
    auto lease = db_->acquire();
    auto claimed = store::claim_jobs(**lease, "dead-worker", clock_.now(), std::chrono::seconds{60}, 3);
    ASSERT_TRUE(claimed);
    ASSERT_EQ(claimed->size(), 3u);
  }
  EXPECT_EQ(drain().completed, 3);  // the other three; the dead worker's are still leased
  clock_.advance(std::chrono::seconds{61});
  EXPECT_EQ(drain().completed, 3);
  auto lease = db_->acquire();
  for (auto id : ids) {
    auto r = find_request(**lease, id);
    EXPECT_EQ((*r)->state, RequestState::completed);
    auto q = (*lease)->query("SELECT COUNT(*) FROM certificates WHERE request_id = $1");
    q->bind(1, id);
    ASSERT_TRUE(q->step());
    EXPECT_EQ(q->get_int(0), 1);
  }
  // The dead worker coming back cannot complete what it lost.
  auto late = store::complete_job(**lease, 1, "dead-worker", clock_.now());
  ASSERT_TRUE(late);
  EXPECT_FALSE(*late);
}

}  // namespace
}  // namespace ct::registry
