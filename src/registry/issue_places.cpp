#include "registry/issue_places.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <sstream>
#include <vector>

#include "common/text.h"

namespace ct::registry {
namespace {

struct Place {
  std::string_view code;
  std::string_view name;
};

constexpr std::array kNational{
    Place{"C06", "Cục Cảnh sát quản lý hành chính về trật tự xã hội"},
    Place{"DKQLCT", "Cục Cảnh sát đăng ký, quản lý cư trú và dữ liệu quốc gia về dân cư"},
    Place{"BCA", "Bộ Công an"},
};

// Province codes of Thông tư 07/2016/TT-BCA (63 provinces before the 2025 merger).
constexpr std::array kProvinces{
    Place{"001", "Hà Nội"},          Place{"002", "Hà Giang"},         Place{"004", "Cao Bằng"},
    Place{"006", "Bắc Kạn"},         Place{"008", "Tuyên Quang"},      Place{"010", "Lào Cai"},
    Place{"011", "Điện Biên"},       Place{"012", "Lai Châu"},         Place{"014", "Sơn La"},
    Place{"015", "Yên Bái"},         Place{"017", "Hòa Bình"},         Place{"019", "Thái Nguyên"},
    Place{"020", "Lạng Sơn"},        Place{"022", "Quảng Ninh"},       Place{"024", "Bắc Giang"},
    Place{"025", "Phú Thọ"},         Place{"026", "Vĩnh Phúc"},        Place{"027", "Bắc Ninh"},
    Place{"030", "Hải Dương"},       Place{"031", "Hải Phòng"},        Place{"033", "Hưng Yên"},
    Place{"034", "Thái Bình"},       Place{"035", "Hà Nam"},           Place{"036", "Nam Định"},
    Place{"037", "Ninh Bình"},       Place{"038", "Thanh Hóa"},        Place{"040", "Nghệ An"},
    Place{"042", "Hà Tĩnh"},         Place{"044", "Quảng Bình"},       Place{"045", "Quảng Trị"},
    Place{"046", "Thừa Thiên Huế"},  Place{"048", "Đà Nẵng"},          Place{"049", "Quảng Nam"},
    Place{"051", "Quảng Ngãi"},      Place{"052", "Bình Định"},        Place{"054", "Phú Yên"},
    Place{"056", "Khánh Hòa"},       Place{"058", "Ninh Thuận"},       Place{"060", "Bình Thuận"},
    Place{"062", "Kon Tum"},         Place{"064", "Gia Lai"},          Place{"066", "Đắk Lắk"},
    Place{"067", "Đắk Nông"},        Place{"068", "Lâm Đồng"},         Place{"070", "Bình Phước"},
    Place{"072", "Tây Ninh"},        Place{"074", "Bình Dương"},       Place{"075", "Đồng Nai"},
    Place{"077", "Bà Rịa - Vũng Tàu"}, Place{"079", "Hồ Chí Minh"},    Place{"080", "Long An"},
    Place{"082", "Tiền Giang"},      Place{"083", "Bến Tre"},          Place{"084", "Trà Vinh"},
    Place{"086", "Vĩnh Long"},       Place{"087", "Đồng Tháp"},        Place{"089", "An Giang"},
    Place{"091", "Kiên Giang"},      Place{"092", "Cần Thơ"},          Place{"093", "Hậu Giang"},
    Place{"094", "Sóc Trăng"},       Place{"095", "Bạc Liêu"},         Place{"096", "Cà Mau"},
};

// What is written, reduced to the letters and digits that carry meaning: folded (no case, no
// diacritics, đ → d), punctuation as spaces, the usual abbreviations spelled out, the title of
// the person who signs the card dropped, and then the spaces removed.
std::string meaning_key(std::string_view written) {
  std::string folded = text::fold(written.substr(0, 256));
  for (char& ch : folded)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && static_cast<unsigned char>(ch) < 0x80) ch = ' ';
  static const std::map<std::string, std::string, std::less<>> kAbbreviations{
      {"cs", "canh sat"},       {"csqlhc", "canh sat quan ly hanh chinh"},
      {"qlhc", "quan ly hanh chinh"}, {"ttxh", "trat tu xa hoi"},
      {"dkql", "dang ky quan ly"}, {"dlqg", "du lieu quoc gia"},
      {"dkqlct", "dang ky quan ly cu tru"}, {"ca", "cong an"},
      {"tp", "thanh pho"},      {"tphcm", "thanh pho ho chi minh"},
      {"hcm", "ho chi minh"},   {"bca", "bo cong an"},
  };
  std::vector<std::string> words;
  std::istringstream in(folded);
  for (std::string w; in >> w;) {
    auto it = kAbbreviations.find(w);
    words.push_back(it == kAbbreviations.end() ? w : it->second);
  }
  std::string key;
  for (const auto& w : words) key += w;
  std::string out;
  for (char ch : key)
    if (ch != ' ') out.push_back(ch);
  for (std::string_view title : {"cuctruong", "giamdoc", "phocuctruong", "phogiamdoc"}) {
    if (out.rfind(title, 0) == 0 && out.size() > title.size()) out.erase(0, title.size());
  }
  return out;
}

std::string compact(std::string_view name) {
  std::string out;
  for (char ch : text::fold(name))
    if (std::isalnum(static_cast<unsigned char>(ch)) || static_cast<unsigned char>(ch) >= 0x80) out.push_back(ch);
  return out;
}

// The forms of a national authority's name that people write, as meaning keys.
struct Spelling {
  std::string_view code;
  std::string_view key;
};
constexpr std::array kNationalSpellings{
    Spelling{"C06", "cuccanhsatquanlyhanhchinhvetrattuxahoi"},
    Spelling{"C06", "canhsatquanlyhanhchinhvetrattuxahoi"},
    Spelling{"C06", "cucc06"},
    Spelling{"C06", "c06bocongan"},
    Spelling{"DKQLCT", "cuccanhsatdangkyquanlycutruvadulieuquocgiavedancu"},
    Spelling{"DKQLCT", "canhsatdangkyquanlycutruvadulieuquocgiavedancu"},
    Spelling{"BCA", "bocongan"},
};

std::optional<std::string> province_code(std::string_view key) {
  const auto at = key.find("congan");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = key.substr(at + 6);
  for (std::string_view kind : {"tinh", "thanhpho"}) {
    if (rest.rfind(kind, 0) == 0) {
      rest.remove_prefix(kind.size());
      break;
    }
  }
  for (const auto& p : kProvinces) {
    const std::string name = compact(p.name);
    if (rest == name) return "CA" + std::string(p.code);
  }
  return std::nullopt;
}

// The fewest edits that turn `written` into some stretch of `name`: what was written may be a
// part of the name, with mistakes («Cục Cảnh sát ABC» is closest to «Cục Cảnh sát quản lý …»).
std::size_t distance_to_part(std::string_view written, std::string_view name) {
  std::vector<std::size_t> row(name.size() + 1, 0);
  for (std::size_t i = 1; i <= written.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= name.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (written[i - 1] == name[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return *std::min_element(row.begin(), row.end());
}

}  // namespace

std::optional<std::string> issue_place_name(std::string_view code) {
  for (const auto& p : kNational)
    if (p.code == code) return std::string(p.name);
  if (code.size() == 5 && code.substr(0, 2) == "CA") {
    for (const auto& p : kProvinces)
      if (p.code == code.substr(2)) return "Công an tỉnh/thành phố " + std::string(p.name);
  }
  return std::nullopt;
}


std::vector<std::pair<std::string, std::string>> issue_places() {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(kNational.size() + kProvinces.size());
  for (const auto& p : kNational) out.emplace_back(p.code, p.name);
  for (const auto& p : kProvinces) {
    const std::string code = "CA" + std::string(p.code);
    out.emplace_back(code, *issue_place_name(code));
  }
  return out;
}

std::optional<std::string> issue_place_code(std::string_view written) {
  const std::string code = text::upper(text::trim(written));
  if (issue_place_name(code)) return code;
  const std::string key = meaning_key(written);
  if (key.empty()) return std::nullopt;
  for (const auto& s : kNationalSpellings)
    if (key == s.key) return std::string(s.code);
  return province_code(key);
}

std::vector<std::string> closest_issue_places(std::string_view written, std::size_t n) {
  const std::string key = meaning_key(written);
  std::vector<std::pair<std::size_t, std::string>> scored;
  scored.reserve(kNational.size() + kProvinces.size());
  for (const auto& p : kNational) scored.emplace_back(distance_to_part(key, compact(p.name)), std::string(p.code));
  for (const auto& p : kProvinces) {
    const std::string code = "CA" + std::string(p.code);
    scored.emplace_back(distance_to_part(key, "congantinh" + compact(p.name)), code);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < n; ++i)
    out.push_back(scored[i].second + " — " + issue_place_name(scored[i].second).value_or(""));
  return out;
}

}  // namespace ct::registry
