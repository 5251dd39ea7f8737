#pragma once
// A spreadsheet's cells as the readers deliver them (xlsx_reader.h, csv_reader.h): rows in sheet
// order, each with its 1-based sheet row number and its cells by column (A = 0). The readers do
// not interpret the content beyond what the file format says a cell is.

#include <cstddef>
#include <string>
#include <vector>

namespace ct::documents {

struct Cell {
  enum class Kind { empty, text, number, date, boolean, error };
  Kind kind = Kind::empty;
  // text: as stored (not trimmed, not normalized; may be invalid UTF-8 in a CSV);
  // number: the shortest decimal form ("27085000001", "3.5"); date: dd/MM/yyyy;
  // boolean: "TRUE"/"FALSE"; error: the error code ("#N/A").
  std::string text;
  double number = 0;  // number and date (the Excel serial day number)
};

struct SheetRowCells {
  int number = 0;  // 1-based row number in the sheet (the file's line for a CSV record)
  std::vector<Cell> cells;
};

struct Table {
  std::string sheet_name;           // the first sheet's name ("" for a CSV)
  std::vector<SheetRowCells> rows;  // only rows that are present in the file, in order
};

// Column letters of a 0-based index: 0 → "A", 18 → "S", 26 → "AA".
[[nodiscard]] std::string column_letters(std::size_t index);

}  // namespace ct::documents
