// `chungthu token list`: the slots and tokens a PKCS#11 module sees (SPEC §6, devices). It talks
// to the module only, so it works without an initialized data directory when --module is given.
// `token enroll`, `token reset-pin`, `token abandon` and `token receive` (stock): the token
// station (app/token_station.h).
#include <iostream>

#include "app/token_station.h"
#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/config.h"
#include "common/secret_file.h"
#include "crypto/pkcs11.h"
#include "pki/hierarchy.h"
#include "registry/access_policy.h"

namespace ct::cli {
namespace {

namespace p11 = crypto::pkcs11;

// --module, else `devices.pkcs11_module` (or CHUNGTHU_DEVICES_PKCS11_MODULE) of the data
// directory's chungthu.toml; a missing file is an empty configuration.
Result<std::string> module_path(const GlobalOptions& g, const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return *flag;
  auto config = Config::load(app::resolve_data_dir(g.data_dir) / "chungthu.toml");
  if (!config) return fail(config.error());
  return app::pkcs11_module_path(*config);
}

std::string pin_text(const p11::TokenInfo& t) {
  std::string out;
  const auto add = [&out](const char* text) { out += (out.empty() ? "" : "; ") + std::string(text); };
  if (!t.user_pin_initialized) add("chưa đặt PIN người dùng / user PIN not set");
  if (t.user_pin_locked) add("PIN người dùng bị khóa / user PIN locked");
  if (t.user_pin_count_low) add("đã có lần nhập sai PIN người dùng / user PIN count low");
  if (t.so_pin_locked) add("PIN quản trị (SO) bị khóa / SO PIN locked");
  return out.empty() ? "bình thường / ok" : out;
}

void print(const p11::SlotInfo& s) {
  // The slot id in decimal, as softhsm2-util --show-slots prints it.
  std::cout << "Khe / slot " << s.slot_id << " (" << s.description << ")\n";
  if (!s.token_present) {
    std::cout << "  không có thiết bị / no token\n";
    return;
  }
  if (!s.token) {
    std::cout << "  không đọc được thiết bị / cannot read the token: "
              << (s.token_error ? s.token_error->describe() : std::string("?")) << "\n";
    return;
  }
  const p11::TokenInfo& t = *s.token;
  if (!t.initialized) {
    std::cout << "  thiết bị trắng, chưa khởi tạo / blank token, not initialized\n";
    return;
  }
  std::cout << "  nhãn / label: " << t.label << "\n"
            << "  số sê-ri / serial: " << t.serial << "\n"
            << "  hãng, mẫu / manufacturer, model: " << t.manufacturer << ", " << t.model << "\n"
            << "  trạng thái / state: đã khởi tạo / initialized\n"
            << "  PIN: " << pin_text(t) << "\n";
}

int list_tokens(const GlobalOptions& g, const std::optional<std::string>& module_flag, bool json) {
  auto path = module_path(g, module_flag);
  if (!path) return report(path.error());
  auto module = p11::Module::load(*path);
  if (!module) return report(module.error());
  auto slots = module->slots();
  if (!slots) return report(slots.error().within(*path));
  if (json) {
    auto out = nlohmann::json::array();
    for (const auto& s : *slots) out.push_back(app::slot_json(s));
    std::cout << out.dump(2) << "\n";
    return kOk;
  }
  std::cout << "Mô-đun PKCS#11 / PKCS#11 module: " << *path << "\n";
  if (slots->empty()) std::cout << "không có khe nào / no slots\n";
  for (const auto& s : *slots) print(s);
  return kOk;
}

struct StationArgs {
  std::optional<std::string> as;
  std::optional<std::string> module;
  std::optional<std::string> letter;
  std::int64_t request_id = 0;
  std::uint64_t slot = 0;
  bool json = false;
};

enum class StationOp { enroll, reset_pin };

int run_station(const GlobalOptions& g, const StationArgs& a, StationOp op) {
  return with_actor(g, a.as, true, [&](RegistryCall& call) {
    // The local operator at the token station may; a named user must be a CA operator.
    if (a.as && !registry::allowed_somewhere(call.actor, registry::Action::worker_run)) {
      return report(registry::deny(call.env.db, call.env.clock, call.actor, registry::Action::worker_run, "request",
                                   std::to_string(a.request_id)));
    }
    auto path = module_path(g, a.module);
    if (!path) return report(path.error());
    auto module = p11::Module::load(*path);
    if (!module) return report(module.error());
    auto key = call.ctx.device_key();
    if (!key) return report(key.error());
    std::optional<pki::CertificateAuthority> ca;
    if (op == StationOp::enroll) {
      auto loaded = call.ctx.certificate_authority(pki::kIssuingCa);
      if (!loaded) return report(loaded.error());
      ca.emplace(std::move(*loaded));
    }
    app::TokenStation station(call.env, ca ? &*ca : nullptr, *key, *module, call.actor.login);
    auto done = op == StationOp::enroll ? station.enroll(a.request_id, a.slot) : station.reset_pin(a.request_id, a.slot);
    if (!done) return report(done.error());
    int letter_rc = kOk;
    if (a.letter) {
      // The token is done whatever happens to the letter: a failure here is reported, and the
      // PIN is still printed below so that it is not lost.
      auto pdf = app::handover_letter(call.env, *done, call.ctx.pki().organization, call.actor.login);
      auto written = pdf ? write_file(*a.letter, std::string_view(reinterpret_cast<const char*>(pdf->data()), pdf->size()),
                                      /*owner_only=*/true)
                         : Status(fail(pdf.error()));
      if (!written) letter_rc = report(written.error());
    }
    if (a.json) {
      std::cout << nlohmann::json{{"request_id", done->request_id},
                                  {"device_serial", done->device_serial},
                                  {"certificate_serial", done->certificate_serial},
                                  {"user_pin", done->user_pin}}
                       .dump(2)
                << "\n";
      return letter_rc;
    }
    std::cout << "Yêu cầu / request #" << done->request_id << (done->resumed ? " (tiếp tục / resumed)" : "") << "\n"
              << "  thiết bị / token: " << done->device_serial << "\n"
              << "  chứng thư số / certificate: " << done->certificate_serial << "\n"
              << "  PIN người dùng ban đầu / initial user PIN: " << done->user_pin << "\n"
              << "  (chỉ hiện một lần; người dùng phải đổi PIN khi dùng lần đầu / shown once; the user must change "
                 "it at first use)\n";
    return letter_rc;
  });
}

void add_station_command(CLI::App* token, GlobalOptions& g, int& rc, StationOp op) {
  const bool enroll = op == StationOp::enroll;
  auto* cmd = token->add_subcommand(
      enroll ? "enroll" : "reset-pin",
      enroll ? "Khởi tạo thiết bị, sinh khóa, cấp và ghi chứng thư số / Enrol a token for an approved new/reissue"
             : "Đặt lại PIN người dùng bằng PIN SO / Reset the user PIN for an approved recover_device");
  auto a = std::make_shared<StationArgs>();
  cmd->add_option("REQUEST_ID", a->request_id, "Request id")->required();
  cmd->add_option("--slot", a->slot, "PKCS#11 slot id (decimal, as `token list` prints it)")->required();
  cmd->add_option("--module", a->module, "PKCS#11 module (default: devices.pkcs11_module)");
  cmd->add_option("--as", a->as, "Acting user (default: the local operator)");
  cmd->add_option("--letter", a->letter, "Also write Mẫu 07, the handover record with the PIN, to this PDF (0600)");
  cmd->add_flag("--json", a->json, "JSON output {request_id, device_serial, certificate_serial, user_pin}");
  cmd->callback([&rc, &g, a, op] { rc = run_station(g, *a, op); });
}

void add_receive_command(CLI::App* token, GlobalOptions& g, int& rc) {
  struct Args {
    std::optional<std::string> as;
    std::optional<std::string> module;
    std::optional<std::string> so_pin_file;
    std::uint64_t slot = 0;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = token->add_subcommand(
      "receive", "Nhập kho thiết bị mới (đã khởi tạo, PIN SO của nhà sản xuất) / Take a factory token into stock");
  cmd->add_option("--slot", a->slot, "PKCS#11 slot id (decimal, as `token list` prints it)")->required();
  cmd->add_option("--so-pin-file", a->so_pin_file,
                  "File (0600) holding the factory SO PIN (default: by the token's model in "
                  "devices.factory_so_pin_files, else devices.factory_so_pin_file)");
  cmd->add_option("--module", a->module, "PKCS#11 module (default: devices.pkcs11_module)");
  cmd->add_option("--as", a->as, "Acting user (default: the local operator)");
  cmd->add_flag("--json", a->json, "JSON output");
  cmd->callback([&rc, &g, a] {
    rc = with_actor(g, a->as, true, [&](RegistryCall& call) {
      if (a->as && !registry::allowed_somewhere(call.actor, registry::Action::worker_run)) {
        return report(registry::deny(call.env.db, call.env.clock, call.actor, registry::Action::worker_run, "device",
                                     std::to_string(a->slot)));
      }
      auto path = module_path(g, a->module);
      if (!path) return report(path.error());
      auto module = p11::Module::load(*path);
      if (!module) return report(module.error());
      std::string file = a->so_pin_file.value_or("");
      if (file.empty()) {
        // The model decides which factory PIN applies (devices.factory_so_pin_files).
        auto slots = module->slots();
        if (!slots) return report(slots.error());
        std::string model;
        for (const auto& s : *slots) {
          if (s.slot_id == a->slot && s.token) model = s.token->model;
        }
        auto configured = app::factory_so_pin_file(call.ctx.config(), model);
        if (!configured) return report(configured.error());
        file = *configured;
      }
      auto so_pin = read_secret_file(file, "tệp PIN SO của nhà sản xuất", "the factory SO PIN file");
      if (!so_pin) return report(so_pin.error());
      auto key = call.ctx.device_key();
      if (!key) return report(key.error());
      auto d = app::receive_token(call.env, *key, *module, a->slot, *so_pin, call.actor.login);
      if (!d) return report(d.error());
      if (a->json) {
        std::cout << registry::to_json(*d).dump(2) << "\n";
      } else {
        std::cout << "Đã nhập kho / in stock: " << d->serial << " (" << d->manufacturer << ", " << d->model
                  << "), trạng thái / state formatted\n";
      }
      return int{kOk};
    });
  });
}

void add_abandon_command(CLI::App* token, GlobalOptions& g, int& rc) {
  struct Args {
    std::optional<std::string> as;
    std::int64_t request_id = 0;
    std::string note;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = token->add_subcommand(
      "abandon", "Bỏ dở lần khởi tạo chưa cấp chứng thư (thiết bị hỏng giữa chừng) / Abandon an enrolment before issue");
  cmd->add_option("REQUEST_ID", a->request_id, "Request id")->required();
  cmd->add_option("--note", a->note, "Why (recorded in the audit log and the token's history)");
  cmd->add_option("--as", a->as, "Acting user (default: the local operator)");
  cmd->callback([&rc, &g, a] {
    rc = with_actor(g, a->as, true, [&](RegistryCall& call) {
      if (a->as && !registry::allowed_somewhere(call.actor, registry::Action::worker_run)) {
        return report(registry::deny(call.env.db, call.env.clock, call.actor, registry::Action::worker_run, "request",
                                     std::to_string(a->request_id)));
      }
      auto done = app::abandon_enrolment(call.env, a->request_id, call.actor.login, a->note);
      if (!done) return report(done.error());
      std::cout << "Yêu cầu / request #" << a->request_id << ": đã bỏ dở / abandoned; vẫn chờ thiết bị / still "
                << "waiting for a device\n";
      if (!done->device_serial.empty()) {
        std::cout << "  thiết bị / token " << done->device_serial
                  << ": đã khởi tạo trắng, dùng lại được / formatted, can be reused\n";
      }
      return int{kOk};
    });
  });
}

}  // namespace

void register_token(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* token = app.add_subcommand("token", "Thiết bị lưu khóa PKCS#11 / PKCS#11 tokens (devices)");
  token->require_subcommand(1);
  auto module = std::make_shared<std::optional<std::string>>();
  auto json = std::make_shared<bool>(false);
  auto* list = token->add_subcommand("list", "Liệt kê khe và thiết bị / List the module's slots and tokens");
  list->add_option("--module", *module,
                   "PKCS#11 module (default: $CHUNGTHU_DEVICES_PKCS11_MODULE, else devices.pkcs11_module in "
                   "chungthu.toml, else /usr/lib/softhsm/libsofthsm2.so)");
  list->add_flag("--json", *json, "JSON output");
  list->callback([&rc, &g, module, json] { rc = list_tokens(g, *module, *json); });
  add_station_command(token, g, rc, StationOp::enroll);
  add_station_command(token, g, rc, StationOp::reset_pin);
  add_abandon_command(token, g, rc);
  add_receive_command(token, g, rc);
}

}  // namespace ct::cli
