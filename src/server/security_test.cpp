// Regressions of the security findings that live in the API's handling (issue 14), each named
// after its finding: uploads are authorized before a byte is written, and orphans are collected.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "registry/attachments.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

class SecurityTest : public testing::ApiFixture {
 protected:
  // Every file under the data directory's attachments/.
  std::size_t blob_files() {
    std::size_t n = 0;
    std::error_code ec;
    for (std::filesystem::recursive_directory_iterator it(dir_ / "attachments", ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_regular_file()) ++n;
    }
    return n;
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
  const std::size_t before = blob_files();
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
  // A blob nothing refers to (a change refused after the write, or a document removed), and a
  // temporary file left by a write cut short.
  auto orphan = registry::store_blob(dir_, Bytes{'%', 'P', 'D', 'F', '-', 'o'}, 1024);
  ASSERT_TRUE(orphan);
  const auto tmp = registry::blob_path(dir_, orphan->sha256).string() + ".tmp";
  { std::ofstream(tmp) << "partial"; }
  const std::size_t with = blob_files();
  // Within the grace period, nothing goes.
  auto kept = registry::collect_orphan_blobs(ctx_->db(), dir_, std::chrono::hours(1));
  ASSERT_TRUE(kept);
  EXPECT_EQ(*kept, 0);
  auto collected = registry::collect_orphan_blobs(ctx_->db(), dir_, std::chrono::seconds(0));
  ASSERT_TRUE(collected) << collected.error().describe();
  EXPECT_EQ(*collected, 2);
  EXPECT_EQ(blob_files(), with - 2);
  EXPECT_FALSE(std::filesystem::exists(registry::blob_path(dir_, orphan->sha256)));
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
