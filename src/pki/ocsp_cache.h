#pragma once
// Pre-signed OCSP responses for the issuing CA whose delegated OCSP-signing certificate
// (RFC 6960 §4.2.2.2) this process holds, so that serving a request costs no signature
// (SPEC §6, §11).
//
// Entries are keyed by (CertID hash algorithm, serial); the issuer part of the CertID is checked
// against the issuer's name and key hashes for that algorithm. An entry holds the complete
// OCSPResponse DER with one SingleResponse, no nonce (RFC 5019 §4: a responder may ignore the
// nonce of a request and answer with a pre-produced response), its thisUpdate/nextUpdate and an
// ETag (RFC 5019 §6.2).
//
// Where signatures happen, all outside the request path except a miss:
//   - a miss for a single CertID (a serial not seen yet, of ours or unknown) signs once and
//     inserts the entry: that one request pays the signature. Unknown serials are answered
//     `unknown` (RFC 6960 §2.2) and cached like the others;
//   - maintain() (the scheduler's per-process job "ocsp-cache", every second) re-signs the entries of serials whose
//     status changed (pki_changes, written by pki::revoke in any process), pre-signs
//     certificates inserted since the last round, and re-signs entries that have used
//     `refresh_percent` of their validity — or drops them when nobody asked since they were
//     signed;
//   - requests with several CertIDs (RFC 5019 §2.1.1 says clients send one) are signed live.
// The number of entries is bounded (least recently used go first), so random serials cannot
// exhaust memory.
//
// Thread-safety: answer() and stats() from any thread; baseline() and maintain() from one thread
// at a time.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "crypto/keys.h"
#include "crypto/ocsp.h"
#include "pki/ocsp_answerer.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

struct OcspCacheOptions {
  std::size_t max_entries = 100000;  // LRU bound, unknown serials included
  int refresh_percent = 50;          // re-sign when this share of thisUpdate..nextUpdate has passed
  int presign_batch = 1000;          // new certificates pre-signed per round at most
  int refresh_batch = 500;           // due entries re-signed per round at most
  std::chrono::hours keep_changes{168};  // pki_changes older than this are pruned
};

struct OcspEntry {
  std::string der;  // the OCSPResponse
  TimePoint this_update;
  TimePoint next_update;
  TimePoint refresh_at;
  std::string etag;  // quoted, per RFC 9110 §8.8.3
  std::string last_modified;  // thisUpdate as an HTTP-date (RFC 9110 §5.6.7), for Last-Modified
  std::string expires;        // nextUpdate as an HTTP-date, for Expires
  crypto::OcspCertStatus status = crypto::OcspCertStatus::unknown;
  mutable std::atomic<std::uint64_t> last_used{0};  // maintenance round of the last hit
  mutable std::atomic<bool> used{false};            // asked for since it was signed
};

struct OcspReply {
  enum class Kind { cached, signed_now, error };
  Kind kind = Kind::error;
  std::shared_ptr<const OcspEntry> entry;  // a single-CertID answer (cached or just signed)
  std::string body;                        // otherwise: an error response or a live multi-CertID one
};

class OcspCache final {
 public:
  // `answerer` decides statuses (OcspAnswerer::status_of); `signer_key` is the key of
  // `signer`'s certificate. The clock decides thisUpdate and freshness.
  OcspCache(store::Database& db, OcspAnswerer answerer, store::CaRecord issuer, store::CaRecord signer,
            crypto::PrivateKey signer_key, const Clock& clock, OcspCacheOptions options = {});
  ~OcspCache();
  OcspCache(const OcspCache&) = delete;
  OcspCache& operator=(const OcspCache&) = delete;

  // The response to a DER OCSPRequest; never throws. Malformed requests get malformedRequest,
  // other issuers unauthorized (RFC 6960 §2.3, RFC 5019 §2.2.3), a store failure tryLater.
  [[nodiscard]] OcspReply answer(std::span<const std::uint8_t> request_der);

  // Remembers where the change log and the certificate table stand, so the first maintain()
  // only looks at what comes after.
  [[nodiscard]] Status baseline();
  // One maintenance round (see above); the baseline first when none was taken yet.
  [[nodiscard]] Status maintain();
  // Pre-signs the SHA-1 CertID entry of one serial of the issuer.
  [[nodiscard]] Status presign(std::string_view serial_hex);

  struct Stats {
    std::size_t entries = 0;
    std::optional<std::chrono::seconds> oldest_age;  // now − oldest thisUpdate
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t signatures = 0;
    std::int64_t epoch = 0;  // last change epoch seen
    std::optional<TimePoint> last_produced;  // producedAt of the last response this cache signed
  };
  [[nodiscard]] Stats stats() const;
  [[nodiscard]] const store::CaRecord& issuer() const noexcept { return issuer_; }

 private:
  using Key = std::string;  // hash algorithm octet + serial magnitude
  [[nodiscard]] static Key key_of(crypto::HashAlg alg, std::span<const std::uint8_t> serial);
  [[nodiscard]] bool names_issuer(const crypto::OcspCertId& id) const;
  [[nodiscard]] Result<std::shared_ptr<const OcspEntry>> sign(const crypto::OcspCertId& id);
  void insert(Key key, std::shared_ptr<const OcspEntry> entry);  // evicts when over the bound
  [[nodiscard]] Status resign_serial(const std::string& serial_hex);
  [[nodiscard]] Status refresh_due();

  store::Database& db_;
  OcspAnswerer answerer_;
  store::CaRecord issuer_;
  store::CaRecord signer_;
  crypto::PrivateKey signer_key_;
  const Clock& clock_;
  OcspCacheOptions options_;
  std::vector<crypto::OcspCertId> issuer_ids_;  // issuer hashes per algorithm

  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  [[nodiscard]] std::shared_ptr<const OcspEntry> fresh_entry(const Key& key, TimePoint now) const;  // REQUIRES: mu_

  mutable std::shared_mutex mu_;
  std::unordered_map<Key, std::shared_ptr<const OcspEntry>> entries_;  // REQUIRES: mu_
  // Request DER (single CertID, no nonce) → its key, so that the usual client, which sends the
  // same bytes every time, is answered without parsing. Bounded like entries_ (cleared when full).
  std::unordered_map<std::string, Key, TextHash, std::equal_to<>> by_request_;  // REQUIRES: mu_
  std::atomic<std::uint64_t> round_{1};
  std::atomic<std::uint64_t> hits_{0}, misses_{0}, signatures_{0};
  std::atomic<std::int64_t> last_produced_{0};  // unix seconds; 0: nothing signed yet

  // Maintenance state, touched by maintain() only.
  std::atomic<std::int64_t> epoch_{0};
  std::int64_t last_id_ = 0;
  TimePoint last_prune_{};

  bool baselined_ = false;
};

}  // namespace ct::pki
