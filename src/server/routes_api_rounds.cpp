// Registration rounds and the batches aggregators compile (SPEC §2, §4).
#include "registry/round_batch.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

nlohmann::json round_schema() {
  return S::object({{"id", S::integer()},
                    {"name", S::str()},
                    {"org_id", S::integer()},
                    {"deadline", S::str()},
                    {"allow_late", S::boolean()}});
}
nlohmann::json batch_schema() {
  return S::object({{"id", S::integer()},
                    {"round_id", S::integer()},
                    {"round_name", S::str()},
                    {"org_id", S::integer("The aggregator's organization that compiled it")},
                    {"org_name", S::str()},
                    {"state", S::one_of_strings({"open", "submitted"})},
                    {"late", S::boolean()},
                    {"requests", S::integer("Requests in the batch now")},
                    {"created_by", S::str()},
                    {"created_at", S::str()},
                    {"submitted_at", S::str("Absent while open")}});
}

ApiResult list_rounds(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  auto rounds = registry::list_rounds(call.env, call.who(), *page);
  if (!rounds) return problem(rounds.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rounds) items.push_back(registry::to_json(r));
  return json_response(page_json(std::move(items), *page));
}

ApiResult open_round(ApiCall& call) {
  auto n = read_body<registry::NewRound>(call.body, [](JsonReader& r) {
    registry::NewRound o;
    o.name = r.text("name");
    o.deadline = r.text("deadline", 16);
    o.org_id = r.opt_integer("org_id");
    o.allow_late = r.opt_boolean("allow_late");
    return o;
  });
  if (!n) return problem(n.error());
  auto round = registry::open_round(call.env, call.who(), *n);
  if (!round) return problem(round.error());
  return json_response(registry::to_json(*round), 201);
}

ApiResult create_batch(ApiCall& call) {
  auto round_id = read_body<std::int64_t>(call.body, [](JsonReader& r) { return r.integer("round_id"); });
  if (!round_id) return problem(round_id.error());
  auto b = registry::create_batch(call.env, call.who(), *round_id);
  if (!b) return problem(b.error());
  return json_response(registry::to_json(*b), 201);
}

ApiResult list_batches(ApiCall& call) {
  auto page = page_of(call.req);
  if (!page) return problem(page.error());
  registry::BatchFilter f;
  if (call.req.query.count("round_id") != 0) {
    auto v = query_integer(call.req, "round_id", 0, 1, INT64_MAX);
    if (!v) return problem(v.error());
    f.round_id = *v;
  }
  if (auto s = query_text(call.req, "state"); !s.empty()) f.state = s;
  auto batches = registry::list_batches(call.env, call.who(), f, *page);
  if (!batches) return problem(batches.error());
  nlohmann::json items = nlohmann::json::array();
  for (const auto& b : *batches) items.push_back(registry::to_json(b));
  return json_response(page_json(std::move(items), *page));
}

ApiResult get_batch(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto b = registry::get_batch(call.env, call.who(), *id);
  if (!b) return problem(b.error());
  return json_response(registry::to_json(*b));
}

ApiResult add_requests(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto ids = read_body<std::vector<std::int64_t>>(call.body, [](JsonReader& r) { return r.integers("request_ids"); });
  if (!ids) return problem(ids.error());
  auto b = registry::add_to_batch(call.env, call.who(), *id, *ids);
  if (!b) return problem(b.error());
  return json_response(registry::to_json(*b));
}

ApiResult remove_request(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto request_id = path_id(call.req, "request_id");
  if (!request_id) return problem(request_id.error());
  auto b = registry::remove_from_batch(call.env, call.who(), *id, {*request_id});
  if (!b) return problem(b.error());
  return json_response(registry::to_json(*b));
}

ApiResult submit_batch(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto comment = read_body<std::string>(call.body, [](JsonReader& r) { return r.opt_text("comment").value_or(""); });
  if (!comment) return problem(comment.error());
  std::vector<registry::BlockedRequest> blocked;
  auto b = registry::submit_batch(call.env, call.who(), *id, *comment, &blocked);
  if (!b && !blocked.empty()) {
    // 422 like a single submit: every finding of every blocking request, tagged with its request.
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& r : blocked) {
      for (const auto& f : r.findings) {
        nlohmann::json j = registry::to_json(f);
        j["request_id"] = r.request_id;
        findings.push_back(std::move(j));
      }
    }
    return tl::unexpected(Problem(b.error(), std::move(findings), 422));
  }
  if (!b) return problem(b.error());
  return json_response(registry::to_json(*b));
}

}  // namespace

void add_round_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/rounds",
                 .tag = "rounds",
                 .summary = "Đợt đăng ký liên quan / Rounds covering or within the caller's scope",
                 .response_schema = S::page(round_schema()),
                 .query = page_params(),
                 .handler = list_rounds});
  out.push_back({.method = "POST",
                 .path = "/api/v1/rounds",
                 .action = Action::round_open,
                 .tag = "rounds",
                 .summary = "Mở đợt đăng ký / Open a round",
                 .body = Body::json,
                 .request_schema = S::body({{"name", S::str()},
                                            {"deadline", S::str("Last day, dd/MM/yyyy (until its end)")},
                                            {"org_id", S::integer("The subtree covered (default: the caller's)")},
                                            {"allow_late", S::boolean()}},
                                           {"name", "deadline"}),
                 .response_schema = round_schema(),
                 .success_status = 201,
                 .handler = open_round});
}

void add_batch_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/batches",
                 .action = Action::batch_read,
                 .tag = "batches",
                 .summary = "Danh sách trong phạm vi, mới nhất trước / Batches in scope, newest first (aggregator: "
                            "its subtree; registration office, CA, auditor, admin: all)",
                 .response_schema = S::page(batch_schema()),
                 .query = page_params({{"round_id", "integer", "Only this round"},
                                       {"state", "string", "open | submitted"}}),
                 .handler = list_batches});
  out.push_back({.method = "POST",
                 .path = "/api/v1/batches",
                 .action = Action::batch_manage,
                 .tag = "batches",
                 .summary = "Lập danh sách trong một đợt / Create a batch in a round",
                 .body = Body::json,
                 .request_schema = S::body({{"round_id", S::integer()}}, {"round_id"}),
                 .response_schema = batch_schema(),
                 .success_status = 201,
                 .handler = create_batch});
  out.push_back({.method = "GET",
                 .path = "/api/v1/batches/{id}",
                 .action = Action::request_read,
                 .tag = "batches",
                 .summary = "Một danh sách / One batch (its requests: GET /api/v1/requests?batch_id=)",
                 .response_schema = batch_schema(),
                 .handler = get_batch});
  out.push_back({.method = "POST",
                 .path = "/api/v1/batches/{id}/requests",
                 .action = Action::batch_manage,
                 .tag = "batches",
                 .summary = "Thêm yêu cầu đã gửi vào danh sách / Add submitted requests",
                 .body = Body::json,
                 .request_schema = S::body({{"request_ids", S::array(S::integer())}}, {"request_ids"}),
                 .response_schema = batch_schema(),
                 .handler = add_requests});
  out.push_back({.method = "DELETE",
                 .path = "/api/v1/batches/{id}/requests/{request_id}",
                 .action = Action::batch_manage,
                 .tag = "batches",
                 .summary = "Bỏ một yêu cầu khỏi danh sách chưa gửi (yêu cầu vẫn ở trạng thái đã gửi) / Take a "
                            "request off an open batch (it stays submitted)",
                 .response_schema = batch_schema(),
                 .handler = remove_request});
  out.push_back({.method = "POST",
                 .path = "/api/v1/batches/{id}/submit",
                 .action = Action::batch_manage,
                 .tag = "batches",
                 .summary = "Gửi danh sách: chuyển các yêu cầu tới cơ quan tiếp nhận / Submit: forward its requests",
                 .body = Body::json_or_empty,
                 .request_schema = S::body({{"comment", S::str()}}),
                 .response_schema = batch_schema(),
                 .handler = submit_batch});
}

}  // namespace ct::server
