#include "pki/profile.h"

#include <algorithm>

namespace ct::pki {
namespace {

std::map<std::string, Profile> builtins() {
  std::map<std::string, Profile> m;
  Profile individual;
  individual.name = "individual";
  individual.key_usage = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment"};
  individual.extended_key_usage = {"clientAuth", "emailProtection"};
  individual.require_email = true;
  m["individual"] = individual;

  Profile organization = individual;
  organization.name = "organization";
  m["organization"] = organization;

  Profile device;
  device.name = "device";
  device.key_usage = {"digitalSignature", "keyEncipherment"};
  device.extended_key_usage = {"serverAuth", "clientAuth"};
  device.require_dns = true;
  device.allow_dns = true;
  device.max_days = 825;
  device.default_days = 397;
  m["device"] = device;

  Profile ocsp;
  ocsp.name = "ocsp";
  ocsp.key_usage = {"digitalSignature"};
  ocsp.extended_key_usage = {"OCSPSigning"};
  ocsp.max_days = 3650;
  ocsp.default_days = 365;
  ocsp.include_aia = false;
  ocsp.include_cdp = false;
  ocsp.ocsp_no_check = true;
  m["ocsp"] = ocsp;

  Profile subca;
  subca.name = "subca";
  subca.is_ca = true;
  subca.path_length = 0;
  subca.key_usage = {"keyCertSign", "cRLSign"};
  subca.max_days = 36500;
  subca.default_days = 3650;
  subca.include_aia = true;
  m["subca"] = subca;
  return m;
}

template <typename T>
Status take(Result<T> r, T& out) {
  if (!r) return fail(r.error());
  out = std::move(*r);
  return {};
}

Status take_int(const Config& cfg, const std::string& key, int& out) {
  auto v = cfg.integer(key, out);
  if (!v) return fail(v.error());
  if (*v < 1 || *v > 36500) {
    return fail(ErrorCode::invalid_input, "Giá trị '" + key + "' phải từ 1 đến 36500",
                "'" + key + "' must be between 1 and 36500", key);
  }
  out = static_cast<int>(*v);
  return {};
}

}  // namespace

std::vector<std::string> Profile::key_usage_for(crypto::KeyType key) const {
  if (key != crypto::KeyType::ec_p256 && key != crypto::KeyType::ec_p384) return key_usage;
  std::vector<std::string> out;
  std::copy_if(key_usage.begin(), key_usage.end(), std::back_inserter(out),
               [](const std::string& u) { return u != "keyEncipherment" && u != "dataEncipherment"; });
  return out;
}

Result<ProfileSet> ProfileSet::load(const Config& cfg) {
  ProfileSet set;
  set.profiles_ = builtins();
  for (auto& [name, p] : set.profiles_) {
    const std::string k = "profiles." + name + ".";
    for (auto st : {take_int(cfg, k + "max_days", p.max_days), take_int(cfg, k + "default_days", p.default_days),
                    take(cfg.strings(k + "key_usage", p.key_usage), p.key_usage),
                    take(cfg.strings(k + "extended_key_usage", p.extended_key_usage), p.extended_key_usage),
                    take(cfg.boolean(k + "require_email", p.require_email), p.require_email),
                    take(cfg.boolean(k + "include_policy", p.include_policy), p.include_policy)}) {
      if (!st) return fail(st.error());
    }
    if (p.default_days > p.max_days) p.default_days = p.max_days;
  }
  return set;
}

Result<const Profile*> ProfileSet::find(const std::string& name) const {
  auto it = profiles_.find(name);
  if (it == profiles_.end()) {
    std::string all;
    for (const auto& n : names()) all += (all.empty() ? "" : ", ") + n;
    return fail(ErrorCode::invalid_input, "Không có hồ sơ chứng thư '" + name + "' (có: " + all + ")",
                "No certificate profile '" + name + "' (available: " + all + ")", "profile");
  }
  return &it->second;
}

std::vector<std::string> ProfileSet::names() const {
  std::vector<std::string> out;
  for (const auto& [n, p] : profiles_) out.push_back(n);
  return out;
}

}  // namespace ct::pki
