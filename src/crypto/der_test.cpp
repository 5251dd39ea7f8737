#include "crypto/der.h"

#include <gtest/gtest.h>
#include <openssl/asn1.h>
#include <openssl/objects.h>

#include <chrono>
#include <random>
#include <string>

namespace ct::crypto {
namespace {

using namespace std::chrono;

Bytes b(std::initializer_list<int> v) {
  Bytes out;
  for (const int x : v) out.push_back(static_cast<std::uint8_t>(x));
  return out;
}

Bytes bytes_of(std::span<const std::uint8_t> s) { return Bytes(s.begin(), s.end()); }

TimePoint at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return TimePoint{sys_days{year{y} / month{mo} / day{d}}} + hours{h} + minutes{mi} + seconds{s};
}

std::string text_of(std::span<const std::uint8_t> s) { return std::string(s.begin(), s.end()); }

TEST(DerWriter, HeaderLengthsAreMinimal) {
  struct Case {
    std::size_t len;
    Bytes header;
  };
  const Case cases[] = {
      {0, b({0x04, 0x00})},
      {127, b({0x04, 0x7F})},
      {128, b({0x04, 0x81, 0x80})},
      {255, b({0x04, 0x81, 0xFF})},
      {256, b({0x04, 0x82, 0x01, 0x00})},
      {65535, b({0x04, 0x82, 0xFF, 0xFF})},
      {65536, b({0x04, 0x83, 0x01, 0x00, 0x00})},
      {0x1000000, b({0x04, 0x84, 0x01, 0x00, 0x00, 0x00})},
  };
  for (const auto& c : cases) {
    const auto h = der::make_header(der::kOctetString, c.len);
    EXPECT_EQ(bytes_of(h.view()), c.header) << c.len;
    EXPECT_EQ(der::header_size(c.len), c.header.size()) << c.len;
    const auto parsed = der::parse_header(c.header);
    ASSERT_TRUE(parsed) << c.len;
    EXPECT_EQ(parsed->length, c.len);
    EXPECT_EQ(parsed->header_size, c.header.size());
  }
}

TEST(DerWriter, IntegersFollowTheLeadingZeroRule) {
  struct Case {
    Bytes magnitude;
    Bytes der;
  };
  const Case cases[] = {
      {{}, b({0x02, 0x01, 0x00})},
      {b({0x00, 0x00}), b({0x02, 0x01, 0x00})},
      {b({0x00, 0x00, 0x7F}), b({0x02, 0x01, 0x7F})},
      {b({0x80}), b({0x02, 0x02, 0x00, 0x80})},
      {b({0x00, 0xFF, 0x01}), b({0x02, 0x03, 0x00, 0xFF, 0x01})},
      {b({0x01, 0x00}), b({0x02, 0x02, 0x01, 0x00})},
  };
  for (const auto& c : cases) {
    der::Writer w;
    w.integer(c.magnitude);
    EXPECT_EQ(w.take(), c.der);
  }
  der::Writer w;
  w.integer(std::uint64_t{0});
  w.integer(std::uint64_t{1});
  w.integer(std::uint64_t{256});
  w.integer(std::uint64_t{0xFFFFFFFFFFFFFFFFULL});
  EXPECT_EQ(w.take(), b({0x02, 0x01, 0x00, 0x02, 0x01, 0x01, 0x02, 0x02, 0x01, 0x00, 0x02, 0x09, 0x00, 0xFF, 0xFF,
                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}));
}

TEST(DerWriter, IntegerAgreesWithOpenSsl) {
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    Bytes m(1 + rng() % 20);
    for (auto& x : m) x = static_cast<std::uint8_t>(rng());
    der::Writer w;
    w.integer(m);
    const Bytes out = w.take();
    const unsigned char* p = out.data();
    ASN1_INTEGER* a = d2i_ASN1_INTEGER(nullptr, &p, static_cast<long>(out.size()));
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(p, out.data() + out.size());
    EXPECT_EQ(ASN1_STRING_type(a), V_ASN1_INTEGER);
    const auto* d = ASN1_STRING_get0_data(a);
    EXPECT_EQ(Bytes(d, d + ASN1_STRING_length(a)), bytes_of(der::strip_leading_zeros(m)));
    ASN1_INTEGER_free(a);
  }
}

TEST(DerWriter, OidsFromDottedText) {
  der::Writer w;
  w.oid("2.5.29.20");
  EXPECT_EQ(w.take(), b({0x06, 0x03, 0x55, 0x1D, 0x14}));
  w.oid("1.2.840.113549.1.1.11");
  EXPECT_EQ(w.take(), b({0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B}));
  for (const char* text : {"2.16.704.1.1.1.1.1", "1.3.6.1.5.5.7.48.1.2", "2.999.3", "1.3.6.1.4.1.311.21.7"}) {
    w.oid(text);
    ASSERT_FALSE(w.failed()) << text;
    const Bytes out = w.take();
    const unsigned char* p = out.data();
    ASN1_OBJECT* o = d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(out.size()));
    ASSERT_NE(o, nullptr) << text;
    char buf[128];
    OBJ_obj2txt(buf, sizeof buf, o, 1);
    EXPECT_STREQ(buf, text);
    ASN1_OBJECT_free(o);
  }
  for (const char* bad : {"", "1", "3.1", "1.40", "1..2", "1.2.a", "01.2", "1.2.", ".1.2", "1.2.99999999999999999999"}) {
    der::Writer f;
    f.oid(bad);
    EXPECT_TRUE(f.failed()) << bad;
  }
}

TEST(DerWriter, PrimitivesAndNesting) {
  der::Writer w;
  const auto seq = w.begin(der::kSequence);
  w.boolean(true);
  w.boolean(false);
  w.null();
  w.enumerated(6);
  w.bit_string(b({0xAB}));
  const auto ctx = w.begin(der::context_constructed(0));
  w.octet_string(b({0x01}));
  w.end(ctx);
  w.tlv(der::context_primitive(2), {});
  w.end(seq);
  EXPECT_EQ(w.take(), b({0x30, 0x16, 0x01, 0x01, 0xFF, 0x01, 0x01, 0x00, 0x05, 0x00, 0x0A, 0x01, 0x06, 0x03, 0x02,
                         0x00, 0xAB, 0xA0, 0x03, 0x04, 0x01, 0x01, 0x82, 0x00}));

  der::Writer big;
  const auto outer = big.begin(der::kSequence);
  big.octet_string(Bytes(300, 0x11));
  big.end(outer);
  const Bytes out = big.take();
  ASSERT_EQ(out.size(), 4 + 4 + 300U);
  EXPECT_EQ(Bytes(out.begin(), out.begin() + 8), b({0x30, 0x82, 0x01, 0x30, 0x04, 0x82, 0x01, 0x2C}));
}

TEST(DerWriter, TimesFollowRfc5280) {
  struct Case {
    TimePoint t;
    std::uint8_t tag;
    std::string text;
  };
  const Case cases[] = {
      {at(2049, 12, 31, 23, 59, 59), der::kUtcTime, "491231235959Z"},
      {at(2050, 1, 1), der::kGeneralizedTime, "20500101000000Z"},
      {at(1950, 1, 1), der::kUtcTime, "500101000000Z"},
      {at(1949, 12, 31, 23, 59, 59), der::kGeneralizedTime, "19491231235959Z"},
      {at(2026, 2, 28, 7, 5, 9), der::kUtcTime, "260228070509Z"},
      {at(9999, 12, 31, 23, 59, 59), der::kGeneralizedTime, "99991231235959Z"},
  };
  for (const auto& c : cases) {
    der::Writer w;
    w.time(c.t);
    const Bytes out = w.take();
    ASSERT_EQ(out.size(), 2 + c.text.size());
    EXPECT_EQ(out[0], c.tag) << c.text;
    EXPECT_EQ(text_of(std::span(out).subspan(2)), c.text);
    der::Reader r(out);
    const auto e = r.next();
    ASSERT_TRUE(e);
    EXPECT_EQ(der::parse_time(*e), c.t) << c.text;
  }
  der::Writer g;
  g.generalized_time(at(2026, 5, 1, 12));
  EXPECT_EQ(text_of(std::span(g.view()).subspan(2)), "20260501120000Z");
  der::Writer bad;
  bad.utc_time(at(2050, 1, 1));
  EXPECT_TRUE(bad.failed());
  der::Writer far;
  far.time(at(10000, 1, 1));
  EXPECT_TRUE(far.failed());
}

TEST(DerWriter, FixedBufferNeverOverflows) {
  std::array<std::uint8_t, 8> buf{};
  der::Writer w(buf);
  const auto seq = w.begin(der::kSequence);
  w.octet_string(b({1, 2, 3}));
  w.end(seq);
  EXPECT_FALSE(w.failed());
  EXPECT_EQ(bytes_of(w.view()), b({0x30, 0x05, 0x04, 0x03, 1, 2, 3}));
  w.octet_string(b({1, 2, 3}));
  EXPECT_TRUE(w.failed());
  EXPECT_TRUE(w.take().empty());
}

TEST(DerReader, RejectsWhatTheContractExcludes) {
  const Bytes cases[] = {
      b({0x30, 0x80, 0x00, 0x00}),        // indefinite length
      b({0x30, 0x81, 0x05, 1, 2, 3, 4, 5}),  // long form for a short length
      b({0x30, 0x82, 0x00, 0x80}),        // leading zero length octet
      b({0x30, 0x85, 1, 0, 0, 0, 0}),     // more than 4 length octets
      b({0x30, 0x05, 0x01}),              // content past the end
      b({0x1F, 0x22, 0x00}),              // high tag number
      b({0x30}),                          // truncated header
      b({0x30, 0x82, 0x01}),              // truncated length
  };
  for (const auto& c : cases) {
    der::Reader r(c);
    EXPECT_FALSE(r.next()) << to_hex(c);
    EXPECT_TRUE(r.failed()) << to_hex(c);
    EXPECT_FALSE(der::well_formed(c)) << to_hex(c);
  }
}

TEST(DerReader, IteratesChildren) {
  const Bytes data = b({0x30, 0x08, 0x02, 0x01, 0x05, 0xA0, 0x03, 0x01, 0x01, 0xFF, 0x05, 0x00});
  ASSERT_TRUE(der::well_formed(data));
  der::Reader top(data);
  const auto seq = top.next(der::kSequence);
  ASSERT_TRUE(seq);
  der::Reader r(seq->content);
  EXPECT_FALSE(r.next_if(der::kBoolean));
  const auto i = r.next(der::kInteger);
  ASSERT_TRUE(i);
  EXPECT_EQ(der::small_unsigned(i->content), 5U);
  const auto ctx = r.next_if(der::context_constructed(0));
  ASSERT_TRUE(ctx);
  EXPECT_EQ(ctx->encoded.size(), 5U);
  EXPECT_TRUE(r.empty());
  EXPECT_FALSE(r.next());
  EXPECT_FALSE(r.failed());
  const auto n = top.next(der::kNull);
  ASSERT_TRUE(n);
  EXPECT_TRUE(top.empty());
  der::Reader wrong(data);
  EXPECT_FALSE(wrong.next(der::kSet));
  EXPECT_TRUE(wrong.failed());
}

TEST(DerReader, DepthIsBounded) {
  const auto nested = [](int depth) {
    der::Writer w;
    std::vector<der::Writer::Mark> marks;
    for (int i = 0; i < depth; ++i) marks.push_back(w.begin(der::kSequence));
    w.null();
    for (auto it = marks.rbegin(); it != marks.rend(); ++it) w.end(*it);
    return w.take();
  };
  EXPECT_TRUE(der::well_formed(nested(10)));
  EXPECT_TRUE(der::well_formed(nested(der::kMaxDepth)));
  EXPECT_FALSE(der::well_formed(nested(der::kMaxDepth + 2)));
}

TEST(DerReader, IntegersAndTimes) {
  EXPECT_FALSE(der::positive_integer(b({0x00})));
  EXPECT_FALSE(der::positive_integer(b({0x80})));
  EXPECT_FALSE(der::positive_integer(b({0x00, 0x7F})));
  EXPECT_FALSE(der::positive_integer({}));
  EXPECT_EQ(bytes_of(*der::positive_integer(b({0x00, 0x80}))), b({0x80}));
  EXPECT_EQ(der::small_unsigned(b({0x00})), 0U);
  EXPECT_FALSE(der::small_unsigned(b({0x01, 0, 0, 0, 0, 0, 0, 0, 0})));

  const auto time_el = [](std::uint8_t tag, const std::string& s) {
    der::Element e;
    e.tag = tag;
    e.content = std::span(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    return der::parse_time(e);
  };
  EXPECT_TRUE(time_el(der::kUtcTime, "260228070509Z"));
  EXPECT_FALSE(time_el(der::kUtcTime, "260228070509"));
  EXPECT_FALSE(time_el(der::kUtcTime, "260230070509Z"));
  EXPECT_FALSE(time_el(der::kUtcTime, "261328070509Z"));
  EXPECT_FALSE(time_el(der::kUtcTime, "2602280705Z"));
  EXPECT_FALSE(time_el(der::kUtcTime, "260228240000Z"));
  EXPECT_FALSE(time_el(der::kUtcTime, "260228070509+0700"));
  EXPECT_FALSE(time_el(der::kGeneralizedTime, "20260228070509.5Z"));
  EXPECT_FALSE(time_el(der::kGeneralizedTime, "20260228070509Z"));  // must have been UTCTime
  std::string g = "20260228070509Z";
  der::Element e;
  e.tag = der::kGeneralizedTime;
  e.content = std::span(reinterpret_cast<const std::uint8_t*>(g.data()), g.size());
  EXPECT_EQ(der::parse_time(e, false), at(2026, 2, 28, 7, 5, 9));
}

TEST(DerReader, RandomInputNeverCrashes) {
  std::mt19937 rng(42);
  for (int i = 0; i < 20000; ++i) {
    Bytes data(rng() % 40);
    for (auto& x : data) x = static_cast<std::uint8_t>(rng() % 4 == 0 ? 0x30 : rng());
    (void)der::well_formed(data);
    der::Reader r(data);
    while (const auto el = r.next()) {
      (void)der::parse_time(*el);
      (void)der::positive_integer(el->content);
    }
  }
}

}  // namespace
}  // namespace ct::crypto
