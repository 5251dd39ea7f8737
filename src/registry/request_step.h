#pragma once
// The frame of every request transition (SPEC §4), shared by the workflow's steps
// (request_workflow_steps.cpp), its edits (request_workflow.cpp) and the operation worker
// (operations.cpp): one write transaction that reads the request, checks access and state, lets
// the step change it, and records the transition with its timeline event and audit entry.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "registry/access_policy.h"
#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/request.h"

namespace ct::registry {

// Writes `r` (now in `to`) if still in `from`, with its timeline event and audit entry, inside
// the caller's transaction. A request changed meanwhile is a conflict.
[[nodiscard]] Status record_transition(store::Connection& c, const Clock& clock, const std::string& actor_login,
                                       Request& r, RequestState from, RequestState to, const std::string& action,
                                       const std::string& comment,
                                       const std::map<std::string, std::string>& field_reasons = {},
                                       const std::string& outcome = "ok");

struct Step {
  Action action;
  std::vector<RequestState> from;  // the states the step may start from
  const char* verb_vi;
  const char* verb_en;
};
// Changes the request in the step's transaction. An error rolls back; `keep` set to an error
// commits what was done and then refuses with it (the findings of a blocked submission).
using StepApply = std::function<Status(store::Connection& c, Request& r, Status& keep)>;

// Runs `apply` on request `id` in one write transaction, after checking the actor's access and
// the request's state. A denial is audited after the rollback.
[[nodiscard]] Result<Request> run_step(RegistryEnv& env, const Actor& actor, std::int64_t id, const Step& step,
                                       const StepApply& apply);

[[nodiscard]] Error request_not_found(std::int64_t id);

}  // namespace ct::registry
