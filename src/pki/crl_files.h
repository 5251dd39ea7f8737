#pragma once
// The current CRL of a CA as a file on this node. The store holds each published CRL (its DER in
// `crl_contents`, beside its record in `crls`), so every node serves the same current CRL: a
// node keeps a copy of the latest under its own CRL folder, named by CA and number (a numbered
// CRL never changes), fetched from the store when it is missing and checked against the
// record's SHA-256 before it is used.

#include <filesystem>
#include <optional>

#include "common/error.h"
#include "store/database.h"
#include "store/records.h"

namespace ct::pki {

struct CurrentCrl {
  store::CrlRecord record;
  std::filesystem::path file;
};

// "<dir>/<ca>-<number>.crl": the publisher writes the same name, so the publishing node never fetches.
[[nodiscard]] std::filesystem::path numbered_crl_file(const std::filesystem::path& dir, const std::string& ca_name,
                                                      std::int64_t number);

// nullopt when the CA has published no full CRL yet. The store not holding the latest CRL's
// contents (published by another node before they were kept) or holding contents that do not
// match its record is `unavailable` / `integrity`.
[[nodiscard]] Result<std::optional<CurrentCrl>> current_crl_file(store::Connection& c, const store::CaRecord& ca,
                                                                 const std::filesystem::path& dir);

}  // namespace ct::pki
