#pragma once
// The mail that carries a one-time account link (registry/account_links.h): rendered at once,
// while the token exists, from the user.activation or user.password_reset template, and added to
// the outbox in the transaction that stores the link's hash, marked as holding a secret: the
// outbox shows nobody its body and blanks it once the server has accepted it
// (store/notifications.h). The link is `mail.portal_url`/activate#t=TOKEN: in the fragment, so
// browsers never send it to a server and no access log or proxy records it.

#include "notify/mail_settings.h"
#include "notify/templates.h"
#include "registry/account_links.h"

namespace ct::notify {

// A mailer bound to the templates and settings (both must outlive it).
[[nodiscard]] registry::LinkMailer account_mailer(const MailTemplates& templates, const MailSettings& settings);

// The page a link opens.
[[nodiscard]] std::string account_link_url(const MailSettings& s, const std::string& token);

}  // namespace ct::notify
