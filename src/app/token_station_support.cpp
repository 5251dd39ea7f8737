#include "app/token_station_support.h"
#include "app/token_station.h"

#include <array>
#include <cstdlib>

namespace ct::app::station {

namespace p11 = crypto::pkcs11;

Error refused(ErrorCode code, const std::string& vi, const std::string& en, const std::string& context) {
  return Error::make(code, vi, en, context);
}

std::string random_digits(Rng& rng, std::size_t n) {
  std::string out;
  std::array<std::uint8_t, 32> pool{};
  while (out.size() < n) {
    rng.fill(pool);
    for (const std::uint8_t b : pool) {
      if (b < 250 && out.size() < n) out.push_back(static_cast<char>('0' + b % 10));
    }
  }
  pool.fill(0);
  return out;
}

std::string token_label(std::string_view name) {
  std::size_t n = std::min<std::size_t>(name.size(), 32);
  // Back off from a continuation byte (10xxxxxx) to the start of its character.
  while (n > 0 && n < name.size() && (static_cast<unsigned char>(name[n]) & 0xC0U) == 0x80U) --n;
  return std::string(name.substr(0, n));
}

Result<p11::TokenInfo> token_in(const p11::Module& module, std::uint64_t slot) {
  auto slots = module.slots();
  if (!slots) return fail(slots.error());
  for (const auto& s : *slots) {
    if (s.slot_id != slot) continue;
    if (!s.token_present) {
      return fail(ErrorCode::invalid_input, "Khe " + std::to_string(slot) + " không có thiết bị (token)",
                  "Slot " + std::to_string(slot) + " has no token", "slot");
    }
    if (!s.token) {
      return fail(s.token_error ? s.token_error->within("slot " + std::to_string(slot))
                                : Error::make(ErrorCode::unavailable, "Không đọc được thiết bị",
                                              "Cannot read the token", "slot " + std::to_string(slot)));
    }
    return *s.token;
  }
  return fail(ErrorCode::not_found, "Không có khe " + std::to_string(slot) + " (xem `chungthu token list`)",
              "No slot " + std::to_string(slot) + " (see `chungthu token list`)", "slot");
}

Result<std::set<std::string>> initialized_serials(const p11::Module& module) {
  auto slots = module.slots();
  if (!slots) return fail(slots.error());
  std::set<std::string> out;
  for (const auto& s : *slots) {
    if (s.token && s.token->initialized && !s.token->serial.empty()) out.insert(s.token->serial);
  }
  return out;
}

Result<std::string> new_serial(const p11::Module& module, const std::set<std::string>& before,
                               const std::string& label) {
  auto slots = module.slots();
  if (!slots) return fail(slots.error());
  std::string found;
  for (const auto& s : *slots) {
    if (!s.token || !s.token->initialized || s.token->label != label || before.contains(s.token->serial)) continue;
    if (!found.empty()) {
      return fail(ErrorCode::conflict, "Hai thiết bị vừa khởi tạo cùng nhãn " + label,
                  "Two tokens were just initialized with the label " + label, "slot");
    }
    found = s.token->serial;
  }
  if (found.empty()) {
    return fail(ErrorCode::unavailable, "Không thấy lại thiết bị vừa khởi tạo (đã bị rút ra?)",
                "The token just initialized is gone (pulled out?)", "slot");
  }
  return found;
}

Result<p11::Session> session_with(const p11::Module& module, const std::string& serial) {
  auto slot = module.find_token_by_serial(serial);
  if (!slot) {
    if (slot.error().code == ErrorCode::not_found) {
      return fail(ErrorCode::unavailable, "Thiết bị " + serial + " không còn trong đầu đọc (đã bị rút ra?)",
                  "Token " + serial + " is no longer in the reader (pulled out?)", "slot");
    }
    return fail(slot.error());
  }
  auto session = module.open_session(slot->slot_id);
  if (!session) return fail(about_token(session.error(), serial));
  return session;
}

Status set_user_pin(const p11::Module& module, const std::string& serial, std::string_view so_pin,
                    std::string_view user_pin) {
  auto session = session_with(module, serial);
  if (!session) return fail(session.error());
  if (auto s = session->login(p11::UserType::security_officer, so_pin); !s) {
    if (p11::is(s.error(), p11::ReturnValue::pin_incorrect)) {
      return fail(ErrorCode::invalid_input,
                  "PIN quản trị (SO) lưu trữ không mở được thiết bị " + serial + " (thiết bị khác, hoặc SO PIN đã bị đổi)",
                  "The stored SO PIN does not open token " + serial + " (another token, or its SO PIN was changed)",
                  s.error().context);
    }
    return fail(about_token(s.error(), serial));
  }
  if (auto s = session->init_pin(user_pin); !s) return fail(about_token(s.error(), serial));
  if (auto s = session->logout(); !s) return fail(about_token(s.error(), serial));
  return {};
}

Status fail_point(std::string_view point) {
  const char* at = std::getenv("CHUNGTHU_TEST_FAIL_AT");
  if (at == nullptr || point != at) return {};
  return fail(ErrorCode::unavailable, "Dừng thử nghiệm tại " + std::string(point),
              "Test fail point reached: " + std::string(point), "CHUNGTHU_TEST_FAIL_AT");
}

Error about_token(const Error& e, const std::string& serial) {
  if (p11::is(e, p11::ReturnValue::device_removed) || p11::is(e, p11::ReturnValue::token_not_present) ||
      p11::is(e, p11::ReturnValue::session_handle_invalid)) {
    return Error::make(ErrorCode::unavailable,
                       "Thiết bị " + serial + " đã bị rút ra giữa chừng; cắm lại và chạy lại lệnh",
                       "Token " + serial + " was pulled out; put it back and run the command again", e.context);
  }
  return e.within("token " + serial);
}

}  // namespace ct::app::station

namespace ct::app {

Result<std::string> pkcs11_module_path(const Config& cfg) {
  return cfg.string("devices.pkcs11_module", "/usr/lib/softhsm/libsofthsm2.so");
}

nlohmann::json slot_json(const crypto::pkcs11::SlotInfo& s) {
  namespace p11 = crypto::pkcs11;
  nlohmann::json j{{"slot_id", s.slot_id}, {"description", s.description}, {"token_present", s.token_present}};
  const auto& t = s.token;
  const auto text = [&t](const std::string p11::TokenInfo::*field) {
    return t ? nlohmann::json((*t).*field) : nlohmann::json(nullptr);
  };
  const auto flag = [&t](bool p11::TokenInfo::*field) {
    return t ? nlohmann::json((*t).*field) : nlohmann::json(nullptr);
  };
  j["serial"] = text(&p11::TokenInfo::serial);
  j["label"] = text(&p11::TokenInfo::label);
  j["manufacturer"] = text(&p11::TokenInfo::manufacturer);
  j["model"] = text(&p11::TokenInfo::model);
  j["initialized"] = flag(&p11::TokenInfo::initialized);
  j["user_pin_initialized"] = flag(&p11::TokenInfo::user_pin_initialized);
  j["user_pin_locked"] = flag(&p11::TokenInfo::user_pin_locked);
  j["user_pin_count_low"] = flag(&p11::TokenInfo::user_pin_count_low);
  j["so_pin_locked"] = flag(&p11::TokenInfo::so_pin_locked);
  j["error"] = s.token_error ? nlohmann::json(s.token_error->describe()) : nlohmann::json(nullptr);
  return j;
}

}  // namespace ct::app
