#pragma once
// Delivery of one message to a mail server over SMTP (RFC 5321), with libcurl. The outbox decides
// what to do with the outcome: keep a temporary failure for a later attempt, mark a permanent one
// failed. libcurl's headers stay in the .cpp.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace ct::notify {

struct SmtpSettings {
  std::string url;       // smtp://host:port, or smtps://host:port for implicit TLS (RFC 8314 §3.3)
  std::string username;  // empty: no AUTH
  std::string password;  // a secret: never logged, never put in an error message or an outcome
  // STARTTLS (RFC 3207) on smtp:// only; smtps:// is TLS from the first byte.
  enum class StartTls {
    off,            // plain text throughout
    opportunistic,  // TLS when the server offers it, plain text otherwise
    required,       // the transfer fails (temporarily) when TLS cannot be set up
  } starttls = StartTls::opportunistic;
  std::string ca_file;               // extra trust anchors (PEM); empty: the system's
  std::string helo_domain;           // the name given in EHLO; empty: libcurl's default
  std::chrono::seconds timeout{60};  // bounds connecting, the transfer and each reply (to ~1 s)
};

struct SendOutcome {
  enum class Kind {
    accepted,   // the server answered 250 to the end of DATA: the message is its responsibility
    temporary,  // try again later: a 4xx reply, the network, TLS, AUTH, the settings
    permanent,  // a 5xx reply to this message's MAIL, RCPT or DATA: sending again will not help
  } kind = Kind::temporary;
  int smtp_code = 0;   // the server's last reply code when there was one
  std::string detail;  // Vietnamese / English, with the server's reply when known; never a secret
};

// Hands one message to a mail server. Implementations are used from one thread at a time.
class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // `message` is the whole message (header and body, RFC 5322) with CRLF line ends. An empty
  // `envelope_from` is the null reverse-path "<>" (RFC 5321 §4.5.5).
  [[nodiscard]] virtual SendOutcome send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                                         std::string_view message) = 0;
};

// One connection per message; the settings are checked at each send (see check_smtp_settings).
class SmtpTransport final : public MailTransport {
 public:
  explicit SmtpTransport(SmtpSettings s);
  // A message refused for one recipient is refused for all: the outbox keeps one row per address.
  [[nodiscard]] SendOutcome send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                                 std::string_view message) override;

 private:
  SmtpSettings settings_;
};

// Checks settings before use: the URL must be smtp:// or smtps:// with a host, and carry no user
// name, password, query or fragment (credentials have their own settings, so they never end up in
// a logged URL); the EHLO name must be a host name or an address literal; the timeout positive.
// invalid_input naming `mail.smtp_url`, `mail.helo_domain` or `mail.timeout_seconds`.
[[nodiscard]] Status check_smtp_settings(const SmtpSettings& s);

}  // namespace ct::notify
