#include "notify/smtp_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "common/internet_names.h"

namespace ct::notify {
namespace {

struct CurlDeleter {
  void operator()(CURL* h) const noexcept { curl_easy_cleanup(h); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};
struct UrlDeleter {
  void operator()(CURLU* u) const noexcept { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const noexcept { curl_free(s); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;
using UrlPtr = std::unique_ptr<CURLU, UrlDeleter>;
using CurlString = std::unique_ptr<char, CurlStringDeleter>;

// curl_global_init is not thread-safe and must run once before any other libcurl call.
CURLcode global_init() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

// Server replies and libcurl's texts go into the outbox and the logs: one line of printable
// characters, bounded. Bytes ≥ 0x80 are kept (a reply may be UTF-8, RFC 6531 §3.7.4).
constexpr std::size_t kMaxDetail = 400;
void append_clean(std::string& out, std::string_view text) {
  for (const char ch : text) {
    if (out.size() >= kMaxDetail) return;
    const auto u = static_cast<unsigned char>(ch);
    out += (u < 0x20 || u == 0x7f) ? ' ' : ch;
  }
}

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return (x >= 'A' && x <= 'Z' ? static_cast<char>(x - 'A' + 'a') : x) == y; });
}

// An address literal of RFC 5321 §4.1.3 ("[192.0.2.1]", "[IPv6:2001:db8::1]"), loosely.
bool is_address_literal(std::string_view s) {
  if (s.size() < 3 || s.front() != '[' || s.back() != ']') return false;
  return std::all_of(s.begin() + 1, s.end() - 1, [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == ':';
  });
}

tl::unexpected<Error> bad_url(std::string vi, std::string en) {
  return fail(ErrorCode::invalid_input, std::move(vi), std::move(en), "mail.smtp_url");
}

// The URL handed to libcurl: the configured one with the EHLO name as its path, which is where
// libcurl takes that name from for SMTP. The URL itself never appears in a message: it is the
// operator's, and an error must not echo what might be a mistyped secret.
Result<std::string> effective_url(const SmtpSettings& s) {
  UrlPtr u(curl_url());
  if (!u) return fail(ErrorCode::internal, "Hết bộ nhớ", "Out of memory", "mail.smtp_url");
  if (curl_url_set(u.get(), CURLUPART_URL, s.url.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK)
    return bad_url("Địa chỉ máy chủ thư không hợp lệ hoặc thiếu tên máy",
                   "The mail server URL is malformed or has no host");
  const auto part = [&u](CURLUPart which) -> std::optional<std::string> {
    char* raw = nullptr;
    if (curl_url_get(u.get(), which, &raw, 0) != CURLUE_OK || raw == nullptr) return std::nullopt;
    const CurlString owned(raw);
    return std::string(owned.get());
  };
  const auto scheme = part(CURLUPART_SCHEME).value_or("");
  if (!equals_ignore_case(scheme, "smtp") && !equals_ignore_case(scheme, "smtps"))
    return bad_url("Địa chỉ máy chủ thư phải bắt đầu bằng smtp:// hoặc smtps://",
                   "The mail server URL must start with smtp:// or smtps://");
  if (part(CURLUPART_HOST).value_or("").empty())
    return bad_url("Địa chỉ máy chủ thư thiếu tên máy", "The mail server URL has no host");
  if (part(CURLUPART_USER) || part(CURLUPART_PASSWORD) || part(CURLUPART_OPTIONS))
    return bad_url("Tên đăng nhập và mật khẩu không được đặt trong địa chỉ máy chủ thư",
                   "The mail server URL must not carry a user name or password: they have their own settings");
  const auto path = part(CURLUPART_PATH).value_or("/");
  if ((path != "/" && !path.empty()) || part(CURLUPART_QUERY) || part(CURLUPART_FRAGMENT))
    return bad_url("Địa chỉ máy chủ thư chỉ gồm giao thức, tên máy và cổng",
                   "The mail server URL must be only scheme, host and port");
  if (!s.helo_domain.empty() && !is_dns_name(s.helo_domain) && !is_address_literal(s.helo_domain))
    return fail(ErrorCode::invalid_input, "Tên EHLO phải là tên miền hoặc địa chỉ IP trong ngoặc vuông",
                "The EHLO name must be a host name or a bracketed address literal", "mail.helo_domain");
  if (s.timeout.count() <= 0)
    return fail(ErrorCode::invalid_input, "Thời gian chờ máy chủ thư phải lớn hơn 0",
                "The mail server timeout must be positive", "mail.timeout_seconds");
  const std::string new_path = "/" + s.helo_domain;
  if (curl_url_set(u.get(), CURLUPART_PATH, new_path.c_str(), 0) != CURLUE_OK)
    return fail(ErrorCode::internal, "Không dựng được địa chỉ máy chủ thư", "Cannot build the mail server URL",
                "mail.helo_domain");
  auto url = part(CURLUPART_URL);
  if (!url) return fail(ErrorCode::internal, "Hết bộ nhớ", "Out of memory", "mail.smtp_url");
  return *url;
}

// What one transfer needs from its callbacks. It outlives the CURL handle: curl_easy_cleanup may
// still talk to the server (QUIT) and call the debug callback.
struct Transfer {
  std::string_view message;
  std::size_t sent = 0;
  std::string last_command;  // the verb only: an AUTH line carries the credentials
  std::string reply;         // the last complete reply, its lines joined by spaces
  std::string partial;       // a multi-line reply being received (RFC 5321 §4.2.1)
  std::array<char, CURL_ERROR_SIZE> error{};

  // libcurl may end a failed transaction with QUIT before returning: its "221" is not the reply
  // the outcome is about, so nothing after QUIT is kept.
  bool quitting = false;

  void on_reply_line(std::string_view line) {
    if (quitting) return;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (!partial.empty()) partial += ' ';
    append_clean(partial, line);
    if (line.size() < 4 || line[3] != '-') reply = std::exchange(partial, {});
  }
  void on_command_line(std::string_view line) {
    if (quitting) return;
    std::string verb(line.substr(0, std::min<std::size_t>(line.find_first_of(" \r\n"), 8)));
    std::transform(verb.begin(), verb.end(), verb.begin(),
                   [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; });
    static constexpr std::array<std::string_view, 9> kVerbs = {"EHLO", "HELO", "STARTTLS", "AUTH", "MAIL",
                                                               "RCPT", "DATA", "RSET",     "NOOP"};
    if (verb == "QUIT") {
      quitting = true;
    } else if (std::find(kVerbs.begin(), kVerbs.end(), verb) != kVerbs.end()) {
      last_command = std::move(verb);
    } else {
      last_command = "AUTH";  // a line of an AUTH exchange (RFC 4954 §4): a credential, not kept
    }
  }
};

extern "C" std::size_t read_message(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
  auto& t = *static_cast<Transfer*>(userdata);
  const std::size_t n = std::min(size * nitems, t.message.size() - t.sent);
  std::memcpy(buffer, t.message.data() + t.sent, n);
  t.sent += n;
  return n;
}

// Called only because CURLOPT_VERBOSE is set; it replaces libcurl's printing to stderr. SMTP
// commands arrive as CURLINFO_HEADER_OUT, replies as CURLINFO_HEADER_IN, a line at a time.
extern "C" int on_debug(CURL*, curl_infotype type, char* data, std::size_t size, void* userdata) {
  auto& t = *static_cast<Transfer*>(userdata);
  if (type == CURLINFO_HEADER_IN) t.on_reply_line({data, size});
  if (type == CURLINFO_HEADER_OUT) t.on_command_line({data, size});
  return 0;
}

// Sets options in order and remembers the first one libcurl refused.
class Options {
 public:
  explicit Options(CURL* h) : h_(h) {}
  template <typename T>
  Options& set(CURLoption option, T value) {
    if (rc_ == CURLE_OK) rc_ = curl_easy_setopt(h_, option, value);
    return *this;
  }
  [[nodiscard]] CURLcode result() const { return rc_; }

 private:
  CURL* h_;
  CURLcode rc_ = CURLE_OK;
};

SendOutcome outcome(SendOutcome::Kind kind, int code, std::string_view vi_en, std::string_view why) {
  SendOutcome o;
  o.kind = kind;
  o.smtp_code = code;
  o.detail.assign(vi_en);
  if (!why.empty()) {
    o.detail += ": ";
    append_clean(o.detail, why);
  }
  return o;
}

bool is_tls_failure(CURLcode rc) {
  switch (rc) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
      return true;
    default:
      return false;
  }
}

// Classifies a finished transfer. Failures of the connection, TLS and AUTH are the installation's
// (network, certificates, credentials): an operator fixes them and the message waits. So is a
// 5xx to the greeting, EHLO or STARTTLS. A 5xx reply to this message's MAIL, RCPT or DATA is
// permanent (RFC 5321 §4.2.1: "the SMTP client SHOULD NOT repeat the exact request"); any 4xx
// is transient (ibid.).
SendOutcome classify(CURLcode rc, long response_code, const Transfer& t) {
  using Kind = SendOutcome::Kind;
  const int code = response_code >= 200 && response_code <= 599 ? static_cast<int>(response_code) : 0;
  if (rc == CURLE_OK)
    return outcome(Kind::accepted, code, "Máy chủ thư đã nhận thư / The mail server accepted the message", t.reply);
  const std::string_view curl_text = t.error[0] != '\0' ? std::string_view(t.error.data()) : curl_easy_strerror(rc);
  const std::string_view why = code >= 400 && !t.reply.empty() ? std::string_view(t.reply) : curl_text;
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return outcome(Kind::temporary, code,
                     "Không phân giải được tên máy chủ thư / Cannot resolve the mail server's name", curl_text);
    case CURLE_COULDNT_CONNECT:
      return outcome(Kind::temporary, code, "Không kết nối được tới máy chủ thư / Cannot connect to the mail server",
                     curl_text);
    case CURLE_OPERATION_TIMEDOUT:
      return outcome(Kind::temporary, code, "Máy chủ thư không trả lời kịp / The mail server did not answer in time",
                     curl_text);
    case CURLE_USE_SSL_FAILED:
      return outcome(Kind::temporary, code,
                     "Máy chủ thư không hỗ trợ STARTTLS / The mail server does not offer STARTTLS", why);
    case CURLE_LOGIN_DENIED:
    case CURLE_AUTH_ERROR:
      return outcome(Kind::temporary, code, "Máy chủ thư từ chối đăng nhập / The mail server refused the login", why);
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
      if (code < 400)
        return outcome(Kind::temporary, code, "Mất kết nối với máy chủ thư / The connection to the mail server failed",
                       curl_text);
      break;
    default:
      if (is_tls_failure(rc))
        return outcome(Kind::temporary, code,
                       "Không thiết lập được TLS với máy chủ thư / TLS with the mail server failed", curl_text);
      break;
  }
  const bool per_message = t.last_command == "MAIL" || t.last_command == "RCPT" || t.last_command == "DATA";
  if (code >= 500 && per_message) {
    if (t.last_command == "MAIL")
      return outcome(Kind::permanent, code, "Máy chủ thư từ chối người gửi / The mail server refused the sender", why);
    if (t.last_command == "RCPT")
      return outcome(Kind::permanent, code, "Máy chủ thư từ chối người nhận / The mail server refused a recipient",
                     why);
    return outcome(Kind::permanent, code, "Máy chủ thư từ chối thư / The mail server refused the message", why);
  }
  if (code >= 500)
    return outcome(Kind::temporary, code, "Máy chủ thư từ chối phiên gửi / The mail server refused the session", why);
  if (code >= 400)
    return outcome(Kind::temporary, code, "Máy chủ thư tạm hoãn nhận thư / The mail server deferred the message", why);
  return outcome(Kind::temporary, code, "Gửi thư không thành công / Sending failed", curl_text);
}

// A line break would end the SMTP command early and start another (command injection); "<" and
// ">" would let an address carry ESMTP parameters past libcurl's bracketing.
bool is_safe_address(std::string_view a) {
  return std::none_of(a.begin(), a.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f || c == '<' || c == '>';
  });
}

}  // namespace

Status check_smtp_settings(const SmtpSettings& s) {
  auto url = effective_url(s);
  if (!url) return fail(url.error());
  return {};
}

SmtpTransport::SmtpTransport(SmtpSettings s) : settings_(std::move(s)) {}

SendOutcome SmtpTransport::send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                                std::string_view message) {
  using Kind = SendOutcome::Kind;
  if (global_init() != CURLE_OK)
    return outcome(Kind::temporary, 0, "Không khởi tạo được libcurl / libcurl failed to initialise", "");
  auto url = effective_url(settings_);
  if (!url) return outcome(Kind::temporary, 0, url.error().describe(), "");
  if (recipients.empty())
    return outcome(Kind::permanent, 0, "Thư không có người nhận / The message has no recipient", "");
  if (!is_safe_address(envelope_from) || !std::all_of(recipients.begin(), recipients.end(), [](const std::string& r) {
        return !r.empty() && is_safe_address(r);
      }))
    return outcome(Kind::permanent, 0, "Địa chỉ thư không hợp lệ / An envelope address is malformed", "");

  // Declared before the handle so that they outlive it (see Transfer).
  Transfer transfer;
  transfer.message = message;
  SlistPtr rcpt;
  for (const auto& r : recipients) {
    // On failure the list is left as it was; on success the head returned may be the one held,
    // so it is released before being taken back rather than freed by reset().
    curl_slist* grown = curl_slist_append(rcpt.get(), r.c_str());
    if (grown == nullptr) return outcome(Kind::temporary, 0, "Hết bộ nhớ / Out of memory", "");
    static_cast<void>(rcpt.release());
    rcpt.reset(grown);
  }
  const CurlPtr h(curl_easy_init());
  if (!h) return outcome(Kind::temporary, 0, "Không khởi tạo được libcurl / libcurl failed to initialise", "");

  const bool implicit_tls = equals_ignore_case(std::string_view(*url).substr(0, 6), "smtps:");
  long use_ssl = CURLUSESSL_ALL;
  if (!implicit_tls && settings_.starttls == SmtpSettings::StartTls::off) use_ssl = CURLUSESSL_NONE;
  if (!implicit_tls && settings_.starttls == SmtpSettings::StartTls::opportunistic) use_ssl = CURLUSESSL_TRY;
  const long seconds = static_cast<long>(settings_.timeout.count());
  const std::string from = envelope_from.empty() ? std::string("<>") : envelope_from;

  Options o(h.get());
  o.set(CURLOPT_ERRORBUFFER, transfer.error.data())
      .set(CURLOPT_URL, url->c_str())
      .set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
      .set(CURLOPT_NOSIGNAL, 1L)
      .set(CURLOPT_CONNECTTIMEOUT, seconds)
      .set(CURLOPT_TIMEOUT, seconds)
      // libcurl 7.88 does not apply CURLOPT_TIMEOUT while it waits for the reply to the end of
      // DATA (measured: it waited for a server that answered after 10 s with a 1 s timeout);
      // the per-reply bound does apply there, to within about a second.
      .set(CURLOPT_SERVER_RESPONSE_TIMEOUT, seconds)
      .set(CURLOPT_USE_SSL, use_ssl)
      .set(CURLOPT_MAIL_FROM, from.c_str())
      .set(CURLOPT_MAIL_RCPT, rcpt.get())
      .set(CURLOPT_UPLOAD, 1L)
      .set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()))
      .set(CURLOPT_READFUNCTION, &read_message)
      .set(CURLOPT_READDATA, &transfer)
      .set(CURLOPT_DEBUGFUNCTION, &on_debug)
      .set(CURLOPT_DEBUGDATA, &transfer)
      .set(CURLOPT_VERBOSE, 1L);
  // CURLOPT_CAINFO replaces libcurl's bundle file but not its CA directory, which Debian's
  // libcurl sets to /etc/ssl/certs: there the file adds to the system's trust anchors.
  if (!settings_.ca_file.empty()) o.set(CURLOPT_CAINFO, settings_.ca_file.c_str());
  if (!settings_.username.empty()) {
    o.set(CURLOPT_USERNAME, settings_.username.c_str()).set(CURLOPT_PASSWORD, settings_.password.c_str());
  }
  if (o.result() != CURLE_OK)
    return outcome(Kind::temporary, 0, "libcurl từ chối một tùy chọn / libcurl refused an option",
                   curl_easy_strerror(o.result()));

  const CURLcode rc = curl_easy_perform(h.get());
  long response_code = 0;
  if (curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &response_code) != CURLE_OK) response_code = 0;
  return classify(rc, response_code, transfer);
}

}  // namespace ct::notify
