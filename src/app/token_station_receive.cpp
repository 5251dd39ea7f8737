// receive_token (token_station.h): a factory-initialized token into the CA's stock.
#include "app/token_station.h"
#include "app/token_station_support.h"
#include "registry/sealed_secret.h"

namespace ct::app {

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
