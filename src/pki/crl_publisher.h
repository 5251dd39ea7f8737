#pragma once
// Publishes the CRL of a CA: the next CRL number (strictly increasing, allocated in its own
// transaction so concurrent publishers never share one), the revoked entries streamed from the
// store into the CRL writer, the pre-release check, then `<dir>/<ca>-<number>.crl` and the current
// `<dir>/<ca>.crl` replaced atomically, and a record in the store (with the CRL's DER, which every
// node serves: pki/crl_files.h) committed with its `crl.publish` audit entry (SPEC §8) by `actor`.

#include <filesystem>
#include <optional>
#include <string>

#include "common/clock.h"
#include "crypto/keys.h"
#include "pki/settings.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

struct PublishedCrl {
  std::int64_t number = 0;
  std::uint64_t entries = 0;
  TimePoint this_update;
  TimePoint next_update;
  std::filesystem::path path;     // the numbered file
  std::filesystem::path current;  // <dir>/<ca>.crl
};

[[nodiscard]] Result<PublishedCrl> publish_crl(store::Database& db, const store::CaRecord& ca,
                                               const crypto::PrivateKey& key, const PkiSettings& settings,
                                               const Clock& clock, const std::filesystem::path& dir,
                                               const std::string& actor = "system");

}  // namespace ct::pki
