#pragma once
// Figures for dashboards (SPEC §7 "statistics"): requests by state and type, overdue decisions,
// certificates by status and those expiring within 30/60/90 days — counted within the actor's
// reach (statistics_read), like every other read.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::registry {

struct Statistics {
  std::map<std::string, std::int64_t> requests_by_state;
  std::map<std::string, std::int64_t> requests_by_type;
  std::int64_t requests_overdue = 0;
  std::map<std::string, std::int64_t> certificates_by_status;  // valid | revoked | hold | expired
  std::map<int, std::int64_t> certificates_expiring;           // 30, 60, 90 days → count (valid ones)
};

[[nodiscard]] Result<Statistics> statistics(RegistryEnv& env, const Actor& actor);
[[nodiscard]] nlohmann::json to_json(const Statistics& s);

}  // namespace ct::registry
