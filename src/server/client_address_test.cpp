// The client behind trusted proxies: only their X-Forwarded-For and X-Forwarded-Proto count.
#include "server/client_address.h"

#include <gtest/gtest.h>

namespace ct::server {
namespace {

ProxySettings proxies(std::vector<std::string> list) {
  Config cfg;
  std::string joined;
  for (const auto& e : list) joined += (joined.empty() ? "" : ",") + e;
  cfg.set("server.trusted_proxies", joined);
  auto s = ProxySettings::load(cfg);
  EXPECT_TRUE(s) << (s ? "" : s.error().describe());
  return s ? *s : ProxySettings{};
}

TEST(ClientAddress, NetworksAndAddresses) {
  EXPECT_TRUE(parse_network("10.0.0.0/8"));
  EXPECT_TRUE(parse_network("::1"));
  EXPECT_TRUE(parse_network("fd00::/8"));
  EXPECT_FALSE(parse_network("10.0.0.0/33"));
  EXPECT_FALSE(parse_network("nginx"));
  EXPECT_FALSE(parse_network("10.0.0.0/"));
  const auto p = proxies({"10.0.0.0/8", "::1"});
  EXPECT_TRUE(p.trusts("10.20.30.40"));
  EXPECT_TRUE(p.trusts("::ffff:10.1.2.3"));  // IPv4-mapped
  EXPECT_FALSE(p.trusts("11.0.0.1"));
  EXPECT_TRUE(p.trusts("::1"));
  Config bad;
  bad.set("server.trusted_proxies", "10.0.0.0/8,proxy.local");
  auto refused = ProxySettings::load(bad);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message_en.find("proxy.local"), std::string::npos);
}

TEST(ClientAddress, ForwardedHeadersOnlyFromTrustedProxies) {
  const auto p = proxies({"127.0.0.1", "10.0.0.0/8"});
  // Not a proxy of ours: the headers are ignored.
  auto direct = client_of("198.51.100.9", "203.0.113.7", "https", false, p);
  EXPECT_EQ(direct.address, "198.51.100.9");
  EXPECT_FALSE(direct.https);
  EXPECT_FALSE(direct.local);
  // Through our proxies: the rightmost address that is not one of them; what the client wrote
  // itself (the leftmost entries) is not believed.
  auto proxied = client_of("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.1.1", "https", false, p);
  EXPECT_EQ(proxied.address, "203.0.113.7");
  EXPECT_TRUE(proxied.https);
  EXPECT_FALSE(proxied.local);
  auto ported = client_of("127.0.0.1", "[2001:db8::1]:443", "", false, p);
  EXPECT_EQ(ported.address, "2001:db8::1");
  // Garbage before our proxy's entry stops the walk at the last good hop.
  EXPECT_EQ(client_of("127.0.0.1", "junk, 203.0.113.7", "", false, p).address, "203.0.113.7");
}

TEST(ClientAddress, LocalOnlyWithoutAForeignHop) {
  const ProxySettings none;
  EXPECT_TRUE(client_of("127.0.0.1", "", "", false, none).local);
  EXPECT_TRUE(client_of("::1", "", "", false, none).local);
  // A local proxy that is not configured as trusted: whoever is behind it is not this machine.
  EXPECT_FALSE(client_of("127.0.0.1", "203.0.113.7", "", false, none).local);
  const auto p = proxies({"127.0.0.1"});
  EXPECT_FALSE(client_of("127.0.0.1", "203.0.113.7", "", false, p).local);
  EXPECT_TRUE(client_of("127.0.0.1", "127.0.0.1", "", false, p).local);
}

TEST(ClientAddress, BearerToken) {
  EXPECT_TRUE(bearer_matches("Bearer metrics-token-0123456", "metrics-token-0123456"));
  EXPECT_FALSE(bearer_matches("Bearer metrics-token-0123457", "metrics-token-0123456"));
  EXPECT_FALSE(bearer_matches("Basic metrics-token-0123456", "metrics-token-0123456"));
  EXPECT_FALSE(bearer_matches("Bearer ", ""));
  EXPECT_FALSE(bearer_matches("", ""));
}

}  // namespace
}  // namespace ct::server
