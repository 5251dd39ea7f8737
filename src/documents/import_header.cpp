// Header detection: the row among the first ones whose cells name the most template columns
// (by meaning, sheet_headers.h) is the header; the rows above it (the national motto, the
// list's title, blank rows) are skipped. Each template column is found wherever the sheet puts
// it; a column the template lacks is ignored with a warning; a column named twice is read from
// its first place. Without the name, the CCCD or any organization column no row can be read:
// the sheet is refused with one finding per missing column, naming the headers looked for.
#include "common/text.h"
#include "documents/import_internal.h"
#include "documents/sheet_headers.h"

namespace ct::documents::detail {
namespace {

constexpr std::size_t kHeaderSearchRows = 20;
constexpr int kMinHeaderMatches = 3;
using registry::Severity;

std::string clean(const Cell& c) {
  auto nfc = text::to_nfc(text::trim(c.text));
  return printable(nfc ? *nfc : text::trim(c.text));
}

int meanings_in(const SheetRowCells& row) {
  std::set<std::size_t> seen;
  for (const auto& cell : row.cells) {
    const auto m = header_meaning(cell.text);
    if (m) seen.insert(m->column ? index_of(*m->column) : kColumnCount);
  }
  return static_cast<int>(seen.size());
}

std::string quoted(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "«" : ", «") + std::string(n) + "»";
  return out;
}

}  // namespace

std::optional<SheetLayout> find_header(const Table& table, ImportReport& report) {
  std::optional<std::size_t> best;
  int best_n = 0;
  for (std::size_t i = 0; i < table.rows.size() && i < kHeaderSearchRows; ++i) {
    const int n = meanings_in(table.rows[i]);
    if (n > best_n) {
      best_n = n;
      best = i;
    }
  }
  if (!best || best_n < kMinHeaderMatches) {
    const int row = table.rows.empty() ? 1 : table.rows.front().number;
    report.issues.push_back(issue({}, row, std::nullopt, "", "header_missing", Severity::error,
                                  "Không tìm thấy dòng tiêu đề của danh sách (STT, Họ và tên, Ngày sinh, Số CCCD, …) "
                                  "trong " + std::to_string(kHeaderSearchRows) + " dòng đầu",
                                  "No header row of a list (STT, Họ và tên, Ngày sinh, Số CCCD, …) in the first " +
                                      std::to_string(kHeaderSearchRows) + " rows"));
    return std::nullopt;
  }
  const SheetRowCells& row = table.rows[*best];
  SheetLayout layout;
  layout.header = *best;
  layout.header_row = row.number;
  report.header_row = row.number;
  for (const auto& cell : row.cells) layout.headers.push_back(clean(cell));
  report.headers = layout.headers;
  auto warn = [&](std::size_t col, std::string code, std::string vi, std::string en) {
    report.issues.push_back(issue(layout.headers, row.number, col, layout.headers[col], std::move(code), Severity::warning,
                                  std::move(vi), std::move(en)));
  };
  for (std::size_t j = 0; j < row.cells.size(); ++j) {
    const std::string& got = layout.headers[j];
    if (got.empty()) continue;
    const auto m = header_meaning(got);
    if (!m) {
      warn(j, "extra_column", "Cột «" + got + "» không thuộc mẫu danh sách và được bỏ qua",
           "The «" + got + "» column is not in the list template and is ignored");
      continue;
    }
    auto& slot = m->column ? layout.at[index_of(*m->column)] : layout.unit;
    if (slot) {
      const std::string first = column_letters(*slot);
      warn(j, "duplicate_column", "Cột «" + got + "» lặp lại cột " + first + " «" + layout.headers[*slot] + "»: chỉ đọc cột " + first,
           "The «" + got + "» column repeats column " + first + " «" + layout.headers[*slot] + "»: only " + first + " is read");
      continue;
    }
    slot = j;
  }
  bool ok = true;
  for (Column c : {Column::full_name, Column::cccd}) {
    if (layout.where(c)) continue;
    ok = false;
    const std::string want(info(c).header);
    report.issues.push_back(issue({}, row.number, std::nullopt, "", "column_missing", Severity::error,
                                  "Thiếu cột «" + want + "» (đã tìm các tiêu đề " + quoted(header_names(c)) + ")",
                                  "The «" + want + "» (" + std::string(info(c).header_en) +
                                      ") column is missing (looked for the headers " + quoted(header_names(c)) + ")"));
  }
  const bool has_org = layout.unit || layout.where(Column::org1) || layout.where(Column::org2) ||
                       layout.where(Column::org3) || layout.where(Column::org4);
  if (!has_org) {
    ok = false;
    std::vector<std::string_view> names{info(Column::org1).header, info(Column::org2).header, info(Column::org3).header,
                                        info(Column::org4).header};
    for (auto n : unit_header_names()) names.push_back(n);
    report.issues.push_back(issue({}, row.number, std::nullopt, "", "column_missing", Severity::error,
                                  "Thiếu cột cơ quan, đơn vị của người đề nghị (đã tìm các tiêu đề " + quoted(names) + ")",
                                  "No column names the person's organization (looked for the headers " + quoted(names) + ")"));
  }
  if (!ok) return std::nullopt;
  return layout;
}

}  // namespace ct::documents::detail
