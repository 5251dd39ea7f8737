#pragma once
// Backends the store conformance suite runs against. SQLite always; PostgreSQL when
// CHUNGTHU_TEST_POSTGRES_URL names a server (the test scripts start a private cluster). The
// PostgreSQL cases are always listed (test discovery runs without that variable) and skip
// themselves when it is unset.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <memory>
#include <string>
#include <vector>

#include "store/database.h"

namespace ct::store::testing {

struct BackendFactory {
  using Opener = std::function<Result<std::unique_ptr<Database>>(const std::filesystem::path& scratch)>;
  std::string name;
  // Opens a fresh, empty, migrated database; `scratch` is a private temporary directory. The
  // database is dropped when the returned object is destroyed.
  Opener open;
  // Opens the database that `open` created for `scratch` once more (another pool, e.g. in a
  // child process); dropping it stays with the first one.
  Opener reopen;
  // Empty when the backend can run here; otherwise why its cases are skipped.
  std::function<std::string()> skip_reason = [] { return std::string(); };
};

[[nodiscard]] std::vector<BackendFactory> backends();
// GoogleTest prints the backend's name in test names.
inline void PrintTo(const BackendFactory& b, std::ostream* os) { *os << b.name; }
[[nodiscard]] std::filesystem::path make_scratch_dir();

// The store a fixture runs on, by CHUNGTHU_TEST_REGISTRY_BACKEND (the `<layer>_on_postgresql`
// CTest entries set it): "sqlite" when unset. open_chosen_backend gives a fresh database of it,
// as `open` above does; unavailable when that backend cannot run here, with the reason.
[[nodiscard]] std::string chosen_backend();
[[nodiscard]] Result<std::unique_ptr<Database>> open_chosen_backend(const std::filesystem::path& scratch);

// $CHUNGTHU_TEST_POSTGRES_URL, or empty.
[[nodiscard]] std::string test_postgres_url();
// The URL of the PostgreSQL database that the backend's `open` created for `scratch`, or empty.
[[nodiscard]] std::string scratch_postgres_url(const std::filesystem::path& scratch);
// `url` with its database name replaced (postgresql://…/NAME?…).
[[nodiscard]] std::string with_database(const std::string& url, const std::string& name);

// A test run once per backend (INSTANTIATE_TEST_SUITE_P with ValuesIn(backends()) and
// backend_name): a fresh migrated database in db_ for each test, skipped where the backend
// cannot run. Subclasses that override SetUp call StoreTest::SetUp() first.
class StoreTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    if (auto why = GetParam().skip_reason(); !why.empty()) GTEST_SKIP() << why;
    scratch_ = make_scratch_dir();
    auto db = GetParam().open(scratch_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    if (!scratch_.empty()) std::filesystem::remove_all(scratch_);
  }
  std::filesystem::path scratch_;
  std::unique_ptr<Database> db_;
};
inline std::string backend_name(const ::testing::TestParamInfo<BackendFactory>& p) { return p.param.name; }

}  // namespace ct::store::testing
