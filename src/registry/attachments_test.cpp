#include <gtest/gtest.h>

#include "registry/attachments.h"
#include "registry/registry_test_support.h"
#include "registry/text_fields.h"

namespace ct::registry {
namespace {

Bytes bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

TEST(Attachments, SniffsByContent) {
  EXPECT_EQ(*sniff_media_type(bytes("%PDF-1.7\n")), "application/pdf");
  EXPECT_EQ(*sniff_media_type(bytes("\x89PNG\r\n\x1a\n....")), "image/png");
  EXPECT_EQ(*sniff_media_type(bytes("\xFF\xD8\xFF\xE0")), "image/jpeg");
  EXPECT_FALSE(sniff_media_type(bytes("MZ\x90\x00")));            // an .exe named .pdf
  EXPECT_FALSE(sniff_media_type(bytes("<html><script>")));
  EXPECT_FALSE(sniff_media_type(bytes("%PD")));
}

TEST(Attachments, SanitizesNames) {
  EXPECT_EQ(sanitize_filename("../../etc/passwd", "application/pdf"), "passwd");
  EXPECT_EQ(sanitize_filename("C:\\Users\\an\\Quyết định.pdf", "application/pdf"), "Quyết định.pdf");
  // NFD input comes out NFC.
  EXPECT_EQ(sanitize_filename("Quye\xCC\x82\xCC\x81t.pdf", "application/pdf"), "Quyết.pdf");
  EXPECT_EQ(sanitize_filename("a\x01\x1b[31mb\x7f.pdf", "application/pdf"), "a[31mb.pdf");
  EXPECT_EQ(sanitize_filename("x\xE2\x80\xAEgpj.pdf", "application/pdf"), "xgpj.pdf");  // RLO removed
  EXPECT_EQ(sanitize_filename("...", "image/png"), "tai-lieu.png");
  EXPECT_EQ(sanitize_filename("\xFF\xFE", "image/jpeg"), "tai-lieu.jpg");
  const std::string long_name = std::string(300, 'a') + ".pdf";
  const std::string cut = sanitize_filename(long_name, "application/pdf");
  EXPECT_EQ(cut.size(), 120u);
  EXPECT_EQ(cut.substr(cut.size() - 4), ".pdf");
  std::string viet;
  for (int i = 0; i < 130; ++i) viet += "ệ";
  EXPECT_EQ(utf8_length(sanitize_filename(viet, "application/pdf")), 120u);
}

TEST(Attachments, StoresContentAddressed) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "ct_att_XXXXXX").string();
  ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
  const std::filesystem::path dir = tmpl;
  auto a = store_blob(dir, bytes("%PDF-1.4 hello"), 1024);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->media_type, "application/pdf");
  EXPECT_EQ(a->sha256.size(), 64u);
  const auto p = blob_path(dir, a->sha256);
  EXPECT_EQ(p.parent_path().filename().string(), a->sha256.substr(0, 2));
  EXPECT_EQ(testing::read_text(p), "%PDF-1.4 hello");
  auto again = store_blob(dir, bytes("%PDF-1.4 hello"), 1024);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->sha256, a->sha256);
  auto big = store_blob(dir, Bytes(2048, '%'), 1024);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message_en.find("too large"), std::string::npos);
  EXPECT_FALSE(store_blob(dir, bytes("GIF89a"), 1024));
  EXPECT_FALSE(store_blob(dir, Bytes{}, 1024));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ct::registry
