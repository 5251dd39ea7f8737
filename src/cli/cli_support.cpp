#include "cli/cli_support.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

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

Result<Bytes> read_file(const std::filesystem::path& path, std::size_t limit) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(ErrorCode::invalid_input, "Không tìm thấy tệp: " + path.string(), "File not found: " + path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > limit) {
    return fail(ErrorCode::invalid_input,
                "Tệp quá lớn (tối đa " + std::to_string(limit) + " byte): " + path.string(),
                "File too large (at most " + std::to_string(limit) + " bytes): " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return fail(ErrorCode::invalid_input, "Không đọc được tệp: " + path.string(), "Cannot read file: " + path.string());
  }
  return data;
}

Status write_file(const std::filesystem::path& path, std::string_view content, bool owner_only) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    // A device or pipe (/dev/stdout, /dev/null, a FIFO): written in place, never replaced.
    if (std::filesystem::is_directory(st)) {
      return fail(ErrorCode::invalid_input, "Đường dẫn là thư mục: " + path.string(), "The path is a directory: " + path.string());
    }
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      return fail(ErrorCode::invalid_input, "Không ghi được tệp: " + path.string(), "Cannot write file: " + path.string());
    }
    return {};
  }
  // A regular file is replaced atomically: written beside it, then renamed over it.
  const std::filesystem::path tmp = path.string() + ".tmp";
  if (owner_only) {
    // Created 0600, never readable by others even for a moment.
    std::filesystem::remove(tmp, ec);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
      return fail(ErrorCode::invalid_input, "Không ghi được tệp: " + path.string(), "Cannot write file: " + path.string());
    }
    ::close(fd);
  }
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      return fail(ErrorCode::invalid_input, "Không ghi được tệp: " + path.string(), "Cannot write file: " + path.string());
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return fail(ErrorCode::invalid_input, "Không ghi được tệp: " + path.string(), "Cannot write file: " + path.string());
  return {};
}

Result<std::unique_ptr<app::Context>> open_context(const GlobalOptions& g) {
  return app::Context::open(app::resolve_data_dir(g.data_dir));
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
