#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "common/error.h"

namespace ct::app {

struct InitOptions {
  bool demo = false;  // also certificates for sample people of a province, a few of them revoked
  // "software", or "pkcs11" with the module, the token's label and optionally the PIN file (the
  // PIN from CHUNGTHU_PKCS11_PIN otherwise): written into [ca] of the new chungthu.toml.
  std::string key_backend = "software";
  std::string pkcs11_module;
  std::string pkcs11_token_label;
  std::string pkcs11_pin_file;
};

// The chungthu.toml init writes: the documented defaults, with the key backend of `options`.
[[nodiscard]] Result<std::string> initial_config(const InitOptions& options);

// `chungthu init`: creates the data directory (0700) with a documented chungthu.toml, the store,
// the CA hierarchy (its keys in the configured backend) and the first CRLs. Refuses (conflict) an
// already initialized directory; a failure leaves nothing behind (nor keys on the token).
[[nodiscard]] Status initialize(const std::filesystem::path& data_dir, const InitOptions& options, std::ostream& out);

}  // namespace ct::app
