#pragma once
// Shared by the registry sub-commands: acting as a user (--as LOGIN), printing ids or JSON.
// Without --as, the organization, subscriber and user commands act as the local operator
// (the person at the installation's console, with admin rights), recorded as cli_actor().

#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "cli/cli_support.h"
#include "registry/actor.h"
#include "registry/registry_env.h"

namespace ct::cli {

struct RegistryCall {
  app::Context& ctx;
  registry::RegistryEnv env;
  registry::Actor actor;
};

// Opens the installation, resolves `as` (or the local operator when nullopt and
// `operator_allowed`), and runs `f`; errors are reported and turned into exit codes.
[[nodiscard]] int with_actor(const GlobalOptions& g, const std::optional<std::string>& as, bool operator_allowed,
                             const std::function<int(RegistryCall&)>& f);
// The same, the local operator acting in `operator_role` (the token station's commands: the
// CA operator at the console); nullopt: --as is required.
[[nodiscard]] int with_actor(const GlobalOptions& g, const std::optional<std::string>& as,
                             std::optional<registry::Role> operator_role, const std::function<int(RegistryCall&)>& f);

// `chungthu user …` (commands_user.cpp), part of register_registry_people.
void register_user_commands(CLI::App& app, GlobalOptions& g, int& rc);

}  // namespace ct::cli
