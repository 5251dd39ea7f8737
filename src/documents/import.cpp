#include "documents/import.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "common/text.h"

#include "documents/import_internal.h"
#include "documents/sheet_headers.h"
#include "documents/xlsx_writer.h"
#include "registry/access_policy.h"

namespace ct::documents {
namespace detail {

std::string printable(std::string_view s) {
  if (text::is_valid_utf8(s)) return std::string(s);
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    // Keep the longest valid prefix of what remains, escape one bad byte, go on.
    std::size_t j = i;
    while (j < s.size() && static_cast<unsigned char>(s[j]) < 0x80) ++j;
    out.append(s.substr(i, j - i));
    if (j >= s.size()) break;
    std::size_t len = 1;
    const auto b = static_cast<unsigned char>(s[j]);
    if (b >= 0xC2 && b <= 0xDF) len = 2; else if (b >= 0xE0 && b <= 0xEF) len = 3; else if (b >= 0xF0 && b <= 0xF4) len = 4;
    if (len > 1 && j + len <= s.size() && text::is_valid_utf8(s.substr(j, len))) {
      out.append(s.substr(j, len));
      i = j + len;
      continue;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", b);
    out += buf;
    i = j + 1;
  }
  return out;
}

CellIssue issue(const std::vector<std::string>& headers, int row, std::optional<std::size_t> col,
                const std::string& value, std::string code, registry::Severity sev, std::string vi, std::string en) {
  CellIssue x;
  x.row = row;
  if (col) {
    x.column = column_letters(*col);
    if (*col < headers.size()) x.header = headers[*col];
  }
  x.value = printable(value);
  x.code = std::move(code);
  x.severity = sev;
  x.message_vi = std::move(vi);
  x.message_en = std::move(en);
  return x;
}

}  // namespace detail

bool ImportReport::has_errors() const noexcept {
  return std::any_of(issues.begin(), issues.end(), [](const CellIssue& x) { return x.severity == registry::Severity::error; });
}

Result<SheetFormat> detect_format(std::span<const std::uint8_t> data, std::string_view file_name) {
  auto starts = [&](std::string_view magic) {
    return data.size() >= magic.size() && std::equal(magic.begin(), magic.end(), data.begin(),
                                                     [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; });
  };
  std::string name(file_name);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  auto ends = [&](std::string_view ext) { return name.size() >= ext.size() && name.compare(name.size() - ext.size(), ext.size(), ext) == 0; };
  if (starts("PK\x03\x04")) return is_docx(data) ? SheetFormat::docx : SheetFormat::xlsx;
  if (starts("\xD0\xCF\x11\xE0") && ends(".doc")) {
    return fail(ErrorCode::invalid_input,
                "Văn bản Word 97–2003 (.doc) không được hỗ trợ: hãy mở bằng Word hoặc LibreOffice và lưu dạng .docx, "
                "hoặc tốt hơn, chép bảng sang bảng tính mẫu và lưu dạng .xlsx",
                "Word 97–2003 documents (.doc) are not supported: open it in Word or LibreOffice and save it as .docx, "
                "or better, copy the table into the template spreadsheet and save it as .xlsx",
                std::string(file_name));
  }
  if (starts("\xD0\xCF\x11\xE0")) {
    return fail(ErrorCode::invalid_input, "Tệp Excel 97–2003 (.xls) không được hỗ trợ: hãy lưu dạng .xlsx",
                "Excel 97–2003 files (.xls) are not supported: save the file as .xlsx", std::string(file_name));
  }
  const bool is_text = std::none_of(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(data.size(), 8192)),
                                 [](std::uint8_t b) { return b == 0; });
  if (is_text && !ends(".xlsx") && !ends(".pdf") && !ends(".docx") && !ends(".doc") && !ends(".xls")) return SheetFormat::csv;
  return fail(ErrorCode::invalid_input, "Tệp không phải bảng tính XLSX hoặc CSV", "The file is not an XLSX or CSV spreadsheet",
              std::string(file_name));
}

Result<ImportReport> import_sheet(registry::RegistryEnv& env, const registry::Actor& actor, std::span<const std::uint8_t> data,
                                  std::string_view file_name, const ImportOptions& options) {
  if (!registry::allowed_somewhere(actor, registry::Action::request_create) ||
      !registry::allowed_somewhere(actor, registry::Action::subscriber_create)) {
    return fail(registry::deny(env.db, env.clock, actor, registry::Action::request_create, "import", std::string(file_name)));
  }
  auto format = detect_format(data, file_name);
  if (!format) return fail(format.error());
  auto table = *format == SheetFormat::xlsx   ? read_xlsx(data, options.xlsx)
               : *format == SheetFormat::docx ? read_docx(data, options.xlsx)
                                              : read_csv(data, options.csv);
  if (!table) return fail(table.error().within(std::string(file_name)));
  ImportReport report;
  report.format = *format;
  report.sheet = table->sheet_name;
  const auto layout = detail::find_header(*table, report);
  if (!layout) {
    if (*format == SheetFormat::docx) {
      const int first = table->rows.empty() ? 1 : table->rows.front().number;
      report.issues.push_back(detail::issue({}, first, std::nullopt, "", "docx_hint", registry::Severity::error,
                                            "Bảng trong văn bản Word phải có dòng tiêu đề theo mẫu; cách chắc chắn nhất: tải "
                                            "mẫu danh sách, chép bảng vào đó và lưu dạng .xlsx",
                                            "The Word table needs the template's header row; the surest way: download the "
                                            "list template, copy the table into it and save it as .xlsx"));
    }
    return report;
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease, options.commit);
  if (!tx) return fail(tx.error());
  auto planned = detail::plan_rows(env, actor, **lease, *table, *layout, options, report);
  if (!planned) return fail(planned.error());
  const bool writable = report.good_rows > 0 && (!report.has_errors() || options.good_rows_only);
  if (!options.commit || !writable) return report;  // the transaction rolls back: nothing written
  if (auto s = detail::write_rows(**lease, env.clock, actor, *planned, file_name, report); !s) return fail(s.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  report.committed = true;
  return report;
}

nlohmann::json to_json(const ImportReport& r) {
  nlohmann::json issues = nlohmann::json::array();
  for (const auto& x : r.issues) {
    issues.push_back({{"row", x.row}, {"column", x.column}, {"header", x.header}, {"value", x.value}, {"code", x.code},
                      {"severity", registry::to_string(x.severity)}, {"message_vi", x.message_vi},
                      {"message_en", x.message_en}});
  }
  const char* format = r.format == SheetFormat::xlsx ? "xlsx" : r.format == SheetFormat::docx ? "docx" : "csv";
  return nlohmann::json{{"format", format},
                        {"sheet", r.sheet},
                        {"header_row", r.header_row},
                        {"data_rows", r.data_rows},
                        {"good_rows", r.good_rows},
                        {"bad_rows", r.bad_rows},
                        {"committed", r.committed},
                        {"request_ids", r.request_ids},
                        {"new_subscribers", r.new_subscribers},
                        {"issues", issues}};
}

std::string describe(const ImportReport& r) {
  std::string out;
  for (const auto& x : r.issues) {
    out += std::string(x.severity == registry::Severity::error ? "  [lỗi/error] " : "  [lưu ý/warning] ") + "dòng/row " +
           std::to_string(x.row);
    if (!x.column.empty()) out += ", " + x.column + (x.header.empty() ? "" : " (" + x.header + ")");
    if (!x.value.empty()) out += " «" + x.value + "»";
    out += " [" + x.code + "]: " + x.message_vi + " / " + x.message_en + "\n";
  }
  return out;
}

Result<Bytes> report_xlsx(const ImportReport& r) {
  SheetSpec data;
  data.name = "Danh sách";
  data.headers = r.headers;
  std::map<int, std::size_t> index;
  for (const auto& [row, values] : r.rows) {
    index[row] = data.rows.size();
    data.rows.push_back(values);
    if (data.headers.size() < values.size()) data.headers.resize(values.size());
  }
  for (std::size_t c = 0; c < data.headers.size(); ++c) {
    const auto meaning = header_meaning(data.headers[c]);
    data.widths.push_back(meaning && meaning->column ? info(*meaning->column).width : 20);
  }
  SheetSpec list;
  list.name = "Lỗi";
  list.headers = {"Dòng", "Cột", "Tiêu đề", "Giá trị", "Mã", "Mức", "Thông báo", "Message"};
  list.widths = {8, 6, 22, 26, 18, 10, 60, 60};
  for (const auto& x : r.issues) {
    list.rows.push_back({std::to_string(x.row), x.column, x.header, x.value, x.code,
                         x.severity == registry::Severity::error ? "lỗi" : "lưu ý", x.message_vi, x.message_en});
    auto it = index.find(x.row);
    if (it == index.end() || x.column.empty()) continue;
    for (std::size_t c = 0; c < data.headers.size(); ++c) {
      if (column_letters(c) == x.column) data.marks.push_back({it->second, c, x.message_vi + "\n" + x.message_en});
    }
  }
  return write_xlsx({data, list}, "Kết quả kiểm tra danh sách / Import report");
}

}  // namespace ct::documents
