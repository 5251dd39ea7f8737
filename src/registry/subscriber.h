#pragma once
// Subscribers (SPEC §2): individuals and organizations, with the fields of the national
// 19-column import sheet (full name, date of birth, CCCD with issue date and place, official
// e-mail, position, phone, mobile carrier, device type; organization levels 1–4 and province
// come from the organization tree).

#include <optional>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/subject_data.h"
#include "registry/validation.h"

namespace ct::registry {

struct Subscriber {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_path;
  SubjectData data;
  bool mailbox_provisioned = false;
  TimePoint created_at;
};
// The subscriber as the API and the CLI show it: the subject's fields under "data".
[[nodiscard]] nlohmann::json to_json(const Subscriber& s);

// Validates `data` with the subject rules of the validation policy (SPEC §5): an error refuses
// the subscriber (invalid_input listing the findings); warnings are accepted.
[[nodiscard]] Result<Subscriber> create_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t org_id,
                                                   SubjectData data);
// The dry run of create_subscriber: the same normalization, organization and scope checks (a
// refusal is audited as access.denied, like every other), then the findings the validation
// policy has for `data`. Writes nothing else.
[[nodiscard]] Result<std::vector<Finding>> check_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t org_id,
                                                            SubjectData data);
// Inside the caller's transaction, without checks beyond normalization (init --demo, tests).
[[nodiscard]] Result<Subscriber> insert_subscriber(store::Connection& c, std::int64_t org_id, const SubjectData& data,
                                                   TimePoint now);
// Corrects a subscriber's data (and organization, within reach) with the checks of a create:
// invalid_input with context "subscriber" when the data has errors. Refused (conflict) while the
// subscriber holds a certificate in force (valid or on hold, not expired): its content changes
// through a change_info request then. The kind (individual / organization) stays.
[[nodiscard]] Result<Subscriber> update_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t id,
                                                   std::int64_t org_id, SubjectData data);
[[nodiscard]] Result<Subscriber> get_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t id);
[[nodiscard]] Result<std::vector<Subscriber>> list_subscribers(RegistryEnv& env, const Actor& actor,
                                                               const std::string& search, Page page);

[[nodiscard]] Result<std::optional<Subscriber>> find_subscriber(store::Connection& c, std::int64_t id);
// The individual subscriber with citizen ID `cccd` (the oldest when several), unscoped.
[[nodiscard]] Result<std::optional<Subscriber>> find_subscriber_by_cccd(store::Connection& c, const std::string& cccd);
// True when a subscriber other than `subscriber_id` has official e-mail `email` (lower-case).
[[nodiscard]] Result<bool> email_held_by_other(store::Connection& c, const std::string& email,
                                               std::int64_t subscriber_id);
// Applies a completed change_info / mailbox to the stored subscriber (inside the caller's
// transaction).
[[nodiscard]] Status update_subscriber_data(store::Connection& c, std::int64_t id, std::int64_t org_id,
                                            const SubjectData& data);
[[nodiscard]] Status mark_mailbox_provisioned(store::Connection& c, std::int64_t id, const std::string& mailbox);

}  // namespace ct::registry
