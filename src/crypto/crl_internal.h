#pragma once
// Internal to crypto: what the CRL writer, the CRL check and OCSP share — the issuer
// certificate's Name and key identifier, and the OIDs they encode (content octets only).

#include <array>
#include <cstdint>
#include <span>

#include "common/error.h"
#include "common/hex.h"
#include "crypto/crl.h"
#include "crypto/ossl.h"

namespace ct::crypto::crl_detail {

// RFC 5280 §4.2.1.1, §5.2.3, §5.2.4, §5.3.1, §5.3.2.
inline constexpr std::array<std::uint8_t, 3> kOidAuthorityKeyId{0x55, 0x1D, 0x23};
inline constexpr std::array<std::uint8_t, 3> kOidCrlNumber{0x55, 0x1D, 0x14};
inline constexpr std::array<std::uint8_t, 3> kOidDeltaCrlIndicator{0x55, 0x1D, 0x1B};
inline constexpr std::array<std::uint8_t, 3> kOidReasonCode{0x55, 0x1D, 0x15};
inline constexpr std::array<std::uint8_t, 3> kOidInvalidityDate{0x55, 0x1D, 0x18};

// CRL numbers and serials: at most 20 octets (RFC 5280 §4.1.2.2, §5.2.3).
inline constexpr std::size_t kMaxSerialOctets = 20;

struct IssuerInfo {
  ossl::X509Ptr cert;
  Bytes name_der;  // the subject Name, exactly as encoded in the certificate
  Bytes key_id;    // its subjectKeyIdentifier, or RFC 5280 §4.2.1.2 method (1) when absent
};
// Parses a DER certificate (all bytes consumed); invalid_input when it is not one.
[[nodiscard]] Result<IssuerInfo> load_issuer(std::span<const std::uint8_t> der);

[[nodiscard]] bool is_valid_reason(std::uint64_t code) noexcept;

}  // namespace ct::crypto::crl_detail
