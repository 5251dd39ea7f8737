#pragma once
// PKI settings from chungthu.toml (section [ca] and [pki]); defaults mirror the government
// hierarchy (SEEDS: "RootCA chuyên dùng Chính phủ" → "CA phục vụ các cơ quan Nhà nước",
// O=Ban Cơ yếu Chính phủ, C=VN).

#include <chrono>
#include <string>

#include "common/config.h"
#include "common/error.h"
#include "crypto/keys.h"

namespace ct::pki {

struct PkiSettings {
  std::string country = "VN";
  std::string organization = "Ban Cơ yếu Chính phủ";
  std::string root_common_name = "RootCA chuyên dùng Chính phủ";
  std::string issuing_common_name = "CA phục vụ các cơ quan Nhà nước";
  std::string ocsp_common_name = "OCSP - CA phục vụ các cơ quan Nhà nước";
  crypto::KeyType root_key = crypto::KeyType::rsa3072;
  crypto::KeyType issuing_key = crypto::KeyType::rsa2048;
  crypto::KeyType ocsp_key = crypto::KeyType::rsa2048;
  int root_days = 7300;       // 20 years
  int issuing_days = 3650;    // 10 years
  int ocsp_days = 365;
  int ocsp_renew_days = 30;   // the OCSP signer is renewed when fewer days are left (ocsp_signer.h)
  int expiry_warning_days = 180;  // a CA closer to its notAfter is shown as expiring (status page)
  std::string base_url = "http://127.0.0.1:8080";  // AIA, OCSP and CRL DP URLs are built from it
  std::string policy_oid = "2.16.704.1.1.1.1.1";
  std::chrono::hours crl_next_update{24};
  std::chrono::hours ocsp_validity{24};
  int serial_retries = 5;

  [[nodiscard]] static Result<PkiSettings> load(const Config& cfg);
  [[nodiscard]] std::string ca_certificate_url(const std::string& ca_name) const;
  [[nodiscard]] std::string crl_url(const std::string& ca_name) const;
  [[nodiscard]] std::string ocsp_url() const;
};

}  // namespace ct::pki
