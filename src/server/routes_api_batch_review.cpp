// The registration office decides a whole batch at once (SPEC §4): every request of the batch
// that can take the step goes through the workflow on its own (registry/batch_review.h); the
// answer lists each request's outcome, refused ones with the problem they would have had alone.
#include "registry/batch_review.h"
#include "server/routes_api_bodies.h"
#include "server/routes_api_requests.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json results_json(ApiCall& call, const std::vector<registry::BatchItemOutcome>& outcomes) {
  nlohmann::json results = nlohmann::json::array();
  for (const auto& o : outcomes) {
    if (o.result) {
      results.push_back({{"request_id", o.request_id}, {"ok", true}, {"state", registry::to_string(o.result->state)}});
      continue;
    }
    nlohmann::json doc = problem_document(workflow_problem(call, o.request_id, o.result.error()));
    nlohmann::json item{{"request_id", o.request_id}, {"ok", false}};
    for (const char* key : {"status", "code", "title", "title_en", "detail", "detail_en", "field"}) {
      if (doc.contains(key)) item[key] = doc[key];
    }
    item["findings"] = doc.contains("findings") ? doc["findings"] : nlohmann::json::array();
    results.push_back(std::move(item));
  }
  return {{"results", std::move(results)}};
}

ApiResult approve(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto body = decode_transition(call.body, false);
  if (!body) return problem(body.error());
  auto outcomes = registry::approve_batch(call.env, call.who(), *id, body->comment);
  if (!outcomes) return problem(outcomes.error());
  return json_response(results_json(call, *outcomes));
}

ApiResult return_all(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto body = decode_transition(call.body, true);
  if (!body) return problem(body.error());
  auto outcomes = registry::return_batch(call.env, call.who(), *id, body->comment, body->field_reasons);
  if (!outcomes) return problem(outcomes.error());
  return json_response(results_json(call, *outcomes));
}

nlohmann::json results_schema() {
  return S::object(
      {{"results",
        S::array(S::object({{"request_id", S::integer()},
                            {"ok", S::boolean()},
                            {"state", S::str("ok: the request's state after the step (a two-person type stays "
                                             "forwarded after its first approval)")},
                            {"status", S::integer("refused: the HTTP status the request alone would have had")},
                            {"code", S::str()},
                            {"title", S::str("Vietnamese")},
                            {"title_en", S::str()},
                            {"detail", S::str("Vietnamese")},
                            {"detail_en", S::str()},
                            {"field", S::str()},
                            {"findings", S::findings()}}))}});
}

}  // namespace

void add_batch_review_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "POST",
                 .path = "/api/v1/batches/{id}/approve",
                 .action = Action::batch_review,
                 .tag = "batches",
                 .summary = "Phê duyệt cả danh sách / Approve every request of the batch awaiting approval "
                            "(forwarded), each on its own: validated again, two-person rule per request",
                 .body = Body::json_or_empty,
                 .request_schema = S::body({{"comment", S::str()}}),
                 .response_schema = results_schema(),
                 .handler = approve});
  out.push_back({.method = "POST",
                 .path = "/api/v1/batches/{id}/return",
                 .action = Action::batch_review,
                 .tag = "batches",
                 .summary = "Trả lại cả danh sách kèm lý do / Return every returnable request of the batch "
                            "(submitted or forwarded), each on its own; a comment is required",
                 .body = Body::json,
                 .request_schema = S::body({{"comment", S::str("Why (required, not empty)")},
                                            {"field_reasons", S::any_object("field → what to fix")}},
                                           {"comment"}),
                 .response_schema = results_schema(),
                 .handler = return_all});
}

}  // namespace ct::server
