#include "notify/templates.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <utility>

#include "common/text.h"
#include "notify/template_internal.h"
#include "notify/templates_builtin.h"

namespace ct::notify {

namespace {

namespace fs = std::filesystem;
using detail::Node;
using detail::ParsedTemplate;

constexpr std::string_view kSuffix = ".tmpl";
constexpr std::uintmax_t kMaxFileSize = 256 * 1024;
constexpr std::array<std::string_view, 3> kSections = {"[subject]", "[text]", "[html]"};

const TemplateKind* find_kind(std::string_view kind) {
  for (const auto& k : template_kinds())
    if (k.kind == kind) return &k;
  return nullptr;
}

std::string kind_list() {
  std::vector<std::string> names;
  for (const auto& k : template_kinds()) names.emplace_back(k.kind);
  return text::join(names, ", ");
}

tl::unexpected<Error> template_error(std::string_view file, std::size_t line, const std::string& vi,
                                     const std::string& en) {
  std::string where(file);
  if (line > 0) where += ":" + std::to_string(line);
  return fail(ErrorCode::invalid_input, vi, en, where);
}

// ---- Reading a file: sections, then tags ---------------------------------------------------

struct RawSection {
  bool present = false;
  std::size_t header_line = 0;
  std::size_t first_line = 0;  // of the body
  std::string body;            // leading and trailing blank lines dropped; ends with '\n'
};

// Valid UTF-8 (the line of the first bad byte is named), a BOM dropped, CRLF read as LF, NFC.
Result<std::string> normalized_source(std::string_view raw, std::string_view file) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);
  if (!text::is_valid_utf8(raw)) {
    std::size_t line = 1;
    for (std::size_t from = 0; from <= raw.size(); ++line) {
      const std::size_t end = std::min(raw.find('\n', from), raw.size());
      if (!text::is_valid_utf8(raw.substr(from, end - from))) break;
      from = end + 1;
    }
    return template_error(file, line, "Tệp mẫu thư không phải văn bản UTF-8 hợp lệ",
                          "The template file is not valid UTF-8 text");
  }
  std::string lf;
  lf.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') continue;
    lf += raw[i];
  }
  return text::to_nfc(lf, file);
}

Result<std::array<RawSection, 3>> split_sections(std::string_view src, std::string_view file) {
  std::array<RawSection, 3> sections;
  RawSection* current = nullptr;
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < src.size();) {
    const std::size_t end = std::min(src.find('\n', pos), src.size());
    const std::string_view line = src.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string trimmed = text::trim(line);
    bool is_header = false;
    for (std::size_t i = 0; i < kSections.size(); ++i) {
      if (trimmed != kSections[i]) continue;
      if (sections[i].present) {
        return template_error(file, line_no, "Phần " + trimmed + " xuất hiện hai lần",
                              "Section " + trimmed + " appears twice");
      }
      sections[i].present = true;
      sections[i].header_line = line_no;
      current = &sections[i];
      is_header = true;
    }
    if (is_header) continue;
    if (current == nullptr) {
      if (trimmed.empty() || trimmed.front() == '#') continue;
      return template_error(file, line_no,
                            "Nội dung nằm trước phần đầu tiên: ở đó chỉ được có dòng chú thích bắt đầu bằng #",
                            "Text before the first section: only comment lines starting with # may be there");
    }
    if (current->body.empty() && trimmed.empty()) continue;
    if (current->body.empty()) current->first_line = line_no;
    current->body.append(line);
    current->body += '\n';
  }
  for (std::size_t i = 0; i < kSections.size(); ++i) {
    RawSection& s = sections[i];
    const std::string name(kSections[i]);
    if (!s.present) {
      return template_error(file, line_no, "Thiếu phần " + name, "Section " + name + " is missing");
    }
    const std::size_t last = s.body.find_last_not_of(" \t\n");
    if (last == std::string::npos) {
      return template_error(file, s.header_line, "Phần " + name + " để trống", "Section " + name + " is empty");
    }
    s.body.resize(last + 1);
    s.body += '\n';
  }
  RawSection& subject = sections[0];
  subject.body.pop_back();
  if (subject.body.find('\n') != std::string::npos) {
    return template_error(file, subject.first_line + 1, "Tiêu đề thư phải nằm trên một dòng",
                          "The subject must be one line");
  }
  return sections;
}

bool is_name(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_blank(std::string_view s) {
  return s.find_first_not_of(" \t") == std::string_view::npos;
}

std::string opening_tag(const Node& section) {
  return (section.type == Node::Type::inverted ? "{{^" : "{{#") + section.content + "}}";
}

struct OpenSection {
  Node node;
  std::size_t line = 0;
};

// `name` is a variable of the kind, or "outer.name" where `outer` is a section open around it.
bool may_use(const TemplateKind& kind, std::string_view name, const std::vector<OpenSection>& open) {
  for (const std::string_view v : kind.variables) {
    if (v == name) return true;
    const std::size_t dot = v.find('.');
    if (dot == std::string_view::npos || v.substr(dot + 1) != name) continue;
    for (std::size_t i = 1; i < open.size(); ++i)
      if (open[i].node.content == v.substr(0, dot)) return true;
  }
  return false;
}

// Parses one section's body into nodes. A section tag alone on its line (blanks around it) takes
// the whole line, so that {{#x}} lines leave no empty lines in the plain-text body.
Result<std::vector<Node>> parse_section(std::string_view body, std::size_t first_line, std::string_view file,
                                        const TemplateKind& kind) {
  std::vector<OpenSection> open(1);  // open[0] is the root
  std::size_t text_from = 0;
  std::size_t line = first_line;
  std::size_t counted_to = 0;
  for (;;) {
    const std::size_t start = body.find("{{", text_from);
    if (start == std::string_view::npos) break;
    for (; counted_to < start; ++counted_to)
      if (body[counted_to] == '\n') ++line;
    const std::size_t close = body.find("}}", start + 2);
    if (close == std::string_view::npos) {
      return template_error(file, line, "Thẻ {{ không được đóng bằng }}", "A tag opened with {{ is not closed with }}");
    }
    const std::string_view inner = body.substr(start + 2, close - start - 2);
    const std::string tag = "{{" + std::string(inner) + "}}";
    Node::Type type = Node::Type::value;
    bool closing = false;
    std::string_view rest = inner;
    if (!inner.empty() && (inner.front() == '#' || inner.front() == '^' || inner.front() == '/')) {
      type = inner.front() == '#' ? Node::Type::section : Node::Type::inverted;
      closing = inner.front() == '/';
      rest.remove_prefix(1);
    }
    const std::string name = text::trim(rest);
    if (!is_name(name)) {
      return template_error(file, line,
                            "Thẻ không hợp lệ: " + tag + " (chỉ dùng {{tên}}, {{#tên}}, {{^tên}}, {{/tên}})",
                            "Invalid tag: " + tag + " (only {{name}}, {{#name}}, {{^name}}, {{/name}})");
    }
    std::size_t text_end = start;
    std::size_t next = close + 2;
    const std::size_t newline = start == 0 ? std::string_view::npos : body.rfind('\n', start - 1);
    const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
    const std::size_t line_end = std::min(body.find('\n', next), body.size());
    if (type != Node::Type::value && text_from <= line_start && is_blank(body.substr(line_start, start - line_start)) &&
        is_blank(body.substr(next, line_end - next))) {
      text_end = line_start;
      next = std::min(line_end + 1, body.size());
    }
    if (text_end > text_from) {
      open.back().node.children.push_back(
          Node{Node::Type::text, std::string(body.substr(text_from, text_end - text_from)), {}});
    }
    text_from = next;
    if (closing) {
      if (open.size() == 1) {
        return template_error(file, line, "Thẻ đóng " + tag + " không có thẻ mở tương ứng",
                              "Closing tag " + tag + " has no opening tag");
      }
      if (open.back().node.content != name) {
        const std::string opened = opening_tag(open.back().node);
        const std::string at = std::to_string(open.back().line);
        return template_error(file, line, "Thẻ đóng " + tag + " không khớp với thẻ mở " + opened + " ở dòng " + at,
                              "Closing tag " + tag + " does not match the section " + opened + " opened on line " + at);
      }
      Node done = std::move(open.back().node);
      open.pop_back();
      open.back().node.children.push_back(std::move(done));
      continue;
    }
    if (!may_use(kind, name, open)) {
      std::vector<std::string> names(kind.variables.begin(), kind.variables.end());
      return template_error(file, line,
                            "Biến {{" + name + "}} không dùng được trong mẫu thư " + std::string(kind.kind) +
                                " (dùng được: " + text::join(names, ", ") + ")",
                            "Variable {{" + name + "}} is not available in the " + std::string(kind.kind) +
                                " template (available: " + text::join(names, ", ") + ")");
    }
    if (type == Node::Type::value) {
      open.back().node.children.push_back(Node{Node::Type::value, name, {}});
    } else {
      open.push_back(OpenSection{Node{type, name, {}}, line});
    }
  }
  if (open.size() > 1) {
    const std::string opened = opening_tag(open.back().node);
    const std::string closing = "{{/" + open.back().node.content + "}}";
    return template_error(file, open.back().line, "Phần " + opened + " chưa được đóng bằng " + closing,
                          "Section " + opened + " is not closed with " + closing);
  }
  if (text_from < body.size()) {
    open.back().node.children.push_back(Node{Node::Type::text, std::string(body.substr(text_from)), {}});
  }
  return std::move(open.front().node.children);
}

Result<std::shared_ptr<const ParsedTemplate>> parse_template(std::string_view raw, std::string_view file,
                                                             const TemplateKind& kind) {
  auto source = normalized_source(raw, file);
  if (!source) return fail(source.error());
  auto sections = split_sections(*source, file);
  if (!sections) return fail(sections.error());
  std::array<std::vector<Node>, 3> parsed;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    auto nodes = parse_section((*sections)[i].body, (*sections)[i].first_line, file, kind);
    if (!nodes) return fail(nodes.error());
    parsed[i] = std::move(*nodes);
  }
  return std::make_shared<const ParsedTemplate>(
      ParsedTemplate{std::move(parsed[0]), std::move(parsed[1]), std::move(parsed[2])});
}

Result<std::string> read_template_file(const fs::path& path) {
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không đọc được tệp mẫu thư", "Cannot read the template file", path.string());
  }
  if (size > kMaxFileSize) {
    return fail(ErrorCode::invalid_input, "Tệp mẫu thư quá lớn (tối đa 256 KiB)",
                "The template file is too large (at most 256 KiB)", path.string());
  }
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) {
    return fail(ErrorCode::unavailable, "Không đọc được tệp mẫu thư", "Cannot read the template file", path.string());
  }
  return content;
}

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

// Creates `path` holding `content`, mode 0644. Opening with "x" (O_EXCL) makes "does it exist?"
// and "create it" one step, so a file an operator has edited is never overwritten.
Status write_new_file(const fs::path& path, std::string_view content) {
  const auto cannot_write = [&] {
    return fail(ErrorCode::unavailable, "Không ghi được tệp mẫu thư", "Cannot write the template file", path.string());
  };
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path.c_str(), "wbx"));
  if (!f) {
    if (errno == EEXIST) return {};
    return cannot_write();
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), f.get()) == content.size();
  const bool closed = std::fclose(f.release()) == 0;  // a failed close can mean lost data
  std::error_code ec;
  if (written && closed) {
    using fs::perms;
    fs::permissions(path, perms::owner_read | perms::owner_write | perms::group_read | perms::others_read,
                    fs::perm_options::replace, ec);
    if (!ec) return {};
  }
  fs::remove(path, ec);
  return cannot_write();
}

}  // namespace

const std::vector<TemplateKind>& template_kinds() {
  static const std::vector<TemplateKind> kinds = [] {
    const auto request = [](std::string_view kind, std::string_view summary, std::vector<std::string_view> extra) {
      TemplateKind k{kind,
                     summary,
                     {"portal_url", "recipient_name", "request_number", "request_type_vi", "request_type_en",
                      "subscriber_name", "organization", "actor", "comment"}};
      k.variables.insert(k.variables.end(), extra.begin(), extra.end());
      return k;
    };
    const std::vector<std::string_view> status = {"portal_url",   "recipient_name", "serial",    "subscriber_name",
                                                  "organization", "reason_vi",      "reason_en", "at",
                                                  "not_after"};
    const std::vector<std::string_view> expiry = {"portal_url",   "recipient_name", "serial",    "subscriber_name",
                                                  "organization", "not_after",      "days_left", "window_closes"};
    return std::vector<TemplateKind>{
        request("request.submitted", "Yêu cầu đã được gửi / A request was submitted", {}),
        request("request.returned", "Yêu cầu bị trả lại để bổ sung, chỉnh sửa / A request was returned for correction",
                {"reasons", "reasons.field", "reasons.reason"}),
        request("request.rejected", "Yêu cầu bị từ chối / A request was rejected",
                {"reasons", "reasons.field", "reasons.reason"}),
        request("request.approved", "Yêu cầu đã được phê duyệt / A request was approved", {}),
        request("request.completed", "Yêu cầu đã được thực hiện xong / A request was carried out",
                {"serial", "not_after"}),
        {"cert.revoked", "Chứng thư số đã bị thu hồi / A certificate was revoked", status},
        {"cert.held", "Chứng thư số bị tạm dừng hiệu lực / A certificate was placed on hold", status},
        {"cert.released", "Chứng thư số được khôi phục hiệu lực / A certificate was released from hold", status},
        {"cert.expiry.opens", "Sắp hết hạn: đã có thể gia hạn / Expiry: the renewal window opens", expiry},
        {"cert.expiry.closing", "Sắp hết hạn: còn hai tuần để đề nghị gia hạn / Expiry: a fortnight left to renew",
         expiry},
        {"cert.expiry.closed",
         "Sắp hết hạn, không còn gia hạn được: phải cấp mới / Expiry: renewal closed, new certificate needed", expiry},
        {"round.deadline",
         "Nhắc hạn đợt đăng ký / A registration round's deadline is near",
         {"portal_url", "recipient_name", "round_name", "deadline", "days_left", "organization"}},
        {"digest.daily",
         "Tổng hợp hằng ngày các yêu cầu chờ xử lý / Daily digest of requests awaiting action",
         {"portal_url", "recipient_name", "date", "count", "requests", "requests.request_number",
          "requests.request_type_vi", "requests.request_type_en", "requests.organization", "requests.subscriber_name",
          "requests.waiting_since", "more"}},
        {"user.activation", "Liên kết kích hoạt tài khoản / An account activation link",
         {"portal_url", "recipient_name", "login", "role_vi", "role_en", "link", "expires_at", "totp"}},
        {"user.password_reset", "Liên kết đặt lại mật khẩu / A password reset link",
         {"portal_url", "recipient_name", "login", "link", "expires_at", "totp", "asked_by_user"}},
    };
  }();
  return kinds;
}

Result<MailTemplates> MailTemplates::builtin() {
  MailTemplates out;
  for (const auto& kind : template_kinds()) {
    auto parsed =
        parse_template(builtin_text(kind.kind), "<built-in>/" + std::string(kind.kind) + std::string(kSuffix), kind);
    if (!parsed) return fail(parsed.error());
    out.templates_.emplace(std::string(kind.kind), std::move(*parsed));
  }
  return out;
}

Result<MailTemplates> MailTemplates::load(const fs::path& dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (status.type() == fs::file_type::not_found) return builtin();
  const auto cannot_read = [&] {
    return fail(ErrorCode::unavailable, "Không đọc được thư mục mẫu thư", "Cannot read the mail template directory",
                dir.string());
  };
  if (ec) return cannot_read();
  if (!fs::is_directory(status)) {
    return fail(ErrorCode::invalid_input, "Đường dẫn mẫu thư không phải thư mục",
                "The mail template path is not a directory", dir.string());
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    // Anything named *.tmpl but a folder is a template: one that cannot be read is an error.
    const std::string name = it->path().filename().string();
    std::error_code type_ec;
    if (name.size() > kSuffix.size() && name.ends_with(kSuffix) && !it->is_directory(type_ec)) {
      files.push_back(it->path());
    }
  }
  if (ec) return cannot_read();
  std::sort(files.begin(), files.end());  // the first error is the same on every run
  auto out = builtin();
  if (!out) return out;
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    const std::string_view kind = std::string_view(name).substr(0, name.size() - kSuffix.size());
    const TemplateKind* k = find_kind(kind);
    if (k == nullptr) {
      return fail(ErrorCode::invalid_input,
                  "Tệp mẫu thư không ứng với loại thư nào: " + name + " (các loại: " + kind_list() + ")",
                  "The template file matches no kind of mail: " + name + " (kinds: " + kind_list() + ")",
                  path.string());
    }
    auto raw = read_template_file(path);
    if (!raw) return fail(raw.error());
    auto parsed = parse_template(*raw, path.string(), *k);
    if (!parsed) return fail(parsed.error());
    out->templates_[std::string(kind)] = std::move(*parsed);
  }
  return out;
}

Status MailTemplates::write_defaults(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không tạo được thư mục mẫu thư", "Cannot create the mail template directory",
                dir.string());
  }
  for (const auto& kind : template_kinds()) {
    auto written = write_new_file(dir / (std::string(kind.kind) + std::string(kSuffix)), builtin_text(kind.kind));
    if (!written) return written;
  }
  return {};
}

std::string_view MailTemplates::builtin_source(std::string_view kind) {
  return builtin_text(kind);
}

}  // namespace ct::notify
