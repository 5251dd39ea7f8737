// `chungthu device list|show|add|set-state|handover|transitions`: the device register (registry/devices.h),
// read in the actor's scope like subscribers; state changes through the configured table
// (registry/device_changes.h).
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/text.h"
#include "common/time_format.h"
#include "registry/device_changes.h"
#include "registry/devices.h"

namespace ct::cli {
namespace {

void print_device(const registry::Device& d) {
  std::cout << d.serial << "  " << d.kind << "  " << registry::to_string(d.state) << "  "
            << (d.subscriber_id ? "thuê bao / subscriber " + std::to_string(*d.subscriber_id) : std::string("-"))
            << "  " << d.label << " (" << d.manufacturer << ", " << d.model << ")"
            << (d.handed_over_at ? "  bàn giao / handed over " + timefmt::vn_date(*d.handed_over_at) : std::string())
            << "\n";
}

void print_change(const registry::DeviceChangeOutcome& out) {
  print_device(out.device);
  const char* what = out.effect == registry::CertificateEffect::hold      ? "tạm dừng / held"
                     : out.effect == registry::CertificateEffect::release ? "tiếp tục / released"
                                                                          : "thu hồi / revoked";
  for (const auto& serial : out.certificates) std::cout << "  " << what << ": " << serial << "\n";
}

void register_state_commands(CLI::App* device, GlobalOptions& g, int& rc) {
  struct StateArgs {
    std::optional<std::string> as;
    std::string serial;
    std::string state;
    std::string note;
    bool json = false;
  };
  auto a = std::make_shared<StateArgs>();
  auto* set = device->add_subcommand(
      "set-state", "Báo mất, tìm thấy, hỏng, khóa; chuyển trạng thái / Report lost, found, damaged; change state");
  set->add_option("SERIAL", a->serial, "Device serial")->required();
  set->add_option("--state", a->state,
                  "locked | temporarily_lost | permanently_lost | damaged | active (found) | formatted | terminated")
      ->required();
  set->add_option("--note", a->note, "Why (shown in the history)");
  set->add_option("--as", a->as, "Acting user (default: the local operator, as the CA operator)");
  set->add_flag("--json", a->json, "JSON output");
  set->callback([&rc, &g, a] {
    rc = with_actor(g, a->as, std::optional(registry::Role::ca_operator), [&](RegistryCall& call) {
      auto to = registry::parse_device_state(a->state);
      if (!to) {
        const std::string names = text::join(registry::device_state_names(), ", ");
        return report(Error::make(ErrorCode::invalid_input, "Trạng thái thiết bị không có: " + a->state + " (có: " + names + ")",
                                  "No device state " + a->state + " (the states: " + names + ")", "--state"));
      }
      auto done = registry::change_device_state(call.env, call.actor, {a->serial, *to, a->note});
      if (!done) return report(done.error());
      if (a->json) {
        nlohmann::json j = registry::to_json(done->device);
        j["certificates"] = done->certificates;
        std::cout << j.dump(2) << "\n";
      } else {
        print_change(*done);
      }
      return int{kOk};
    });
  });

  struct AddArgs {
    std::optional<std::string> as;
    registry::RecordedDevice d;
  };
  auto ad = std::make_shared<AddArgs>();
  auto* add = device->add_subcommand(
      "add", "Ghi nhận thiết bị không phải token (SIM, SOFT, RSSP, HSM) / Record a SIM, SOFT, RSSP or HSM key store");
  add->add_option("--kind", ad->d.kind, "SIM | SOFT | RSSP | HSM")->required();
  add->add_option("--serial", ad->d.serial, "The SIM's ICCID, the service account, the HSM's serial, …")->required();
  add->add_option("--subscriber", ad->d.subscriber_id, "The holder")->required();
  add->add_option("--model", ad->d.model, "Model");
  add->add_option("--manufacturer", ad->d.manufacturer, "Manufacturer, carrier or service provider");
  add->add_option("--cert", ad->d.certificate_serial, "The certificate whose key it holds");
  add->add_option("--as", ad->as, "Acting user (default: the local operator, as the CA operator)");
  add->callback([&rc, &g, ad] {
    rc = with_actor(g, ad->as, std::optional(registry::Role::ca_operator), [&](RegistryCall& call) {
      auto d = registry::record_device(call.env, call.actor, ad->d);
      if (!d) return report(d.error());
      print_device(*d);
      return int{kOk};
    });
  });

  struct HandoverArgs {
    std::optional<std::string> as;
    std::string serial;
    std::string to;
    std::string note;
  };
  auto h = std::make_shared<HandoverArgs>();
  auto* handover = device->add_subcommand(
      "handover", "Ghi nhận đã bàn giao thiết bị cho người dùng / Record that a token was handed to its holder");
  handover->add_option("SERIAL", h->serial, "Device serial")->required();
  handover->add_option("--to", h->to, "Who received it (name, position)")->required();
  handover->add_option("--note", h->note, "Note (e.g. the handover record's number)");
  handover->add_option("--as", h->as, "Acting user (default: the local operator, as the CA operator)");
  handover->callback([&rc, &g, h] {
    rc = with_actor(g, h->as, std::optional(registry::Role::ca_operator), [&](RegistryCall& call) {
      auto d = registry::hand_over_device(call.env, call.actor, h->serial, h->to, h->note);
      if (!d) return report(d.error());
      print_device(*d);
      return int{kOk};
    });
  });

  auto json = std::make_shared<bool>(false);
  auto* table = device->add_subcommand("transitions", "Bảng chuyển trạng thái đang dùng / The configured state machine");
  table->add_flag("--json", *json, "JSON output");
  table->callback([&rc, &g, json] {
    rc = with_actor(g, std::nullopt, true, [&](RegistryCall& call) {
      const auto& entries = call.env.settings.device_transitions.entries();
      if (*json) {
        auto out = nlohmann::json::array();
        for (const auto& t : entries) out.push_back(registry::to_string(t));
        std::cout << out.dump(2) << "\n";
        return int{kOk};
      }
      for (const auto& t : entries) std::cout << registry::to_string(t) << "\n";
      return int{kOk};
    });
  });
}

}  // namespace

void register_device(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* device = app.add_subcommand("device", "Sổ đăng ký thiết bị lưu khóa / The device register");
  device->require_subcommand(1);

  struct ListArgs {
    std::optional<std::string> as;
    std::optional<std::int64_t> subscriber;
    bool json = false;
  };
  auto la = std::make_shared<ListArgs>();
  auto* list = device->add_subcommand("list", "Liệt kê thiết bị trong phạm vi / List devices in scope");
  list->add_option("--as", la->as, "Acting user (default: the local operator)");
  list->add_option("--subscriber", la->subscriber, "Only the devices of this subscriber");
  list->add_flag("--json", la->json, "JSON output");
  list->callback([&rc, &g, la] {
    rc = with_actor(g, la->as, true, [&](RegistryCall& call) {
      auto devices = registry::list_devices(call.env, call.actor, la->subscriber);
      if (!devices) return report(devices.error());
      if (la->json) {
        auto out = nlohmann::json::array();
        for (const auto& d : *devices) out.push_back(registry::to_json(d));
        std::cout << out.dump(2) << "\n";
        return int{kOk};
      }
      if (devices->empty()) std::cout << "không có thiết bị / no devices\n";
      for (const auto& d : *devices) print_device(d);
      return int{kOk};
    });
  });

  struct ShowArgs {
    std::optional<std::string> as;
    std::string serial;
    bool json = false;
  };
  auto sa = std::make_shared<ShowArgs>();
  auto* show = device->add_subcommand("show", "Một thiết bị và lịch sử / One device and its history");
  show->add_option("SERIAL", sa->serial, "Device serial (a token's as pkcs11-tool -L prints it)")->required();
  show->add_option("--as", sa->as, "Acting user (default: the local operator)");
  show->add_flag("--json", sa->json, "JSON output");
  show->callback([&rc, &g, sa] {
    rc = with_actor(g, sa->as, true, [&](RegistryCall& call) {
      auto d = registry::get_device(call.env, call.actor, sa->serial);
      if (!d) return report(d.error());
      auto lease = call.env.db.acquire();
      if (!lease) return report(lease.error());
      auto events = registry::device_events(**lease, d->id);
      if (!events) return report(events.error());
      if (sa->json) {
        nlohmann::json j = registry::to_json(*d);
        j["events"] = nlohmann::json::array();
        for (const auto& e : *events) j["events"].push_back(registry::to_json(e));
        std::cout << j.dump(2) << "\n";
        return int{kOk};
      }
      print_device(*d);
      for (const auto& e : *events) {
        std::cout << "  " << timefmt::iso8601_utc(e.at) << "  " << (e.from ? registry::to_string(*e.from) : "-") << " → "
                  << registry::to_string(e.to) << "  " << e.actor
                  << (e.request_id ? "  #" + std::to_string(*e.request_id) : std::string()) << "  " << e.note << "\n";
      }
      return int{kOk};
    });
  });
  register_state_commands(device, g, rc);
}

}  // namespace ct::cli
