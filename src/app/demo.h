#pragma once

#include <ostream>

#include "app/context.h"

namespace ct::app {

// `init --demo`: a province to walk the whole process (Bắc Ninh: departments, district
// committees, schools under the education department), about 300 people with Vietnamese names
// generated deterministically, users of every role with random passwords printed ONCE to `out`
// (never logged or stored in clear), certificates for some people (a few revoked or on hold),
// an open registration round and requests in the workflow's states.
[[nodiscard]] Status seed_demo(Context& ctx, std::ostream& out);

}  // namespace ct::app
