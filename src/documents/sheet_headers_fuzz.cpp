// libFuzzer target: the header matcher reads any bytes (invalid UTF-8, huge cells, control
// characters) without crashing, and a header it recognises keeps its meaning when written in
// upper case or with extra spaces and punctuation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/text.h"
#include "documents/sheet_headers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string header(reinterpret_cast<const char*>(data), size);
  const auto meaning = ct::documents::header_meaning(header);
  if (!meaning || !ct::text::is_valid_utf8(header) || size > 200) return 0;
  const auto again = ct::documents::header_meaning(" " + ct::text::upper(header) + " (*)");
  if (!again || again->column != meaning->column || again->unit != meaning->unit) std::abort();
  return 0;
}
