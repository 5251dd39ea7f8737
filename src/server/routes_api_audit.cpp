// The audit log for auditors (SPEC §8): read and verify; nothing changes it through the API.
#include "app/audit_protection.h"
#include "audit/audit_log.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;


ApiResult list(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  audit::AuditQuery q;
  q.limit = page->limit;
  q.offset = page->offset;
  if (auto v = query_text(call.req, "actor"); !v.empty()) q.actor = v;
  if (auto v = query_text(call.req, "action"); !v.empty()) q.action_prefix = v;
  if (auto v = query_text(call.req, "object_type"); !v.empty()) q.object_type = v;
  if (auto v = query_text(call.req, "object_id"); !v.empty()) q.object_id = v;
  auto lease = call.env.db.acquire();
  if (!lease) return problem(lease.error());
  auto entries = audit::list(**lease, q);
  if (!entries) return problem(entries.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& e : *entries) items.push_back(audit::to_json(e));
  return json_response(page_json(std::move(items), *page));
}

ApiResult verify(ApiCall& call) {
  auto r = app::verify_audit(call.services.ctx.app);
  if (!r) return problem(r.error());
  nlohmann::json j{{"ok", r->ok},
                   {"entries", r->entries},
                   {"checkpoints", r->checkpoints},
                   {"protected_through", r->protected_through},
                   {"keyed_from", opt_json(r->keyed_from)},
                   {"signed_head", opt_json(r->signed_head)}};
  if (!r->ok) {
    j["first_bad_seq"] = opt_json(r->first_bad_seq);
    j["problem_vi"] = r->problem_vi;
    j["problem_en"] = r->problem_en;
  }
  return json_response(j);
}

}  // namespace

void add_audit_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/audit",
                 .action = Action::audit_read,
                 .tag = "audit",
                 .summary = "Nhật ký kiểm toán, mới nhất trước / The audit log, newest first",
                 .response_schema = S::page(S::object({{"seq", S::integer()},
                                                       {"at", S::str()},
                                                       {"actor", S::str()},
                                                       {"action", S::str()},
                                                       {"object_type", S::str()},
                                                       {"object_id", S::str()},
                                                       {"org_id", S::integer()},
                                                       {"outcome", S::str()},
                                                       {"hash", S::str()},
                                                       {"details", S::any_object()}})),
                 .query = page_params({{"actor", "string", "Only this actor"},
                                       {"action", "string", "Action prefix, e.g. request. or auth.login"},
                                       {"object_type", "string", "request, certificate, user, …"},
                                       {"object_id", "string", "Only this object"}}),
                 .handler = list});
  out.push_back({.method = "GET",
                 .path = "/api/v1/audit/verify",
                 .action = Action::audit_read,
                 .tag = "audit",
                 .summary = "Kiểm tra chuỗi băm / Verify the hash chain and checkpoints",
                 .response_schema = S::object({{"ok", S::boolean()},
                                               {"entries", S::integer()},
                                               {"checkpoints", S::integer()},
                                               {"protected_through", S::integer()},
                                               {"keyed_from", S::integer()},
                                               {"signed_head", S::integer()},
                                               {"first_bad_seq", S::integer()},
                                               {"problem_vi", S::str()},
                                               {"problem_en", S::str()}}),
                 .handler = verify});
}

}  // namespace ct::server
