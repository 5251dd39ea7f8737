#pragma once
// Test-only: a real installation in a temporary directory (EC keys, fast) opened as an
// app::Context, with the API services on top, and a small province: two schools under the
// education department and a finance department, users of every role, a subscriber and a
// certificate in school 1 ("inside") and in finance ("outside"). Included by *_test.cpp only.
// With CHUNGTHU_TEST_REGISTRY_BACKEND=postgresql (the `server_on_postgresql` test), the
// installation's store is a fresh database on the tests' private PostgreSQL cluster, named to it
// through CHUNGTHU_DATABASE as an operator would, and dropped after the test.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/context.h"
#include "app/init.h"
#include "crypto/name.h"
#include "pki/hierarchy.h"
#include "registry/devices.h"
#include "registry/organization.h"
#include "registry/request_workflow.h"
#include "registry/subject_testing.h"
#include "registry/round_batch.h"
#include "registry/subscriber.h"
#include "registry/user.h"
#include "registry/user_credentials.h"
#include "server/request_context.h"
#include "store/store_test_support.h"

namespace ct::server::testing {

using registry::testing::person;

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Place {
  std::int64_t org = 0, subscriber = 0, request = 0, attachment = 0, round = 0, batch = 0;
  std::string serial;
  std::string device;  // a token registered to `subscriber`
};

class ApiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_api_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = std::filesystem::path(tmpl) / "data";
    for (const char* k : {"CHUNGTHU_CA_ROOT_KEY", "CHUNGTHU_CA_ISSUING_KEY", "CHUNGTHU_CA_OCSP_KEY"}) {
      ::setenv(k, "ec-p256", 1);
    }
    ::setenv("CHUNGTHU_CA_PASSPHRASE", "test-passphrase", 1);
    ASSERT_NO_FATAL_FAILURE(choose_store(std::filesystem::path(tmpl)));
    std::ostringstream out;
    ASSERT_TRUE(app::initialize(dir_, app::InitOptions{}, out));
    auto ctx = app::Context::open(dir_);
    ASSERT_TRUE(ctx) << ctx.error().describe();
    ctx_ = std::move(*ctx);
    sctx_ = std::make_unique<ServerContext>(ServerContext{*ctx_, metrics_});
    auto key = ctx_->totp_key();
    ASSERT_TRUE(key);
    services_ = std::make_unique<ApiServices>(*sctx_, SessionSettings{}, *key);
    seed();
  }

  void TearDown() override {
    services_.reset();
    sctx_.reset();
    ctx_.reset();
    scratch_db_.reset();
    ::unsetenv("CHUNGTHU_DATABASE");
    std::error_code ec;
    std::filesystem::remove_all(dir_.parent_path(), ec);
  }

  // SQLite in the data directory (the default), or a fresh PostgreSQL database (see above).
  void choose_store(const std::filesystem::path& scratch) {
    ::unsetenv("CHUNGTHU_DATABASE");
    if (store::testing::chosen_backend() == "sqlite") return;
    auto db = store::testing::open_chosen_backend(scratch);
    ASSERT_TRUE(db) << db.error().describe();
    scratch_db_ = std::move(*db);
    const std::string url = store::testing::scratch_postgres_url(scratch);
    ASSERT_FALSE(url.empty());
    ::setenv("CHUNGTHU_DATABASE", url.c_str(), 1);
  }

  std::int64_t org(store::Connection& c, const std::string& name, std::optional<std::int64_t> parent) {
    registry::NewOrganization n;
    n.name = name;
    n.parent_id = parent;
    n.province = "Bắc Ninh";
    auto o = registry::insert_organization(c, n, ctx_->clock().now());
    EXPECT_TRUE(o) << (o ? "" : o.error().describe());
    return o ? o->id : 0;
  }

  void user(store::Connection& c, const std::string& login, registry::Role role, std::optional<std::int64_t> org_id,
            std::optional<std::int64_t> subscriber = std::nullopt) {
    auto hash = registry::hash_password(kPassword);
    ASSERT_TRUE(hash);
    auto u = registry::insert_user(c, {login, role, org_id, subscriber, login + "@bacninh.gov.vn"}, *hash,
                                   ctx_->clock().now());
    ASSERT_TRUE(u) << u.error().describe();
    ids_[login] = u->id;
  }

  registry::Actor actor(const std::string& login) {
    auto lease = ctx_->db().acquire();
    auto a = registry::resolve_actor(**lease, login);
    EXPECT_TRUE(a) << login;
    return a ? *a : registry::Actor{};
  }

  std::string issue(std::int64_t subscriber, const std::string& cn) {
    auto ca = ctx_->certificate_authority(pki::kIssuingCa);
    EXPECT_TRUE(ca);
    pki::IssueRequest req;
    req.csr = [] {
      const std::string pem = read_text(std::filesystem::path(CT_SOURCE_DIR) / "tests/data/csr/rsa2048.pem");
      return Bytes(pem.begin(), pem.end());
    }();
    req.subject = *crypto::parse_dn("C=VN,O=UBND tỉnh Bắc Ninh,CN=" + cn);
    req.emails = {"x@bacninh.gov.vn"};
    req.subscriber_id = subscriber;
    auto issued = ca->issue(ctx_->db(), req);
    EXPECT_TRUE(issued) << (issued ? "" : issued.error().describe());
    return issued ? issued->serial : "";
  }

  // A draft mailbox request of `login` for `subscriber`, with one document.
  std::pair<std::int64_t, std::int64_t> draft(const std::string& login, std::int64_t subscriber) {
    auto env = ctx_->registry_env();
    registry::RequestWorkflow wf(env);
    registry::NewRequest n;
    n.type = registry::RequestType::mailbox;
    n.subscriber_id = subscriber;
    const std::string pdf = "%PDF-1.4\nđơn\n";
    n.attachments.push_back({"request_letter", "Đơn.pdf", Bytes(pdf.begin(), pdf.end())});
    auto r = wf.create(actor(login), n);
    EXPECT_TRUE(r) << (r ? "" : r.error().describe());
    if (!r) return {0, 0};
    auto v = wf.show(actor(login), r->id);
    return {r->id, v && !v->attachments.empty() ? v->attachments.front().id : 0};
  }

  void seed() {
    using registry::Role;
    {
      auto lease = ctx_->db().acquire();
      ASSERT_TRUE(lease);
      auto tx = store::Transaction::begin(**lease);
      ASSERT_TRUE(tx);
      auto& c = **lease;
      province_ = org(c, "UBND tỉnh Bắc Ninh", std::nullopt);
      education_ = org(c, "Sở Giáo dục và Đào tạo", province_);
      inside_.org = org(c, "Trường THPT Hàn Thuyên", education_);
      finance_ = org(c, "Sở Tài chính", province_);
      outside_.org = org(c, "Phòng Kế hoạch", finance_);
      auto an = registry::insert_subscriber(c, inside_.org, person("Nguyễn Văn An", "an@bacninh.gov.vn", "027085000001"),
                                            ctx_->clock().now());
      auto cuong = registry::insert_subscriber(
          c, outside_.org, person("Phạm Văn Cường", "cuong@bacninh.gov.vn", "027085000003"), ctx_->clock().now());
      ASSERT_TRUE(an && cuong);
      inside_.subscriber = an->id;
      outside_.subscriber = cuong->id;
      user(c, "admin", Role::admin, std::nullopt);
      user(c, "ra1", Role::ra_officer, std::nullopt);
      user(c, "ca1", Role::ca_operator, std::nullopt);
      user(c, "auditor", Role::auditor, std::nullopt);
      user(c, "agg", Role::aggregator, education_);
      user(c, "agg_fin", Role::aggregator, finance_);
      user(c, "um1", Role::unit_manager, inside_.org);
      user(c, "um_fin", Role::unit_manager, outside_.org);
      user(c, "sub1", Role::subscriber, inside_.org, inside_.subscriber);
      for (Place* p : {&inside_, &outside_}) {
        p->device = "TOK-" + std::to_string(p->subscriber);
        auto org_row = registry::find_organization(c, p->org);
        ASSERT_TRUE(org_row && *org_row);
        registry::EnrolledDevice d{p->device, "SoftHSM v2", "SoftHSM project", "token", p->subscriber, p->org,
                                   (*org_row)->path, "sealed", ""};
        ASSERT_TRUE(registry::enrol_device(c, ctx_->clock(), d, "ca1", std::nullopt));
      }
      ASSERT_TRUE(tx->commit());
    }
    inside_.serial = issue(inside_.subscriber, "Nguyễn Văn An");
    outside_.serial = issue(outside_.subscriber, "Phạm Văn Cường");
    std::tie(inside_.request, inside_.attachment) = draft("um1", inside_.subscriber);
    std::tie(outside_.request, outside_.attachment) = draft("um_fin", outside_.subscriber);
    auto env = ctx_->registry_env();
    auto round_in = registry::open_round(env, actor("agg"), {"Đợt GD", "31/12/2099", std::nullopt, std::nullopt});
    auto round_out = registry::open_round(env, actor("agg_fin"), {"Đợt TC", "31/12/2099", std::nullopt, std::nullopt});
    ASSERT_TRUE(round_in && round_out);
    inside_.round = round_in->id;
    outside_.round = round_out->id;
    auto batch_in = registry::create_batch(env, actor("agg"), inside_.round);
    auto batch_out = registry::create_batch(env, actor("agg_fin"), outside_.round);
    ASSERT_TRUE(batch_in && batch_out) << (batch_in ? "" : batch_in.error().describe());
    inside_.batch = batch_in->id;
    outside_.batch = batch_out->id;
  }

  // A signed-in session of `login` (the second factor is the sign-in's business, tested apart).
  NewSession session_of(const std::string& login) {
    auto s = services_->sessions.create(ids_.at(login));
    EXPECT_TRUE(s);
    return *s;
  }

  HttpResponse call(const std::string& method, const std::string& path_template, const std::string& login,
                    HttpRequest req = {}) {
    for (const auto& r : api_routes()) {
      if (r.method != method || r.path != path_template) continue;
      req.method = method;
      req.path = path_template;
      if (!login.empty()) {
        auto s = session_of(login);
        req.headers["cookie"] = std::string(kSessionCookie) + "=" + s.id;
        req.headers["x-csrf-token"] = s.session.csrf_token;
      }
      return dispatch(*services_, r, req);
    }
    ADD_FAILURE() << "no route " << method << " " << path_template;
    return {};
  }

  static constexpr const char* kPassword = "Mật khẩu-thử-nghiệm-1";
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> scratch_db_;  // owns (drops) the PostgreSQL database, if any
  std::unique_ptr<app::Context> ctx_;
  Metrics metrics_;
  std::unique_ptr<ServerContext> sctx_;
  std::unique_ptr<ApiServices> services_;
  std::map<std::string, std::int64_t> ids_;
  std::int64_t province_ = 0, education_ = 0, finance_ = 0;
  Place inside_, outside_;
};

}  // namespace ct::server::testing
