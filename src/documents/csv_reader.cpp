#include "documents/csv_reader.h"

#include <algorithm>
#include <string_view>

namespace ct::documents {
namespace {

Error refused(std::string vi, std::string en, int line) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), "csv line " + std::to_string(line));
}

char pick_separator(std::string_view s) {
  const auto end = s.find('\n');
  const std::string_view first = s.substr(0, end);
  const auto commas = std::count(first.begin(), first.end(), ',');
  const auto semis = std::count(first.begin(), first.end(), ';');
  return semis > commas ? ';' : ',';
}

}  // namespace

Result<Table> read_csv(std::span<const std::uint8_t> data, const CsvLimits& limits) {
  if (data.size() > limits.max_bytes) {
    return fail(ErrorCode::invalid_input,
                "Tệp quá lớn (" + std::to_string(data.size()) + " byte, tối đa " +
                    std::to_string(limits.max_bytes / (1024 * 1024)) + " MiB)",
                "The file is too large (" + std::to_string(data.size()) + " bytes, at most " +
                    std::to_string(limits.max_bytes / (1024 * 1024)) + " MiB)",
                "csv");
  }
  std::string_view s(reinterpret_cast<const char*>(data.data()), data.size());
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  const char sep = pick_separator(s);
  Table t;
  SheetRowCells row{1, {}};
  std::string field;
  bool quoted = false, was_quoted = false;
  int line = 1;
  auto end_field = [&]() -> Status {
    if (row.cells.size() >= limits.max_columns) {
      return fail(refused("Quá nhiều cột (tối đa " + std::to_string(limits.max_columns) + ")",
                          "Too many columns (at most " + std::to_string(limits.max_columns) + ")", row.number));
    }
    Cell c;
    c.kind = field.empty() && !was_quoted ? Cell::Kind::empty : Cell::Kind::text;
    c.text = std::move(field);
    row.cells.push_back(std::move(c));
    field.clear();
    was_quoted = false;
    return {};
  };
  auto end_record = [&]() -> Status {
    if (auto st = end_field(); !st) return st;
    if (t.rows.size() >= limits.max_rows) {
      return fail(refused("Quá nhiều dòng (tối đa " + std::to_string(limits.max_rows) + ")",
                          "Too many rows (at most " + std::to_string(limits.max_rows) + ")", row.number));
    }
    t.rows.push_back(std::move(row));
    row = SheetRowCells{line, {}};
    return {};
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == sep) {
      if (auto st = end_field(); !st) return fail(st.error());
    } else if (c == '\r' && (i + 1 == s.size() || s[i + 1] == '\n')) {
      continue;  // CRLF: the LF ends the record
    } else if (c == '\n') {
      ++line;
      if (auto st = end_record(); !st) return fail(st.error());
    } else {
      field.push_back(c);
    }
    if (field.size() > limits.max_cell_bytes) {
      return fail(refused("Ô dài quá giới hạn", "A cell is too long", line));
    }
  }
  if (quoted) {
    return fail(refused("Thiếu dấu ngoặc kép đóng (trường bắt đầu ở dòng " + std::to_string(row.number) + ")",
                        "Unterminated quoted field (starting on line " + std::to_string(row.number) + ")", line));
  }
  if (!field.empty() || was_quoted || !row.cells.empty()) {
    if (auto st = end_record(); !st) return fail(st.error());
  }
  return t;
}

}  // namespace ct::documents
