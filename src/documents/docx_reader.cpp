#include "documents/docx_reader.h"

#include "documents/ooxml.h"

namespace ct::documents {
namespace {

using ooxml::attr_local;
using ooxml::child;
using ooxml::local;

Error refused(std::string vi, std::string en) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), "docx");
}

// Elements nested deeper than this inside a cell are not read (Word nests a few levels: runs,
// hyperlinks, content controls); it bounds the recursion whatever the file.
constexpr int kMaxCellDepth = 32;

// The text of a cell: its runs' text (<w:t>), tabs as spaces, paragraphs joined by a space;
// deleted text (<w:del>) is not part of it.
void cell_text(const pugi::xml_node& node, std::string& out, bool& paragraph_open, int depth = 0) {
  if (depth > kMaxCellDepth) return;
  for (auto c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const auto name = local(c.name());
    if (name == "del" || name == "delText") continue;
    if (name == "t") {
      out += c.text().get();
    } else if (name == "tab" || name == "br") {
      out += ' ';
    } else if (name == "p") {
      if (paragraph_open && !out.empty()) out += ' ';
      cell_text(c, out, paragraph_open, depth + 1);
      paragraph_open = true;
    } else {
      cell_text(c, out, paragraph_open, depth + 1);
    }
  }
}

std::size_t count_rows(const pugi::xml_node& tbl) {
  std::size_t n = 0;
  for (auto r = tbl.first_child(); r; r = r.next_sibling())
    if (local(r.name()) == "tr") ++n;
  return n;
}

// Every table of the body, nested ones included, depth first.
void tables(const pugi::xml_node& node, std::vector<pugi::xml_node>& out, int depth) {
  if (depth > 16) return;
  for (auto c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    if (local(c.name()) == "tbl") out.push_back(c);
    tables(c, out, depth + 1);
  }
}

}  // namespace

bool is_docx(std::span<const std::uint8_t> data, const ZipLimits& limits) {
  auto zip = ZipArchive::open(data, limits);
  return zip && zip->contains("word/document.xml");
}

Result<Table> read_docx(std::span<const std::uint8_t> data, const XlsxLimits& limits) {
  auto zip = ZipArchive::open(data, limits.zip);
  if (!zip) return fail(zip.error());
  auto doc = ooxml::load_part(*zip, "word/document.xml", "docx");
  if (!doc) return fail(doc.error());
  if (!*doc) {
    return fail(refused("Tệp ZIP này không phải văn bản Word (thiếu word/document.xml)",
                        "This ZIP file is not a Word document (no word/document.xml)"));
  }
  std::vector<pugi::xml_node> all;
  tables(child(child(**doc, "document"), "body"), all, 0);
  const pugi::xml_node* best = nullptr;
  for (const auto& t : all)
    if (best == nullptr || count_rows(t) > count_rows(*best)) best = &t;
  if (best == nullptr) {
    return fail(refused("Văn bản Word không có bảng nào: hãy nhập danh sách vào bảng tính theo mẫu và lưu dạng .xlsx",
                        "The Word document has no table: enter the list in the template spreadsheet and save it as .xlsx"));
  }
  Table t;
  int number = 0;
  for (auto tr = best->first_child(); tr; tr = tr.next_sibling()) {
    if (local(tr.name()) != "tr") continue;
    if (t.rows.size() >= limits.max_rows) {
      return fail(refused("Bảng có quá nhiều dòng (tối đa " + std::to_string(limits.max_rows) + ")",
                          "The table has too many rows (at most " + std::to_string(limits.max_rows) + ")"));
    }
    SheetRowCells row;
    row.number = ++number;
    for (auto tc = tr.first_child(); tc; tc = tc.next_sibling()) {
      if (local(tc.name()) != "tc") continue;
      const auto props = child(tc, "tcPr");
      const auto vmerge = child(props, "vMerge");
      const bool continuation = vmerge && std::string_view(attr_local(vmerge, "val").as_string()) != "restart";
      Cell cell;
      if (!continuation) {
        bool open = false;
        cell_text(tc, cell.text, open);
        if (cell.text.size() > limits.max_cell_bytes) {
          return fail(refused("Ô ở dòng " + std::to_string(row.number) + " quá dài", "A cell in row " +
                              std::to_string(row.number) + " is too long"));
        }
        if (!cell.text.empty()) cell.kind = Cell::Kind::text;
      }
      const unsigned span = std::max(1U, std::min(attr_local(child(props, "gridSpan"), "val").as_uint(1), 64U));
      row.cells.push_back(std::move(cell));
      for (unsigned i = 1; i < span; ++i) row.cells.emplace_back();
      if (row.cells.size() > limits.max_columns) {
        return fail(refused("Bảng có quá nhiều cột (tối đa " + std::to_string(limits.max_columns) + ")",
                            "The table has too many columns (at most " + std::to_string(limits.max_columns) + ")"));
      }
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace ct::documents
