// The device routes: a unit reports its token lost and found through the API, the certificate
// follows (hold, release); what the role may not do, or the table does not allow, is refused
// with a bilingual problem and changes nothing.
#include <gtest/gtest.h>

#include "registry/devices.h"
#include "registry/organization.h"
#include "server/server_test_support.h"

namespace ct::server {
namespace {

class DeviceRoutes : public testing::ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    // The inside token holds the inside certificate's key.
    auto lease = ctx_->db().acquire();
    auto tx = store::Transaction::begin(**lease);
    ASSERT_TRUE(tx);
    auto org = registry::find_organization(**lease, inside_.org);
    ASSERT_TRUE(org && *org);
    registry::EnrolledDevice d{inside_.device, "SoftHSM v2",     "SoftHSM project", "token",       inside_.subscriber,
                               inside_.org,    (*org)->path, "sealed",          inside_.serial};
    ASSERT_TRUE(registry::enrol_device(**lease, ctx_->clock(), d, "ca1", std::nullopt));
    ASSERT_TRUE(tx->commit());
  }

  HttpResponse set_state(const std::string& login, const std::string& serial, const std::string& body) {
    HttpRequest req;
    req.headers["content-type"] = "application/json";
    req.body = body;
    req.params["device_serial"] = serial;
    return call("POST", "/api/v1/devices/{device_serial}/state", login, req);
  }

  HttpResponse get(const std::string& path, const std::string& serial, const std::string& login) {
    HttpRequest req;
    req.params[path.find("/devices/") != std::string::npos ? "device_serial" : "serial"] = serial;
    return call("GET", path, login, req);
  }

  std::string cert_status() {
    auto r = get("/api/v1/certificates/{serial}", inside_.serial, "ra1");
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body).value("status", "");
  }
};

TEST_F(DeviceRoutes, TheUnitReportsItsTokenLostAndFound) {
  auto list = call("GET", "/api/v1/devices", "um1");
  ASSERT_EQ(list.status, 200) << list.body;
  auto items = nlohmann::json::parse(list.body)["items"];
  ASSERT_EQ(items.size(), 1U) << "only the unit's own: " << list.body;
  EXPECT_EQ(items[0]["serial"], inside_.device);
  std::vector<std::string> offered;
  for (const auto& c : items[0]["changes"]) offered.push_back(c["to"]);
  EXPECT_EQ(offered, (std::vector<std::string>{"locked", "temporarily_lost", "permanently_lost", "damaged"}));

  auto lost = set_state("um1", inside_.device, R"({"state": "temporarily_lost", "note": "để quên ở hội nghị"})");
  ASSERT_EQ(lost.status, 200) << lost.body;
  auto j = nlohmann::json::parse(lost.body);
  EXPECT_EQ(j["state"], "temporarily_lost");
  EXPECT_EQ(j["certificates"], nlohmann::json::array({inside_.serial}));
  EXPECT_EQ(j["events"].back()["actor"], "um1");
  EXPECT_EQ(j["changes"][0]["to"], "active") << "found is offered next";
  EXPECT_EQ(j["changes"][0]["effect"], "release");
  EXPECT_EQ(cert_status(), "hold");

  auto found = set_state("um1", inside_.device, R"({"state": "active", "note": "đã tìm thấy"})");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(cert_status(), "valid");
}

TEST_F(DeviceRoutes, RefusalsAreBilingualAndChangeNothing) {
  // Not the unit's to do.
  auto terminate = set_state("um1", inside_.device, R"({"state": "terminated"})");
  EXPECT_EQ(terminate.status, 403) << terminate.body;
  // Not in the table: a locked token cannot go straight back into stock.
  ASSERT_EQ(set_state("ca1", inside_.device, R"({"state": "locked"})").status, 200);
  auto jump = set_state("ca1", inside_.device, R"({"state": "formatted"})");
  ASSERT_EQ(jump.status, 409) << jump.body;
  auto p = nlohmann::json::parse(jump.body);
  EXPECT_NE(p.value("title", "").find("chỉ được chuyển sang"), std::string::npos) << jump.body;
  EXPECT_NE(p.value("title_en", "").find("it can only become active, temporarily_lost"), std::string::npos)
      << jump.body;
  // No such state; another unit's token; a note too long.
  auto bad = set_state("ca1", inside_.device, R"({"state": "lost"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("temporarily_lost"), std::string::npos) << "lists the states";
  EXPECT_EQ(set_state("um1", outside_.device, R"({"state": "damaged"})").status, 404);
  auto chatty = set_state("um1", inside_.device, nlohmann::json{{"state", "damaged"}, {"note", std::string(501, 'x')}}.dump());
  EXPECT_EQ(chatty.status, 400) << chatty.body;
  auto after = get("/api/v1/devices/{device_serial}", inside_.device, "ca1");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(nlohmann::json::parse(after.body)["state"], "locked");
  EXPECT_EQ(cert_status(), "valid");
}

}  // namespace
}  // namespace ct::server
