// Strict JSON bodies (json_io.h) and the request-creation decoder (routes_api_bodies.h).
#include "server/json_io.h"

#include <gtest/gtest.h>

#include "server/routes_api_bodies.h"

namespace ct::server {
namespace {

HttpRequest json_request(std::string body, std::string type = "application/json") {
  HttpRequest r;
  r.method = "POST";
  r.headers["content-type"] = std::move(type);
  r.body = std::move(body);
  return r;
}

int status_of(const tl::expected<nlohmann::json, Problem>& r) { return r ? 200 : (r.error().status ? r.error().status : 400); }

TEST(JsonIo, MediaTypeIgnoresCaseAndParameters) {
  EXPECT_TRUE(media_type_is("application/json", "application/json"));
  EXPECT_TRUE(media_type_is("Application/JSON; charset=utf-8", "application/json"));
  EXPECT_FALSE(media_type_is("text/plain", "application/json"));
  EXPECT_FALSE(media_type_is("application/jsonx", "application/json"));
  EXPECT_FALSE(media_type_is("", "application/json"));
}

struct BodyCase {
  const char* name;
  std::string body;
  std::string type;
  int status;
  const char* field;
};

TEST(JsonIo, RefusesWhatIsNotOneJsonObject) {
  const std::vector<BodyCase> cases{
      {"ok", R"({"a":1})", "application/json", 200, ""},
      {"wrong content type", R"({"a":1})", "text/plain", 415, "Content-Type"},
      {"no content type", R"({"a":1})", "", 415, "Content-Type"},
      {"malformed", R"({"a":)", "application/json", 400, "body"},
      {"array", "[1,2]", "application/json", 400, "body"},
      {"string", "\"x\"", "application/json", 400, "body"},
      {"empty", "", "application/json", 400, "body"},
      {"invalid utf-8", "{\"a\":\"\xff\"}", "application/json", 400, "body"},
      {"too deep", std::string(40, '[') + std::string(40, ']'), "application/json", 400, "body"},
      {"too large", "{\"a\":\"" + std::string(kMaxJsonBody, 'x') + "\"}", "application/json", 413, "body"},
      // Regression (request_json_fuzz): a number that overflows threw out_of_range past the handler.
      {"number overflow", R"({"a":1e99999})", "application/json", 400, "body"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = parse_json_object(json_request(c.body, c.type));
    EXPECT_EQ(status_of(r), c.status);
    if (!r) {
      EXPECT_EQ(r.error().error.context, c.field);
      EXPECT_FALSE(r.error().error.message_vi.empty());
      EXPECT_NE(r.error().error.message_vi, r.error().error.message_en);
    }
  }
}

TEST(JsonIo, ReaderNamesTheFieldThatIsWrong) {
  struct Case {
    const char* body;
    const char* field;  // "" when accepted
  };
  const std::vector<Case> cases{
      {R"({"name":"x","n":1})", ""},
      {R"({"n":1})", "name"},
      {R"({"name":7,"n":1})", "name"},
      {R"({"name":"x","n":"1"})", "n"},
      {R"({"name":"x","n":1.5})", "n"},
      {R"({"name":"x","n":true})", "n"},
      {R"({"name":"x","n":18446744073709551615})", "n"},
      {R"({"name":"x","n":1,"flag":"yes"})", "flag"},
      {R"({"name":"x","n":1,"extra":1})", "extra"},
      {R"({"name":null,"n":1})", "name"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    auto j = nlohmann::json::parse(c.body);
    JsonReader r(j);
    (void)r.text("name");
    (void)r.integer("n");
    (void)r.opt_boolean("flag");
    auto s = r.finish();
    if (std::string(c.field).empty()) {
      EXPECT_TRUE(s) << s.error().describe();
    } else {
      ASSERT_FALSE(s);
      EXPECT_EQ(s.error().code, ErrorCode::invalid_input);
      EXPECT_EQ(s.error().context, c.field);
      EXPECT_NE(s.error().message_en.find(c.field), std::string::npos) << s.error().message_en;
    }
  }
}

TEST(JsonIo, TooLongTextIsRefused) {
  auto j = nlohmann::json{{"name", std::string(kMaxTextField + 1, 'a')}};
  JsonReader r(j);
  (void)r.text("name");
  auto s = r.finish();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().context, "name");
}

TEST(JsonIo, DecodesANewRequest) {
  auto n = decode_new_request(nlohmann::json::parse(
      R"({"type":"revoke","subscriber_id":7,"cert_serial":"0A1B","ground":"retirement","note":"nghỉ hưu"})"));
  ASSERT_TRUE(n) << n.error().describe();
  EXPECT_EQ(n->type, registry::RequestType::revoke);
  EXPECT_EQ(n->subscriber_id, 7);
  EXPECT_EQ(n->cert_serial, "0A1B");
  EXPECT_EQ(n->note, "nghỉ hưu");
  auto bad_type = decode_new_request(nlohmann::json::parse(R"({"type":"steal","subscriber_id":7})"));
  ASSERT_FALSE(bad_type);
  EXPECT_NE(bad_type.error().context.find("type"), std::string::npos);
  auto unknown = decode_new_request(nlohmann::json::parse(R"({"type":"new","subscriber_id":7,"subject":{}})"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().context, "subject");
  auto missing = decode_new_request(nlohmann::json::parse(R"({"type":"new"})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().context, "subscriber_id");
}

TEST(JsonIo, QueryIntegersAreBounded) {
  HttpRequest r;
  r.query["limit"] = "50";
  EXPECT_EQ(query_integer(r, "limit", 100, 1, 1000).value_or(-1), 50);
  EXPECT_EQ(query_integer(r, "offset", 0, 0, 10).value_or(-1), 0);
  for (const char* bad : {"0", "1001", "abc", "5x", "", "-1"}) {
    r.query["limit"] = bad;
    auto v = query_integer(r, "limit", 100, 1, 1000);
    ASSERT_FALSE(v) << bad;
    EXPECT_EQ(v.error().context, "limit");
  }
}

}  // namespace
}  // namespace ct::server
