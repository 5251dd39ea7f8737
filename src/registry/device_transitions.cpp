#include "registry/device_transitions.h"

#include <array>
#include <utility>

#include "common/text.h"

namespace ct::registry {
namespace {

struct StateName {
  DeviceState state;
  const char* code;
  const char* vi;
};
constexpr std::array<StateName, 7> kStates{{
    {DeviceState::formatted, "formatted", "đã khởi tạo trắng"},
    {DeviceState::active, "active", "đang sử dụng"},
    {DeviceState::locked, "locked", "bị khóa"},
    {DeviceState::temporarily_lost, "temporarily_lost", "bị mất tạm thời"},
    {DeviceState::permanently_lost, "permanently_lost", "bị mất hẳn"},
    {DeviceState::damaged, "damaged", "bị hỏng"},
    {DeviceState::terminated, "terminated", "đã thu hồi, ngừng dùng"},
}};

// The defaults: a lost key is a compromised key (SPEC §3); a device the CA takes back or that
// no longer works ends its certificates as cessationOfOperation; "found" releases a hold.
constexpr std::array<const char*, 20> kDefaults{
    "formatted -> damaged",
    "formatted -> terminated",
    "active -> locked",
    "active -> temporarily_lost : hold",
    "active -> permanently_lost : revoke keyCompromise",
    "active -> damaged : revoke cessationOfOperation",
    "active -> formatted : revoke cessationOfOperation",
    "active -> terminated : revoke cessationOfOperation",
    "locked -> active",
    "locked -> temporarily_lost : hold",
    "locked -> permanently_lost : revoke keyCompromise",
    "locked -> damaged : revoke cessationOfOperation",
    "locked -> terminated : revoke cessationOfOperation",
    "temporarily_lost -> active : release",
    "temporarily_lost -> permanently_lost : revoke keyCompromise",
    "temporarily_lost -> terminated : revoke keyCompromise",
    "permanently_lost -> terminated",
    "damaged -> formatted",
    "damaged -> terminated",
    "terminated -> formatted",
};

Error bad_entry(const std::string& key, std::size_t index, const std::string& entry, const std::string& vi,
                const std::string& en) {
  const std::string at = key + "[" + std::to_string(index + 1) + "] \"" + entry + "\"";
  return Error::make(ErrorCode::invalid_input, "Cấu hình " + at + ": " + vi, "Setting " + at + ": " + en, key);
}

std::string joined_states(const std::vector<DeviceState>& states, bool vietnamese) {
  std::string out;
  for (const auto s : states) {
    if (!out.empty()) out += ", ";
    out += vietnamese ? std::string(label_vi(s)) + " (" + to_string(s) + ")" : std::string(to_string(s));
  }
  return out;
}

}  // namespace

const char* to_string(DeviceState s) noexcept {
  for (const auto& n : kStates) {
    if (n.state == s) return n.code;
  }
  return "formatted";
}

const char* label_vi(DeviceState s) noexcept {
  for (const auto& n : kStates) {
    if (n.state == s) return n.vi;
  }
  return "";
}

std::optional<DeviceState> parse_device_state(std::string_view s) noexcept {
  for (const auto& n : kStates) {
    if (s == n.code) return n.state;
  }
  return std::nullopt;
}

std::vector<std::string> device_state_names() {
  std::vector<std::string> out;
  out.reserve(kStates.size());
  for (const auto& n : kStates) out.emplace_back(n.code);
  return out;
}

std::string to_string(const DeviceTransition& t) {
  std::string out = std::string(to_string(t.from)) + " -> " + to_string(t.to);
  switch (t.effect) {
    case CertificateEffect::none: break;
    case CertificateEffect::hold: out += " : hold"; break;
    case CertificateEffect::release: out += " : release"; break;
    case CertificateEffect::revoke: out += std::string(" : revoke ") + crypto::to_string(t.reason); break;
  }
  return out;
}

DeviceTransitions DeviceTransitions::defaults() {
  std::vector<std::string> entries(kDefaults.begin(), kDefaults.end());
  auto table = parse(entries, "devices.transitions");
  return table ? std::move(*table) : DeviceTransitions{};  // the defaults parse (device_transitions_test)
}

Result<DeviceTransitions> DeviceTransitions::parse(const std::vector<std::string>& entries, const std::string& key) {
  DeviceTransitions table;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string& entry = entries[i];
    const auto arrow = entry.find("->");
    if (arrow == std::string::npos) {
      return fail(bad_entry(key, i, entry, "cần dạng \"từ -> đến [: hold | release | revoke LÝ_DO]\"",
                            "expected \"FROM -> TO [: hold | release | revoke REASON]\""));
    }
    const auto colon = entry.find(':', arrow);
    const std::string from_text = text::trim(entry.substr(0, arrow));
    const std::string to_text =
        text::trim(entry.substr(arrow + 2, colon == std::string::npos ? std::string::npos : colon - arrow - 2));
    const std::string effect_text = colon == std::string::npos ? "" : text::trim(entry.substr(colon + 1));
    DeviceTransition t;
    for (const auto& [text_of, target] : {std::pair{&from_text, &t.from}, std::pair{&to_text, &t.to}}) {
      auto state = parse_device_state(*text_of);
      if (!state) {
        return fail(bad_entry(key, i, entry, "trạng thái không có: \"" + *text_of + "\"; các trạng thái: " +
                                                 text::join(device_state_names(), ", "),
                              "no state \"" + *text_of + "\"; the states are " + text::join(device_state_names(), ", ")));
      }
      *target = *state;
    }
    if (t.from == t.to) {
      return fail(bad_entry(key, i, entry, "trạng thái đầu và cuối trùng nhau", "the two states are the same"));
    }
    if (effect_text.empty() || effect_text == "none") {
      t.effect = CertificateEffect::none;
    } else if (effect_text == "hold") {
      t.effect = CertificateEffect::hold;
      t.reason = crypto::CrlReason::certificate_hold;
    } else if (effect_text == "release") {
      t.effect = CertificateEffect::release;
      t.reason = crypto::CrlReason::remove_from_crl;
    } else if (effect_text.rfind("revoke", 0) == 0) {
      auto reason = crypto::parse_crl_reason(text::trim(effect_text.substr(6)));
      if (!reason || *reason == crypto::CrlReason::certificate_hold || *reason == crypto::CrlReason::remove_from_crl) {
        return fail(bad_entry(key, i, entry,
                              "lý do thu hồi phải là tên theo RFC 5280 (keyCompromise, cessationOfOperation, "
                              "superseded, affiliationChanged, …)",
                              "the revocation reason must be an RFC 5280 name (keyCompromise, "
                              "cessationOfOperation, superseded, affiliationChanged, …)"));
      }
      t.effect = CertificateEffect::revoke;
      t.reason = *reason;
    } else {
      return fail(bad_entry(key, i, entry, "tác động phải là hold, release hoặc revoke LÝ_DO",
                            "the effect must be hold, release or revoke REASON"));
    }
    if (table.find(t.from, t.to) != nullptr) {
      return fail(bad_entry(key, i, entry, "chuyển trạng thái này đã có ở mục trước", "this change is listed twice"));
    }
    table.entries_.push_back(t);
  }
  return table;
}

const DeviceTransition* DeviceTransitions::find(DeviceState from, DeviceState to) const noexcept {
  for (const auto& t : entries_) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

std::vector<DeviceState> DeviceTransitions::allowed_from(DeviceState from) const {
  std::vector<DeviceState> out;
  for (const auto& t : entries_) {
    if (t.from == from) out.push_back(t.to);
  }
  return out;
}

Error DeviceTransitions::refusal(const std::string& serial, DeviceState from, DeviceState to) const {
  const auto allowed = allowed_from(from);
  const std::string head_vi = "Thiết bị " + serial + " đang " + label_vi(from) + " (" + to_string(from) +
                              "), không thể chuyển sang " + label_vi(to) + " (" + to_string(to) + ")";
  const std::string head_en = "Device " + serial + " is " + to_string(from) + " and cannot become " + to_string(to);
  if (allowed.empty()) {
    return Error::make(ErrorCode::conflict, head_vi + ": không được chuyển sang trạng thái nào khác",
                       head_en + ": no change is allowed from " + to_string(from), "state");
  }
  return Error::make(ErrorCode::conflict, head_vi + "; chỉ được chuyển sang: " + joined_states(allowed, true),
                     head_en + "; it can only become " + joined_states(allowed, false), "state");
}

}  // namespace ct::registry
