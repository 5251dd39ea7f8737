// The registry tables. Never edit a released migration; add a new one.
#include "store/migrations.h"

namespace ct::store {

std::vector<Migration> registry_migrations() { return {}; }

}  // namespace ct::store
