#include <gtest/gtest.h>

#include <cstdlib>

#include "common/config.h"
#include "common/error.h"
#include "common/hex.h"
#include "common/internet_names.h"
#include "common/text.h"
#include "common/time_format.h"

namespace ct {
namespace {

TEST(Hex, RoundTripAndSerialNormalization) {
  const Bytes b{0x00, 0x0A, 0xFF};
  EXPECT_EQ(to_hex(b), "000AFF");
  EXPECT_EQ(*from_hex("00:0a:ff"), b);
  EXPECT_FALSE(from_hex("0G").has_value());
  EXPECT_EQ(*normalize_serial_hex("00:0a:ff"), "0AFF");
  EXPECT_EQ(*normalize_serial_hex("abc"), "0ABC");
  EXPECT_FALSE(normalize_serial_hex("").has_value());
  EXPECT_FALSE(normalize_serial_hex("xyz").has_value());
}

TEST(Text, FoldRemovesDiacriticsCaseAndSpaces) {
  EXPECT_EQ(text::fold("Nguyễn  Văn An "), "nguyen van an");
  EXPECT_EQ(text::fold("ĐẶNG Thị Hồng Đào"), "dang thi hong dao");
  EXPECT_EQ(text::fold("Sở Giáo dục và Đào tạo"), "so giao duc va dao tao");
}

TEST(Text, UpperFollowsVietnameseNotBytes) {
  EXPECT_EQ(text::upper("Cục Cảnh sát QLHC về TTXH"), "CỤC CẢNH SÁT QLHC VỀ TTXH");
  EXPECT_EQ(text::upper("đặng thị hồng đào"), "ĐẶNG THỊ HỒNG ĐÀO");
  EXPECT_EQ(text::upper("token"), "TOKEN");
  EXPECT_EQ(text::upper("\xC3("), "\xC3(");  // not UTF-8: unchanged
}

TEST(Text, AsciiLowerKeepsOtherBytes) {
  EXPECT_EQ(text::ascii_lower("Text/HTML; Charset=UTF-8"), "text/html; charset=utf-8");
  EXPECT_EQ(text::ascii_lower("ĐÀO"), "\xC4\x90\xC3\x80o");  // only the ASCII 'O' changes
}

TEST(InternetNames, EmailAddresses) {
  for (const char* ok : {"an.nv@bacninh.gov.vn", "A@BacNinh.gov.vn", "o'brien+tag@x.vn", "a_b-c%d@mof.gov.vn"}) {
    EXPECT_TRUE(is_email_address(ok)) << ok;
  }
  for (const char* bad : {"", "@x.vn", "an@", "an@bacninh", "an..nv@x.vn", ".an@x.vn", "an.@x.vn", "a@b@x.vn",
                          "an nv@x.vn", "Nguyễn@x.vn", "an@x.v1", "an@-x.vn", "an@x..vn", "a\"b@x.vn",
                          "a@b.vn,DNS:evil.example", "an@*.x.vn"}) {
    EXPECT_FALSE(is_email_address(bad)) << bad;
  }
  EXPECT_FALSE(is_email_address(std::string(65, 'a') + "@x.vn"));
  EXPECT_TRUE(is_email_address(std::string(64, 'a') + "@x.vn"));
}

TEST(InternetNames, DnsNames) {
  EXPECT_TRUE(is_dns_name("dichvucong.bacninh.gov.vn"));
  EXPECT_TRUE(is_dns_name("localhost"));
  EXPECT_FALSE(is_dns_name("*.bacninh.gov.vn"));
  EXPECT_TRUE(is_dns_name("*.bacninh.gov.vn", true));
  EXPECT_FALSE(is_dns_name("a.*.vn", true));
  for (const char* bad : {"", ".x.vn", "x.vn.", "x..vn", "-x.vn", "x-.vn", "x_y.vn", "x y.vn"}) {
    EXPECT_FALSE(is_dns_name(bad, true)) << bad;
  }
  EXPECT_FALSE(is_dns_name(std::string(64, 'a') + ".vn"));
  EXPECT_TRUE(is_dns_name(std::string(63, 'a') + ".vn"));
}

TEST(Error, FindingsAreATypedRefusalThatSurvivesContext) {
  const Error e = Error::findings("Thông tin chưa hợp lệ", "The data is not valid", "subscriber");
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_TRUE(e.from_findings);
  EXPECT_TRUE(e.within("row 3").from_findings);
  EXPECT_EQ(e.within("row 3").context, "row 3: subscriber");
  EXPECT_FALSE(Error::make(ErrorCode::invalid_input, "x", "x", "findings").from_findings);  // a name is not a type
}

TEST(HttpDate, ImfFixdate) {
  EXPECT_EQ(timefmt::http_date(from_unix(784111777)), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110 §5.6.7's example
  EXPECT_EQ(timefmt::http_date(from_unix(1795000000)), "Wed, 18 Nov 2026 11:06:40 GMT");
}

TEST(Text, NfcComposesAndRejectsInvalidUtf8) {
  // "Việt" written with combining marks (e + circumflex U+0302 + dot below U+0323).
  const std::string decomposed = "Vi\x65\xCC\x82\xCC\xA3t";
  auto nfc = text::to_nfc(decomposed);
  ASSERT_TRUE(nfc);
  EXPECT_EQ(*nfc, "Việt");
  auto bad = text::to_nfc("\xC3\x28", "name");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(bad.error().context, "name");
}

TEST(TimeFormat, VietnamDatesAndParsing) {
  const TimePoint t = from_unix(1671235200);  // 2022-12-17T00:00:00Z
  EXPECT_EQ(timefmt::iso8601_utc(t), "2022-12-17T00:00:00Z");
  EXPECT_EQ(timefmt::vn_date(t), "17/12/2022");
  EXPECT_EQ(timefmt::vn_datetime(t), "17/12/2022 07:00:00");
  auto a = timefmt::parse_date("17/12/2022");
  auto b = timefmt::parse_date("2022-12-17");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(*a, *b);
  EXPECT_EQ(timefmt::vn_date(*a), "17/12/2022");
  for (const char* bad : {"2022-13-01", "31/02/2022", "17-12-2022", "", "2022/12/17"}) {
    EXPECT_FALSE(timefmt::parse_date(bad)) << bad;
  }
}

TEST(Config, FileValuesEnvironmentOverridesAndTypeErrors) {
  auto cfg = Config::parse(R"(
listen = "127.0.0.1:9000"
[ca]
issuing_name = "CA phục vụ các cơ quan Nhà nước"
root_days = 7300
[validation]
email_domains = ["bacninh.gov.vn", "gov.vn"]
)", "test.toml");
  ASSERT_TRUE(cfg) << cfg.error().describe();
  EXPECT_EQ(*cfg->string("ca.issuing_name", ""), "CA phục vụ các cơ quan Nhà nước");
  EXPECT_EQ(*cfg->integer("ca.root_days", 0), 7300);
  EXPECT_EQ(cfg->strings("validation.email_domains", {})->size(), 2u);
  EXPECT_EQ(*cfg->string("missing.key", "d"), "d");
  EXPECT_FALSE(cfg->integer("ca.issuing_name", 0));
  ::setenv("CHUNGTHU_CA_ROOT_DAYS", "100", 1);
  EXPECT_EQ(*cfg->integer("ca.root_days", 0), 100);
  ::setenv("CHUNGTHU_CA_ROOT_DAYS", "abc", 1);
  EXPECT_FALSE(cfg->integer("ca.root_days", 0));
  ::unsetenv("CHUNGTHU_CA_ROOT_DAYS");
  auto bad = Config::parse("a = = 1", "bad.toml");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().context.find("bad.toml:1"), std::string::npos);
}

}  // namespace
}  // namespace ct
