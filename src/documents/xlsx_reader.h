#pragma once
// Reads the first worksheet of an XLSX workbook (ECMA-376 Part 1, SpreadsheetML) into a Table.
//
// What it understands (ECMA-376 Part 1 §18): the first sheet in workbook order (§18.2.19
// <sheets> in xl/workbook.xml, resolved through xl/_rels/workbook.xml.rels, Part 2 §9.3); cells
// by their `r` reference, so skipped (empty) cells keep their columns (§18.3.1.4); shared strings
// (t="s", §18.4.9) including rich-text runs and without phonetic runs; inline strings
// (t="inlineStr", §18.3.1.53); formula results (t="str"); booleans, errors, ISO dates (t="d");
// numbers, shown as dates when their style's number format is a date (§18.8.30 built-in ids
// 14–22, 27–36, 45–47, 50–58, or a custom format with day or year codes), converted from the
// serial day number (1900 system with its phantom 29/02/1900, or 1904 when workbookPr says so,
// §18.17.4.1); the `_xHHHH_` escapes of §22.4.2.4. XML is parsed with pugixml, which expands no
// external or custom entities.
//
// Limits (ZipLimits for the package; rows, columns and cell length here) turn a hostile or
// oversized file into an invalid_input refusal, never into memory exhaustion.

#include <cstdint>
#include <span>

#include "common/error.h"
#include "documents/sheet_table.h"
#include "documents/zip_archive.h"

namespace ct::documents {

struct XlsxLimits {
  ZipLimits zip;
  std::size_t max_rows = 50000;
  std::size_t max_columns = 256;
  std::size_t max_cell_bytes = 32767 * 3;  // Excel: 32,767 characters per cell
  std::size_t max_shared_strings = 2000000;
};

[[nodiscard]] Result<Table> read_xlsx(std::span<const std::uint8_t> data, const XlsxLimits& limits = {});

// Serial day number of the 1900 (or 1904) date system → dd/MM/yyyy; nullopt outside 1900–9999.
[[nodiscard]] std::optional<std::string> excel_serial_date(double serial, bool date1904 = false);

}  // namespace ct::documents
