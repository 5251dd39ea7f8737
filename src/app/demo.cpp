#include "app/demo.h"

#include <array>
#include <cstdio>
#include <vector>

#include "app/token_station_support.h"
#include "common/text.h"
#include "pki/hierarchy.h"
#include "pki/revocation.h"
#include "registry/devices.h"
#include "registry/form_dates.h"
#include "registry/operations.h"
#include "registry/organization.h"
#include "registry/request_workflow.h"
#include "registry/round_batch.h"
#include "registry/subject_name.h"
#include "registry/subscriber.h"
#include "registry/user.h"
#include "registry/user_credentials.h"

namespace ct::app {
namespace {

using namespace registry;

constexpr std::array<const char*, 14> kFamily{"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",
                                              "Vũ",     "Võ",   "Đặng", "Bùi",  "Đỗ",    "Hồ",    "Ngô"};
constexpr std::array<const char*, 10> kMiddle{"Văn", "Thị", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân"};
constexpr std::array<const char*, 24> kGiven{"An",   "Bình", "Cường", "Dung", "Giang", "Hà",    "Hải",  "Hằng",
                                             "Hiếu", "Hoa",  "Hùng",  "Hương", "Khánh", "Lan",   "Linh", "Long",
                                             "Mai",  "Nam",  "Nga",   "Phúc", "Quân",  "Thảo", "Trang", "Tuấn"};
constexpr std::array<const char*, 6> kPositions{"Chuyên viên", "Trưởng phòng", "Phó trưởng phòng",
                                                "Giáo viên",   "Hiệu trưởng",  "Kế toán"};

struct Seeded {
  std::vector<std::int64_t> units;        // leaves where people work
  std::vector<std::int64_t> departments;  // level 2
  std::vector<std::int64_t> people;
  std::int64_t education = 0;
  std::vector<std::int64_t> schools;
};

Result<std::int64_t> org(store::Connection& c, const std::string& name, std::optional<std::int64_t> parent, TimePoint now,
                         bool state = true, const std::string& email = "") {
  NewOrganization n;
  n.name = name;
  n.parent_id = parent;
  n.state_body = state;
  n.province = parent ? "" : "Bắc Ninh";
  n.email = email;
  auto o = insert_organization(c, n, now);
  if (!o) return fail(o.error());
  return o->id;
}

Status seed_tree(store::Connection& c, TimePoint now, Seeded& s) {
  auto root = org(c, "UBND tỉnh Bắc Ninh", std::nullopt, now, true, "vanphong@bacninh.gov.vn");
  if (!root) return fail(root.error());
  s.units.push_back(*root);
  for (const char* dept : {"Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo", "Sở Tài chính", "Sở Y tế",
                           "UBND thành phố Bắc Ninh", "UBND huyện Tiên Du"}) {
    auto d = org(c, dept, *root, now);
    if (!d) return fail(d.error());
    s.departments.push_back(*d);
    s.units.push_back(*d);
  }
  s.education = s.departments[1];
  for (const char* school : {"Trường THPT Hàn Thuyên", "Trường THPT Lý Thái Tổ", "Trường THPT Thuận Thành số 1",
                             "Trường THCS Nguyễn Đăng Đạo"}) {
    auto o = org(c, school, s.education, now);
    if (!o) return fail(o.error());
    s.schools.push_back(*o);
    s.units.push_back(*o);
  }
  for (const auto& [dept, unit] : {std::pair{4, "Phòng Nội vụ"}, std::pair{5, "Phòng Tài chính - Kế hoạch"}}) {
    auto o = org(c, unit, s.departments[static_cast<std::size_t>(dept)], now);
    if (!o) return fail(o.error());
    s.units.push_back(*o);
  }
  if (auto o = org(c, "Công ty cổ phần Viễn thông Kinh Bắc", *root, now, false); !o) return fail(o.error());
  return {};
}

Status seed_people(store::Connection& c, TimePoint now, Seeded& s) {
  for (int i = 0; i < 300; ++i) {
    const std::string family = kFamily[static_cast<std::size_t>(i * 7) % kFamily.size()];
    const std::string middle = kMiddle[static_cast<std::size_t>(i / 3) % kMiddle.size()];
    const std::string given = kGiven[static_cast<std::size_t>(i * 11) % kGiven.size()];
    SubjectData d;
    d.full_name = family + " " + middle + " " + given;
    const int year = 1965 + i % 35;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", 1 + i % 28, 1 + i % 12, year);
    d.dob = buf;
    std::snprintf(buf, sizeof buf, "027%03d%06d", year % 1000, 100000 + i);
    d.cccd = buf;
    std::snprintf(buf, sizeof buf, "%02d/%02d/2021", 1 + (i * 3) % 28, 1 + (i * 5) % 12);
    d.cccd_date = buf;
    d.cccd_place = i % 5 == 0 ? "CA027" : "C06";
    d.email = text::fold(given) + "." + text::fold(family).substr(0, 1) + text::fold(middle).substr(0, 1) +
              std::to_string(i + 1) + (i % 25 == 7 ? "@gmail.com" : "@bacninh.gov.vn");
    d.position = kPositions[static_cast<std::size_t>(i) % kPositions.size()];
    std::snprintf(buf, sizeof buf, "09%08d", 12340000 + i);
    d.phone = buf;
    d.device = i % 4 == 0 ? "SOFT" : "TOKEN";
    auto sub = insert_subscriber(c, s.units[static_cast<std::size_t>(i) % s.units.size()], d, now);
    if (!sub) return fail(sub.error());
    s.people.push_back(sub->id);
  }
  return {};
}

struct DemoUser {
  std::string login;
  Role role;
  std::optional<std::int64_t> org;
  std::optional<std::int64_t> subscriber;
};

Status seed_users(store::Connection& c, Rng& rng, TimePoint now, const Seeded& s, const Bytes& totp_key,
                  std::ostream& out) {
  std::vector<DemoUser> users{{"quantri", Role::admin, std::nullopt, std::nullopt},
                              {"cuc.ca", Role::ca_operator, std::nullopt, std::nullopt},
                              {"tiepnhan1", Role::ra_officer, std::nullopt, std::nullopt},
                              {"tiepnhan2", Role::ra_officer, std::nullopt, std::nullopt},
                              {"kiemtra", Role::auditor, std::nullopt, std::nullopt}};
  for (std::size_t i = 0; i < s.departments.size(); ++i) {
    users.push_back({"daumoi" + std::to_string(i + 1), Role::aggregator, s.departments[i], std::nullopt});
  }
  for (std::size_t i = 0; i < s.schools.size(); ++i) {
    users.push_back({"truong" + std::to_string(i + 1), Role::unit_manager, s.schools[i], std::nullopt});
  }
  users.push_back({"donvi.stc", Role::unit_manager, s.departments[2], std::nullopt});
  for (std::size_t i = 0; i < 3; ++i) {
    auto sub = find_subscriber(c, s.people[i * 3 + 1]);
    if (!sub || !*sub) return fail(ErrorCode::internal, "Thiếu thuê bao mẫu", "Demo subscriber missing");
    users.push_back({"thuebao" + std::to_string(i + 1), Role::subscriber, (*sub)->org_id, (*sub)->id});
  }
  out << "demo users (passwords and TOTP secrets are shown this once / mật khẩu và mã TOTP chỉ hiện một lần):\n";
  for (const auto& u : users) {
    const std::string password = generate_password(rng);
    auto hash = hash_password(password);
    if (!hash) return fail(hash.error());
    // Every demo user has an official address, so the demo's mails have somewhere to go.
    const std::string email = u.login + "@bacninh.gov.vn";
    auto made = insert_user(c, {u.login, u.role, u.org, u.subscriber, email}, *hash, now);
    if (!made) return fail(made.error());
    out << "  " << u.login << "\t" << to_string(u.role) << (u.org ? "\torg " + std::to_string(*u.org) : "\t-") << "\t"
        << password;
    if (needs_second_factor(u.role)) {
      auto secret = enroll_totp(c, made->id, totp_key, rng, now);
      if (!secret) return fail(secret.error());
      out << "\tTOTP " << *secret;
    }
    out << "\n";
  }
  return {};
}

// Tokens in the register for the first school's TOKEN holders with a good certificate,
// DEMO-TK-0001…: active, the second locked (demo data: no real token behind them, no SO PIN).
Status seed_devices(Context& ctx, const Seeded& s, const std::vector<pki::IssueRequest>& reqs,
                    const std::vector<std::string>& serials) {
  constexpr int kDevices = 4;
  auto lease = ctx.db().acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto school = find_organization(c, s.schools.front());
  if (!school || !*school) return fail(ErrorCode::internal, "Thiếu cơ quan mẫu", "Demo organization missing");
  int made = 0;
  for (std::size_t i = 0; i < reqs.size() && made < kDevices; ++i) {
    if (i == 3 || i == 8 || i == 13) continue;  // revoked or on hold above
    auto sub = find_subscriber(c, *reqs[i].subscriber_id);
    if (!sub || !*sub) return fail(ErrorCode::internal, "Thiếu thuê bao mẫu", "Demo subscriber missing");
    if ((*sub)->org_id != (*school)->id || (*sub)->data.device != "TOKEN") continue;
    ++made;
    char serial[16];
    std::snprintf(serial, sizeof serial, "DEMO-TK-%04d", made);
    EnrolledDevice d{serial,        "SoftHSM v2", "SoftHSM project", station::token_label((*sub)->data.full_name),
                     (*sub)->id,    (*school)->id, (*school)->path,  "",
                     serials[i]};
    auto device = enrol_device(c, ctx.clock(), d, "init-demo", std::nullopt);
    if (!device) return fail(device.error());
    if (made == 2) {
      if (auto l = record_device_change(c, ctx.clock(), *device, DeviceState::locked, "init-demo", std::nullopt, "lock",
                                        "PIN người dùng bị khóa (dữ liệu mẫu) / user PIN locked (demo)");
          !l) {
        return fail(l.error());
      }
    }
  }
  return tx->commit();
}

// Certificates for the first 60 people (keys generated here and discarded: demo data).
Result<int> seed_certificates(Context& ctx, const Seeded& s) {
  auto ca = ctx.certificate_authority(pki::kIssuingCa);
  if (!ca) return fail(ca.error());
  auto lease = ctx.db().acquire();
  if (!lease) return fail(lease.error());
  std::vector<pki::IssueRequest> reqs;
  for (std::size_t i = 0; i < 60; ++i) {
    auto sub = find_subscriber(**lease, s.people[i]);
    if (!sub || !*sub) return fail(ErrorCode::internal, "Thiếu thuê bao mẫu", "Demo subscriber missing");
    if (!email_in_domains((*sub)->data.email, ctx.registry_settings().email_domains)) continue;
    auto o = find_organization(**lease, (*sub)->org_id);
    if (!o || !*o) return fail(ErrorCode::internal, "Thiếu cơ quan mẫu", "Demo organization missing");
    auto dn = subject_name(**lease, **o, (*sub)->data);
    if (!dn) return fail(dn.error());
    auto key = crypto::generate_key(crypto::KeyType::ec_p256);
    if (!key) return fail(key.error());
    pki::IssueRequest r;
    r.public_key_der = key->public_key_der();
    r.subject = std::move(*dn);
    r.emails = {(*sub)->data.email};
    r.subscriber_id = (*sub)->id;
    r.org_id = (*sub)->org_id;
    r.actor = "init-demo";
    reqs.push_back(std::move(r));
  }
  auto issued = ca->issue_batch(ctx.db(), reqs);
  std::vector<std::string> serials;
  for (auto& r : issued) {
    if (!r) return fail(r.error());
    serials.push_back(r->serial);
  }
  const std::array<std::pair<std::size_t, crypto::CrlReason>, 3> revoked{
      {{3, crypto::CrlReason::key_compromise}, {8, crypto::CrlReason::cessation_of_operation},
       {13, crypto::CrlReason::certificate_hold}}};
  for (const auto& [index, reason] : revoked) {
    pki::RevocationRequest rr{serials[index], reason, std::nullopt, "init-demo", std::nullopt};
    if (auto r = pki::revoke(ctx.db(), ctx.clock(), rr); !r) return fail(r.error());
  }
  if (auto d = seed_devices(ctx, s, reqs, serials); !d) return fail(d.error());
  return static_cast<int>(serials.size());
}

Bytes demo_pdf(const std::string& what) {
  const std::string s = "%PDF-1.4\n% chungthu demo: " + what + "\n%%EOF\n";
  return Bytes(s.begin(), s.end());
}

// Requests in the workflow's states, made through the workflow itself.
Result<int> seed_requests(Context& ctx, const Seeded& s) {
  RegistryEnv env = ctx.registry_env();
  auto lease = ctx.db().acquire();
  if (!lease) return fail(lease.error());
  auto as = [&](const char* login) { return resolve_actor(**lease, login); };
  auto agg = as("daumoi2"), school = as("truong1"), ra1 = as("tiepnhan1"), ra2 = as("tiepnhan2");
  if (!agg || !school || !ra1 || !ra2) return fail(ErrorCode::internal, "Thiếu người dùng mẫu", "Demo users missing");
  const std::string deadline = format_vn_date(WorkingCalendar::vn_date(ctx.clock().now()) + std::chrono::days{30});
  auto round = open_round(env, *agg, {"Đợt đăng ký chứng thư số tháng " + deadline.substr(3), deadline, std::nullopt, false});
  if (!round) return fail(round.error());
  // People of the first school (Trường THPT Hàn Thuyên) without a certificate.
  std::vector<std::int64_t> school_people;
  for (std::size_t i = 60; i < s.people.size(); ++i) {
    auto sub = find_subscriber(**lease, s.people[i]);
    if (sub && *sub && (*sub)->org_id == s.schools[0] && (*sub)->data.device == "TOKEN" &&
        email_in_domains((*sub)->data.email, env.settings.email_domains))
      school_people.push_back((*sub)->id);
  }
  RequestWorkflow wf(env);
  int made = 0;
  auto new_request = [&](std::int64_t subscriber) -> Result<Request> {
    NewRequest n;
    n.type = RequestType::new_cert;
    n.subscriber_id = subscriber;
    n.attachments = {{"request_letter", "Văn bản đề nghị.pdf", demo_pdf("văn bản đề nghị")},
                     {"appointment_decision", "Quyết định bổ nhiệm.pdf", demo_pdf("quyết định")}};
    ++made;
    return wf.create(*school, n);
  };
  std::vector<std::int64_t> submitted;
  for (std::size_t i = 0; i < school_people.size() && i < 8; ++i) {
    auto r = new_request(school_people[i]);
    if (!r) return fail(r.error());
    if (i < 2) continue;  // drafts
    auto sent = wf.submit(*school, r->id, "");
    if (!sent) return fail(sent.error());
    submitted.push_back(r->id);
  }
  if (submitted.size() >= 6) {
    auto batch = create_batch(env, *agg, round->id);
    if (!batch) return fail(batch.error());
    if (auto a = add_to_batch(env, *agg, batch->id, {submitted[0], submitted[1], submitted[2], submitted[3]}); !a) {
      return fail(a.error());
    }
    if (auto b = submit_batch(env, *agg, batch->id, "Danh sách đợt 1"); !b) return fail(b.error());
    if (auto a = wf.approve(*ra1, submitted[0], "Hồ sơ đầy đủ"); !a) return fail(a.error());
    if (auto r = wf.return_to_submitter(*ra1, submitted[1], "Thiếu chữ ký thủ trưởng",
                                        {{"attachments", "văn bản đề nghị chưa có chữ ký, đóng dấu"}});
        !r) {
      return fail(r.error());
    }
    if (auto r = wf.reject(*ra1, submitted[2], "Người đề nghị đã chuyển công tác"); !r) return fail(r.error());
  }
  return made;
}

}  // namespace

Status seed_demo(Context& ctx, std::ostream& out) {
  Seeded s;
  {
    auto lease = ctx.db().acquire();
    if (!lease) return fail(lease.error());
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    const TimePoint now = ctx.clock().now();
    if (auto r = seed_tree(**lease, now, s); !r) return r;
    if (auto r = seed_people(**lease, now, s); !r) return r;
    auto totp_key = ctx.totp_key();
    if (!totp_key) return fail(totp_key.error());
    if (auto r = seed_users(**lease, ctx.rng(), now, s, *totp_key, out); !r) return r;
    if (auto c = tx->commit(); !c) return c;
  }
  auto certs = seed_certificates(ctx, s);
  if (!certs) return fail(certs.error());
  auto requests = seed_requests(ctx, s);
  if (!requests) return fail(requests.error());
  out << "demo: " << s.units.size() + 1 << " organizations, " << s.people.size() << " people, " << *certs
      << " certificates (3 revoked or on hold), " << *requests << " requests in a round\n"
      << "try: chungthu request list --as tiepnhan1 ; chungthu request list --as truong1 --state draft\n";
  return {};
}

}  // namespace ct::app
