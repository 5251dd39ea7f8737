#include "server/json_io.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>

#include "common/text.h"

namespace ct::server {
namespace {

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

// Nesting depth of JSON text, counting brackets outside strings (the parser is not asked to
// build, nor the destructor to unwind, something deeper than kMaxJsonDepth).
int nesting_depth(std::string_view s) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      max_depth = std::max(max_depth, ++depth);
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return max_depth;
}

}  // namespace

std::string media_type(std::string_view content_type) {
  return text::ascii_lower(text::trim(content_type.substr(0, content_type.find(';'))));
}

bool media_type_is(std::string_view content_type, std::string_view type) {
  return media_type(content_type) == text::ascii_lower(type);
}

tl::expected<nlohmann::json, Problem> parse_json_object(const HttpRequest& req, std::size_t max_bytes) {
  if (!media_type_is(req.header("content-type"), "application/json")) {
    return tl::unexpected(Problem(invalid("Nội dung phải là JSON (Content-Type: application/json)",
                                          "The body must be JSON (Content-Type: application/json)", "Content-Type"),
                                  nullptr, 415));
  }
  if (req.body.size() > max_bytes) {
    return tl::unexpected(Problem(invalid("Nội dung quá lớn (tối đa " + std::to_string(max_bytes) + " byte)",
                                          "The body is too large (at most " + std::to_string(max_bytes) + " bytes)",
                                          "body"),
                                  nullptr, 413));
  }
  if (nesting_depth(req.body) > kMaxJsonDepth) {
    return tl::unexpected(Problem(invalid("JSON lồng quá sâu", "JSON nested too deeply", "body")));
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    const std::string at = std::to_string(e.byte);
    return tl::unexpected(Problem(invalid("JSON không hợp lệ (tại byte " + at + ")",
                                          "Malformed JSON (at byte " + at + ")", "body")));
  } catch (const nlohmann::json::exception&) {
    // out_of_range: a number that does not fit (found by request_json_fuzz).
    return tl::unexpected(Problem(invalid("JSON có số vượt quá giới hạn", "JSON number out of range", "body")));
  }
  if (!j.is_object()) {
    return tl::unexpected(Problem(invalid("Nội dung phải là một đối tượng JSON", "The body must be a JSON object",
                                          "body")));
  }
  return j;
}

JsonReader::JsonReader(const nlohmann::json& object, std::string prefix) : j_(object), prefix_(std::move(prefix)) {}

const nlohmann::json* JsonReader::find(const std::string& key, bool required) {
  read_.insert(key);
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required && !first_) {
      first_ = invalid("Thiếu trường bắt buộc: " + prefix_ + key, "Missing required field: " + prefix_ + key,
                       prefix_ + key);
    }
    return nullptr;
  }
  return &*it;
}

void JsonReader::wrong_type(const std::string& key, const char* vi, const char* en) {
  if (first_) return;
  first_ = invalid("Trường " + prefix_ + key + " phải là " + vi, "Field " + prefix_ + key + " must be " + en,
                   prefix_ + key);
}

std::optional<std::string> JsonReader::opt_text(const std::string& key, std::size_t max_len) {
  const auto* v = find(key, false);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) {
    wrong_type(key, "một chuỗi", "a string");
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (s.size() > max_len) {
    if (!first_) {
      first_ = invalid("Trường " + prefix_ + key + " quá dài (tối đa " + std::to_string(max_len) + " byte)",
                       "Field " + prefix_ + key + " is too long (at most " + std::to_string(max_len) + " bytes)",
                       prefix_ + key);
    }
    return std::nullopt;
  }
  return s;
}

std::string JsonReader::text(const std::string& key, std::size_t max_len) {
  if (find(key, true) == nullptr) return {};
  return opt_text(key, max_len).value_or("");
}

std::optional<std::int64_t> JsonReader::opt_integer(const std::string& key) {
  const auto* v = find(key, false);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer() && !(v->is_number_unsigned() && v->get<std::uint64_t>() > INT64_MAX)) {
    return v->get<std::int64_t>();
  }
  wrong_type(key, "một số nguyên", "an integer");
  return std::nullopt;
}

std::int64_t JsonReader::integer(const std::string& key) {
  if (find(key, true) == nullptr) return 0;
  return opt_integer(key).value_or(0);
}

std::optional<bool> JsonReader::opt_boolean(const std::string& key) {
  const auto* v = find(key, false);
  if (v == nullptr) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  wrong_type(key, "true hoặc false", "true or false");
  return std::nullopt;
}

std::vector<std::int64_t> JsonReader::integers(const std::string& key, std::size_t max_items) {
  const auto* v = find(key, true);
  std::vector<std::int64_t> out;
  if (v == nullptr) return out;
  if (!v->is_array() || v->size() > max_items) {
    wrong_type(key, "một mảng số nguyên", "an array of integers");
    return out;
  }
  for (const auto& item : *v) {
    if (!item.is_number_integer() || (item.is_number_unsigned() && item.get<std::uint64_t>() > INT64_MAX)) {
      wrong_type(key, "một mảng số nguyên", "an array of integers");
      return {};
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

std::map<std::string, std::string> JsonReader::opt_text_map(const std::string& key) {
  const auto* v = find(key, false);
  std::map<std::string, std::string> out;
  if (v == nullptr) return out;
  if (!v->is_object()) {
    wrong_type(key, "một đối tượng {trường: lý do}", "an object {field: reason}");
    return out;
  }
  for (const auto& [k, item] : v->items()) {
    if (!item.is_string() || item.get_ref<const std::string&>().size() > kMaxTextField) {
      wrong_type(key + "." + k, "một chuỗi", "a string");
      return {};
    }
    out[k] = item.get<std::string>();
  }
  return out;
}

const nlohmann::json* JsonReader::opt_object(const std::string& key) {
  const auto* v = find(key, false);
  if (v == nullptr) return nullptr;
  if (!v->is_object()) {
    wrong_type(key, "một đối tượng", "an object");
    return nullptr;
  }
  return v;
}

Status JsonReader::finish() const {
  if (first_) return fail(*first_);
  for (const auto& [key, value] : j_.items()) {
    if (read_.count(key) == 0) {
      return fail(invalid("Trường không được hỗ trợ: " + prefix_ + key, "Unknown field: " + prefix_ + key,
                          prefix_ + key));
    }
  }
  return {};
}

Result<std::int64_t> query_integer(const HttpRequest& req, const std::string& name, std::int64_t fallback,
                                   std::int64_t min, std::int64_t max) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  std::int64_t v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < min || v > max) {
    return fail(invalid("Tham số " + name + " phải là số nguyên từ " + std::to_string(min) + " đến " +
                            std::to_string(max),
                        "Parameter " + name + " must be an integer from " + std::to_string(min) + " to " +
                            std::to_string(max),
                        name));
  }
  return v;
}

Result<std::int64_t> path_id(const HttpRequest& req, const std::string& name) {
  auto it = req.params.find(name);
  std::int64_t v = 0;
  if (it != req.params.end()) {
    const auto& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && v > 0) return v;
  }
  return fail(Error::make(ErrorCode::not_found, "Không tìm thấy", "Not found", name));
}

HttpResponse json_response(const nlohmann::json& body, int status) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace ct::server
