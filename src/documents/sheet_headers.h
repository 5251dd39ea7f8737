#pragma once
// The headers of a list by what they mean, not by their exact wording: officials retype the
// national template and write «Họ tên» for «Họ và tên», «SĐT» for «Số điện thoại», «Email» for
// «Thư điện tử công vụ». A header is compared through its key: folded (no case, no diacritics,
// đ → d) with everything but letters and digits removed, so «Số CCCD/CMND (*)», «so cccd cmnd»
// and «SỐ CCCD - CMND» are one header.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "documents/national_sheet.h"

namespace ct::documents {

struct HeaderMeaning {
  std::optional<Column> column;  // a column of the template
  bool unit = false;             // «Đơn vị»: the person's organization, named without its parents
};

// The key a header is compared by.
[[nodiscard]] std::string header_key(std::string_view header);
// What a header cell means; nullopt for a header the template does not have («Ghi chú»).
[[nodiscard]] std::optional<HeaderMeaning> header_meaning(std::string_view header);
// The names a column is looked for by, the template's own first («Thư điện tử công vụ», «Email»,
// «Email công vụ», «Hộp thư công vụ», …): for a message about a missing column.
[[nodiscard]] std::vector<std::string_view> header_names(Column c);
[[nodiscard]] std::vector<std::string_view> unit_header_names();

}  // namespace ct::documents
