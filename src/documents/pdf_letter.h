#pragma once
// The layout of an administrative letter (công văn) per Decree 30/2020/NĐ-CP, Appendix I:
//   top left   the issuing body: its parent (regular, upper case) and itself (bold, upper case)
//              with a short rule under it (§II.3.a); below them the number "Số: …/…" and the
//              subject line "V/v …" (§II.4, §II.6);
//   top right  the national motto "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (bold, upper case) over
//              "Độc lập - Tự do - Hạnh phúc" (bold, underlined by a rule) (§II.1); below them the
//              place and date, italic: "Bắc Ninh, ngày 05 tháng 01 năm 2026" — day and month
//              below 10 written with a leading zero where §II.5.b says so (days 1–9, months 1–2);
//   then       the form's label and title when it has one, "Kính gửi: …", the body, and
//   bottom     "Nơi nhận:" (bold italic) with its list on the left, the signature block on the
//              right: the signer's title (bold, upper case), a note in italics, the name.

#include <string>
#include <vector>

#include "common/clock.h"
#include "documents/pdf_canvas.h"

namespace ct::documents {

struct LetterHead {
  std::string parent_agency;         // "UBND tỉnh Bắc Ninh" (printed upper case); may be empty
  std::string agency;                // "Sở Giáo dục và Đào tạo"
  std::string number;                // "Số:      /SGDĐT" (blank for the clerk to fill in)
  std::string subject;               // "V/v đề nghị cấp mới chứng thư số"
  std::string place;                 // "Bắc Ninh"
  TimePoint date;
  std::string form_label;            // "Mẫu 01" printed top right above the motto; may be empty
  std::string title;                 // a form's title, centred bold upper case; may be empty
  std::string subtitle;              // italic line under the title; may be empty
  std::vector<std::string> recipients;  // "Kính gửi: …" (one line each)
};

struct LetterFoot {
  std::vector<std::string> copies{"Như trên;", "Lưu: VT."};  // "Nơi nhận"
  std::string signer_title = "THỦ TRƯỞNG CƠ QUAN, TỔ CHỨC";
  std::string signer_note = "(Ký, ghi rõ họ tên và đóng dấu)";
  std::string signer_name;
};

// "Bắc Ninh, ngày 05 tháng 01 năm 2026" for a UTC time, in Vietnam's date.
[[nodiscard]] std::string place_date_line(const std::string& place, TimePoint t);
// The place of a province name: "Tỉnh Bắc Ninh" / "Thành phố Hà Nội" → "Bắc Ninh" / "Hà Nội".
[[nodiscard]] std::string place_of_province(const std::string& province);

void draw_letter_head(PdfCanvas& pdf, const LetterHead& h);
void draw_letter_foot(PdfCanvas& pdf, const LetterFoot& f);

}  // namespace ct::documents
