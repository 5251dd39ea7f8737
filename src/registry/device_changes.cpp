#include "registry/device_changes.h"

#include <utility>

#include "pki/revocation.h"
#include "registry/access_policy.h"
#include "registry/subscriber.h"
#include "registry/text_fields.h"
#include "store/certificate_repository.h"

namespace ct::registry {
namespace {

constexpr std::size_t kNoteChars = 500;

// What a holder, a unit or the office may report; everything else in the table is the CA's.
bool is_report(DeviceState from, DeviceState to) noexcept {
  switch (to) {
    case DeviceState::locked:
    case DeviceState::temporarily_lost:
    case DeviceState::permanently_lost:
    case DeviceState::damaged: return true;
    case DeviceState::active: return from == DeviceState::temporarily_lost;
    default: return false;
  }
}

// Does the effect apply to a certificate in state `st` that is still within its validity?
bool affects(CertificateEffect effect, store::CertStatus st) noexcept {
  switch (effect) {
    case CertificateEffect::hold: return st == store::CertStatus::valid;
    case CertificateEffect::release: return st == store::CertStatus::hold;
    case CertificateEffect::revoke: return st == store::CertStatus::valid || st == store::CertStatus::hold;
    case CertificateEffect::none: return false;
  }
  return false;
}

Error already(const Device& d) {
  return Error::make(ErrorCode::conflict, "Thiết bị " + d.serial + " đã ở trạng thái " + label_vi(d.state),
                     "Device " + d.serial + " is " + to_string(d.state) + " already", "state");
}

const char* action_of(const DeviceTransition& t) noexcept {
  if (t.from == DeviceState::temporarily_lost && t.to == DeviceState::active) return "found";
  return to_string(t.to);
}

}  // namespace

Result<std::optional<DeviceChangeOutcome>> apply_device_transition(store::Connection& c, const Clock& clock,
                                                                   const DeviceTransitions& table, Device d,
                                                                   DeviceState to, const std::string& actor,
                                                                   std::optional<std::int64_t> request_id,
                                                                   const std::string& note) {
  const DeviceTransition* t = table.find(d.state, to);
  if (t == nullptr) return std::optional<DeviceChangeOutcome>();
  DeviceChangeOutcome out;
  out.effect = t->effect;
  if (t->effect != CertificateEffect::none) {
    auto serials = certificates_on_device(c, d.id);
    if (!serials) return fail(serials.error());
    for (const auto& serial : *serials) {
      auto cert = store::find_certificate(c, serial);
      if (!cert) return fail(cert.error());
      if (!*cert || !affects(t->effect, (*cert)->status) || (*cert)->not_after <= clock.now()) continue;
      pki::RevocationRequest rr{serial, t->reason, std::nullopt, actor, d.org_id};
      if (auto done = pki::revoke_in(c, clock, rr); !done) return fail(done.error());
      out.certificates.push_back(serial);
    }
  }
  std::string full_note = note;
  if (!out.certificates.empty()) {
    const std::string what = t->effect == CertificateEffect::hold      ? "tạm dừng / held"
                             : t->effect == CertificateEffect::release ? "tiếp tục / released"
                                                                       : std::string("thu hồi / revoked (") +
                                                                             crypto::to_string(t->reason) + ")";
    full_note += (full_note.empty() ? "" : "; ") + what + ": ";
    for (std::size_t i = 0; i < out.certificates.size(); ++i) full_note += (i ? ", " : "") + out.certificates[i];
  }
  if (auto s = record_device_change(c, clock, d, to, actor, request_id, action_of(*t), full_note); !s) {
    return fail(s.error());
  }
  out.device = std::move(d);
  return std::optional<DeviceChangeOutcome>(std::move(out));
}

std::vector<DeviceTransition> changes_for(const Actor& actor, const Device& d, const DeviceTransitions& table) {
  std::vector<DeviceTransition> out;
  for (const auto& t : table.entries()) {
    if (t.from != d.state) continue;
    const Action needed = is_report(t.from, t.to) ? Action::device_report : Action::device_manage;
    if (allowed(actor, needed, d.org_path, d.subscriber_id)) out.push_back(t);
  }
  return out;
}

Result<Device> record_device(RegistryEnv& env, const Actor& actor, const RecordedDevice& in) {
  if (in.kind != "SIM" && in.kind != "SOFT" && in.kind != "RSSP" && in.kind != "HSM") {
    return fail(Error::make(ErrorCode::invalid_input,
                            "Loại thiết bị phải là SIM, SOFT, RSSP hoặc HSM (TOKEN do trạm thiết bị khởi tạo)",
                            "The kind must be SIM, SOFT, RSSP or HSM (tokens are enrolled by the token station)",
                            "kind"));
  }
  auto serial = clean_text(in.serial, "serial", 64, true);
  if (!serial) return fail(serial.error());
  auto model = clean_text(in.model, "model", 100, false);
  if (!model) return fail(model.error());
  auto maker = clean_text(in.manufacturer, "manufacturer", 100, false);
  if (!maker) return fail(maker.error());
  if (!allowed_somewhere(actor, Action::device_manage)) {
    return fail(deny(env.db, env.clock, actor, Action::device_manage, "device", *serial));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto holder = find_subscriber(c, in.subscriber_id);
  if (!holder) return fail(holder.error());
  if (!*holder) {
    return fail(Error::make(ErrorCode::not_found, "Không có thuê bao số " + std::to_string(in.subscriber_id),
                            "No subscriber " + std::to_string(in.subscriber_id), "subscriber_id"));
  }
  if (!in.certificate_serial.empty()) {
    auto cert = store::find_certificate(c, in.certificate_serial);
    if (!cert) return fail(cert.error());
    if (!*cert || (*cert)->subscriber_id != in.subscriber_id) {
      return fail(Error::make(ErrorCode::invalid_input,
                              "Thuê bao không có chứng thư số " + in.certificate_serial,
                              "The subscriber holds no certificate " + in.certificate_serial, "certificate_serial"));
    }
  }
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto existing = find_device(c, *serial);
  if (!existing) return fail(existing.error());
  if (*existing) {
    return fail(Error::make(ErrorCode::conflict, "Thiết bị " + *serial + " đã có trong sổ đăng ký",
                            "Device " + *serial + " is registered already", "serial"));
  }
  EnrolledDevice d{*serial, *model, *maker, (*holder)->data.full_name, (*holder)->id, (*holder)->org_id,
                   (*holder)->org_path, "", in.certificate_serial};
  auto made = enrol_device(c, env.clock, d, actor.login, std::nullopt, in.kind, "register", "ghi nhận / recorded");
  if (!made) return fail(made.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return made;
}

Result<DeviceChangeOutcome> change_device_state(RegistryEnv& env, const Actor& actor, const DeviceChange& change) {
  auto note = clean_text(change.note, "note", kNoteChars, false);
  if (!note) return fail(note.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  const Error missing = Error::make(ErrorCode::not_found, "Không có thiết bị số sê-ri " + change.serial,
                                    "No device with serial " + change.serial, "serial");
  // Who may: decided before the write transaction (a refusal is audited on its own connection).
  auto seen = find_device(c, change.serial);
  if (!seen) return fail(seen.error());
  if (!*seen) return fail(missing);
  if (!allowed(actor, Action::subscriber_read, (*seen)->org_path, (*seen)->subscriber_id)) {
    return fail(conceal(env.db, env.clock, actor, Action::subscriber_read, "device", change.serial, (*seen)->org_id,
                        missing));
  }
  // A change the table refuses is refused as such, whoever asks (a stale page's second click);
  // an allowed one needs the role for it.
  const auto& table = env.settings.device_transitions;
  if ((*seen)->state == change.to) return fail(already(**seen));
  if (table.find((*seen)->state, change.to) == nullptr) {
    return fail(table.refusal(change.serial, (*seen)->state, change.to));
  }
  const Action needed = is_report((*seen)->state, change.to) ? Action::device_report : Action::device_manage;
  if (!allowed(actor, needed, (*seen)->org_path, (*seen)->subscriber_id)) {
    return fail(deny(env.db, env.clock, actor, needed, "device", change.serial, (*seen)->org_id));
  }
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto found = find_device(c, change.serial);
  if (!found) return fail(found.error());
  if (!*found) return fail(missing);
  Device d = std::move(**found);
  if (d.state != (*seen)->state || d.subscriber_id != (*seen)->subscriber_id) {
    return fail(Error::make(ErrorCode::conflict, "Thiết bị " + d.serial + " vừa được thay đổi; hãy xem lại và thử lại",
                            "Device " + d.serial + " has just been changed; look again and retry", "state"));
  }
  const DeviceState from = d.state;
  auto out = apply_device_transition(c, env.clock, env.settings.device_transitions, std::move(d), change.to,
                                     actor.login, std::nullopt, *note);
  if (!out) return fail(out.error());
  if (!*out) return fail(env.settings.device_transitions.refusal(change.serial, from, change.to));
  if (auto s = tx->commit(); !s) return fail(s.error());
  return std::move(**out);
}

}  // namespace ct::registry
