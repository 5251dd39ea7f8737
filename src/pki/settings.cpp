#include "pki/settings.h"

namespace ct::pki {
namespace {
template <typename T>
Status take(Result<T> r, T& out) {
  if (!r) return fail(r.error());
  out = std::move(*r);
  return {};
}
Status take_key(const Config& cfg, const std::string& key, crypto::KeyType& out) {
  auto s = cfg.string(key, crypto::to_string(out));
  if (!s) return fail(s.error());
  auto t = crypto::parse_key_type(*s);
  if (!t) return fail(t.error().within(key));
  out = *t;
  return {};
}
Status take_days(const Config& cfg, const std::string& key, int& out, int max) {
  auto v = cfg.integer(key, out);
  if (!v) return fail(v.error());
  if (*v < 1 || *v > max) {
    return fail(ErrorCode::invalid_input, "Giá trị '" + key + "' phải từ 1 đến " + std::to_string(max),
                "'" + key + "' must be between 1 and " + std::to_string(max), key);
  }
  out = static_cast<int>(*v);
  return {};
}
}  // namespace

Result<PkiSettings> PkiSettings::load(const Config& cfg) {
  PkiSettings s;
  for (auto st : {take(cfg.string("ca.country", s.country), s.country),
                  take(cfg.string("ca.organization", s.organization), s.organization),
                  take(cfg.string("ca.root_name", s.root_common_name), s.root_common_name),
                  take(cfg.string("ca.issuing_name", s.issuing_common_name), s.issuing_common_name),
                  take(cfg.string("ca.ocsp_name", s.ocsp_common_name), s.ocsp_common_name),
                  take_key(cfg, "ca.root_key", s.root_key), take_key(cfg, "ca.issuing_key", s.issuing_key),
                  take_key(cfg, "ca.ocsp_key", s.ocsp_key), take_days(cfg, "ca.root_days", s.root_days, 36500),
                  take_days(cfg, "ca.issuing_days", s.issuing_days, 36500),
                  take_days(cfg, "ca.ocsp_days", s.ocsp_days, 3650),
                  take_days(cfg, "ca.ocsp_renew_days", s.ocsp_renew_days, 3650),
                  take_days(cfg, "ca.expiry_warning_days", s.expiry_warning_days, 36500),
                  take(cfg.string("pki.base_url", s.base_url), s.base_url),
                  take(cfg.string("pki.policy_oid", s.policy_oid), s.policy_oid)}) {
    if (!st) return fail(st.error());
  }
  if (s.ocsp_renew_days >= s.ocsp_days && !cfg.has("ca.ocsp_renew_days")) {
    s.ocsp_renew_days = std::max(1, s.ocsp_days / 3);  // a short-lived signer: renewed at two thirds
  }
  if (s.ocsp_renew_days >= s.ocsp_days && s.ocsp_days > 1) {
    return fail(ErrorCode::invalid_input, "ca.ocsp_renew_days phải nhỏ hơn ca.ocsp_days",
                "ca.ocsp_renew_days must be less than ca.ocsp_days", "ca.ocsp_renew_days");
  }
  int crl_hours = static_cast<int>(s.crl_next_update.count());
  int ocsp_hours = static_cast<int>(s.ocsp_validity.count());
  if (auto st = take_days(cfg, "pki.crl_next_update_hours", crl_hours, 24 * 31); !st) return fail(st.error());
  if (auto st = take_days(cfg, "pki.ocsp_validity_hours", ocsp_hours, 24 * 7); !st) return fail(st.error());
  s.crl_next_update = std::chrono::hours(crl_hours);
  s.ocsp_validity = std::chrono::hours(ocsp_hours);
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  if (s.base_url.rfind("http://", 0) != 0 && s.base_url.rfind("https://", 0) != 0) {
    return fail(ErrorCode::invalid_input, "pki.base_url phải bắt đầu bằng http:// hoặc https://",
                "pki.base_url must start with http:// or https://", "pki.base_url");
  }
  return s;
}

std::string PkiSettings::ca_certificate_url(const std::string& ca_name) const {
  return base_url + "/ca/" + ca_name + ".crt";
}
std::string PkiSettings::crl_url(const std::string& ca_name) const { return base_url + "/crl/" + ca_name + ".crl"; }
std::string PkiSettings::ocsp_url() const { return base_url + "/ocsp"; }

}  // namespace ct::pki
