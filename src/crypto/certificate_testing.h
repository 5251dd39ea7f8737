#pragma once
// Test support (not part of ct_crypto): a small government-shaped hierarchy — root CA, issuing
// CA, and end entities of each profile of SPEC §6 — signed with sign_certificate.

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "common/rng.h"
#include "crypto/certificate.h"
#include "crypto/keys.h"

namespace ct::crypto::testing {

struct Issued {
  CertificateSpec spec;
  Bytes der;
};

struct Hierarchy {
  PrivateKey root_key;
  PrivateKey sub_key;
  PrivateKey person_key;
  PrivateKey tls_key;
  PrivateKey ocsp_key;
  Issued root;
  Issued sub;
  Issued person;  // individual signing profile, Vietnamese subject
  Issued tls;     // device / TLS server
  Issued ocsp;    // delegated OCSP signer
};

inline Bytes serial_from(Rng& rng) {
  Bytes s(16);
  rng.fill(s);
  if (s[0] == 0) s[0] = 1;
  return s;
}

// What every spec below starts from: a fresh serial, the subject, the validity, the key and, for
// all but the root, the issuer's certificate.
inline CertificateSpec base_spec(const DistinguishedName& subject, const Issued* issuer, const PrivateKey& key,
                                 TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s;
  s.serial = serial_from(rng);
  s.subject = subject;
  if (issuer != nullptr) s.issuer_certificate_der = issuer->der;
  s.not_before = from;
  s.not_after = to;
  s.subject_public_key_der = key.public_key_der();
  return s;
}

inline CertificateSpec root_spec(const PrivateKey& key, TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s =
      base_spec({{"C", "VN"}, {"O", "Ban Cơ yếu Chính phủ"}, {"CN", "Cục Chứng thực số và Bảo mật thông tin"}}, nullptr,
                key, from, to, rng);
  s.is_ca = true;
  s.key_usage = {"keyCertSign", "cRLSign"};
  return s;
}

inline CertificateSpec sub_spec(const Issued& root, const PrivateKey& key, TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s = base_spec({{"C", "VN"}, {"O", "Ban Cơ yếu Chính phủ"}, {"CN", "CA phục vụ các cơ quan Nhà nước"}},
                                &root, key, from, to, rng);
  s.is_ca = true;
  s.path_length = 0;
  s.key_usage = {"digitalSignature", "keyCertSign", "cRLSign"};
  s.ca_issuer_urls = {"http://ca.gov.vn/root.crt"};
  s.crl_urls = {"http://ca.gov.vn/root.crl"};
  return s;
}

inline CertificateSpec person_spec(const Issued& sub, const PrivateKey& key, TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s = base_spec({{"C", "VN"},
                                 {"ST", "Bắc Ninh"},
                                 {"O", "UBND tỉnh Bắc Ninh"},
                                 {"OU", "Sở Giáo dục và Đào tạo"},
                                 {"CN", "Nguyễn Văn An"}},
                                &sub, key, from, to, rng);
  s.key_usage = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment"};
  s.extended_key_usage = {"clientAuth", "emailProtection"};
  s.policy_oids = {"2.16.704.1.1.1.1.1"};
  s.san_emails = {"annv@bacninh.gov.vn"};
  s.ocsp_urls = {"http://ocsp.ca.gov.vn"};
  s.ca_issuer_urls = {"http://ca.gov.vn/issuing.crt"};
  s.crl_urls = {"http://ca.gov.vn/issuing.crl"};
  return s;
}

inline CertificateSpec tls_spec(const Issued& sub, const PrivateKey& key, TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s = base_spec({{"C", "VN"}, {"O", "UBND tỉnh Bắc Ninh"}, {"CN", "dichvucong.bacninh.gov.vn"}}, &sub,
                                key, from, to, rng);
  s.key_usage = {"digitalSignature"};
  s.extended_key_usage = {"serverAuth"};
  s.san_dns = {"dichvucong.bacninh.gov.vn", "www.dichvucong.bacninh.gov.vn"};
  s.ocsp_urls = {"http://ocsp.ca.gov.vn"};
  s.crl_urls = {"http://ca.gov.vn/issuing.crl"};
  return s;
}

inline CertificateSpec ocsp_spec(const Issued& sub, const PrivateKey& key, TimePoint from, TimePoint to, Rng& rng) {
  CertificateSpec s =
      base_spec({{"C", "VN"}, {"O", "Ban Cơ yếu Chính phủ"}, {"CN", "OCSP - CA phục vụ các cơ quan Nhà nước"}}, &sub,
                key, from, to, rng);
  s.key_usage = {"digitalSignature"};
  s.extended_key_usage = {"OCSPSigning"};
  s.ocsp_no_check = true;
  return s;
}

inline Issued issue(CertificateSpec spec, const PrivateKey& issuer_key) {
  auto der = sign_certificate(spec, issuer_key);
  if (!der) throw std::runtime_error("sign_certificate: " + der.error().message_en);
  return Issued{std::move(spec), std::move(*der)};
}

inline PrivateKey key(KeyType t) {
  auto k = generate_key(t);
  if (!k) throw std::runtime_error("generate_key: " + k.error().message_en);
  return std::move(*k);
}

// Root EC P-384, issuing CA RSA-2048, person RSA-2048, TLS and OCSP EC P-256; CA certificates
// valid over [from - 1 day, to + 1 day], end entities over [from, to].
inline std::unique_ptr<Hierarchy> make_hierarchy(TimePoint from, TimePoint to, std::uint64_t seed = 1) {
  DeterministicRng rng(seed);
  const auto day = std::chrono::hours(24);
  auto h = std::make_unique<Hierarchy>(Hierarchy{key(KeyType::ec_p384),
                                                 key(KeyType::rsa2048),
                                                 key(KeyType::rsa2048),
                                                 key(KeyType::ec_p256),
                                                 key(KeyType::ec_p256),
                                                 {},
                                                 {},
                                                 {},
                                                 {},
                                                 {}});
  h->root = issue(root_spec(h->root_key, from - day, to + day, rng), h->root_key);
  h->sub = issue(sub_spec(h->root, h->sub_key, from - day, to + day, rng), h->root_key);
  h->person = issue(person_spec(h->sub, h->person_key, from, to, rng), h->sub_key);
  h->tls = issue(tls_spec(h->sub, h->tls_key, from, to, rng), h->sub_key);
  h->ocsp = issue(ocsp_spec(h->sub, h->ocsp_key, from, to, rng), h->sub_key);
  return h;
}

}  // namespace ct::crypto::testing
