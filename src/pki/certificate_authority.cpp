#include "pki/certificate_authority.h"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <thread>

#include "audit/audit_log.h"
#include "common/internet_names.h"
#include "common/text.h"
#include "crypto/certificate.h"
#include "pki/serial.h"
#include "store/pki_repository.h"

namespace ct::pki {
namespace {

constexpr int kMaxSanEntries = 20;

Error refused(std::string vi, std::string en, std::string where) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(where));
}

std::string search_text(const crypto::DistinguishedName& dn) {
  std::string out = crypto::dn_value(dn, "CN");
  for (const auto& a : dn) {
    if (a.type == "O" || a.type == "OU") out += " " + a.value;
  }
  return text::fold(out);
}

audit::AuditEvent issue_event(const IssueRequest& req, const store::CertificateRecord& rec) {
  audit::AuditEvent e;
  e.actor = req.actor;
  e.action = "cert.issue";
  e.object_type = "certificate";
  e.object_id = rec.serial;
  e.org_id = req.org_id;
  nlohmann::json d = {{"serial", rec.serial}, {"profile", rec.profile}, {"subject", rec.subject},
                      {"not_after", to_unix(rec.not_after)}};
  if (rec.request_id) d["request_id"] = *rec.request_id;
  if (rec.replaces_id) d["replaces_id"] = *rec.replaces_id;
  e.details = d.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return e;
}

Error unique_serial_error() {
  return Error::make(ErrorCode::conflict, "Không tạo được số hiệu chứng thư duy nhất",
                     "Could not allocate a unique serial number");
}

Status append_alone(store::Connection& c, const Clock& clock, const audit::AuditEvent& ev) {
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  if (auto seq = audit::append(c, clock, ev); !seq) return fail(seq.error());
  return tx->commit();
}

}  // namespace

CertificateAuthority::CertificateAuthority(store::CaRecord ca, crypto::PrivateKey key, const PkiSettings& settings,
                                           const ProfileSet& profiles, const Clock& clock, Rng& rng)
    : ca_(std::move(ca)), key_(std::move(key)), settings_(settings), profiles_(profiles), clock_(clock), rng_(rng) {}

Result<CertificateAuthority::Prepared> CertificateAuthority::prepare(const IssueRequest& req) {
  return prepare_with_serial(req, generate_serial(rng_));
}

Result<CertificateAuthority::Prepared> CertificateAuthority::prepare_with_serial(const IssueRequest& req, Bytes serial) {
  auto profile_r = profiles_.find(req.profile);
  if (!profile_r) return fail(profile_r.error());
  const Profile& profile = **profile_r;

  Bytes spki;
  std::string algorithm;
  if (req.public_key_der) {
    auto alg = crypto::public_key_algorithm(*req.public_key_der);
    if (!alg) return fail(alg.error().within("public_key"));
    spki = *req.public_key_der;
    algorithm = *alg;
  } else {
    auto csr = crypto::parse_csr(req.csr, key_policy_);
    if (!csr) return fail(csr.error().within("csr"));
    spki = std::move(csr->public_key_der);
    algorithm = csr->key_algorithm;
  }

  if (crypto::dn_value(req.subject, "CN").empty()) {
    return fail(refused("Tên chủ thể phải có CN (tên người hoặc cơ quan)", "The subject must have a CN (person or organization name)", "subject"));
  }
  std::vector<std::string> emails;
  for (const auto& e : req.emails) {
    std::string v = text::ascii_lower(text::trim(e));
    if (!is_email_address(v)) {
      return fail(refused("Địa chỉ thư điện tử không hợp lệ: " + e, "Invalid e-mail address: " + e, "email"));
    }
    emails.push_back(std::move(v));
  }
  std::vector<std::string> dns;
  for (const auto& d : req.dns) {
    std::string v = text::ascii_lower(text::trim(d));
    if (!profile.allow_dns) {
      return fail(refused("Hồ sơ '" + profile.name + "' không cho phép tên miền (DNS)",
                          "Profile '" + profile.name + "' does not allow DNS names", "dns"));
    }
    if (!is_dns_name(v, /*allow_wildcard=*/true)) return fail(refused("Tên miền không hợp lệ: " + d, "Invalid DNS name: " + d, "dns"));
    dns.push_back(std::move(v));
  }
  if (emails.size() + dns.size() > kMaxSanEntries) {
    return fail(refused("Quá nhiều tên thay thế (tối đa 20)", "Too many alternative names (at most 20)", "san"));
  }
  if (profile.require_email && emails.empty()) {
    return fail(refused("Hồ sơ '" + profile.name + "' cần địa chỉ thư điện tử công vụ",
                        "Profile '" + profile.name + "' needs an official e-mail address", "email"));
  }
  if (profile.require_dns && dns.empty()) {
    return fail(refused("Hồ sơ '" + profile.name + "' cần ít nhất một tên miền (DNS)",
                        "Profile '" + profile.name + "' needs at least one DNS name", "dns"));
  }

  const TimePoint now = clock_.now();
  const int days = req.days.value_or(profile.default_days);
  if (days < 1 || days > profile.max_days) {
    return fail(refused("Thời hạn " + std::to_string(days) + " ngày vượt quá giới hạn " + std::to_string(profile.max_days) +
                            " ngày của hồ sơ '" + profile.name + "'",
                        "A validity of " + std::to_string(days) + " days is outside the " +
                            std::to_string(profile.max_days) + "-day limit of profile '" + profile.name + "'",
                        "days"));
  }
  TimePoint not_after = req.not_after.value_or(now + std::chrono::days(days));
  not_after = std::min({not_after, now + std::chrono::days(profile.max_days), ca_.not_after});
  if (not_after <= now) {
    return fail(refused("CA '" + ca_.display_name + "' đã hết hạn, không thể cấp chứng thư",
                        "CA '" + ca_.display_name + "' has expired and cannot issue", "ca"));
  }

  crypto::CertificateSpec spec;
  spec.serial = std::move(serial);
  spec.subject = req.subject;
  spec.issuer_certificate_der = ca_.certificate;
  spec.not_before = now;
  spec.not_after = not_after;
  spec.subject_public_key_der = spki;
  spec.is_ca = profile.is_ca;
  spec.path_length = profile.path_length;
  const bool ec = algorithm.rfind("EC-", 0) == 0;
  spec.key_usage = profile.key_usage_for(ec ? crypto::KeyType::ec_p256 : crypto::KeyType::rsa2048);
  spec.extended_key_usage = profile.extended_key_usage;
  if (profile.include_policy && !settings_.policy_oid.empty()) spec.policy_oids = {settings_.policy_oid};
  spec.san_emails = emails;
  spec.san_dns = dns;
  if (profile.include_aia) {
    if (!profile.is_ca) spec.ocsp_urls = {settings_.ocsp_url()};
    spec.ca_issuer_urls = {settings_.ca_certificate_url(ca_.name)};
  }
  if (profile.include_cdp) spec.crl_urls = {settings_.crl_url(ca_.name)};
  spec.ocsp_no_check = profile.ocsp_no_check;

  Prepared p;
  p.record.ca_id = ca_.id;
  p.record.profile = profile.name;
  p.record.subject = crypto::format_dn(req.subject);
  p.record.common_name = crypto::dn_value(req.subject, "CN");
  if (!emails.empty()) p.record.email = emails.front();
  p.record.name_fold = search_text(req.subject);
  p.record.organization_names = crypto::organization_names(req.subject);
  p.record.not_before = now;
  p.record.not_after = not_after;
  p.record.key_sha256 = to_hex(crypto::digest(crypto::HashAlg::sha256, spki));
  p.record.subscriber_id = req.subscriber_id;
  p.record.request_id = req.request_id;
  p.record.replaces_id = req.replaces_id;
  p.record.created_at = now;
  p.spec = std::move(spec);
  return sign_and_check(std::move(p));
}

Result<CertificateAuthority::Prepared> CertificateAuthority::sign_and_check(Prepared p) {
  auto der = crypto::sign_certificate(p.spec, key_);
  if (!der) return fail(der.error());
  if (auto check = crypto::check_certificate(*der, p.spec, key_.public_key_der()); !check) {
    spdlog::error("pre-release check refused a certificate of profile {} for '{}': {}", p.record.profile,
                  p.record.subject, check.error().message_en);
    return fail(Error::make(ErrorCode::internal,
                            "Chứng thư tạo ra không đạt kiểm tra trước khi phát hành; không cấp: " + check.error().message_vi,
                            "The certificate failed the pre-release check and was not issued: " + check.error().message_en));
  }
  p.record.serial = to_hex(p.spec.serial);
  p.record.der = std::move(*der);
  return p;
}

Result<IssuedCertificate> CertificateAuthority::issue(store::Database& db, const IssueRequest& req) {
  auto results = issue_batch(db, std::span<const IssueRequest>(&req, 1));
  return std::move(results.front());
}

Result<CertificateAuthority::Prepared> CertificateAuthority::with_new_serial(Prepared p) {
  spdlog::warn("serial collision on {}; retrying with a new serial", p.record.serial);
  p.spec.serial = generate_serial(rng_);
  return sign_and_check(std::move(p));
}

std::vector<Result<CertificateAuthority::Prepared>> CertificateAuthority::prepare_all(std::span<const IssueRequest> reqs) {
  // Serials are drawn in request order from the injected RNG (reproducible under a fixed seed);
  // signing and the pre-release check then run on every core.
  std::vector<Bytes> serials;
  serials.reserve(reqs.size());
  for (std::size_t i = 0; i < reqs.size(); ++i) serials.push_back(generate_serial(rng_));
  std::vector<std::optional<Result<Prepared>>> done(reqs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < reqs.size(); i = next++) done[i] = prepare_with_serial(reqs[i], std::move(serials[i]));
  };
  const std::size_t threads = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), reqs.size() / 4 + 1);
  {
    std::vector<std::jthread> pool;
    for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  std::vector<Result<Prepared>> out;
  out.reserve(reqs.size());
  for (auto& d : done) out.push_back(std::move(*d));
  return out;
}

Result<std::optional<std::size_t>> CertificateAuthority::insert_all(store::Connection& c,
                                                                    std::span<const IssueRequest> reqs,
                                                                    std::vector<std::optional<Prepared>>& prepared) {
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  for (std::size_t i = 0; i < prepared.size(); ++i) {
    if (!prepared[i]) continue;
    auto id = store::insert_certificate(c, prepared[i]->record);
    if (!id) {
      // A collision (the UNIQUE constraint) aborts the transaction on some backends.
      if (id.error().code == ErrorCode::conflict) return std::optional<std::size_t>(i);
      return fail(id.error());
    }
    prepared[i]->record.id = *id;
    if (auto seq = audit::append(c, clock_, issue_event(reqs[i], prepared[i]->record)); !seq) return fail(seq.error());
  }
  if (auto s = tx->commit(); !s) return fail(s.error());
  return std::optional<std::size_t>();
}

std::vector<Result<IssuedCertificate>> CertificateAuthority::issue_batch(store::Database& db,
                                                                         std::span<const IssueRequest> reqs) {
  std::vector<Result<IssuedCertificate>> out(reqs.size(), IssuedCertificate{});
  std::vector<std::optional<Prepared>> prepared(reqs.size());
  auto all = prepare_all(reqs);
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    if (all[i]) prepared[i] = std::move(*all[i]); else out[i] = fail(all[i].error());
  }
  auto fail_all = [&](const Error& e) {
    for (std::size_t i = 0; i < out.size(); ++i)
      if (prepared[i]) out[i] = fail(e);
  };
  auto lease = db.acquire();
  if (!lease) {
    fail_all(lease.error());
    return out;
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (!out[i] && out[i].error().code == ErrorCode::internal) audit_failure(**lease, reqs[i], out[i].error());
  }
  // A serial collision rolls the whole group back; it is retried with a fresh serial for the
  // colliding entry.
  for (int attempt = 0; attempt <= settings_.serial_retries; ++attempt) {
    auto collided = insert_all(**lease, reqs, prepared);
    if (!collided) {
      fail_all(collided.error());
      return out;
    }
    if (!*collided) {
      for (std::size_t i = 0; i < prepared.size(); ++i) {
        if (!prepared[i]) continue;
        const auto& rec = prepared[i]->record;
        out[i] = IssuedCertificate{rec.id, rec.serial, rec.der, rec.not_before, rec.not_after};
      }
      return out;
    }
    const std::size_t i = **collided;
    auto again = with_new_serial(std::move(*prepared[i]));
    if (again) {
      prepared[i] = std::move(*again);
    } else {
      out[i] = fail(again.error());
      prepared[i].reset();
      audit_failure(**lease, reqs[i], again.error());
    }
  }
  fail_all(unique_serial_error());
  return out;
}

void CertificateAuthority::audit_failure(store::Connection& c, const IssueRequest& req, const Error& e) {
  audit::AuditEvent ev;
  ev.actor = req.actor;
  ev.action = "cert.issue";
  ev.object_type = "certificate";
  ev.org_id = req.org_id;
  ev.outcome = "failed";
  nlohmann::json d = {{"profile", req.profile}, {"subject", crypto::format_dn(req.subject)}, {"ca", ca_.name},
                      {"error", e.message_en}};
  if (req.request_id) d["request_id"] = *req.request_id;
  ev.details = d.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (auto s = append_alone(c, clock_, ev); !s) {
    spdlog::error("cannot audit a failed issuance of profile {}: {}", req.profile, s.error().message_en);
  }
}

Result<IssuedCertificate> CertificateAuthority::issue_in(store::Connection& c, const IssueRequest& req) {
  if (!c.in_transaction()) {
    return fail(ErrorCode::internal, "issue_in cần một giao dịch ghi đang mở", "issue_in needs an open write transaction");
  }
  auto p = prepare(req);
  if (!p) return fail(p.error());
  for (int attempt = 0;; ++attempt) {
    auto taken = store::serial_exists(c, p->record.serial);
    if (!taken) return fail(taken.error());
    if (!*taken) break;
    if (attempt >= settings_.serial_retries) return fail(unique_serial_error());
    auto again = with_new_serial(std::move(*p));
    if (!again) return fail(again.error());
    p = std::move(again);
  }
  auto id = store::insert_certificate(c, p->record);
  if (!id) return fail(id.error());
  p->record.id = *id;
  if (auto seq = audit::append(c, clock_, issue_event(req, p->record)); !seq) return fail(seq.error());
  const auto& rec = p->record;
  return IssuedCertificate{rec.id, rec.serial, rec.der, rec.not_before, rec.not_after};
}

}  // namespace ct::pki
