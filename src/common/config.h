#pragma once
// Settings from `chungthu.toml` in the data directory. Every key can be overridden by an
// environment variable: the dotted key upper-cased with '.' and '-' turned into '_' and the
// prefix CHUNGTHU_ (ca.issuing_name → CHUNGTHU_CA_ISSUING_NAME). Lists from the environment are
// comma-separated. Secrets (passphrases, passwords) are never read from this file's values into
// logs: callers decide what to log.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace ct {

class Config {
 public:
  Config() = default;
  // Loads the TOML file when it exists (a missing file is an empty configuration);
  // a syntax error is an invalid_input error with the line and column.
  [[nodiscard]] static Result<Config> load(const std::filesystem::path& file);
  [[nodiscard]] static Result<Config> parse(std::string_view toml_text, const std::string& origin);

  // Values: environment first, then the file, then `fallback`. A value of the wrong type is an
  // invalid_input error naming the key.
  [[nodiscard]] Result<std::string> string(const std::string& key, const std::string& fallback) const;
  [[nodiscard]] Result<std::int64_t> integer(const std::string& key, std::int64_t fallback) const;
  [[nodiscard]] Result<bool> boolean(const std::string& key, bool fallback) const;
  [[nodiscard]] Result<std::vector<std::string>> strings(const std::string& key,
                                                         const std::vector<std::string>& fallback) const;
  [[nodiscard]] bool has(const std::string& key) const;

  // Sets a value in memory (tests, and `init` writing defaults).
  void set(const std::string& key, const std::string& value);

  [[nodiscard]] static std::string env_name(const std::string& key);

 private:
  struct Value {
    enum class Kind { string, integer, boolean, list } kind = Kind::string;
    std::string s;
    std::int64_t i = 0;
    bool b = false;
    std::vector<std::string> list;
  };
  [[nodiscard]] std::optional<std::string> from_env(const std::string& key) const;
  std::map<std::string, Value> values_;
  std::string origin_;
};

}  // namespace ct
