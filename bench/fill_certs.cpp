// Fills the store of DATA_DIR with N valid certificates of the issuing CA with realistic
// Vietnamese names, units and e-mail addresses (rows through store::insert_certificate, so the
// lookup's name keys are written as issuance writes them; the DER is a 1.2 kB stand-in), in
// transactions of 10,000, for bench/lookup.sh. Every N/SAMPLES-th certificate's serial, e-mail
// and folded name go to OUT_PREFIX.{serials,emails,names} (one per line) as lookup samples.
// Usage: fill_certs DATA_DIR N OUT_PREFIX [SAMPLES]
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "app/context.h"
#include "common/hex.h"
#include "common/text.h"
#include "store/pki_repository.h"

namespace {

// Family names with roughly their share of the population (Nguyễn ≈ 38 %).
constexpr std::array<std::pair<const char*, int>, 16> kFamily{{{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9}, {"Phạm", 7},
                                                               {"Hoàng", 5}, {"Huỳnh", 4}, {"Phan", 4}, {"Vũ", 4},
                                                               {"Võ", 3}, {"Đặng", 2}, {"Bùi", 2}, {"Đỗ", 2},
                                                               {"Hồ", 2}, {"Ngô", 2}, {"Dương", 2}, {"Lý", 1}}};
constexpr std::array kMiddle{"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu",
                             "Hồng", "Anh", "Thành", "Công", "Kim", "Mạnh", "Bảo", "Gia", "Hoài", "Phương"};
constexpr std::array kGiven{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa",
                            "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga",
                            "Ngọc", "Phong", "Phương", "Quân", "Quang", "Sơn", "Tâm", "Thảo", "Thắng", "Trang",
                            "Trung", "Tuấn", "Tú", "Vân", "Việt", "Yến", "Đạt", "Huy", "Khoa", "Lộc"};
constexpr std::array kProvince{"Hà Nội", "Bắc Ninh", "Hải Phòng", "Thanh Hóa", "Nghệ An", "Huế", "Đà Nẵng",
                               "Quảng Nam", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Cần Thơ", "An Giang", "Cà Mau",
                               "Lào Cai", "Thái Nguyên", "Quảng Ninh", "Hà Tĩnh", "Bình Định", "Gia Lai"};
constexpr std::array kUnit{"Sở Tài chính", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Tư pháp",
                           "Sở Xây dựng", "Sở Công Thương", "Văn phòng UBND", "Sở Khoa học và Công nghệ",
                           "Sở Nông nghiệp và Môi trường", "Thanh tra tỉnh", "Sở Văn hóa, Thể thao và Du lịch"};

std::string ascii_slug(std::string_view s) {
  std::string out;
  for (char ch : ct::text::fold(s)) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out.push_back(ch);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: fill_certs DATA_DIR N OUT_PREFIX [SAMPLES]\n");
    return 1;
  }
  const long n = std::atol(argv[2]);
  const std::string prefix = argv[3];
  const long samples = argc > 4 ? std::atol(argv[4]) : 2000;
  const long every = std::max(1L, n / std::max(1L, samples));
  auto ctx = ct::app::Context::open(argv[1]);
  if (!ctx) {
    std::fprintf(stderr, "%s\n", ctx.error().describe().c_str());
    return 3;
  }
  auto lease = (*ctx)->db().acquire();
  if (!lease) return 3;
  auto issuing = ct::store::find_ca(**lease, "issuing");
  if (!issuing || !*issuing) return 3;
  std::ofstream serials(prefix + ".serials"), emails(prefix + ".emails"), names(prefix + ".names");
  const ct::TimePoint now = (*ctx)->clock().now();
  ct::Bytes der(1200);
  (*ctx)->rng().fill(der);
  der[0] = 0x30;
  der[1] = 0x82;
  int family_total = 0;
  for (const auto& f : kFamily) family_total += f.second;
  ct::store::CertificateRecord r;
  r.ca_id = (*issuing)->id;
  r.profile = "individual";
  r.der = der;
  r.key_sha256 = "00";
  r.status = ct::store::CertStatus::valid;
  ct::Bytes serial(16);
  std::array<std::uint8_t, 8> pick{};
  for (long done = 0; done < n;) {
    auto tx = ct::store::Transaction::begin(**lease);
    if (!tx) return 3;
    for (long k = 0; k < 10000 && done < n; ++k, ++done) {
      (*ctx)->rng().fill(serial);
      serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7F) | 0x01);
      (*ctx)->rng().fill(pick);
      int f = pick[0] % family_total;
      std::size_t fi = 0;
      while (f >= kFamily[fi].second) f -= kFamily[fi++].second;
      const std::string family = kFamily[fi].first;
      const std::string middle = kMiddle[pick[1] % kMiddle.size()];
      const std::string given = kGiven[pick[2] % kGiven.size()];
      const std::string province = kProvince[pick[3] % kProvince.size()];
      const std::string unit = kUnit[pick[4] % kUnit.size()];
      const std::string cn = family + " " + middle + " " + given;
      const std::string org = "UBND tỉnh " + province;
      r.serial = ct::to_hex(serial);
      r.common_name = cn;
      r.subject = "C=VN,ST=" + province + ",O=" + org + ",OU=" + unit + ",CN=" + cn;
      r.name_fold = ct::text::fold(cn + " " + org + " " + unit);
      r.email = ascii_slug(given) + "." + ascii_slug(family).substr(0, 1) + ascii_slug(middle).substr(0, 1) +
                std::to_string(done) + "@" + ascii_slug(province) + ".gov.vn";
      r.not_before = now - std::chrono::days(done % 700);
      r.not_after = r.not_before + std::chrono::days(1095);
      r.created_at = r.not_before;
      if (auto id = ct::store::insert_certificate(**lease, r); !id) {
        std::fprintf(stderr, "%s\n", id.error().describe().c_str());
        return 3;
      }
      if (done % every == 0) {
        serials << r.serial << "\n";
        emails << *r.email << "\n";
        names << ct::text::fold(cn) << "\n";
      }
    }
    if (auto c = tx->commit(); !c) return 3;
    if (done % 100000 == 0) std::fprintf(stderr, "  %ld\n", done);
  }
  std::printf("inserted %ld certificates\n", n);
  return 0;
}
