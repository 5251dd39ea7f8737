#include "registry/issue_places.h"

#include <array>

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

}  // namespace ct::registry
