#include "common/config.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <toml++/toml.h>

namespace ct {
namespace {

Error type_error(const std::string& key, const char* want_vi, const char* want_en) {
  return Error::make(ErrorCode::invalid_input, fmt::format("Khóa cấu hình '{}' phải là {}", key, want_vi),
                     fmt::format("Configuration key '{}' must be {}", key, want_en), key);
}

void flatten(const toml::table& t, const std::string& prefix,
             const std::function<void(const std::string&, const toml::node&)>& sink) {
  for (const auto& [k, v] : t) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = v.as_table()) {
      flatten(*sub, key, sink);
    } else {
      sink(key, v);
    }
  }
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else if (!(cur.empty() && c == ' ')) {
      cur.push_back(c);
    }
  }
  while (!cur.empty() && cur.back() == ' ') cur.pop_back();
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

Result<Config> Config::load(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return Config{};
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return fail(ErrorCode::unavailable, "Không đọc được tệp cấu hình", "Cannot read the configuration file",
                file.string());
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str(), file.string());
}

Result<Config> Config::parse(std::string_view toml_text, const std::string& origin) {
  Config cfg;
  cfg.origin_ = origin;
  toml::table table;
  try {
    table = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return fail(ErrorCode::invalid_input,
                fmt::format("Tệp cấu hình sai cú pháp: {}", e.description()),
                fmt::format("Configuration syntax error: {}", e.description()),
                fmt::format("{}:{}:{}", origin, where.line, where.column));
  }
  std::optional<Error> err;
  flatten(table, "", [&](const std::string& key, const toml::node& node) {
    Value v;
    if (auto s = node.value<std::string>(); s && node.is_string()) {
      v.kind = Value::Kind::string;
      v.s = *s;
    } else if (node.is_integer()) {
      v.kind = Value::Kind::integer;
      v.i = *node.value<std::int64_t>();
    } else if (node.is_boolean()) {
      v.kind = Value::Kind::boolean;
      v.b = *node.value<bool>();
    } else if (const auto* arr = node.as_array()) {
      v.kind = Value::Kind::list;
      for (const auto& item : *arr) {
        if (auto str = item.value<std::string>(); str && item.is_string()) {
          v.list.push_back(*str);
        } else if (auto n = item.value<std::int64_t>(); n && item.is_integer()) {
          v.list.push_back(std::to_string(*n));  // e.g. days = [7, 2]; read back with the caller's own check
        } else if (!err) {
          err = type_error(key, "danh sách chuỗi hoặc số nguyên", "a list of strings or integers");
        }
      }
    } else if (!err) {
      err = type_error(key, "chuỗi, số, true/false hoặc danh sách", "a string, integer, boolean or list");
    }
    cfg.values_[key] = std::move(v);
  });
  if (err) return fail(*err);
  return cfg;
}

std::string Config::env_name(const std::string& key) {
  std::string name = "CHUNGTHU_";
  for (char c : key) {
    name.push_back((c == '.' || c == '-') ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return name;
}

std::optional<std::string> Config::from_env(const std::string& key) const {
  if (const char* v = std::getenv(env_name(key).c_str())) return std::string(v);
  return std::nullopt;
}

bool Config::has(const std::string& key) const { return from_env(key) || values_.count(key) > 0; }

void Config::set(const std::string& key, const std::string& value) {
  Value v;
  v.s = value;
  values_[key] = v;
}

Result<std::string> Config::string(const std::string& key, const std::string& fallback) const {
  if (auto e = from_env(key)) return *e;
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second.kind != Value::Kind::string) return fail(type_error(key, "chuỗi", "a string"));
  return it->second.s;
}

Result<std::int64_t> Config::integer(const std::string& key, std::int64_t fallback) const {
  auto parse_text = [&](const std::string& s) -> Result<std::int64_t> {
    std::int64_t out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || p != s.data() + s.size()) return fail(type_error(key, "số nguyên", "an integer"));
    return out;
  };
  if (auto e = from_env(key)) return parse_text(*e);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second.kind == Value::Kind::integer) return it->second.i;
  if (it->second.kind == Value::Kind::string) return parse_text(it->second.s);
  return fail(type_error(key, "số nguyên", "an integer"));
}

Result<bool> Config::boolean(const std::string& key, bool fallback) const {
  auto parse_text = [&](const std::string& s) -> Result<bool> {
    if (s == "true" || s == "1" || s == "yes") return true;
    if (s == "false" || s == "0" || s == "no") return false;
    return fail(type_error(key, "true hoặc false", "true or false"));
  };
  if (auto e = from_env(key)) return parse_text(*e);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second.kind == Value::Kind::boolean) return it->second.b;
  if (it->second.kind == Value::Kind::string) return parse_text(it->second.s);
  return fail(type_error(key, "true hoặc false", "true or false"));
}

Result<std::vector<std::string>> Config::strings(const std::string& key,
                                                 const std::vector<std::string>& fallback) const {
  if (auto e = from_env(key)) return split_list(*e);
  auto it = values_.find(key);
  if (it == values_.end()) return fallback;
  if (it->second.kind == Value::Kind::list) return it->second.list;
  if (it->second.kind == Value::Kind::string) return split_list(it->second.s);
  return fail(type_error(key, "danh sách chuỗi", "a list of strings"));
}

}  // namespace ct
