#include "registry/devices.h"

#include <utility>

#include "audit/audit_log.h"
#include "common/time_format.h"
#include "registry/access_policy.h"
#include "registry/text_fields.h"

namespace ct::registry {
namespace {

// The last column: when the token was handed over to its holder since its last enrolment.
constexpr const char* kColumns =
    "id, kind, serial, model, manufacturer, label, subscriber_id, org_id, org_path, state, so_pin_sealed, "
    "created_at, updated_at, (SELECT MAX(h.at) FROM device_events h WHERE h.device_id = devices.id AND "
    "h.action = 'handover' AND h.id > COALESCE((SELECT MAX(n.id) FROM device_events n WHERE n.device_id = "
    "devices.id AND n.action = 'enrol'), 0))";

Device read_device(const store::Query& q) {
  Device d;
  d.id = q.get_int(0);
  d.kind = q.get_text(1);
  d.serial = q.get_text(2);
  d.model = q.get_text(3);
  d.manufacturer = q.get_text(4);
  d.label = q.get_text(5);
  d.subscriber_id = q.get_opt_int(6);
  d.org_id = q.get_opt_int(7);
  d.org_path = q.get_text(8);
  d.state = parse_device_state(q.get_text(9)).value_or(DeviceState::formatted);
  d.so_pin_sealed = q.get_opt_text(10).value_or("");
  d.created_at = from_unix(q.get_int(11));
  d.updated_at = from_unix(q.get_int(12));
  if (auto at = q.get_opt_int(13)) d.handed_over_at = from_unix(*at);
  return d;
}

Status add_event(store::Connection& c, const Clock& clock, const Device& d, std::optional<DeviceState> from,
                 const std::string& actor, std::optional<std::int64_t> request_id, const std::string& action,
                 const std::string& note) {
  auto q = c.query(
      "INSERT INTO device_events (device_id, at, actor, from_state, to_state, request_id, note, action) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  if (!q) return fail(q.error());
  q->bind(1, d.id).bind(2, to_unix(clock.now())).bind(3, actor);
  if (from) q->bind(4, to_string(*from)); else q->bind_null(4);
  q->bind(5, to_string(d.state)).bind_opt(6, request_id).bind(7, note).bind(8, action);
  if (auto s = q->run(); !s) return fail(s.error());
  nlohmann::json details{{"serial", d.serial},
                         {"from", from ? nlohmann::json(to_string(*from)) : nlohmann::json(nullptr)},
                         {"to", to_string(d.state)},
                         {"note", note}};
  if (request_id) details["request_id"] = *request_id;
  if (d.subscriber_id) details["subscriber_id"] = *d.subscriber_id;
  const audit::AuditEvent ev{actor, "device." + action, "device", d.serial, d.org_id, "ok", details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  return {};
}

Error no_device(const std::string& serial) {
  return Error::make(ErrorCode::not_found, "Không có thiết bị số sê-ri " + serial, "No device with serial " + serial,
                     "device");
}

// The one write of a device row: `d` registered, or the registered row of its serial updated,
// in `state`, with its holder when `held` (else none: stock). The row after, and its state
// before (none when new).
struct Put {
  Device device;
  std::optional<DeviceState> before;
};
Result<Put> put_device(store::Connection& c, std::int64_t now, const EnrolledDevice& d, const std::string& kind,
                       DeviceState state, bool held) {
  auto existing = find_device(c, d.serial);
  if (!existing) return fail(existing.error());
  Put out;
  auto q = *existing ? c.query(
                           "UPDATE devices SET model = $1, manufacturer = $2, label = $3, subscriber_id = $4, "
                           "org_id = $5, org_path = $6, state = $7, so_pin_sealed = $8, updated_at = $9 WHERE id = $10")
                     : c.query(
                           "INSERT INTO devices (model, manufacturer, label, subscriber_id, org_id, org_path, state, "
                           "so_pin_sealed, created_at, updated_at, kind, serial) "
                           "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11)");
  if (!q) return fail(q.error());
  q->bind(1, d.model).bind(2, d.manufacturer).bind(3, d.label);
  if (held) {
    q->bind(4, d.subscriber_id).bind(5, d.org_id).bind(6, d.org_path);
  } else {
    q->bind_null(4).bind_null(5).bind(6, "");
  }
  q->bind(7, to_string(state)).bind(8, d.so_pin_sealed).bind(9, now);
  if (*existing) {
    out.before = (*existing)->state;
    q->bind(10, (*existing)->id);
  } else {
    q->bind(10, kind).bind(11, d.serial);
  }
  if (auto s = q->run(); !s) return fail(s.error());
  auto saved = find_device(c, d.serial);
  if (!saved) return fail(saved.error());
  if (!*saved) return fail(no_device(d.serial));
  out.device = std::move(**saved);
  return out;
}

}  // namespace

nlohmann::json to_json(const Device& d) {
  return nlohmann::json{{"id", d.id},
                        {"kind", d.kind},
                        {"serial", d.serial},
                        {"model", d.model},
                        {"manufacturer", d.manufacturer},
                        {"label", d.label},
                        {"subscriber_id", d.subscriber_id ? nlohmann::json(*d.subscriber_id) : nlohmann::json(nullptr)},
                        {"org_id", d.org_id ? nlohmann::json(*d.org_id) : nlohmann::json(nullptr)},
                        {"state", to_string(d.state)},
                        {"handed_over_at", d.handed_over_at ? nlohmann::json(timefmt::iso8601_utc(*d.handed_over_at))
                                                            : nlohmann::json(nullptr)},
                        {"created_at", timefmt::iso8601_utc(d.created_at)},
                        {"updated_at", timefmt::iso8601_utc(d.updated_at)}};
}

nlohmann::json to_json(const DeviceEvent& e) {
  return nlohmann::json{{"at", timefmt::iso8601_utc(e.at)},
                        {"actor", e.actor},
                        {"from", e.from ? nlohmann::json(to_string(*e.from)) : nlohmann::json(nullptr)},
                        {"to", to_string(e.to)},
                        {"request_id", e.request_id ? nlohmann::json(*e.request_id) : nlohmann::json(nullptr)},
                        {"action", e.action},
                        {"note", e.note}};
}

nlohmann::json to_json(const RequestDeviceEvent& e) {
  nlohmann::json j = to_json(e.event);
  j["device_serial"] = e.device_serial;
  return j;
}

Result<Device> enrol_device(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                            const std::string& actor, std::optional<std::int64_t> request_id, const std::string& kind,
                            const std::string& action, const std::string& note) {
  const std::int64_t now = to_unix(clock.now());
  auto put = put_device(c, now, d, kind, DeviceState::active, true);
  if (!put) return fail(put.error());
  if (!d.certificate_serial.empty()) {
    auto q = c.query(
        "INSERT INTO device_certificates (device_id, certificate_serial, request_id, added_at) VALUES ($1, $2, $3, $4)");
    if (!q) return fail(q.error());
    q->bind(1, put->device.id).bind(2, d.certificate_serial).bind_opt(3, request_id).bind(4, now);
    if (auto s = q->run(); !s) return fail(s.error());
  }
  if (auto s = add_event(c, clock, put->device, put->before, actor, request_id, action, note); !s) {
    return fail(s.error());
  }
  return std::move(put->device);
}

Result<Device> register_formatted(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                                  const std::string& actor, std::int64_t request_id, const std::string& note) {
  auto put = put_device(c, to_unix(clock.now()), d, "TOKEN", DeviceState::formatted, false);
  if (!put) return fail(put.error());
  if (auto s = add_event(c, clock, put->device, put->before, actor, request_id, "format", note); !s) {
    return fail(s.error());
  }
  return std::move(put->device);
}

Result<Device> receive_device(store::Connection& c, const Clock& clock, const EnrolledDevice& d,
                              const std::string& actor) {
  auto existing = find_device(c, d.serial);
  if (!existing) return fail(existing.error());
  if (*existing) {
    return fail(Error::make(ErrorCode::conflict,
                            "Thiết bị " + d.serial + " đã có trong sổ đăng ký (" + label_vi((*existing)->state) + ")",
                            "Token " + d.serial + " is registered already (" + to_string((*existing)->state) + ")",
                            "serial"));
  }
  auto put = put_device(c, to_unix(clock.now()), d, "TOKEN", DeviceState::formatted, false);
  if (!put) return fail(put.error());
  if (auto s = add_event(c, clock, put->device, std::nullopt, actor, std::nullopt, "receive", "nhập kho / received");
      !s) {
    return fail(s.error());
  }
  return std::move(put->device);
}

Result<Device> hand_over_device(RegistryEnv& env, const Actor& actor, const std::string& serial,
                                const std::string& received_by, const std::string& note) {
  auto who = clean_text(received_by, "received_by", 200, true);
  if (!who) return fail(who.error());
  auto why = clean_text(note, "note", 500, false);
  if (!why) return fail(why.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  auto seen = find_device(c, serial);
  if (!seen) return fail(seen.error());
  if (!*seen) return fail(no_device(serial));
  if (!allowed(actor, Action::subscriber_read, (*seen)->org_path, (*seen)->subscriber_id)) {
    return fail(conceal(env.db, env.clock, actor, Action::subscriber_read, "device", serial, (*seen)->org_id,
                        no_device(serial)));
  }
  if (!allowed(actor, Action::device_handover, (*seen)->org_path, (*seen)->subscriber_id)) {
    return fail(deny(env.db, env.clock, actor, Action::device_handover, "device", serial, (*seen)->org_id));
  }
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto d = find_device(c, serial);
  if (!d) return fail(d.error());
  if (!*d) return fail(no_device(serial));
  if ((*d)->state != DeviceState::active || !(*d)->subscriber_id) {
    return fail(Error::make(ErrorCode::conflict,
                            "Thiết bị " + serial + " đang " + label_vi((*d)->state) +
                                ": chỉ bàn giao thiết bị đang sử dụng, đã cấp cho người dùng",
                            "Token " + serial + " is " + to_string((*d)->state) +
                                ": only an active token with a holder is handed over",
                            "serial"));
  }
  if ((*d)->handed_over_at) {
    // One handover per enrolment: a second would record a custody that did not happen.
    return fail(Error::make(ErrorCode::conflict,
                            "Thiết bị " + serial + " đã được bàn giao ngày " + timefmt::vn_date(*(*d)->handed_over_at) +
                                " (sau lần khởi tạo gần nhất)",
                            "Token " + serial + " was already handed over on " + timefmt::vn_date(*(*d)->handed_over_at) +
                                " (since its last enrolment)",
                            "serial"));
  }
  const std::string text = "bàn giao cho / handed over to " + *who + (why->empty() ? "" : ": " + *why);
  if (auto s = add_event(c, env.clock, **d, (*d)->state, actor.login, std::nullopt, "handover", text); !s) {
    return fail(s.error());
  }
  auto after = find_device(c, serial);
  if (!after) return fail(after.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return std::move(**after);
}

Result<std::vector<std::string>> certificates_on_device(store::Connection& c, std::int64_t device_id) {
  auto q = c.query(
      "SELECT certificate_serial FROM device_certificates WHERE device_id = $1 ORDER BY added_at, certificate_serial");
  if (!q) return fail(q.error());
  q->bind(1, device_id);
  return store::read_all<std::string>(*q, [](const store::Query& r) { return r.get_text(0); });
}

Result<std::optional<Device>> device_of_certificate(store::Connection& c, const std::string& certificate_serial) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM devices WHERE id = (SELECT MAX(device_id) FROM device_certificates "
                   "WHERE certificate_serial = $1)");
  if (!q) return fail(q.error());
  q->bind(1, certificate_serial);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Device>();
  return std::optional<Device>(read_device(*q));
}

Status record_device_change(store::Connection& c, const Clock& clock, Device& d, DeviceState to,
                            const std::string& actor, std::optional<std::int64_t> request_id,
                            const std::string& action, const std::string& note) {
  const DeviceState from = d.state;
  auto q = c.query("UPDATE devices SET state = $1, updated_at = $2 WHERE id = $3");
  if (!q) return fail(q.error());
  q->bind(1, to_string(to)).bind(2, to_unix(clock.now())).bind(3, d.id);
  if (auto s = q->run(); !s) return fail(s.error());
  d.state = to;
  d.updated_at = clock.now();
  return add_event(c, clock, d, from, actor, request_id, action, note);
}

Result<std::optional<Device>> find_device(store::Connection& c, const std::string& serial) {
  auto q = c.query(std::string("SELECT ") + kColumns + " FROM devices WHERE serial = $1");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Device>();
  return std::optional<Device>(read_device(*q));
}

Result<std::vector<Device>> devices_of_subscriber(store::Connection& c, std::int64_t subscriber_id) {
  auto q = c.query(std::string("SELECT ") + kColumns + " FROM devices WHERE subscriber_id = $1 ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, subscriber_id);
  return store::read_all<Device>(*q, read_device);
}

namespace {

DeviceEvent read_event(const store::Query& r, int first) {
  DeviceEvent e;
  e.at = from_unix(r.get_int(first));
  e.actor = r.get_text(first + 1);
  if (auto from = r.get_opt_text(first + 2)) e.from = parse_device_state(*from);
  e.to = parse_device_state(r.get_text(first + 3)).value_or(DeviceState::formatted);
  e.request_id = r.get_opt_int(first + 4);
  e.note = r.get_text(first + 5);
  e.action = r.get_text(first + 6);
  return e;
}

}  // namespace

Result<std::vector<DeviceEvent>> device_events(store::Connection& c, std::int64_t device_id) {
  auto q = c.query(
      "SELECT at, actor, from_state, to_state, request_id, note, action FROM device_events WHERE device_id = $1 "
      "ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, device_id);
  return store::read_all<DeviceEvent>(*q, [](const store::Query& r) { return read_event(r, 0); });
}

Result<std::vector<RequestDeviceEvent>> device_events_of_request(store::Connection& c, std::int64_t request_id) {
  auto q = c.query(
      "SELECT d.serial, e.at, e.actor, e.from_state, e.to_state, e.request_id, e.note, e.action FROM device_events e "
      "JOIN devices d ON d.id = e.device_id WHERE e.request_id = $1 ORDER BY e.id");
  if (!q) return fail(q.error());
  q->bind(1, request_id);
  return store::read_all<RequestDeviceEvent>(*q, [](const store::Query& r) {
    return RequestDeviceEvent{r.get_text(0), read_event(r, 1)};
  });
}

Result<std::vector<Device>> list_devices(RegistryEnv& env, const Actor& actor,
                                         std::optional<std::int64_t> subscriber_id) {
  if (!allowed_somewhere(actor, Action::subscriber_read)) {
    return fail(deny(env.db, env.clock, actor, Action::subscriber_read, "device", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(std::string("SELECT ") + kColumns + " FROM devices WHERE " +
                           actor.scope_sql("org_path", "subscriber_id", 1) +
                           " AND (CAST($3 AS BIGINT) = 0 OR subscriber_id = CAST($3 AS BIGINT)) ORDER BY id");
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  q->bind(3, subscriber_id.value_or(0));
  return store::read_all<Device>(*q, read_device);
}

Result<Device> get_device(RegistryEnv& env, const Actor& actor, const std::string& serial) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto d = find_device(**lease, serial);
  if (!d) return fail(d.error());
  if (!*d) return fail(no_device(serial));
  if (!allowed(actor, Action::subscriber_read, (*d)->org_path, (*d)->subscriber_id)) {
    return fail(conceal(env.db, env.clock, actor, Action::subscriber_read, "device", serial, (*d)->org_id,
                        no_device(serial)));
  }
  return std::move(**d);
}

}  // namespace ct::registry
