#include "app/init.h"

#include <sys/stat.h>

#include <array>
#include <fstream>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/audit_protection.h"
#include "app/context.h"
#include "app/key_store.h"
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

// A TOML basic string; refuses what it cannot carry plainly.
Result<std::string> toml_string(const std::string& value, const char* option) {
  for (const char c : value) {
    if (c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20) {
      return fail(ErrorCode::invalid_input, std::string(option) + " không được chứa dấu nháy kép, gạch ngược hay ký tự điều khiển",
                  std::string(option) + " must not contain a double quote, a backslash or a control character", option);
    }
  }
  return "\"" + value + "\"";
}

// The key labels a hierarchy is made with; a failed init removes them from the backend.
constexpr std::array kKeyLabels{pki::kRootCa, pki::kIssuingCa, pki::kOcspSigner, "audit", "mail"};

}  // namespace

Result<std::string> initial_config(const InitOptions& options) {
  std::string text = kDefaultConfig;
  if (options.key_backend == "software") return text;
  if (options.key_backend != "pkcs11") {
    return fail(ErrorCode::invalid_input, "Kho khóa không hỗ trợ: " + options.key_backend + " (software, pkcs11)",
                "Unsupported key backend: " + options.key_backend + " (software, pkcs11)", "--key-backend");
  }
  if (options.pkcs11_module.empty() || options.pkcs11_token_label.empty()) {
    return fail(ErrorCode::invalid_input, "--key-backend pkcs11 cần --pkcs11-module và --token-label",
                "--key-backend pkcs11 needs --pkcs11-module and --token-label", "--key-backend");
  }
  auto module = toml_string(options.pkcs11_module, "--pkcs11-module");
  if (!module) return fail(module.error());
  auto label = toml_string(options.pkcs11_token_label, "--token-label");
  if (!label) return fail(label.error());
  std::string lines = "key_backend = \"pkcs11\"\npkcs11_module = " + *module + "\npkcs11_token_label = " + *label + "\n";
  if (!options.pkcs11_pin_file.empty()) {
    auto pin_file = toml_string(std::filesystem::absolute(options.pkcs11_pin_file).string(), "--pkcs11-pin-file");
    if (!pin_file) return fail(pin_file.error());
    lines += "pkcs11_pin_file = " + *pin_file + "\n";
  }
  const std::string section = "\n[ca]";
  const auto at = text.find(section);
  if (at == std::string::npos) return fail(ErrorCode::internal, "Cấu hình mặc định thiếu [ca]", "The default configuration lacks [ca]");
  const auto eol = text.find('\n', at + section.size());
  text.insert(eol + 1, lines);
  return text;
}

namespace {

Status build(Context& c, const std::filesystem::path& data_dir, bool demo, const std::string& config_text,
             std::ostream& out) {
  const auto config_file = data_dir / "chungthu.toml";
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
  cfg << config_text;
  if (!cfg.flush()) {
    return fail(ErrorCode::unavailable, "Không ghi được tệp cấu hình", "Cannot write the configuration",
                config_file.string());
  }
  return {};
}

Status refuse_used_token(const std::string& config_text, const std::filesystem::path& data_dir) {
  auto cfg = Config::parse(config_text, (data_dir / "chungthu.toml").string());
  if (!cfg) return fail(cfg.error());
  crypto::SystemRng rng;
  auto keys = open_key_backend(*cfg, data_dir, rng, false);
  if (!keys) return fail(keys.error());
  for (const char* label : kKeyLabels) {
    const std::string ref = (*keys)->reference(label);
    if ((*keys)->load(ref)) {
      return fail(ErrorCode::conflict,
                  "Token đã có khóa CA của một cài đặt khác (" + ref + "): dùng token khác hoặc xóa các khóa chungthu-* trước",
                  "The token already holds CA keys of another installation (" + ref +
                      "): use another token or remove its chungthu-* keys first",
                  "--token-label");
    }
  }
  return {};
}

Status initialize_into(const std::filesystem::path& data_dir, const InitOptions& options, const std::string& config_text,
                       std::ostream& out) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return fail(ErrorCode::unavailable, "Không tạo được thư mục dữ liệu", "Cannot create the data directory",
                data_dir.string());
  }
  ::chmod(data_dir.c_str(), 0700);

  if (options.key_backend != "software") {
    // Keys on a token outlive the directory: init takes a token that holds none of ours, and a
    // failed init takes away the keys it made, so a rerun starts clean.
    if (auto s = refuse_used_token(config_text, data_dir); !s) return s;
  }
  auto ctx = Context::create(data_dir, config_text);
  if (!ctx) return fail(ctx.error());
  Context& c = **ctx;
  auto built = build(c, data_dir, options.demo, config_text, out);
  if (!built && options.key_backend != "software") {
    for (const char* label : kKeyLabels) {
      if (auto d = c.keys().destroy(c.keys().reference(label)); !d) out << "chungthu: " << d.error().describe() << "\n";
    }
  }
  return built;
}

}  // namespace

Status initialize(const std::filesystem::path& data_dir, const InitOptions& options, std::ostream& out) {
  auto config_text = initial_config(options);
  if (!config_text) return fail(config_text.error());
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
  auto result = initialize_into(data_dir, options, *config_text, out);
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
