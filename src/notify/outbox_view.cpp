#include "notify/outbox_view.h"

#include "audit/audit_log.h"
#include "common/time_format.h"
#include "registry/access_policy.h"

namespace ct::notify {
namespace {

template <typename T>
Result<T> with_connection(registry::RegistryEnv& env, const std::function<Result<T>(store::Connection&)>& f) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  return f(**lease);
}

}  // namespace

Result<std::vector<store::OutboxMessage>> my_notifications(registry::RegistryEnv& env, const registry::Actor& actor,
                                                           registry::Page page) {
  if (actor.user_id == 0) return std::vector<store::OutboxMessage>{};  // the system actor is no user
  store::OutboxFilter f;
  f.user_id = actor.user_id;
  f.newest_first = true;
  f.limit = page.limit;
  f.offset = page.offset;
  return with_connection<std::vector<store::OutboxMessage>>(env, [&](store::Connection& c) {
    return store::list_outbox(c, f);
  });
}

Result<std::vector<store::OutboxMessage>> outbox(registry::RegistryEnv& env, const registry::Actor& actor,
                                                 const store::OutboxFilter& filter) {
  if (!registry::allowed_somewhere(actor, registry::Action::outbox_read)) {
    return fail(registry::deny(env.db, env.clock, actor, registry::Action::outbox_read, "outbox", ""));
  }
  return with_connection<std::vector<store::OutboxMessage>>(env, [&](store::Connection& c) {
    return store::list_outbox(c, filter);
  });
}

Result<store::OutboxCounts> outbox_counts(registry::RegistryEnv& env, const registry::Actor& actor) {
  if (!registry::allowed_somewhere(actor, registry::Action::outbox_read)) {
    return fail(registry::deny(env.db, env.clock, actor, registry::Action::outbox_read, "outbox", ""));
  }
  return with_connection<store::OutboxCounts>(env, [](store::Connection& c) { return store::count_outbox(c); });
}

Result<store::OutboxMessage> retry_message(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t id) {
  if (!registry::allowed_somewhere(actor, registry::Action::outbox_retry)) {
    return fail(registry::deny(env.db, env.clock, actor, registry::Action::outbox_retry, "outbox", std::to_string(id)));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto found = store::find_outbox_message(**lease, id);
  if (!found) return fail(found.error());
  if (!*found) {
    return fail(ErrorCode::not_found, "Không có thư số " + std::to_string(id), "No mail " + std::to_string(id), "id");
  }
  auto again = store::requeue_outbox_message(**lease, id, env.clock.now());
  if (!again) return fail(again.error());
  if (!*again) {
    return fail(ErrorCode::conflict,
                "Chỉ gửi lại được thư đã thất bại; thư " + std::to_string(id) + " đang ở trạng thái " +
                    store::to_string((*found)->state),
                "Only a failed mail can be retried; mail " + std::to_string(id) + " is " +
                    store::to_string((*found)->state),
                "state");
  }
  audit::AuditEvent ev{actor.login, "outbox.retry", "outbox", std::to_string(id), (*found)->org_id, "ok",
                       nlohmann::json{{"recipient", (*found)->recipient}, {"kind", (*found)->kind}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return std::move(**again);
}

nlohmann::json to_json(const store::OutboxMessage& m, bool with_body) {
  nlohmann::json j{{"id", m.id},
                   {"kind", m.kind},
                   {"recipient", m.recipient},
                   {"subject", m.subject},
                   {"state", store::to_string(m.state)},
                   {"attempts", m.attempts},
                   {"created_at", timefmt::iso8601_utc(m.created_at)}};
  if (m.state == store::OutboxState::queued) j["next_attempt"] = timefmt::iso8601_utc(m.next_attempt);
  if (m.sent_at) j["sent_at"] = timefmt::iso8601_utc(*m.sent_at);
  if (m.last_error) j["last_error"] = *m.last_error;
  if (m.smtp_code) j["smtp_code"] = *m.smtp_code;
  if (with_body) {
    j["body_text"] = m.holds_secret ? "(Nội dung chứa liên kết dùng một lần của người nhận: không hiển thị / The "
                                      "content holds the recipient's one-time link: not shown)"
                                    : m.body_text;
  }
  return j;
}

}  // namespace ct::notify
