#pragma once
// Administration of the organization tree (issue 19): edit an organization's data, deactivate
// and reactivate it; each change audited. A deactivated organization (with everything under it)
// takes no new people, requests, users or child organizations and is not found by list imports;
// deactivation is refused while anyone below it holds a certificate in force, a request is
// still open there, or an account there is active: those are dealt with first.

#include <cstdint>
#include <optional>
#include <string>

#include "registry/actor.h"
#include "registry/organization.h"
#include "registry/registry_env.h"

namespace ct::registry {

struct OrganizationEdit {
  std::optional<std::string> name, short_code, address, tax_code, budget_code, email;
  std::optional<std::string> province;  // top-level organizations only; their tree follows
  std::optional<bool> state_body;
};

[[nodiscard]] Result<Organization> edit_organization(RegistryEnv& env, const Actor& actor, std::int64_t id,
                                                     const OrganizationEdit& edit);
[[nodiscard]] Result<Organization> set_organization_active(RegistryEnv& env, const Actor& actor, std::int64_t id,
                                                           bool active);

}  // namespace ct::registry
