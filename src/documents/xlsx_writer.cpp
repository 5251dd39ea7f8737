#include "documents/xlsx_writer.h"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

namespace ct::documents {
namespace {

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const noexcept { (void)workbook_close(wb); }
};
using WorkbookPtr = std::unique_ptr<lxw_workbook, WorkbookCloser>;

// A private temporary directory (0700), removed with what it holds.
class TempDir final {
 public:
  static Result<TempDir> make() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "chungthu-xlsx-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) {
      return fail(ErrorCode::unavailable, "Không tạo được thư mục tạm", "Cannot create a temporary directory");
    }
    return TempDir(tmpl);
  }
  TempDir(TempDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  explicit TempDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

Error writer_error(lxw_error e, const std::string& where) {
  return Error::make(ErrorCode::internal, std::string("Lỗi ghi XLSX: ") + lxw_strerror(e),
                     std::string("XLSX writer error: ") + lxw_strerror(e), where);
}

struct Formats {
  lxw_format* header = nullptr;
  lxw_format* text = nullptr;
  lxw_format* bad = nullptr;
};

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_num_format(f.header, "@");
  f.text = workbook_add_format(wb);
  format_set_num_format(f.text, "@");
  format_set_border(f.text, LXW_BORDER_THIN);
  f.bad = workbook_add_format(wb);
  format_set_num_format(f.bad, "@");
  format_set_border(f.bad, LXW_BORDER_THIN);
  format_set_bg_color(f.bad, 0xFFC7CE);
  format_set_font_color(f.bad, 0x9C0006);
  return f;
}

Status write_sheet(lxw_workbook* wb, const SheetSpec& s, const Formats& f) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
  if (ws == nullptr) return fail(ErrorCode::internal, "Tên trang tính không hợp lệ: " + s.name, "Invalid sheet name: " + s.name);
  for (std::size_t c = 0; c < s.headers.size(); ++c) {
    const double width = c < s.widths.size() ? s.widths[c] : 16;
    const auto col = static_cast<lxw_col_t>(c);
    if (auto e = worksheet_set_column(ws, col, col, width, f.text); e != LXW_NO_ERROR) return fail(writer_error(e, s.name));
    if (auto e = worksheet_write_string(ws, 0, col, s.headers[c].c_str(), f.header); e != LXW_NO_ERROR) {
      return fail(writer_error(e, s.name));
    }
  }
  std::vector<std::vector<const CellMark*>> marks(s.rows.size());
  for (const auto& m : s.marks)
    if (m.row < s.rows.size()) marks[m.row].push_back(&m);
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < s.rows[r].size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      std::string comment;
      for (const CellMark* m : marks[r])
        if (m->column == c) comment += (comment.empty() ? "" : "\n") + m->comment;
      const std::string& v = s.rows[r][c];
      if (v.empty() && comment.empty()) continue;
      if (auto e = worksheet_write_string(ws, row, col, v.c_str(), comment.empty() ? f.text : f.bad); e != LXW_NO_ERROR) {
        return fail(writer_error(e, s.name));
      }
      if (!comment.empty()) {
        lxw_comment_options opt{};
        opt.width = 360;
        opt.height = 120;
        if (auto e = worksheet_write_comment_opt(ws, row, col, comment.c_str(), &opt); e != LXW_NO_ERROR) {
          return fail(writer_error(e, s.name));
        }
      }
    }
  }
  for (const auto& choice : s.choices) {
    lxw_data_validation v{};
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    std::string formula = choice.range;
    std::string prompt = choice.prompt;
    v.value_formula = formula.data();
    v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    if (!prompt.empty()) v.input_message = prompt.data();
    const auto col = static_cast<lxw_col_t>(choice.column);
    if (auto e = worksheet_data_validation_range(ws, 1, col, static_cast<lxw_row_t>(s.choice_rows), col, &v);
        e != LXW_NO_ERROR) {
      return fail(writer_error(e, s.name));
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!s.headers.empty()) {
    (void)worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(s.rows.size()),
                               static_cast<lxw_col_t>(s.headers.size() - 1));
  }
  return {};
}

}  // namespace

Result<Bytes> write_xlsx(const std::vector<SheetSpec>& sheets, const std::string& title) {
  auto dir = TempDir::make();
  if (!dir) return fail(dir.error());
  const std::string file = (dir->path() / "out.xlsx").string();
  std::string tmpdir = dir->path().string();
  lxw_workbook_options opts{};
  opts.tmpdir = tmpdir.data();
  WorkbookPtr wb(workbook_new_opt(file.c_str(), &opts));
  if (!wb) return fail(ErrorCode::internal, "Không tạo được tệp XLSX", "Cannot create the XLSX workbook");
  std::string title_copy = title, author = "chungthu";
  lxw_doc_properties props{};
  props.title = title_copy.data();
  props.author = author.data();
  (void)workbook_set_properties(wb.get(), &props);
  const Formats f = make_formats(wb.get());
  for (const auto& s : sheets)
    if (auto st = write_sheet(wb.get(), s, f); !st) return fail(st.error());
  if (auto e = workbook_close(wb.release()); e != LXW_NO_ERROR) return fail(writer_error(e, file));
  std::ifstream in(file, std::ios::binary);
  Bytes out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return fail(ErrorCode::unavailable, "Không đọc lại được tệp XLSX", "Cannot read the XLSX back");
  return out;
}

}  // namespace ct::documents
