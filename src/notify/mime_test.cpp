// MIME messages built here decoded back with the test's own small decoders (RFC 2047 words,
// base64 bodies), and the S/MIME signature checked end to end by `openssl cms -verify`, a
// verifier we did not write.

#include "notify/mime.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "common/text.h"
#include "crypto/certificate_testing.h"
#include "crypto/cms.h"
#include "crypto/pem.h"

namespace ct::notify {
namespace {

using namespace std::chrono;

const std::string kSubject = "Chứng thư số sắp hết hạn – Nguyễn Văn Ánh";
const std::string kText =
    "Kính gửi ông Nguyễn Văn Ánh,\n\nChứng thư số của ông hết hạn ngày 21/12/2026.\nTrân trọng,\nCA phục vụ các "
    "cơ quan Nhà nước\n";
const std::string kHtml =
    "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Thông báo</title></head>\n<body><p>"
    "Kính gửi ông <b>Nguyễn Văn Ánh</b>,</p><p>Chứng thư số của ông hết hạn ngày 21/12/2026.</p></body></html>\n";

// 2026-12-07 01:48:12 UTC, a Monday.
const TimePoint kDate = TimePoint{seconds{1796608092}};

MailMessage sample() {
  MailMessage m;
  m.from = {"CA phục vụ các cơ quan Nhà nước", "thongbao@ca.gov.vn"};
  m.to = {{"Nguyễn Văn Ánh", "anhnv@bacninh.gov.vn"}, {"", "vanthu@bacninh.gov.vn"}};
  m.reply_to = MailAddress{"Hỗ trợ", "hotro@ca.gov.vn"};
  m.subject = kSubject;
  m.text = kText;
  m.html = kHtml;
  m.message_id = "outbox-12.5f3a@chungthu.example";
  m.date = kDate;
  m.extra_headers = {{"Auto-Submitted", "auto-generated"}, {"X-Chungthu-Loai", "Nhắc gia hạn"}};
  return m;
}

std::string base64_decode(std::string_view in) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : in) {
    if (c == '\r' || c == '\n') continue;
    if (c == '=') break;
    const std::size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) throw std::runtime_error("not base64");
    bits = (bits << 6U) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> static_cast<unsigned>(count)) & 0xFFU));
    }
  }
  return out;
}

std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = s.find(sep); at != std::string_view::npos; at = s.find(sep, start)) {
    parts.emplace_back(s.substr(start, at - start));
    start = at + sep.size();
  }
  parts.emplace_back(s.substr(start));
  return parts;
}

// RFC 2047 §6.1 for the words we write: each space-separated "=?UTF-8?B?…?=" decoded, the spaces
// between them dropped (§6.2); checks that no word is over 75 characters or splits a character.
std::string decode_words(std::string_view value) {
  std::string out;
  for (const std::string& word : split(value, " ")) {
    EXPECT_LE(word.size(), 75U) << word;
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    const std::string decoded = base64_decode(std::string_view(word).substr(10, word.size() - 12));
    EXPECT_TRUE(text::is_valid_utf8(decoded)) << word;
    out += decoded;
  }
  return out;
}

// The header block's fields, unfolded (RFC 5322 §2.2.3), by name.
std::string header(const std::string& message, const std::string& name) {
  const std::string head = message.substr(0, message.find("\r\n\r\n") + 2);
  const std::size_t at = head.starts_with(name + ": ") ? 0 : head.find("\r\n" + name + ": ");
  if (at == std::string::npos) return {};
  const std::size_t start = head.find(": ", at) + 2;
  std::string value;
  std::size_t pos = start;
  for (;;) {
    const std::size_t eol = head.find("\r\n", pos);
    value += head.substr(pos, eol - pos);
    if (eol + 2 >= head.size() || head[eol + 2] != ' ') break;
    pos = eol + 2;
  }
  return value;
}

std::string param(const std::string& header_value, const std::string& name) {
  const std::size_t at = header_value.find(name + "=\"");
  if (at == std::string::npos) return {};
  const std::size_t start = at + name.size() + 2;
  return header_value.substr(start, header_value.find('"', start) - start);
}

std::string crlf(std::string_view s) {
  std::string out;
  for (const char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

Result<Bytes> fake_signature(std::string_view) {
  return Bytes{0x30, 0x03, 0x02, 0x01, 0x01};
}

TEST(MimeHeaders, VietnameseSubjectDecodesBack) {
  for (const std::string& subject : {kSubject, kSubject + " " + kSubject + " " + kSubject, std::string("Đ")}) {
    const std::string encoded = encode_header_text(subject);
    EXPECT_EQ(encoded.find_first_of("\r\n"), std::string::npos);
    EXPECT_EQ(decode_words(encoded), subject);
  }
  EXPECT_GT(split(encode_header_text(kSubject + kSubject), " ").size(), 1U);
}

TEST(MimeHeaders, PlainAsciiAsIs) {
  EXPECT_EQ(encode_header_text("Certificate expires soon"), "Certificate expires soon");
  EXPECT_EQ(encode_header_text(""), "");
  // Would read as an encoded-word, so it is encoded.
  EXPECT_EQ(decode_words(encode_header_text("=?UTF-8?B?QQ==?=")), "=?UTF-8?B?QQ==?=");
  EXPECT_EQ(decode_words(encode_header_text("tab\there")), "tab\there");
}

TEST(MimeHeaders, Addresses) {
  EXPECT_EQ(format_address({"", "anhnv@bacninh.gov.vn"}), "anhnv@bacninh.gov.vn");
  EXPECT_EQ(format_address({"Nguyen Van Anh", "anhnv@bacninh.gov.vn"}), "Nguyen Van Anh <anhnv@bacninh.gov.vn>");
  EXPECT_EQ(format_address({"Nguyen, Van \"Anh\"", "a@b.vn"}), "\"Nguyen, Van \\\"Anh\\\"\" <a@b.vn>");
  const std::string vi = format_address({"Nguyễn Văn Ánh", "anhnv@bacninh.gov.vn"});
  ASSERT_TRUE(vi.ends_with(" <anhnv@bacninh.gov.vn>")) << vi;
  EXPECT_EQ(decode_words(vi.substr(0, vi.size() - 23)), "Nguyễn Văn Ánh");
}

TEST(MimeHeaders, Rfc5322Date) {
  EXPECT_EQ(rfc5322_date(kDate), "Mon, 07 Dec 2026 01:48:12 +0000");
  EXPECT_EQ(rfc5322_date(TimePoint{seconds{0}}), "Thu, 01 Jan 1970 00:00:00 +0000");
}

TEST(MimeMessage, LinesAreCrlfAndShort) {
  MailMessage m = sample();
  m.text += std::string(3000, 'x') + "\n";  // one long line of text: base64 keeps lines short
  const auto msg = build_signed_message(m, fake_signature);
  ASSERT_TRUE(msg) << msg.error().describe();
  const std::string head = msg->substr(0, msg->find("\r\n\r\n") + 2);
  std::size_t start = 0;
  while (start < msg->size()) {
    const std::size_t lf = msg->find('\n', start);
    ASSERT_NE(lf, std::string::npos) << "last line without CRLF";
    ASSERT_GT(lf, start) << "bare LF at " << lf;
    EXPECT_EQ((*msg)[lf - 1], '\r') << "bare LF at " << lf;
    const std::string line = msg->substr(start, lf - 1 - start);
    EXPECT_EQ(line.find('\r'), std::string::npos) << "bare CR in " << line;
    EXPECT_LE(line.size(), 998U);
    if (start < head.size()) {
      EXPECT_LE(line.size(), 76U) << line;  // RFC 2047 §2
    }
    start = lf + 1;
  }
}

TEST(MimeMessage, HeadersDecodeBack) {
  const auto msg = build_signed_message(sample(), fake_signature);
  ASSERT_TRUE(msg) << msg.error().describe();
  EXPECT_EQ(decode_words(header(*msg, "Subject")), kSubject);
  EXPECT_EQ(header(*msg, "Date"), "Mon, 07 Dec 2026 01:48:12 +0000");
  EXPECT_EQ(header(*msg, "Message-ID"), "<outbox-12.5f3a@chungthu.example>");
  EXPECT_EQ(header(*msg, "MIME-Version"), "1.0");
  EXPECT_EQ(header(*msg, "Auto-Submitted"), "auto-generated");
  EXPECT_EQ(decode_words(header(*msg, "X-Chungthu-Loai")), "Nhắc gia hạn");
  const std::string to = header(*msg, "To");
  const auto recipients = split(to, ", ");
  ASSERT_EQ(recipients.size(), 2U) << to;
  EXPECT_EQ(decode_words(recipients[0].substr(0, recipients[0].find(" <"))), "Nguyễn Văn Ánh");
  EXPECT_TRUE(recipients[0].ends_with(" <anhnv@bacninh.gov.vn>")) << to;
  EXPECT_EQ(recipients[1], "vanthu@bacninh.gov.vn");
  const std::string from = header(*msg, "From");
  EXPECT_EQ(decode_words(from.substr(0, from.find(" <"))), "CA phục vụ các cơ quan Nhà nước");
  EXPECT_TRUE(header(*msg, "Reply-To").ends_with(" <hotro@ca.gov.vn>"));
  const std::string type = header(*msg, "Content-Type");
  EXPECT_TRUE(type.starts_with("multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256;")) << type;
}

TEST(MimeMessage, BodyPartsDecodeBack) {
  const MailMessage m = sample();
  const std::string entity = alternative_entity(m);
  const std::string boundary = param(entity.substr(0, entity.find("\r\n\r\n")), "boundary");
  ASSERT_TRUE(boundary.starts_with("=_ct_alt_")) << entity;
  EXPECT_EQ(boundary.size(), 9U + 24U);
  const auto parts = split(entity, "--" + boundary);
  ASSERT_EQ(parts.size(), 4U);  // before the first delimiter, text, html, after the close
  EXPECT_EQ(parts[3], "--\r\n");
  const std::array<std::pair<std::string, std::string>, 2> expected{
      {{"Content-Type: text/plain; charset=UTF-8", kText}, {"Content-Type: text/html; charset=UTF-8", kHtml}}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::string& part = parts[i + 1];
    const std::size_t body = part.find("\r\n\r\n");
    ASSERT_NE(body, std::string::npos);
    EXPECT_NE(part.find("\r\n" + expected[i].first + "\r\n"), std::string::npos) << part;
    EXPECT_NE(part.find("\r\nContent-Transfer-Encoding: base64\r\n"), std::string::npos) << part;
    for (const std::string& line : split(part.substr(body + 4), "\r\n")) EXPECT_LE(line.size(), 76U);
    EXPECT_EQ(base64_decode(part.substr(body + 4)), crlf(expected[i].second));
  }
}

TEST(MimeMessage, SignedPartIsTheEntityByteForByte) {
  const MailMessage m = sample();
  std::string signed_entity;
  const auto msg = build_signed_message(m, [&](std::string_view entity) {
    signed_entity = entity;
    return fake_signature(entity);
  });
  ASSERT_TRUE(msg) << msg.error().describe();
  EXPECT_EQ(signed_entity, alternative_entity(m));
  const std::string boundary = param(header(*msg, "Content-Type"), "boundary");
  ASSERT_TRUE(boundary.starts_with("=_ct_sig_")) << *msg;
  const std::string delimiter = "--" + boundary + "\r\n";
  const std::size_t first = msg->find("\r\n" + delimiter);
  ASSERT_NE(first, std::string::npos);
  const std::size_t start = first + 2 + delimiter.size();
  const std::size_t second = msg->find("\r\n" + delimiter, start);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(msg->substr(start, second - start), signed_entity);

  const std::string p7s = msg->substr(second + 2 + delimiter.size());
  EXPECT_TRUE(p7s.starts_with("Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\n")) << p7s;
  EXPECT_NE(p7s.find("\r\nContent-Disposition: attachment; filename=\"smime.p7s\"\r\n"), std::string::npos);
  EXPECT_EQ(base64_decode(p7s.substr(p7s.find("\r\n\r\n") + 4, p7s.find("--" + boundary) - p7s.find("\r\n\r\n") - 4)),
            std::string("\x30\x03\x02\x01\x01"));
  EXPECT_TRUE(msg->ends_with("\r\n--" + boundary + "--\r\n"));

  // Deterministic: the same message gives the same bytes; another message id other boundaries.
  EXPECT_EQ(build_signed_message(m, fake_signature).value(), *msg);
  MailMessage other = m;
  other.message_id = "outbox-13.5f3a@chungthu.example";
  EXPECT_NE(alternative_entity(other).substr(0, 80), alternative_entity(m).substr(0, 80));
}

TEST(MimeMessage, MicalgFollowsTheDigest) {
  const auto msg = build_signed_message(sample(), fake_signature, crypto::smime_micalg(crypto::HashAlg::sha384));
  ASSERT_TRUE(msg) << msg.error().describe();
  EXPECT_NE(header(*msg, "Content-Type").find("; micalg=sha-384;"), std::string::npos);
}

TEST(MimeMessage, SignerErrorIsPassedOn) {
  const auto msg = build_signed_message(sample(), [](std::string_view) -> Result<Bytes> {
    return fail(ErrorCode::unavailable, "Không kết nối được thiết bị ký", "Token unavailable");
  });
  ASSERT_FALSE(msg);
  EXPECT_EQ(msg.error().code, ErrorCode::unavailable);
}

TEST(MimeMessage, RefusesInjectionAndBadAddresses) {
  struct Case {
    const char* what;
    std::function<void(MailMessage&)> change;
    std::string field;
  };
  const std::vector<Case> cases{
      {"CRLF in subject", [](MailMessage& m) { m.subject = "Hết hạn\r\nBcc: all@example.com"; }, "subject"},
      {"LF in subject", [](MailMessage& m) { m.subject = "a\nb"; }, "subject"},
      {"LF in name", [](MailMessage& m) { m.to[0].display_name = "An\nBcc: x@y.vn"; }, "to[0].display_name"},
      {"non-ASCII address", [](MailMessage& m) { m.to[1].address = "ánh@bacninh.gov.vn"; }, "to[1].address"},
      {"address with space", [](MailMessage& m) { m.from.address = "a b@ca.gov.vn"; }, "from.address"},
      {"address with CRLF", [](MailMessage& m) { m.reply_to->address = "a@b.vn\r\nBcc: c@d.vn"; }, "reply_to.address"},
      {"no recipient", [](MailMessage& m) { m.to.clear(); }, "to"},
      {"message id in brackets", [](MailMessage& m) { m.message_id = "<x@y>"; }, "message_id"},
      {"header value CR", [](MailMessage& m) { m.extra_headers[0].second = "x\ry"; }, "extra_headers.Auto-Submitted"},
      {"header name", [](MailMessage& m) { m.extra_headers.emplace_back("Bad Name", "x"); }, "extra_headers.Bad Name"},
      {"own header", [](MailMessage& m) { m.extra_headers.emplace_back("content-type", "text/plain"); },
       "extra_headers.content-type"},
      {"invalid UTF-8", [](MailMessage& m) { m.subject = "\xC3"; }, "subject"},
      {"over 998", [](MailMessage& m) { m.subject = std::string(1200, 'a'); }, "headers"},
  };
  for (const Case& c : cases) {
    MailMessage m = sample();
    c.change(m);
    const auto msg = build_signed_message(m, fake_signature);
    ASSERT_FALSE(msg) << c.what;
    EXPECT_EQ(msg.error().code, ErrorCode::invalid_input) << c.what;
    EXPECT_EQ(msg.error().context, c.field) << c.what;
    EXPECT_FALSE(msg.error().message_vi.empty());
  }
  const auto bad_micalg = build_signed_message(sample(), fake_signature, "SHA 256");
  ASSERT_FALSE(bad_micalg);
  EXPECT_EQ(bad_micalg.error().context, "micalg");
}

// End to end: the entity signed by crypto::cms_sign_detached with the test hierarchy's person
// key; `openssl cms -verify` reads the S/MIME message as a mail client would.
class SignedMailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_notify_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // Exit status and output (stdout and stderr) of a shell command.
  static std::pair<int, std::string> run(const std::string& cmd) {
    FILE* p = ::popen(("(" + cmd + ") 2>&1").c_str(), "r");
    if (p == nullptr) return {-1, "popen failed"};
    std::string output;
    std::array<char, 4096> buf{};
    for (std::size_t n = 0; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) output.append(buf.data(), n);
    const int st = ::pclose(p);
    return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, output};
  }

  std::filesystem::path dir_;
};

TEST_F(SignedMailTest, OpensslVerifiesTheSmimeMessage) {
  const TimePoint now = floor<seconds>(system_clock::now());
  const auto h = crypto::testing::make_hierarchy(now - hours{1}, now + days{30});
  MailMessage m = sample();
  m.date = now;
  const auto signer = [&](std::string_view entity) {
    const auto bytes = std::span(reinterpret_cast<const std::uint8_t*>(entity.data()), entity.size());
    return crypto::cms_sign_detached(bytes, h->person_key, h->person.der, {h->sub.der}, now);
  };
  const auto msg = build_signed_message(m, signer, crypto::smime_micalg(h->person_key.signature_hash()));
  ASSERT_TRUE(msg) << msg.error().describe();

  const std::string root = write("root.pem", crypto::to_pem(h->root.der, "CERTIFICATE"));
  const std::string verify = "openssl cms -verify -CAfile " + root + " -out /dev/null -in ";
  const auto [status, output] = run(verify + write("signed.eml", *msg));
  EXPECT_EQ(status, 0) << output;
  EXPECT_NE(output.find("Verification successful"), std::string::npos) << output;

  // One character of the text part's base64 changed: the decoded text differs by one bit.
  std::string tampered = *msg;
  const std::size_t text_part = tampered.find("Content-Type: text/plain; charset=UTF-8");
  ASSERT_NE(text_part, std::string::npos);
  const std::size_t body = tampered.find("\r\n\r\n", text_part) + 4;
  tampered[body] = tampered[body] == 'S' ? 'T' : 'S';
  const auto [bad_status, bad_output] = run(verify + write("tampered.eml", tampered));
  EXPECT_NE(bad_status, 0) << bad_output;
  EXPECT_EQ(bad_output.find("Verification successful"), std::string::npos) << bad_output;
}

}  // namespace
}  // namespace ct::notify
