#include "documents/list_template.h"

#include <string>
#include <vector>

#include "documents/national_sheet.h"
#include "documents/sheet_table.h"
#include "documents/xlsx_writer.h"
#include "registry/issue_places.h"
#include "registry/request_types.h"
#include "registry/subject_data.h"

// LeakSanitizer, in sanitizer builds of every program that links the documents layer (this file
// is linked wherever documents are served: the CLI, the server, their tests):
//   - fontconfig (under Pango) keeps its configuration cache for the life of the process;
//   - libxlsxwriter 1.1.4 does not free its copy of a list validation's range formula (about 24
//     bytes each): the template, the only workbook with drop-downs, is made once per process.
// print_suppressions=0: the summary would land in the middle of a command's output.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\nleak:lxw_strdup\n"; }
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
#endif

namespace ct::documents {
namespace {

constexpr const char* kListsSheet = "Danh mục";

// A column of the «Danh mục» sheet as a range formula: rows 2 … count + 1.
std::string list_range(std::size_t column, std::size_t count) {
  const std::string col = column_letters(column);
  return "'" + std::string(kListsSheet) + "'!$" + col + "$2:$" + col + "$" + std::to_string(count + 1);
}

Result<Bytes> make_template() {
  using registry::RequestType;
  SheetSpec lists;
  lists.name = kListsSheet;
  lists.headers = {"Mã nơi cấp", "Nơi cấp CCCD", "Loại thiết bị", "Loại yêu cầu", "Giữ số"};
  lists.widths = {12, 60, 14, 36, 8};
  const auto places = registry::issue_places();
  const auto& devices = registry::device_kinds();
  const std::vector<RequestType> types{RequestType::new_cert,       RequestType::renew,  RequestType::change_info,
                                       RequestType::reissue,        RequestType::recover_device,
                                       RequestType::revoke,         RequestType::mailbox};
  const std::size_t n = std::max(places.size(), types.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> row(5);
    if (i < places.size()) row[0] = places[i].first, row[1] = places[i].second;
    if (i < devices.size()) row[2] = std::string(devices[i]);
    if (i < types.size()) row[3] = type_text(types[i]);
    if (i == 0) row[4] = keep_number_text(true);
    lists.rows.push_back(std::move(row));
  }

  SheetSpec sheet;
  sheet.name = "Danh sách";
  for (const auto& c : columns()) {
    sheet.headers.emplace_back(c.header);
    sheet.widths.push_back(c.width);
  }
  SheetValues sample{};
  auto set = [&](Column c, std::string v) { sample[index_of(c)] = std::move(v); };
  set(Column::ordinal, "1");
  set(Column::full_name, "Nguyễn Văn An");
  set(Column::dob, "15/06/1985");
  set(Column::cccd, "027085000001");
  set(Column::cccd_place, "C06");
  set(Column::cccd_date, "10/05/2021");
  set(Column::email, "an.nv@bacninh.gov.vn");
  set(Column::org1, "UBND tỉnh Bắc Ninh");
  set(Column::org2, "Sở Giáo dục và Đào tạo");
  set(Column::org3, "Trường THPT Hàn Thuyên");
  set(Column::province, "Bắc Ninh");
  set(Column::position, "Giáo viên");
  set(Column::phone, "0912345678");
  set(Column::device, "TOKEN");
  set(Column::type, type_text(RequestType::new_cert));
  sheet.rows.emplace_back(sample.begin(), sample.end());
  sheet.marks.push_back({0, index_of(Column::full_name),
                         "Dòng mẫu: hãy xóa trước khi gửi.\nA sample row: delete it before sending the list."});
  sheet.choices = {
      {index_of(Column::cccd_place), list_range(0, places.size()),
       "Mã cơ quan cấp (xem trang Danh mục), hoặc tên như in trên thẻ"},
      {index_of(Column::device), list_range(2, devices.size()), "TOKEN, SIM, SOFT, RSSP hoặc HSM"},
      {index_of(Column::type), list_range(3, types.size()), "Để trống: cấp mới"},
      {index_of(Column::keep_number), list_range(4, 1), "«Có» để giữ số thuê bao (SIM), hoặc để trống"},
  };
  return write_xlsx({sheet, lists}, "Mẫu danh sách đề nghị cấp chứng thư số");
}

}  // namespace

Result<Bytes> list_template() {
  // The same bytes every time; made once (libxlsxwriter leaks a little on each drop-down).
  static const Result<Bytes> kTemplate = make_template();
  return kTemplate;
}

}  // namespace ct::documents
