#pragma once
// Figures for dashboards (SPEC §7 "statistics"): requests by state, type and age, overdue
// decisions, certificates by status and organization and those expiring within 30/60/90 days —
// counted within the actor's reach (statistics_read), like every other read.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::registry {

// The certificates of one organization's subscribers.
struct OrgCertificates {
  std::int64_t org_id = 0;
  std::string org_name;
  std::int64_t valid = 0;        // valid and not expired
  std::int64_t expiring_90 = 0;  // of those, ending within 90 days
};

inline constexpr int kMaxOrgsInStatistics = 50;

struct Statistics {
  std::map<std::string, std::int64_t> requests_by_state;
  std::map<std::string, std::int64_t> requests_by_type;
  std::int64_t requests_overdue = 0;
  std::map<std::string, std::int64_t> certificates_by_status;  // valid | revoked | hold | expired
  std::map<int, std::int64_t> certificates_expiring;           // 30, 60, 90 days → count (valid ones)
  // Organizations in reach that have certificates, most valid first, at most kMaxOrgsInStatistics.
  std::vector<OrgCertificates> certificates_by_org;
  // Open requests (not final: completed, rejected, cancelled) by whole days since created_at:
  // "0-3", "4-7", "8-14", "15+" (all four present).
  std::map<std::string, std::int64_t> requests_by_age;
};

[[nodiscard]] Result<Statistics> statistics(RegistryEnv& env, const Actor& actor);
[[nodiscard]] nlohmann::json to_json(const Statistics& s);

}  // namespace ct::registry
