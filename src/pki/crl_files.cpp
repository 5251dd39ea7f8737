#include "pki/crl_files.h"

#include "common/files.h"
#include "common/hex.h"
#include "common/text.h"
#include "crypto/keys.h"
#include "store/pki_repository.h"

namespace ct::pki {

std::filesystem::path numbered_crl_file(const std::filesystem::path& dir, const std::string& ca_name,
                                        std::int64_t number) {
  return dir / (ca_name + "-" + std::to_string(number) + ".crl");
}

Result<std::optional<CurrentCrl>> current_crl_file(store::Connection& c, const store::CaRecord& ca,
                                                   const std::filesystem::path& dir) {
  auto latest = store::latest_crl(c, ca.id, false);
  if (!latest) return fail(latest.error());
  if (!*latest) return std::optional<CurrentCrl>();
  CurrentCrl out{std::move(**latest), numbered_crl_file(dir, ca.name, (*latest)->number)};
  std::error_code ec;
  if (std::filesystem::exists(out.file, ec)) return std::optional<CurrentCrl>(std::move(out));

  const std::string which = ca.name + " #" + std::to_string(out.record.number);
  auto der = store::crl_content(c, ca.id, out.record.number);
  if (!der) return fail(der.error());
  if (!*der) {
    // Published before the store kept contents, by another node (the publisher has the file
    // above). The record's own path is never opened: a path from the store could name any file.
    return fail(ErrorCode::unavailable, "Kho dữ liệu không giữ nội dung CRL hiện hành " + which,
                "The store does not hold the contents of the current CRL " + which, "crl");
  }
  const std::string sha = to_hex(crypto::digest(crypto::HashAlg::sha256, **der));
  if (text::ascii_lower(sha) != text::ascii_lower(out.record.sha256)) {
    return fail(ErrorCode::integrity, "Nội dung CRL " + which + " trong kho không khớp SHA-256 đã ghi",
                "The stored contents of CRL " + which + " do not match its recorded SHA-256", "crl");
  }
  std::filesystem::create_directories(dir, ec);
  const std::string_view bytes(reinterpret_cast<const char*>((*der)->data()), (*der)->size());
  if (auto w = write_file(out.file, bytes); !w) {
    return fail(ErrorCode::unavailable, "Không ghi được bản sao CRL trên máy này: " + out.file.string(),
                "Cannot write this node's copy of the CRL: " + out.file.string(), "crl");
  }
  return std::optional<CurrentCrl>(std::move(out));
}

}  // namespace ct::pki
