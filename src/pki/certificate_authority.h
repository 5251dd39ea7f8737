#pragma once
// An issuing CA (Botan's X509_CA shape): built from its record and key with an injected clock
// and RNG; issues certificates by profile from a CSR or a known public key. Every certificate
// passes the pre-release check and is durably committed before it is returned (SPEC §6), with
// one `cert.issue` audit entry per certificate in the same transaction (SPEC §8); a certificate
// that fails signing or the pre-release check is audited as `cert.issue` / failed.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/rng.h"
#include "crypto/certificate.h"
#include "crypto/csr.h"
#include "crypto/keys.h"
#include "crypto/name.h"
#include "pki/profile.h"
#include "pki/settings.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

struct IssueRequest {
  Bytes csr;                                 // PEM or DER PKCS#10 (its subject is ignored), or …
  std::optional<Bytes> public_key_der;       // … a SubjectPublicKeyInfo (renewal: same key)
  std::string profile = "individual";
  crypto::DistinguishedName subject;         // from the registry, never from the CSR
  std::vector<std::string> emails;
  std::vector<std::string> dns;
  std::optional<int> days;                   // default: the profile's default_days
  std::optional<TimePoint> not_after;        // explicit end (renewal); still capped
  std::optional<std::int64_t> subscriber_id;
  std::optional<std::int64_t> request_id;
  std::optional<std::int64_t> replaces_id;
  std::string actor = "system";              // who asked, for the audit log (SPEC §8)
  std::optional<std::int64_t> org_id = {};   // the subscriber's organization, for the audit log
};

struct IssuedCertificate {
  std::int64_t id = 0;
  std::string serial;
  Bytes der;
  TimePoint not_before;
  TimePoint not_after;
};

class CertificateAuthority final {
 public:
  CertificateAuthority(store::CaRecord ca, crypto::PrivateKey key, const PkiSettings& settings,
                       const ProfileSet& profiles, const Clock& clock, Rng& rng);
  CertificateAuthority(CertificateAuthority&&) noexcept = default;
  CertificateAuthority& operator=(CertificateAuthority&&) = delete;
  CertificateAuthority(const CertificateAuthority&) = delete;
  CertificateAuthority& operator=(const CertificateAuthority&) = delete;

  [[nodiscard]] const store::CaRecord& record() const noexcept { return ca_; }
  [[nodiscard]] const crypto::PrivateKey& key() const noexcept { return key_; }

  // Validates, signs, checks and commits one certificate (one transaction).
  [[nodiscard]] Result<IssuedCertificate> issue(store::Database& db, const IssueRequest& req);
  // Issues many in one transaction (group commit): results in input order; a refused request
  // does not stop the others. Nothing is returned as issued before the commit succeeds.
  // Signing runs on every core (the key is only read; OpenSSL 3 signs with one EVP_PKEY from
  // several threads); serials are drawn in request order first.
  [[nodiscard]] std::vector<Result<IssuedCertificate>> issue_batch(store::Database& db,
                                                                   std::span<const IssueRequest> reqs);

  // Validates, signs, checks and inserts one certificate inside the caller's write transaction
  // (with its cert.issue audit entry); commits nothing, so the caller's other effects commit or
  // roll back with it (the registry's exactly-once operations). A serial already in the store
  // is replaced by a fresh one before the insert.
  [[nodiscard]] Result<IssuedCertificate> issue_in(store::Connection& c, const IssueRequest& req);

  struct Prepared {
    store::CertificateRecord record;
    crypto::CertificateSpec spec;
  };
  // Validation and signing without the store (the pre-release check included).
  [[nodiscard]] Result<Prepared> prepare(const IssueRequest& req);

 private:
  [[nodiscard]] Result<Prepared> prepare_with_serial(const IssueRequest& req, Bytes serial);
  // Signs p.spec (its serial already chosen) and runs the pre-release check.
  [[nodiscard]] Result<Prepared> sign_and_check(Prepared p);
  // The serial retry shared by issue_batch and issue_in: a fresh serial and a new signature for
  // a certificate whose serial turned out to be taken.
  [[nodiscard]] Result<Prepared> with_new_serial(Prepared p);
  // Prepares every request, signing on every core; serials are drawn first, in request order.
  [[nodiscard]] std::vector<Result<Prepared>> prepare_all(std::span<const IssueRequest> reqs);
  // Inserts every prepared certificate with its audit entry in one transaction. The index of the
  // first whose serial was taken (the transaction is then rolled back), or none when all were
  // inserted (ids set).
  [[nodiscard]] Result<std::optional<std::size_t>> insert_all(store::Connection& c, std::span<const IssueRequest> reqs,
                                                              std::vector<std::optional<Prepared>>& prepared);
  // Audits a failed issuance (signing or pre-release check) in its own transaction.
  void audit_failure(store::Connection& c, const IssueRequest& req, const Error& e);

  store::CaRecord ca_;
  crypto::PrivateKey key_;
  const PkiSettings& settings_;
  const ProfileSet& profiles_;
  const Clock& clock_;
  Rng& rng_;
  crypto::KeyPolicy key_policy_;
};

}  // namespace ct::pki
