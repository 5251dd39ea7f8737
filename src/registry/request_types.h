#pragma once
// Request types (SPEC §3) and states (SPEC §4).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "crypto/crl.h"

namespace ct::registry {

enum class RequestType { new_cert, renew, change_info, reissue, recover_device, revoke, mailbox };
[[nodiscard]] const char* to_string(RequestType t) noexcept;  // new, renew, change_info, …
[[nodiscard]] const char* label_vi(RequestType t) noexcept;   // cấp mới, gia hạn, …
[[nodiscard]] const char* label_en(RequestType t) noexcept;   // new certificate, renewal, …
[[nodiscard]] Result<RequestType> parse_request_type(std::string_view s);
// The official form (Decree 68/2024/NĐ-CP): "Mẫu 01", …; "" for a mailbox.
[[nodiscard]] std::string form_of(RequestType t, bool organization);
// Types that name an existing certificate of the subscriber.
[[nodiscard]] bool names_certificate(RequestType t) noexcept;

enum class RequestState { draft, submitted, forwarded, approved, completed, returned, rejected, cancelled, failed };
[[nodiscard]] const char* to_string(RequestState s) noexcept;
[[nodiscard]] Result<RequestState> parse_request_state(std::string_view s);
// completed, rejected, cancelled: nothing happens to the request any more.
[[nodiscard]] bool is_final(RequestState s) noexcept;

// Grounds stated on a request and the RFC 5280 reason they map to (SPEC §3):
//   revoke: retirement, resignation, death, dissolution → cessationOfOperation; job_change,
//     branch_change → affiliationChanged; key_exposed, device_lost → keyCompromise;
//     dismissal → privilegeWithdrawn.
//   reissue: lost → keyCompromise; damaged → superseded.
//   change_info: org_change → affiliationChanged; info_change → superseded.
[[nodiscard]] std::optional<crypto::CrlReason> reason_for_ground(RequestType t, std::string_view ground);
[[nodiscard]] std::string grounds_of(RequestType t);  // "retirement, resignation, …" for messages

// The one list of each, for help texts, the API's schema and its documentation.
[[nodiscard]] std::vector<std::string> request_type_codes();   // new, renew, …, mailbox
[[nodiscard]] std::vector<std::string> request_state_codes();  // draft, submitted, …
// "revoke: retirement|resignation|…; reissue: lost|damaged; change_info: org_change|info_change"
[[nodiscard]] std::string grounds_help();
// "renew, change_info, reissue, recover_device, revoke": the types that name a certificate.
[[nodiscard]] std::string types_naming_certificate();


}  // namespace ct::registry
