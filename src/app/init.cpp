#include "app/init.h"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <set>
#include <vector>

#include "app/context.h"
#include "app/default_config.h"
#include "common/text.h"
#include "crypto/certificate.h"
#include "pki/crl_publisher.h"
#include "pki/hierarchy.h"
#include "pki/revocation.h"

namespace ct::app {
namespace {

struct DemoOrg {
  const char* level1;
  const char* level2;
};

// A province's state bodies and sample people, for `init --demo`.
constexpr std::array<DemoOrg, 6> kDemoOrgs{{
    {"UBND tỉnh Bắc Ninh", "Sở Thông tin và Truyền thông"},
    {"UBND tỉnh Bắc Ninh", "Sở Giáo dục và Đào tạo"},
    {"UBND tỉnh Bắc Ninh", "Sở Tài chính"},
    {"UBND tỉnh Bắc Ninh", "UBND thành phố Bắc Ninh"},
    {"UBND tỉnh Bắc Ninh", "UBND huyện Tiên Du"},
    {"UBND tỉnh Bắc Ninh", "Trường THPT Hàn Thuyên"},
}};
constexpr std::array<const char*, 8> kFamily{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"};
constexpr std::array<const char*, 6> kMiddle{"Văn", "Thị", "Đức", "Minh", "Thu", "Quốc"};
constexpr std::array<const char*, 10> kGiven{"An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Long", "Nga", "Tuấn"};

std::string email_of(const std::string& family, const std::string& middle, const std::string& given, int n) {
  std::string local = text::fold(given) + "." + text::fold(family).substr(0, 1) + text::fold(middle).substr(0, 1);
  return local + std::to_string(n) + "@bacninh.gov.vn";
}

Status seed_demo(Context& ctx, std::ostream& out) {
  auto ca = ctx.certificate_authority(pki::kIssuingCa);
  if (!ca) return fail(ca.error());
  std::vector<pki::IssueRequest> reqs;
  for (int i = 0; i < 40; ++i) {
    const std::string family = kFamily[i % kFamily.size()];
    const std::string middle = kMiddle[(i / 3) % kMiddle.size()];
    const std::string given = kGiven[(i * 7) % kGiven.size()];
    const DemoOrg& org = kDemoOrgs[i % kDemoOrgs.size()];
    auto key = crypto::generate_key(crypto::KeyType::ec_p256);
    if (!key) return fail(key.error());
    pki::IssueRequest r;
    r.public_key_der = key->public_key_der();
    r.profile = "individual";
    r.subject = {{"C", "VN"}, {"ST", "Bắc Ninh"}, {"O", org.level1}, {"OU", org.level2},
                 {"CN", family + " " + middle + " " + given}};
    r.emails = {email_of(family, middle, given, i + 1)};
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
    if (auto r = pki::revoke(ctx.db(), ctx.clock(), {serials[index], reason, std::nullopt}); !r) return fail(r.error());
  }
  out << "demo: " << serials.size() << " certificates issued, " << revoked.size() << " revoked or on hold\n";
  return {};
}

}  // namespace

namespace {

Status initialize_into(const std::filesystem::path& data_dir, bool demo, std::ostream& out) {
  std::error_code ec;
  const auto config_file = data_dir / "chungthu.toml";
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không tạo được thư mục dữ liệu", "Cannot create the data directory",
                data_dir.string());
  }
  ::chmod(data_dir.c_str(), 0700);

  auto ctx = Context::create(data_dir);
  if (!ctx) return fail(ctx.error());
  Context& c = **ctx;
  if (auto s = pki::create_hierarchy(c.db(), c.keys(), c.pki(), c.profiles(), c.clock(), c.rng()); !s) {
    return fail(s.error());
  }
  for (const char* name : {pki::kRootCa, pki::kIssuingCa}) {
    auto ca = c.certificate_authority(name);
    if (!ca) return fail(ca.error());
    if (auto crl = pki::publish_crl(c.db(), ca->record(), ca->key(), c.pki(), c.clock(), c.crl_dir()); !crl) {
      return fail(crl.error());
    }
  }
  out << "chungthu: CA hierarchy created in " << data_dir.string() << "\n"
      << "  root:    " << c.pki().root_common_name << "\n"
      << "  issuing: " << c.pki().issuing_common_name << "\n";
  if (demo) {
    if (auto s = seed_demo(c, out); !s) return fail(s.error());
    auto ca = c.certificate_authority(pki::kIssuingCa);
    if (!ca) return fail(ca.error());
    if (auto crl = pki::publish_crl(c.db(), ca->record(), ca->key(), c.pki(), c.clock(), c.crl_dir()); !crl) {
      return fail(crl.error());
    }
  }
  // Written last: its presence marks a complete installation.
  std::ofstream cfg(config_file, std::ios::binary | std::ios::trunc);
  cfg << kDefaultConfig;
  if (!cfg.flush()) {
    return fail(ErrorCode::unavailable, "Không ghi được tệp cấu hình", "Cannot write the configuration",
                config_file.string());
  }
  return {};
}

}  // namespace

Status initialize(const std::filesystem::path& data_dir, bool demo, std::ostream& out) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir / "chungthu.toml", ec)) {
    return fail(ErrorCode::conflict, "Đã khởi tạo tại " + data_dir.string(), "Already initialized at " + data_dir.string());
  }
  // What was there before; on failure everything else is removed again, so a failed init leaves
  // nothing half-made behind.
  std::set<std::filesystem::path> before;
  const bool existed = std::filesystem::exists(data_dir, ec);
  if (existed) {
    for (const auto& e : std::filesystem::directory_iterator(data_dir, ec)) before.insert(e.path());
  }
  auto result = initialize_into(data_dir, demo, out);
  if (!result) {
    if (!existed) {
      std::filesystem::remove_all(data_dir, ec);
    } else {
      std::vector<std::filesystem::path> created;
      for (const auto& e : std::filesystem::directory_iterator(data_dir, ec))
        if (!before.count(e.path())) created.push_back(e.path());
      for (const auto& p : created) std::filesystem::remove_all(p, ec);
    }
  }
  return result;
}

}  // namespace ct::app
