#include "registry/workflow.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "registry/operations.h"
#include "registry/validation_input.h"

namespace ct::registry {
namespace {

using RS = RequestState;

Error not_found(std::int64_t id) {
  return Error::make(ErrorCode::not_found, "Không có yêu cầu số " + std::to_string(id),
                     "No request " + std::to_string(id), "ID");
}

Error wrong_state(const Request& r, const char* verb_vi, const char* verb_en) {
  return Error::make(ErrorCode::conflict,
                     std::string("Không thể ") + verb_vi + " yêu cầu " + std::to_string(r.id) + " đang ở trạng thái " +
                         to_string(r.state),
                     std::string("Cannot ") + verb_en + " request " + std::to_string(r.id) + " in state " +
                         to_string(r.state),
                     "state");
}

Error blocked_by_findings(const std::vector<Finding>& fs, const char* verb_vi, const char* verb_en) {
  return Error::make(ErrorCode::invalid_input,
                     std::string("Không thể ") + verb_vi + ": yêu cầu còn lỗi cần sửa:\n" + describe(fs),
                     std::string("Cannot ") + verb_en + ": the request has errors to fix (listed above)", "findings");
}

bool in(RS s, const std::vector<RS>& set) {
  for (RS x : set)
    if (x == s) return true;
  return false;
}

// One transition: reads the request in a write transaction, checks access and state, lets
// `apply` change it, and records it. A denial is audited after the rollback.
struct Step {
  Action action;
  std::vector<RS> from;
  const char* verb_vi;
  const char* verb_en;
};

}  // namespace

Result<bool> aggregator_covers(store::Connection& c, const std::string& org_path) {
  auto q = c.query(
      "SELECT o.path FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.role = 'aggregator' AND u.active = 1");
  if (!q) return fail(q.error());
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) return false;
    const std::string p = q->get_text(0);
    if (org_path.compare(0, p.size(), p) == 0) {
      return true;
    }
  }
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
  return {};
}

namespace {

template <typename Apply>
Result<Request> run_step(RegistryEnv& env, const Actor& actor, std::int64_t id, const Step& step, Apply apply) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  std::optional<std::int64_t> denied_org;
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto found = find_request(**lease, id);
    if (!found) return fail(found.error());
    if (!*found) return fail(not_found(id));
    Request r = std::move(**found);
    if (!allowed(actor, step.action, r.org_path, r.subscriber_id)) {
      denied_org = r.org_id;
    } else {
      if (!in(r.state, step.from)) return fail(wrong_state(r, step.verb_vi, step.verb_en));
      // apply returns an error to roll back, or a pair (commit anyway, error) for refusals
      // that still record something (the findings of a blocked submission).
      Status keep;
      auto applied = apply(**lease, r, keep);
      if (!applied) return fail(applied.error());
      if (auto c = tx->commit(); !c) return fail(c.error());
      if (!keep) return fail(keep.error());
      return r;
    }
  }
  return fail(deny(env.db, env.clock, actor, step.action, "request", std::to_string(id), denied_org));
}

// Submission and approval run the validation policy again (SPEC §4). With errors the findings
// are saved, `keep` carries the refusal (committed with them), and the result is true: the step
// stops there.
Result<bool> revalidate(store::Connection& c, Request& r, const RegistrySettings& settings, TimePoint now,
                        const char* verb_vi, const char* verb_en, Status& keep) {
  auto findings = evaluate_request(c, r, settings, now);
  if (!findings) return fail(findings.error());
  r.findings = *findings;
  if (!has_errors(r.findings)) return false;
  r.updated_at = now;
  if (auto ok = update_request(c, r, r.state); !ok) return fail(ok.error());
  keep = fail(blocked_by_findings(r.findings, verb_vi, verb_en));
  return true;
}

}  // namespace

Result<Request> RequestWorkflow::submit(const Actor& actor, std::int64_t id, const std::string& comment) {
  return run_step(env_, actor, id, {Action::request_submit, {RS::draft, RS::returned}, "gửi", "submit"},
                  [&](store::Connection& c, Request& r, Status& keep) -> Status {
                    const TimePoint now = env_.clock.now();
                    auto blocked = revalidate(c, r, env_.settings, now, "gửi", "submit", keep);
                    if (!blocked) return fail(blocked.error());
                    if (*blocked) return {};
                    auto covered = aggregator_covers(c, r.org_path);
                    if (!covered) return fail(covered.error());
                    const RS from = r.state;
                    const RS to = *covered ? RS::submitted : RS::forwarded;
                    r.submitted_at = now;
                    r.batch_id.reset();
                    r.due_at = to == RS::forwarded
                                   ? std::optional<TimePoint>(env_.calendar.deadline(now, env_.settings.decision_working_days))
                                   : std::nullopt;
                    return record_transition(c, env_.clock, actor.login, r, from, to, "submit", comment);
                  });
}

Result<Request> RequestWorkflow::approve(const Actor& actor, std::int64_t id, const std::string& comment) {
  return run_step(env_, actor, id, {Action::request_approve, {RS::forwarded}, "phê duyệt", "approve"},
                  [&](store::Connection& c, Request& r, Status& keep) -> Status {
                    const TimePoint now = env_.clock.now();
                    auto blocked = revalidate(c, r, env_.settings, now, "phê duyệt", "approve", keep);
                    if (!blocked) return fail(blocked.error());
                    if (*blocked) return {};
                    if (env_.settings.needs_two_approvals(to_string(r.type))) {
                      auto seen = c.query("SELECT COUNT(*) FROM request_approvals WHERE request_id = $1 AND user_login = $2");
                      if (!seen) return fail(seen.error());
                      seen->bind(1, r.id).bind(2, actor.login);
                      if (auto row = seen->step(); !row) return fail(row.error());
                      if (seen->get_int(0) > 0) {
                        return fail(ErrorCode::conflict,
                                    "Bạn đã phê duyệt yêu cầu này; cần một người khác phê duyệt lần hai",
                                    "You already approved this request; a second, different person must approve",
                                    "approve");
                      }
                      auto ins = c.query("INSERT INTO request_approvals (request_id, user_login, at) VALUES ($1, $2, $3)");
                      if (!ins) return fail(ins.error());
                      if (auto s = ins->bind(1, r.id).bind(2, actor.login).bind(3, to_unix(now)).run(); !s) return s;
                      auto count = c.query("SELECT COUNT(*) FROM request_approvals WHERE request_id = $1");
                      if (!count) return fail(count.error());
                      count->bind(1, r.id);
                      if (auto row = count->step(); !row) return fail(row.error());
                      const auto approvals = count->get_int(0);
                      if (approvals < 2) {
                        return record_transition(c, env_.clock, actor.login, r, r.state, r.state, "approve",
                                                 comment.empty() ? "phê duyệt lần 1/2 (first of two approvals)" : comment);
                      }
                    }
                    const RS from = r.state;
                    r.decided_at = now;
                    if (awaits_device(r)) {
                      r.awaiting = "device";
                    } else if (auto job = enqueue_operation(c, r, now); !job) {
                      return fail(job.error());
                    }
                    return record_transition(c, env_.clock, actor.login, r, from, RS::approved, "approve", comment);
                  });
}

Result<Request> RequestWorkflow::return_to_submitter(const Actor& actor, std::int64_t id, const std::string& comment,
                                                     const std::map<std::string, std::string>& reasons) {
  if (comment.empty() && reasons.empty()) {
    return fail(ErrorCode::invalid_input, "Trả lại yêu cầu phải nêu lý do (--comment hoặc lý do theo trường)",
                "Returning a request needs a reason (--comment or per-field reasons)", "--comment");
  }
  const bool aggregator = actor.role == Role::aggregator;
  return run_step(env_, actor, id,
                  {Action::request_return, aggregator ? std::vector<RS>{RS::submitted}
                                                      : std::vector<RS>{RS::submitted, RS::forwarded},
                   "trả lại", "return"},
                  [&](store::Connection& c, Request& r, Status&) -> Status {
                    auto del = c.query("DELETE FROM request_approvals WHERE request_id = $1");
                    if (!del) return fail(del.error());
                    if (auto s = del->bind(1, r.id).run(); !s) return s;
                    const RS from = r.state;
                    r.batch_id.reset();
                    r.due_at.reset();
                    return record_transition(c, env_.clock, actor.login, r, from, RS::returned, "return", comment, reasons);
                  });
}

Result<Request> RequestWorkflow::reject(const Actor& actor, std::int64_t id, const std::string& comment) {
  if (comment.empty()) {
    return fail(ErrorCode::invalid_input, "Từ chối yêu cầu phải nêu lý do (--comment)",
                "Rejecting a request needs a reason (--comment)", "--comment");
  }
  return run_step(env_, actor, id, {Action::request_reject, {RS::forwarded}, "từ chối", "reject"},
                  [&](store::Connection& c, Request& r, Status&) -> Status {
                    const RS from = r.state;
                    r.decided_at = env_.clock.now();
                    return record_transition(c, env_.clock, actor.login, r, from, RS::rejected, "reject", comment, {},
                                             "rejected");
                  });
}

Result<Request> RequestWorkflow::cancel(const Actor& actor, std::int64_t id, const std::string& comment) {
  return run_step(env_, actor, id, {Action::request_cancel, {RS::draft, RS::submitted, RS::returned}, "hủy", "cancel"},
                  [&](store::Connection& c, Request& r, Status&) -> Status {
                    const RS from = r.state;
                    r.batch_id.reset();
                    return record_transition(c, env_.clock, actor.login, r, from, RS::cancelled, "cancel", comment);
                  });
}

Result<Request> RequestWorkflow::retry(const Actor& actor, std::int64_t id, const std::string& comment) {
  return run_step(env_, actor, id, {Action::request_retry, {RS::failed}, "thực hiện lại", "retry"},
                  [&](store::Connection& c, Request& r, Status&) -> Status {
                    ++r.attempt;
                    if (auto job = enqueue_operation(c, r, env_.clock.now()); !job) return fail(job.error());
                    return record_transition(c, env_.clock, actor.login, r, RS::failed, RS::approved, "retry", comment);
                  });
}

}  // namespace ct::registry
