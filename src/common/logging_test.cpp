// The JSON log lines: one valid object per line whatever the message, with the request's fields.
#include "common/logging.h"

#include <gtest/gtest.h>

#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

namespace ct {
namespace {

std::string json_line(const std::string& message, spdlog::level::level_enum level = spdlog::level::info) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
  spdlog::logger logger("test", sink);
  logger.set_formatter(json_line_formatter());
  logger.log(level, message);
  return out.str();
}

TEST(JsonLog, FieldsEventAndEscapes) {
  const std::string line = json_line("crl: published CRL 7 of CA issuing with 2 entries");
  EXPECT_EQ(line.rfind("{\"time\":\"", 0), 0U) << line;
  EXPECT_NE(line.find("Z\",\"level\":\"info\",\"event\":\"crl\",\"msg\":\"crl: published CRL 7"), std::string::npos)
      << line;
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line";
  EXPECT_NE(json_line("Cán bộ \"An\"\n\tđã ký\\").find(R"("msg":"Cán bộ \"An\"\u000a\u0009đã ký\\")"),
            std::string::npos);
  EXPECT_NE(json_line("no event here").find(R"("event":"log")"), std::string::npos);
  EXPECT_NE(json_line("Upper: not an event").find(R"("event":"log")"), std::string::npos);
  EXPECT_NE(json_line("x", spdlog::level::warn).find(R"("level":"warning")"), std::string::npos);
  // Bytes that are not UTF-8 become U+FFFD: the line stays valid JSON.
  EXPECT_NE(json_line("bad \xC3 \xFF end").find("\"msg\":\"bad \xEF\xBF\xBD \xEF\xBF\xBD end\""), std::string::npos);
}

TEST(JsonLog, TheRequestsFieldsWhileItIsHandled) {
  LogContext& c = log_context();
  c = LogContext{"ab12cd34-7", "GET", "/crl/:file", "um1", 200, 1.5};
  const std::string line = json_line("http.request: GET /crl/:file 200");
  c = LogContext{};
  EXPECT_NE(line.find(R"("event":"http.request")"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("request_id":"ab12cd34-7","method":"GET","route":"/crl/:file","actor":"um1",)"
                      R"("status":200,"duration_ms":1.500})"),
            std::string::npos)
      << line;
  EXPECT_EQ(json_line("after").find("request_id"), std::string::npos);
}

TEST(JsonLog, SettingsFromTheConfiguration) {
  auto cfg = Config::parse("[log]\nformat = \"json\"\naccess = true\n", "test");
  ASSERT_TRUE(cfg);
  auto s = load_log_settings(*cfg, spdlog::level::info);
  ASSERT_TRUE(s) << s.error().describe();
  EXPECT_TRUE(s->json);
  EXPECT_TRUE(s->access);
  EXPECT_EQ(s->level, spdlog::level::info);
  auto bad = Config::parse("[log]\nlevel = \"loud\"\n", "test");
  ASSERT_TRUE(bad);
  auto refused = load_log_settings(*bad, spdlog::level::info);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().context, "log.level");
  auto fmt = Config::parse("[log]\nformat = \"xml\"\n", "test");
  ASSERT_TRUE(fmt);
  EXPECT_FALSE(load_log_settings(*fmt, spdlog::level::info));
}

}  // namespace
}  // namespace ct
