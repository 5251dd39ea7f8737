#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "notify/templates.h"

namespace ct::notify {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// "Chứng thư số" in NFC: ứ U+1EE9, ư U+01B0, ố U+1ED1.
constexpr std::string_view kChungThuSoNfc = "Ch\xe1\xbb\xa9ng th\xc6\xb0 s\xe1\xbb\x91";
// The same words in NFD, as some editors save them: u + U+031B horn + U+0301 acute, o + U+0302 + U+0301.
constexpr std::string_view kChungThuSoNfd = "Chu\xcc\x9b\xcc\x81ng thu\xcc\x9b so\xcc\x82\xcc\x81";
constexpr std::string_view kPortal = "https://chungthu.example.gov.vn";

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& p, std::string_view content) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

std::size_t count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Values for every variable of every kind; a template ignores the ones it does not use.
json sample() {
  return {
      {"portal_url", std::string(kPortal) + "/yeu-cau/1024"},
      {"link", std::string(kPortal) + "/activate#t=" + std::string(64, 'c')},
      {"login", "an.nv"},
      {"recipient_name", "Nguyễn Văn An"},
      {"request_number", 1024},
      {"request_type_vi", "cấp mới"},
      {"request_type_en", "new certificate"},
      {"subscriber_name", "Trần Thị Bình"},
      {"organization", "Sở Giáo dục và Đào tạo tỉnh Nam Định"},
      {"actor", "Lê Văn Cường"},
      {"comment", "Đã kiểm tra hồ sơ."},
      {"reasons", json::array({{{"field", "Số CCCD"}, {"reason", "Phải có đủ 12 chữ số"}},
                               {{"field", "Thư điện tử"}, {"reason", "Phải là hòm thư công vụ"}}})},
      {"serial", "5A3F9C0D1E2B4A6C"},
      {"not_after", "21/11/2029"},
      {"reason_vi", "Thay đổi vị trí công tác"},
      {"reason_en", "Affiliation changed"},
      {"at", "21/11/2026 13:09"},
      {"days_left", 74},
      {"window_closes", "22/09/2029"},
      {"round_name", "Đợt 2 năm 2026"},
      {"deadline", "17/12/2026 17:00"},
      {"date", "21/11/2026"},
      {"count", 3},
      {"requests", json::array({{{"request_number", 1024},
                                 {"request_type_vi", "cấp mới"},
                                 {"request_type_en", "new certificate"},
                                 {"organization", "Sở Tài chính"},
                                 {"subscriber_name", "Trần Thị Bình"},
                                 {"waiting_since", "18/11/2026"}},
                                {{"request_number", 1031},
                                 {"request_type_vi", "thu hồi"},
                                 {"request_type_en", "revocation"},
                                 {"organization", "UBND huyện Ý Yên"},
                                 {"subscriber_name", "Phạm Văn Dũng"},
                                 {"waiting_since", "19/11/2026"}}})},
      {"more", 1},
  };
}

MailTemplates builtins() {
  auto t = MailTemplates::builtin();
  EXPECT_TRUE(t) << (t ? "" : t.error().describe());
  return t ? *t : MailTemplates{};
}

RenderedMail render(const MailTemplates& t, std::string_view kind, const json& values) {
  auto mail = t.render(kind, values);
  EXPECT_TRUE(mail) << kind << ": " << (mail ? "" : mail.error().describe());
  return mail ? *mail : RenderedMail{};
}

class TemplateDir : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "ct_templates_XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // Writes `content` to dir_/file_name; loading dir_ must then fail. Returns the error.
  Error load_error(std::string_view file_name, std::string_view content) {
    write_file(dir_ / file_name, content);
    auto loaded = MailTemplates::load(dir_);
    EXPECT_FALSE(loaded) << file_name;
    return loaded ? Error{} : loaded.error();
  }
  fs::path dir_;
};

TEST(MailTemplates, BuiltinsAreTheRepositoryFiles) {
  const fs::path repo_dir = fs::path(CT_SOURCE_DIR) / "src/notify/templates";
  for (const auto& kind : template_kinds()) {
    const fs::path file = repo_dir / (std::string(kind.kind) + ".tmpl");
    EXPECT_EQ(read_file(file), MailTemplates::builtin_source(kind.kind))
        << file << " and the text compiled in differ: re-run CMake";
  }
  for (const auto& entry : fs::directory_iterator(repo_dir)) {
    EXPECT_FALSE(MailTemplates::builtin_source(entry.path().stem().string()).empty())
        << entry.path() << " is not the file of a kind of mail";
  }
}

TEST(MailTemplates, BuiltinsDocumentTheirVariables) {
  for (const auto& kind : template_kinds()) {
    const std::string_view source = MailTemplates::builtin_source(kind.kind);
    const std::string_view header = source.substr(0, source.find("[subject]"));
    for (const std::string_view v : kind.variables) {
      const std::string_view name = v.substr(v.find('.') + 1);  // npos + 1 == 0: the whole name
      EXPECT_NE(header.find(std::string(name) + "}}"), std::string_view::npos) << kind.kind << ": " << v;
    }
  }
}

TEST(MailTemplates, EveryBuiltinRendersNamesItsObjectAndLinksOnlyToThePortal) {
  const MailTemplates t = builtins();
  const json values = sample();
  for (const auto& kind : template_kinds()) {
    SCOPED_TRACE(kind.kind);
    const RenderedMail mail = render(t, kind.kind, values);
    for (const std::string* part : {&mail.subject, &mail.text, &mail.html}) {
      EXPECT_EQ(part->find("{{"), std::string::npos);
    }
    EXPECT_NE(mail.subject.find(" / "), std::string::npos);  // Vietnamese / English
    EXPECT_NE(mail.text.find(values["portal_url"].get<std::string>()), std::string::npos);
    EXPECT_NE(mail.html.find("href=\"" + values["portal_url"].get<std::string>() + "\""), std::string::npos);
    EXPECT_EQ(count(mail.html, "href=\""), count(mail.html, "href=\"" + std::string(kPortal) + "/"));
    const std::string_view k = kind.kind;
    if (k.starts_with("request.")) {
      EXPECT_NE(mail.subject.find("1024"), std::string::npos);
    } else if (k.starts_with("cert.")) {
      EXPECT_NE(mail.subject.find("5A3F9C0D1E2B4A6C"), std::string::npos);
      EXPECT_NE(mail.text.find("21/11/2029"), std::string::npos);
    }
    if (k.starts_with("user.")) {  // the one-time link, and the portal's address to check it by
      EXPECT_NE(mail.text.find(values["link"].get<std::string>()), std::string::npos);
      EXPECT_NE(mail.html.find("href=\"" + values["link"].get<std::string>() + "\""), std::string::npos);
      EXPECT_NE(mail.subject.find("an.nv"), std::string::npos);
    }
    if (k.starts_with("cert.expiry.")) {
      EXPECT_NE(mail.subject.find("hết hạn"), std::string::npos);
      EXPECT_NE(mail.text.find("22/09/2029"), std::string::npos);
    }
  }
  EXPECT_NE(render(t, "cert.expiry.closed", values).text.find("cấp mới"), std::string::npos);
  EXPECT_NE(render(t, "round.deadline", values).subject.find("Đợt 2 năm 2026"), std::string::npos);
}

TEST(MailTemplates, FooterWarnsAgainstPhishingInBothLanguages) {
  const MailTemplates t = builtins();
  json values = sample();
  for (const auto& kind : template_kinds()) {
    SCOPED_TRACE(kind.kind);
    const RenderedMail mail = render(t, kind.kind, values);
    for (const std::string* part : {&mail.text, &mail.html}) {
      EXPECT_NE(part->find("không bao giờ yêu cầu cung cấp mã PIN, mật khẩu hay thanh toán"), std::string::npos);
      EXPECT_NE(part->find("never asks for a PIN, a password or a payment"), std::string::npos);
      EXPECT_NE(part->find("(S/MIME)"), std::string::npos);
      EXPECT_NE(part->find(std::string(kPortal) + "/huong-dan/kiem-tra-thu"), std::string::npos);
      EXPECT_NE(part->find("không cần trả lời"), std::string::npos);
    }
  }
  // Without a usable portal URL the footer names the help page instead of building a link.
  values["portal_url"] = "https://user@phish.example/x";
  const RenderedMail mail = render(t, "request.approved", values);
  EXPECT_EQ(mail.text.find("huong-dan"), std::string::npos);
  EXPECT_NE(mail.text.find("trang Hướng dẫn của cổng thông tin"), std::string::npos);
}

TEST(MailTemplates, HtmlEscapesValuesAndTextKeepsThem) {
  json values = sample();
  values["subscriber_name"] = "<script>alert('x')</script> & \"Co\"";
  const RenderedMail mail = render(builtins(), "request.submitted", values);
  EXPECT_EQ(mail.html.find("<script>"), std::string::npos);
  EXPECT_NE(mail.html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"), std::string::npos);
  EXPECT_NE(mail.text.find("<script>alert('x')</script>"), std::string::npos);
}

TEST(MailTemplates, SubjectStaysOneLine) {
  json values = sample();
  values["request_number"] = std::string("1024\r\nBcc: x") + "\xc2\x85" + "\xe2\x80\xa8" + "y";
  const RenderedMail mail = render(builtins(), "request.submitted", values);
  EXPECT_EQ(mail.subject.find_first_of("\r\n"), std::string::npos);
  EXPECT_EQ(mail.subject.find("\xc2\x85"), std::string::npos);
  EXPECT_EQ(mail.subject.find("\xe2\x80\xa8"), std::string::npos);
  EXPECT_NE(mail.subject.find("1024  Bcc: x  y"), std::string::npos);
}

TEST(MailTemplates, ArraySectionsRepeatOncePerElement) {
  const RenderedMail mail = render(builtins(), "request.returned", sample());
  EXPECT_EQ(count(mail.text, "- Số CCCD: Phải có đủ 12 chữ số\n"), 2U);  // Vietnamese, English part
  EXPECT_EQ(count(mail.text, "- Thư điện tử: Phải là hòm thư công vụ\n"), 2U);
  EXPECT_LT(mail.text.find("Số CCCD"), mail.text.find("Thư điện tử"));
  EXPECT_EQ(count(mail.html, "<li><strong>Số CCCD</strong>"), 2U);
  const RenderedMail digest = render(builtins(), "digest.daily", sample());
  EXPECT_NE(digest.text.find("- Yêu cầu số 1031 (thu hồi): Phạm Văn Dũng, UBND huyện Ý Yên; chờ từ ngày 19/11/2026\n"),
            std::string::npos);
  EXPECT_NE(digest.text.find("và 1 yêu cầu khác"), std::string::npos);
}

TEST_F(TemplateDir, ElementFieldsComeBeforeOuterValues) {
  write_file(dir_ / "request.returned.tmpl",
             "[subject]\nS {{request_number}}\n[text]\n{{#reasons}}[{{field}}|{{request_number}}]{{/reasons}}\n"
             "[html]\n<p>{{#reasons}}{{field}}{{/reasons}}</p>\n");
  auto t = MailTemplates::load(dir_);
  ASSERT_TRUE(t) << t.error().describe();
  json values = sample();
  values["field"] = "outer";
  values["reasons"][1]["request_number"] = 7;
  const RenderedMail mail = render(*t, "request.returned", values);
  EXPECT_EQ(mail.text.substr(0, mail.text.find('\n')), "[Số CCCD|1024][Thư điện tử|7]");
}

TEST_F(TemplateDir, InvertedSectionsShowWhenEmptyFalseOrMissing) {
  write_file(dir_ / "request.submitted.tmpl",
             "# comment\n\n[subject]\nS\n[text]\n{{^comment}}none{{/comment}}{{#comment}}some{{/comment}}\n"
             "[html]\n<p>x</p>\n");
  auto t = MailTemplates::load(dir_);
  ASSERT_TRUE(t) << t.error().describe();
  const auto first_line = [&](const json& values) {
    const std::string text = render(*t, "request.submitted", values).text;
    return text.substr(0, text.find('\n'));
  };
  EXPECT_EQ(first_line({{"comment", "x"}}), "some");
  EXPECT_EQ(first_line({{"comment", ""}}), "none");
  EXPECT_EQ(first_line({{"comment", false}}), "none");
  EXPECT_EQ(first_line({{"comment", 0}}), "none");
  EXPECT_EQ(first_line({{"comment", json::array()}}), "none");
  EXPECT_EQ(first_line(json::object()), "none");
  const json none = {{"count", 0}, {"date", "21/11/2026"}, {"requests", json::array()}, {"more", 0}};
  const RenderedMail digest = render(builtins(), "digest.daily", none);
  EXPECT_NE(digest.text.find("không có yêu cầu nào đang chờ"), std::string::npos);
  EXPECT_NE(digest.html.find("no request is awaiting review"), std::string::npos);
  EXPECT_EQ(digest.html.find("<table"), std::string::npos);
}

TEST_F(TemplateDir, LoadUsesAnEditedTemplateAndKeepsTheOtherBuiltins) {
  write_file(dir_ / "request.approved.tmpl",
             "[subject]\r\nĐã duyệt {{request_number}} / Approved {{request_number}}\r\n[text]\r\nOK {{actor}}\r\n"
             "[html]\r\n<p>OK {{actor}}</p>\r\n");
  auto t = MailTemplates::load(dir_);
  ASSERT_TRUE(t) << t.error().describe();
  const RenderedMail mail = render(*t, "request.approved", sample());
  EXPECT_EQ(mail.subject, "Đã duyệt 1024 / Approved 1024");
  EXPECT_EQ(mail.text.substr(0, mail.text.find('\n') + 1), "OK Lê Văn Cường\n");  // CRLF read as LF
  EXPECT_EQ(render(*t, "request.rejected", sample()).subject, render(builtins(), "request.rejected", sample()).subject);
}

TEST_F(TemplateDir, LoadNamesFileAndLineOfAnUnknownVariable) {
  const Error e = load_error("request.submitted.tmpl", "[subject]\nS\n[text]\nline 4\n{{foo}}\n[html]\n<p></p>\n");
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_EQ(e.context, (dir_ / "request.submitted.tmpl").string() + ":5");
  EXPECT_NE(e.message_en.find("{{foo}}"), std::string::npos);
  EXPECT_NE(e.message_vi.find("{{foo}}"), std::string::npos);
}

TEST_F(TemplateDir, ElementFieldsAreUnknownOutsideTheirSection) {
  const Error e = load_error("request.rejected.tmpl", "[subject]\nS\n[text]\n{{field}}\n[html]\n<p></p>\n");
  EXPECT_EQ(e.context, (dir_ / "request.rejected.tmpl").string() + ":4");
  // serial belongs to request.completed only.
  const Error serial = load_error("request.rejected.tmpl", "[subject]\nS {{serial}}\n[text]\nt\n[html]\nh\n");
  EXPECT_EQ(serial.context, (dir_ / "request.rejected.tmpl").string() + ":2");
}

TEST_F(TemplateDir, LoadReportsUnbalancedTags) {
  const std::string file = (dir_ / "request.submitted.tmpl").string();
  EXPECT_EQ(load_error("request.submitted.tmpl", "[subject]\nS\n[text]\nt\n{{#comment}}\nt\n[html]\nh\n").context,
            file + ":5");
  EXPECT_EQ(load_error("request.submitted.tmpl", "[subject]\nS\n[text]\n{{#comment}}{{/actor}}\n[html]\nh\n").context,
            file + ":4");
  EXPECT_EQ(load_error("request.submitted.tmpl", "[subject]\nS\n[text]\nt\n[html]\n\n{{/comment}}\n").context,
            file + ":7");
  EXPECT_EQ(load_error("request.submitted.tmpl", "[subject]\nS\n[text]\n{{actor\n[html]\nh\n").context, file + ":4");
  // Triple mustaches would bypass HTML escaping: not part of the subset.
  EXPECT_EQ(load_error("request.submitted.tmpl", "[subject]\nS\n[text]\nt\n[html]\n{{{actor}}}\n").context,
            file + ":6");
}

TEST_F(TemplateDir, LoadReportsMissingEmptyAndMalformedSections) {
  const std::string file = (dir_ / "cert.held.tmpl").string();
  const Error missing = load_error("cert.held.tmpl", "# no html\n[subject]\nS\n[text]\nt\n");
  EXPECT_EQ(missing.context.substr(0, file.size()), file);
  EXPECT_NE(missing.message_en.find("[html]"), std::string::npos);
  EXPECT_EQ(load_error("cert.held.tmpl", "[subject]\nS\n[text]\n\n  \n[html]\nh\n").context, file + ":3");
  EXPECT_EQ(load_error("cert.held.tmpl", "hello\n[subject]\nS\n[text]\nt\n[html]\nh\n").context, file + ":1");
  EXPECT_EQ(load_error("cert.held.tmpl", "[subject]\nS\nT\n[text]\nt\n[html]\nh\n").context, file + ":3");
  EXPECT_EQ(load_error("cert.held.tmpl", "[subject]\nS\n[text]\nt\n[html]\nh\n[text]\nu\n").context, file + ":7");
}

TEST_F(TemplateDir, LoadReportsAnUnknownFile) {
  const Error e = load_error("nonsense.tmpl", "[subject]\nS\n[text]\nt\n[html]\nh\n");
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_EQ(e.context, (dir_ / "nonsense.tmpl").string());
  EXPECT_NE(e.message_en.find("nonsense.tmpl"), std::string::npos);
}

TEST_F(TemplateDir, AMissingDirMeansTheBuiltinsAndAFileIsAnError) {
  auto t = MailTemplates::load(dir_ / "absent");
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(render(*t, "cert.held", sample()).text, render(builtins(), "cert.held", sample()).text);
  write_file(dir_ / "file", "x");
  auto not_dir = MailTemplates::load(dir_ / "file");
  ASSERT_FALSE(not_dir);
  EXPECT_EQ(not_dir.error().context, (dir_ / "file").string());
}

TEST_F(TemplateDir, WriteDefaultsCreatesTheFilesAndKeepsEditedOnes) {
  const fs::path sub = dir_ / "mail";
  ASSERT_TRUE(MailTemplates::write_defaults(sub));
  for (const auto& kind : template_kinds()) {
    const fs::path file = sub / (std::string(kind.kind) + ".tmpl");
    EXPECT_EQ(read_file(file), MailTemplates::builtin_source(kind.kind));
    EXPECT_EQ(fs::status(file).permissions(), fs::perms(0644)) << file;
  }
  const std::string edited = "[subject]\nRiêng {{serial}} / Own\n[text]\nt\n[html]\nh\n";
  write_file(sub / "cert.revoked.tmpl", edited);
  fs::remove(sub / "cert.held.tmpl");
  ASSERT_TRUE(MailTemplates::write_defaults(sub));
  EXPECT_EQ(read_file(sub / "cert.revoked.tmpl"), edited);
  EXPECT_EQ(read_file(sub / "cert.held.tmpl"), MailTemplates::builtin_source("cert.held"));
  auto t = MailTemplates::load(sub);
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(render(*t, "cert.revoked", sample()).subject, "Riêng 5A3F9C0D1E2B4A6C / Own");
}

TEST_F(TemplateDir, DiacriticsSurviveAsNfc) {
  const RenderedMail builtin_mail = render(builtins(), "cert.revoked", sample());
  EXPECT_EQ(builtin_mail.subject.substr(0, kChungThuSoNfc.size()), kChungThuSoNfc);
  EXPECT_NE(builtin_mail.text.find("Trần Thị Bình"), std::string::npos);
  // A file saved in NFD is read as NFC, so the mail's bytes do not depend on the editor.
  write_file(dir_ / "cert.revoked.tmpl",
             "[subject]\n" + std::string(kChungThuSoNfd) + " {{serial}} / Certificate\n[text]\nt\n[html]\nh\n");
  auto t = MailTemplates::load(dir_);
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(render(*t, "cert.revoked", sample()).subject,
            std::string(kChungThuSoNfc) + " 5A3F9C0D1E2B4A6C / Certificate");
}

TEST(MailTemplates, RenderRefusesUnknownKindsAndBadValues) {
  const MailTemplates t = builtins();
  auto unknown = t.render("request.lost", sample());
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(t.render("request.submitted", json::array()).error().code, ErrorCode::invalid_input);
  json bad = sample();
  bad["reasons"][1]["reason"] = std::string("\xff\xfe");
  auto refused = t.render("request.returned", bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "reasons[1].reason");
}

}  // namespace
}  // namespace ct::notify
