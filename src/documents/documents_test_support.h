#pragma once
// Test-only: building spreadsheets and ZIP packages for the reader and importer tests.

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "common/hex.h"
#include "documents/national_sheet.h"
#include "documents/xlsx_writer.h"

namespace ct::documents::testing {

inline Bytes bytes_of(const std::string& s) { return Bytes(s.begin(), s.end()); }

inline std::filesystem::path temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "ct_documents_XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return {};
  return tmpl;
}

inline Bytes read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A ZIP archive of the given entries (deflated), as bytes.
inline Bytes make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  const auto dir = temp_dir();
  const std::string path = (dir / "t.zip").string();
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  if (z == nullptr) return {};
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0) << name;
  }
  EXPECT_EQ(zip_close(z), 0);
  Bytes out = read_bytes(path);
  std::filesystem::remove_all(dir);
  return out;
}

// The minimal package parts around a worksheet (ECMA-376 Part 2).
inline std::vector<std::pair<std::string, std::string>> package(const std::string& sheet_xml,
                                                                const std::string& shared_strings = "",
                                                                const std::string& styles = "") {
  std::vector<std::pair<std::string, std::string>> e{
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!shared_strings.empty()) e.emplace_back("xl/sharedStrings.xml", shared_strings);
  if (!styles.empty()) e.emplace_back("xl/styles.xml", styles);
  return e;
}

inline std::string sheet_xml(const std::string& rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

inline std::vector<std::string> headers() {
  std::vector<std::string> h;
  for (const auto& c : columns()) h.emplace_back(c.header);
  return h;
}

// A national sheet (header + rows) written by the XLSX writer.
inline Bytes national_xlsx(const std::vector<std::vector<std::string>>& rows, std::vector<std::string> head = headers()) {
  SheetSpec s;
  s.name = "Danh sách";
  s.headers = std::move(head);
  s.rows = rows;
  auto b = write_xlsx({s}, "test");
  EXPECT_TRUE(b) << (b ? "" : b.error().describe());
  return b ? *b : Bytes{};
}

// A good row for school `org3` under the seeded tree (registry_test_support.h).
inline std::vector<std::string> person_row(const std::string& name, const std::string& cccd, const std::string& email,
                                           const std::string& org3 = "Trường THPT Hàn Thuyên") {
  return {"1", name, "15/06/1985", cccd, "C06", "10/05/2021", email, "UBND tỉnh Bắc Ninh", "Sở Giáo dục và Đào tạo", org3, "",
          "Bắc Ninh", "Giáo viên", "0912345678", "", "", "", "TOKEN", "cấp mới"};
}

inline std::string csv_of(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) out += ",";
      out += "\"" + r[i] + "\"";
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace ct::documents::testing
