#pragma once
// The [mail] section of chungthu.toml (every key overridable as CHUNGTHU_MAIL_…):
//   smtp_url            smtp://host:25, smtp://host:587 (STARTTLS) or smtps://host:465; empty: mails
//                       wait in the outbox (and show in the portal) until a server is configured
//   starttls            opportunistic | required | off (smtp:// only)
//   username            SMTP AUTH user; the password comes from $CHUNGTHU_MAIL_PASSWORD, else
//                       the 0600 file `password_file` (default secrets/smtp-password, when it exists)
//   ca_file             trust anchors of the server's certificate (PEM); empty: the system's
//   from, from_name     the sending address (default chungthu@<first validation.email_domains>)
//   reply_to            where replies go (default: none, the mails say no reply is needed)
//   portal_url          the portal's address, for the links in mails (default http://127.0.0.1:8080)
//   templates_dir       the editable templates (default mail-templates, in the data directory)
//   digest_time         HH:MM, Vietnam time, of the registration office's daily digest (07:30)
//   expiry_opens_days   reminder when the renewal window opens (registry.renewal_max_days_left)
//   expiry_closing_days reminder before it closes (registry.renewal_min_days_left + 14)
//                       … and one when it has closed (fewer than renewal_min_days_left days left)
//   round_reminder_days days before a round's deadline to remind units that have not submitted (7, 2)
//   send_lease_seconds  how long a sender holds a message it hands over (120)
//   retry_seconds       first retry after a temporary failure, doubled each time (60) …
//   retry_max_seconds   … up to this (3600)
//   give_up_hours       a message still refused temporarily after this long is marked failed (72)

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "common/config.h"
#include "notify/smtp_transport.h"
#include "registry/registry_settings.h"

namespace ct::notify {

struct MailSettings {
  SmtpSettings smtp;
  std::string from;
  std::string from_name = "Chứng thư số – chungthu";
  std::string reply_to;
  std::string portal_url = "http://127.0.0.1:8080";
  std::filesystem::path templates_dir;
  int digest_minute_of_day = 7 * 60 + 30;  // Vietnam time
  int expiry_opens_days = 180;
  int expiry_closing_days = 74;
  int expiry_closed_days = 60;  // fewer days left than this: renewal is closed
  std::vector<int> round_reminder_days{7, 2};
  std::chrono::seconds send_lease{120};
  std::chrono::seconds retry{60};
  std::chrono::seconds retry_max{3600};
  std::chrono::hours give_up{72};

  [[nodiscard]] bool configured() const noexcept { return !smtp.url.empty(); }
};

// Reads and checks [mail]; `data_dir` anchors relative paths. Errors name the key.
[[nodiscard]] Result<MailSettings> load_mail_settings(const Config& cfg, const std::filesystem::path& data_dir,
                                                      const registry::RegistrySettings& registry);

}  // namespace ct::notify
