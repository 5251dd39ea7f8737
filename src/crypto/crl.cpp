#include "crypto/crl.h"

#include <array>
#include <string>

#include "crypto/crl_internal.h"
#include "crypto/keys.h"
#include "crypto/ossl_error.h"

namespace ct::crypto {

namespace {

constexpr std::array kAllReasons{
    CrlReason::unspecified,         CrlReason::key_compromise,   CrlReason::ca_compromise,
    CrlReason::affiliation_changed, CrlReason::superseded,       CrlReason::cessation_of_operation,
    CrlReason::certificate_hold,    CrlReason::remove_from_crl,  CrlReason::privilege_withdrawn,
    CrlReason::aa_compromise,
};

[[nodiscard]] bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

const char* to_string(CrlReason r) noexcept {
  switch (r) {
    case CrlReason::unspecified: return "unspecified";
    case CrlReason::key_compromise: return "keyCompromise";
    case CrlReason::ca_compromise: return "cACompromise";
    case CrlReason::affiliation_changed: return "affiliationChanged";
    case CrlReason::superseded: return "superseded";
    case CrlReason::cessation_of_operation: return "cessationOfOperation";
    case CrlReason::certificate_hold: return "certificateHold";
    case CrlReason::remove_from_crl: return "removeFromCRL";
    case CrlReason::privilege_withdrawn: return "privilegeWithdrawn";
    case CrlReason::aa_compromise: return "aACompromise";
  }
  return "?";
}

Result<CrlReason> parse_crl_reason(std::string_view s) {
  std::string valid;
  for (const CrlReason r : kAllReasons) {
    if (iequals_ascii(s, to_string(r))) return r;
    if (!valid.empty()) valid += ", ";
    valid += to_string(r);
  }
  return fail(ErrorCode::invalid_input,
              "Lý do thu hồi không hợp lệ: \"" + std::string(s) + "\" (hợp lệ: " + valid + ")",
              "Invalid revocation reason: \"" + std::string(s) + "\" (valid: " + valid + ")", "reason");
}

namespace crl_detail {

bool is_valid_reason(std::uint64_t code) noexcept { return code <= 10 && code != 7; }

Result<IssuerInfo> load_issuer(std::span<const std::uint8_t> der) {
  const unsigned char* p = der.data();
  ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) {
    return fail(openssl_error(ErrorCode::invalid_input, "Chứng thư số của bên phát hành không hợp lệ",
                              "Invalid issuer certificate"));
  }
  IssuerInfo info;
  unsigned char* name = nullptr;
  const int name_len = i2d_X509_NAME(X509_get_subject_name(cert.get()), &name);
  if (name_len <= 0) {
    return fail(openssl_error(ErrorCode::internal, "Không mã hóa được tên của bên phát hành",
                              "Cannot encode the issuer name"));
  }
  const ossl::OsslBytes name_owner(name);
  info.name_der.assign(name, name + name_len);

  if (const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(cert.get()); ski != nullptr) {
    const unsigned char* d = ASN1_STRING_get0_data(ski);
    info.key_id.assign(d, d + ASN1_STRING_length(ski));
  } else {
    unsigned char* spki = nullptr;
    const int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &spki);
    if (spki_len <= 0) {
      return fail(openssl_error(ErrorCode::invalid_input, "Khóa công khai của bên phát hành không hợp lệ",
                                "Invalid issuer public key"));
    }
    const ossl::OsslBytes spki_owner(spki);
    auto kid = key_identifier(std::span<const std::uint8_t>(spki, static_cast<std::size_t>(spki_len)));
    if (!kid) return fail(kid.error());
    info.key_id = std::move(*kid);
  }
  if (info.key_id.empty()) {
    return fail(ErrorCode::invalid_input, "Định danh khóa của bên phát hành rỗng", "Empty issuer key identifier");
  }
  info.cert = std::move(cert);
  return info;
}

}  // namespace crl_detail

}  // namespace ct::crypto
