#include "notify/dispatcher.h"

#include <array>

#include <nlohmann/json.hpp>

#include "common/time_format.h"
#include "registry/notification_recipients.h"
#include "registry/organization.h"
#include "registry/request.h"
#include "registry/subscriber.h"
#include "store/certificate_repository.h"
#include "store/notifications.h"

namespace ct::notify {
namespace {

using registry::MailRecipient;
using nlohmann::json;

struct ReasonLabel {
  const char* rfc;
  const char* vi;
  const char* en;
};
// RFC 5280 §5.3.1 reasons as a subscriber reads them.
constexpr std::array kReasons{
    ReasonLabel{"unspecified", "không nêu lý do", "no reason given"},
    ReasonLabel{"keyCompromise", "khóa bí mật bị lộ hoặc thiết bị bị mất", "key compromised or device lost"},
    ReasonLabel{"cACompromise", "khóa của CA bị lộ", "CA key compromised"},
    ReasonLabel{"affiliationChanged", "thay đổi cơ quan, đơn vị", "change of affiliation"},
    ReasonLabel{"superseded", "đã được thay thế", "superseded"},
    ReasonLabel{"cessationOfOperation", "ngừng sử dụng", "cessation of operation"},
    ReasonLabel{"certificateHold", "tạm dừng", "on hold"},
    ReasonLabel{"removeFromCRL", "khôi phục sau tạm dừng", "released from hold"},
    ReasonLabel{"privilegeWithdrawn", "bị thu hồi quyền", "privilege withdrawn"},
    ReasonLabel{"aACompromise", "cơ quan cấp thuộc tính bị lộ khóa", "attribute authority compromised"},
};

const ReasonLabel& reason_label(const std::string& rfc) {
  for (const auto& r : kReasons)
    if (rfc == r.rfc) return r;
  return kReasons.front();
}

struct Plan {
  std::vector<MailRecipient> to;
  json values = json::object();
  std::optional<std::int64_t> org_id;
};

std::string string_or(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// What every mail about a subscriber says of them and their organization.
Status describe_subscriber(store::Connection& c, std::int64_t subscriber_id, Plan& p, std::string& org_path) {
  auto sub = registry::find_subscriber(c, subscriber_id);
  if (!sub) return fail(sub.error());
  if (!*sub) return {};
  p.values["subscriber_name"] = (*sub)->data.full_name;
  org_path = (*sub)->org_path;
  p.org_id = (*sub)->org_id;
  auto org = registry::find_organization(c, (*sub)->org_id);
  if (!org) return fail(org.error());
  if (*org) p.values["organization"] = (*org)->name;
  return {};
}

Status plan_request(store::Connection& c, const store::NotificationEvent& e, const MailSettings& s, Plan& p) {
  if (!e.request_id) return {};
  auto found = registry::find_request(c, *e.request_id);
  if (!found) return fail(found.error());
  if (!*found) return {};
  const registry::Request& r = **found;
  p.values["request_number"] = std::to_string(r.id);
  p.values["request_type_vi"] = registry::label_vi(r.type);
  p.values["request_type_en"] = registry::label_en(r.type);
  p.values["portal_url"] = request_link(s, r.id);
  std::string org_path;
  if (auto d = describe_subscriber(c, r.subscriber_id, p, org_path); !d) return d;
  if (!r.result_serial.empty()) {
    p.values["serial"] = r.result_serial;
    auto cert = store::find_certificate(c, r.result_serial);
    if (!cert) return fail(cert.error());
    if (*cert) p.values["not_after"] = timefmt::vn_date((*cert)->not_after);
  }
  auto submitter = registry::user_recipient(c, r.created_by);
  if (!submitter) return fail(submitter.error());
  if (*submitter) registry::add_recipient(p.to, **submitter);
  auto managers = registry::unit_manager_recipients(c, r.org_path, false);
  if (!managers) return fail(managers.error());
  for (auto& m : *managers) registry::add_recipient(p.to, std::move(m));
  return {};
}

// Certificate events (revocation, hold, release, expiry reminders): to the subscriber and the unit
// manager; a reminder is optional mail for the manager.
Status plan_certificate(store::Connection& c, const store::NotificationEvent& e, const json& params,
                        const MailSettings& s, Plan& p) {
  if (!e.serial) return {};
  auto cert = store::find_certificate(c, *e.serial);
  if (!cert) return fail(cert.error());
  if (!*cert) return {};
  p.values["serial"] = (*cert)->serial;
  p.values["not_after"] = timefmt::vn_date((*cert)->not_after);
  p.values["portal_url"] = certificate_link(s, (*cert)->serial);
  p.values["at"] = timefmt::vn_datetime(e.created_at);
  const ReasonLabel& reason = reason_label(string_or(params, "reason"));
  p.values["reason_vi"] = reason.vi;
  p.values["reason_en"] = reason.en;
  if (!(*cert)->subscriber_id) return {};
  std::string org_path;
  if (auto d = describe_subscriber(c, *(*cert)->subscriber_id, p, org_path); !d) return d;
  auto subscriber = registry::subscriber_recipient(c, *(*cert)->subscriber_id);
  if (!subscriber) return fail(subscriber.error());
  if (*subscriber) registry::add_recipient(p.to, **subscriber);
  const bool reminder = e.kind.rfind("cert.expiry.", 0) == 0;
  auto managers = registry::unit_manager_recipients(c, org_path, reminder);
  if (!managers) return fail(managers.error());
  for (auto& m : *managers) registry::add_recipient(p.to, std::move(m));
  return {};
}

// Round reminders name the unit in the event; the digest's list is in the event itself.
Status plan_round(store::Connection& c, const store::NotificationEvent& e, const MailSettings& s, Plan& p) {
  p.values["portal_url"] = s.portal_url + "/requests";
  if (!e.org_id) return {};
  p.org_id = e.org_id;
  auto org = registry::find_organization(c, *e.org_id);
  if (!org) return fail(org.error());
  if (!*org) return {};
  p.values["organization"] = (*org)->name;
  auto managers = registry::unit_manager_recipients(c, (*org)->path, false);
  if (!managers) return fail(managers.error());
  for (auto& m : *managers) registry::add_recipient(p.to, std::move(m));
  return {};
}

Status plan_digest(store::Connection& c, const MailSettings& s, Plan& p) {
  p.values["portal_url"] = s.portal_url + "/review";
  auto officers = registry::digest_recipients(c);
  if (!officers) return fail(officers.error());
  p.to = std::move(*officers);
  return {};
}

Result<Plan> plan(store::Connection& c, const store::NotificationEvent& e, const MailSettings& s) {
  const json params = json::parse(e.params, nullptr, false);
  Plan p;
  p.org_id = e.org_id;
  Status planned;
  if (e.kind.rfind("request.", 0) == 0) {
    planned = plan_request(c, e, s, p);
  } else if (e.kind.rfind("cert.", 0) == 0) {
    planned = plan_certificate(c, e, params, s, p);
  } else if (e.kind == "round.deadline") {
    planned = plan_round(c, e, s, p);
  } else if (e.kind == "digest.daily") {
    planned = plan_digest(c, s, p);
  }
  if (!planned) return fail(planned.error());
  // The event's own values (comment, reasons, the round, the digest's list) complete the store's.
  if (params.is_object()) {
    for (const auto& [k, v] : params.items()) {
      if (!p.values.contains(k)) p.values[k] = v;
    }
  }
  return p;
}

Result<int> dispatch_one(DispatchEnv& env, store::Connection& c, const store::NotificationEvent& e) {
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  const TimePoint now = env.clock.now();
  auto mine = store::mark_event_dispatched(c, e.id, now);
  if (!mine) return fail(mine.error());
  if (!*mine) return 0;  // another process dispatched it
  auto p = plan(c, e, env.settings);
  if (!p) return fail(p.error());
  int added = 0;
  for (const MailRecipient& to : p->to) {
    json values = p->values;
    values["recipient_name"] = to.name;
    auto mail = env.templates.render(e.kind, values);
    if (!mail) return fail(mail.error());
    store::OutboxMessage m;
    m.event_id = e.id;
    m.kind = e.kind;
    m.recipient = to.email;
    m.user_id = to.user_id;
    m.org_id = p->org_id;
    m.subject = mail->subject;
    m.body_text = mail->text;
    m.body_html = mail->html;
    m.next_attempt = now;
    m.created_at = now;
    auto ok = store::add_outbox_message(c, m);
    if (!ok) return fail(ok.error());
    added += *ok ? 1 : 0;
  }
  if (auto s = tx->commit(); !s) return fail(s.error());
  return added;
}

}  // namespace

std::string request_link(const MailSettings& s, std::int64_t request_id) {
  return s.portal_url + "/requests/" + std::to_string(request_id);
}

std::string certificate_link(const MailSettings& s, const std::string& serial) {
  return s.portal_url + "/lookup?q=" + serial;  // a serial is hex: nothing to escape
}

Result<int> dispatch_events(DispatchEnv& env, int max_events) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto events = store::undispatched_events(**lease, max_events);
  if (!events) return fail(events.error());
  int added = 0;
  for (const auto& e : *events) {
    auto n = dispatch_one(env, **lease, e);
    if (!n) return fail(n.error());
    added += *n;
  }
  return added;
}

}  // namespace ct::notify
