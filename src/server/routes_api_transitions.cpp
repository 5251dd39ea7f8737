// The workflow transitions of a request (SPEC §4): one POST each, with an optional comment
// (required by the registry for return and reject) and, on return, the reasons per field.
#include "server/routes_api_bodies.h"
#include "server/routes_api_requests.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;
using WF = registry::RequestWorkflow;
using Step = std::function<Result<registry::Request>(WF&, const registry::Actor&, std::int64_t, const TransitionBody&)>;

ApiHandler transition(bool with_reasons, Step step) {
  return [with_reasons, step](ApiCall& call) -> ApiResult {
    auto id = path_id(call.req, "id");
    if (!id) return problem(id.error());
    auto body = decode_transition(call.body, with_reasons);
    if (!body) return problem(body.error());
    WF wf(call.env);
    auto r = step(wf, call.who(), *id, *body);
    if (!r) return tl::unexpected(workflow_problem(call, *id, r.error()));
    return view_response(call, *id);
  };
}

}  // namespace


void add_transition_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  using A = registry::Actor;
  struct Def {
    const char* verb;
    Action action;
    const char* summary;
    bool reasons;
    Step step;
  };
  const std::vector<Def> defs{
      {"submit", Action::request_submit, "Gửi yêu cầu / Submit (validated: 422 with findings)", false,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) { return wf.submit(a, id, b.comment); }},
      {"approve", Action::request_approve,
       "Phê duyệt / Approve (validated; queues the CA operation; two people for two-person types)", false,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) { return wf.approve(a, id, b.comment); }},
      {"return", Action::request_return, "Trả lại kèm lý do / Return with reasons per field", true,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) {
         return wf.return_to_submitter(a, id, b.comment, b.field_reasons);
       }},
      {"reject", Action::request_reject, "Từ chối (cần lý do) / Reject (final; a comment is required)", false,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) { return wf.reject(a, id, b.comment); }},
      {"cancel", Action::request_cancel, "Hủy / Cancel (final)", false,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) { return wf.cancel(a, id, b.comment); }},
      {"retry", Action::request_retry, "Thực hiện lại thao tác CA bị lỗi / Retry a failed CA operation", false,
       [](WF& wf, const A& a, std::int64_t id, const TransitionBody& b) { return wf.retry(a, id, b.comment); }},
  };
  for (const auto& d : defs) {
    nlohmann::json body = d.reasons ? S::body({{"comment", S::str()},
                                               {"field_reasons", S::any_object("field → what to fix")}})
                                    : S::body({{"comment", S::str()}});
    out.push_back({.method = "POST",
                   .path = std::string("/api/v1/requests/{id}/") + d.verb,
                   .action = d.action,
                   .tag = "requests",
                   .summary = d.summary,
                   .body = Body::json_or_empty,
                   .request_schema = body,
                   .response_schema = request_view_schema(),
                   .handler = transition(d.reasons, d.step)});
  }
}

}  // namespace ct::server
