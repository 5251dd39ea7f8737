// The XLSX reader on files written by libxlsxwriter and on hand-made SpreadsheetML variants
// (ECMA-376 Part 1 §18): shared and inline strings, numbers and dates as Excel stores them,
// empty cells, extra sheets, prefixes, escapes; and its refusals (not a ZIP, a zip bomb, limits).
#include "documents/documents_test_support.h"
#include "documents/xlsx_reader.h"

namespace ct::documents {
namespace {

using namespace testing;

std::string cell(const Table& t, std::size_t row, std::size_t col) {
  if (row >= t.rows.size() || col >= t.rows[row].cells.size()) return "<none>";
  return t.rows[row].cells[col].text;
}

TEST(XlsxReader, ReadsWhatTheWriterWrote) {
  const Bytes b = national_xlsx({{"1", "Nguyễn Thị Ánh Tuyết", "05/01/1990", "001190000123", "", "", "x@bacninh.gov.vn"}});
  auto t = read_xlsx(b);
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->sheet_name, "Danh sách");
  ASSERT_EQ(t->rows.size(), 2U);
  EXPECT_EQ(cell(*t, 0, 1), "Họ và tên");
  EXPECT_EQ(cell(*t, 1, 1), "Nguyễn Thị Ánh Tuyết");
  EXPECT_EQ(cell(*t, 1, 2), "05/01/1990");
  EXPECT_EQ(cell(*t, 1, 3), "001190000123");  // text: the leading zeros stay
  EXPECT_EQ(t->rows[1].cells[4].kind, Cell::Kind::empty);
  EXPECT_EQ(cell(*t, 1, 6), "x@bacninh.gov.vn");
}

TEST(XlsxReader, SharedInlineNumbersDatesBooleansAndGaps) {
  const std::string sst =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">)"
      R"(<si><t>Trần Văn Bình</t></si>)"
      R"(<si><r><rPr><b/></rPr><t>Phạm </t></r><r><t xml:space="preserve">Thị Hoa</t></r><rPh sb="0" eb="1"><t>IGNORED</t></rPh></si>)"
      R"(<si><t>dòng_x000D_hai</t></si></sst>)";
  const std::string styles =
      R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1">)"
      R"(<numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs count="4"><xf numFmtId="0"/>)"
      R"(<xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>)";
  const std::string rows =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c><c r="E1" t="inlineStr"><is><t>Lê Đức Thọ</t></is></c></row>)"
      R"(<row r="3"><c r="A3"><v>27085000001</v></c><c r="B3" s="1"><v>31213</v></c><c r="C3" s="2"><v>44197</v></c>)"
      R"(<c r="D3" s="3"><v>3.5</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" t="str"><f>A1</f><v>công thức</v></c>)"
      R"(<c r="G3" t="e"><v>#N/A</v></c><c r="H3" t="s"><v>2</v></c><c r="I3" t="d"><v>2021-05-10T00:00:00</v></c></row>)";
  auto t = read_xlsx(make_zip(package(sheet_xml(rows), sst, styles)));
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->rows.size(), 2U);
  EXPECT_EQ(t->rows[0].number, 1);
  EXPECT_EQ(cell(*t, 0, 0), "Trần Văn Bình");
  EXPECT_EQ(t->rows[0].cells[1].kind, Cell::Kind::empty);  // B1 absent: C1 keeps its column
  EXPECT_EQ(cell(*t, 0, 2), "Phạm Thị Hoa");                // rich text runs, phonetic run left out
  EXPECT_EQ(cell(*t, 0, 4), "Lê Đức Thọ");
  EXPECT_EQ(t->rows[1].number, 3);
  EXPECT_EQ(t->rows[1].cells[0].kind, Cell::Kind::number);
  EXPECT_EQ(cell(*t, 1, 0), "27085000001");  // a CCCD typed as a number: its leading zero is gone
  EXPECT_EQ(t->rows[1].cells[1].kind, Cell::Kind::date);
  EXPECT_EQ(cell(*t, 1, 1), "15/06/1985");   // built-in date format 14
  EXPECT_EQ(cell(*t, 1, 2), "01/01/2021");   // custom dd/mm/yyyy
  EXPECT_EQ(cell(*t, 1, 3), "3.5");
  EXPECT_EQ(cell(*t, 1, 4), "TRUE");
  EXPECT_EQ(cell(*t, 1, 5), "công thức");
  EXPECT_EQ(t->rows[1].cells[6].kind, Cell::Kind::error);
  EXPECT_EQ(cell(*t, 1, 7), "dòng\rhai");    // _x000D_ escape (§22.4.2.4)
  EXPECT_EQ(cell(*t, 1, 8), "10/05/2021");   // t="d"
}

TEST(XlsxReader, FirstSheetInWorkbookOrderWithPrefixesAnd1904Dates) {
  const std::string wb =
      R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<x:workbookPr date1904="1"/><x:sheets><x:sheet name="Đầu tiên" sheetId="2" rel:id="rId7"/><x:sheet name="Khác" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>)";
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>)"
      R"(<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>)";
  const std::string styles = R"(<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  const std::string first =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row><x:c t="inlineStr"><x:is><x:t>đúng trang</x:t></x:is></x:c><x:c s="1"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>)";
  auto t = read_xlsx(make_zip({{"xl/workbook.xml", wb},
                               {"xl/_rels/workbook.xml.rels", rels},
                               {"xl/styles.xml", styles},
                               {"xl/worksheets/sheet1.xml", sheet_xml(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>sai trang</t></is></c></row>)")},
                               {"xl/worksheets/sheet2.xml", first}}));
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(t->sheet_name, "Đầu tiên");
  EXPECT_EQ(cell(*t, 0, 0), "đúng trang");
  EXPECT_EQ(cell(*t, 0, 1), "01/01/1904");  // serial 0 of the 1904 system
  EXPECT_EQ(t->rows[0].number, 1);
}

TEST(XlsxReader, ExcelSerialDates) {
  EXPECT_EQ(excel_serial_date(1), "01/01/1900");
  EXPECT_EQ(excel_serial_date(59), "28/02/1900");
  EXPECT_EQ(excel_serial_date(60), std::nullopt);  // 29/02/1900 never existed
  EXPECT_EQ(excel_serial_date(61), "01/03/1900");
  EXPECT_EQ(excel_serial_date(44197), "01/01/2021");
  EXPECT_EQ(excel_serial_date(45000.75), "15/03/2023");
  EXPECT_EQ(excel_serial_date(0), std::nullopt);
  EXPECT_EQ(excel_serial_date(0, true), "01/01/1904");
  EXPECT_EQ(excel_serial_date(1, true), "02/01/1904");
  EXPECT_EQ(excel_serial_date(-3), std::nullopt);
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbook) {
  auto not_zip = read_xlsx(bytes_of("%PDF-1.7\nnot a spreadsheet"));
  ASSERT_FALSE(not_zip);
  EXPECT_EQ(not_zip.error().code, ErrorCode::invalid_input);
  auto docx = read_xlsx(make_zip({{"word/document.xml", "<w:document/>"}}));
  ASSERT_FALSE(docx);
  EXPECT_NE(docx.error().message_en.find("xl/workbook.xml"), std::string::npos);
  auto bad_xml = read_xlsx(make_zip(package("<worksheet><sheetData><row>")));
  ASSERT_FALSE(bad_xml);
  EXPECT_NE(bad_xml.error().message_en.find("not well-formed"), std::string::npos);
  Bytes truncated = national_xlsx({});
  truncated.resize(truncated.size() / 2);
  EXPECT_FALSE(read_xlsx(truncated));
  auto bad_ref = read_xlsx(make_zip(package(sheet_xml(R"(<row r="2"><c r="A9"><v>1</v></c></row>)"))));
  ASSERT_FALSE(bad_ref);
  EXPECT_NE(bad_ref.error().message_en.find("A9"), std::string::npos);
  auto bad_sst = read_xlsx(make_zip(package(sheet_xml(R"(<row r="1"><c r="A1" t="s"><v>7</v></c></row>)"))));
  ASSERT_FALSE(bad_sst);
}

TEST(XlsxReader, RefusesAZipBomb) {
  // 16 MiB of one repeated row inflates a thousand times more than it weighs.
  std::string row = R"(<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>)";
  std::string rows;
  while (rows.size() < 16U * 1024 * 1024) rows += row;
  const Bytes bomb = make_zip(package(sheet_xml(rows)));
  ASSERT_LT(bomb.size(), 1024U * 1024);
  auto t = read_xlsx(bomb);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message_en.find("zip bomb"), std::string::npos) << t.error().describe();
  XlsxLimits small;
  small.zip.max_ratio = 1000000;
  small.zip.max_total_inflated = 4 * 1024 * 1024;
  auto total = read_xlsx(bomb, small);
  ASSERT_FALSE(total);
  EXPECT_NE(total.error().message_en.find("inflates beyond 4 MiB"), std::string::npos) << total.error().describe();
}

TEST(XlsxReader, Limits) {
  std::vector<std::vector<std::string>> rows(10, {"x"});
  XlsxLimits l;
  l.max_rows = 5;
  auto t = read_xlsx(national_xlsx(rows), l);
  ASSERT_FALSE(t);
  EXPECT_NE(t.error().message_en.find("too many rows"), std::string::npos);
  Bytes big(11 * 1024 * 1024, 0);
  big[0] = 'P', big[1] = 'K', big[2] = 3, big[3] = 4;
  auto b = read_xlsx(big);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().message_en.find("too large"), std::string::npos);
  XlsxLimits cells;
  cells.max_cell_bytes = 4;
  EXPECT_FALSE(read_xlsx(national_xlsx({{"12345"}}), cells));
  auto wide = read_xlsx(make_zip(package(sheet_xml(R"(<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>)"))));
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->rows[0].cells.size(), 1U);  // beyond max_columns: ignored, nothing allocated
}

}  // namespace
}  // namespace ct::documents
