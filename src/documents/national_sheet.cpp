#include "documents/national_sheet.h"

#include "common/text.h"
#include "documents/sheet_table.h"

namespace ct::documents {
namespace {

using C = Column;
constexpr std::array<ColumnInfo, kColumnCount> kColumns{{
    {C::ordinal, "STT", "No.", "", 6},
    {C::full_name, "Họ và tên", "Full name", "full_name", 26},
    {C::dob, "Ngày sinh", "Date of birth", "dob", 12},
    {C::cccd, "Số CCCD", "Citizen ID (CCCD)", "cccd", 15},
    {C::cccd_place, "Nơi cấp CCCD", "ID issue place", "cccd_place", 12},
    {C::cccd_date, "Ngày cấp CCCD", "ID issue date", "cccd_date", 13},
    {C::email, "Thư điện tử công vụ", "Official e-mail", "email", 30},
    {C::org1, "Cơ quan cấp 1", "Organization level 1", "", 24},
    {C::org2, "Cơ quan cấp 2", "Organization level 2", "", 24},
    {C::org3, "Cơ quan cấp 3", "Organization level 3", "", 24},
    {C::org4, "Cơ quan cấp 4", "Organization level 4", "", 24},
    {C::province, "Tỉnh/Thành phố", "Province", "", 14},
    {C::position, "Chức vụ", "Position", "position", 18},
    {C::phone, "Số điện thoại", "Phone", "phone", 14},
    {C::old_serial, "Số hiệu chứng thư số cũ", "Old certificate serial", "cert_serial", 36},
    {C::carrier, "Nhà mạng", "Mobile carrier", "carrier", 12},
    {C::keep_number, "Giữ số", "Keep number", "", 8},
    {C::device, "Loại thiết bị", "Device type", "device", 12},
    {C::type, "Loại yêu cầu", "Request type", "type", 18},
}};

}  // namespace

std::string column_letters(std::size_t index) {
  std::string out;
  std::size_t n = index + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

const std::array<ColumnInfo, kColumnCount>& columns() { return kColumns; }

std::size_t index_of(Column c) noexcept { return static_cast<std::size_t>(c); }

const ColumnInfo& info(Column c) { return kColumns[index_of(c)]; }

std::optional<Column> column_of_field(std::string_view field) {
  if (field.empty()) return std::nullopt;
  for (const auto& c : kColumns)
    if (c.field == field) return c.column;
  return std::nullopt;
}

SheetValues row_of(const registry::Request& r, const std::vector<registry::Organization>& chain, int ordinal) {
  SheetValues v;
  const registry::SubjectData& s = r.form.subject;
  auto set = [&](Column c, std::string value) { v[index_of(c)] = std::move(value); };
  set(C::ordinal, std::to_string(ordinal));
  set(C::full_name, s.full_name);
  set(C::dob, s.dob);
  set(C::cccd, s.cccd);
  set(C::cccd_place, s.cccd_place);
  set(C::cccd_date, s.cccd_date);
  set(C::email, s.email);
  for (std::size_t i = 0; i < chain.size() && i < 4; ++i) v[index_of(C::org1) + i] = chain[i].name;
  if (!chain.empty()) set(C::province, chain.back().province);
  set(C::position, s.position);
  set(C::phone, s.phone);
  set(C::old_serial, r.cert_serial);
  set(C::carrier, s.carrier);
  set(C::keep_number, keep_number_text(r.form.keep_number));
  set(C::device, s.device);
  set(C::type, type_text(r.type));
  return v;
}

std::optional<bool> parse_keep_number(std::string_view s) {
  const std::string f = text::fold(s);
  if (f == "co" || f == "x" || f == "1" || f == "yes" || f == "true") return true;
  if (f.empty() || f == "khong" || f == "0" || f == "no" || f == "false") return false;
  return std::nullopt;
}

std::string keep_number_text(bool keep) { return keep ? "Có" : ""; }

std::optional<registry::RequestType> parse_type_cell(std::string_view s) {
  using RT = registry::RequestType;
  const std::string f = text::fold(s);
  for (RT t : {RT::new_cert, RT::renew, RT::change_info, RT::reissue, RT::recover_device, RT::revoke, RT::mailbox}) {
    if (f == to_string(t) || f == text::fold(registry::label_vi(t))) return t;
  }
  return std::nullopt;
}

std::string type_text(registry::RequestType t) { return registry::label_vi(t); }

}  // namespace ct::documents
