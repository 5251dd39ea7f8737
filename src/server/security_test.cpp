// Regressions of the security findings that live in the API's handling (issue 14), each named
// after its finding: uploads are authorized before a byte is stored, and orphans are collected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "registry/attachments.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

class SecurityTest : public testing::ApiFixture {
 protected:
  // Every attachment content the store holds.
  std::int64_t blob_files() {
    auto lease = ctx_->db().acquire();
    EXPECT_TRUE(lease);
    auto q = (*lease)->query("SELECT COUNT(*) FROM attachment_blobs");
    EXPECT_TRUE(q);
    auto row = q->step();
    EXPECT_TRUE(row && *row);
    return q->get_int(0);
  }
  HttpResponse upload(const std::string& login, std::int64_t request, const std::string& content) {
    HttpRequest req;
    req.headers["content-type"] = "application/pdf";
    req.query["kind"] = "other";
    req.query["name"] = "tep.pdf";
    req.params["id"] = std::to_string(request);
    req.body = content;
    return call("POST", "/api/v1/requests/{id}/attachments", login, req);
  }
};

TEST_F(SecurityTest, ARefusedUploadLeavesNoFile) {
  const std::int64_t before = blob_files();
  // Another organization's request, a role that cannot edit, a request that does not exist.
  EXPECT_GE(upload("um_fin", inside_.request, "%PDF-1.4\nfrom outside\n").status, 403);
  EXPECT_GE(upload("auditor", inside_.request, "%PDF-1.4\nfrom the auditor\n").status, 403);
  EXPECT_EQ(upload("um1", 999999, "%PDF-1.4\nnowhere\n").status, 404);
  EXPECT_EQ(blob_files(), before);
  // The owner can, and that file is kept.
  auto ok = upload("um1", inside_.request, "%PDF-1.4\nfrom the unit\n");
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(blob_files(), before + 1);
}

TEST_F(SecurityTest, OrphanUploadsAreCollected) {
  // A content nothing refers to (a document removed from a draft), and a temporary file left by
  // a write cut short in the attachments/ folder of before the store kept contents.
  const Bytes content{'%', 'P', 'D', 'F', '-', 'o'};
  auto orphan = registry::check_blob(content, 1024);
  ASSERT_TRUE(orphan);
  {
    auto lease = ctx_->db().acquire();
    ASSERT_TRUE(lease);
    ASSERT_TRUE(registry::put_blob(**lease, *orphan, content, ctx_->clock().now()));
  }
  const auto tmp = registry::legacy_blob_path(dir_, orphan->sha256).string() + ".tmp";
  std::filesystem::create_directories(std::filesystem::path(tmp).parent_path());
  { std::ofstream(tmp) << "partial"; }
  const std::int64_t with = blob_files();
  // Within the grace period, nothing goes.
  auto kept = registry::collect_orphan_blobs(ctx_->db(), dir_, ctx_->clock().now(), std::chrono::hours(1));
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, 0);
  const TimePoint later = ctx_->clock().now() + std::chrono::seconds(1);
  auto collected = registry::collect_orphan_blobs(ctx_->db(), dir_, later, std::chrono::seconds(0));
  ASSERT_TRUE(collected) << collected.error().describe();
  EXPECT_EQ(*collected, 2);
  EXPECT_EQ(blob_files(), with - 1);
  EXPECT_FALSE(std::filesystem::exists(tmp));
  // The attachments of the seeded drafts stay.
  auto doc = call("GET", "/api/v1/requests/{id}/attachments/{attachment_id}", "um1", [&] {
    HttpRequest r;
    r.params["id"] = std::to_string(inside_.request);
    r.params["attachment_id"] = std::to_string(inside_.attachment);
    return r;
  }());
  EXPECT_EQ(doc.status, 200);
}

}  // namespace
}  // namespace ct::server
