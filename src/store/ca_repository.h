#pragma once
// The CAs of the hierarchy (root, issuing, OCSP signer): table `cas`. Like every repository here,
// functions take the Connection so callers compose them in one transaction.

#include <optional>
#include <string_view>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace ct::store {

[[nodiscard]] Result<std::int64_t> insert_ca(Connection& c, const CaRecord& ca);
[[nodiscard]] Result<std::optional<CaRecord>> find_ca(Connection& c, std::string_view name);
[[nodiscard]] Result<std::optional<CaRecord>> find_ca(Connection& c, std::int64_t id);
[[nodiscard]] Result<std::vector<CaRecord>> list_cas(Connection& c);
// Puts a renewed certificate and key in place of the CA `name`'s, only while its serial is still
// `current_serial` (two renewals at once: one wins). False when it no longer is.
[[nodiscard]] Result<bool> replace_ca_certificate(Connection& c, std::string_view name, std::string_view current_serial,
                                                  const CaRecord& renewed);

}  // namespace ct::store
