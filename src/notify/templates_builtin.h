#pragma once
// The built-in mail templates: the files src/notify/templates/<kind>.tmpl, compiled in by the
// build (CMakeLists.txt writes templates_builtin.cpp from them), so the files are the one copy.

#include <string_view>

namespace ct::notify {

// The text of the built-in file of `kind`, empty if none.
[[nodiscard]] std::string_view builtin_text(std::string_view kind);

}  // namespace ct::notify
