#pragma once
// Pre-signed OCSP responses for the issuing CA whose delegated OCSP-signing certificate
// (RFC 6960 §4.2.2.2) this process holds, so that serving a request costs no signature
// (SPEC §6, §11).
//
// Entries are keyed by CertID, never by the bytes of a request: padding a request (extensions,
// a nonce) makes a new request, not a new entry. Only CertIDs naming this issuer are admitted
// (issuerNameHash and issuerKeyHash checked for the CertID's hash algorithm), so the key holds
// the hash algorithm and the serial, which determine the rest. An entry holds the complete
// OCSPResponse DER with one SingleResponse, no nonce (RFC 5019 §4: a responder may ignore the
// nonce of a request and answer with a pre-produced response), its thisUpdate/nextUpdate and an
// ETag (RFC 5019 §6.2).
//
// Memory, by construction: at most `max_entries` entries (least recently used go first), each at
// most max_entry_bytes() = the signer certificate + 2 KiB (the response besides the certificate
// is under 1 KiB: a 512-octet signature for RSA-4096, one SingleResponse of fixed-size fields;
// the rest is the entry's headers and bookkeeping). With the defaults (100,000 entries, an
// RSA-2048 signer certificate of about 1 KB) that is about 305 MB at most, whatever is asked
// (an entry actually costs about 1.9 KB). Nothing else is kept per request.
//
// Where signatures happen, all outside the request path except a miss:
//   - answer_from_memory() answers what needs neither the store nor a signature: a fresh entry,
//     malformedRequest, unauthorized for another issuer. The HTTP layer rate-limits the rest per
//     client before calling answer();
//   - a miss for a single CertID of a certificate this issuer issued signs once and inserts the
//     entry: that one request pays the signature;
//   - a serial this issuer never issued costs a store read and no signature: it is answered with
//     the unsigned `unauthorized` (RFC 6960 §2.3, RFC 5019 §2.2.3: the responder has no
//     authoritative record of it) and nothing is cached;
//   - requests with several CertIDs (RFC 5019 §2.1.1 says clients send one; at most 32, the
//     parser's bound) are signed live with the nonce echoed, never cached: one signature per
//     request, under the same per-client limit; `unauthorized` if any serial is not ours;
//   - maintain() (the scheduler's per-process job "ocsp-cache", every second) re-signs the
//     entries of serials whose status changed (pki_changes, written by pki::revoke in any
//     process), pre-signs certificates inserted since the last round, and re-signs entries that
//     have used `refresh_percent` of their validity — or drops them when nobody asked since
//     they were signed.
//
// Thread-safety: answer_from_memory(), answer() and stats() from any thread; baseline(),
// maintain() and presign() from one thread at a time.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
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
  std::size_t max_entries = 100000;  // LRU bound (ocsp.cache_entries)
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

  // The response to a DER OCSPRequest when it costs neither a store read nor a signature: a
  // fresh entry for its CertID, malformedRequest, unauthorized for another issuer. nullopt when
  // answer() has to read the store (and maybe sign). Never throws.
  [[nodiscard]] std::optional<OcspReply> answer_from_memory(std::span<const std::uint8_t> request_der);
  // The response to a DER OCSPRequest; never throws. Malformed requests get malformedRequest,
  // other issuers and serials this issuer never issued unauthorized (RFC 6960 §2.3, RFC 5019
  // §2.2.3), a store failure tryLater.
  [[nodiscard]] OcspReply answer(std::span<const std::uint8_t> request_der);

  // Remembers where the change log and the certificate table stand, so the first maintain()
  // only looks at what comes after.
  [[nodiscard]] Status baseline();
  // One maintenance round (see above); the baseline first when none was taken yet.
  [[nodiscard]] Status maintain();
  // Pre-signs the SHA-1 CertID entry of one serial of the issuer (nothing when it has none).
  [[nodiscard]] Status presign(std::string_view serial_hex);

  // The most one entry costs (see the memory bound above).
  [[nodiscard]] std::size_t max_entry_bytes() const noexcept;

  struct Stats {
    std::size_t entries = 0;
    std::size_t bytes = 0;  // what the entries cost: responses, headers, bookkeeping
    std::optional<std::chrono::seconds> oldest_age;  // now − oldest thisUpdate
    std::uint64_t hits = 0;
    std::uint64_t misses = 0;
    std::uint64_t signatures = 0;
    std::int64_t epoch = 0;  // last change epoch seen
    std::optional<TimePoint> last_produced;  // producedAt of the last response this cache signed
  };
  [[nodiscard]] Stats stats() const;
  [[nodiscard]] const store::CaRecord& issuer() const noexcept { return issuer_; }
  // The serial of the signer's certificate in use.
  [[nodiscard]] std::string signer_serial() const;
  // A renewed signer (ocsp_signer.h) signs from now on; responses already signed stay in the
  // cache until they are refreshed (they are valid: the old certificate outlives them).
  void replace_signer(store::CaRecord signer, crypto::PrivateKey signer_key);

 private:
  // Hash algorithm, serial length, serial magnitude (zero-padded): a CertID of this issuer.
  struct Key {
    std::array<std::uint8_t, 22> bytes{};
    friend bool operator==(const Key&, const Key&) = default;
    [[nodiscard]] crypto::HashAlg hash() const noexcept { return static_cast<crypto::HashAlg>(bytes[0]); }
    [[nodiscard]] std::span<const std::uint8_t> serial() const noexcept { return {bytes.data() + 2, bytes[1]}; }
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
      return std::hash<std::string_view>{}(
          std::string_view(reinterpret_cast<const char*>(k.bytes.data()), k.bytes.size()));
    }
  };
  // nullopt for a serial longer than 20 octets (never admitted by the parsers).
  [[nodiscard]] static std::optional<Key> key_of(crypto::HashAlg alg, std::span<const std::uint8_t> serial);
  [[nodiscard]] bool names_issuer(crypto::HashAlg alg, std::span<const std::uint8_t> name_hash,
                                  std::span<const std::uint8_t> key_hash) const;
  [[nodiscard]] bool names_issuer(const crypto::OcspCertId& id) const {
    return names_issuer(id.hash, id.issuer_name_hash, id.issuer_key_hash);
  }
  // The signed entry for `id`; nullptr, and no signature, when the store has no certificate of
  // this issuer with its serial.
  [[nodiscard]] Result<std::shared_ptr<const OcspEntry>> sign(const crypto::OcspCertId& id);
  [[nodiscard]] OcspReply answer_live(const crypto::OcspRequestInfo& request);  // several CertIDs
  [[nodiscard]] std::optional<OcspReply> cached_reply(const Key& key, TimePoint now) const;
  // Evicts the least recently used when over the bound. `read_at`: generation_ when the status
  // was read; the entry is then dropped if maintain() processed status changes since (it may
  // have re-signed that serial already).
  void insert(const Key& key, std::shared_ptr<const OcspEntry> entry,
              std::optional<std::uint64_t> read_at = std::nullopt);
  void erase(const Key& key);
  [[nodiscard]] Status resign_serial(const std::string& serial_hex);
  [[nodiscard]] Status refresh_due();

  store::Database& db_;
  OcspAnswerer answerer_;
  store::CaRecord issuer_;
  struct Signing {
    store::CaRecord record;
    crypto::PrivateKey key;
  };
  [[nodiscard]] std::shared_ptr<const Signing> signing() const;
  mutable std::mutex signing_mu_;
  std::shared_ptr<const Signing> signing_;  // REQUIRES: signing_mu_ (replaced whole, read as a copy)
  const Clock& clock_;
  OcspCacheOptions options_;
  std::vector<crypto::OcspCertId> issuer_ids_;  // issuer hashes per algorithm

  mutable std::shared_mutex mu_;
  std::unordered_map<Key, std::shared_ptr<const OcspEntry>, KeyHash> entries_;  // REQUIRES: mu_
  std::atomic<std::uint64_t> round_{1};
  mutable std::atomic<std::uint64_t> hits_{0};
  std::atomic<std::uint64_t> misses_{0}, signatures_{0};
  std::atomic<std::int64_t> last_produced_{0};  // unix seconds; 0: nothing signed yet

  std::atomic<std::uint64_t> generation_{0};  // maintain() rounds that processed status changes

  // Maintenance state, touched by maintain() only.
  std::atomic<std::int64_t> epoch_{0};
  std::int64_t last_id_ = 0;
  TimePoint last_prune_{};

  bool baselined_ = false;
};

}  // namespace ct::pki
