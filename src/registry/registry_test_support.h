#pragma once
// Test-only: a complete small installation in a temporary directory — SQLite store (PostgreSQL
// when CHUNGTHU_TEST_REGISTRY_BACKEND=postgresql: the CTest entry registry_on_postgresql), a CA
// hierarchy (EC keys, fast), a province with two schools under the education department and a
// finance department, a non-state organization, users of every role, a fixed clock and a
// deterministic RNG. Included by *_test.cpp files only.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "common/config.h"
#include "common/time_format.h"
#include "crypto/key_backend.h"
#include "pki/certificate_authority.h"
#include "pki/hierarchy.h"
#include "registry/form_dates.h"
#include "registry/operations.h"
#include "registry/organization.h"
#include "registry/request_workflow.h"
#include "registry/subject_testing.h"
#include "registry/round_batch.h"
#include "registry/subscriber.h"
#include "registry/user.h"
#include "store/open.h"
#include "store/pki_repository.h"
#include "store/store_test_support.h"

namespace ct::registry::testing {

// Friday 20/11/2026 10:00 in Vietnam.
inline TimePoint friday() { return std::chrono::sys_days{std::chrono::year{2026} / 11 / 20} + std::chrono::hours{3}; }

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline std::string test_csr() { return read_text(std::filesystem::path(CT_SOURCE_DIR) / "tests/data/csr/rsa2048.pem"); }

inline Bytes pdf(const std::string& text) {
  const std::string s = "%PDF-1.4\n" + text + "\n";
  return Bytes(s.begin(), s.end());
}

struct Org {
  std::int64_t id = 0;
  std::string path;
};

class RegistryFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_registry_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto db = store::testing::open_chosen_backend(dir_);  // SQLite, or PostgreSQL (see above)
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    pki_.root_key = pki_.issuing_key = pki_.ocsp_key = crypto::KeyType::ec_p256;
    auto profiles = pki::ProfileSet::load(Config{});
    ASSERT_TRUE(profiles);
    profiles_ = std::move(*profiles);
    keys_ = std::make_unique<crypto::SoftwareKeyBackend>(dir_ / "keys", "test-passphrase");
    ASSERT_TRUE(pki::create_hierarchy(*db_, *keys_, pki_, profiles_, clock_, rng_));
    auto lease = db_->acquire();
    ASSERT_TRUE(lease);
    auto ca = store::find_ca(**lease, pki::kIssuingCa);
    ASSERT_TRUE(ca && *ca);
    auto key = keys_->load((*ca)->key_ref);
    ASSERT_TRUE(key);
    ca_ = std::make_unique<pki::CertificateAuthority>(std::move(**ca), std::move(*key), pki_, profiles_, clock_, rng_);
    auto cal = WorkingCalendar::make(settings_.holidays);
    ASSERT_TRUE(cal);
    calendar_ = *cal;
    env_ = std::make_unique<RegistryEnv>(RegistryEnv{*db_, clock_, rng_, settings_, calendar_, dir_});
    seed(**lease);
  }

  void TearDown() override {
    env_.reset();
    ca_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Org add_org(store::Connection& c, const std::string& name, std::optional<std::int64_t> parent, bool state = true) {
    NewOrganization n;
    n.name = name;
    n.parent_id = parent;
    n.state_body = state;
    n.province = "Bắc Ninh";
    auto o = insert_organization(c, n, clock_.now());
    EXPECT_TRUE(o) << (o ? "" : o.error().describe());
    return o ? Org{o->id, o->path} : Org{};
  }

  void add_user(store::Connection& c, const std::string& login, Role role, std::optional<std::int64_t> org,
                std::optional<std::int64_t> subscriber = std::nullopt) {
    auto u = insert_user(c, {login, role, org, subscriber, login + "@bacninh.gov.vn"}, "$argon2id$test-not-a-real-hash",
                         clock_.now());
    ASSERT_TRUE(u) << u.error().describe();
  }

  Actor actor(const std::string& login) {
    auto lease = db_->acquire();
    auto a = resolve_actor(**lease, login);
    EXPECT_TRUE(a) << login;
    return a ? *a : Actor{};
  }

  static SubjectData person(const std::string& name, const std::string& email, const std::string& cccd) {
    return testing::person(name, email, cccd);
  }

  std::int64_t add_subscriber(std::int64_t org, const SubjectData& d) {
    auto lease = db_->acquire();
    auto s = insert_subscriber(**lease, org, d, clock_.now());
    EXPECT_TRUE(s) << (s ? "" : s.error().describe());
    return s ? s->id : 0;
  }

  void seed(store::Connection& c) {
    province_ = add_org(c, "UBND tỉnh Bắc Ninh", std::nullopt);
    education_ = add_org(c, "Sở Giáo dục và Đào tạo", province_.id);
    school1_ = add_org(c, "Trường THPT Hàn Thuyên", education_.id);
    school2_ = add_org(c, "Trường THPT Lý Thái Tổ", education_.id);
    finance_ = add_org(c, "Sở Tài chính", province_.id);
    private_ = add_org(c, "Công ty TNHH Ánh Dương", province_.id, false);
    add_user(c, "admin", Role::admin, std::nullopt);
    add_user(c, "ra1", Role::ra_officer, std::nullopt);
    add_user(c, "ra2", Role::ra_officer, std::nullopt);
    add_user(c, "ca1", Role::ca_operator, std::nullopt);
    add_user(c, "auditor", Role::auditor, std::nullopt);
    add_user(c, "agg_edu", Role::aggregator, education_.id);
    add_user(c, "agg_fin", Role::aggregator, finance_.id);
    add_user(c, "um1", Role::unit_manager, school1_.id);
    add_user(c, "um2", Role::unit_manager, school2_.id);
    add_user(c, "um_fin", Role::unit_manager, finance_.id);
  }

  // Creates a request as `login` with the documents its type needs.
  Result<Request> create(const std::string& login, RequestType type, std::int64_t subscriber,
                         const std::string& serial = "", const std::string& ground = "") {
    NewRequest n;
    n.type = type;
    n.subscriber_id = subscriber;
    n.cert_serial = serial;
    n.ground = ground;
    if (type == RequestType::new_cert || type == RequestType::reissue) n.csr_pem = test_csr();
    if (type != RequestType::mailbox) n.attachments.push_back({"request_letter", "Đơn đề nghị.pdf", pdf("letter")});
    if (type == RequestType::new_cert) n.attachments.push_back({"appointment_decision", "QĐ bổ nhiệm.pdf", pdf("qd")});
    RequestWorkflow wf(*env_);
    return wf.create(actor(login), n);
  }

  // A change of organization for `subscriber`'s certificate `serial`, with its letter.
  NewRequest org_change(std::int64_t subscriber, const std::string& serial) {
    NewRequest n;
    n.type = RequestType::change_info;
    n.subscriber_id = subscriber;
    n.cert_serial = serial;
    n.ground = "org_change";
    n.attachments = {{"request_letter", "don.pdf", pdf("x")}};
    return n;
  }

  // Submits `id`; when that leaves it with an aggregator, puts it in a batch of a new round and
  // submits the batch.
  Request forward(std::int64_t id, const std::string& manager = "um1") {
    RequestWorkflow wf(*env_);
    auto r = wf.submit(actor(manager), id, "");
    EXPECT_TRUE(r) << (r ? "" : r.error().describe());
    if (!r || r->state == RequestState::forwarded) return r ? *r : Request{};
    const std::string deadline = format_vn_date(WorkingCalendar::vn_date(clock_.now()) + std::chrono::days{30});
    auto round = open_round(*env_, actor("agg_edu"), {"Đợt bổ sung", deadline, std::nullopt, std::nullopt});
    EXPECT_TRUE(round);
    auto batch = create_batch(*env_, actor("agg_edu"), round->id);
    EXPECT_TRUE(batch);
    EXPECT_TRUE(add_to_batch(*env_, actor("agg_edu"), batch->id, {id}));
    auto sent = submit_batch(*env_, actor("agg_edu"), batch->id, "");
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().describe());
    return reload(id);
  }

  // A request of `type` by um1, submitted and forwarded to the registration office; none when
  // creating it failed.
  std::optional<Request> created_and_forwarded(RequestType type, std::int64_t subscriber, const std::string& serial,
                                               const std::string& ground) {
    auto r = create("um1", type, subscriber, serial, ground);
    EXPECT_TRUE(r) << (r ? "" : r.error().describe());
    if (!r) return std::nullopt;
    return forward(r->id);
  }

  Request reload(std::int64_t id) {
    auto lease = db_->acquire();
    auto r = find_request(**lease, id);
    EXPECT_TRUE(r && *r);
    return **r;
  }

  store::CertificateRecord cert(const std::string& serial) {
    auto lease = db_->acquire();
    auto c = store::find_certificate(**lease, serial);
    EXPECT_TRUE(c && *c) << serial;
    return **c;
  }

  // new → completed; returns the certificate serial.
  std::string issue_for(std::int64_t subscriber, const std::string& manager = "um1") {
    auto r = create(manager, RequestType::new_cert, subscriber);
    EXPECT_TRUE(r) << r.error().describe();
    EXPECT_TRUE(r->findings.empty()) << describe(r->findings);
    forward(r->id, manager);
    RequestWorkflow wf(*env_);
    auto ok = wf.approve(actor("ra1"), r->id, "");
    EXPECT_TRUE(ok) << ok.error().describe();
    EXPECT_EQ(drain().completed, 1);
    return reload(r->id).result_serial;
  }

  // Runs the worker until the queue is empty.
  WorkerStats drain() {
    OperationWorker w(*env_, *ca_, "test-worker");
    WorkerStats total;
    while (true) {
      int claimed = 0;
      auto s = w.run_once(8, &claimed);
      EXPECT_TRUE(s) << (s ? "" : s.error().describe());
      if (!s || claimed == 0) break;
      total.completed += s->completed;
      total.failed += s->failed;
      total.lost_lease += s->lost_lease;
    }
    return total;
  }

  std::filesystem::path dir_;
  FixedClock clock_{friday()};
  DeterministicRng rng_{42};
  RegistrySettings settings_;
  WorkingCalendar calendar_;
  pki::PkiSettings pki_;
  pki::ProfileSet profiles_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::SoftwareKeyBackend> keys_;
  std::unique_ptr<pki::CertificateAuthority> ca_;
  std::unique_ptr<RegistryEnv> env_;
  Org province_, education_, school1_, school2_, finance_, private_;
};

}  // namespace ct::registry::testing
