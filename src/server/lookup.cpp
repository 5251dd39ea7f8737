#include "server/lookup.h"

#include <algorithm>
#include <cctype>

#include "common/hex.h"
#include "common/text.h"
#include "common/time_format.h"
#include "crypto/certificate.h"
#include "crypto/crl.h"
#include "crypto/pem.h"
#include "store/pki_repository.h"

namespace ct::server {
namespace {

constexpr std::size_t kMaxQueryBytes = 200;
constexpr int kMaxLimit = 100;
constexpr int kMaxOffset = 10000;

Error bad(const std::string& vi, const std::string& en, const std::string& field) {
  return Error::make(ErrorCode::invalid_input, vi, en, field);
}

Result<std::map<std::int64_t, store::CaRecord>> ca_map(store::Connection& c) {
  auto cas = store::list_cas(c);
  if (!cas) return fail(cas.error());
  std::map<std::int64_t, store::CaRecord> out;
  for (auto& ca : *cas) out.emplace(ca.id, std::move(ca));
  return out;
}

nlohmann::json ca_json(const store::CaRecord& ca) {
  return {{"name", ca.name}, {"common_name", ca.display_name}};
}

}  // namespace

Status check_lookup_query(const LookupQuery& query) {
  const int given = int{query.serial.has_value()} + int{query.email.has_value()} + int{query.q.has_value()};
  if (given != 1) {
    return fail(bad("Cần đúng một trong các tham số serial, email, q", "Give exactly one of serial, email, q",
                    "serial|email|q"));
  }
  using Param = std::pair<const std::optional<std::string>*, const char*>;
  for (const auto& [value, name] : {Param{&query.serial, "serial"}, Param{&query.email, "email"}, Param{&query.q, "q"}}) {
    if (!value->has_value()) continue;
    const std::string& v = **value;
    if (!text::is_valid_utf8(v)) return fail(bad("Tham số không phải UTF-8 hợp lệ", "Parameter is not valid UTF-8", name));
    if (text::trim(v).empty()) return fail(bad("Tham số rỗng", "Empty parameter", name));
    if (v.size() > kMaxQueryBytes) return fail(bad("Tham số quá dài", "Parameter too long", name));
  }
  if (query.serial && !normalize_serial_hex(text::trim(*query.serial))) {
    return fail(bad("Số hiệu phải là chuỗi hex", "The serial must be hexadecimal", "serial"));
  }
  if (query.email && text::trim(*query.email).find('@') == std::string::npos) {
    return fail(bad("Địa chỉ thư điện tử không hợp lệ", "Invalid e-mail address", "email"));
  }
  if (query.limit < 1 || query.limit > kMaxLimit) {
    return fail(bad("limit phải từ 1 đến 100", "limit must be between 1 and 100", "limit"));
  }
  if (query.offset < 0 || query.offset > kMaxOffset) {
    return fail(bad("offset phải từ 0 đến 10000", "offset must be between 0 and 10000", "offset"));
  }
  return {};
}

nlohmann::json certificate_json(const store::CertificateRecord& r, const store::CaRecord* issuer,
                                const pki::ProfileSet& profiles, TimePoint now) {
  nlohmann::json j{{"serial", r.serial},
                   {"subject", r.subject},
                   {"common_name", r.common_name},
                   {"email", r.email ? nlohmann::json(*r.email) : nlohmann::json()},
                   {"profile", r.profile},
                   {"issuer", issuer != nullptr ? ca_json(*issuer) : nlohmann::json()},
                   {"not_before", timefmt::iso8601_utc(r.not_before)},
                   {"not_after", timefmt::iso8601_utc(r.not_after)}};
  std::string status;
  std::string status_vi;
  switch (r.status) {
    case store::CertStatus::revoked:
      status = "revoked";
      status_vi = "Đã thu hồi";
      break;
    case store::CertStatus::hold:
      status = "on_hold";
      status_vi = "Tạm dừng";
      break;
    case store::CertStatus::valid:
      status = r.not_after < now ? "expired" : "valid";
      status_vi = r.not_after < now ? "Hết hạn" : "Còn hiệu lực";
      break;
  }
  j["status"] = status;
  j["status_vi"] = status_vi;
  if (r.status != store::CertStatus::valid) {
    nlohmann::json rev{{"revoked_at", r.revoked_at ? nlohmann::json(timefmt::iso8601_utc(*r.revoked_at)) : nlohmann::json()}};
    if (r.status == store::CertStatus::hold) {
      rev["reason"] = crypto::to_string(crypto::CrlReason::certificate_hold);
    } else if (r.revocation_reason) {
      rev["reason"] = crypto::to_string(static_cast<crypto::CrlReason>(*r.revocation_reason));
    } else {
      rev["reason"] = crypto::to_string(crypto::CrlReason::unspecified);
    }
    if (r.invalidity_date) rev["invalidity_date"] = timefmt::iso8601_utc(*r.invalidity_date);
    j["revocation"] = rev;
  }
  nlohmann::json usages{{"key_usage", nlohmann::json::array()}, {"extended_key_usage", nlohmann::json::array()}};
  if (auto p = profiles.find(r.profile)) {
    usages["key_usage"] = (*p)->key_usage;
    usages["extended_key_usage"] = (*p)->extended_key_usage;
  }
  j["usages"] = usages;
  return j;
}

Result<nlohmann::json> lookup_certificates(store::Database& db, const pki::ProfileSet& profiles, const Clock& clock,
                                           const LookupQuery& query) {
  if (auto s = check_lookup_query(query); !s) return fail(s.error());
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  std::vector<store::CertificateRecord> rows;
  bool has_more = false;
  if (query.serial) {
    auto rec = store::find_certificate(**lease, *normalize_serial_hex(text::trim(*query.serial)));
    if (!rec) return fail(rec.error());
    if (*rec && query.offset == 0) rows.push_back(std::move(**rec));
  } else {
    // One row more than asked tells whether there is a next page.
    auto found = query.email ? store::find_certificates_by_email(**lease, text::ascii_lower(text::trim(*query.email)),
                                                                  query.limit + 1, query.offset)
                             : store::find_certificates_by_name(**lease, text::fold(*query.q), query.limit + 1,
                                                                 query.offset);
    if (!found) return fail(found.error());
    rows = std::move(*found);
    has_more = rows.size() > static_cast<std::size_t>(query.limit);
    if (has_more) rows.resize(static_cast<std::size_t>(query.limit));
  }
  auto cas = ca_map(**lease);
  if (!cas) return fail(cas.error());
  const TimePoint now = clock.now();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : rows) {
    auto it = cas->find(r.ca_id);
    items.push_back(certificate_json(r, it == cas->end() ? nullptr : &it->second, profiles, now));
  }
  return nlohmann::json{{"items", std::move(items)}, {"limit", query.limit}, {"offset", query.offset},
                        {"has_more", has_more}};
}

Result<store::CertificateRecord> certificate_by_serial(store::Database& db, std::string_view serial) {
  auto canonical = normalize_serial_hex(serial);
  if (!canonical) return fail(bad("Số hiệu phải là chuỗi hex", "The serial must be hexadecimal", "serial"));
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto rec = store::find_certificate(**lease, *canonical);
  if (!rec) return fail(rec.error());
  if (!*rec) {
    return fail(ErrorCode::not_found, "Không có chứng thư số số hiệu " + *canonical,
                "No certificate with serial " + *canonical, "serial");
  }
  return std::move(**rec);
}

Result<nlohmann::json> inspect_certificate_file(store::Database& db, const pki::ProfileSet& profiles,
                                                const Clock& clock, std::span<const std::uint8_t> file) {
  if (file.size() > kMaxInspectBytes) return fail(bad("Tệp quá lớn (tối đa 64 KiB)", "File too large (64 KiB at most)", "file"));
  auto der = crypto::pem_or_der(file, {"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"});
  if (!der) {
    return fail(bad("Tệp không phải chứng thư số (PEM hoặc DER)", "The file is not a certificate (PEM or DER)", "file"));
  }
  auto info = crypto::inspect_certificate(*der);
  if (!info) {
    return fail(bad("Không đọc được chứng thư số: " + info.error().message_vi,
                    "Cannot parse the certificate: " + info.error().message_en, "file"));
  }
  const TimePoint now = clock.now();
  nlohmann::json cert{{"serial", info->serial_hex},
                      {"subject", info->subject_text},
                      {"issuer", info->issuer_text},
                      {"not_before", timefmt::iso8601_utc(info->not_before)},
                      {"not_after", timefmt::iso8601_utc(info->not_after)},
                      {"key_algorithm", info->key_algorithm},
                      {"signature_algorithm", info->signature_algorithm},
                      {"is_ca", info->is_ca},
                      {"key_usage", info->key_usage},
                      {"extended_key_usage", info->extended_key_usage},
                      {"policy_oids", info->policy_oids},
                      {"san_emails", info->san_emails},
                      {"san_dns", info->san_dns},
                      {"ocsp_urls", info->ocsp_urls},
                      {"ca_issuer_urls", info->ca_issuer_urls},
                      {"crl_urls", info->crl_urls},
                      {"sha256_fingerprint", info->sha256_fingerprint},
                      {"within_validity", info->not_before <= now && now <= info->not_after}};
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  auto cas = ca_map(**lease);
  if (!cas) return fail(cas.error());
  const store::CaRecord* issuer = nullptr;
  for (const auto& [id, ca] : *cas) {
    if (crypto::is_issued_by(*der, ca.certificate)) {
      issuer = &ca;
      break;
    }
  }
  nlohmann::json out{{"certificate", cert},
                     {"issued_by", issuer != nullptr ? ca_json(*issuer) : nlohmann::json()},
                     {"ours", false},
                     {"record", nlohmann::json()}};
  std::string verdict_vi;
  std::string verdict_en;
  if (issuer == nullptr) {
    verdict_vi = "Chứng thư số này không do CA nào của hệ thống cấp";
    verdict_en = "This certificate was not issued by any of our CAs";
  } else {
    auto rec = store::find_certificate(**lease, info->serial_hex);
    if (!rec) return fail(rec.error());
    if (*rec && (*rec)->der == *der) {
      out["ours"] = true;
      out["record"] = certificate_json(**rec, issuer, profiles, now);
      verdict_vi = "Chứng thư số do " + issuer->display_name + " cấp; trạng thái: " +
                   out["record"]["status_vi"].get<std::string>();
      verdict_en = "Issued by " + issuer->display_name + "; status: " + out["record"]["status"].get<std::string>();
    } else if (std::any_of(cas->begin(), cas->end(), [&](const auto& kv) { return kv.second.certificate == *der; })) {
      verdict_vi = "Đây là chứng thư số của một CA trong hệ thống";
      verdict_en = "This is the certificate of one of our CAs";
    } else {
      verdict_vi = "Chữ ký của CA hợp lệ nhưng hệ thống không có bản ghi chứng thư số này";
      verdict_en = "The CA's signature verifies but we hold no record of this certificate";
    }
  }
  out["verdict"] = verdict_vi;
  out["verdict_en"] = verdict_en;
  return out;
}

}  // namespace ct::server
