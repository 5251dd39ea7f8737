#pragma once
// Registration rounds and batches (SPEC §2, §4). A round (đợt đăng ký) is opened by an
// aggregator or the registration office for a subtree, with a deadline (the end of the named
// day, Vietnam time: "before 17/12/2022" is read as "by the end of 17/12/2022"). An aggregator
// compiles the submitted requests of its subtree into a batch (danh sách) of a round; submitting
// the batch forwards its requests to the registration office. After the deadline a submission is
// refused unless the round allows late entries; a late batch and its requests are flagged.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/validation.h"

namespace ct::registry {

struct Round {
  std::int64_t id = 0;
  std::string name;
  std::int64_t org_id = 0;
  std::string org_path;
  TimePoint deadline;     // exclusive: midnight after the deadline day
  bool allow_late = false;
  std::string created_by;
  TimePoint created_at;
};

struct Batch {
  std::int64_t id = 0;
  std::int64_t round_id = 0;
  std::int64_t org_id = 0;
  std::string org_path;
  std::string state;      // open | submitted
  bool late = false;
  std::string created_by;
  TimePoint created_at;
  std::optional<TimePoint> submitted_at;
  int requests = 0;
  std::string round_name;
  std::string org_name;
};

struct BatchFilter {
  std::optional<std::int64_t> round_id;
  std::optional<std::string> state;  // open | submitted
};

struct NewRound {
  std::string name;
  std::string deadline;                 // dd/MM/yyyy
  std::optional<std::int64_t> org_id;   // default: the actor's organization (the root for unscoped roles)
  std::optional<bool> allow_late;       // default: registry.allow_late
};

[[nodiscard]] Result<Round> open_round(RegistryEnv& env, const Actor& actor, const NewRound& n);
[[nodiscard]] Result<std::vector<Round>> list_rounds(RegistryEnv& env, const Actor& actor, Page page);
[[nodiscard]] Result<Batch> create_batch(RegistryEnv& env, const Actor& actor, std::int64_t round_id);
// Adds submitted requests of the batch's subtree that are in no other batch.
[[nodiscard]] Result<Batch> add_to_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                         const std::vector<std::int64_t>& request_ids);
// Takes requests off an open batch (all or none); they stay submitted, ready for another batch.
[[nodiscard]] Result<Batch> remove_from_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                              const std::vector<std::int64_t>& request_ids);
// A request that kept a batch from being submitted, with the findings of its re-validation.
struct BlockedRequest {
  std::int64_t request_id = 0;
  std::vector<Finding> findings;
};

// Forwards every request of the batch (one transaction). Refused when empty, already
// submitted, or late in a round that does not allow it. When requests still have errors nothing
// is forwarded (invalid_input, context "requests") and, if `blocked` is given, it receives each
// blocking request with its findings.
[[nodiscard]] Result<Batch> submit_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                         const std::string& comment, std::vector<BlockedRequest>* blocked = nullptr);
[[nodiscard]] Result<Batch> get_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id);
// The batches within the actor's reach (batch_read: an aggregator's subtree; the registration
// office, the CA, auditors and admins all), newest first. An unknown state is invalid_input.
[[nodiscard]] Result<std::vector<Batch>> list_batches(RegistryEnv& env, const Actor& actor, const BatchFilter& f,
                                                      Page page);

// Unscoped read of a round, for the registry's and documents' own use (the batch was checked).
[[nodiscard]] Result<std::optional<Round>> find_round_by_id(store::Connection& c, std::int64_t id);
// Unscoped read of a batch, for the registry's own use (callers check access).
[[nodiscard]] Result<std::optional<Batch>> find_batch_by_id(store::Connection& c, std::int64_t id);

// For the round-deadline reminders (SPEC §9), without access checks: rounds whose deadline lies
// in (from, until], and the organizations under a round that have an active unit manager and
// have submitted no request since the round opened.
[[nodiscard]] Result<std::vector<Round>> rounds_due(store::Connection& c, TimePoint from, TimePoint until);
[[nodiscard]] Result<std::vector<std::int64_t>> round_units_not_submitted(store::Connection& c, const Round& r);

[[nodiscard]] nlohmann::json to_json(const Round& r);
[[nodiscard]] nlohmann::json to_json(const Batch& b);

}  // namespace ct::registry
