#include "notify/templates.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/text.h"
#include "notify/template_internal.h"

namespace ct::notify {

namespace {

using detail::Node;
using detail::ParsedTemplate;
using json = nlohmann::json;

// ---- Rendering ------------------------------------------------------------------------------

using Scope = std::vector<const json*>;  // innermost last

const json* lookup(const Scope& scope, const std::string& name) {
  for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
    if (!(*it)->is_object()) continue;
    const auto found = (*it)->find(name);
    if (found != (*it)->end()) return &*found;
  }
  return nullptr;
}

bool truthy(const json* v) {
  if (v == nullptr) return false;
  switch (v->type()) {
    case json::value_t::boolean:
      return v->get<bool>();
    case json::value_t::string:
      return !v->get_ref<const std::string&>().empty();
    case json::value_t::number_integer:
      return v->get<std::int64_t>() != 0;
    case json::value_t::number_unsigned:
      return v->get<std::uint64_t>() != 0;
    case json::value_t::number_float:
      return v->get<double>() != 0.0;
    case json::value_t::array:
      return !v->empty();
    case json::value_t::object:
      return true;
    default:
      return false;
  }
}

std::string to_text(const json* v) {
  if (v == nullptr) return {};
  switch (v->type()) {
    case json::value_t::string:
      return v->get<std::string>();
    case json::value_t::number_integer:
      return std::to_string(v->get<std::int64_t>());
    case json::value_t::number_unsigned:
      return std::to_string(v->get<std::uint64_t>());
    case json::value_t::number_float: {
      const double d = v->get<double>();
      if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15) {
        return std::to_string(static_cast<std::int64_t>(d));
      }
      return v->dump();
    }
    case json::value_t::boolean:
      return v->get<bool>() ? "true" : "false";
    default:
      return {};
  }
}

void append_escaped(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string escaped(std::string_view s) {
  std::string out;
  append_escaped(out, s);
  return out;
}

void render_nodes(const std::vector<Node>& nodes, Scope& scope, bool html, std::string& out) {
  for (const Node& node : nodes) {
    switch (node.type) {
      case Node::Type::text:
        out += node.content;
        break;
      case Node::Type::value: {
        const std::string value = to_text(lookup(scope, node.content));
        if (html) {
          append_escaped(out, value);
        } else {
          out += value;
        }
        break;
      }
      case Node::Type::section: {
        const json* v = lookup(scope, node.content);
        if (v != nullptr && v->is_array()) {
          for (const json& element : *v) {
            scope.push_back(&element);
            render_nodes(node.children, scope, html, out);
            scope.pop_back();
          }
        } else if (truthy(v)) {
          scope.push_back(v);
          render_nodes(node.children, scope, html, out);
          scope.pop_back();
        }
        break;
      }
      case Node::Type::inverted:
        if (!truthy(lookup(scope, node.content))) render_nodes(node.children, scope, html, out);
        break;
    }
  }
}

// Every control character (C0, DEL, C1) and the Unicode line and paragraph separators become a
// space: a value can neither end the Subject header nor start another (header injection).
std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0U; };
    if (c < 0x20 || c == 0x7F) {
      out += ' ';
    } else if (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) {
      out += ' ';
      i += 1;
    } else if (c == 0xE2 && next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9)) {
      out += ' ';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The path of the first string value that is not UTF-8 ("reasons[1].reason"), if any.
std::optional<std::string> invalid_utf8_at(const json& v, const std::string& path) {
  if (v.is_string()) {
    if (text::is_valid_utf8(v.get_ref<const std::string&>())) return std::nullopt;
    return path;
  }
  if (v.is_object()) {
    for (const auto& [key, child] : v.items()) {
      if (auto bad = invalid_utf8_at(child, path.empty() ? key : path + "." + key)) return bad;
    }
  } else if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (auto bad = invalid_utf8_at(v[i], path + "[" + std::to_string(i) + "]")) return bad;
    }
  }
  return std::nullopt;
}

// scheme://host of portal_url + the help page on checking mail; none when portal_url is not a
// plain http(s) URL (then the footer names the page instead of linking it).
std::optional<std::string> check_mail_url(const json& values) {
  const auto it = values.find("portal_url");
  if (it == values.end() || !it->is_string()) return std::nullopt;
  const std::string& url = it->get_ref<const std::string&>();
  const std::size_t sep = url.find("://");
  if (sep == std::string::npos) return std::nullopt;
  const std::string scheme = text::ascii_lower(url.substr(0, sep));
  if (scheme != "https" && scheme != "http") return std::nullopt;
  const std::size_t host_end = std::min(url.find_first_of("/?#", sep + 3), url.size());
  const std::string host = url.substr(sep + 3, host_end - sep - 3);
  if (host.empty()) return std::nullopt;
  for (const char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == ':' || c == '[' || c == ']';
    if (!ok) return std::nullopt;  // no userinfo ("portal@evil"), no spaces
  }
  return scheme + "://" + host + "/huong-dan/kiem-tra-thu";
}

// The footer's sentences: the same words in the text and the HTML body.
constexpr std::string_view kNoticeHeadingVi = "LƯU Ý AN TOÀN";
constexpr std::array<std::string_view, 3> kNoticeVi = {
    "chungthu không bao giờ yêu cầu cung cấp mã PIN, mật khẩu hay thanh toán bất kỳ khoản tiền nào, và không bao "
    "giờ gửi tệp đính kèm hoặc đường liên kết dẫn ra ngoài cổng thông tin.",
    "Mọi thư thật của chungthu đều được tổ chức chứng thực ký số (S/MIME): phần mềm đọc thư sẽ báo chữ ký số hợp lệ "
    "và người ký chính là địa chỉ đã gửi thư.",
    "Thư không có chữ ký số hợp lệ, hoặc có những yêu cầu nêu trên, là thư giả mạo: không làm theo các yêu cầu trong "
    "thư đó."};
constexpr std::string_view kCheckVi = "Cách kiểm tra thư: xem ";
constexpr std::string_view kCheckPageVi = "trang Hướng dẫn của cổng thông tin";
constexpr std::string_view kAutomaticVi = "Đây là thư tự động, không cần trả lời.";
constexpr std::string_view kNoticeHeadingEn = "SECURITY NOTICE";
constexpr std::array<std::string_view, 3> kNoticeEn = {
    "chungthu never asks for a PIN, a password or a payment, and never sends attachments or links that lead "
    "outside the portal.",
    "Every genuine message from chungthu is digitally signed (S/MIME) by the certification authority: your mail "
    "client shows the signature as valid, signed by the sending address.",
    "A message without a valid signature, or one asking for any of these, is forged: do not act on it."};
constexpr std::string_view kCheckEn = "How to check a message: see ";
constexpr std::string_view kCheckPageEn = "the Help page of the portal";
constexpr std::string_view kAutomaticEn = "This is an automatic message; no reply is needed.";

std::string footer_text(const std::optional<std::string>& url) {
  std::string out = "\n------------------------------------------------------------\n";
  const auto language = [&](std::string_view heading, const std::array<std::string_view, 3>& notice,
                            std::string_view check, std::string_view page, std::string_view automatic) {
    out.append(heading).append(": ");
    for (const auto sentence : notice) out.append(sentence).append("\n");
    // No full stop after the URL: some mail clients would take it into the link.
    out.append(check).append(url ? std::string_view(*url) : page).append("\n").append(automatic).append("\n");
  };
  language(kNoticeHeadingVi, kNoticeVi, kCheckVi, kCheckPageVi, kAutomaticVi);
  out += "\n";
  language(kNoticeHeadingEn, kNoticeEn, kCheckEn, kCheckPageEn, kAutomaticEn);
  return out;
}

std::string footer_html(const std::optional<std::string>& url) {
  std::string out = "<hr>\n";
  const auto language = [&](std::string_view lang, std::string_view heading,
                            const std::array<std::string_view, 3>& notice, std::string_view check,
                            std::string_view page, std::string_view automatic) {
    out.append("<p lang=\"").append(lang).append("\" style=\"font-size:small;color:#444\"><strong>");
    out.append(heading).append(":</strong> ");
    for (const auto sentence : notice) out.append(sentence).append("<br>\n");
    out.append(check);
    if (url) {
      const std::string href = escaped(*url);
      out.append("<a href=\"").append(href).append("\">").append(href).append("</a>");
    } else {
      out.append(page);
    }
    out.append("<br>\n").append(automatic).append("</p>\n");
  };
  language("vi", kNoticeHeadingVi, kNoticeVi, kCheckVi, kCheckPageVi, kAutomaticVi);
  language("en", kNoticeHeadingEn, kNoticeEn, kCheckEn, kCheckPageEn, kAutomaticEn);
  return out;
}

std::string html_document(std::string_view subject, std::string_view body, std::string_view footer) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  append_escaped(out, subject);
  out.append("</title>\n</head>\n<body>\n").append(body).append(footer).append("</body>\n</html>\n");
  return out;
}

}  // namespace

Result<RenderedMail> MailTemplates::render(std::string_view kind, const json& values) const {
  const auto it = templates_.find(kind);
  if (it == templates_.end()) {
    return fail(ErrorCode::not_found, "Không có mẫu thư loại " + std::string(kind),
                "There is no mail template of kind " + std::string(kind), "kind");
  }
  if (!values.is_object()) {
    return fail(ErrorCode::invalid_input, "Giá trị của mẫu thư phải là một đối tượng JSON",
                "The template values must be a JSON object");
  }
  if (auto bad = invalid_utf8_at(values, {})) {
    return fail(ErrorCode::invalid_input, "Giá trị không phải văn bản UTF-8 hợp lệ", "A value is not valid UTF-8 text",
                *bad);
  }
  const ParsedTemplate& t = *it->second;
  Scope scope{&values};
  RenderedMail mail;
  std::string subject;
  render_nodes(t.subject, scope, false, subject);
  mail.subject = text::trim(one_line(subject));
  const auto url = check_mail_url(values);
  render_nodes(t.text, scope, false, mail.text);
  mail.text += footer_text(url);
  std::string body;
  render_nodes(t.html, scope, true, body);
  mail.html = html_document(mail.subject, body, footer_html(url));
  return mail;
}

}  // namespace ct::notify
