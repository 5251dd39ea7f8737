#pragma once
// Organizations (SPEC §2): a tree of up to 4 levels (level 1: the province's people's committee
// or a ministry; 2: department or district; 3: unit; 4: sub-unit). Only state bodies are
// eligible for certificates.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::registry {

inline constexpr int kMaxOrgLevel = 4;

struct Organization {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string path;   // "/1/4/9/"
  int level = 1;
  std::string name;   // NFC, at most 64 characters (X.520 ub-organization-name)
  std::string short_code;
  bool state_body = true;
  std::string address;
  std::string tax_code;     // MST: 10 digits, or 10 + "-" + 3 for a branch
  std::string budget_code;  // mã QHNS: 7 digits
  std::string province;
  std::string email;
  std::string seal_document;
  TimePoint created_at;
  bool active = true;  // a deactivated organization takes no new people, requests or children
};

struct NewOrganization {
  std::string name;
  std::optional<std::int64_t> parent_id;
  bool state_body = true;
  std::string short_code, address, tax_code, budget_code, province, email;
};

// Creates an organization (admin anywhere). The province is inherited from the parent when not
// given; a root needs one. Refuses a fifth level.
// The organization as the API and the CLI show it.
[[nodiscard]] nlohmann::json to_json(const Organization& o);

[[nodiscard]] Result<Organization> create_organization(RegistryEnv& env, const Actor& actor, const NewOrganization& n);
// Inside the caller's transaction, without access checks (init --demo, tests).
[[nodiscard]] Result<Organization> insert_organization(store::Connection& c, const NewOrganization& n, TimePoint now);
[[nodiscard]] Result<Organization> get_organization(RegistryEnv& env, const Actor& actor, std::int64_t id);
[[nodiscard]] Result<std::vector<Organization>> list_organizations(RegistryEnv& env, const Actor& actor,
                                                                   const std::string& search, Page page);

// The fields of an organization checked and normalized (NFC name of at most 64 characters, tax
// code, budget code, e-mail), for creation and edits.
[[nodiscard]] Result<NewOrganization> checked_organization(NewOrganization n);

// Unscoped reads for the registry's own use (validation, subject names).
[[nodiscard]] Result<std::optional<Organization>> find_organization(store::Connection& c, std::int64_t id);
// The active child of `parent_id` (a root when nullopt) named `name`: the exact (NFC) name first,
// else the only one whose folded name matches (text.h); nullopt when none or several fold alike.
// Unscoped.
[[nodiscard]] Result<std::optional<Organization>> find_child_organization(store::Connection& c,
                                                                          std::optional<std::int64_t> parent_id,
                                                                          const std::string& name);
// The active organizations named `name` (compared folded) strictly below `under_path` ("/1/4/"),
// or anywhere when it is empty; in tree order. Unscoped.
[[nodiscard]] Result<std::vector<Organization>> find_organizations_named(store::Connection& c, const std::string& name,
                                                                       std::string_view under_path);
// The chain from the root (level 1) down to `org` itself.
[[nodiscard]] Result<std::vector<Organization>> organization_chain(store::Connection& c, const Organization& org);

}  // namespace ct::registry
