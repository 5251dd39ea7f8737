// Not a test itself: the backend list for the conformance suite (linked into the test binary).
#include <cstdlib>
#include <random>

#include "store/migrations.h"
#include "store/open.h"
#include "store/store_test_support.h"

namespace ct::store::testing {

std::filesystem::path make_scratch_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "chungthu-store-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
  return tmpl;
}

std::vector<BackendFactory> backends() {
  std::vector<BackendFactory> out;
  out.push_back({"sqlite", [](const std::filesystem::path& scratch) {
                   return open_database("sqlite", scratch);
                 }});
  return out;
}

}  // namespace ct::store::testing
