#pragma once
// Reads a list kept the old way, as a table in a Word document (ECMA-376 Part 1, WordprocessingML):
// the largest table of word/document.xml (§17.4.38 <w:tbl>) becomes a Table, one row per <w:tr>,
// one cell per <w:tc>; a cell's paragraphs are joined by a space; a cell spanning several grid
// columns (<w:gridSpan>, §17.4.17) is followed by empty cells so the columns below it line up,
// and a vertically merged continuation (<w:vMerge> without restart, §17.4.85) is empty. The
// paragraphs above the table (the national motto, the title) are not read: the importer finds
// the header in the table's own rows. Every value is text, as typed.
//
// Limits are the XLSX reader's (zip, rows, columns, cell length).

#include <cstdint>
#include <span>

#include "common/error.h"
#include "documents/sheet_table.h"
#include "documents/xlsx_reader.h"

namespace ct::documents {

// Whether a ZIP package is a Word document (it has word/document.xml).
[[nodiscard]] bool is_docx(std::span<const std::uint8_t> data, const ZipLimits& limits = {});

[[nodiscard]] Result<Table> read_docx(std::span<const std::uint8_t> data, const XlsxLimits& limits = {});

}  // namespace ct::documents
