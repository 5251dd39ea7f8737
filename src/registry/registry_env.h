#pragma once
// What every registry operation needs, injected (STYLE: domain code is pure): the store, the
// clock, randomness, policy, and the data directory (attachments live under it).

#include <filesystem>

#include "common/clock.h"
#include "common/rng.h"
#include "registry/registry_settings.h"
#include "registry/working_days.h"
#include "store/database.h"

namespace ct::registry {

struct RegistryEnv {
  store::Database& db;
  const Clock& clock;
  Rng& rng;
  const RegistrySettings& settings;
  const WorkingCalendar& calendar;
  std::filesystem::path data_dir;
};

struct Page {
  int limit = 100;
  int offset = 0;
};

}  // namespace ct::registry
