#pragma once
// Certificate profiles (SPEC §6): what a certificate of each kind contains. Defaults follow the
// government profile; every field can be changed under [profiles.<name>] in chungthu.toml.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/config.h"
#include "common/error.h"
#include "crypto/keys.h"

namespace ct::pki {

struct Profile {
  std::string name;
  bool is_ca = false;
  std::optional<int> path_length;
  std::vector<std::string> key_usage;
  std::vector<std::string> extended_key_usage;
  int max_days = 1825;          // a new subscriber certificate: at most 5 years
  int default_days = 1095;
  bool require_email = false;   // at least one SAN e-mail
  bool require_dns = false;     // at least one SAN dNSName
  bool allow_dns = false;
  bool include_policy = true;
  bool include_aia = true;
  bool include_cdp = true;
  bool ocsp_no_check = false;

  // RFC 5480 §3: an EC key must not assert keyEncipherment or dataEncipherment; those bits are
  // dropped for EC keys.
  [[nodiscard]] std::vector<std::string> key_usage_for(crypto::KeyType key) const;
};

class ProfileSet {
 public:
  // The built-in profiles (individual, organization, device, ocsp, subca) with overrides from
  // `cfg` (profiles.<name>.max_days, default_days, key_usage, extended_key_usage, require_email…).
  [[nodiscard]] static Result<ProfileSet> load(const Config& cfg);
  [[nodiscard]] Result<const Profile*> find(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> names() const;

 private:
  std::map<std::string, Profile> profiles_;
};

}  // namespace ct::pki
