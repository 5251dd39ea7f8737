#pragma once
// Writes XLSX workbooks (ECMA-376 Part 1) with libxlsxwriter: sheets of text cells under a bold
// header row (frozen, with an auto-filter). Every value is written as a string cell with the
// text number format "@" (§18.8.30 id 49), so dates stay dd/MM/yyyy text and a CCCD keeps its
// leading zeros, also after the user edits the cell. Marked cells get a red fill and a comment
// (§18.7) carrying the message.

#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/hex.h"

namespace ct::documents {

struct CellMark {
  std::size_t row = 0;     // index into SheetSpec::rows
  std::size_t column = 0;  // 0-based
  std::string comment;
};

// A drop-down list on a column's cells below the header (data validation, §18.3.1.32): its
// values are the cells of `range` ("'Danh mục'!$A$2:$A$67"); another value gets a warning the
// user may accept (the importer also reads what people write instead of the codes).
struct ColumnChoice {
  std::size_t column = 0;  // 0-based
  std::string range;
  std::string prompt;      // the input message shown when the cell is selected (at most 255 characters)
};

struct SheetSpec {
  std::string name;                       // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::vector<std::string> headers;
  std::vector<double> widths;             // per column, in characters; missing ones default
  std::vector<std::vector<std::string>> rows;
  std::vector<CellMark> marks;
  std::vector<ColumnChoice> choices;      // applied to rows 2 … choice_rows + 1
  std::size_t choice_rows = 1000;
};

// The workbook as bytes (written through a private temporary directory that is removed again).
[[nodiscard]] Result<Bytes> write_xlsx(const std::vector<SheetSpec>& sheets, const std::string& title);

}  // namespace ct::documents
