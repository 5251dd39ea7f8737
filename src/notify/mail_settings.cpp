#include "notify/mail_settings.h"

#include <cstdlib>

#include "common/internet_names.h"
#include "common/secret_file.h"

namespace ct::notify {
namespace {

Error bad(const std::string& key, const std::string& vi, const std::string& en) {
  return Error::make(ErrorCode::invalid_input, "Cấu hình " + key + ": " + vi, "Setting " + key + ": " + en, key);
}

Result<int> bounded(const Config& cfg, const std::string& key, std::int64_t fallback, std::int64_t min,
                    std::int64_t max) {
  auto v = cfg.integer(key, fallback);
  if (!v) return fail(v.error());
  if (*v < min || *v > max) {
    return fail(bad(key, "phải trong khoảng " + std::to_string(min) + "–" + std::to_string(max),
                    "must be within " + std::to_string(min) + "–" + std::to_string(max)));
  }
  return static_cast<int>(*v);
}

// "HH:MM" as minutes after midnight.
Result<int> minute_of_day(const std::string& key, const std::string& v) {
  const bool shape = v.size() == 5 && v[2] == ':' && std::isdigit(static_cast<unsigned char>(v[0])) != 0 &&
                     std::isdigit(static_cast<unsigned char>(v[1])) != 0 &&
                     std::isdigit(static_cast<unsigned char>(v[3])) != 0 &&
                     std::isdigit(static_cast<unsigned char>(v[4])) != 0;
  const int h = shape ? (v[0] - '0') * 10 + (v[1] - '0') : -1;
  const int m = shape ? (v[3] - '0') * 10 + (v[4] - '0') : -1;
  if (h < 0 || h > 23 || m < 0 || m > 59) {
    return fail(bad(key, "cần giờ dạng HH:MM: " + v, "expected a time as HH:MM: " + v));
  }
  return h * 60 + m;
}

Result<SmtpSettings::StartTls> parse_starttls(const std::string& v) {
  if (v == "opportunistic") return SmtpSettings::StartTls::opportunistic;
  if (v == "required") return SmtpSettings::StartTls::required;
  if (v == "off") return SmtpSettings::StartTls::off;
  return fail(bad("mail.starttls", "cần opportunistic, required hoặc off: " + v,
                  "expected opportunistic, required or off: " + v));
}

}  // namespace

Result<MailSettings> load_mail_settings(const Config& cfg, const std::filesystem::path& data_dir,
                                        const registry::RegistrySettings& registry) {
  MailSettings s;
  auto url = cfg.string("mail.smtp_url", "");
  if (!url) return fail(url.error());
  s.smtp.url = *url;
  if (!s.smtp.url.empty()) {
    if (auto ok = check_smtp_settings(s.smtp); !ok) return fail(ok.error());
  }
  auto tls = cfg.string("mail.starttls", "opportunistic");
  if (!tls) return fail(tls.error());
  auto mode = parse_starttls(*tls);
  if (!mode) return fail(mode.error());
  s.smtp.starttls = *mode;
  auto user = cfg.string("mail.username", "");
  auto ca = cfg.string("mail.ca_file", "");
  if (!user) return fail(user.error());
  if (!ca) return fail(ca.error());
  s.smtp.username = *user;
  if (!ca->empty()) s.smtp.ca_file = file_in(data_dir, *ca).string();
  // The password: the environment wins, else the 0600 file (named, or the default when present).
  if (const char* env = std::getenv("CHUNGTHU_MAIL_PASSWORD"); env != nullptr && *env != '\0') {
    s.smtp.password = env;
  } else {
    auto file = cfg.string("mail.password_file", "");
    if (!file) return fail(file.error());
    const auto path = file_in(data_dir, file->empty() ? "secrets/smtp-password" : *file);
    std::error_code ec;
    if (!file->empty() || std::filesystem::exists(path, ec)) {
      auto pw = read_secret_file(path, "mật khẩu SMTP", "SMTP password");
      if (!pw) return fail(pw.error());
      s.smtp.password = std::move(*pw);
    }
  }

  // A password over smtp:// goes out only inside STARTTLS: with "opportunistic", someone on the
  // path could strip the server's offer and read it.
  if (!s.smtp.username.empty() && s.smtp.url.rfind("smtps://", 0) != 0 &&
      s.smtp.starttls != SmtpSettings::StartTls::required) {
    return fail(bad("mail.starttls", "đăng nhập SMTP qua smtp:// cần starttls = \"required\" (hoặc dùng smtps://)",
                    "SMTP AUTH over smtp:// needs starttls = \"required\" (or use smtps://)"));
  }
  const std::string domain = registry.email_domains.empty() ? "localhost" : registry.email_domains.front();
  auto from = cfg.string("mail.from", "chungthu@" + domain);
  auto from_name = cfg.string("mail.from_name", s.from_name);
  auto reply_to = cfg.string("mail.reply_to", "");
  auto portal = cfg.string("mail.portal_url", s.portal_url);
  auto templates = cfg.string("mail.templates_dir", "mail-templates");
  auto digest = cfg.string("mail.digest_time", "07:30");
  for (const auto* r : {&from, &from_name, &reply_to, &portal, &templates, &digest}) {
    if (!*r) return fail(r->error());
  }
  if (!is_email_address(*from)) return fail(bad("mail.from", "địa chỉ không hợp lệ: " + *from, "invalid address: " + *from));
  if (!reply_to->empty() && !is_email_address(*reply_to)) {
    return fail(bad("mail.reply_to", "địa chỉ không hợp lệ: " + *reply_to, "invalid address: " + *reply_to));
  }
  if (portal->rfind("http://", 0) != 0 && portal->rfind("https://", 0) != 0) {
    return fail(bad("mail.portal_url", "cần địa chỉ http:// hoặc https://: " + *portal,
                    "expected an http:// or https:// address: " + *portal));
  }
  s.from = *from;
  s.from_name = *from_name;
  s.reply_to = *reply_to;
  s.portal_url = *portal;
  while (!s.portal_url.empty() && s.portal_url.back() == '/') s.portal_url.pop_back();
  s.templates_dir = file_in(data_dir, *templates);
  auto minute = minute_of_day("mail.digest_time", *digest);
  if (!minute) return fail(minute.error());
  s.digest_minute_of_day = *minute;

  s.expiry_closed_days = registry.renewal_min_days_left;
  auto opens = bounded(cfg, "mail.expiry_opens_days", registry.renewal_max_days_left, 1, 3650);
  auto closing = bounded(cfg, "mail.expiry_closing_days", registry.renewal_min_days_left + 14, 1, 3650);
  if (!opens) return fail(opens.error());
  if (!closing) return fail(closing.error());
  s.expiry_opens_days = *opens;
  s.expiry_closing_days = *closing;
  if (!(s.expiry_opens_days > s.expiry_closing_days && s.expiry_closing_days > s.expiry_closed_days)) {
    return fail(bad("mail.expiry_closing_days",
                    "cần expiry_opens_days > expiry_closing_days > registry.renewal_min_days_left",
                    "needs expiry_opens_days > expiry_closing_days > registry.renewal_min_days_left"));
  }
  auto rounds = cfg.strings("mail.round_reminder_days", {"7", "2"});
  if (!rounds) return fail(rounds.error());
  s.round_reminder_days.clear();
  for (const auto& d : *rounds) {
    char* end = nullptr;
    const long v = std::strtol(d.c_str(), &end, 10);
    if (d.empty() || *end != '\0' || v < 0 || v > 365) {
      return fail(bad("mail.round_reminder_days", "cần số ngày 0–365: " + d, "expected days 0–365: " + d));
    }
    s.round_reminder_days.push_back(static_cast<int>(v));
  }
  auto lease = bounded(cfg, "mail.send_lease_seconds", 120, 1, 3600);
  auto retry = bounded(cfg, "mail.retry_seconds", 60, 1, 86400);
  auto retry_max = bounded(cfg, "mail.retry_max_seconds", 3600, 1, 86400);
  auto give_up = bounded(cfg, "mail.give_up_hours", 72, 1, 24 * 60);
  for (const auto* r : {&lease, &retry, &retry_max, &give_up}) {
    if (!*r) return fail(r->error());
  }
  s.send_lease = std::chrono::seconds(*lease);
  s.retry = std::chrono::seconds(*retry);
  s.retry_max = std::chrono::seconds(*retry_max);
  s.give_up = std::chrono::hours(*give_up);
  return s;
}

}  // namespace ct::notify
