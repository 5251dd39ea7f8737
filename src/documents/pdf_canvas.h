#pragma once
// A PDF being drawn page by page (Cairo's PDF surface, text shaped by Pango so that every
// Vietnamese diacritic — stacked ones like "ễ", "ặ" included — comes out of the font's own
// glyphs). Text is Pango markup in the Noto Serif family (a Times-like face, as official
// documents use: Decree 30/2020/NĐ-CP, Appendix I, "phông chữ Times New Roman" or equivalent
// Unicode font). Units are points; y grows downwards; the cursor flows from the top margin and
// breaks pages by itself.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/hex.h"

namespace ct::documents {

inline constexpr double kMm = 72.0 / 25.4;

struct PageSetup {
  double width = 210 * kMm;   // A4 portrait
  double height = 297 * kMm;
  // Decree 30/2020, Appendix I §II.1: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
  double top = 20 * kMm, bottom = 20 * kMm, left = 30 * kMm, right = 15 * kMm;
  [[nodiscard]] static PageSetup a4_landscape();
};

enum class Align { left, center, right, justify };

struct Style {
  double size = 13;
  bool bold = false;
  bool italic = false;
  Align align = Align::left;
  double first_indent = 0;  // first-line indent of a paragraph
};

// Escapes text for Pango markup.
[[nodiscard]] std::string markup_escape(std::string_view s);
// Upper case by Vietnamese rules ("Sở Giáo dục" → "SỞ GIÁO DỤC").
[[nodiscard]] std::string upper_vi(std::string_view s);

class PdfCanvas final {
 public:
  [[nodiscard]] static Result<PdfCanvas> create(const PageSetup& page, const std::string& title);
  PdfCanvas(PdfCanvas&&) noexcept;
  PdfCanvas& operator=(PdfCanvas&&) noexcept;
  ~PdfCanvas();

  [[nodiscard]] const PageSetup& page() const noexcept;
  [[nodiscard]] double content_width() const noexcept;
  [[nodiscard]] double y() const noexcept;
  void set_y(double y) noexcept;
  void skip(double dy);  // moves the cursor down, starting a page when it runs past the bottom
  void new_page();
  // Starts a new page unless `height` fits below the cursor.
  void keep(double height);

  // Height of `markup` set in a box `width` wide.
  [[nodiscard]] double measure(const std::string& markup, const Style& s, double width);
  // Draws `markup` with its top-left at (x, y) in a box `width` wide; returns its height.
  double draw(const std::string& markup, const Style& s, double x, double y, double width);
  // A paragraph across the content width at the cursor (page break first when it does not fit);
  // the cursor moves below it by `after`.
  void paragraph(const std::string& markup, const Style& s, double after = 4);
  void line(double x1, double y1, double x2, double y2, double width = 0.6);
  // Width of a single line of `markup` (for the rule under the motto).
  [[nodiscard]] double text_width(const std::string& markup, const Style& s);

  // Ends the document and returns its bytes.
  [[nodiscard]] Result<Bytes> finish();

 private:
  struct Impl;
  explicit PdfCanvas(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A table drawn at the cursor: header row repeated on every page, cells wrapped, ruled.
struct TableSpec {
  std::vector<std::string> headers;  // plain text
  std::vector<double> widths;        // fractions of the content width
  std::vector<Align> aligns;         // per column (default left)
  std::vector<std::vector<std::string>> rows;  // plain text
  double size = 11;
};
void draw_table(PdfCanvas& pdf, const TableSpec& t);

}  // namespace ct::documents
