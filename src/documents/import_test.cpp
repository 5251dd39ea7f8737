// Import of the national sheet: the table of bad sheets (each gives its own finding or a clear
// refusal, and nothing is written), commits (all-or-nothing, good rows only on request), CSV
// with and without BOM, NFC, legacy encodings, scope, and the export → import round trip.
#include "documents/documents_test_support.h"
#include "documents/export.h"
#include "documents/import.h"
#include "registry/registry_test_support.h"
#include "registry/round_batch.h"

namespace ct::documents {
namespace {

using namespace testing;
using Rows = std::vector<std::vector<std::string>>;

class ImportTest : public registry::testing::RegistryFixture {
 protected:
  std::int64_t count(const char* table) {
    auto lease = db_->acquire();
    auto q = (*lease)->query(std::string("SELECT COUNT(*) FROM ") + table);
    EXPECT_TRUE(q && q->step());
    return q->get_int(0);
  }
  Result<ImportReport> run(const Bytes& b, const std::string& name, bool commit = true, const std::string& as = "um1",
                           bool good_only = false) {
    ImportOptions o;
    o.commit = commit;
    o.good_rows_only = good_only;
    return import_sheet(*env_, actor(as), b, name, o);
  }
  static Rows good() {
    return {headers(), person_row("Nguyễn Văn An", "027085000001", "an.nv@bacninh.gov.vn"),
            person_row("Trần Thị Bình", "027085000002", "binh.tt@bacninh.gov.vn")};
  }
  static Bytes xlsx(Rows rows) {
    std::vector<std::string> head = rows.front();
    rows.erase(rows.begin());
    return national_xlsx(rows, head);
  }
  static bool has(const ImportReport& r, const std::string& code, const std::string& column, int row = 0) {
    for (const auto& x : r.issues)
      if (x.code == code && x.column == column && (row == 0 || x.row == row)) return true;
    return false;
  }
};

TEST_F(ImportTest, GoodSheetDryRunThenCommit) {
  const auto before = count("requests");
  auto dry = run(xlsx(good()), "ds.xlsx", false);
  ASSERT_TRUE(dry) << dry.error().describe();
  EXPECT_EQ(dry->data_rows, 2);
  EXPECT_EQ(dry->good_rows, 2);
  EXPECT_FALSE(dry->has_errors()) << describe(*dry);
  EXPECT_FALSE(dry->committed);
  EXPECT_EQ(count("requests"), before);
  auto done = run(xlsx(good()), "ds.xlsx");
  ASSERT_TRUE(done) << done.error().describe();
  EXPECT_TRUE(done->committed);
  ASSERT_EQ(done->request_ids.size(), 2U);
  EXPECT_EQ(done->new_subscribers.size(), 2U);
  registry::RequestWorkflow wf(*env_);
  auto v = wf.show(actor("um1"), done->request_ids[0]);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->request.state, registry::RequestState::draft);
  EXPECT_EQ(v->request.form.subject.full_name, "Nguyễn Văn An");
  EXPECT_EQ(v->request.org_id, school1_.id);
  EXPECT_EQ(v->timeline.back().action, "import");
  // Search without diacritics finds the imported person.
  registry::RequestFilter f;
  f.search = "nguyen van an";
  auto found = wf.list(actor("um1"), f, {});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1U);
  EXPECT_EQ(found->front().id, done->request_ids[0]);
}

struct BadSheet {
  const char* name;
  std::function<void(Rows&)> spoil;
  const char* code;
  const char* column;
  int row;
};

TEST_F(ImportTest, BadSheetsGiveTheirFindingAndWriteNothing) {
  const std::vector<BadSheet> table{
      {"no CCCD column", [](Rows& r) { r[0][3] = "Mã số"; }, "column_missing", "", 1},
      {"CCCD of 9 digits (CMND)", [](Rows& r) { r[1][3] = "027085001"; }, "cmnd_old", "D", 2},
      {"CCCD of 13 digits", [](Rows& r) { r[2][3] = "0270850000021"; }, "cccd_format", "D", 3},
      {"date yyyy/MM/dd", [](Rows& r) { r[1][2] = "1985/06/15"; }, "date_format", "C", 2},
      {"date with a two-digit year", [](Rows& r) { r[1][2] = "15.06.85"; }, "date_format", "C", 2},
      {"date in words", [](Rows& r) { r[2][5] = "10 tháng 5 năm 2021"; }, "date_format", "F", 3},
      {"no e-mail column", [](Rows& r) { r[0][6] = "Ghi chú"; }, "column_missing", "", 1},
      {"missing e-mail", [](Rows& r) { r[2][6] = ""; }, "required", "G", 3},
      {"e-mail outside the province", [](Rows& r) { r[1][6] = "an.nguyen@gmail.com"; }, "email_domain", "G", 2},
      {"duplicate people", [](Rows& r) { r[2][3] = r[1][3]; }, "duplicate", "D", 3},
      {"unknown organization", [](Rows& r) { r[1][9] = "Trường THPT Không Có"; }, "org_unknown", "J", 2},
      {"unknown issue place", [](Rows& r) { r[1][4] = "CA999"; }, "cccd_place_unknown", "E", 2},
      {"unknown issue place, written out", [](Rows& r) { r[1][4] = "Công an huyện Gia Bình"; }, "cccd_place_unknown", "E", 2},
      {"unknown device", [](Rows& r) { r[1][17] = "USB"; }, "device_unknown", "R", 2},
      {"unknown request type", [](Rows& r) { r[1][18] = "cấp tốc"; }, "type_unknown", "S", 2},
      {"bad phone", [](Rows& r) { r[1][13] = "12345"; }, "phone_format", "N", 2},
      {"underage", [](Rows& r) { r[1][2] = "01/01/2015"; }, "underage", "C", 2},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(c.name);
    Rows rows = good();
    c.spoil(rows);
    const auto requests = count("requests"), subscribers = count("subscribers");
    for (const bool as_csv : {false, true}) {
      auto r = as_csv ? run(bytes_of(csv_of(rows)), "ds.csv") : run(xlsx(rows), "ds.xlsx");
      ASSERT_TRUE(r) << r.error().describe();
      EXPECT_TRUE(has(*r, c.code, c.column, c.row)) << (as_csv ? "csv" : "xlsx") << "\n" << describe(*r);
      EXPECT_FALSE(r->committed);
      for (const auto& x : r->issues) {
        EXPECT_FALSE(x.message_vi.empty());
        EXPECT_FALSE(x.message_en.empty());
      }
    }
    EXPECT_EQ(count("requests"), requests);
    EXPECT_EQ(count("subscribers"), subscribers);
  }
}

TEST_F(ImportTest, RefusedFilesWriteNothing) {
  const auto requests = count("requests");
  Bytes big(20 * 1024 * 1024, 'x');
  big[0] = 'P', big[1] = 'K', big[2] = 3, big[3] = 4;
  std::string row = R"(<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>)";
  std::string rows;
  while (rows.size() < 12U * 1024 * 1024) rows += row;
  struct Case {
    const char* name;
    Bytes data;
    const char* file;
    const char* words;
  };
  const std::vector<Case> cases{
      {"20 MB spreadsheet", big, "lon.xlsx", "too large"},
      {"20 MB CSV", Bytes(20 * 1024 * 1024, 'a'), "lon.csv", "too large"},
      {"zip bomb", make_zip(package(sheet_xml(rows))), "bom.xlsx", "zip bomb"},
      {"a PDF named .xlsx", bytes_of("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), "ds.xlsx", "not an XLSX or CSV"},
      {"a PNG", bytes_of(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)), "anh.png", "not an XLSX or CSV"},
      {"a Word document without a table", make_zip({{"word/document.xml", "<w:document/>"}}), "ds.docx", "save it as .xlsx"},
      {"a ZIP that is neither", make_zip({{"readme.txt", "x"}}), "ds.xlsx", "xl/workbook.xml"},
      {"Excel 97", bytes_of("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), "ds.xls", ".xls"},
  };
  for (const auto& c : cases) {
    auto r = run(c.data, c.file);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_input) << c.name;
    EXPECT_NE(r.error().message_en.find(c.words), std::string::npos) << c.name << ": " << r.error().describe();
  }
  auto text = run(bytes_of("Xin chào, đây không phải bảng tính\n"), "thu.csv");
  ASSERT_TRUE(text);
  EXPECT_TRUE(has(*text, "header_missing", ""));
  EXPECT_EQ(count("requests"), requests);
}

TEST_F(ImportTest, CsvWithAndWithoutBomNfcAndLegacyEncoding) {
  Rows rows = good();
  rows[1][1] = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";  // NFD: e + circumflex + tilde, a + breve
  for (const std::string& bom : {std::string("\xEF\xBB\xBF"), std::string()}) {
    auto r = run(bytes_of(bom + csv_of(rows)), "ds.csv", false);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_FALSE(r->has_errors()) << describe(*r);
    EXPECT_EQ(r->rows.at(0).second[1], "Nguyễn Văn An");  // stored NFC
  }
  Rows legacy = good();
  legacy[2][1] = "Tr\xA7\xDFn Th\xDE B\xAAnh";  // TCVN3 bytes: not UTF-8
  auto r = run(bytes_of(csv_of(legacy)), "ds.csv");
  ASSERT_TRUE(r);
  EXPECT_TRUE(has(*r, "encoding", "B", 3)) << describe(*r);
  EXPECT_FALSE(r->committed);
  for (const auto& x : r->issues)
    if (x.code == "encoding") EXPECT_EQ(x.value, "Tr\\xA7\\xDFn Th\\xDE B\\xAAnh");  // shown, not garbled
}

TEST_F(ImportTest, GoodRowsOnlyCommitsTheRestInOneGo) {
  Rows rows = good();
  rows.push_back(person_row("Lê Văn Cường", "12345", "cuong@bacninh.gov.vn"));
  auto all = run(xlsx(rows), "ds.xlsx");
  ASSERT_TRUE(all);
  EXPECT_FALSE(all->committed);
  EXPECT_EQ(all->bad_rows, 1);
  auto some = run(xlsx(rows), "ds.xlsx", true, "um1", true);
  ASSERT_TRUE(some);
  EXPECT_TRUE(some->committed);
  EXPECT_EQ(some->request_ids.size(), 2U);
  auto report = report_xlsx(*some);
  ASSERT_TRUE(report);
  auto t = read_xlsx(*report);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows.size(), 4U);  // header + the three rows, the bad cell marked
}

TEST_F(ImportTest, ScopeNumbersAndExistingPeople) {
  auto other = run(xlsx(good()), "ds.xlsx", true, "um2");
  ASSERT_TRUE(other);
  EXPECT_TRUE(has(*other, "out_of_scope", "J", 2)) << describe(*other);
  EXPECT_FALSE(other->committed);
  EXPECT_FALSE(run(xlsx(good()), "ds.xlsx", true, "auditor"));  // may not create requests at all
  // A CCCD typed as a number, a date typed as a date.
  const std::string styles = R"(<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  std::string head = "<row r=\"1\">";
  for (std::size_t i = 0; i < kColumnCount; ++i)
    head += "<c r=\"" + column_letters(i) + "1\" t=\"inlineStr\"><is><t>" + std::string(columns()[i].header) + "</t></is></c>";
  head += "</row>";
  std::string row = "<row r=\"2\">";
  const auto values = person_row("Ngô Thị Dung", "", "dung@bacninh.gov.vn");
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    const std::string ref = column_letters(i) + "2";
    if (i == 2) row += "<c r=\"" + ref + "\" s=\"1\"><v>31213</v></c>";  // 15/06/1985
    else if (i == 3) row += "<c r=\"" + ref + "\"><v>27085000009</v></c>";
    else if (!values[i].empty()) row += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + values[i] + "</t></is></c>";
  }
  row += "</row>";
  auto r = run(make_zip(package(sheet_xml(head + row), "", styles)), "so.xlsx", false);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_TRUE(has(*r, "stored_as_number", "D", 2)) << describe(*r);
  EXPECT_FALSE(has(*r, "date_format", "C", 2)) << describe(*r);
  // The same CCCD already registered in the same school: the subscriber is reused.
  const auto existing = add_subscriber(school1_.id, person("Nguyễn Văn An", "an.nv@bacninh.gov.vn", "027085000001"));
  auto again = run(xlsx(good()), "ds.xlsx");
  ASSERT_TRUE(again) << again.error().describe();
  ASSERT_TRUE(again->committed) << describe(*again);
  EXPECT_EQ(again->new_subscribers.size(), 1U);
  registry::RequestWorkflow wf(*env_);
  auto v = wf.show(actor("um1"), again->request_ids[0]);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->request.subscriber_id, existing);
}

// Issue 14 (4): the dry run tells a unit manager nothing about a CCCD registered outside its
// reach; within reach (the department over both schools) it is reported.
TEST_F(ImportTest, ImportDryRunSaysNothingOfACccdOutsideReach) {
  add_subscriber(finance_.id, person("Lê Văn Cường", "cuong.lv@bacninh.gov.vn", "027085000001"));
  auto r = run(xlsx(good()), "ds.xlsx", false);
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_FALSE(has(*r, "cccd_taken", "D")) << describe(*r);
  for (const auto& x : r->issues) EXPECT_EQ(x.message_en.find("another organization"), std::string::npos);
  add_subscriber(school2_.id, person("Trần Thị Bình", "binh.tt2@bacninh.gov.vn", "027085000002"));
  auto dept = run(xlsx(good()), "ds.xlsx", false, "agg_edu");
  ASSERT_TRUE(dept) << dept.error().describe();
  EXPECT_TRUE(has(*dept, "cccd_taken", "D", 3)) << describe(*dept);
}

// Export a batch to XLSX, import it back: the same 19 cells.
TEST_F(ImportTest, BatchRoundTrip) {
  const auto a = add_subscriber(school1_.id, person("Nguyễn Thị Ánh Tuyết", "tuyet@bacninh.gov.vn", "001190000123"));
  const auto b = add_subscriber(school2_.id, person("Đặng Quỳnh Hương", "huong@bacninh.gov.vn", "027190000456"));
  std::vector<std::int64_t> ids;
  for (auto [login, sub] : {std::pair{"um1", a}, std::pair{"um2", b}}) {
    auto r = create(login, registry::RequestType::new_cert, sub);
    ASSERT_TRUE(r) << r.error().describe();
    registry::RequestWorkflow wf(*env_);
    ASSERT_TRUE(wf.submit(actor(login), r->id, ""));
    ids.push_back(r->id);
  }
  auto round = registry::open_round(*env_, actor("agg_edu"), {"Đợt tháng 12", "31/12/2099", std::nullopt, std::nullopt});
  ASSERT_TRUE(round) << round.error().describe();
  auto batch = registry::create_batch(*env_, actor("agg_edu"), round->id);
  ASSERT_TRUE(batch);
  ASSERT_TRUE(registry::add_to_batch(*env_, actor("agg_edu"), batch->id, ids));
  auto exported = export_batch_xlsx(*env_, actor("agg_edu"), batch->id);
  ASSERT_TRUE(exported) << exported.error().describe();
  EXPECT_FALSE(export_batch_xlsx(*env_, actor("um_fin"), batch->id));  // out of scope
  auto pdf = export_batch_pdf(*env_, actor("agg_edu"), batch->id);
  ASSERT_TRUE(pdf) << pdf.error().describe();
  auto letter = export_request_letter(*env_, actor("um1"), ids[0]);
  ASSERT_TRUE(letter) << letter.error().describe();
  EXPECT_FALSE(export_request_letter(*env_, actor("um2"), ids[0]));

  auto imported = run(*exported, "batch.xlsx", true, "agg_edu");
  ASSERT_TRUE(imported) << imported.error().describe();
  ASSERT_TRUE(imported->committed) << describe(*imported);
  ASSERT_EQ(imported->request_ids.size(), 2U);
  EXPECT_TRUE(imported->new_subscribers.empty());  // the same people, found by CCCD
  auto original = read_xlsx(*exported);
  ASSERT_TRUE(original);
  registry::RequestFilter f;
  f.state = registry::RequestState::draft;
  auto again = export_requests_xlsx(*env_, actor("agg_edu"), f);
  ASSERT_TRUE(again);
  auto copy = read_xlsx(*again);
  ASSERT_TRUE(copy);
  ASSERT_EQ(copy->rows.size(), original->rows.size());
  for (std::size_t r = 0; r < original->rows.size(); ++r) {
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      auto text = [&](const Table& t) { return c < t.rows[r].cells.size() ? t.rows[r].cells[c].text : std::string(); };
      EXPECT_EQ(text(*copy), text(*original)) << "row " << r + 1 << " column " << column_letters(c);
    }
  }
  EXPECT_EQ(original->rows[1].cells[3].text, "001190000123");
}

}  // namespace
}  // namespace ct::documents
