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

}  // namespace ct::store
