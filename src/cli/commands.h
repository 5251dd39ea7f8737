#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_support.h"

namespace ct::cli {

// Each registers its sub-command(s); the callback stores the exit code in `rc`.
void register_init(CLI::App& app, GlobalOptions& g, int& rc);
void register_serve(CLI::App& app, GlobalOptions& g, int& rc);
void register_ca(CLI::App& app, GlobalOptions& g, int& rc);
void register_cert(CLI::App& app, GlobalOptions& g, int& rc);
void register_crl(CLI::App& app, GlobalOptions& g, int& rc);
void register_ocsp(CLI::App& app, GlobalOptions& g, int& rc);

}  // namespace ct::cli
