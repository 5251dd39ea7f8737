// libFuzzer target: the XLSX reader (ZIP container, workbook, relationships, shared strings,
// styles, worksheet) must refuse or read any input without crashing, leaking or running away.
// Seeds: tests/data/xlsx_reader/ (made by src/documents/make_xlsx_seeds.py).
#include <cstddef>
#include <cstdint>
#include <span>

#include "documents/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ct::documents::XlsxLimits limits;
  limits.zip.max_total_inflated = 8 * 1024 * 1024;
  limits.max_rows = 2000;
  auto table = ct::documents::read_xlsx(std::span<const std::uint8_t>(data, size), limits);
  if (table) {
    std::size_t cells = 0;
    for (const auto& row : table->rows) cells += row.cells.size();
    (void)cells;
  }
  return 0;
}
