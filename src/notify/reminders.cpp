#include "notify/reminders.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/time_format.h"
#include "registry/actor.h"
#include "registry/request.h"
#include "registry/round_batch.h"
#include "registry/subscriber.h"
#include "store/certificate_repository.h"
#include "store/notifications.h"

namespace ct::notify {
namespace {

using nlohmann::json;
constexpr std::chrono::days kDay{1};
constexpr int kDigestListed = 30;  // the digest lists this many; the rest are counted

// Whole days left until `end`, rounded down.
int days_left(TimePoint now, TimePoint end) {
  return static_cast<int>(std::chrono::floor<std::chrono::days>(end - now).count());
}

// The reminder a certificate with `left` days is due for: the nearest threshold it has passed.
const char* expiry_kind(const MailSettings& s, int left) {
  if (left < s.expiry_closed_days) return "cert.expiry.closed";
  if (left <= s.expiry_closing_days) return "cert.expiry.closing";
  if (left <= s.expiry_opens_days) return "cert.expiry.opens";
  return nullptr;
}

Result<bool> add_event(store::Connection& c, store::NotificationEvent e) {
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto added = store::add_notification_event(c, e);
  if (!added) return fail(added.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return *added;
}

}  // namespace

Result<int> queue_expiry_reminders(store::Database& db, const Clock& clock, const MailSettings& s) {
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  const TimePoint now = clock.now();
  // The closed reminder comes while the certificate is still valid (at most a few weeks before
  // its end): an expired certificate gets nothing more.
  const TimePoint until = now + kDay * (s.expiry_opens_days + 1);
  int added = 0;
  std::int64_t after = 0;
  while (true) {
    auto page = store::expiring_certificates(**lease, now, until, after, 500);
    if (!page) return fail(page.error());
    for (const auto& cert : *page) {
      after = cert.id;
      const int left = days_left(now, cert.not_after);
      const char* kind = expiry_kind(s, left);
      if (kind == nullptr) continue;
      // The organization comes with the subscriber when the event is dispatched.
      store::NotificationEvent e;
      e.kind = kind;
      e.dedup_key = std::string("expiry:") + cert.serial + ":" + kind;
      e.serial = cert.serial;
      // The last day a renewal can be asked for: renewal_min_days_left days before the end.
      const TimePoint closes = cert.not_after - kDay * s.expiry_closed_days;
      e.params = json{{"days_left", left}, {"window_closes", timefmt::vn_date(closes)}}.dump();
      e.created_at = now;
      auto ok = add_event(**lease, e);
      if (!ok) return fail(ok.error());
      added += *ok ? 1 : 0;
    }
    if (page->size() < 500) break;
  }
  return added;
}

Result<int> queue_round_reminders(store::Database& db, const Clock& clock, const MailSettings& s) {
  if (s.round_reminder_days.empty()) return 0;
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  const TimePoint now = clock.now();
  const int widest = *std::max_element(s.round_reminder_days.begin(), s.round_reminder_days.end());
  auto rounds = registry::rounds_due(**lease, now, now + kDay * (widest + 1));
  if (!rounds) return fail(rounds.error());
  int added = 0;
  for (const auto& r : *rounds) {
    // Days left counted to the deadline day itself (its midnight is the exclusive end).
    const int left = days_left(now, r.deadline - std::chrono::seconds{1});
    int nearest = -1;
    for (int d : s.round_reminder_days) {
      if (left <= d && (nearest < 0 || d < nearest)) nearest = d;
    }
    if (nearest < 0) continue;
    auto units = registry::round_units_not_submitted(**lease, r);
    if (!units) return fail(units.error());
    for (std::int64_t org : *units) {
      store::NotificationEvent e;
      e.kind = "round.deadline";
      e.dedup_key = "round:" + std::to_string(r.id) + ":" + std::to_string(org) + ":" + std::to_string(nearest);
      e.org_id = org;
      e.params = json{{"round_name", r.name},
                      {"deadline", timefmt::vn_date(r.deadline - std::chrono::seconds{1})},
                      {"days_left", left}}
                     .dump();
      e.created_at = now;
      auto ok = add_event(**lease, e);
      if (!ok) return fail(ok.error());
      added += *ok ? 1 : 0;
    }
  }
  return added;
}

Result<int> queue_daily_digest(store::Database& db, const Clock& clock, const MailSettings& s) {
  const TimePoint now = clock.now();
  const TimePoint local = now + timefmt::kVietnamOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const auto minute = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  if (minute < s.digest_minute_of_day) return 0;  // not yet today's time
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  registry::RequestFilter waiting;
  waiting.state = registry::RequestState::forwarded;
  auto requests = registry::query_requests(**lease, registry::Actor::system("digest"), waiting, now, {1000, 0});
  if (!requests) return fail(requests.error());
  if (requests->empty()) return 0;
  // Oldest first: what has waited longest heads the list.
  std::sort(requests->begin(), requests->end(), [](const registry::Request& a, const registry::Request& b) {
    return a.submitted_at.value_or(a.created_at) < b.submitted_at.value_or(b.created_at);
  });
  json list = json::array();
  for (const auto& r : *requests) {
    if (static_cast<int>(list.size()) >= kDigestListed) break;
    json item{{"request_number", std::to_string(r.id)},
              {"request_type_vi", registry::label_vi(r.type)},
              {"request_type_en", registry::label_en(r.type)},
              {"waiting_since", timefmt::vn_date(r.submitted_at.value_or(r.created_at))}};
    auto sub = registry::find_subscriber(**lease, r.subscriber_id);
    if (!sub) return fail(sub.error());
    if (*sub) item["subscriber_name"] = (*sub)->data.full_name;
    list.push_back(std::move(item));
  }
  const std::string date = timefmt::vn_date(now);
  store::NotificationEvent e;
  e.kind = "digest.daily";
  e.dedup_key = "digest:" + date;
  e.params = json{{"date", date},
                  {"count", requests->size()},
                  {"requests", list},
                  {"more", requests->size() - list.size()}}
                 .dump();
  e.created_at = now;
  auto ok = add_event(**lease, e);
  if (!ok) return fail(ok.error());
  return *ok ? 1 : 0;
}

}  // namespace ct::notify
