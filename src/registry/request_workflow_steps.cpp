// RequestWorkflow's transitions (SPEC §4): submit, approve, return, reject, cancel, retry.
#include "registry/request_workflow.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "registry/operations.h"
#include "registry/request_step.h"
#include "registry/user.h"
#include "registry/validation_input.h"

namespace ct::registry {
namespace {

using RS = RequestState;

Error blocked_by_findings(const std::vector<Finding>& fs, const char* verb_vi, const char* verb_en) {
  return Error::findings(std::string("Không thể ") + verb_vi + ": yêu cầu còn lỗi cần sửa:\n" + describe(fs),
                        std::string("Cannot ") + verb_en + ": the request has errors to fix (listed above)", "findings");
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
                      auto approvals = add_approval(c, r.id, actor.login, now);
                      if (!approvals) return fail(approvals.error());
                      if (*approvals < 2) {
                        return record_transition(c, env_.clock, actor.login, r, r.state, r.state, "approve",
                                                 comment.empty() ? "phê duyệt lần 1/2 (first of two approvals)" : comment);
                      }
                    }
                    const RS from = r.state;
                    r.decided_at = now;
                    if (auto s = revoke_at_approval(c, env_.clock, env_.settings.device_transitions, r, actor.login); !s) return s;
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
                    if (auto s = clear_approvals(c, r.id); !s) return s;
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
