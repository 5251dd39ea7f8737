#pragma once
// Shared by the request, transition and attachment routes.

#include <nlohmann/json.hpp>

#include "registry/request_workflow.h"
#include "server/request_context.h"

namespace ct::server {

// The request with its timeline, attachments (with their download paths) and approvals.
[[nodiscard]] nlohmann::json request_view_json(const registry::RequestView& v, TimePoint now);
[[nodiscard]] nlohmann::json request_view_schema();
// The request `id` as the actor sees it, as a response with `status`.
[[nodiscard]] ApiResult view_response(ApiCall& call, std::int64_t id, int status = 200);
// The problem of a refused workflow step: a step blocked by validation findings is a 422 with
// the request's findings; anything else maps through problem.h.
[[nodiscard]] Problem workflow_problem(ApiCall& call, std::int64_t id, const Error& e);

}  // namespace ct::server
