#pragma once
// Internet mail messages as the notifications send them: RFC 5322 headers (UTF-8 text as RFC 2047
// encoded-words), a multipart/alternative body of UTF-8 text and HTML (RFC 2045, RFC 2046), and
// an S/MIME signature around it (RFC 1847 multipart/signed, RFC 8551 §3.5). Vietnamese text is
// carried as UTF-8 bytes throughout, never transliterated. Pure functions: no clock, no I/O; the
// signature comes from an injected signer.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"

namespace ct::notify {

struct MailAddress {
  std::string display_name;  // UTF-8, may be empty
  std::string address;       // ASCII addr-spec "local@domain" (no quoted local part, no IDN)
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;
  std::optional<MailAddress> reply_to;
  std::string subject;     // UTF-8, one line
  std::string text;        // UTF-8 plain text, '\n' line ends
  std::string html;        // UTF-8 HTML document
  std::string message_id;  // without angle brackets, e.g. "outbox-12.5f3a@chungthu.example"
  TimePoint date;
  std::vector<std::pair<std::string, std::string>> extra_headers;  // ASCII names; values encoded as needed
};

// RFC 2047 B encoded-words (charset UTF-8) when `text` is not plain printable ASCII (or holds
// "=?", which a reader would take for an encoded-word), split so that no encoded-word exceeds 75
// characters (§2) and no UTF-8 sequence is split (§5); the words are separated by one space, where
// the header writer folds (a space between encoded-words is not part of the text, §6.2). Plain
// ASCII as is.
[[nodiscard]] std::string encode_header_text(std::string_view text);

// "Name <addr>" with the name encoded as above (a quoted-string when it is ASCII with RFC 5322
// specials); just the address when there is no name.
[[nodiscard]] std::string format_address(const MailAddress& a);

// RFC 5322 §3.3 date-time in UTC: "Mon, 07 Dec 2026 01:48:12 +0000".
[[nodiscard]] std::string rfc5322_date(TimePoint t);

// The multipart/alternative entity (its Content-Type header, a blank line, then the parts:
// text/plain then text/html, each charset=UTF-8, Content-Transfer-Encoding base64 with
// 76-character lines, line ends made CRLF before encoding per RFC 2045 §6.8), CRLF line ends
// throughout: exactly the bytes that are signed. Its boundary is "=_ct_alt_" and 24 hex digits of
// SHA-256(message_id): deterministic, and impossible in base64 text or in the headers.
[[nodiscard]] std::string alternative_entity(const MailMessage& m);

// Signs the entity's bytes and returns the detached CMS DER (e.g. crypto::cms_sign_detached).
using EntitySigner = std::function<Result<Bytes>(std::string_view entity)>;

// The whole message: From, To, Reply-To, Subject, Date, Message-ID, MIME-Version and the extra
// headers (folded to 76 characters where they have white space), then multipart/signed;
// protocol="application/pkcs7-signature"; micalg=<micalg> whose first part is
// alternative_entity(m) byte for byte and whose second is application/pkcs7-signature;
// name="smime.p7s" (base64, Content-Disposition attachment; filename="smime.p7s"). Lines end with
// CRLF. `micalg` names the digest the signer used (RFC 8551 §3.5.3.2; crypto::smime_micalg gives
// it for a key's signature_hash()).
// invalid_input (naming the field) when: a header value or display name holds CR or LF, or is not
// UTF-8; an address or the message id is not plain ASCII of the forms above; there is no
// recipient; an extra header's name is not an RFC 5322 field name or is one this function writes;
// micalg is not a lower-case token; a header line would exceed 998 characters (RFC 5322 §2.1.1).
// The signer's error is returned as it is.
[[nodiscard]] Result<std::string> build_signed_message(const MailMessage& m, const EntitySigner& sign,
                                                       std::string_view micalg = "sha-256");

}  // namespace ct::notify
