// `chungthu token list`: the slots and tokens a PKCS#11 module sees (SPEC §6, devices). It talks
// to the module only, so it works without an initialized data directory when --module is given.
#include <iostream>

#include "cli/commands.h"
#include "common/config.h"
#include "crypto/pkcs11.h"

namespace ct::cli {
namespace {

namespace p11 = crypto::pkcs11;

// The module when neither --module nor `devices.pkcs11_module` names one: Debian's SoftHSM2.
constexpr const char* kDefaultModule = "/usr/lib/softhsm/libsofthsm2.so";

// --module, else `devices.pkcs11_module` (or CHUNGTHU_DEVICES_PKCS11_MODULE) of the data
// directory's chungthu.toml; a missing file is an empty configuration.
Result<std::string> module_path(const GlobalOptions& g, const std::optional<std::string>& flag) {
  if (flag && !flag->empty()) return *flag;
  auto config = Config::load(app::resolve_data_dir(g.data_dir) / "chungthu.toml");
  if (!config) return fail(config.error());
  return config->string("devices.pkcs11_module", kDefaultModule);
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

nlohmann::json to_json(const p11::SlotInfo& s) {
  nlohmann::json j{{"slot_id", s.slot_id}, {"description", s.description}, {"token_present", s.token_present}};
  const auto& t = s.token;
  const auto text = [&t](const std::string p11::TokenInfo::*field) {
    return t ? nlohmann::json((*t).*field) : nlohmann::json(nullptr);
  };
  const auto flag = [&t](bool p11::TokenInfo::*field) {
    return t ? nlohmann::json((*t).*field) : nlohmann::json(nullptr);
  };
  j["serial"] = text(&p11::TokenInfo::serial);
  j["label"] = text(&p11::TokenInfo::label);
  j["manufacturer"] = text(&p11::TokenInfo::manufacturer);
  j["model"] = text(&p11::TokenInfo::model);
  j["initialized"] = flag(&p11::TokenInfo::initialized);
  j["user_pin_initialized"] = flag(&p11::TokenInfo::user_pin_initialized);
  j["user_pin_locked"] = flag(&p11::TokenInfo::user_pin_locked);
  j["user_pin_count_low"] = flag(&p11::TokenInfo::user_pin_count_low);
  j["so_pin_locked"] = flag(&p11::TokenInfo::so_pin_locked);
  j["error"] = s.token_error ? nlohmann::json(s.token_error->describe()) : nlohmann::json(nullptr);
  return j;
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
    for (const auto& s : *slots) out.push_back(to_json(s));
    std::cout << out.dump(2) << "\n";
    return kOk;
  }
  std::cout << "Mô-đun PKCS#11 / PKCS#11 module: " << *path << "\n";
  if (slots->empty()) std::cout << "không có khe nào / no slots\n";
  for (const auto& s : *slots) print(s);
  return kOk;
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
}

}  // namespace ct::cli
