#include "documents/pdf_canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace ct::documents {
namespace {

struct SurfaceDeleter {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct CairoDeleter {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct GObjectDeleter {
  void operator()(void* o) const noexcept { g_object_unref(o); }
};
struct FontDeleter {
  void operator()(PangoFontDescription* f) const noexcept { pango_font_description_free(f); }
};

constexpr const char* kFamily = "Noto Serif";
constexpr double kLineSpacing = 1.1;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  auto* out = static_cast<Bytes*>(closure);
  out->insert(out->end(), data, data + length);
  return CAIRO_STATUS_SUCCESS;
}

PangoAlignment pango_align(Align a) {
  switch (a) {
    case Align::center: return PANGO_ALIGN_CENTER;
    case Align::right: return PANGO_ALIGN_RIGHT;
    default: return PANGO_ALIGN_LEFT;
  }
}

}  // namespace

PageSetup PageSetup::a4_landscape() {
  PageSetup p;
  std::swap(p.width, p.height);
  p.left = 20 * kMm;
  p.right = 15 * kMm;
  p.top = p.bottom = 15 * kMm;
  return p;
}

std::string markup_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string upper_vi(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toUpper(icu::Locale("vi"));
  std::string out;
  u.toUTF8String(out);
  return out;
}

struct PdfCanvas::Impl {
  PageSetup page;
  Bytes out;
  std::unique_ptr<cairo_surface_t, SurfaceDeleter> surface;
  std::unique_ptr<cairo_t, CairoDeleter> cr;
  std::unique_ptr<PangoLayout, GObjectDeleter> layout;
  double y = 0;

  void set(const std::string& markup, const Style& s, double width) {
    std::unique_ptr<PangoFontDescription, FontDeleter> fd(pango_font_description_new());
    pango_font_description_set_family(fd.get(), kFamily);
    pango_font_description_set_absolute_size(fd.get(), s.size * PANGO_SCALE);
    pango_font_description_set_weight(fd.get(), s.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(fd.get(), s.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    PangoLayout* l = layout.get();
    pango_layout_set_font_description(l, fd.get());
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, pango_align(s.align));
    pango_layout_set_justify(l, s.align == Align::justify);
    pango_layout_set_indent(l, static_cast<int>(s.first_indent * PANGO_SCALE));
    pango_layout_set_line_spacing(l, static_cast<float>(kLineSpacing));
    pango_layout_set_markup(l, markup.c_str(), -1);
  }
  double height() {
    int w = 0, h = 0;
    pango_layout_get_size(layout.get(), &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
};

PdfCanvas::PdfCanvas(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfCanvas::PdfCanvas(PdfCanvas&&) noexcept = default;
PdfCanvas& PdfCanvas::operator=(PdfCanvas&&) noexcept = default;
PdfCanvas::~PdfCanvas() = default;

Result<PdfCanvas> PdfCanvas::create(const PageSetup& page, const std::string& title) {
  auto impl = std::make_unique<Impl>();
  impl->page = page;
  impl->surface.reset(cairo_pdf_surface_create_for_stream(append, &impl->out, page.width, page.height));
  if (cairo_surface_status(impl->surface.get()) != CAIRO_STATUS_SUCCESS) {
    return fail(ErrorCode::internal, "Không tạo được tệp PDF", "Cannot create the PDF surface");
  }
  cairo_pdf_surface_set_metadata(impl->surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(impl->surface.get(), CAIRO_PDF_METADATA_CREATOR, "chungthu");
  impl->cr.reset(cairo_create(impl->surface.get()));
  impl->layout.reset(pango_cairo_create_layout(impl->cr.get()));
  if (cairo_status(impl->cr.get()) != CAIRO_STATUS_SUCCESS || !impl->layout) {
    return fail(ErrorCode::internal, "Không tạo được tệp PDF", "Cannot create the PDF drawing context");
  }
  impl->y = page.top;
  return PdfCanvas(std::move(impl));
}

const PageSetup& PdfCanvas::page() const noexcept { return impl_->page; }
double PdfCanvas::content_width() const noexcept { return impl_->page.width - impl_->page.left - impl_->page.right; }
double PdfCanvas::y() const noexcept { return impl_->y; }
void PdfCanvas::set_y(double y) noexcept { impl_->y = y; }

void PdfCanvas::new_page() {
  cairo_show_page(impl_->cr.get());
  impl_->y = impl_->page.top;
}

void PdfCanvas::keep(double height) {
  if (impl_->y + height > impl_->page.height - impl_->page.bottom && impl_->y > impl_->page.top) new_page();
}

void PdfCanvas::skip(double dy) {
  impl_->y += dy;
  if (impl_->y > impl_->page.height - impl_->page.bottom) new_page();
}

double PdfCanvas::measure(const std::string& markup, const Style& s, double width) {
  impl_->set(markup, s, width);
  return impl_->height();
}

double PdfCanvas::draw(const std::string& markup, const Style& s, double x, double y, double width) {
  impl_->set(markup, s, width);
  cairo_set_source_rgb(impl_->cr.get(), 0, 0, 0);
  cairo_move_to(impl_->cr.get(), x, y);
  pango_cairo_show_layout(impl_->cr.get(), impl_->layout.get());
  return impl_->height();
}

void PdfCanvas::paragraph(const std::string& markup, const Style& s, double after) {
  const double h = measure(markup, s, content_width());
  keep(h);
  draw(markup, s, impl_->page.left, impl_->y, content_width());
  impl_->y += h + after;
}

void PdfCanvas::line(double x1, double y1, double x2, double y2, double width) {
  cairo_t* cr = impl_->cr.get();
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x1, y1);
  cairo_line_to(cr, x2, y2);
  cairo_stroke(cr);
}

double PdfCanvas::text_width(const std::string& markup, const Style& s) {
  impl_->set(markup, s, -1.0 / PANGO_SCALE);
  pango_layout_set_width(impl_->layout.get(), -1);
  int w = 0, h = 0;
  pango_layout_get_size(impl_->layout.get(), &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

Result<Bytes> PdfCanvas::finish() {
  impl_->layout.reset();
  impl_->cr.reset();
  cairo_surface_finish(impl_->surface.get());
  const cairo_status_t st = cairo_surface_status(impl_->surface.get());
  impl_->surface.reset();
  if (st != CAIRO_STATUS_SUCCESS) {
    return fail(ErrorCode::internal, std::string("Lỗi tạo PDF: ") + cairo_status_to_string(st),
                std::string("PDF error: ") + cairo_status_to_string(st));
  }
  return std::move(impl_->out);
}

void draw_table(PdfCanvas& pdf, const TableSpec& t) {
  constexpr double pad = 3;
  const double total = pdf.content_width();
  const double x0 = pdf.page().left;
  std::vector<double> w;
  for (double f : t.widths) w.push_back(f * total);
  auto row_height = [&](const std::vector<std::string>& cells, const Style& s) {
    double h = 0;
    for (std::size_t c = 0; c < cells.size() && c < w.size(); ++c)
      h = std::max(h, pdf.measure(markup_escape(cells[c]), s, w[c] - 2 * pad));
    return h + 2 * pad;
  };
  auto draw_row = [&](const std::vector<std::string>& cells, const Style& base, bool header) {
    const double h = row_height(cells, base);
    const double y = pdf.y();
    double x = x0;
    for (std::size_t c = 0; c < w.size(); ++c) {
      Style s = base;
      s.align = header ? Align::center : (c < t.aligns.size() ? t.aligns[c] : Align::left);
      if (c < cells.size()) pdf.draw(markup_escape(cells[c]), s, x + pad, y + pad, w[c] - 2 * pad);
      pdf.line(x, y, x, y + h);
      x += w[c];
    }
    pdf.line(x, y, x, y + h);
    pdf.line(x0, y, x, y);
    pdf.line(x0, y + h, x, y + h);
    pdf.set_y(y + h);
  };
  const Style head{t.size, true, false, Align::center, 0};
  const Style body{t.size, false, false, Align::left, 0};
  pdf.keep(row_height(t.headers, head) + (t.rows.empty() ? 0 : row_height(t.rows.front(), body)));
  draw_row(t.headers, head, true);
  for (const auto& r : t.rows) {
    const double h = row_height(r, body);
    const double before = pdf.y();
    pdf.keep(h);
    if (pdf.y() < before) draw_row(t.headers, head, true);  // a new page: repeat the header
    draw_row(r, body, false);
  }
}

}  // namespace ct::documents
