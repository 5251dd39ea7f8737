// The lists officials really send: sheets written by LibreOffice (tests/data/import_sheets/,
// made by its make_sheets.py) with title rows, reworded and reordered headers, an extra column,
// date cells and dates typed as text, issue places written out or abbreviated, phones with
// spaces, dots or +84, and the columns found by meaning in sheets built here.
#include <fstream>
#include <iterator>

#include "documents/documents_test_support.h"
#include "documents/import.h"
#include "documents/list_template.h"
#include "documents/zip_archive.h"
#include "registry/registry_test_support.h"

namespace ct::documents {
namespace {

using namespace testing;
using Rows = std::vector<std::vector<std::string>>;

Bytes sheet_file(const std::string& name) {
  return read_bytes(std::filesystem::path(CT_SOURCE_DIR) / "tests/data/import_sheets" / name);
}

const CellIssue* find(const ImportReport& r, const std::string& code, const std::string& column, int row) {
  for (const auto& x : r.issues)
    if (x.code == code && x.column == column && x.row == row) return &x;
  return nullptr;
}

class ImportVariantsTest : public registry::testing::RegistryFixture {
 protected:
  Result<ImportReport> run(const Bytes& b, const std::string& name, bool commit, bool good_only = false,
                           const std::string& as = "um1") {
    ImportOptions o;
    o.commit = commit;
    o.good_rows_only = good_only;
    return import_sheet(*env_, actor(as), b, name, o);
  }
  registry::SubjectData subject_of(std::int64_t request) {
    registry::RequestWorkflow wf(*env_);
    auto v = wf.show(actor("um1"), request);
    EXPECT_TRUE(v);
    return v ? v->request.form.subject : registry::SubjectData{};
  }
};

TEST_F(ImportVariantsTest, LibreOfficeSheetIsReadByMeaning) {
  const Bytes file = sheet_file("variants.xlsx");
  ASSERT_FALSE(file.empty());
  auto r = run(file, "danh-sach.xlsx", false);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->header_row, 5);  // below the motto, the title and a blank row
  EXPECT_EQ(r->data_rows, 6);
  EXPECT_EQ(r->good_rows, 5) << describe(*r);
  EXPECT_EQ(r->bad_rows, 1);
  ASSERT_EQ(r->headers.size(), 16U);
  EXPECT_EQ(r->headers[2], "Số CCCD/CMND");
  // «Ghi chú» is not in the template: a warning, not an error.
  const CellIssue* note = find(*r, "extra_column", "P", 5);
  ASSERT_NE(note, nullptr) << describe(*r);
  EXPECT_EQ(note->severity, registry::Severity::warning);
  // Row 11: each bad cell by the sheet's own column letter and header, the value as typed.
  const CellIssue* cmnd = find(*r, "cmnd_old", "C", 11);
  ASSERT_NE(cmnd, nullptr) << describe(*r);
  EXPECT_EQ(cmnd->header, "Số CCCD/CMND");
  EXPECT_EQ(cmnd->value, "123456789");
  EXPECT_NE(cmnd->message_en.find("12-digit"), std::string::npos);
  const CellIssue* dob = find(*r, "date_format", "D", 11);
  ASSERT_NE(dob, nullptr) << describe(*r);
  EXPECT_EQ(dob->value, "31/02/1990");
  const CellIssue* place = find(*r, "cccd_place_unknown", "F", 11);
  ASSERT_NE(place, nullptr) << describe(*r);
  EXPECT_EQ(place->value, "Cục Cảnh sát ABC");
  EXPECT_NE(place->message_vi.find("gần nhất: C06"), std::string::npos) << place->message_vi;
  EXPECT_NE(find(*r, "stored_as_number", "M", 11), nullptr) << describe(*r);
  for (const auto& x : r->issues)
    EXPECT_TRUE(x.row == 5 || x.row == 11) << x.row << " " << x.code << ": " << x.message_en;

  // The good rows only: each value in the form the registry keeps.
  const auto before = r->issues.size();
  auto done = run(file, "danh-sach.xlsx", true, true);
  ASSERT_TRUE(done) << done.error().describe();
  ASSERT_TRUE(done->committed) << describe(*done);
  EXPECT_EQ(done->issues.size(), before);
  ASSERT_EQ(done->request_ids.size(), 5U);
  const auto an = subject_of(done->request_ids[0]);
  EXPECT_EQ(an.full_name, "Nguyễn Văn An");
  EXPECT_EQ(an.dob, "15/06/1985");
  EXPECT_EQ(an.cccd_place, "C06");
  EXPECT_EQ(an.phone, "0912345678");
  const auto binh = subject_of(done->request_ids[1]);
  EXPECT_EQ(binh.dob, "03/07/1990");
  EXPECT_EQ(binh.cccd_date, "20/04/2021");
  EXPECT_EQ(binh.cccd_place, "C06");
  EXPECT_EQ(binh.phone, "0912345679");
  const auto cuong = subject_of(done->request_ids[2]);
  EXPECT_EQ(cuong.dob, "05/09/1979");
  EXPECT_EQ(cuong.cccd_date, "01/02/2016");
  EXPECT_EQ(cuong.cccd_place, "DKQLCT");
  EXPECT_EQ(subject_of(done->request_ids[3]).cccd_place, "BCA");
  const auto em = subject_of(done->request_ids[4]);
  EXPECT_EQ(em.cccd_place, "CA036");
  EXPECT_EQ(em.phone, "0912345682");
  registry::RequestWorkflow wf(*env_);
  EXPECT_EQ(wf.show(actor("um1"), done->request_ids[4])->request.org_id, school1_.id);
}

TEST_F(ImportVariantsTest, AMissingColumnIsReportedOnceAndNothingIsRead) {
  auto r = run(sheet_file("missing_column.xlsx"), "thieu-cot.xlsx", true);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->header_row, 3);
  EXPECT_EQ(r->data_rows, 0);
  EXPECT_FALSE(r->committed);
  int missing = 0;
  for (const auto& x : r->issues) {
    if (x.code != "column_missing") continue;
    ++missing;
    EXPECT_NE(x.message_vi.find("«Số CCCD/CMND»"), std::string::npos) << x.message_vi;
    EXPECT_NE(x.message_en.find("Citizen ID"), std::string::npos) << x.message_en;
  }
  EXPECT_EQ(missing, 1) << describe(*r);
}

TEST_F(ImportVariantsTest, ColumnsInAnyOrderUnderTheirUsualNames) {
  Rows rows{headers(), person_row("Nguyễn Văn An", "027085000001", "an.nv@bacninh.gov.vn"),
            person_row("Trần Thị Bình", "027085000002", "binh.tt@bacninh.gov.vn")};
  rows[0][1] = "HỌ TÊN";
  rows[0][3] = " số cccd / cmnd (*) ";
  rows[0][13] = "SĐT";
  rows[0][11] = "Tỉnh";
  for (auto& row : rows) std::reverse(row.begin(), row.end());
  std::vector<std::string> head = rows.front();
  rows.erase(rows.begin());
  auto r = run(national_xlsx(rows, head), "dao-cot.xlsx", true);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(r->committed) << describe(*r);
  EXPECT_EQ(r->good_rows, 2);
  // A bad cell is named by where this sheet has it: the CCCD is in column P here.
  rows[0][kColumnCount - 1 - 3] = "12345";
  auto bad = run(national_xlsx(rows, head), "dao-cot.xlsx", false);
  ASSERT_TRUE(bad);
  const CellIssue* x = find(*bad, "cccd_format", "P", 2);
  ASSERT_NE(x, nullptr) << describe(*bad);
  EXPECT_EQ(x->header, "số cccd / cmnd (*)");
}

TEST_F(ImportVariantsTest, TheUnitAloneNamesTheOrganizationWithinReach) {
  const std::vector<std::string> head{"STT",          "Họ và tên", "Ngày sinh", "Số CCCD", "Nơi cấp", "Ngày cấp",
                                      "Email",        "Đơn vị",    "Chức vụ"};
  auto row = [](const std::string& unit, const std::string& cccd) {
    return std::vector<std::string>{"1", "Đỗ Minh Châu", "02/03/1991", cccd, "Cục CS QLHC về TTXH", "04/05/2022",
                                    "chau.dm" + cccd.substr(9) + "@bacninh.gov.vn", unit, "Giáo viên"};
  };
  auto ok = run(national_xlsx({row("Trường THPT Hàn Thuyên", "027091000321")}, head), "don-vi.xlsx", true);
  ASSERT_TRUE(ok) << ok.error().describe();
  ASSERT_TRUE(ok->committed) << describe(*ok);
  registry::RequestWorkflow wf(*env_);
  EXPECT_EQ(wf.show(actor("um1"), ok->request_ids[0])->request.org_id, school1_.id);
  // Another school exists, but not within um1's reach: it is not found (and not revealed).
  auto other = run(national_xlsx({row("Trường THPT Lý Thái Tổ", "027091000322")}, head), "don-vi.xlsx", false);
  ASSERT_TRUE(other);
  const CellIssue* x = find(*other, "org_unknown", "H", 2);
  ASSERT_NE(x, nullptr) << describe(*other);
  EXPECT_NE(x->message_en.find("within um1's scope"), std::string::npos) << x->message_en;
  // The aggregator of the department reaches both schools.
  auto agg = run(national_xlsx({row("Trường THPT Lý Thái Tổ", "027091000323")}, head), "don-vi.xlsx", false, false, "agg_edu");
  ASSERT_TRUE(agg);
  EXPECT_FALSE(agg->has_errors()) << describe(*agg);
}

TEST_F(ImportVariantsTest, TheReportWorkbookKeepsTheSheetsOwnColumns) {
  auto r = run(sheet_file("variants.xlsx"), "danh-sach.xlsx", false);
  ASSERT_TRUE(r);
  auto book = report_xlsx(*r);
  ASSERT_TRUE(book) << book.error().describe();
  auto t = read_xlsx(*book);
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_GE(t->rows.size(), 7U);
  EXPECT_EQ(t->rows[0].cells[2].text, "Số CCCD/CMND");
  EXPECT_EQ(t->rows[0].cells[15].text, "Ghi chú");
  EXPECT_EQ(t->rows[6].cells[2].text, "123456789");  // row 11 of the sheet, as typed
}

// A Word document's table (the old habit): read like a sheet; the paragraphs above it skipped.
std::string docx_document(const std::vector<std::vector<std::string>>& rows, bool with_table = true) {
  std::string body = R"(<w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>)";
  if (with_table) {
    body += "<w:tbl><w:tblGrid/>";
    for (const auto& r : rows) {
      body += "<w:tr>";
      for (const auto& c : r) {
        // A cell written in two runs and two paragraphs where it has a space, as Word does.
        const auto space = c.find(' ');
        if (space == std::string::npos) {
          body += "<w:tc><w:p><w:r><w:t>" + c + "</w:t></w:r></w:p></w:tc>";
        } else {
          body += "<w:tc><w:tcPr><w:tcW w:w=\"1200\"/></w:tcPr><w:p><w:r><w:t>" + c.substr(0, space) +
                  "</w:t></w:r></w:p><w:p><w:r><w:t>" + c.substr(space + 1) + "</w:t></w:r></w:p></w:tc>";
        }
      }
      body += "</w:tr>";
    }
    body += "</w:tbl>";
  }
  return R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)" +
         body + "</w:body></w:document>";
}

TEST_F(ImportVariantsTest, AWordTableIsReadLikeASheet) {
  std::vector<std::vector<std::string>> rows{
      {"STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Nơi cấp", "Ngày cấp", "Email", "Đơn vị", "Chức vụ"},
      {"1", "Đỗ Minh Châu", "02/03/1991", "027091000421", "Cục CS QLHC về TTXH", "04/05/2022", "chau.dm@bacninh.gov.vn",
       "Trường THPT Hàn Thuyên", "Giáo viên"},
      {"2", "Lê Thị Hà", "02/03/1991", "12345", "C06", "04/05/2022", "ha.lt@bacninh.gov.vn", "Trường THPT Hàn Thuyên",
       "Giáo viên"}};
  const Bytes doc = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", docx_document(rows)}});
  auto r = run(doc, "danh-sach.docx", false);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->format, SheetFormat::docx);
  EXPECT_EQ(r->header_row, 1);
  EXPECT_EQ(r->good_rows, 1) << describe(*r);
  EXPECT_NE(find(*r, "cccd_format", "D", 3), nullptr) << describe(*r);
  EXPECT_EQ(to_json(*r)["format"], "docx");
  // No table, or one without the headers: refused with the way to do it instead.
  const Bytes plain = make_zip({{"word/document.xml", docx_document(rows, false)}});
  auto none = run(plain, "cong-van.docx", false);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message_en.find("save it as .xlsx"), std::string::npos) << none.error().describe();
  rows.erase(rows.begin());
  auto headless = run(make_zip({{"word/document.xml", docx_document(rows)}}), "ds.docx", false);
  ASSERT_TRUE(headless);
  bool hint = false;
  for (const auto& x : headless->issues) hint = hint || x.code == "docx_hint";
  EXPECT_TRUE(hint) << describe(*headless);
  // Word 97–2003: how to save it instead.
  Bytes ole{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  auto old = run(ole, "ds.doc", false);
  ASSERT_FALSE(old);
  EXPECT_NE(old.error().message_vi.find(".docx"), std::string::npos);
}

// The template: the 19 headers, a sample row the importer reads as it is, drop-downs backed by
// the «Danh mục» sheet.
TEST_F(ImportVariantsTest, TheTemplateImportsItsOwnSampleRow) {
  auto book = list_template();
  ASSERT_TRUE(book) << book.error().describe();
  auto t = read_xlsx(*book);
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->rows.size(), 2U);
  for (std::size_t c = 0; c < kColumnCount; ++c) EXPECT_EQ(t->rows[0].cells[c].text, columns()[c].header);
  auto zip = ZipArchive::open(*book, {});
  ASSERT_TRUE(zip);
  auto sheet = zip->read("xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet && *sheet);
  EXPECT_NE((*sheet)->find("<dataValidations count=\"4\""), std::string::npos);
  EXPECT_NE((*sheet)->find("'Danh mục'!$A$2:$A$67"), std::string::npos);  // 3 national + 63 provincial
  auto lists = zip->read("xl/worksheets/sheet2.xml");
  ASSERT_TRUE(lists && *lists);
  auto r = run(*book, "mau.xlsx", false);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->good_rows, 1) << describe(*r);
}

}  // namespace
}  // namespace ct::documents
