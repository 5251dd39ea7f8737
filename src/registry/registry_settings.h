#pragma once
// Registry policy from chungthu.toml ([registry] and [validation]; documented in
// app/default_config.h). Defaults follow SPEC §3–§5 and Decree 68/2024/NĐ-CP.

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/error.h"
#include "registry/device_transitions.h"

namespace ct::registry {

struct RegistrySettings {
  // The province's official mail domains (SPEC §5): individuals and organization certificate
  // managers must use one of them.
  std::vector<std::string> email_domains{"bacninh.gov.vn"};
  // Request types that need two approvals by two different people (SPEC §4).
  std::set<std::string> two_person_types{"revoke"};
  // Public holidays (dd/MM/yyyy, Vietnam dates) excluded from working days, besides weekends.
  std::vector<std::string> holidays;
  // A renewal is requested with at least `renewal_min_days_left` days of validity left (the
  // older rule of Circular 185/2019: 60) and at most `renewal_max_days_left` days left (the
  // renewal window opens then; SPEC §9 reminds at 90/60/30 days).
  int renewal_min_days_left = 60;
  int renewal_max_days_left = 180;
  int max_renewals = 1;
  int renewal_extension_days = 1095;  // a renewal adds at most 3 years (SPEC §3)
  std::int64_t attachment_max_bytes = 10 * 1024 * 1024;
  int decision_working_days = 3;      // Decree 68/2024: a decision within 3 working days
  bool allow_late = false;            // default of a round's late-entry setting
  // A CA operator's direct revocation for keyCompromise, with a stated reason, takes effect at
  // once even when "revoke" needs two people (audited as an emergency).
  bool emergency_revocation = false;
  // How long a one-time account link works (registry/account_links.h): one the admin sends
  // (activation, reset), and one a user asks for from the sign-in page.
  int activation_link_hours = 72;
  int reset_link_minutes = 60;
  // The device state machine ([devices] transitions; registry/device_transitions.h).
  DeviceTransitions device_transitions = DeviceTransitions::defaults();

  [[nodiscard]] static Result<RegistrySettings> load(const Config& cfg);
  [[nodiscard]] bool needs_two_approvals(const std::string& type) const { return two_person_types.count(type) > 0; }
};

}  // namespace ct::registry
