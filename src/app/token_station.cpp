// TokenStation::enroll (token_station.h): the stages and their resumption.
#include "app/token_station.h"

#include <utility>

#include "app/token_station_support.h"
#include "common/hex.h"
#include "registry/devices.h"
#include "registry/operations.h"
#include "registry/request.h"
#include "registry/request_step.h"
#include "registry/sealed_secret.h"
#include "registry/subscriber.h"
#include "registry/token_enrolments.h"
#include "store/certificate_repository.h"

namespace ct::app {
namespace {

namespace p11 = crypto::pkcs11;
using registry::EnrolmentStage;

constexpr unsigned kKeyBits = 2048;
constexpr std::size_t kKeyIdBytes = 16;
constexpr std::size_t kSoPinDigits = 16;
constexpr std::size_t kUserPinDigits = 8;
constexpr const char* kSoPinContext = "device_so_pin";

// An enrolment may start only for an approved new/reissue awaiting its device; a completed one
// is refused, unless its certificate is still to be written (stage `issued`).
Status check_enrollable(const registry::Request& r, const std::optional<registry::TokenEnrolment>& e) {
  const std::string id = std::to_string(r.id);
  if (e && e->stage == EnrolmentStage::written) {
    return fail(station::refused(ErrorCode::conflict,
                        "Yêu cầu số " + id + " đã hoàn thành: chứng thư số " + e->certificate_serial +
                            " đã được ghi vào thiết bị " + e->device_serial,
                        "Request " + id + " is completed: certificate " + e->certificate_serial +
                            " is on token " + e->device_serial,
                        "request_id"));
  }
  if (e && e->stage == EnrolmentStage::issued) return {};
  if (r.state == registry::RequestState::completed) {
    return fail(station::refused(ErrorCode::conflict, "Yêu cầu số " + id + " đã hoàn thành",
                                 "Request " + id + " is completed", "request_id"));
  }
  if (r.state != registry::RequestState::approved || !registry::awaits_device(r) ||
      r.type == registry::RequestType::recover_device) {
    return fail(station::refused(ErrorCode::invalid_input,
                        "Yêu cầu số " + id + " không phải yêu cầu cấp mới/cấp lại đã duyệt đang chờ thiết bị",
                        "Request " + id + " is not an approved new/reissue waiting for a device", "request_id"));
  }
  return {};
}

std::string text_of(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TokenStation::TokenStation(registry::RegistryEnv& env, pki::CertificateAuthority* ca,
                           std::span<const std::uint8_t> device_key, const crypto::pkcs11::Module& module,
                           std::string actor)
    : env_(env), ca_(ca), device_key_(device_key.begin(), device_key.end()), module_(module), actor_(std::move(actor)) {}

Result<TokenOutcome> TokenStation::enroll(std::int64_t request_id, std::uint64_t slot) {
  if (ca_ == nullptr) return fail(station::refused(ErrorCode::internal, "Thiếu CA cấp chứng thư", "No issuing CA"));
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto request = registry::find_request(c, request_id);
  if (!request) return fail(request.error());
  if (!*request) return fail(registry::request_not_found(request_id));
  auto enrolment = registry::find_enrolment(c, request_id);
  if (!enrolment) return fail(enrolment.error());
  if (auto s = check_enrollable(**request, *enrolment); !s) return fail(s.error());
  auto holder = registry::find_subscriber(c, (*request)->subscriber_id);
  if (!holder) return fail(holder.error());
  if (!*holder) return fail(station::refused(ErrorCode::not_found, "Không có thuê bao của yêu cầu", "The request's subscriber is gone"));
  auto token = station::token_in(module_, slot);
  if (!token) return fail(token.error());

  const std::string label = station::token_label((*holder)->data.full_name);
  TokenOutcome out{request_id, "", "", station::random_digits(env_.rng, kUserPinDigits), enrolment->has_value()};
  if (!*enrolment) {
    auto row = start_enrolment(c, request_id, *token);
    if (!row) return fail(row.error());
    enrolment = std::optional<registry::TokenEnrolment>(std::move(*row));
  }
  registry::TokenEnrolment& e = **enrolment;
  // Once the enrolment knows its token, only that token will do.
  if (!e.device_serial.empty() && token->serial != e.device_serial) {
    return fail(station::refused(ErrorCode::invalid_input,
                        "Yêu cầu số " + std::to_string(request_id) + " đang khởi tạo trên thiết bị " + e.device_serial +
                            ", khe " + std::to_string(slot) + " chứa thiết bị khác (" + token->serial + ")",
                        "Request " + std::to_string(request_id) + " is being enrolled on token " + e.device_serial +
                            "; slot " + std::to_string(slot) + " holds another token (" + token->serial + ")"));
  }
  auto so_pin = registry::sealed::open(device_key_, e.so_pin_sealed, kSoPinContext);
  if (!so_pin) return fail(so_pin.error());
  if (e.stage == EnrolmentStage::initializing) {
    auto serial = initialize(slot, *token, e, text_of(*so_pin), label);
    if (!serial) return fail(serial.error());
    if (auto s = registry::set_enrolment_token(c, request_id, *serial, env_.clock.now()); !s) return fail(s.error());
    e.device_serial = *serial;
    e.stage = EnrolmentStage::initialized;
  }
  // A new user PIN every run: the first run's was never kept.
  if (auto s = station::set_user_pin(module_, e.device_serial, text_of(*so_pin), out.user_pin); !s) {
    return fail(s.error());
  }
  out.device_serial = e.device_serial;
  auto key_id = from_hex(e.key_id_hex);
  if (!key_id) return fail(station::refused(ErrorCode::integrity, "Mã khóa lưu trữ hỏng", "The stored key id is damaged"));
  auto session = station::session_with(module_, e.device_serial);
  if (!session) return fail(session.error());
  if (auto s = session->login(p11::UserType::user, out.user_pin); !s) return fail(station::about_token(s.error(), e.device_serial));

  if (e.stage == EnrolmentStage::initialized) {
    auto existing = session->public_key(*key_id);
    if (!existing) return fail(station::about_token(existing.error(), e.device_serial));
    auto spki = *existing ? Result<Bytes>(**existing) : session->generate_rsa_key_pair(kKeyBits, label, *key_id);
    if (!spki) return fail(station::about_token(spki.error(), e.device_serial));
    if (auto s = station::fail_point("after-key"); !s) return fail(s.error());
    auto now_token = module_.find_token_by_serial(e.device_serial);
    if (!now_token) return fail(station::about_token(now_token.error(), e.device_serial));
    auto tx = store::Transaction::begin(c);
    if (!tx) return fail(tx.error());
    auto r = registry::find_request(c, request_id);
    if (!r) return fail(r.error());
    if (!*r) return fail(registry::request_not_found(request_id));
    auto serial = registry::complete_with_device_key(env_, *ca_, c, **r, *spki, actor_);
    if (!serial) return fail(serial.error());
    const registry::Subscriber& h = **holder;
    const p11::TokenInfo& t = *now_token->token;
    registry::EnrolledDevice d{e.device_serial, t.model,     t.manufacturer, t.label, h.id,
                               h.org_id,        h.org_path, e.so_pin_sealed, *serial};
    if (auto dev = registry::enrol_device(c, env_.clock, d, actor_, request_id); !dev) return fail(dev.error());
    if (auto s = registry::set_enrolment_stage(c, request_id, EnrolmentStage::issued, *serial, env_.clock.now()); !s) {
      return fail(s.error());
    }
    if (auto s = tx->commit(); !s) return fail(s.error());
    e.stage = EnrolmentStage::issued;
    e.certificate_serial = *serial;
    if (auto s = station::fail_point("after-issue"); !s) return fail(s.error());
  }

  auto cert = store::find_certificate(c, e.certificate_serial);
  if (!cert) return fail(cert.error());
  if (!*cert) return fail(station::refused(ErrorCode::integrity, "Không thấy chứng thư số " + e.certificate_serial,
                                  "Certificate " + e.certificate_serial + " is missing"));
  auto written = session->has_certificate(*key_id);
  if (!written) return fail(station::about_token(written.error(), e.device_serial));
  if (!*written) {
    if (auto s = session->write_certificate((*cert)->der, label, *key_id); !s) {
      return fail(station::about_token(s.error(), e.device_serial));
    }
  }
  if (auto s = registry::set_enrolment_stage(c, request_id, EnrolmentStage::written, e.certificate_serial,
                                             env_.clock.now());
      !s) {
    return fail(s.error());
  }
  out.certificate_serial = e.certificate_serial;
  return out;
}

Result<registry::TokenEnrolment> TokenStation::start_enrolment(store::Connection& c, std::int64_t request_id,
                                                               const crypto::pkcs11::TokenInfo& token) {
  std::string sealed;
  if (token.initialized) {
    // Only a token the CA formatted can be initialized again: C_InitToken needs its SO PIN.
    auto known = registry::find_device(c, token.serial);
    if (!known) return fail(known.error());
    if (!*known || (*known)->so_pin_sealed.empty()) {
      return fail(station::refused(ErrorCode::conflict,
                          "Thiết bị " + token.serial + " đã được khởi tạo ngoài hệ thống (CA không giữ PIN SO của nó); "
                              "hãy dùng thiết bị trắng",
                          "Token " + token.serial + " was initialized elsewhere (the CA does not hold its SO PIN); "
                              "use a blank token"));
    }
    if ((*known)->state != registry::DeviceState::formatted) {
      return fail(station::refused(ErrorCode::conflict,
                          "Thiết bị " + token.serial + " đang " + registry::label_vi((*known)->state) +
                              "; chỉ thiết bị ở trạng thái đã khởi tạo trắng (formatted) mới được cấp cho người khác",
                          "Token " + token.serial + " is " + registry::to_string((*known)->state) +
                              "; only a formatted token can be given to someone"));
    }
    sealed = (*known)->so_pin_sealed;
  } else {
    auto made = registry::sealed::seal(device_key_, bytes_of(station::random_digits(env_.rng, kSoPinDigits)), env_.rng);
    if (!made) return fail(made.error());
    sealed = std::move(*made);
  }
  Bytes key_id(kKeyIdBytes);
  env_.rng.fill(key_id);
  // Committed before C_InitToken: the token never holds an SO PIN the CA has not kept.
  registry::TokenEnrolment row{request_id, token.serial, to_hex(key_id), sealed, EnrolmentStage::initializing, ""};
  if (auto s = registry::insert_enrolment(c, row, env_.clock.now()); !s) return fail(s.error());
  return row;
}

Result<std::string> TokenStation::initialize(std::uint64_t slot, const crypto::pkcs11::TokenInfo& token,
                                             const registry::TokenEnrolment& e, const std::string& so_pin,
                                             const std::string& label) {
  if (e.device_serial.empty()) {
    // A blank token: if an earlier run initialized it already (its serial appears only then, and
    // the slot may have moved), it is the unregistered token with this label that opens with the
    // enrolment's SO PIN.
    auto slots = module_.slots();
    if (!slots) return fail(station::about_token(slots.error(), ""));
    auto lease = env_.db.acquire();
    if (!lease) return fail(lease.error());
    for (const auto& s : *slots) {
      if (!s.token || !s.token->initialized || s.token->label != label) continue;
      auto known = registry::find_device(**lease, s.token->serial);
      if (!known) return fail(known.error());
      if (*known) continue;
      auto probe = station::session_with(module_, s.token->serial);
      if (probe && probe->login(crypto::pkcs11::UserType::security_officer, so_pin)) return s.token->serial;
    }
  }
  auto before = station::initialized_serials(module_);
  if (!before) return fail(before.error());
  // With the same SO PIN, initializing again is harmless: a rerun after a fault lands here.
  if (auto s = module_.init_token(slot, so_pin, label); !s) return fail(station::about_token(s.error(), token.serial));
  if (auto s = station::fail_point("after-init"); !s) return fail(s.error());
  if (!token.serial.empty()) return token.serial;
  return station::new_serial(module_, *before, label);
}

}  // namespace ct::app
