#pragma once
// Distinguished names as ordered attribute lists, most significant first (C, ST, L, O, OU…, CN),
// the order of the government profile (SPEC §6). Values are UTF-8 NFC and are encoded as
// UTF8String (RFC 5280 §4.1.2.4), except countryName, which is PrintableString (X.520).

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace ct::crypto {

struct NameAttribute {
  std::string type;   // C, ST, L, O, OU, CN, serialNumber, emailAddress, UID
  std::string value;  // UTF-8 NFC
  bool operator==(const NameAttribute&) const = default;
};
using DistinguishedName = std::vector<NameAttribute>;

// Parses "C=VN,ST=Bắc Ninh,O=UBND tỉnh Bắc Ninh,OU=Sở Tài chính,CN=Nguyễn Văn An".
// A ',' or '=' or '\' inside a value is escaped with '\'. Spaces around ',' and '=' are ignored.
// Unknown attribute types, empty values, C other than two upper-case letters, values over 64
// characters (ub-name lengths of RFC 5280 Appendix A), and invalid UTF-8 are refused.
[[nodiscard]] Result<DistinguishedName> parse_dn(std::string_view text);
// The inverse of parse_dn (escaping as needed): "C=VN,ST=…,CN=…".
[[nodiscard]] std::string format_dn(const DistinguishedName& dn);
[[nodiscard]] std::string dn_value(const DistinguishedName& dn, std::string_view type);  // first, or ""
// The organization's names in a subject: every O and OU value, in order.
[[nodiscard]] std::vector<std::string> organization_names(const DistinguishedName& dn);

}  // namespace ct::crypto
