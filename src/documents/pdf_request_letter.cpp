// The request letters of Decree 68/2024/NĐ-CP (Mẫu 01, 02, 04, 05, 06) with the request's
// data: the requesting body, the addressee (the national certification authority), the grounds,
// the subscriber's particulars as a two-column table, the commitment, the signature block.
#include <map>

#include "documents/pdf_documents.h"
#include "documents/pdf_letter.h"
#include "registry/issue_places.h"
#include "registry/request_types.h"

namespace ct::documents {
namespace {

using RT = registry::RequestType;

constexpr const char* kAuthority = "Kính gửi: Cục Chứng thực số và Bảo mật thông tin - Ban Cơ yếu Chính phủ";
constexpr const char* kBasis =
    "Căn cứ Nghị định số 68/2024/NĐ-CP của Chính phủ quy định về chữ ký số chuyên dùng công vụ;";

struct FormText {
  const char* title;
  const char* subject;  // the "V/v" line
  const char* ask;      // "… đề nghị <ask> cho thuê bao sau:"
};

FormText form_text(RT t, bool org) {
  switch (t) {
    case RT::new_cert:
      return {org ? "Đề nghị cấp chứng thư chữ ký số cho cơ quan, tổ chức" : "Đề nghị cấp chứng thư chữ ký số cho cá nhân",
              "V/v đề nghị cấp mới chứng thư số", "cấp mới chứng thư chữ ký số chuyên dùng công vụ"};
    case RT::reissue:
      return {org ? "Đề nghị cấp lại chứng thư chữ ký số cho cơ quan, tổ chức" : "Đề nghị cấp lại chứng thư chữ ký số cho cá nhân",
              "V/v đề nghị cấp lại chứng thư số", "cấp lại chứng thư chữ ký số chuyên dùng công vụ"};
    case RT::renew:
      return {"Đề nghị gia hạn, thay đổi nội dung thông tin của chứng thư chữ ký số", "V/v đề nghị gia hạn chứng thư số",
              "gia hạn chứng thư chữ ký số"};
    case RT::change_info:
      return {"Đề nghị gia hạn, thay đổi nội dung thông tin của chứng thư chữ ký số",
              "V/v đề nghị thay đổi nội dung chứng thư số", "thay đổi nội dung thông tin của chứng thư chữ ký số"};
    case RT::revoke:
      return {"Đề nghị thu hồi chứng thư chữ ký số", "V/v đề nghị thu hồi chứng thư số", "thu hồi chứng thư chữ ký số"};
    case RT::recover_device:
      return {"Đề nghị khôi phục thiết bị lưu khóa bí mật", "V/v đề nghị khôi phục thiết bị lưu khóa bí mật",
              "khôi phục thiết bị lưu khóa bí mật"};
    case RT::mailbox: break;
  }
  return {"", "", ""};
}

std::string ground_vi(const std::string& g) {
  static const std::map<std::string, std::string> kGrounds{
      {"retirement", "nghỉ hưu"},
      {"resignation", "thôi việc"},
      {"death", "từ trần"},
      {"dissolution", "cơ quan, tổ chức giải thể, chia tách, sáp nhập"},
      {"job_change", "chuyển công tác, thay đổi vị trí công việc"},
      {"branch_change", "chuyển công tác từ khối chính quyền sang khối Đảng"},
      {"key_exposed", "khóa bí mật bị lộ hoặc nghi bị lộ"},
      {"device_lost", "thiết bị lưu khóa bí mật bị mất"},
      {"dismissal", "miễn nhiệm"},
      {"lost", "thiết bị lưu khóa bí mật bị mất, thất lạc"},
      {"damaged", "thiết bị lưu khóa bí mật bị hỏng"},
      {"org_change", "thay đổi cơ quan công tác"},
      {"info_change", "thay đổi thông tin"},
  };
  auto it = kGrounds.find(g);
  return it == kGrounds.end() ? g : it->second;
}

std::string chain_text(const std::vector<registry::Organization>& chain) {
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) out += (out.empty() ? "" : ", ") + it->name;
  return out;
}

std::vector<std::vector<std::string>> particulars(const ListedRequest& lr) {
  const registry::Request& r = lr.request;
  const registry::SubjectData& s = r.form.subject;
  std::vector<std::vector<std::string>> rows;
  auto add = [&](const char* label, const std::string& value) { rows.push_back({label, value}); };
  if (s.kind == registry::SubjectKind::organization) {
    add("Tên cơ quan, tổ chức", s.full_name);
    add("Cơ quan cấp trên", lr.chain.size() >= 2 ? chain_text({lr.chain.begin(), lr.chain.end() - 1}) : std::string());
    add("Người quản lý chứng thư số", s.manager_name);
  } else {
    add("Họ và tên", s.full_name);
    add("Ngày sinh", s.dob);
    add("Số căn cước công dân", s.cccd);
    const auto place = registry::issue_place_name(s.cccd_place);
    add("Ngày cấp, nơi cấp", s.cccd_date + (s.cccd_place.empty() ? "" : ", " + (place ? *place : s.cccd_place)));
    add("Chức vụ", s.position);
    add("Cơ quan công tác", chain_text(lr.chain));
  }
  add("Thư điện tử công vụ", s.email);
  add("Số điện thoại", s.phone);
  if (r.type == RT::new_cert || r.type == RT::reissue || r.type == RT::recover_device) {
    add("Loại thiết bị lưu khóa", s.device + (s.device == "SIM" && !s.carrier.empty() ? " (" + s.carrier + ")" : ""));
  }
  if (!r.cert_serial.empty()) add("Số hiệu chứng thư số", r.cert_serial);
  if (!r.form.ground.empty()) add("Lý do", ground_vi(r.form.ground));
  if (!r.form.note.empty()) add("Ghi chú", r.form.note);
  return rows;
}

}  // namespace

Result<Bytes> request_letter_pdf(const ListedRequest& lr, TimePoint date) {
  const registry::Request& r = lr.request;
  const bool org = r.form.subject.kind == registry::SubjectKind::organization;
  const std::string form = registry::form_of(r.type, org);
  if (form.empty()) {
    return fail(ErrorCode::invalid_input, "Yêu cầu cấp hòm thư công vụ không có mẫu văn bản đề nghị",
                "A mailbox request has no official request form", "ID");
  }
  const FormText ft = form_text(r.type, org);
  auto pdf = PdfCanvas::create(PageSetup{}, form + " — " + ft.title);
  if (!pdf) return fail(pdf.error());
  const registry::Organization* self = lr.chain.empty() ? nullptr : &lr.chain.back();
  const registry::Organization* parent = lr.chain.size() >= 2 ? &lr.chain[lr.chain.size() - 2] : nullptr;
  LetterHead h;
  h.form_label = form;
  h.parent_agency = parent ? parent->name : std::string();
  h.agency = self ? self->name : std::string();
  h.number = "Số:        /" + (self && !self->short_code.empty() ? self->short_code : std::string("……"));
  h.subject = ft.subject;
  h.place = place_of_province(self ? self->province : std::string());
  h.date = date;
  h.title = ft.title;
  h.subtitle = "(Yêu cầu số " + std::to_string(r.id) + ")";
  h.recipients = {kAuthority};
  draw_letter_head(*pdf, h);
  const Style body{13, false, false, Align::justify, 28};
  pdf->paragraph(markup_escape(kBasis), body, 4);
  pdf->paragraph(markup_escape(self ? self->name : std::string()) + " đề nghị Ban Cơ yếu Chính phủ " + ft.ask +
                     " cho thuê bao có thông tin sau:",
                 body, 8);
  TableSpec t;
  t.headers = {"Thông tin", "Nội dung"};
  t.widths = {0.36, 0.64};
  t.rows = particulars(lr);
  t.size = 11.5;
  draw_table(*pdf, t);
  pdf->skip(8);
  pdf->paragraph(markup_escape(self ? self->name : std::string()) +
                     " cam kết các thông tin trên là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung đề "
                     "nghị./.",
                 body, 6);
  draw_letter_foot(*pdf, LetterFoot{});
  return pdf->finish();
}

}  // namespace ct::documents
