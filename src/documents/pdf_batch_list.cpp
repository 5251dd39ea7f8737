// The list sent with a batch (danh sách đề nghị cấp, gia hạn, thu hồi chứng thư số): a letter
// to the registration office with the list as its table.
#include "documents/pdf_documents.h"
#include "documents/pdf_letter.h"
#include "registry/request_types.h"

namespace ct::documents {

Result<Bytes> batch_list_pdf(const BatchListData& d) {
  auto pdf = PdfCanvas::create(PageSetup::a4_landscape(), "Danh sách đề nghị — đợt " + d.round_name);
  if (!pdf) return fail(pdf.error());
  const registry::Organization* self = d.sender.empty() ? nullptr : &d.sender.back();
  const registry::Organization* parent = d.sender.size() >= 2 ? &d.sender[d.sender.size() - 2] : nullptr;
  const std::string province = self ? self->province : std::string();
  LetterHead h;
  h.parent_agency = parent ? parent->name : std::string();
  h.agency = self ? self->name : std::string();
  h.number = "Số:        /" + (self && !self->short_code.empty() ? self->short_code : std::string("……"));
  h.subject = "V/v đề nghị cấp, gia hạn, thay đổi nội dung, thu hồi chứng thư số";
  h.place = place_of_province(province);
  h.date = d.date;
  h.recipients = {"Kính gửi: Sở Thông tin và Truyền thông" + (province.empty() ? std::string() : " " + province)};
  draw_letter_head(*pdf, h);
  const Style body{13, false, false, Align::justify, 28};
  std::string intro = markup_escape(self ? self->name : std::string()) + " gửi danh sách đề nghị của đợt đăng ký «" +
                      markup_escape(d.round_name) + "»";
  if (!d.deadline.empty()) intro += " (hạn " + markup_escape(d.deadline) + ")";
  intro += ", danh sách số " + std::to_string(d.batch_id) + ", gồm " + std::to_string(d.requests.size()) +
           " yêu cầu, chi tiết như sau:";
  pdf->paragraph(intro, body, 8);
  pdf->paragraph("<b>DANH SÁCH ĐỀ NGHỊ CẤP, GIA HẠN, THAY ĐỔI NỘI DUNG, THU HỒI CHỨNG THƯ SỐ</b>",
                 Style{13, true, false, Align::center, 0}, 6);
  TableSpec t;
  t.headers = {"STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Thư điện tử công vụ", "Cơ quan", "Chức vụ", "Loại yêu cầu",
               "Thiết bị"};
  t.widths = {0.04, 0.15, 0.09, 0.11, 0.185, 0.165, 0.085, 0.1, 0.075};
  t.size = 9.5;
  t.aligns = {Align::center, Align::left, Align::center, Align::center, Align::left, Align::left, Align::left, Align::left,
              Align::center};
  int n = 0;
  for (const auto& lr : d.requests) {
    const auto& s = lr.request.form.subject;
    t.rows.push_back({std::to_string(++n), s.full_name, s.dob, s.cccd, s.email,
                      lr.chain.empty() ? std::string() : lr.chain.back().name, s.position,
                      registry::label_vi(lr.request.type), s.device});
  }
  draw_table(*pdf, t);
  pdf->skip(10);
  pdf->paragraph(markup_escape(self ? self->name : std::string()) +
                     " đề nghị Sở Thông tin và Truyền thông xem xét, tổng hợp và chuyển Ban Cơ yếu Chính phủ cấp, gia "
                     "hạn, thay đổi nội dung, thu hồi chứng thư số cho các thuê bao nêu trên./.",
                 body, 6);
  draw_letter_foot(*pdf, LetterFoot{{"Như trên;", "Lưu: VT."}, "THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", ""});
  return pdf->finish();
}

}  // namespace ct::documents
