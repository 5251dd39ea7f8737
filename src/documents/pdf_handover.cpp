// Mẫu 07 (pdf_handover.h): the parties, the device and its certificate as a table, the initial
// PIN with what the holder must do with it, and the two signatures side by side.
#include "documents/pdf_handover.h"

#include "common/time_format.h"
#include "documents/pdf_letter.h"

namespace ct::documents {
namespace {

std::string chain_text(const std::vector<registry::Organization>& chain) {
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += (out.empty() ? "" : ", ") + it->name;
  return out;
}

void signatures(PdfCanvas& pdf, const std::string& giver, const std::string& receiver) {
  const double half = pdf.content_width() / 2;
  const double x0 = pdf.page().left;
  pdf.keep(120);
  const double y = pdf.y();
  const Style title{13, true, false, Align::center};
  const Style note{12, false, true, Align::center};
  const Style name{13, true, false, Align::center};
  const double title_h = pdf.draw("ĐẠI DIỆN BÊN GIAO", title, x0, y, half);
  pdf.draw("ĐẠI DIỆN BÊN NHẬN", title, x0 + half, y, half);
  const double note_h = pdf.draw("(Ký, ghi rõ họ tên)", note, x0, y + title_h, half);
  pdf.draw("(Ký, ghi rõ họ tên)", note, x0 + half, y + title_h, half);
  const double names_at = y + title_h + note_h + 70;
  pdf.draw(markup_escape(giver), name, x0, names_at, half);
  const double last = pdf.draw(markup_escape(receiver), name, x0 + half, names_at, half);
  pdf.set_y(names_at + last);
}

}  // namespace

Result<Bytes> handover_letter_pdf(const HandoverData& d) {
  auto pdf = PdfCanvas::create(PageSetup{}, "Mẫu 07 — Biên bản bàn giao thiết bị lưu khóa bí mật");
  if (!pdf) return fail(pdf.error());
  const registry::Organization* unit = d.receiver_chain.empty() ? nullptr : &d.receiver_chain.back();
  LetterHead h;
  h.form_label = "Mẫu 07";
  h.agency = d.giver_agency;
  h.number = "Số:        /BB-BG";
  h.place = place_of_province(unit ? unit->province : std::string());
  h.date = d.date;
  h.title = "Biên bản bàn giao thiết bị lưu khóa bí mật";
  h.subtitle = "(Yêu cầu số " + std::to_string(d.request_id) + ": " + d.purpose + ")";
  draw_letter_head(*pdf, h);
  const Style body{13, false, false, Align::justify, 28};
  const Style plain{13, false, false, Align::justify};
  pdf->paragraph("Hôm nay, " + markup_escape(place_date_line("", d.date)) +
                     (h.place.empty() ? std::string() : ", tại " + markup_escape(h.place)) + ", chúng tôi gồm:",
                 body, 4);
  pdf->paragraph("<b>Bên giao:</b> " + markup_escape(d.giver_agency) + "; người giao: " + markup_escape(d.giver_person) +
                     ".",
                 plain, 2);
  pdf->paragraph("<b>Bên nhận:</b> " + markup_escape(unit ? chain_text(d.receiver_chain) : std::string("……")) +
                     "; người nhận: ……………………………………, chức vụ: ……………………",
                 plain, 6);
  pdf->paragraph("Bên giao bàn giao cho bên nhận thiết bị lưu khóa bí mật và chứng thư chữ ký số sau:", body, 6);
  TableSpec t;
  t.headers = {"Thông tin", "Nội dung"};
  t.widths = {0.36, 0.64};
  t.rows = {{"Người sử dụng", d.holder_name},
            {"Số căn cước công dân", d.holder_cccd},
            {"Chức vụ", d.holder_position},
            {"Thư điện tử công vụ", d.holder_email},
            {"Loại thiết bị", d.device_kind},
            {"Số sê-ri thiết bị", d.device_serial},
            {"Hãng, mẫu thiết bị", d.device_model},
            {"Số hiệu chứng thư số", d.certificate_serial},
            {"Hiệu lực chứng thư số", "từ " + timefmt::vn_date(d.not_before) + " đến " + timefmt::vn_date(d.not_after)}};
  t.size = 11.5;
  draw_table(*pdf, t);
  pdf->skip(8);
  const std::string pin = d.user_pin.empty() ? std::string("……………………") : "<b>" + markup_escape(d.user_pin) + "</b>";
  pdf->paragraph("Mã PIN ban đầu của thiết bị: " + pin +
                     ". Người sử dụng phải đổi mã PIN ngay lần sử dụng đầu tiên và giữ bí mật mã PIN; nhập sai mã PIN "
                     "nhiều lần sẽ khóa thiết bị. Hệ thống không lưu mã PIN này.",
                 body, 4);
  pdf->paragraph("Bên nhận đã kiểm tra thiết bị hoạt động bình thường, chịu trách nhiệm quản lý, sử dụng thiết bị và khóa "
                     "bí mật theo quy định; báo ngay cho cơ quan quản lý khi thiết bị bị mất, hỏng hoặc bị khóa.",
                 body, 4);
  pdf->paragraph("Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản./.", body, 14);
  signatures(*pdf, d.giver_person, d.holder_name);
  return pdf->finish();
}

}  // namespace ct::documents
