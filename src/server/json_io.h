#pragma once
// Request bodies in and out of the API. A JSON body (RFC 8259) is accepted only when its
// Content-Type is application/json, it is at most kMaxJsonBody bytes, at most kMaxJsonDepth
// deep, and parses as one object; anything else is a 4xx Problem (400 malformed, 413 too large,
// 415 wrong type), never a 500. Objects are then read field by field with JsonReader: a missing
// required field, a value of the wrong type, or a field the route does not know is a 400 naming
// that field (bilingual), so a typo never silently does nothing.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/api_route.h"

namespace ct::server {

inline constexpr std::size_t kMaxJsonBody = 1024 * 1024;
inline constexpr int kMaxJsonDepth = 32;
inline constexpr std::size_t kMaxTextField = 4096;

// True when `content_type` names `type` (case-insensitive, parameters such as charset ignored).
// The media type of a Content-Type value: lower case, without its parameters and the white space
// around it ("Multipart/Form-Data; boundary=x" → "multipart/form-data").
[[nodiscard]] std::string media_type(std::string_view content_type);
[[nodiscard]] bool media_type_is(std::string_view content_type, std::string_view type);

// The body of `req` as a JSON object (see above).
[[nodiscard]] tl::expected<nlohmann::json, Problem> parse_json_object(const HttpRequest& req,
                                                                      std::size_t max_bytes = kMaxJsonBody);

// Reads the fields of one JSON object strictly. Accessors return a default value after a
// problem; finish() reports the first problem, or the first field never read.
class JsonReader final {
 public:
  explicit JsonReader(const nlohmann::json& object, std::string prefix = "");

  [[nodiscard]] std::string text(const std::string& key, std::size_t max_len = kMaxTextField);
  [[nodiscard]] std::optional<std::string> opt_text(const std::string& key, std::size_t max_len = kMaxTextField);
  [[nodiscard]] std::int64_t integer(const std::string& key);
  [[nodiscard]] std::optional<std::int64_t> opt_integer(const std::string& key);
  [[nodiscard]] std::optional<bool> opt_boolean(const std::string& key);
  [[nodiscard]] std::vector<std::int64_t> integers(const std::string& key, std::size_t max_items = 10000);
  // An object of string values (field → reason); absent: empty.
  [[nodiscard]] std::map<std::string, std::string> opt_text_map(const std::string& key);
  // A nested object, read with its own reader (prefix "key."); absent: nullptr.
  [[nodiscard]] const nlohmann::json* opt_object(const std::string& key);

  [[nodiscard]] Status finish() const;

 private:
  const nlohmann::json* find(const std::string& key, bool required);
  void wrong_type(const std::string& key, const char* vi, const char* en);

  const nlohmann::json& j_;
  std::string prefix_;
  std::set<std::string> read_;
  std::optional<Error> first_;
};

// A query parameter as an integer in [min, max]; absent: `fallback`; malformed: 400 naming it.
[[nodiscard]] Result<std::int64_t> query_integer(const HttpRequest& req, const std::string& name, std::int64_t fallback,
                                                 std::int64_t min, std::int64_t max);
// A path parameter as a positive integer (the router's pattern already requires digits).
[[nodiscard]] Result<std::int64_t> path_id(const HttpRequest& req, const std::string& name);

// A JSON success response.
[[nodiscard]] HttpResponse json_response(const nlohmann::json& body, int status = 200);

}  // namespace ct::server
