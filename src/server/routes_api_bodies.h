#pragma once
// Typed request bodies of the request, sign-in and account-link routes, decoded strictly from JSON (json_io.h).
// Kept apart from the handlers so the decoder is what the fuzzer exercises (request_json_fuzz.cpp).

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "registry/request_workflow.h"
#include "server/auth.h"

namespace ct::server {

inline constexpr std::size_t kMaxCsrPem = 64 * 1024;

// POST /api/v1/requests: {type, subscriber_id, cert_serial?, ground?, csr_pem?, mailbox?,
// note?, new_name?, new_email?, new_position?, new_phone?, new_org_id?}.
[[nodiscard]] Result<registry::NewRequest> decode_new_request(const nlohmann::json& body);
// PATCH /api/v1/requests/{id}: {csr_pem?, ground?, mailbox?, note?, email?, phone?, position?, name?}.
[[nodiscard]] Result<registry::RequestEdit> decode_request_edit(const nlohmann::json& body);

struct TransitionBody {
  std::string comment;
  std::map<std::string, std::string> field_reasons;  // return only
};
// {comment?} (and {field_reasons?} when `with_reasons`).
[[nodiscard]] Result<TransitionBody> decode_transition(const nlohmann::json& body, bool with_reasons);

// POST /api/v1/session: {login, password, totp?} (the address is the caller's to set).
[[nodiscard]] Result<SignInForm> decode_sign_in(const nlohmann::json& body);

// The bodies of the account-link routes, which anyone may send (routes_api_account_links.cpp).
struct AccountLinkForm {
  std::string token;     // 64 hex digits when genuine; at most 128 characters read
  std::string password;  // complete only
  std::string totp;      // complete only; "" when not given
};
// POST /api/v1/account-link: {token}; with `complete`, …/complete: {token, password, totp?}.
[[nodiscard]] Result<AccountLinkForm> decode_account_link(const nlohmann::json& body, bool complete);
// POST /api/v1/password-reset: {login}.
[[nodiscard]] Result<std::string> decode_password_reset(const nlohmann::json& body);

}  // namespace ct::server
