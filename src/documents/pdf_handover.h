#pragma once
// Mẫu 07 of Decree 68/2024/NĐ-CP: the handover record of a key-storage device (biên bản bàn
// giao thiết bị lưu khóa bí mật), printed by the token station when it enrols a token or resets
// its PIN. It carries the initial user PIN, which exists nowhere else: the caller prints it
// once, for the holder, and never keeps the file.

#include <string>
#include <vector>

#include "common/clock.h"
#include "common/hex.h"
#include "registry/organization.h"

namespace ct::documents {

struct HandoverData {
  std::int64_t request_id = 0;
  std::string purpose;                 // "cấp mới", "cấp lại", "khôi phục thiết bị (đặt lại mã PIN)"
  std::string giver_agency;            // the certification authority handing over
  std::string giver_person;            // the operator at the token station
  std::vector<registry::Organization> receiver_chain;  // the holder's organization, level 1 first
  std::string holder_name;
  std::string holder_cccd;
  std::string holder_position;
  std::string holder_email;
  std::string device_kind = "TOKEN";
  std::string device_serial;
  std::string device_model;            // "SoftHSM v2 (SoftHSM project)"
  std::string certificate_serial;
  TimePoint not_before;
  TimePoint not_after;
  std::string user_pin;                // the initial user PIN; "" prints a blank to fill in by hand
  TimePoint date;
};

[[nodiscard]] Result<Bytes> handover_letter_pdf(const HandoverData& d);

}  // namespace ct::documents
