#pragma once
// The CA key backend an installation's configuration names (SPEC §6):
//   [ca] key_backend = "software"  encrypted PKCS#8 files in keys/, the passphrase from
//        CHUNGTHU_CA_PASSPHRASE or ca.passphrase_file (created by init);
//   [ca] key_backend = "pkcs11"    keys on a token or HSM: ca.pkcs11_module, ca.pkcs11_token_label
//        (or ca.pkcs11_token_serial), ca.pkcs11_sessions, the user PIN from CHUNGTHU_PKCS11_PIN
//        (wins) or the 0600 file ca.pkcs11_pin_file.

#include <filesystem>
#include <memory>

#include "common/config.h"
#include "common/error.h"
#include "crypto/key_backend.h"
#include "crypto/random.h"

namespace ct::app {

inline constexpr const char* kPkcs11PinEnv = "CHUNGTHU_PKCS11_PIN";

// The CA key passphrase ($CHUNGTHU_CA_PASSPHRASE, else ca.passphrase_file); never created here.
[[nodiscard]] Result<std::string> ca_passphrase(const Config& cfg, const std::filesystem::path& data_dir);

// `creating`: for init, which makes the passphrase file when there is none.
[[nodiscard]] Result<std::unique_ptr<crypto::KeyBackend>> open_key_backend(const Config& cfg,
                                                                           const std::filesystem::path& data_dir,
                                                                           Rng& rng, bool creating);

}  // namespace ct::app
