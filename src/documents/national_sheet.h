#pragma once
// The national bulk-import sheet (seeds/TRANSLATION.md: "19 columns"): one row per person and
// request, the columns in this order with these Vietnamese headers. The seed enumerates 17
// data fields; the template's two others are the ordinal "STT" that opens every Vietnamese
// administrative list (Decree 30/2020/NĐ-CP, Appendix I) and the request type, so that a batch
// of mixed requests (cấp mới, gia hạn, …) survives a round trip.
//
// Values are text exactly as the forms write them: dates dd/MM/yyyy, CCCD as 12 digits (text, so
// leading zeros stay), the issue place as its authority code (registry/issue_places.h), the
// device type as its code (TOKEN, SIM, SOFT, RSSP, HSM), the keep-number flag "Có" or empty.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/organization.h"
#include "registry/request.h"

namespace ct::documents {

enum class Column {
  ordinal,      // A  STT
  full_name,    // B  Họ và tên
  dob,          // C  Ngày sinh
  cccd,         // D  Số CCCD
  cccd_place,   // E  Nơi cấp CCCD
  cccd_date,    // F  Ngày cấp CCCD
  email,        // G  Thư điện tử công vụ
  org1,         // H  Cơ quan cấp 1
  org2,         // I  Cơ quan cấp 2
  org3,         // J  Cơ quan cấp 3
  org4,         // K  Cơ quan cấp 4
  province,     // L  Tỉnh/Thành phố
  position,     // M  Chức vụ
  phone,        // N  Số điện thoại
  old_serial,   // O  Số hiệu chứng thư số cũ
  carrier,      // P  Nhà mạng
  keep_number,  // Q  Giữ số
  device,       // R  Loại thiết bị
  type,         // S  Loại yêu cầu
};
inline constexpr std::size_t kColumnCount = 19;

struct ColumnInfo {
  Column column;
  std::string_view header;     // the exact Vietnamese header
  std::string_view header_en;  // for messages
  std::string_view field;      // the registry field it fills ("" when none)
  double width;                // XLSX column width (characters)
};
[[nodiscard]] const std::array<ColumnInfo, kColumnCount>& columns();
[[nodiscard]] const ColumnInfo& info(Column c);
[[nodiscard]] std::size_t index_of(Column c) noexcept;
// The column a registry field is entered in (validation findings → cells); nullopt when the
// sheet has no such column.
[[nodiscard]] std::optional<Column> column_of_field(std::string_view field);

// One row of the sheet as text, in column order.
using SheetValues = std::array<std::string, kColumnCount>;

// The row of a request: its form's subject, the organization chain from level 1 down to the
// subscriber's organization (organization_chain), `ordinal` in column A.
[[nodiscard]] SheetValues row_of(const registry::Request& r, const std::vector<registry::Organization>& chain,
                                 int ordinal);

// "Có" (keep the phone number of a SIM subscriber) — accepted on input: Có, có, x, X, 1, yes,
// true; "" and Không, không, 0, no, false mean no. nullopt for anything else.
[[nodiscard]] std::optional<bool> parse_keep_number(std::string_view s);
[[nodiscard]] std::string keep_number_text(bool keep);
// The request type of column S: the Vietnamese label (cấp mới, gia hạn, thay đổi nội dung, cấp
// lại, khôi phục thiết bị lưu khóa bí mật, thu hồi, cấp mới hòm thư công vụ) or the code (new,
// renew, …), compared without case and diacritics.
[[nodiscard]] std::optional<registry::RequestType> parse_type_cell(std::string_view s);
[[nodiscard]] std::string type_text(registry::RequestType t);

}  // namespace ct::documents
