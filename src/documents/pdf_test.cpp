// PDF letters and lists: rendered, their text extracted with poppler's pdftotext (an
// independent reader) and compared — the national motto, the date line, every diacritic of the
// names exactly. The PNG pages (pdftoppm) are for looking at while changing the layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "documents/documents_test_support.h"
#include "documents/pdf_documents.h"
#include "documents/pdf_letter.h"

namespace ct::documents {
namespace {

using testing::read_bytes;
using testing::temp_dir;

bool have(const char* tool) { return std::system((std::string("command -v ") + tool + " >/dev/null 2>&1").c_str()) == 0; }

// The text of `pdf` per pdftotext; "" when the tool is missing.
std::string pdf_text(const Bytes& pdf) {
  const auto dir = temp_dir();
  const auto in = dir / "f.pdf", out = dir / "f.txt";
  {
    std::FILE* f = std::fopen(in.c_str(), "wb");
    std::fwrite(pdf.data(), 1, pdf.size(), f);
    std::fclose(f);
  }
  const std::string cmd = "pdftotext -enc UTF-8 " + in.string() + " " + out.string();
  EXPECT_EQ(std::system(cmd.c_str()), 0);
  const Bytes b = read_bytes(out);
  // Cells wrap: a name may continue on the next line of its cell.
  std::string text(b.begin(), b.end());
  std::replace(text.begin(), text.end(), '\n', ' ');
  if (const char* keep = std::getenv("CT_KEEP_PDF")) {
    std::filesystem::copy_file(in, std::filesystem::path(keep) / ("pdf_test_" + std::to_string(pdf.size()) + ".pdf"),
                               std::filesystem::copy_options::overwrite_existing);
  }
  std::filesystem::remove_all(dir);
  return text;
}

std::vector<registry::Organization> chain() {
  registry::Organization p, d, s;
  p.id = 1, p.name = "UBND tỉnh Bắc Ninh", p.province = "Bắc Ninh", p.level = 1;
  d.id = 2, d.name = "Sở Giáo dục và Đào tạo", d.province = "Bắc Ninh", d.level = 2, d.short_code = "SGDĐT";
  s.id = 3, s.name = "Trường THPT Hàn Thuyên", s.province = "Bắc Ninh", s.level = 3;
  return {p, d, s};
}

ListedRequest request(registry::RequestType type, const std::string& name) {
  ListedRequest lr;
  lr.request.id = 42;
  lr.request.type = type;
  auto& s = lr.request.form.subject;
  s.full_name = name;
  s.dob = "15/06/1985";
  s.cccd = "027085000001";
  s.cccd_date = "10/05/2021";
  s.cccd_place = "C06";
  s.email = "tuyet.nta@bacninh.gov.vn";
  s.position = "Phó Hiệu trưởng";
  s.phone = "0912345678";
  s.device = "TOKEN";
  lr.chain = chain();
  return lr;
}

// 05/01/2026 10:00 in Vietnam: day and month get their leading zeros (Decree 30/2020).
TimePoint date() { return std::chrono::sys_days{std::chrono::year{2026} / 1 / 5} + std::chrono::hours{3}; }

TEST(PdfLetter, PlaceAndDateLine) {
  EXPECT_EQ(place_date_line("Bắc Ninh", date()), "Bắc Ninh, ngày 05 tháng 01 năm 2026");
  EXPECT_EQ(place_date_line("Hà Nội", std::chrono::sys_days{std::chrono::year{2022} / 12 / 17} + std::chrono::hours{3}),
            "Hà Nội, ngày 17 tháng 12 năm 2022");
  EXPECT_EQ(place_of_province("Tỉnh Bắc Ninh"), "Bắc Ninh");
  EXPECT_EQ(upper_vi("Sở Giáo dục và Đào tạo"), "SỞ GIÁO DỤC VÀ ĐÀO TẠO");
}

TEST(PdfLetter, RequestLetterCarriesTheLayoutAndEveryDiacritic) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  auto pdf = request_letter_pdf(request(registry::RequestType::new_cert, "Nguyễn Thị Ánh Tuyết"), date());
  ASSERT_TRUE(pdf) << pdf.error().describe();
  ASSERT_GT(pdf->size(), 1000U);
  EXPECT_EQ(std::string(pdf->begin(), pdf->begin() + 5), "%PDF-");
  const std::string text = pdf_text(*pdf);
  for (const char* want : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                           "TRƯỜNG THPT HÀN THUYÊN", "Bắc Ninh, ngày 05 tháng 01 năm 2026", "Mẫu 01",
                           "V/v đề nghị cấp mới chứng thư số", "Kính gửi: Cục Chứng thực số và Bảo mật thông tin",
                           "Nguyễn Thị Ánh Tuyết", "027085000001", "Phó Hiệu trưởng", "Nơi nhận:",
                           "THỦ TRƯỞNG CƠ QUAN, TỔ CHỨC", "Trường THPT Hàn Thuyên"}) {
    EXPECT_NE(text.find(want), std::string::npos) << "missing «" << want << "» in:\n" << text;
  }
}

TEST(PdfLetter, EachFormHasItsLabel) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  using RT = registry::RequestType;
  struct Case {
    RT type;
    bool org;
    const char* label;
    const char* words;
  };
  for (const Case& c : {Case{RT::new_cert, true, "Mẫu 02", "CHO CƠ QUAN, TỔ CHỨC"},
                        Case{RT::renew, false, "Mẫu 04", "GIA HẠN"}, Case{RT::revoke, false, "Mẫu 05", "nghỉ hưu"},
                        Case{RT::recover_device, false, "Mẫu 06", "KHÔI PHỤC THIẾT BỊ LƯU KHÓA BÍ MẬT"},
                        Case{RT::reissue, false, "Mẫu 01", "CẤP LẠI"}}) {
    auto lr = request(c.type, c.org ? "Trường THPT Hàn Thuyên" : "Đặng Quỳnh Hương");
    if (c.org) {
      lr.request.form.subject.kind = registry::SubjectKind::organization;
      lr.request.form.subject.manager_name = "Vũ Đức Thắng";
    }
    lr.request.cert_serial = "5A1B2C";
    lr.request.form.ground = "retirement";
    auto pdf = request_letter_pdf(lr, date());
    ASSERT_TRUE(pdf) << c.label;
    const std::string text = pdf_text(*pdf);
    EXPECT_NE(text.find(c.label), std::string::npos) << c.label << ":\n" << text;
    EXPECT_NE(text.find(c.words), std::string::npos) << c.label << ": «" << c.words << "» in:\n" << text;
  }
  auto mailbox = request_letter_pdf(request(RT::mailbox, "X"), date());
  ASSERT_FALSE(mailbox);
  EXPECT_EQ(mailbox.error().code, ErrorCode::invalid_input);
}

TEST(PdfBatchList, TableOverSeveralPagesKeepsEveryName) {
  if (!have("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  BatchListData d;
  d.sender = {chain()[0], chain()[1]};
  d.round_name = "Đợt tháng 12/2022";
  d.deadline = "17/12/2022";
  d.batch_id = 7;
  d.date = date();
  const std::vector<std::string> names{"Nguyễn Văn Ấn", "Trần Thị Bích Ngọc", "Lê Hoàng Yến", "Phạm Đức Hưởng",
                                       "Hoàng Thị Ỷ Lan", "Đỗ Quốc Việt"};
  for (int i = 0; i < 60; ++i) d.requests.push_back(request(registry::RequestType::new_cert, names[i % names.size()]));
  auto pdf = batch_list_pdf(d);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  const std::string text = pdf_text(*pdf);
  for (const auto& n : names) EXPECT_NE(text.find(n), std::string::npos) << n;
  for (const char* want : {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Đợt tháng 12/2022",
                           "gồm 60 yêu cầu", "Kính gửi: Sở Thông tin và Truyền thông Bắc Ninh", "Số CCCD"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want;
  }
  EXPECT_NE(text.find('\f'), text.rfind('\f'));  // more than one page (pdftotext ends each with a form feed)
}

}  // namespace
}  // namespace ct::documents
