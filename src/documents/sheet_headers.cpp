#include "documents/sheet_headers.h"

#include <array>
#include <cctype>
#include <initializer_list>

#include "common/text.h"

namespace ct::documents {
namespace {

using C = Column;

struct Names {
  std::optional<Column> column;  // nullopt: the unit
  std::initializer_list<std::string_view> names;
};

// The template's header first, then what officials write instead (seeds/TRANSLATION.md and the
// lists provinces send).
const std::array<Names, kColumnCount + 1> kNames{{
    {C::ordinal, {"STT", "TT", "Số thứ tự", "No."}},
    {C::full_name, {"Họ và tên", "Họ tên", "Họ và tên người đề nghị", "Họ và tên thuê bao", "Full name"}},
    {C::dob, {"Ngày sinh", "Ngày tháng năm sinh", "Ngày, tháng, năm sinh", "Date of birth"}},
    {C::cccd,
     {"Số CCCD", "Số CCCD/CMND", "Số CMND/CCCD", "CCCD", "CCCD/CMND", "Số căn cước công dân", "Số căn cước",
      "Số định danh cá nhân", "Số CCCD/Căn cước"}},
    {C::cccd_place, {"Nơi cấp CCCD", "Nơi cấp", "Nơi cấp CMND/CCCD", "Nơi cấp CCCD/CMND", "Nơi cấp căn cước"}},
    {C::cccd_date, {"Ngày cấp CCCD", "Ngày cấp", "Ngày cấp CMND/CCCD", "Ngày cấp CCCD/CMND", "Ngày cấp căn cước"}},
    {C::email,
     {"Thư điện tử công vụ", "Email", "E-mail", "Email công vụ", "Hộp thư công vụ", "Thư điện tử",
      "Địa chỉ thư điện tử", "Địa chỉ email"}},
    {C::org1, {"Cơ quan cấp 1", "Cơ quan cấp I"}},
    {C::org2, {"Cơ quan cấp 2", "Cơ quan cấp II"}},
    {C::org3, {"Cơ quan cấp 3", "Cơ quan cấp III"}},
    {C::org4, {"Cơ quan cấp 4", "Cơ quan cấp IV"}},
    {C::province, {"Tỉnh/Thành phố", "Tỉnh/TP", "Tỉnh", "Thành phố", "Tỉnh, thành phố", "Tỉnh thành"}},
    {C::position, {"Chức vụ", "Chức danh", "Chức vụ/Chức danh"}},
    {C::phone, {"Số điện thoại", "SĐT", "Điện thoại", "Số ĐT", "ĐT", "Điện thoại di động", "Số di động"}},
    {C::old_serial,
     {"Số hiệu chứng thư số cũ", "Số serial", "Serial chứng thư cũ", "Serial", "Số serial chứng thư số",
      "Số hiệu chứng thư số", "Số serial chứng thư cũ"}},
    {C::carrier, {"Nhà mạng", "Nhà mạng di động"}},
    {C::keep_number, {"Giữ số", "Giữ số thuê bao"}},
    {C::device, {"Loại thiết bị", "Thiết bị", "Thiết bị lưu khóa"}},
    {C::type, {"Loại yêu cầu", "Loại đề nghị", "Nội dung đề nghị", "Hình thức"}},
    {std::nullopt, {"Đơn vị", "Đơn vị công tác", "Cơ quan, đơn vị", "Cơ quan đơn vị", "Tên đơn vị"}},
}};

}  // namespace

std::string header_key(std::string_view header) {
  std::string key;
  for (char ch : text::fold(header.substr(0, 256))) {
    const auto b = static_cast<unsigned char>(ch);
    if (std::isalnum(b) || b >= 0x80) key.push_back(ch);
  }
  return key;
}

std::optional<HeaderMeaning> header_meaning(std::string_view header) {
  const std::string key = header_key(header);
  if (key.empty()) return std::nullopt;
  for (const auto& n : kNames) {
    for (std::string_view name : n.names) {
      if (header_key(name) != key) continue;
      HeaderMeaning m;
      m.column = n.column;
      m.unit = !n.column.has_value();
      return m;
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> header_names(Column c) {
  for (const auto& n : kNames)
    if (n.column == c) return {n.names.begin(), n.names.end()};
  return {};
}

std::vector<std::string_view> unit_header_names() { return {kNames.back().names.begin(), kNames.back().names.end()}; }

}  // namespace ct::documents
