#include "registry/request_step.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "store/notifications.h"

namespace ct::registry {
namespace {

Error wrong_state(const Request& r, const char* verb_vi, const char* verb_en) {
  return Error::make(ErrorCode::conflict,
                     std::string("Không thể ") + verb_vi + " yêu cầu " + std::to_string(r.id) + " đang ở trạng thái " +
                         to_string(r.state),
                     std::string("Cannot ") + verb_en + " request " + std::to_string(r.id) + " in state " +
                         to_string(r.state),
                     "state");
}

// The transitions the submitter and the unit manager are told about (SPEC §9), by action.
const char* notification_kind(const std::string& action, RequestState from, RequestState to) {
  if (from == to) return nullptr;  // edits, first approvals of two, batch changes
  if (action == "submit") return "request.submitted";
  if (action == "return") return "request.returned";
  if (action == "reject") return "request.rejected";
  if (action == "approve") return "request.approved";
  if (action == "complete") return "request.completed";
  return nullptr;
}

// The event of a transition, in its transaction: the mail goes out only if the change commits.
Status add_request_event(store::Connection& c, const Request& r, const char* kind, const std::string& actor_login,
                         const std::string& comment, const std::map<std::string, std::string>& field_reasons,
                         TimePoint now) {
  nlohmann::json params{{"actor", actor_login}, {"comment", comment}};
  auto reasons = nlohmann::json::array();
  for (const auto& [field, reason] : field_reasons) reasons.push_back({{"field", field}, {"reason", reason}});
  params["reasons"] = std::move(reasons);
  store::NotificationEvent e;
  e.kind = kind;
  e.org_id = r.org_id;
  e.request_id = r.id;
  if (!r.result_serial.empty()) e.serial = r.result_serial;
  e.params = params.dump();
  e.created_at = now;
  auto added = store::add_notification_event(c, e);
  if (!added) return fail(added.error());
  return {};
}

bool in(RequestState s, const std::vector<RequestState>& set) {
  for (RequestState x : set)
    if (x == s) return true;
  return false;
}

}  // namespace

Error request_not_found(std::int64_t id) {
  return Error::make(ErrorCode::not_found, "Không có yêu cầu số " + std::to_string(id),
                     "No request " + std::to_string(id), "ID");
}

Status record_transition(store::Connection& c, const Clock& clock, const std::string& actor_login, Request& r,
                         RequestState from, RequestState to, const std::string& action, const std::string& comment,
                         const std::map<std::string, std::string>& field_reasons, const std::string& outcome) {
  const TimePoint now = clock.now();
  r.state = to;
  r.updated_at = now;
  auto ok = update_request(c, r, from);
  if (!ok) return fail(ok.error());
  if (!*ok) {
    return fail(ErrorCode::conflict, "Yêu cầu " + std::to_string(r.id) + " vừa được người khác thay đổi; hãy thử lại",
                "Request " + std::to_string(r.id) + " was changed by someone else meanwhile; try again", "ID");
  }
  if (auto s = insert_event(c, r.id, {now, actor_login, action, to_string(from), to_string(to), comment, field_reasons}); !s) {
    return s;
  }
  nlohmann::json details{{"type", to_string(r.type)}, {"from", to_string(from)}, {"to", to_string(to)}};
  if (!comment.empty()) details["comment"] = comment;
  if (!field_reasons.empty()) details["field_reasons"] = field_reasons;
  if (!r.result_serial.empty()) details["serial"] = r.result_serial;
  audit::AuditEvent ev{actor_login, "request." + action, "request", std::to_string(r.id), r.org_id, outcome,
                       details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  if (const char* kind = notification_kind(action, from, to)) {
    return add_request_event(c, r, kind, actor_login, comment, field_reasons, now);
  }
  return {};
}

Result<Request> run_step(RegistryEnv& env, const Actor& actor, std::int64_t id, const Step& step,
                         const StepApply& apply) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  std::optional<std::int64_t> denied_org;
  bool visible = false;
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto found = find_request(**lease, id);
    if (!found) return fail(found.error());
    if (!*found) return fail(request_not_found(id));
    Request r = std::move(**found);
    if (!allowed(actor, step.action, r.org_path, r.subscriber_id)) {
      denied_org = r.org_id;
      visible = allowed(actor, Action::request_read, r.org_path, r.subscriber_id);
    } else {
      if (!in(r.state, step.from)) return fail(wrong_state(r, step.verb_vi, step.verb_en));
      Status keep;
      auto applied = apply(**lease, r, keep);
      if (!applied) return fail(applied.error());
      if (auto c = tx->commit(); !c) return fail(c.error());
      if (!keep) return fail(keep.error());
      return r;
    }
  }
  if (!visible) {
    return fail(conceal(env.db, env.clock, actor, step.action, "request", std::to_string(id), denied_org,
                        request_not_found(id)));
  }
  return fail(deny(env.db, env.clock, actor, step.action, "request", std::to_string(id), denied_org));
}

}  // namespace ct::registry
