#include "registry/registry_settings.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/text.h"

namespace ct::registry {
namespace {

Error bad(const std::string& key, const std::string& vi, const std::string& en) {
  return Error::make(ErrorCode::invalid_input, "Cấu hình " + key + ": " + vi, "Setting " + key + ": " + en, key);
}

}  // namespace

Result<RegistrySettings> RegistrySettings::load(const Config& cfg) {
  RegistrySettings s;
  auto domains = cfg.strings("validation.email_domains", s.email_domains);
  if (!domains) return fail(domains.error());
  s.email_domains.clear();
  for (const auto& d : *domains) {
    std::string v = text::ascii_lower(text::trim(d));
    if (!v.empty() && v.front() == '@') v.erase(0, 1);
    if (v.empty() || v.find('.') == std::string::npos) {
      return fail(bad("validation.email_domains", "tên miền không hợp lệ: " + d, "invalid domain: " + d));
    }
    s.email_domains.push_back(v);
  }
  auto two = cfg.strings("registry.two_person_types", {"revoke"});
  if (!two) return fail(two.error());
  s.two_person_types = std::set<std::string>(two->begin(), two->end());
  auto holidays = cfg.strings("registry.holidays", {});
  if (!holidays) return fail(holidays.error());
  s.holidays = *holidays;
  struct IntKey {
    const char* key;
    int* target;
    int min, max;
  };
  for (const IntKey& k : {IntKey{"registry.renewal_min_days_left", &s.renewal_min_days_left, 0, 3650},
                          IntKey{"registry.renewal_max_days_left", &s.renewal_max_days_left, 0, 3650},
                          IntKey{"registry.max_renewals", &s.max_renewals, 0, 100},
                          IntKey{"registry.renewal_extension_days", &s.renewal_extension_days, 1, 1095},
                          IntKey{"registry.decision_working_days", &s.decision_working_days, 1, 60},
                          IntKey{"registry.activation_link_hours", &s.activation_link_hours, 1, 720},
                          IntKey{"registry.reset_link_minutes", &s.reset_link_minutes, 5, 1440}}) {
    auto v = cfg.integer(k.key, *k.target);
    if (!v) return fail(v.error());
    if (*v < k.min || *v > k.max) {
      return fail(bad(k.key, "phải trong khoảng " + std::to_string(k.min) + "–" + std::to_string(k.max),
                      "must be within " + std::to_string(k.min) + "–" + std::to_string(k.max)));
    }
    *k.target = static_cast<int>(*v);
  }
  if (s.renewal_min_days_left > s.renewal_max_days_left) {
    return fail(bad("registry.renewal_min_days_left", "không được lớn hơn registry.renewal_max_days_left",
                    "cannot exceed registry.renewal_max_days_left"));
  }
  auto max_bytes = cfg.integer("registry.attachment_max_bytes", s.attachment_max_bytes);
  if (!max_bytes) return fail(max_bytes.error());
  if (*max_bytes < 1024 || *max_bytes > 100LL * 1024 * 1024) {
    return fail(bad("registry.attachment_max_bytes", "phải trong khoảng 1 KiB–100 MiB", "must be within 1 KiB–100 MiB"));
  }
  s.attachment_max_bytes = *max_bytes;
  auto late = cfg.boolean("registry.allow_late", s.allow_late);
  if (!late) return fail(late.error());
  s.allow_late = *late;
  auto emergency = cfg.boolean("registry.emergency_revocation", s.emergency_revocation);
  if (!emergency) return fail(emergency.error());
  s.emergency_revocation = *emergency;
  if (cfg.has("devices.transitions")) {
    auto entries = cfg.strings("devices.transitions", {});
    if (!entries) return fail(entries.error());
    auto table = DeviceTransitions::parse(*entries, "devices.transitions");
    if (!table) return fail(table.error());
    s.device_transitions = std::move(*table);
  }
  return s;
}

}  // namespace ct::registry
