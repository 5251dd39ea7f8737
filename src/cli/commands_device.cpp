// `chungthu device list|show`: the device register (registry/devices.h), read in the actor's
// scope like subscribers.
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/time_format.h"
#include "registry/devices.h"

namespace ct::cli {
namespace {

void print_device(const registry::Device& d) {
  std::cout << d.serial << "  " << d.kind << "  " << registry::to_string(d.state) << "  "
            << (d.subscriber_id ? "thuê bao / subscriber " + std::to_string(*d.subscriber_id) : std::string("-"))
            << "  " << d.label << " (" << d.manufacturer << ", " << d.model << ")\n";
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
}

}  // namespace ct::cli
