#include "documents/pdf_letter.h"

#include <algorithm>
#include <chrono>

#include "registry/working_days.h"

namespace ct::documents {
namespace {

constexpr double kGap = 2;

}  // namespace

std::string place_of_province(const std::string& province) {
  for (const char* prefix : {"Tỉnh ", "tỉnh ", "Thành phố ", "thành phố ", "TP. ", "TP "}) {
    const std::string p(prefix);
    if (province.rfind(p, 0) == 0) return province.substr(p.size());
  }
  return province;
}

std::string place_date_line(const std::string& place, TimePoint t) {
  const std::chrono::year_month_day ymd{registry::WorkingCalendar::vn_date(t)};
  const unsigned d = static_cast<unsigned>(ymd.day()), m = static_cast<unsigned>(ymd.month());
  const std::string day = (d < 10 ? "0" : "") + std::to_string(d);
  const std::string month = (m < 3 ? "0" : "") + std::to_string(m);
  return (place.empty() ? std::string() : place + ", ") + "ngày " + day + " tháng " + month + " năm " +
         std::to_string(static_cast<int>(ymd.year()));
}

void draw_letter_head(PdfCanvas& pdf, const LetterHead& h) {
  const PageSetup& pg = pdf.page();
  const double left_w = pdf.content_width() * 0.42;
  const double right_w = pdf.content_width() - left_w;
  const double lx = pg.left, rx = pg.left + left_w;
  double top = pdf.y();
  if (!h.form_label.empty()) {
    top += pdf.draw("<b>" + markup_escape(h.form_label) + "</b>", Style{12, true, false, Align::right, 0}, rx, top, right_w) + kGap;
  }
  // Left: the issuing body.
  double ly = top;
  if (!h.parent_agency.empty()) {
    ly += pdf.draw(markup_escape(upper_vi(h.parent_agency)), Style{12.5, false, false, Align::center, 0}, lx, ly, left_w);
  }
  const Style agency{12.5, true, false, Align::center, 0};
  const std::string agency_markup = markup_escape(upper_vi(h.agency));
  ly += pdf.draw(agency_markup, agency, lx, ly, left_w) + 1.5;
  const double rule = std::min(left_w * 0.4, pdf.text_width(agency_markup, agency));
  pdf.line(lx + (left_w - rule) / 2, ly, lx + (left_w + rule) / 2, ly, 0.5);
  ly += 6;
  // Right: the national motto.
  double ry = top;
  ry += pdf.draw("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style{12.5, true, false, Align::center, 0}, rx, ry, right_w);
  const Style motto{13.5, true, false, Align::center, 0};
  const std::string motto_text = "Độc lập - Tự do - Hạnh phúc";
  ry += pdf.draw(motto_text, motto, rx, ry, right_w) + 1.5;
  const double mw = pdf.text_width(motto_text, motto);
  pdf.line(rx + (right_w - mw) / 2, ry, rx + (right_w + mw) / 2, ry, 0.5);
  ry += 6;
  // Number and subject (left), place and date (right).
  double y = std::max(ly, ry);
  double yl = y + pdf.draw(markup_escape(h.number), Style{13, false, false, Align::center, 0}, lx, y, left_w);
  if (!h.subject.empty()) yl += pdf.draw(markup_escape(h.subject), Style{12, false, false, Align::center, 0}, lx, yl, left_w);
  const double yr = y + pdf.draw(markup_escape(place_date_line(h.place, h.date)), Style{13, false, true, Align::center, 0},
                                 rx, y, right_w);
  pdf.set_y(std::max(yl, yr) + 10);
  if (!h.title.empty()) {
    pdf.paragraph("<b>" + markup_escape(upper_vi(h.title)) + "</b>", Style{14, true, false, Align::center, 0}, 2);
    if (!h.subtitle.empty()) pdf.paragraph(markup_escape(h.subtitle), Style{13, false, true, Align::center, 0}, 2);
    pdf.skip(6);
  }
  for (const auto& r : h.recipients) pdf.paragraph(markup_escape(r), Style{13, false, false, Align::center, 0}, 2);
  pdf.skip(8);
}

void draw_letter_foot(PdfCanvas& pdf, const LetterFoot& f) {
  const PageSetup& pg = pdf.page();
  const double left_w = pdf.content_width() * 0.45;
  const double right_w = pdf.content_width() - left_w;
  const double lx = pg.left, rx = pg.left + left_w;
  std::string copies;
  for (const auto& c : f.copies) copies += "\n- " + markup_escape(c);
  const Style lists{11, false, false, Align::left, 0};
  const std::string left = "<b><i>Nơi nhận:</i></b>" + copies;
  // Room for the signature and seal between the note and the name.
  std::string signer = "<b>" + markup_escape(upper_vi(f.signer_title)) + "</b>\n<i>" + markup_escape(f.signer_note) + "</i>";
  signer += f.signer_name.empty() ? "\n\n\n" : "\n\n\n\n<b>" + markup_escape(f.signer_name) + "</b>";
  const Style sign{13, false, false, Align::center, 0};
  const double h = std::max(pdf.measure(left, lists, left_w), pdf.measure(signer, sign, right_w));
  pdf.skip(6);
  pdf.keep(h);
  const double y = pdf.y();
  pdf.draw(left, lists, lx, y + 2, left_w);
  pdf.draw(signer, sign, rx, y, right_w);
  pdf.set_y(y + h);
}

}  // namespace ct::documents
