#pragma once
// Reads a CSV file (RFC 4180) into a Table: fields separated by commas — or by semicolons when
// the first line has more of them than commas (what spreadsheet programs write in locales with
// a decimal comma, Vietnamese among them) — quoted with '"' (a doubled quote inside a quoted
// field is one quote; a quoted field may span lines), records ending in CRLF or LF. A UTF-8
// byte-order mark is skipped. Bytes are kept as they are: a file in a legacy encoding
// (TCVN3, VNI, Windows-1258) comes through as invalid UTF-8 for the importer to report per
// cell, never re-encoded by guess. Every cell is Kind::text (or empty).

#include <cstdint>
#include <span>

#include "common/error.h"
#include "documents/sheet_table.h"

namespace ct::documents {

struct CsvLimits {
  std::size_t max_bytes = 10 * 1024 * 1024;
  std::size_t max_rows = 50000;
  std::size_t max_columns = 256;
  std::size_t max_cell_bytes = 32767 * 3;
};

[[nodiscard]] Result<Table> read_csv(std::span<const std::uint8_t> data, const CsvLimits& limits = {});

}  // namespace ct::documents
