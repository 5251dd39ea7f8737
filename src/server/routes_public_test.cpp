#include "server/routes_public.h"

#include <gtest/gtest.h>

namespace ct::server {
namespace {

Bytes bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(DecodeOcspGet, Base64InBothAlphabetsWithOrWithoutPaddingAndEscapes) {
  struct Case {
    const char* tail;
    const char* decoded;
  };
  for (const Case& c : {Case{"MEQ=", "0D"}, Case{"MEQ", "0D"}, Case{"MEQ%3D", "0D"}, Case{"MEQ%3d", "0D"},
                        Case{"+/8=", "\xfb\xff"}, Case{"-_8", "\xfb\xff"}, Case{"%2B%2F8%3D", "\xfb\xff"},
                        Case{"YWJj", "abc"}}) {
    auto d = decode_ocsp_get(c.tail);
    ASSERT_TRUE(d) << c.tail;
    EXPECT_EQ(*d, bytes(c.decoded)) << c.tail;
  }
}

TEST(DecodeOcspGet, RefusesWhatIsNotBase64) {
  for (const char* tail : {"", "M", "MEQ?", "ME Q=", "%", "%4", "%zz", "MEQ===", "a=bc", "\xff\xfe"}) {
    EXPECT_FALSE(decode_ocsp_get(tail)) << tail;
  }
  EXPECT_FALSE(decode_ocsp_get(std::string(kMaxOcspRequestBytes * 4 + 1, 'A')));
  EXPECT_FALSE(decode_ocsp_get(std::string(kMaxOcspRequestBytes * 2, 'A')));  // decodes to more than 64 KiB
}

TEST(CheckOcspPost, ContentTypeAndSize) {
  EXPECT_EQ(check_ocsp_post("application/ocsp-request", 100), 0);
  EXPECT_EQ(check_ocsp_post("Application/OCSP-Request; charset=binary", 100), 0);
  EXPECT_EQ(check_ocsp_post("application/x-www-form-urlencoded", 100), 415);
  EXPECT_EQ(check_ocsp_post("", 100), 415);
  EXPECT_EQ(check_ocsp_post("application/ocsp-request", kMaxOcspRequestBytes + 1), 413);
}

TEST(EtagMatches, ListsWeakAndStar) {
  EXPECT_TRUE(etag_matches("\"A\"", "\"A\""));
  EXPECT_TRUE(etag_matches("\"B\", \"A\"", "\"A\""));
  EXPECT_TRUE(etag_matches("W/\"A\"", "\"A\""));
  EXPECT_TRUE(etag_matches("*", "\"A\""));
  EXPECT_FALSE(etag_matches("", "\"A\""));
  EXPECT_FALSE(etag_matches("\"AB\"", "\"A\""));
}

TEST(MediaType, LowerCaseWithoutParameters) {
  EXPECT_EQ(media_type("Multipart/Form-Data; boundary=xyz"), "multipart/form-data");
  EXPECT_EQ(media_type(" application/pkix-cert "), "application/pkix-cert");
}

TEST(RateLimiter, BucketRefillsAtItsRate) {
  RateLimiter limiter(1, 2, 2);
  const auto t0 = std::chrono::steady_clock::time_point{} + std::chrono::hours(1);
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("a", t0));
  EXPECT_FALSE(limiter.allow("a", t0));
  EXPECT_TRUE(limiter.allow("b", t0));  // per client
  EXPECT_TRUE(limiter.allow("a", t0 + std::chrono::seconds(1)));
  EXPECT_FALSE(limiter.allow("a", t0 + std::chrono::seconds(1)));
  // Full table: a new client is admitted once refilled buckets are forgotten.
  EXPECT_TRUE(limiter.allow("c", t0 + std::chrono::seconds(10)));
  RateLimiter off(0, 0);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(off.allow("a", t0));
}

TEST(RateLimiter, RetryAfterIsTheTimeOneTokenTakes) {
  EXPECT_EQ(RateLimiter(20, 40).retry_after(), std::chrono::seconds(1));
  EXPECT_EQ(RateLimiter(1, 1).retry_after(), std::chrono::seconds(1));
  EXPECT_EQ(RateLimiter(0.25, 1).retry_after(), std::chrono::seconds(4));
  EXPECT_EQ(RateLimiter(0.3, 1).retry_after(), std::chrono::seconds(4));
  EXPECT_EQ(RateLimiter(0, 0).retry_after(), std::chrono::seconds(1));
}

}  // namespace
}  // namespace ct::server
