// Header detection for the national sheet: the exact header row is required, so that a sheet
// with shifted or renamed columns is refused with a finding per column instead of being read
// into the wrong fields.
#include "common/text.h"
#include "documents/import_internal.h"

namespace ct::documents::detail {
namespace {

constexpr std::size_t kHeaderSearchRows = 20;
constexpr int kMinHeaderMatches = 5;

std::string clean(const Cell& c) {
  auto nfc = text::to_nfc(text::trim(c.text));
  return nfc ? *nfc : text::trim(c.text);
}

int folded_matches(const SheetRowCells& row) {
  int n = 0;
  for (const auto& cell : row.cells) {
    const std::string f = text::fold(cell.text);
    for (const auto& col : columns())
      if (!f.empty() && f == text::fold(col.header)) ++n;
  }
  return n;
}

}  // namespace

std::optional<std::size_t> find_header(const Table& table, ImportReport& report) {
  std::optional<std::size_t> best;
  int best_n = 0;
  for (std::size_t i = 0; i < table.rows.size() && i < kHeaderSearchRows; ++i) {
    const int n = folded_matches(table.rows[i]);
    if (n > best_n) {
      best_n = n;
      best = i;
    }
  }
  if (!best || best_n < kMinHeaderMatches) {
    const int row = table.rows.empty() ? 1 : table.rows.front().number;
    report.issues.push_back(issue(row, std::nullopt, "", "header_missing", registry::Severity::error,
                                  "Không tìm thấy dòng tiêu đề của mẫu 19 cột (STT, Họ và tên, Ngày sinh, Số CCCD, …): "
                                  "tệp không theo mẫu danh sách quốc gia",
                                  "No header row of the 19-column template (STT, Họ và tên, Ngày sinh, Số CCCD, …): "
                                  "the file does not follow the national list template"));
    return std::nullopt;
  }
  const SheetRowCells& row = table.rows[*best];
  report.header_row = row.number;
  bool ok = true;
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    const ColumnInfo& want = columns()[i];
    const std::string got = i < row.cells.size() ? clean(row.cells[i]) : std::string();
    if (got == want.header) continue;
    ok = false;
    std::string vi = "Cột " + column_letters(i) + " phải có tiêu đề «" + std::string(want.header) + "» nhưng ";
    std::string en = "Column " + column_letters(i) + " must be headed «" + std::string(want.header) + "» (" +
                     std::string(want.header_en) + ") but ";
    if (got.empty()) {
      vi += "để trống";
      en += "is empty";
    } else {
      vi += "có «" + printable(got) + "»";
      en += "has «" + printable(got) + "»";
    }
    for (std::size_t j = 0; j < kColumnCount; ++j) {
      if (j != i && !got.empty() && text::fold(got) == text::fold(columns()[j].header)) {
        vi += " — đó là tiêu đề của cột " + column_letters(j) + ": các cột bị lệch";
        en += " — that is column " + column_letters(j) + "'s header: the columns are shifted";
      }
    }
    if (!got.empty() && text::fold(got) == text::fold(want.header)) {
      vi += " (khác chữ hoa/thường hoặc dấu)";
      en += " (differs in case or diacritics)";
    }
    report.issues.push_back(issue(row.number, columns()[i].column, got, "header_mismatch", registry::Severity::error,
                                  vi, en));
  }
  for (std::size_t i = kColumnCount; i < row.cells.size(); ++i) {
    const std::string got = clean(row.cells[i]);
    if (got.empty()) continue;
    CellIssue extra = issue(row.number, std::nullopt, got, "extra_column", registry::Severity::warning,
                            "Cột " + column_letters(i) + " «" + printable(got) + "» không thuộc mẫu và được bỏ qua",
                            "Column " + column_letters(i) + " «" + printable(got) + "» is not in the template and is ignored");
    extra.column = column_letters(i);
    report.issues.push_back(std::move(extra));
  }
  if (!ok) return std::nullopt;
  return best;
}

}  // namespace ct::documents::detail
