#include "app/init.h"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/audit_protection.h"
#include "app/context.h"
#include "app/default_config.h"
#include "notify/templates.h"
#include "app/demo.h"
#include "audit/audit_log.h"
#include "common/text.h"
#include "crypto/certificate.h"
#include "pki/crl_publisher.h"
#include "pki/hierarchy.h"
#include "pki/revocation.h"
#include "store/pki_repository.h"

namespace ct::app {
namespace {

// One `ca.create` audit entry per CA of the new hierarchy (one transaction).
Status audit_hierarchy(Context& ctx) {
  auto lease = ctx.db().acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto cas = store::list_cas(**lease);
  if (!cas) return fail(cas.error());
  for (const auto& ca : *cas) {
    const std::string details = nlohmann::json{{"kind", ca.kind},
                                               {"serial", ca.serial},
                                               {"display_name", ca.display_name},
                                               {"not_after", to_unix(ca.not_after)}}
                                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    audit::AuditEvent e{"system", "ca.create", "ca", ca.name, std::nullopt, "ok", details};
    if (auto seq = audit::append(**lease, ctx.clock(), e); !seq) return fail(seq.error());
  }
  return tx->commit();
}

}  // namespace

namespace {

Status initialize_into(const std::filesystem::path& data_dir, bool demo, std::ostream& out) {
  std::error_code ec;
  const auto config_file = data_dir / "chungthu.toml";
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không tạo được thư mục dữ liệu", "Cannot create the data directory",
                data_dir.string());
  }
  ::chmod(data_dir.c_str(), 0700);

  auto ctx = Context::create(data_dir);
  if (!ctx) return fail(ctx.error());
  Context& c = **ctx;
  if (auto s = pki::create_hierarchy(c.db(), c.keys(), c.pki(), c.profiles(), c.clock(), c.rng()); !s) {
    return fail(s.error());
  }
  if (auto s = audit_hierarchy(c); !s) return fail(s.error());
  for (const char* name : {pki::kRootCa, pki::kIssuingCa}) {
    auto ca = c.certificate_authority(name);
    if (!ca) return fail(ca.error());
    if (auto crl = pki::publish_crl(c.db(), ca->record(), ca->key(), c.pki(), c.clock(), c.crl_dir()); !crl) {
      return fail(crl.error());
    }
  }
  out << "chungthu: CA hierarchy created in " << data_dir.string() << "\n"
      << "  root:    " << c.pki().root_common_name << "\n"
      << "  issuing: " << c.pki().issuing_common_name << "\n";
  if (demo) {
    if (auto s = seed_demo(c, out); !s) return fail(s.error());
    auto ca = c.certificate_authority(pki::kIssuingCa);
    if (!ca) return fail(ca.error());
    if (auto crl = pki::publish_crl(c.db(), ca->record(), ca->key(), c.pki(), c.clock(), c.crl_dir()); !crl) {
      return fail(crl.error());
    }
  }
  if (auto cp = checkpoint_audit(c, 0); !cp) return fail(cp.error());
  // The mail templates, as files the operator edits (checked when `serve` starts).
  if (auto t = notify::MailTemplates::write_defaults(data_dir / "mail-templates"); !t) return fail(t.error());
  // Written last: its presence marks a complete installation.
  std::ofstream cfg(config_file, std::ios::binary | std::ios::trunc);
  cfg << kDefaultConfig;
  if (!cfg.flush()) {
    return fail(ErrorCode::unavailable, "Không ghi được tệp cấu hình", "Cannot write the configuration",
                config_file.string());
  }
  return {};
}

}  // namespace

Status initialize(const std::filesystem::path& data_dir, bool demo, std::ostream& out) {
  std::error_code ec;
  if (std::filesystem::exists(data_dir / "chungthu.toml", ec)) {
    return fail(ErrorCode::conflict, "Đã khởi tạo tại " + data_dir.string(), "Already initialized at " + data_dir.string());
  }
  // What was there before; on failure everything else is removed again, so a failed init leaves
  // nothing half-made behind.
  std::set<std::filesystem::path> before;
  const bool existed = std::filesystem::exists(data_dir, ec);
  if (existed) {
    for (const auto& e : std::filesystem::directory_iterator(data_dir, ec)) before.insert(e.path());
  }
  auto result = initialize_into(data_dir, demo, out);
  if (!result) {
    if (!existed) {
      std::filesystem::remove_all(data_dir, ec);
    } else {
      std::vector<std::filesystem::path> created;
      for (const auto& e : std::filesystem::directory_iterator(data_dir, ec))
        if (!before.count(e.path())) created.push_back(e.path());
      for (const auto& p : created) std::filesystem::remove_all(p, ec);
    }
  }
  return result;
}

}  // namespace ct::app
