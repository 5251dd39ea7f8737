// TokenStation::reset_pin (token_station.h): `recover_device`.
#include <utility>

#include "app/token_station.h"
#include "app/token_station_support.h"
#include "common/hex.h"
#include "registry/devices.h"
#include "registry/operations.h"
#include "registry/request.h"
#include "registry/request_step.h"
#include "registry/sealed_secret.h"
#include "registry/token_enrolments.h"

namespace ct::app {
namespace {

namespace p11 = crypto::pkcs11;

constexpr std::size_t kUserPinDigits = 8;

Status check_recoverable(const registry::Request& r) {
  const std::string id = std::to_string(r.id);
  if (r.state == registry::RequestState::completed) {
    return fail(station::refused(ErrorCode::conflict, "Yêu cầu số " + id + " đã hoàn thành",
                                 "Request " + id + " is completed", "request_id"));
  }
  if (r.state != registry::RequestState::approved || r.type != registry::RequestType::recover_device) {
    return fail(station::refused(ErrorCode::invalid_input,
                                 "Yêu cầu số " + id + " không phải yêu cầu khôi phục thiết bị đã duyệt",
                                 "Request " + id + " is not an approved device recovery", "request_id"));
  }
  return {};
}

}  // namespace

Result<TokenOutcome> TokenStation::reset_pin(std::int64_t request_id, std::uint64_t slot) {
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto request = registry::find_request(c, request_id);
  if (!request) return fail(request.error());
  if (!*request) return fail(registry::request_not_found(request_id));
  const registry::Request& r = **request;
  if (auto s = check_recoverable(r); !s) return fail(s.error());
  auto token = station::token_in(module_, slot);
  if (!token) return fail(token.error());
  const std::string& serial = token->serial;
  const std::string shown_vi = serial.empty() ? "thiết bị trắng" : serial;
  const std::string shown_en = serial.empty() ? "a blank token" : serial;
  auto device = registry::find_device(c, serial);
  if (!device) return fail(device.error());
  if (serial.empty() || !*device || (*device)->subscriber_id != r.subscriber_id) {
    return fail(station::refused(ErrorCode::invalid_input,
                        "Thiết bị trong khe " + std::to_string(slot) + " (" + shown_vi +
                            ") không phải thiết bị đã đăng ký của thuê bao số " + std::to_string(r.subscriber_id),
                        "The token in slot " + std::to_string(slot) + " (" + shown_en +
                            ") is not a registered device of subscriber " + std::to_string(r.subscriber_id)));
  }
  if ((*device)->state != registry::DeviceState::active && (*device)->state != registry::DeviceState::locked) {
    return fail(station::refused(ErrorCode::conflict,
                        "Thiết bị " + serial + " đang " + registry::label_vi((*device)->state) +
                            ": chỉ đặt lại PIN cho thiết bị đang dùng hoặc bị khóa",
                        "Token " + serial + " is " + registry::to_string((*device)->state) +
                            ": a PIN is reset only on an active or locked token"));
  }
  auto enrolment = registry::find_enrolment_of(c, serial, r.cert_serial);
  if (!enrolment) return fail(enrolment.error());
  if (!*enrolment) {
    return fail(station::refused(ErrorCode::invalid_input,
                        "Chứng thư số " + r.cert_serial + " không được ghi vào thiết bị " + serial,
                        "Certificate " + r.cert_serial + " was not written to token " + serial));
  }
  auto key_id = from_hex((*enrolment)->key_id_hex);
  if (!key_id) return fail(station::refused(ErrorCode::integrity, "Mã khóa lưu trữ hỏng", "The stored key id is damaged"));
  auto so_pin = registry::sealed::open(device_key_, (*device)->so_pin_sealed, "device_so_pin");
  if (!so_pin) return fail(so_pin.error());

  TokenOutcome out{request_id, serial, r.cert_serial, station::random_digits(env_.rng, kUserPinDigits), false};
  if (auto s = station::set_user_pin(module_, serial, std::string(so_pin->begin(), so_pin->end()), out.user_pin); !s) {
    return fail(s.error());
  }
  // The key and the certificate are still there, and the new PIN opens them.
  auto session = station::session_with(module_, serial);
  if (!session) return fail(session.error());
  if (auto s = session->login(p11::UserType::user, out.user_pin); !s) return fail(station::about_token(s.error(), serial));
  auto key = session->public_key(*key_id);
  if (!key) return fail(station::about_token(key.error(), serial));
  auto cert = session->has_certificate(*key_id);
  if (!cert) return fail(station::about_token(cert.error(), serial));
  if (!*key || !*cert) {
    return fail(station::refused(ErrorCode::integrity, "Thiết bị " + serial + " không còn khóa hoặc chứng thư số của thuê bao",
                        "Token " + serial + " no longer holds the subscriber's key or certificate"));
  }

  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto fresh = registry::find_request(c, request_id);
  if (!fresh) return fail(fresh.error());
  if (!*fresh) return fail(registry::request_not_found(request_id));
  if (auto s = registry::complete_device_recovery(c, env_.clock, **fresh, actor_, "đặt lại PIN / PIN reset"); !s) {
    return fail(s.error());
  }
  registry::Device& d = **device;
  // The unit's word (the request) or the token's own flag: the PIN was locked.
  if (d.state == registry::DeviceState::active && token->user_pin_locked) {
    if (auto s = registry::record_device_change(c, env_.clock, d, registry::DeviceState::locked, actor_, request_id,
                                                "lock", "PIN người dùng bị khóa / user PIN locked");
        !s) {
      return fail(s.error());
    }
  }
  if (auto s = registry::record_device_change(c, env_.clock, d, registry::DeviceState::active, actor_, request_id,
                                              "reset_pin", "PIN reset");
      !s) {
    return fail(s.error());
  }
  if (auto s = tx->commit(); !s) return fail(s.error());
  return out;
}

}  // namespace ct::app
