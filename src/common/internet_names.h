#pragma once
// The Internet names certificates and the registry carry: one definition of each syntax, used by
// the certificate builder (crypto), the CA's checks (pki) and the registry's validation rules.

#include <string_view>

namespace ct {

// A host name (RFC 1035 §2.3.1 as relaxed by RFC 1123 §2.1): labels of letters, digits and
// hyphens, 1–63 octets each, not starting or ending with a hyphen, 253 octets in all, no leading
// or trailing dot. With `allow_wildcard`, a first label "*" (RFC 6125 §6.4.3) is accepted.
[[nodiscard]] bool is_dns_name(std::string_view name, bool allow_wildcard = false) noexcept;

// An e-mail address as a certificate's rfc822Name (RFC 5280 §4.2.1.6) and an official mailbox:
// a Mailbox (RFC 5321 §4.1.2) whose local part is a dot-atom of RFC 5322 §3.2.3 atext (no
// quoting, no leading, trailing or double dot, at most 64 octets) and whose domain is a host
// name of at least two labels with an alphabetic top-level label; 254 octets in all. ASCII only.
[[nodiscard]] bool is_email_address(std::string_view address) noexcept;

}  // namespace ct
