#include "documents/xlsx_reader.h"

#include <pugixml.hpp>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "documents/ooxml.h"
#include "registry/form_dates.h"

namespace ct::documents {
namespace {

Error refused(std::string vi, std::string en, std::string where = "xlsx") {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(where));
}

using ooxml::attr_local;
using ooxml::child;
using ooxml::local;

// ECMA-376 Part 1 §22.4.2.4 (ST_Xstring): "_xHHHH_" stands for the UTF-16 code unit HHHH.
std::string decode_xstring(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned v = 0;
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, v, 16).ptr == s.data() + i + 6) {
      if (v < 0x80) {
        out.push_back(static_cast<char>(v));
      } else if (v < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (v >> 6)));
        out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xE0 | (v >> 12)));
        out.push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (v & 0x3F)));
      }
      i += 7;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// The text of a string item (<si> or <is>): its <t>, or the <t> of each rich-text run <r>;
// phonetic runs (<rPh>) are not part of the value (§18.4.6).
std::string string_item(const pugi::xml_node& item) {
  std::string out;
  for (auto c = item.first_child(); c; c = c.next_sibling()) {
    const auto name = local(c.name());
    if (name == "t") {
      out += c.text().get();
    } else if (name == "r") {
      if (auto t = child(c, "t")) out += t.text().get();
    }
  }
  return decode_xstring(out);
}

Result<std::optional<pugi::xml_document>> load_part(ZipArchive& zip, const std::string& name) {
  return ooxml::load_part(zip, name, "xlsx");
}

// §18.8.30: the built-in number formats that are dates.
bool builtin_date(unsigned id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

// A custom format code is a date when it has day or year codes outside quoted text, escapes and
// [colour/condition] sections ("m" alone may be minutes).
bool custom_date(std::string_view code) {
  bool quoted = false, bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) { quoted = c != '"'; continue; }
    if (bracket) { bracket = c != ']'; continue; }
    if (c == '"') quoted = true;
    else if (c == '[') bracket = true;
    else if (c == '\\') ++i;
    else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') return true;
  }
  return false;
}

// Which cell style indices (the `s` attribute, into <cellXfs>) show a date.
std::vector<bool> date_styles(const pugi::xml_document& styles) {
  const auto sheet = child(styles, "styleSheet");
  std::vector<std::pair<unsigned, bool>> custom;
  for (auto f = child(child(sheet, "numFmts"), "numFmt"); f; f = f.next_sibling()) {
    if (local(f.name()) != "numFmt") continue;
    custom.emplace_back(attr_local(f, "numFmtId").as_uint(), custom_date(attr_local(f, "formatCode").as_string()));
  }
  std::vector<bool> out;
  for (auto xf = child(child(sheet, "cellXfs"), "xf"); xf; xf = xf.next_sibling()) {
    if (local(xf.name()) != "xf") continue;
    const unsigned id = attr_local(xf, "numFmtId").as_uint();
    bool date = builtin_date(id);
    for (const auto& [cid, is_date] : custom)
      if (cid == id) date = is_date;
    out.push_back(date);
  }
  return out;
}

std::string number_text(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// "AB12" → column 27 (0-based), row 12; nullopt when malformed.
std::optional<std::pair<std::size_t, int>> parse_ref(std::string_view ref) {
  std::size_t col = 0, i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) col = col * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (i == 0 || i == ref.size()) return std::nullopt;
  int row = 0;
  const auto r = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  if (r.ptr != ref.data() + ref.size() || r.ec != std::errc() || row < 1) return std::nullopt;
  return std::pair{col - 1, row};
}

struct Context {
  const XlsxLimits& limits;
  std::vector<std::string> shared;
  std::vector<bool> dates;
  bool date1904 = false;
};

// ECMA-376 t="d": an ISO 8601 date (yyyy-mm-dd, maybe with a time) → dd/MM/yyyy.
std::optional<std::string> iso_date(std::string_view v) {
  if (v.size() < 10 || v[4] != '-' || v[7] != '-') return std::nullopt;
  const std::string vn = std::string(v.substr(8, 2)) + "/" + std::string(v.substr(5, 2)) + "/" + std::string(v.substr(0, 4));
  return registry::parse_vn_date(vn) ? std::optional<std::string>(vn) : std::nullopt;
}

Result<Cell> read_cell(const pugi::xml_node& c, const Context& ctx, const std::string& where) {
  Cell cell;
  const std::string_view type = attr_local(c, "t").as_string();
  const auto v = child(c, "v");
  const std::string_view value = v.text().get();
  if (type == "inlineStr") {
    cell.kind = Cell::Kind::text;
    cell.text = string_item(child(c, "is"));
  } else if (type == "s") {
    unsigned long idx = 0;
    const auto r = std::from_chars(value.data(), value.data() + value.size(), idx);
    if (r.ec != std::errc() || idx >= ctx.shared.size()) {
      return fail(refused("Ô " + where + " trỏ tới chuỗi dùng chung không tồn tại",
                          "Cell " + where + " refers to a missing shared string", where));
    }
    cell.kind = Cell::Kind::text;
    cell.text = ctx.shared[idx];
  } else if (type == "str") {
    cell.kind = Cell::Kind::text;
    cell.text = decode_xstring(value);
  } else if (type == "b") {
    cell.kind = Cell::Kind::boolean;
    cell.text = value == "1" ? "TRUE" : "FALSE";
  } else if (type == "e") {
    cell.kind = Cell::Kind::error;
    cell.text = std::string(value);
  } else if (type == "d") {
    auto d = iso_date(value);
    cell.kind = d ? Cell::Kind::date : Cell::Kind::text;
    cell.text = d ? *d : std::string(value);
  } else if (!value.empty()) {
    double num = 0;
    const auto r = std::from_chars(value.data(), value.data() + value.size(), num);
    if (r.ec != std::errc() || r.ptr != value.data() + value.size() || !std::isfinite(num)) {
      cell.kind = Cell::Kind::text;
      cell.text = std::string(value);
    } else {
      cell.kind = Cell::Kind::number;
      cell.number = num;
      cell.text = number_text(num);
      const unsigned style = attr_local(c, "s").as_uint();
      if (style < ctx.dates.size() && ctx.dates[style]) {
        if (auto d = excel_serial_date(num, ctx.date1904)) {
          cell.kind = Cell::Kind::date;
          cell.text = *d;
        }
      }
    }
  }
  if (cell.text.size() > ctx.limits.max_cell_bytes) {
    return fail(refused("Ô " + where + " dài quá giới hạn", "Cell " + where + " is too long", where));
  }
  return cell;
}

Result<Table> read_sheet(const pugi::xml_document& doc, const Context& ctx, std::string name) {
  Table t;
  t.sheet_name = std::move(name);
  const auto data = child(child(doc, "worksheet"), "sheetData");
  int last_row = 0;
  for (auto row = data.first_child(); row; row = row.next_sibling()) {
    if (local(row.name()) != "row") continue;
    if (t.rows.size() >= ctx.limits.max_rows) {
      return fail(refused("Bảng tính có quá nhiều dòng (tối đa " + std::to_string(ctx.limits.max_rows) + ")",
                          "The sheet has too many rows (at most " + std::to_string(ctx.limits.max_rows) + ")"));
    }
    const int number = attr_local(row, "r").as_int(last_row + 1);
    if (number <= last_row) {
      return fail(refused("Dòng " + std::to_string(number) + " không theo thứ tự", "Row " + std::to_string(number) +
                          " is out of order", "row " + std::to_string(number)));
    }
    last_row = number;
    SheetRowCells r{number, {}};
    std::size_t next_col = 0;
    for (auto c = row.first_child(); c; c = c.next_sibling()) {
      if (local(c.name()) != "c") continue;
      std::size_t col = next_col;
      if (auto ref = attr_local(c, "r")) {
        auto parsed = parse_ref(ref.as_string());
        if (!parsed || parsed->second != number) {
          return fail(refused(std::string("Tham chiếu ô không hợp lệ: ") + ref.as_string(),
                              std::string("Invalid cell reference: ") + ref.as_string(), "row " + std::to_string(number)));
        }
        col = parsed->first;
      }
      next_col = col + 1;
      if (col >= ctx.limits.max_columns) continue;  // beyond the columns any template has
      auto cell = read_cell(c, ctx, column_letters(col) + std::to_string(number));
      if (!cell) return fail(cell.error());
      if (r.cells.size() <= col) r.cells.resize(col + 1);
      r.cells[col] = std::move(*cell);
    }
    t.rows.push_back(std::move(r));
  }
  return t;
}

// Resolves a relationship target (Part 2 §9.3) against xl/.
std::string part_name(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string out = "xl/";
  while (target.substr(0, 3) == "../") { target.remove_prefix(3); out = ""; }
  return out + std::string(target);
}

}  // namespace

std::optional<std::string> excel_serial_date(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return std::nullopt;  // 31/12/9999
  const auto days = static_cast<int>(std::floor(serial));
  sys_days base;
  if (date1904) {
    base = sys_days{year{1904} / 1 / 1};
  } else if (days == 60) {
    return std::nullopt;  // Lotus 1-2-3's 29/02/1900, a day that never was
  } else {
    base = days < 60 ? sys_days{year{1899} / 12 / 31} : sys_days{year{1899} / 12 / 30};
  }
  return registry::format_vn_date(base + std::chrono::days{days});
}

Result<Table> read_xlsx(std::span<const std::uint8_t> data, const XlsxLimits& limits) {
  auto zip = ZipArchive::open(data, limits.zip);
  if (!zip) return fail(zip.error());
  auto workbook = load_part(*zip, "xl/workbook.xml");
  if (!workbook) return fail(workbook.error());
  if (!*workbook) {
    return fail(refused("Tệp ZIP này không phải bảng tính XLSX (thiếu xl/workbook.xml)",
                        "This ZIP file is not an XLSX spreadsheet (no xl/workbook.xml)"));
  }
  Context ctx{limits, {}, {}, false};
  const auto wb = child(**workbook, "workbook");
  ctx.date1904 = attr_local(child(wb, "workbookPr"), "date1904").as_bool();
  const auto first = child(child(wb, "sheets"), "sheet");
  std::string sheet_part = "xl/worksheets/sheet1.xml";
  if (first) {
    const std::string rid = attr_local(first, "id").as_string();
    auto rels = load_part(*zip, "xl/_rels/workbook.xml.rels");
    if (!rels) return fail(rels.error());
    if (*rels) {
      for (auto r = child(child(**rels, "Relationships"), "Relationship"); r; r = r.next_sibling())
        if (attr_local(r, "Id").as_string() == rid) sheet_part = part_name(attr_local(r, "Target").as_string());
    }
  }
  auto sst = load_part(*zip, "xl/sharedStrings.xml");
  if (!sst) return fail(sst.error());
  if (*sst) {
    for (auto si = child(child(**sst, "sst"), "si"); si; si = si.next_sibling()) {
      if (local(si.name()) != "si") continue;
      if (ctx.shared.size() >= limits.max_shared_strings) {
        return fail(refused("Quá nhiều chuỗi dùng chung", "Too many shared strings"));
      }
      ctx.shared.push_back(string_item(si));
    }
  }
  auto styles = load_part(*zip, "xl/styles.xml");
  if (!styles) return fail(styles.error());
  if (*styles) ctx.dates = date_styles(**styles);
  auto sheet = load_part(*zip, sheet_part);
  if (!sheet) return fail(sheet.error());
  if (!*sheet) {
    return fail(refused("Bảng tính không có trang tính nào đọc được (" + sheet_part + ")",
                        "The workbook has no readable worksheet (" + sheet_part + ")"));
  }
  return read_sheet(**sheet, ctx, first ? first.attribute("name").as_string() : "");
}

}  // namespace ct::documents
