#include "crypto/name.h"

#include <gtest/gtest.h>

#include <cctype>
#include <string>

namespace ct::crypto {
namespace {

TEST(ParseDn, ReadsTheGovernmentProfileInOrder) {
  const auto dn = parse_dn("C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Tài chính,CN=Nguyễn Văn An");
  ASSERT_TRUE(dn) << dn.error().message_en;
  const DistinguishedName expected{{"C", "VN"},
                                   {"ST", "Bắc Ninh"},
                                   {"O", "UBND tỉnh Bắc Ninh"},
                                   {"OU", "Sở Tài chính"},
                                   {"CN", "Nguyễn Văn An"}};
  EXPECT_EQ(*dn, expected);
  EXPECT_EQ(format_dn(*dn), "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Tài chính,CN=Nguyễn Văn An");
}

TEST(ParseDn, IgnoresSpacesAroundSeparatorsAndCanonicalizesTypes) {
  const auto dn = parse_dn("  c = VN ,  cn =  Trần Thị Bình , serialnumber = CCCD:001234567890 ");
  ASSERT_TRUE(dn) << dn.error().message_en;
  const DistinguishedName expected{{"C", "VN"}, {"CN", "Trần Thị Bình"}, {"serialNumber", "CCCD:001234567890"}};
  EXPECT_EQ(*dn, expected);
}

TEST(ParseDn, EscapesRoundTrip) {
  const DistinguishedName dn{{"O", "Công ty A, B = C"}, {"OU", "back\\slash"}, {"CN", "x"}};
  const std::string text = format_dn(dn);
  EXPECT_EQ(text, "O=Công ty A\\, B \\= C,OU=back\\\\slash,CN=x");
  const auto parsed = parse_dn(text);
  ASSERT_TRUE(parsed) << parsed.error().message_en;
  EXPECT_EQ(*parsed, dn);
}

TEST(ParseDn, NormalizesToNfc) {
  // "Nguyễn" with e + combining circumflex + combining tilde.
  const auto dn = parse_dn("CN=Nguye\xCC\x82\xCC\x83n");
  ASSERT_TRUE(dn) << dn.error().message_en;
  EXPECT_EQ(dn_value(*dn, "CN"), "Nguyễn");
}

TEST(ParseDn, EmptyTextIsTheEmptyName) {
  const auto dn = parse_dn("   ");
  ASSERT_TRUE(dn);
  EXPECT_TRUE(dn->empty());
  EXPECT_EQ(format_dn({}), "");
}

TEST(ParseDn, LengthIsCountedInCharactersUpToTheRfc5280Bound) {
  std::string sixty_four;
  for (int i = 0; i < 64; ++i) sixty_four += "ễ";
  EXPECT_TRUE(parse_dn("CN=" + sixty_four));
  EXPECT_FALSE(parse_dn("CN=" + sixty_four + "a"));
  EXPECT_TRUE(parse_dn("L=" + sixty_four + sixty_four));  // ub-locality-name is 128
}

struct BadDn {
  const char* text;
  const char* reason;
};
// GoogleTest (and so CTest's test list) shows the text instead of the struct's bytes: letters,
// digits and "=,.@ -" as they are, any other byte as %XX (a backslash or ';' would break CTest's
// list of names).
void PrintTo(const BadDn& b, std::ostream* os) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::string plain = "=,.@ -";
  for (const char* p = b.text; *p != '\0'; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (std::isalnum(c) != 0 || plain.find(static_cast<char>(c)) != std::string::npos) {
      *os << static_cast<char>(c);
    } else {
      *os << '%' << kHex[c >> 4] << kHex[c & 0xF];
    }
  }
}

class ParseDnRefuses : public ::testing::TestWithParam<BadDn> {};

TEST_P(ParseDnRefuses, WithAReason) {
  const auto dn = parse_dn(GetParam().text);
  ASSERT_FALSE(dn) << GetParam().text;
  EXPECT_EQ(dn.error().code, ErrorCode::invalid_input);
  EXPECT_NE(dn.error().message_en.find(GetParam().reason), std::string::npos) << dn.error().message_en;
  EXPECT_FALSE(dn.error().message_vi.empty());
  EXPECT_NE(dn.error().message_vi, dn.error().message_en);
}

INSTANTIATE_TEST_SUITE_P(Cases, ParseDnRefuses,
                         ::testing::Values(BadDn{"XX=1", "unsupported attribute type"},
                                           BadDn{"CN=", "empty value"},
                                           BadDn{"C=VN,,CN=a", "missing '='"},
                                           BadDn{"CN=a,", "missing '='"},
                                           BadDn{"C=vn", "two upper-case letters"},
                                           BadDn{"C=VNM", "longer than 2"},
                                           BadDn{"CN=a\xFF", "not valid UTF-8"},
                                           BadDn{"CN=a\\", "escape"},
                                           BadDn{"CN=a\\b", "escape"},
                                           BadDn{"CN=a\tb", "control character"},
                                           BadDn{"serialNumber=Số 1", "PrintableString"},
                                           BadDn{"emailAddress=ấ@x.vn", "ASCII"}));

TEST(DnValue, FirstMatchOrEmpty) {
  const DistinguishedName dn{{"OU", "Phòng 1"}, {"OU", "Phòng 2"}, {"CN", "An"}};
  EXPECT_EQ(dn_value(dn, "OU"), "Phòng 1");
  EXPECT_EQ(dn_value(dn, "CN"), "An");
  EXPECT_EQ(dn_value(dn, "O"), "");
}

}  // namespace
}  // namespace ct::crypto
