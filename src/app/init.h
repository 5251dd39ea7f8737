#pragma once

#include <filesystem>
#include <ostream>

#include "common/error.h"

namespace ct::app {

// `chungthu init`: creates the data directory (0700) with a documented chungthu.toml, the store,
// the CA hierarchy and the first CRLs. With `demo`, also certificates for sample people of a
// province, a few of them revoked. Refuses (conflict) an already initialized directory.
[[nodiscard]] Status initialize(const std::filesystem::path& data_dir, bool demo, std::ostream& out);

}  // namespace ct::app
