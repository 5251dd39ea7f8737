// Not a test itself: the backend list for the conformance suite (linked into the test binaries
// that need it). PostgreSQL: each test gets its own database (CREATE DATABASE with a random
// name), dropped when the test's Database goes away.
#include <cstdlib>
#include <fstream>
#include <random>

#include "store/migrations.h"
#include "store/open.h"
#include "store/postgres_database.h"
#include "store/store_test_support.h"

namespace ct::store::testing {
namespace {

constexpr const char* kDatabaseNameFile = "postgres-database";

// DROP DATABASE … WITH (FORCE) ends the sessions still connected (PostgreSQL 13+).
void drop_database(const std::string& admin_url, const std::string& name) {
  auto admin = open_postgres(admin_url, {1});
  if (!admin) return;
  if (auto c = (*admin)->acquire()) (void)(*c)->exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

// A per-test PostgreSQL database, dropped on destruction.
class ScratchPostgres final : public Database {
 public:
  ScratchPostgres(std::unique_ptr<Database> inner, std::string admin_url, std::string name)
      : inner_(std::move(inner)), admin_url_(std::move(admin_url)), name_(std::move(name)) {}
  ~ScratchPostgres() override {
    inner_.reset();
    drop_database(admin_url_, name_);
  }
  ScratchPostgres(const ScratchPostgres&) = delete;
  ScratchPostgres& operator=(const ScratchPostgres&) = delete;
  Dialect dialect() const noexcept override { return inner_->dialect(); }
  Result<Lease> acquire() override { return inner_->acquire(); }

 private:
  std::unique_ptr<Database> inner_;
  std::string admin_url_;
  std::string name_;
};

std::string random_name() {
  std::random_device rd;
  std::uniform_int_distribution<int> digit(0, 35);
  std::string name = "ct_test_";
  for (int i = 0; i < 16; ++i) {
    const int d = digit(rd);
    name.push_back(static_cast<char>(d < 10 ? '0' + d : 'a' + d - 10));
  }
  return name;
}

Result<std::unique_ptr<Database>> open_scratch_postgres(const std::filesystem::path& scratch) {
  const std::string url = test_postgres_url();
  const std::string name = random_name();
  {
    auto admin = open_postgres(url, {1});
    if (!admin) return fail(admin.error());
    auto c = (*admin)->acquire();
    if (!c) return fail(c.error());
    if (auto s = (*c)->exec("CREATE DATABASE " + name); !s) return fail(s.error());
  }
  std::ofstream(scratch / kDatabaseNameFile) << name;
  auto db = open_database(with_database(url, name), scratch);
  if (!db) {
    drop_database(url, name);
    return fail(db.error());
  }
  return std::unique_ptr<Database>(std::make_unique<ScratchPostgres>(std::move(*db), url, name));
}

Result<std::unique_ptr<Database>> reopen_scratch_postgres(const std::filesystem::path& scratch) {
  return open_database(scratch_postgres_url(scratch), scratch);
}

}  // namespace

std::filesystem::path make_scratch_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "chungthu-store-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

std::string test_postgres_url() {
  const char* v = std::getenv("CHUNGTHU_TEST_POSTGRES_URL");
  return v == nullptr ? std::string() : std::string(v);
}

std::string scratch_postgres_url(const std::filesystem::path& scratch) {
  std::string name;
  std::ifstream(scratch / kDatabaseNameFile) >> name;
  return name.empty() ? std::string() : with_database(test_postgres_url(), name);
}

std::string with_database(const std::string& url, const std::string& name) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url + " dbname=" + name;
  const auto path = url.find_first_of("/?", scheme + 3);
  if (path == std::string::npos) return url + "/" + name;
  const auto query = url.find('?', path);
  return url.substr(0, path) + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

std::vector<BackendFactory> backends() {
  std::vector<BackendFactory> out;
  auto sqlite = [](const std::filesystem::path& scratch) { return open_database("sqlite", scratch); };
  out.push_back({"sqlite", sqlite, sqlite});
  out.push_back({"postgresql", open_scratch_postgres, reopen_scratch_postgres, [] {
                   return test_postgres_url().empty()
                              ? std::string("CHUNGTHU_TEST_POSTGRES_URL is unset (ctest starts a private cluster)")
                              : std::string();
                 }});
  return out;
}

std::string chosen_backend() {
  const char* wanted = std::getenv("CHUNGTHU_TEST_REGISTRY_BACKEND");
  return wanted == nullptr ? std::string("sqlite") : std::string(wanted);
}

Result<std::unique_ptr<Database>> open_chosen_backend(const std::filesystem::path& scratch) {
  const std::string name = chosen_backend();
  for (const auto& b : backends()) {
    if (b.name != name) continue;
    if (auto why = b.skip_reason(); !why.empty()) return fail(ErrorCode::unavailable, why, why);
    return b.open(scratch);
  }
  return fail(ErrorCode::invalid_input, "CHUNGTHU_TEST_REGISTRY_BACKEND: " + name,
              "CHUNGTHU_TEST_REGISTRY_BACKEND: " + name);
}

}  // namespace ct::store::testing
