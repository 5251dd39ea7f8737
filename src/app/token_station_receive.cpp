// receive_token (token_station.h): a factory-initialized token into the CA's stock.
#include "app/token_station.h"
#include "app/token_station_support.h"
#include "common/text.h"
#include "registry/sealed_secret.h"

namespace ct::app {

Result<std::string> factory_so_pin_file(const Config& cfg, const std::string& model) {
  auto entries = cfg.strings("devices.factory_so_pin_files", {});
  if (!entries) return fail(entries.error());
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string& entry = (*entries)[i];
    const auto eq = entry.find('=');
    if (eq == std::string::npos) {
      const std::string at = "devices.factory_so_pin_files[" + std::to_string(i + 1) + "]";
      return fail(ErrorCode::invalid_input, "Cấu hình " + at + ": cần dạng \"MẪU=TỆP\"",
                  "Setting " + at + ": expected \"MODEL=FILE\"", "devices.factory_so_pin_files");
    }
    if (text::trim(entry.substr(0, eq)) == text::trim(model)) return text::trim(entry.substr(eq + 1));
  }
  auto fallback = cfg.string("devices.factory_so_pin_file", "");
  if (!fallback) return fail(fallback.error());
  if (fallback->empty()) {
    return fail(ErrorCode::invalid_input,
                "Cần tệp PIN SO của nhà sản xuất cho mẫu \"" + model +
                    "\": --so-pin-file, devices.factory_so_pin_files hoặc devices.factory_so_pin_file",
                "The factory SO PIN file for model \"" + model +
                    "\" is needed: --so-pin-file, devices.factory_so_pin_files or devices.factory_so_pin_file",
                "--so-pin-file");
  }
  return *fallback;
}

Result<registry::Device> receive_token(registry::RegistryEnv& env, std::span<const std::uint8_t> device_key,
                                       const crypto::pkcs11::Module& module, std::uint64_t slot,
                                       const std::string& so_pin, const std::string& actor) {
  auto token = station::token_in(module, slot);
  if (!token) return fail(token.error());
  if (!token->initialized || token->serial.empty()) {
    return fail(ErrorCode::invalid_input,
                "Thiết bị trong khe " + std::to_string(slot) +
                    " còn trắng: không cần nhập kho, lệnh token enroll sẽ khởi tạo nó",
                "The token in slot " + std::to_string(slot) + " is blank: it needs no receiving, token enroll "
                "initializes it",
                "slot");
  }
  // The factory SO PIN must open it: the station will initialize it again with this PIN.
  auto session = station::session_with(module, token->serial);
  if (!session) return fail(session.error());
  if (auto s = session->login(crypto::pkcs11::UserType::security_officer, so_pin); !s) {
    if (crypto::pkcs11::is(s.error(), crypto::pkcs11::ReturnValue::pin_incorrect)) {
      return fail(ErrorCode::invalid_input,
                  "PIN quản trị (SO) của nhà sản xuất không mở được thiết bị " + token->serial,
                  "The factory SO PIN does not open token " + token->serial, "so_pin");
    }
    return fail(station::about_token(s.error(), token->serial));
  }
  (void)session->logout();
  auto sealed = registry::sealed::seal(device_key,
                                       {reinterpret_cast<const std::uint8_t*>(so_pin.data()), so_pin.size()}, env.rng);
  if (!sealed) return fail(sealed.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  registry::EnrolledDevice d;
  d.serial = token->serial;
  d.model = token->model;
  d.manufacturer = token->manufacturer;
  d.label = token->label;
  d.so_pin_sealed = *sealed;
  auto received = registry::receive_device(**lease, env.clock, d, actor);
  if (!received) return fail(received.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return received;
}

}  // namespace ct::app
