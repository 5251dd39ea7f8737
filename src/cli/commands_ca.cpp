#include <iostream>

#include "cli/commands.h"
#include "common/time_format.h"
#include "crypto/pem.h"
#include "pki/ocsp_signer.h"
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

  auto* renew = ca->add_subcommand("renew", "Gia hạn chứng thư ký / Renew a signer");
  renew->require_subcommand(1);
  auto* renew_ocsp = renew->add_subcommand(
      "ocsp", "Khóa và chứng thư ký OCSP mới, ngay bây giờ / A new OCSP signer key and certificate, now");
  auto if_due = std::make_shared<bool>(false);
  renew_ocsp->add_flag("--if-due", *if_due,
                       "Chỉ khi còn ít hơn ca.ocsp_renew_days ngày / Only when fewer than ca.ocsp_renew_days are left");
  renew_ocsp->callback([&rc, &g, if_due] {
    auto ctx = open_context(g);
    if (!ctx) { rc = report(ctx.error()); return; }
    app::Context& c = **ctx;
    auto renewed = pki::renew_ocsp_signer(c.db(), c.keys(), c.pki(), c.profiles(), c.clock(), c.rng(), !*if_due, "cli");
    if (!renewed) { rc = report(renewed.error()); return; }
    if (!*renewed) {
      auto left = pki::ocsp_signer_days_left(c.db(), c.clock());
      std::cout << "ocsp: not due (" << (left ? std::to_string(*left) : "?") << " days left) / chưa đến hạn\n";
    } else {
      std::cout << "ocsp: " << (*renewed)->old_serial << " -> " << (*renewed)->new_serial << ", valid until "
                << timefmt::vn_date((*renewed)->not_after) << "\n";
    }
    rc = kOk;
  });
}

}  // namespace ct::cli
