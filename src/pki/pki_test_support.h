#pragma once
// Test fixture for the pki layer: a temporary data directory with a software key backend, a
// SQLite store, a fixed clock, a deterministic RNG and an EC hierarchy (fast to generate).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "crypto/key_backend.h"
#include "crypto/keys.h"
#include "pki/certificate_authority.h"
#include "pki/hierarchy.h"
#include "store/open.h"
#include "store/pki_repository.h"

namespace ct::pki::testing {

inline TimePoint test_now() { return from_unix(1795000000); }  // 2026-11-19T08:26:40Z

class PkiFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (std::filesystem::temp_directory_path() / "chungthu-pki-XXXXXX").string();
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
    auto db = store::open_database("sqlite", dir_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
    keys_ = std::make_unique<crypto::SoftwareKeyBackend>(dir_ / "keys", "test-passphrase-123");
    settings_.root_key = crypto::KeyType::ec_p384;
    settings_.issuing_key = crypto::KeyType::ec_p256;
    settings_.ocsp_key = crypto::KeyType::ec_p256;
    auto profiles = ProfileSet::load(Config{});
    ASSERT_TRUE(profiles);
    profiles_ = std::move(*profiles);
    ASSERT_TRUE(create_hierarchy(*db_, *keys_, settings_, profiles_, clock_, rng_));
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  store::CaRecord ca_record(const std::string& name) {
    auto lease = db_->acquire();
    auto ca = store::find_ca(**lease, name);
    EXPECT_TRUE(ca && *ca);
    return **ca;
  }
  CertificateAuthority issuing_ca() {
    auto rec = ca_record(kIssuingCa);
    auto key = keys_->load(rec.key_ref);
    EXPECT_TRUE(key);
    return CertificateAuthority(std::move(rec), std::move(*key), settings_, profiles_, clock_, rng_);
  }
  static Bytes csr_for(crypto::KeyType type, const crypto::DistinguishedName& subject = {{"CN", "CSR subject"}}) {
    auto key = crypto::generate_key(type);
    auto csr = crypto::make_csr(*key, subject);
    return *csr;
  }
  static IssueRequest individual(const std::string& cn, const std::string& email) {
    IssueRequest r;
    r.csr = csr_for(crypto::KeyType::ec_p256);
    r.subject = {{"C", "VN"}, {"ST", "Bắc Ninh"}, {"O", "UBND tỉnh Bắc Ninh"}, {"OU", "Sở Tài chính"}, {"CN", cn}};
    r.emails = {email};
    return r;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<crypto::SoftwareKeyBackend> keys_;
  PkiSettings settings_;
  ProfileSet profiles_;
  FixedClock clock_{test_now()};
  DeterministicRng rng_{42};
};

}  // namespace ct::pki::testing
