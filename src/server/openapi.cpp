#include "server/openapi.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "server/json_io.h"
#include "server/request_context.h"
#include "server/routes_public.h"

namespace ct::server {
namespace {

nlohmann::json problem_schema() {
  nlohmann::json s{{"type", "object"}, {"description", "RFC 7807 problem details, Vietnamese first"}};
  s["properties"] = {{"type", {{"type", "string"}}},
                     {"status", {{"type", "integer"}}},
                     {"code", {{"type", "string"}}},
                     {"title", {{"type", "string"}, {"description", "Vietnamese"}}},
                     {"title_en", {{"type", "string"}}},
                     {"detail", {{"type", "string"}, {"description", "Vietnamese"}}},
                     {"detail_en", {{"type", "string"}}},
                     {"field", {{"type", "string"}, {"description", "The field or parameter concerned"}}},
                     {"findings", {{"type", "array"}, {"items", {{"type", "object"}}}}}};
  return s;
}

std::string operation_id(const ApiRoute& r) {
  std::string id = text::ascii_lower(r.method);
  for (char c : r.path.substr(std::string("/api/v1").size())) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      id.push_back(c);
    } else if (!id.empty() && id.back() != '_') {
      id.push_back('_');
    }
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  return id;
}

nlohmann::json operation(const ApiRoute& r) {
  nlohmann::json op{{"operationId", operation_id(r)}, {"summary", r.summary}, {"tags", {r.tag}}};
  nlohmann::json roles = nlohmann::json::array();
  for (auto role : roles_for(r)) roles.push_back(registry::to_string(role));
  op["x-roles"] = roles;
  if (r.access == Access::anyone) {
    op["security"] = nlohmann::json::array();
  } else {
    const bool csrf = r.method != "GET";
    op["security"] = nlohmann::json::array({csrf ? nlohmann::json{{"session", nlohmann::json::array()},
                                                                   {"csrf", nlohmann::json::array()}}
                                                 : nlohmann::json{{"session", nlohmann::json::array()}}});
  }
  nlohmann::json params = nlohmann::json::array();
  for (const auto& name : path_parameters(r.path)) {
    params.push_back({{"name", name},
                      {"in", "path"},
                      {"required", true},
                      {"schema", integer_parameter(name) ? nlohmann::json{{"type", "integer"}, {"format", "int64"}}
                                                         : nlohmann::json{{"type", "string"},
                                                                          {"pattern", "^" + parameter_pattern(name) + "$"}}}});
  }
  for (const auto& q : r.query) {
    params.push_back({{"name", q.name}, {"in", "query"}, {"description", q.description},
                      {"schema", {{"type", q.type}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  switch (r.body) {
    case Body::none: break;
    case Body::json:
    case Body::json_or_empty:
      op["requestBody"] = {{"required", r.body == Body::json},
                           {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
      break;
    case Body::binary: {
      nlohmann::json file{{"schema", {{"type", "string"}, {"format", "binary"}}}};
      op["requestBody"] = {{"required", true},
                           {"content",
                            {{"application/pdf", file}, {"image/png", file}, {"image/jpeg", file},
                             {"application/octet-stream", file}}}};
      break;
    }
  }
  nlohmann::json success{{"description", "OK"}};
  if (!r.response_type.empty()) {
    nlohmann::json schema = r.response_type == "application/json" ? r.response_schema
                                                                  : nlohmann::json{{"type", "string"}, {"format", "binary"}};
    success["content"] = {{r.response_type, {{"schema", schema}}}};
  }
  nlohmann::json problem{{"description", "Problem (RFC 7807)"},
                         {"content", {{"application/problem+json",
                                       {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  op["responses"] = {{std::to_string(r.success_status), success}, {"default", problem}};
  return op;
}

}  // namespace

std::vector<std::string> path_parameters(const std::string& path) {
  std::vector<std::string> out;
  for (std::size_t open = path.find('{'); open != std::string::npos; open = path.find('{', open + 1)) {
    const auto close = path.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(path.substr(open + 1, close - open - 1));
  }
  return out;
}

bool integer_parameter(const std::string& name) {
  return name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0);
}

std::string parameter_pattern(const std::string& name) {
  if (integer_parameter(name)) return R"(\d{1,18})";
  if (name == "device_serial") return "[A-Za-z0-9._:-]{1,64}";
  return "[0-9A-Fa-f:]{1,64}";
}

nlohmann::json openapi_document() {
  nlohmann::json doc{{"openapi", "3.0.3"},
                     {"info",
                      {{"title", "chungthu API"},
                       {"version", "1"},
                       {"description",
                        "Đăng ký và quản lý vòng đời chứng thư số / Registration and lifecycle of government "
                        "certificates. Sign in with POST /api/v1/session; send the returned csrf_token as "
                        "X-CSRF-Token on every POST, PATCH, PUT and DELETE. Errors are RFC 7807 "
                        "application/problem+json with Vietnamese (title, detail) and English (title_en, "
                        "detail_en) text."}}},
                     {"servers", nlohmann::json::array({{{"url", "/"}}})}};
  doc["components"]["securitySchemes"] = {
      {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}},
      {"csrf", {{"type", "apiKey"}, {"in", "header"}, {"name", "X-CSRF-Token"}}}};
  doc["components"]["schemas"]["Problem"] = problem_schema();
  doc["paths"] = nlohmann::json::object();
  for (const auto& r : api_routes()) doc["paths"][r.path][text::ascii_lower(r.method)] = operation(r);
  for (const auto& d : public_route_docs()) {
    nlohmann::json op{{"operationId", text::ascii_lower(d.method) + "_public" + std::string(d.path)},
                      {"summary", d.summary},
                      {"tags", {"public"}},
                      {"x-roles", nlohmann::json::array({"anyone"})},
                      {"security", nlohmann::json::array()}};
    for (auto& c : op["operationId"].get_ref<std::string&>()) {
      if (c == '/' || c == '{' || c == '}' || c == '.') c = '_';
    }
    for (const auto& name : path_parameters(d.path)) {
      op["parameters"].push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    op["responses"]["200"] = {{"description", "OK"}, {"content", {{d.content_type, nlohmann::json::object()}}}};
    op["responses"]["default"] = {{"description", "Problem"},
                                  {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
    doc["paths"][d.path][text::ascii_lower(d.method)] = op;
  }
  return doc;
}

void add_openapi_route(std::vector<ApiRoute>& out) {
  out.push_back({.method = "GET",
                 .path = "/api/v1/openapi.json",
                 .access = Access::anyone,
                 .tag = "meta",
                 .summary = "Tài liệu OpenAPI 3 này / This OpenAPI 3 document",
                 .response_schema = {{"type", "object"}},
                 .handler = [](ApiCall&) -> ApiResult {
                   static const std::string doc = openapi_document().dump();
                   HttpResponse r;
                   r.body = doc;
                   return r;
                 }});
}

}  // namespace ct::server
