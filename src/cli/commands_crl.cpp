#include <iostream>

#include "cli/commands.h"
#include "crypto/pem.h"
#include "pki/crl_publisher.h"

namespace ct::cli {
namespace {

struct CrlOptions {
  std::string ca = "issuing";
  std::string out;
  bool pem = false;
};

int run_generate(const GlobalOptions& g, const CrlOptions& o) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto ca = (*ctx)->certificate_authority(o.ca);
  if (!ca) return report(ca.error());
  auto crl = pki::publish_crl((*ctx)->db(), ca->record(), ca->key(), (*ctx)->pki(), (*ctx)->clock(), (*ctx)->crl_dir(),
                              cli_actor());
  if (!crl) return report(crl.error());
  checkpoint_after_write(**ctx, /*always=*/true);
  std::cerr << "CRL " << crl->number << " (" << crl->entries << " entries) -> " << crl->current.string() << "\n";
  if (!o.out.empty()) {
    auto der = read_file(crl->path, std::size_t{1} << 34);
    if (!der) return report(der.error());
    const std::string content = o.pem ? crypto::to_pem(*der, "X509 CRL") : std::string(der->begin(), der->end());
    if (auto w = write_file(o.out, content); !w) return report(w.error());
  }
  return kOk;
}

}  // namespace

void register_crl(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* crl = app.add_subcommand("crl", "Danh sách thu hồi / Certificate revocation lists");
  crl->require_subcommand(1);
  auto o = std::make_shared<CrlOptions>();
  auto* gen = crl->add_subcommand("generate", "Phát hành CRL mới / Publish a new CRL");
  gen->add_option("--ca", o->ca, "CA name (default: issuing)");
  gen->add_option("--out", o->out, "Also write the CRL here (DER, or PEM with --pem)");
  gen->add_flag("--pem", o->pem, "PEM instead of DER for --out");
  gen->callback([&rc, &g, o] { rc = run_generate(g, *o); });
}

}  // namespace ct::cli
