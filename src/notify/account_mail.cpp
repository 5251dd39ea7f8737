#include "notify/account_mail.h"

#include <nlohmann/json.hpp>

#include "common/time_format.h"
#include "store/notifications.h"

namespace ct::notify {

std::string account_link_url(const MailSettings& s, const std::string& token) {
  return s.portal_url + "/activate#t=" + token;
}

registry::LinkMailer account_mailer(const MailTemplates& templates, const MailSettings& settings) {
  return [&templates, &settings](store::Connection& c, const registry::User& user,
                                 const registry::AccountLinkMail& link) -> Status {
    const bool activation = link.purpose == registry::LinkPurpose::activate;
    const char* kind = activation ? "user.activation" : "user.password_reset";
    nlohmann::json values{{"portal_url", settings.portal_url},
                          {"recipient_name", user.login},
                          {"login", user.login},
                          {"role_vi", registry::role_label_vi(user.role)},
                          {"role_en", registry::role_label_en(user.role)},
                          {"link", account_link_url(settings, link.token)},
                          {"expires_at", timefmt::vn_datetime(link.expires_at)},
                          {"totp", link.enrol_totp},
                          {"asked_by_user", link.asked_by_user}};
    auto mail = templates.render(kind, values);
    if (!mail) return fail(mail.error());
    // An event of its own, dispatched already: the dispatcher never renders these (the token is
    // in no event's parameters).
    store::NotificationEvent e;
    e.kind = kind;
    e.org_id = user.org_id;
    e.params = nlohmann::json{{"user_id", user.id}}.dump();
    e.created_at = link.created_at;
    e.dispatched_at = link.created_at;
    auto event_id = store::add_dispatched_event(c, e);
    if (!event_id) return fail(event_id.error());
    store::OutboxMessage m;
    m.event_id = *event_id;
    m.kind = kind;
    m.recipient = user.email.value_or("");
    m.user_id = user.id;
    m.org_id = user.org_id;
    m.subject = mail->subject;
    m.body_text = mail->text;
    m.body_html = mail->html;
    m.next_attempt = link.created_at;
    m.created_at = link.created_at;
    m.holds_secret = true;
    auto added = store::add_outbox_message(c, m);
    if (!added) return fail(added.error());
    return {};
  };
}

}  // namespace ct::notify
