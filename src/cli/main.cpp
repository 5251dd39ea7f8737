#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  auto logger = spdlog::stderr_color_mt("chungthu");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::warn);

  CLI::App app{
      "chungthu — vòng đời chứng thư số cho cơ quan nhà nước / certificate lifecycle for government bodies\n"
      "Exit codes: 0 ok, 1 usage, 2 refused input, 3 internal or environment error, 4 integrity failure"};
  app.require_subcommand(1);
  app.fallthrough();
  ct::cli::GlobalOptions g;
  app.add_option("--data", g.data_dir, "Data directory (default: $CHUNGTHU_DATA, else ./var)");
  int rc = ct::cli::kOk;
  using Register = void (*)(CLI::App&, ct::cli::GlobalOptions&, int&);
  for (Register add : {ct::cli::register_init, ct::cli::register_serve, ct::cli::register_ca, ct::cli::register_cert,
                       ct::cli::register_crl, ct::cli::register_ocsp, ct::cli::register_audit,
                       ct::cli::register_registry_people, ct::cli::register_request, ct::cli::register_round,
                       ct::cli::register_worker, ct::cli::register_jobs, ct::cli::register_backup, ct::cli::register_documents,
                       ct::cli::register_mail, ct::cli::register_token,
                       ct::cli::register_device}) {
    add(app, g, rc);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return ct::cli::kUsage;
  }
  return rc;
}
