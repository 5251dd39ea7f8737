#include <iostream>

#include "cli/commands.h"
#include "common/time_format.h"
#include "crypto/pem.h"
#include "store/pki_repository.h"

namespace ct::cli {

void register_ca(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* ca = app.add_subcommand("ca", "Các CA của hệ thống / The system's CAs");
  ca->require_subcommand(1);

  auto* list = ca->add_subcommand("list", "Liệt kê CA / List CAs");
  auto json = std::make_shared<bool>(false);
  list->add_flag("--json", *json, "JSON output");
  list->callback([&rc, &g, json] {
    auto ctx = open_context(g);
    if (!ctx) { rc = report(ctx.error()); return; }
    auto lease = (*ctx)->db().acquire();
    if (!lease) { rc = report(lease.error()); return; }
    auto cas = store::list_cas(**lease);
    if (!cas) { rc = report(cas.error()); return; }
    if (*json) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& c : *cas) out.push_back(to_json(c));
      std::cout << out.dump(2) << "\n";
    } else {
      for (const auto& c : *cas) {
        std::cout << c.name << "\t" << c.kind << "\t" << c.serial << "\t" << timefmt::vn_date(c.not_after) << "\t"
                  << c.display_name << "\n";
      }
    }
    rc = kOk;
  });

  auto* cert = ca->add_subcommand("cert", "In chứng thư CA dạng PEM / Print a CA certificate as PEM");
  auto name_ptr = std::make_shared<std::string>();
  cert->add_option("NAME", *name_ptr, "root, issuing or ocsp")->required();
  cert->callback([&rc, &g, name_ptr] {
    const std::string& name = *name_ptr;
    auto ctx = open_context(g);
    if (!ctx) { rc = report(ctx.error()); return; }
    auto lease = (*ctx)->db().acquire();
    if (!lease) { rc = report(lease.error()); return; }
    auto found = store::find_ca(**lease, name);
    if (!found) { rc = report(found.error()); return; }
    if (!*found) {
      rc = report(Error::make(ErrorCode::not_found, "Không có CA tên '" + name + "'", "No CA named '" + name + "'"));
      return;
    }
    std::cout << crypto::to_pem((*found)->certificate, "CERTIFICATE");
    rc = kOk;
  });
}

}  // namespace ct::cli
