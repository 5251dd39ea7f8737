#pragma once
// The list template to fill in (issue 19): the national sheet's 19 headers, one sample row, a
// drop-down on the issue place, the device type, the request type and «Giữ số», every cell
// formatted as text (a CCCD or phone keeps its leading zero), and a second sheet «Danh mục» with
// the codes and names the drop-downs offer. `chungthu batch template` and
// GET /api/v1/imports/template serve it.

#include "common/error.h"
#include "common/hex.h"

namespace ct::documents {

[[nodiscard]] Result<Bytes> list_template();

}  // namespace ct::documents
