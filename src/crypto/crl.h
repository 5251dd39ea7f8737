#pragma once
// Certificate revocation lists (RFC 5280 §5), written streaming: entries are encoded one at a
// time to a spool file, so a CRL of 1,000,000 entries is built in little memory (SPEC §6, §11).

#include <filesystem>
#include <memory>
#include <optional>
#include <span>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"

namespace ct::crypto {

// CRLReason codes, RFC 5280 §5.3.1 (7 is not used).
enum class CrlReason : int {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};
[[nodiscard]] const char* to_string(CrlReason r) noexcept;  // "keyCompromise", …
[[nodiscard]] Result<CrlReason> parse_crl_reason(std::string_view s);  // accepts the RFC names

struct CrlEntry {
  Bytes serial;                               // magnitude
  TimePoint revoked_at;
  std::optional<CrlReason> reason;            // omitted when unspecified (RFC 5280 §5.3.1)
  std::optional<TimePoint> invalidity_date;
};

struct CrlParams {
  Bytes issuer_certificate_der;
  TimePoint this_update;
  TimePoint next_update;
  Bytes crl_number;                           // big-endian magnitude, ≤ 20 octets
  std::optional<Bytes> base_crl_number;       // set: this is a delta CRL (RFC 5280 §5.2.4)
};

class CrlWriter final {
 public:
  // `spool` is a scratch file the writer owns while it lives (created, then removed).
  [[nodiscard]] static Result<std::unique_ptr<CrlWriter>> begin(CrlParams params, std::filesystem::path spool);
  ~CrlWriter();
  CrlWriter(const CrlWriter&) = delete;
  CrlWriter& operator=(const CrlWriter&) = delete;

  [[nodiscard]] Status add(const CrlEntry& entry);
  [[nodiscard]] std::uint64_t count() const noexcept;
  // Signs and writes the CRL DER to `out` (atomically: a temporary file renamed into place).
  [[nodiscard]] Status finish(const PrivateKey& issuer_key, const std::filesystem::path& out);
  // Signs and returns the CRL DER (for small CRLs and tests).
  [[nodiscard]] Result<Bytes> finish(const PrivateKey& issuer_key);

  struct State;
  class Passkey {
    friend class CrlWriter;
    Passkey() = default;
  };
  // Only begin() can make the key: use begin().
  CrlWriter(Passkey, std::unique_ptr<State> state);

 private:
  std::unique_ptr<State> state_;
};

struct CrlSummary {
  Bytes crl_number;
  TimePoint this_update;
  TimePoint next_update;
  std::uint64_t entries = 0;
  bool is_delta = false;
};
// The pre-release check of a CRL file, streaming (constant memory): DER well-formed, v2,
// signature verifies under the issuer key, issuer name and AKI equal the issuer's, CRL number
// present and non-critical, thisUpdate < nextUpdate, every entry's serial positive.
[[nodiscard]] Result<CrlSummary> check_crl_file(const std::filesystem::path& crl,
                                                std::span<const std::uint8_t> issuer_certificate_der);

}  // namespace ct::crypto
