// Notifications (SPEC §9): every signed-in user sees the mails sent to them and turns the
// optional ones off; the admin sees the outbox and retries a failed mail.
#include "notify/outbox_view.h"
#include "common/text.h"
#include "registry/user.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json message_schema(bool with_body) {
  nlohmann::json j = S::object({{"id", S::integer()},
                                {"kind", S::str("request.returned, cert.expiry.opens, digest.daily, …")},
                                {"recipient", S::str()},
                                {"subject", S::str()},
                                {"state", S::one_of_strings({"queued", "sent", "failed"})},
                                {"attempts", S::integer()},
                                {"created_at", S::str()},
                                {"next_attempt", S::str("When queued: the next try")},
                                {"sent_at", S::str("When sent: when the server accepted it")},
                                {"last_error", S::str("The last failure, with the server's answer")},
                                {"smtp_code", S::integer("The server's last reply code")}});
  if (with_body) j["properties"]["body_text"] = S::str("The mail's text");
  return j;
}

nlohmann::json settings_json(const registry::NotificationSettings& s) {
  return {{"digest", s.digest}, {"unit_reminders", s.unit_reminders}};
}

nlohmann::json settings_schema() {
  return S::object({{"digest", S::boolean("The registration office's daily digest")},
                    {"unit_reminders", S::boolean("A unit manager's expiry reminders about the unit's people")}});
}

ApiResult mine(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  auto rows = notify::my_notifications(call.env, call.who(), *page);
  if (!rows) return problem(rows.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : *rows) items.push_back(notify::to_json(m, true));
  return json_response(page_json(std::move(items), *page));
}

ApiResult get_settings(ApiCall& call) {
  auto s = registry::notification_settings(call.env, call.who());
  if (!s) return problem(s.error());
  return json_response(settings_json(*s));
}

ApiResult patch_settings(ApiCall& call) {
  struct Patch {
    std::optional<bool> digest, unit_reminders;
  };
  auto b = read_body<Patch>(call.body, [](JsonReader& r) {
    return Patch{r.opt_boolean("digest"), r.opt_boolean("unit_reminders")};
  });
  if (!b) return problem(b.error());
  auto now = registry::notification_settings(call.env, call.who());
  if (!now) return problem(now.error());
  registry::NotificationSettings next = *now;
  if (b->digest) next.digest = *b->digest;
  if (b->unit_reminders) next.unit_reminders = *b->unit_reminders;
  auto s = registry::set_notification_settings(call.env, call.who(), next);
  if (!s) return problem(s.error());
  return json_response(settings_json(*s));
}

ApiResult list_outbox(ApiCall& call) {
  store::OutboxFilter f;
  if (auto s = query_text(call.req, "state"); !s.empty()) {
    auto state = store::parse_outbox_state(s);
    if (!state) return problem(state.error());
    f.state = *state;
  }
  if (auto to = query_text(call.req, "recipient"); !to.empty()) f.recipient = text::ascii_lower(to);
  if (call.req.query.count("after") != 0) {
    auto v = query_integer(call.req, "after", 0, 0, INT64_MAX);
    if (!v) return problem(v.error());
    f.after_id = *v;
  }
  if (call.req.query.count("limit") != 0) {
    auto v = query_integer(call.req, "limit", 100, 1, kMaxPageLimit);
    if (!v) return problem(v.error());
    f.limit = static_cast<int>(*v);
  }
  auto rows = notify::outbox(call.env, call.who(), f);
  if (!rows) return problem(rows.error());
  auto counts = notify::outbox_counts(call.env, call.who());
  if (!counts) return problem(counts.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& m : *rows) items.push_back(notify::to_json(m, false));
  return json_response({{"items", std::move(items)},
                        {"counts",
                         {{"queued", counts->queued},
                          {"sent", counts->sent},
                          {"failed", counts->failed},
                          {"events_pending", counts->undispatched_events}}}});
}

ApiResult retry(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto m = notify::retry_message(call.env, call.who(), *id);
  if (!m) return problem(m.error());
  return json_response(notify::to_json(*m, false));
}

}  // namespace

void add_notification_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/notifications",
                 .tag = "notifications",
                 .summary = "Thư đã gửi cho tôi / The mails sent to me",
                 .response_schema = S::page(message_schema(true)),
                 .query = page_params(),
                 .handler = mine});
  out.push_back({.method = "GET",
                 .path = "/api/v1/notifications/settings",
                 .tag = "notifications",
                 .summary = "Thư tùy chọn của tôi / My optional mails",
                 .response_schema = settings_schema(),
                 .handler = get_settings});
  out.push_back({.method = "PATCH",
                 .path = "/api/v1/notifications/settings",
                 .tag = "notifications",
                 .summary = "Bật, tắt thư tùy chọn / Turn optional mails on or off",
                 .body = Body::json,
                 .request_schema = S::body({{"digest", S::boolean()}, {"unit_reminders", S::boolean()}}),
                 .response_schema = settings_schema(),
                 .handler = patch_settings});
  out.push_back({.method = "GET",
                 .path = "/api/v1/outbox",
                 .action = Action::outbox_read,
                 .tag = "notifications",
                 .summary = "Hộp thư đi / The outbox",
                 .response_schema = S::object({{"items", S::array(message_schema(false))},
                                               {"counts", S::object({{"queued", S::integer()},
                                                                     {"sent", S::integer()},
                                                                     {"failed", S::integer()},
                                                                     {"events_pending", S::integer()}})}}),
                 .query = {{"state", "string", "queued | sent | failed"},
                           {"recipient", "string", "Only the mails to this address"},
                           {"after", "integer", "Only ids above this (paging, oldest first)"},
                           {"limit", "integer", "At most this many (1–1000, default 100)"}},
                 .handler = list_outbox});
  out.push_back({.method = "POST",
                 .path = "/api/v1/outbox/{id}/retry",
                 .action = Action::outbox_retry,
                 .tag = "notifications",
                 .summary = "Gửi lại thư đã thất bại / Queue a failed mail again",
                 .body = Body::json_or_empty,
                 .request_schema = S::body({}),
                 .response_schema = message_schema(false),
                 .handler = retry});
}

}  // namespace ct::server
