#pragma once
// A minimal DER (X.690 §10) writer and a bounds-checked DER reader, for the structures the
// crypto layer encodes itself (CRLs, OCSP responses) and walks in a streaming way.
//
// Writer contract:
//   - emits definite lengths in the minimal form (X.690 §10.1) and low-tag-number tags only;
//   - INTEGERs come from big-endian magnitudes: leading zero octets are removed and one 0x00 is
//     prepended when the top bit is set, so the value is positive (X.690 §8.3.2);
//   - times follow RFC 5280 §4.1.2.5: UTCTime for 1950–2049 and GeneralizedTime otherwise,
//     always in UTC ('Z'), always with seconds, never with fractional seconds;
//   - a Writer over a caller's fixed buffer never allocates: running out of room, like an invalid
//     value (a malformed OID, a year outside 0–9999), marks the writer failed() instead of
//     throwing; the content is then meaningless.
//
// Reader contract:
//   - accepts definite lengths only; rejects the indefinite form (0x80), non-minimal lengths
//     (long form below 128, leading zero length octets), lengths over 4 octets, high-tag-number
//     tags (low five bits all set) and any element running past the end of its input;
//   - never reads outside the span it was given; the Reader itself does not recurse, and
//     well_formed() recurses into constructed elements at most kMaxDepth levels deep.
//   - Spans it returns point into the caller's buffer, which must outlive them.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/hex.h"

namespace ct::crypto::der {

inline constexpr std::uint8_t kBoolean = 0x01;
inline constexpr std::uint8_t kInteger = 0x02;
inline constexpr std::uint8_t kBitString = 0x03;
inline constexpr std::uint8_t kOctetString = 0x04;
inline constexpr std::uint8_t kNull = 0x05;
inline constexpr std::uint8_t kOid = 0x06;
inline constexpr std::uint8_t kEnumerated = 0x0A;
inline constexpr std::uint8_t kUtcTime = 0x17;
inline constexpr std::uint8_t kGeneralizedTime = 0x18;
inline constexpr std::uint8_t kSequence = 0x30;
inline constexpr std::uint8_t kSet = 0x31;

inline constexpr int kMaxDepth = 32;
// Largest header: one tag octet, 0x84 and four length octets.
inline constexpr std::size_t kMaxHeaderSize = 6;

// [n] EXPLICIT, or [n] IMPLICIT over a constructed type (SEQUENCE …): constructed context tag.
[[nodiscard]] constexpr std::uint8_t context_constructed(unsigned n) noexcept {
  return static_cast<std::uint8_t>(0xA0U | (n & 0x1FU));
}
// [n] IMPLICIT over a primitive type (NULL, OCTET STRING …).
[[nodiscard]] constexpr std::uint8_t context_primitive(unsigned n) noexcept {
  return static_cast<std::uint8_t>(0x80U | (n & 0x1FU));
}

// Size of the tag and length octets for a content of `length` octets.
[[nodiscard]] std::size_t header_size(std::size_t length) noexcept;
// Writes tag and length into `out` (which has room for kMaxHeaderSize octets); returns the size.
// Lengths of 2^32 octets or more are not supported (returns 0).
std::size_t encode_header(std::uint8_t tag, std::size_t length, std::span<std::uint8_t, kMaxHeaderSize> out) noexcept;
// A header as a small value (for callers that stream the content separately).
struct EncodedHeader {
  std::array<std::uint8_t, kMaxHeaderSize> bytes{};
  std::size_t size = 0;
  [[nodiscard]] std::span<const std::uint8_t> view() const noexcept { return {bytes.data(), size}; }
};
[[nodiscard]] EncodedHeader make_header(std::uint8_t tag, std::size_t length) noexcept;

// The magnitude without its leading zero octets (may be empty, meaning zero).
[[nodiscard]] std::span<const std::uint8_t> strip_leading_zeros(std::span<const std::uint8_t> magnitude) noexcept;

class Writer final {
 public:
  // Grows an internal buffer.
  Writer() = default;
  // Writes into `fixed` only; never allocates.
  explicit Writer(std::span<std::uint8_t> fixed) noexcept : fixed_(fixed), is_fixed_(true) {}

  // A position where a constructed element starts; close it with end().
  struct Mark {
    std::size_t pos;
    std::uint8_t tag;
  };
  [[nodiscard]] Mark begin(std::uint8_t tag) noexcept { return Mark{size_, tag}; }
  // Inserts the header of the element opened at `m` in front of what was written since.
  void end(Mark m);

  void raw(std::span<const std::uint8_t> bytes);
  void tlv(std::uint8_t tag, std::span<const std::uint8_t> content);
  void integer(std::span<const std::uint8_t> magnitude);
  void integer(std::uint64_t value);
  void enumerated(std::uint64_t value);
  void boolean(bool value);
  void null();
  // Dotted text ("2.5.29.20"); a malformed OID fails the writer.
  void oid(std::string_view dotted);
  // Already-encoded OID content octets.
  void oid_raw(std::span<const std::uint8_t> content) { tlv(kOid, content); }
  void octet_string(std::span<const std::uint8_t> content) { tlv(kOctetString, content); }
  // A BIT STRING of whole octets (0 unused bits).
  void bit_string(std::span<const std::uint8_t> content);
  // RFC 5280 §4.1.2.5 Time: UTCTime for years 1950–2049, GeneralizedTime otherwise.
  void time(TimePoint t);
  void utc_time(TimePoint t);
  void generalized_time(TimePoint t);

  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] std::span<const std::uint8_t> view() const noexcept;
  // The growing variant's bytes (moved out); empty for a fixed writer.
  [[nodiscard]] Bytes take();

 private:
  std::uint8_t* grow(std::size_t n);
  std::uint8_t* data() noexcept { return is_fixed_ ? fixed_.data() : owned_.data(); }
  void time_digits(std::uint8_t tag, TimePoint t, bool two_digit_year);

  Bytes owned_;
  std::span<std::uint8_t> fixed_;
  std::size_t size_ = 0;
  bool is_fixed_ = false;
  bool failed_ = false;
};

struct Header {
  std::uint8_t tag = 0;
  std::size_t header_size = 0;
  std::size_t length = 0;
  [[nodiscard]] bool constructed() const noexcept { return (tag & 0x20U) != 0; }
};
// Parses the tag and length at the start of `in`. nullopt when `in` is too short to hold the
// header or the header breaks the reader contract. Does not check that the content fits.
[[nodiscard]] std::optional<Header> parse_header(std::span<const std::uint8_t> in) noexcept;

struct Element {
  std::uint8_t tag = 0;
  std::span<const std::uint8_t> content;
  std::span<const std::uint8_t> encoded;  // header and content
};

// Iterates the elements of one level of `data`.
class Reader final {
 public:
  explicit Reader(std::span<const std::uint8_t> data) noexcept : data_(data) {}
  [[nodiscard]] bool empty() const noexcept { return pos_ >= data_.size(); }
  // The next element; nullopt at the end or when malformed (then failed() is true).
  [[nodiscard]] std::optional<Element> next() noexcept;
  // The next element if it has `tag`; nullopt (and failed()) otherwise.
  [[nodiscard]] std::optional<Element> next(std::uint8_t tag) noexcept;
  // The next element only if it has `tag` (for OPTIONAL and DEFAULT fields); nothing consumed otherwise.
  [[nodiscard]] std::optional<Element> next_if(std::uint8_t tag) noexcept;
  [[nodiscard]] std::optional<std::uint8_t> peek_tag() const noexcept;
  [[nodiscard]] bool failed() const noexcept { return failed_; }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

// True when `data` is a concatenation of complete elements obeying the reader contract, nested
// at most `max_depth` deep.
[[nodiscard]] bool well_formed(std::span<const std::uint8_t> data, int max_depth = kMaxDepth) noexcept;
// The magnitude of a DER INTEGER content that is minimally encoded and positive (> 0).
[[nodiscard]] std::optional<std::span<const std::uint8_t>> positive_integer(std::span<const std::uint8_t> content) noexcept;
// A small non-negative INTEGER or ENUMERATED content (up to 8 octets, minimal encoding).
[[nodiscard]] std::optional<std::uint64_t> small_unsigned(std::span<const std::uint8_t> content) noexcept;
// Dotted text of OID content octets ("2.5.29.19"); "" when malformed.
[[nodiscard]] std::string oid_text(std::span<const std::uint8_t> content);
// An RFC 5280 §4.1.2.5 time: UTCTime "YYMMDDHHMMSSZ" or GeneralizedTime "YYYYMMDDHHMMSSZ".
// With `strict_choice`, UTCTime is required for 1950–2049 and GeneralizedTime otherwise.
[[nodiscard]] std::optional<TimePoint> parse_time(const Element& e, bool strict_choice = true) noexcept;

}  // namespace ct::crypto::der
