#include <gtest/gtest.h>

#include <fstream>

#include "common/hex.h"
#include "common/text.h"
#include "crypto/keys.h"
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

TEST(Attachments, ChecksTypeAndSizeAndNamesByHash) {
  auto a = check_blob(bytes("%PDF-1.4 hello"), 1024);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_EQ(a->media_type, "application/pdf");
  EXPECT_EQ(a->sha256, text::ascii_lower(to_hex(crypto::digest(crypto::HashAlg::sha256, bytes("%PDF-1.4 hello")))));
  auto big = check_blob(Bytes(2048, '%'), 1024);
  ASSERT_FALSE(big);
  EXPECT_NE(big.error().message_en.find("too large"), std::string::npos);
  EXPECT_FALSE(check_blob(bytes("GIF89a"), 1024));
  EXPECT_FALSE(check_blob(Bytes{}, 1024));
}

class AttachmentStore : public testing::RegistryFixture {};

TEST_F(AttachmentStore, KeepsContentsOnceAndCollectsWhatNothingRefersTo) {
  const Bytes content = bytes("%PDF-1.4 kept once");
  auto blob = check_blob(content, 1024);
  ASSERT_TRUE(blob);
  const Bytes old = bytes("%PDF-1.4 from round one");
  auto old_blob = check_blob(old, 1024);
  ASSERT_TRUE(old_blob);
  {
    auto lease = db_->acquire();
    ASSERT_TRUE(lease);
    ASSERT_TRUE(put_blob(**lease, *blob, content, clock_.now()));
    ASSERT_TRUE(put_blob(**lease, *blob, content, clock_.now()));  // the same content again: one row
    auto rows = (*lease)->query("SELECT COUNT(*) FROM attachment_blobs WHERE sha256 = $1");
    ASSERT_TRUE(rows);
    rows->bind(1, blob->sha256);
    auto row = rows->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ(rows->get_int(0), 1);
    ASSERT_TRUE(rows->run());
    auto read = read_blob(**lease, dir_, blob->sha256);
    ASSERT_TRUE(read && *read);
    EXPECT_EQ(**read, content);
    auto none = read_blob(**lease, dir_, std::string(64, 'a'));
    ASSERT_TRUE(none);
    EXPECT_FALSE(*none);

    // A content written under the legacy folder before the store kept contents is still read.
    const auto legacy = legacy_blob_path(dir_, old_blob->sha256);
    std::filesystem::create_directories(legacy.parent_path());
    { std::ofstream(legacy, std::ios::binary) << "%PDF-1.4 from round one"; }
    auto legacy_read = read_blob(**lease, dir_, old_blob->sha256);
    ASSERT_TRUE(legacy_read && *legacy_read);
    EXPECT_EQ(**legacy_read, old);
  }
  // Within the grace period nothing goes.
  auto kept = collect_orphan_blobs(*db_, dir_, clock_.now(), std::chrono::hours(1));
  ASSERT_TRUE(kept) << kept.error().describe();
  EXPECT_EQ(*kept, 0);
  // After it, the row and the file that nothing refers to go.
  clock_.advance(std::chrono::seconds(1));
  auto collected = collect_orphan_blobs(*db_, dir_, clock_.now(), std::chrono::seconds(0));
  ASSERT_TRUE(collected) << collected.error().describe();
  EXPECT_EQ(*collected, 2);
  EXPECT_FALSE(std::filesystem::exists(legacy_blob_path(dir_, old_blob->sha256)));
  auto lease = db_->acquire();
  ASSERT_TRUE(lease);
  auto gone = read_blob(**lease, dir_, blob->sha256);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
}

}  // namespace
}  // namespace ct::registry
