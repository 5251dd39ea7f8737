#include "registry/batch_review.h"

#include "common/text.h"
#include "registry/access_policy.h"
#include "registry/request_workflow.h"
#include "registry/round_batch.h"

namespace ct::registry {
namespace {

// The requests of the batch in one of `states`, oldest first, once the batch is known and the
// actor may review it.
Result<std::vector<std::int64_t>> reviewable(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                             const std::vector<RequestState>& states) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto b = find_batch_by_id(**lease, batch_id);
  if (!b) return fail(b.error());
  const Error missing = Error::make(ErrorCode::not_found, "Không có danh sách số " + std::to_string(batch_id),
                                    "No batch " + std::to_string(batch_id), "ID");
  if (!*b) return fail(missing);
  if (!allowed(actor, Action::batch_review, (*b)->org_path)) {
    if (!allowed(actor, Action::request_read, (*b)->org_path)) {
      return fail(conceal(env.db, env.clock, actor, Action::batch_review, "batch", std::to_string(batch_id),
                          (*b)->org_id, missing));
    }
    return fail(deny(env.db, env.clock, actor, Action::batch_review, "batch", std::to_string(batch_id), (*b)->org_id));
  }
  std::string in;
  for (RequestState s : states) in += std::string(in.empty() ? "'" : ", '") + to_string(s) + "'";
  auto q = (*lease)->query("SELECT id FROM requests WHERE batch_id = $1 AND state IN (" + in + ") ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, batch_id);
  return store::read_all<std::int64_t>(*q, [](const store::Query& r) { return r.get_int(0); });
}

template <typename Step>
Result<std::vector<BatchItemOutcome>> each(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                           const std::vector<RequestState>& states, Step step) {
  auto ids = reviewable(env, actor, batch_id, states);
  if (!ids) return fail(ids.error());
  RequestWorkflow wf(env);
  std::vector<BatchItemOutcome> out;
  out.reserve(ids->size());
  for (std::int64_t id : *ids) out.push_back(BatchItemOutcome{id, step(wf, id)});
  return out;
}

}  // namespace

Result<std::vector<BatchItemOutcome>> approve_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                                    const std::string& comment) {
  return each(env, actor, batch_id, {RequestState::forwarded},
              [&](RequestWorkflow& wf, std::int64_t id) { return wf.approve(actor, id, comment); });
}

Result<std::vector<BatchItemOutcome>> return_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                                   const std::string& comment,
                                                   const std::map<std::string, std::string>& field_reasons) {
  if (text::trim(comment).empty()) {
    return fail(ErrorCode::invalid_input, "Trả lại cả danh sách phải nêu lý do (comment)",
                "Returning a whole batch needs a reason (comment)", "--comment");
  }
  return each(env, actor, batch_id, {RequestState::submitted, RequestState::forwarded},
              [&](RequestWorkflow& wf, std::int64_t id) {
                return wf.return_to_submitter(actor, id, comment, field_reasons);
              });
}

}  // namespace ct::registry
