#pragma once
// The registration office decides a whole batch at once (SPEC §4: "approves, returns or rejects
// each request (a whole batch at once, too)"). Each request of the batch that can take the step
// goes through RequestWorkflow on its own, in its own transaction, with everything that implies:
// validation runs again on approval, the two-person rule holds per request (a second approval by
// the same person is refused for that request only), every transition is on the request's
// timeline and in the audit log. One request refused never undoes or stops the others.

#include <map>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/request.h"

namespace ct::registry {

struct BatchItemOutcome {
  std::int64_t request_id = 0;
  Result<Request> result;  // the request after the step, or why it was refused
};

// Approves the requests of batch `batch_id` that are awaiting approval (forwarded, including
// those waiting for a second approval), oldest first. The batch must exist (not_found) and the
// actor may review it (batch_review; a refusal is audited).
[[nodiscard]] Result<std::vector<BatchItemOutcome>> approve_batch(RegistryEnv& env, const Actor& actor,
                                                                  std::int64_t batch_id, const std::string& comment);
// Returns the requests of the batch that the workflow lets the actor return (submitted or
// forwarded), with the same comment and reasons per field for each. The comment is required.
[[nodiscard]] Result<std::vector<BatchItemOutcome>> return_batch(RegistryEnv& env, const Actor& actor,
                                                                 std::int64_t batch_id, const std::string& comment,
                                                                 const std::map<std::string, std::string>& field_reasons);

}  // namespace ct::registry
