#include "crypto/der.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstring>

namespace ct::crypto::der {

namespace {

constexpr std::size_t kMaxLength = 0xFFFFFFFFU;

[[nodiscard]] std::size_t length_octets(std::size_t length) noexcept {
  std::size_t n = 0;
  for (std::size_t v = length; v != 0; v >>= 8U) ++n;
  return n;
}

[[nodiscard]] std::size_t base128_size(std::uint64_t v) noexcept {
  std::size_t n = 1;
  while (v >= 0x80U) {
    v >>= 7U;
    ++n;
  }
  return n;
}

void put_base128(std::uint8_t* out, std::uint64_t v, std::size_t n) noexcept {
  for (std::size_t i = n; i-- > 0;) {
    out[i] = static_cast<std::uint8_t>((v & 0x7FU) | (i + 1 == n ? 0U : 0x80U));
    v >>= 7U;
  }
}

[[nodiscard]] int two_digits(const std::uint8_t* p) noexcept {
  if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9') return -1;
  return (p[0] - '0') * 10 + (p[1] - '0');
}

}  // namespace

std::size_t header_size(std::size_t length) noexcept {
  return length < 0x80U ? 2 : 2 + length_octets(length);
}

std::size_t encode_header(std::uint8_t tag, std::size_t length, std::span<std::uint8_t, kMaxHeaderSize> out) noexcept {
  if (length > kMaxLength) return 0;
  out[0] = tag;
  if (length < 0x80U) {
    out[1] = static_cast<std::uint8_t>(length);
    return 2;
  }
  const std::size_t n = length_octets(length);
  out[1] = static_cast<std::uint8_t>(0x80U | n);
  for (std::size_t i = 0; i < n; ++i) out[2 + i] = static_cast<std::uint8_t>(length >> (8U * (n - 1 - i)));
  return 2 + n;
}

EncodedHeader make_header(std::uint8_t tag, std::size_t length) noexcept {
  EncodedHeader h;
  h.size = encode_header(tag, length, h.bytes);
  return h;
}

std::span<const std::uint8_t> strip_leading_zeros(std::span<const std::uint8_t> magnitude) noexcept {
  std::size_t i = 0;
  while (i < magnitude.size() && magnitude[i] == 0) ++i;
  return magnitude.subspan(i);
}

// ---- Writer ----

std::uint8_t* Writer::grow(std::size_t n) {
  if (failed_) return nullptr;
  if (is_fixed_) {
    if (n > fixed_.size() - size_) {
      failed_ = true;
      return nullptr;
    }
  } else {
    owned_.resize(size_ + n);
  }
  std::uint8_t* p = data() + size_;
  size_ += n;
  return p;
}

void Writer::end(Mark m) {
  if (failed_) return;
  if (m.pos > size_) {
    failed_ = true;
    return;
  }
  const std::size_t content = size_ - m.pos;
  std::array<std::uint8_t, kMaxHeaderSize> h{};
  const std::size_t hn = encode_header(m.tag, content, h);
  if (hn == 0 || grow(hn) == nullptr) {
    failed_ = true;
    return;
  }
  std::uint8_t* base = data() + m.pos;
  std::memmove(base + hn, base, content);
  std::memcpy(base, h.data(), hn);
}

void Writer::raw(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return;
  if (std::uint8_t* p = grow(bytes.size())) std::memcpy(p, bytes.data(), bytes.size());
}

void Writer::tlv(std::uint8_t tag, std::span<const std::uint8_t> content) {
  std::array<std::uint8_t, kMaxHeaderSize> h{};
  const std::size_t hn = encode_header(tag, content.size(), h);
  if (hn == 0) {
    failed_ = true;
    return;
  }
  raw(std::span<const std::uint8_t>(h.data(), hn));
  raw(content);
}

void Writer::integer(std::span<const std::uint8_t> magnitude) {
  const auto m = strip_leading_zeros(magnitude);
  const bool pad = m.empty() || (m[0] & 0x80U) != 0;
  std::array<std::uint8_t, kMaxHeaderSize> h{};
  const std::size_t hn = encode_header(kInteger, m.size() + (pad ? 1 : 0), h);
  if (hn == 0) {
    failed_ = true;
    return;
  }
  raw(std::span<const std::uint8_t>(h.data(), hn));
  if (pad) {
    if (std::uint8_t* p = grow(1)) *p = 0;
  }
  raw(m);
}

void Writer::integer(std::uint64_t value) {
  std::array<std::uint8_t, 8> be{};
  for (std::size_t i = 0; i < be.size(); ++i) be[i] = static_cast<std::uint8_t>(value >> (8U * (7 - i)));
  integer(be);
}

void Writer::enumerated(std::uint64_t value) {
  const std::size_t tag_pos = size_;
  std::array<std::uint8_t, 8> be{};
  for (std::size_t i = 0; i < be.size(); ++i) be[i] = static_cast<std::uint8_t>(value >> (8U * (7 - i)));
  integer(be);
  if (failed_) return;
  // Same content octets as INTEGER (X.690 §8.4): rewrite the tag.
  data()[tag_pos] = kEnumerated;
}

void Writer::boolean(bool value) {
  const std::uint8_t v = value ? 0xFF : 0x00;
  tlv(kBoolean, std::span<const std::uint8_t>(&v, 1));
}

void Writer::null() { tlv(kNull, {}); }

void Writer::oid(std::string_view dotted) {
  std::array<std::uint64_t, 32> arcs{};
  std::size_t count = 0;
  std::size_t i = 0;
  while (i <= dotted.size()) {
    const std::size_t dot = std::min(dotted.find('.', i), dotted.size());
    const std::string_view part = dotted.substr(i, dot - i);
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (part.empty() || ec != std::errc{} || ptr != part.data() + part.size() || count == arcs.size() ||
        (part.size() > 1 && part[0] == '0')) {
      failed_ = true;
      return;
    }
    arcs[count++] = v;
    i = dot + 1;
  }
  // X.690 §8.19: the first two arcs share one subidentifier (40 * X + Y, X ≤ 2, Y < 40 unless X = 2).
  if (count < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] >= 40) || arcs[1] > (UINT64_MAX - 80)) {
    failed_ = true;
    return;
  }
  std::array<std::uint8_t, 32 * 10> content{};
  std::size_t n = 0;
  const std::uint64_t first = arcs[0] * 40 + arcs[1];
  std::size_t len = base128_size(first);
  put_base128(content.data(), first, len);
  n += len;
  for (std::size_t k = 2; k < count; ++k) {
    len = base128_size(arcs[k]);
    put_base128(content.data() + n, arcs[k], len);
    n += len;
  }
  tlv(kOid, std::span<const std::uint8_t>(content.data(), n));
}

void Writer::bit_string(std::span<const std::uint8_t> content) {
  std::array<std::uint8_t, kMaxHeaderSize> h{};
  const std::size_t hn = encode_header(kBitString, content.size() + 1, h);
  if (hn == 0) {
    failed_ = true;
    return;
  }
  raw(std::span<const std::uint8_t>(h.data(), hn));
  if (std::uint8_t* p = grow(1)) *p = 0;
  raw(content);
}

void Writer::time_digits(std::uint8_t tag, TimePoint t, bool two_digit_year) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{t - day};
  const int y = static_cast<int>(ymd.year());
  if (y < 0 || y > 9999 || (two_digit_year && (y < 1950 || y > 2049))) {
    failed_ = true;
    return;
  }
  std::array<std::uint8_t, 15> s{};
  std::size_t n = 0;
  const auto put2 = [&](unsigned v) {
    s[n++] = static_cast<std::uint8_t>('0' + v / 10);
    s[n++] = static_cast<std::uint8_t>('0' + v % 10);
  };
  if (!two_digit_year) put2(static_cast<unsigned>(y / 100));
  put2(static_cast<unsigned>(y % 100));
  put2(static_cast<unsigned>(ymd.month()));
  put2(static_cast<unsigned>(ymd.day()));
  put2(static_cast<unsigned>(hms.hours().count()));
  put2(static_cast<unsigned>(hms.minutes().count()));
  put2(static_cast<unsigned>(hms.seconds().count()));
  s[n++] = 'Z';
  tlv(tag, std::span<const std::uint8_t>(s.data(), n));
}

void Writer::utc_time(TimePoint t) { time_digits(kUtcTime, t, true); }
void Writer::generalized_time(TimePoint t) { time_digits(kGeneralizedTime, t, false); }

void Writer::time(TimePoint t) {
  using namespace std::chrono;
  const int y = static_cast<int>(year_month_day{floor<days>(t)}.year());
  if (y >= 1950 && y <= 2049) {
    utc_time(t);
  } else {
    generalized_time(t);
  }
}

std::span<const std::uint8_t> Writer::view() const noexcept {
  return {is_fixed_ ? fixed_.data() : owned_.data(), size_};
}

Bytes Writer::take() {
  if (is_fixed_) return {};
  owned_.resize(size_);
  size_ = 0;
  return std::move(owned_);
}

// ---- Reader ----

std::optional<Header> parse_header(std::span<const std::uint8_t> in) noexcept {
  if (in.size() < 2) return std::nullopt;
  Header h;
  h.tag = in[0];
  if ((h.tag & 0x1FU) == 0x1FU) return std::nullopt;  // high-tag-number form
  const std::uint8_t first = in[1];
  if (first < 0x80U) {
    h.header_size = 2;
    h.length = first;
    return h;
  }
  const std::size_t n = first & 0x7FU;
  if (n == 0 || n > 4 || in.size() < 2 + n) return std::nullopt;  // indefinite, too long, truncated
  if (in[2] == 0) return std::nullopt;                               // leading zero octet
  std::size_t len = 0;
  for (std::size_t i = 0; i < n; ++i) len = (len << 8U) | in[2 + i];
  if (len < 0x80U) return std::nullopt;  // X.690 §10.1: the short form was required
  h.header_size = 2 + n;
  h.length = len;
  return h;
}

std::optional<Element> Reader::next() noexcept {
  if (failed_ || empty()) return std::nullopt;
  const auto rest = data_.subspan(pos_);
  const auto h = parse_header(rest);
  if (!h || h->length > rest.size() - h->header_size) {
    failed_ = true;
    return std::nullopt;
  }
  Element e;
  e.tag = h->tag;
  e.content = rest.subspan(h->header_size, h->length);
  e.encoded = rest.subspan(0, h->header_size + h->length);
  pos_ += e.encoded.size();
  return e;
}

std::optional<Element> Reader::next(std::uint8_t tag) noexcept {
  auto e = next();
  if (!e || e->tag != tag) {
    failed_ = true;
    return std::nullopt;
  }
  return e;
}

std::optional<Element> Reader::next_if(std::uint8_t tag) noexcept {
  const auto t = peek_tag();
  if (!t || *t != tag) return std::nullopt;
  return next();
}

std::optional<std::uint8_t> Reader::peek_tag() const noexcept {
  if (failed_ || empty()) return std::nullopt;
  return data_[pos_];
}

bool well_formed(std::span<const std::uint8_t> data, int max_depth) noexcept {
  if (max_depth < 0) return false;
  Reader r(data);
  while (!r.empty()) {
    const auto e = r.next();
    if (!e) return false;
    if ((e->tag & 0x20U) != 0 && !well_formed(e->content, max_depth - 1)) return false;
  }
  return !r.failed();
}

std::optional<std::span<const std::uint8_t>> positive_integer(std::span<const std::uint8_t> content) noexcept {
  if (content.empty() || (content[0] & 0x80U) != 0) return std::nullopt;
  if (content.size() > 1 && content[0] == 0 && (content[1] & 0x80U) == 0) return std::nullopt;  // X.690 §8.3.2
  const auto m = strip_leading_zeros(content);
  if (m.empty()) return std::nullopt;
  return m;
}

std::optional<std::uint64_t> small_unsigned(std::span<const std::uint8_t> content) noexcept {
  if (content.empty() || (content[0] & 0x80U) != 0) return std::nullopt;
  if (content.size() > 1 && content[0] == 0 && (content[1] & 0x80U) == 0) return std::nullopt;
  const auto m = strip_leading_zeros(content);
  if (m.size() > 8) return std::nullopt;
  std::uint64_t v = 0;
  for (const std::uint8_t b : m) v = (v << 8U) | b;
  return v;
}

std::optional<TimePoint> parse_time(const Element& e, bool strict_choice) noexcept {
  using namespace std::chrono;
  const auto c = e.content;
  int year = 0;
  std::size_t off = 0;
  if (e.tag == kUtcTime && c.size() == 13) {
    const int yy = two_digits(c.data());
    if (yy < 0) return std::nullopt;
    year = yy < 50 ? 2000 + yy : 1900 + yy;  // RFC 5280 §4.1.2.5.1
    off = 2;
  } else if (e.tag == kGeneralizedTime && c.size() == 15) {
    const int hi = two_digits(c.data());
    const int lo = two_digits(c.data() + 2);
    if (hi < 0 || lo < 0) return std::nullopt;
    year = hi * 100 + lo;
    off = 4;
    if (strict_choice && year >= 1950 && year <= 2049) return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (c[c.size() - 1] != 'Z') return std::nullopt;
  const int mo = two_digits(c.data() + off);
  const int d = two_digits(c.data() + off + 2);
  const int h = two_digits(c.data() + off + 4);
  const int mi = two_digits(c.data() + off + 6);
  const int s = two_digits(c.data() + off + 8);
  if (mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) return std::nullopt;
  const year_month_day ymd{std::chrono::year{year}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return TimePoint{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s};
}

std::string oid_text(std::span<const std::uint8_t> content) {
  if (content.empty() || (content.back() & 0x80U) != 0) return {};
  std::string out;
  std::uint64_t value = 0;
  bool first = true;
  for (std::uint8_t b : content) {
    if (value > (std::uint64_t{1} << 56)) return {};
    value = (value << 7) | (b & 0x7FU);
    if ((b & 0x80U) != 0) continue;
    if (first) {
      const std::uint64_t arc0 = value < 40 ? 0 : (value < 80 ? 1 : 2);
      out = std::to_string(arc0) + "." + std::to_string(value - 40 * arc0);
      first = false;
    } else {
      out += "." + std::to_string(value);
    }
    value = 0;
  }
  return out;
}

}  // namespace ct::crypto::der
