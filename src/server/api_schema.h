#pragma once
// Small builders for the JSON Schemas (OpenAPI 3.0 dialect) in the route tables.

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ct::server::schema {

inline nlohmann::json str(const std::string& description = "") {
  nlohmann::json j{{"type", "string"}};
  if (!description.empty()) j["description"] = description;
  return j;
}
inline nlohmann::json integer(const std::string& description = "") {
  nlohmann::json j{{"type", "integer"}, {"format", "int64"}};
  if (!description.empty()) j["description"] = description;
  return j;
}
inline nlohmann::json boolean(const std::string& description = "") {
  nlohmann::json j{{"type", "boolean"}};
  if (!description.empty()) j["description"] = description;
  return j;
}
inline nlohmann::json one_of_strings(std::initializer_list<const char*> values, const std::string& description = "") {
  nlohmann::json j = str(description);
  j["enum"] = nlohmann::json::array();
  for (const char* v : values) j["enum"].push_back(v);
  return j;
}
inline nlohmann::json one_of_strings(const std::vector<std::string>& values, const std::string& description = "") {
  nlohmann::json j = str(description);
  j["enum"] = values;
  return j;
}
inline nlohmann::json array(nlohmann::json items) { return {{"type", "array"}, {"items", std::move(items)}}; }
inline nlohmann::json any_object(const std::string& description = "") {
  nlohmann::json j{{"type", "object"}};
  if (!description.empty()) j["description"] = description;
  return j;
}
// A request body object: exactly these properties (unknown fields are refused).
inline nlohmann::json body(std::initializer_list<std::pair<const char*, nlohmann::json>> props,
                           std::initializer_list<const char*> required = {}) {
  nlohmann::json j{{"type", "object"}, {"additionalProperties", false}, {"properties", nlohmann::json::object()}};
  for (const auto& [name, s] : props) j["properties"][name] = s;
  if (required.size() > 0) {
    j["required"] = nlohmann::json::array();
    for (const char* r : required) j["required"].push_back(r);
  }
  return j;
}
// A response object (open: fields may be added in later versions).
inline nlohmann::json object(std::initializer_list<std::pair<const char*, nlohmann::json>> props) {
  nlohmann::json j{{"type", "object"}, {"properties", nlohmann::json::object()}};
  for (const auto& [name, s] : props) j["properties"][name] = s;
  return j;
}
// Validation findings (SPEC §5).
inline nlohmann::json findings() {
  return array(object({{"field", str()},
                       {"code", str()},
                       {"severity", one_of_strings({"error", "warning"})},
                       {"message_vi", str()},
                       {"message_en", str()}}));
}
// A page of a list: {items: [...], limit, offset}.
inline nlohmann::json page(nlohmann::json item) {
  return object({{"items", array(std::move(item))}, {"limit", integer()}, {"offset", integer()}});
}

}  // namespace ct::server::schema
