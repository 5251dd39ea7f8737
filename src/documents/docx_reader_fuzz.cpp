// libFuzzer target: the DOCX table reader (ZIP container, WordprocessingML tables with merged
// and nested cells) must refuse or read any input without crashing, leaking or running away.
// Seeds: tests/data/docx_reader/.
#include <cstddef>
#include <cstdint>
#include <span>

#include "documents/docx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ct::documents::XlsxLimits limits;
  limits.zip.max_total_inflated = 8 * 1024 * 1024;
  limits.max_rows = 2000;
  auto table = ct::documents::read_docx(std::span<const std::uint8_t>(data, size), limits);
  if (table) {
    std::size_t cells = 0;
    for (const auto& row : table->rows) cells += row.cells.size();
    (void)cells;
  }
  return 0;
}
