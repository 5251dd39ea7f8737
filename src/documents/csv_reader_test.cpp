// The CSV reader (RFC 4180): quoting, BOM, CRLF, separators, bytes kept as they are.
#include <gtest/gtest.h>

#include "documents/csv_reader.h"
#include "documents/documents_test_support.h"

namespace ct::documents {
namespace {

using testing::bytes_of;

TEST(CsvReader, Rfc4180QuotingBomAndCrlf) {
  auto t = read_csv(bytes_of("\xEF\xBB\xBFSTT,Họ và tên,Ghi chú\r\n1,\"Nguyễn, Văn An\",\"nói \"\"xin chào\"\"\r\ndòng 2\"\r\n2,,\r\n"));
  ASSERT_TRUE(t) << t.error().describe();
  ASSERT_EQ(t->rows.size(), 3U);
  EXPECT_EQ(t->rows[0].cells[0].text, "STT");  // the BOM is not part of the first cell
  EXPECT_EQ(t->rows[1].cells[1].text, "Nguyễn, Văn An");
  EXPECT_EQ(t->rows[1].cells[2].text, "nói \"xin chào\"\r\ndòng 2");
  EXPECT_EQ(t->rows[2].number, 4);  // the record after a two-line field starts on line 4
  ASSERT_EQ(t->rows[2].cells.size(), 3U);
  EXPECT_EQ(t->rows[2].cells[1].kind, Cell::Kind::empty);
}

TEST(CsvReader, SemicolonsLfAndNoFinalNewline) {
  auto t = read_csv(bytes_of("a;b;c\n1;\"2;3\";4"));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->rows.size(), 2U);
  EXPECT_EQ(t->rows[1].cells[1].text, "2;3");
  EXPECT_EQ(t->rows[1].cells[2].text, "4");
}

TEST(CsvReader, KeepsInvalidUtf8AsBytes) {
  auto t = read_csv(bytes_of("Hä,\xD0\xE3ng\n"));  // TCVN3-looking bytes
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows[0].cells[1].text, "\xD0\xE3ng");
}

TEST(CsvReader, Refusals) {
  auto open = read_csv(bytes_of("a,\"b\nc,d\n"));
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message_en.find("Unterminated"), std::string::npos);
  CsvLimits l;
  l.max_rows = 2;
  EXPECT_FALSE(read_csv(bytes_of("1\n2\n3\n"), l));
  l = CsvLimits{};
  l.max_columns = 3;
  EXPECT_FALSE(read_csv(bytes_of("1,2,3,4\n"), l));
  EXPECT_FALSE(read_csv(Bytes(11 * 1024 * 1024, 'a')));
}

}  // namespace
}  // namespace ct::documents
