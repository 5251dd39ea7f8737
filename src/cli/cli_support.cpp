#include "cli/cli_support.h"

#include <iostream>

#include "common/logging.h"
#include "common/time_format.h"
#include "crypto/crl.h"

namespace ct::cli {

int exit_code_for(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input:
    case ErrorCode::not_found:
    case ErrorCode::conflict:
    case ErrorCode::forbidden: return kRefused;
    case ErrorCode::integrity: return kIntegrity;
    case ErrorCode::unavailable:
    case ErrorCode::internal: return kInternal;
  }
  return kInternal;
}

int report(const Error& e) {
  std::cerr << "chungthu: " << e.describe() << "\n";
  return exit_code_for(e.code);
}

Result<std::unique_ptr<app::Context>> open_context(const GlobalOptions& g) {
  auto ctx = app::Context::open(app::resolve_data_dir(g.data_dir));
  if (!ctx) return fail(ctx.error());
  // [log] of the installation; a command other than `serve` logs warnings and errors only unless told.
  auto log = load_log_settings((*ctx)->config(), spdlog::level::warn);
  if (!log) return fail(log.error());
  apply_log_settings(*log);
  return ctx;
}

std::string status_text(const store::CertificateRecord& r, TimePoint now) {
  if (r.status == store::CertStatus::revoked) return "revoked";
  if (r.status == store::CertStatus::hold) return "hold";
  if (r.not_after < now) return "expired";
  return "valid";
}

nlohmann::json to_json(const store::CertificateRecord& r, TimePoint now) {
  nlohmann::json j{{"serial", r.serial},
                   {"subject", r.subject},
                   {"common_name", r.common_name},
                   {"profile", r.profile},
                   {"not_before", timefmt::iso8601_utc(r.not_before)},
                   {"not_after", timefmt::iso8601_utc(r.not_after)},
                   {"status", status_text(r, now)}};
  j["email"] = r.email ? nlohmann::json(*r.email) : nlohmann::json(nullptr);
  if (r.revoked_at) j["revoked_at"] = timefmt::iso8601_utc(*r.revoked_at);
  if (r.revocation_reason) j["revocation_reason"] = crypto::to_string(static_cast<crypto::CrlReason>(*r.revocation_reason));
  if (r.status == store::CertStatus::hold) j["revocation_reason"] = "certificateHold";
  if (r.invalidity_date) j["invalidity_date"] = timefmt::iso8601_utc(*r.invalidity_date);
  return j;
}

nlohmann::json to_json(const store::CaRecord& r) {
  return nlohmann::json{{"name", r.name},
                        {"display_name", r.display_name},
                        {"kind", r.kind},
                        {"serial", r.serial},
                        {"not_before", timefmt::iso8601_utc(r.not_before)},
                        {"not_after", timefmt::iso8601_utc(r.not_after)}};
}

}  // namespace ct::cli
