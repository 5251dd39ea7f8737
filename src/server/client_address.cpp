#include "server/client_address.h"

#include <arpa/inet.h>
#include <sodium.h>

#include <array>
#include <charconv>

#include "common/text.h"

namespace ct::server {
namespace {

std::string address_text(const std::vector<unsigned char>& b) {
  std::array<char, INET6_ADDRSTRLEN> out{};
  const int family = b.size() == 4 ? AF_INET : AF_INET6;
  if (inet_ntop(family, b.data(), out.data(), out.size()) == nullptr) return {};
  return out.data();
}

bool in_network(const std::vector<unsigned char>& addr, const Network& n) {
  if (addr.size() != n.bytes.size()) return false;
  int bits = n.prefix;
  for (std::size_t i = 0; i < addr.size() && bits > 0; ++i, bits -= 8) {
    const auto mask = static_cast<unsigned char>(bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF);
    if ((addr[i] & mask) != (n.bytes[i] & mask)) return false;
  }
  return true;
}

bool loopback(const std::vector<unsigned char>& b) {
  if (b.size() == 4) return b[0] == 127;
  static const std::vector<unsigned char> kV6Loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return b == kV6Loopback;
}

// The comma-separated entries of a header, trimmed, in order.
std::vector<std::string> entries(std::string_view header) {
  std::vector<std::string> out;
  while (!header.empty()) {
    const auto comma = header.find(',');
    out.push_back(text::trim(header.substr(0, comma)));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
  }
  return out;
}

// An X-Forwarded-For entry: an address, possibly "[v6]:port" or "v4:port".
std::optional<std::vector<unsigned char>> forwarded_address(std::string_view e) {
  if (auto b = address_bytes(e)) return b;
  if (!e.empty() && e.front() == '[') {
    const auto close = e.find(']');
    if (close != std::string_view::npos) return address_bytes(e.substr(1, close - 1));
  }
  const auto colon = e.find(':');
  if (colon != std::string_view::npos && e.find(':', colon + 1) == std::string_view::npos) {
    return address_bytes(e.substr(0, colon));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<unsigned char>> address_bytes(std::string_view address) {
  const std::string a(address);
  std::array<unsigned char, 16> buf{};
  if (inet_pton(AF_INET, a.c_str(), buf.data()) == 1) return std::vector<unsigned char>(buf.begin(), buf.begin() + 4);
  if (inet_pton(AF_INET6, a.c_str(), buf.data()) == 1) {
    static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};
    if (std::equal(kMapped.begin(), kMapped.end(), buf.begin())) {
      return std::vector<unsigned char>(buf.begin() + 12, buf.end());
    }
    return std::vector<unsigned char>(buf.begin(), buf.end());
  }
  return std::nullopt;
}

std::optional<Network> parse_network(std::string_view text) {
  const auto slash = text.find('/');
  auto bytes = address_bytes(text.substr(0, slash));
  if (!bytes) return std::nullopt;
  const int max = static_cast<int>(bytes->size() * 8);
  int prefix = max;
  if (slash != std::string_view::npos) {
    const auto p = text.substr(slash + 1);
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
    if (ec != std::errc() || end != p.data() + p.size() || prefix < 0 || prefix > max) return std::nullopt;
  }
  return Network{std::move(*bytes), prefix};
}

bool ProxySettings::trusts(std::string_view address) const {
  auto b = address_bytes(address);
  if (!b) return false;
  for (const auto& n : trusted) {
    if (in_network(*b, n)) return true;
  }
  return false;
}

Result<ProxySettings> ProxySettings::load(const Config& cfg) {
  auto list = cfg.strings("server.trusted_proxies", {});
  if (!list) return fail(list.error());
  auto token = cfg.string("server.metrics_token", "");
  if (!token) return fail(token.error());
  ProxySettings s;
  for (const auto& entry : *list) {
    auto n = parse_network(text::trim(entry));
    if (!n) {
      return fail(ErrorCode::invalid_input,
                  "server.trusted_proxies: '" + entry + "' không phải địa chỉ IP hay mạng (ví dụ 10.0.0.0/8)",
                  "server.trusted_proxies: '" + entry + "' is not an IP address or network (e.g. 10.0.0.0/8)",
                  "server.trusted_proxies");
    }
    s.trusted.push_back(std::move(*n));
  }
  if (!token->empty() && token->size() < 16) {
    return fail(ErrorCode::invalid_input, "server.metrics_token phải dài ít nhất 16 ký tự",
                "server.metrics_token must be at least 16 characters long", "server.metrics_token");
  }
  s.metrics_token = std::move(*token);
  return s;
}

Client client_of(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto, bool tls,
                 const ProxySettings& proxies) {
  Client c;
  auto peer_bytes = address_bytes(peer);
  c.address = peer_bytes ? address_text(*peer_bytes) : std::string(peer);
  c.https = tls;
  c.local = peer_bytes && loopback(*peer_bytes) && forwarded_for.empty();
  if (!peer_bytes || !proxies.trusts(peer)) return c;
  // The peer is our proxy: believe what it says about the hop before it.
  if (!forwarded_proto.empty()) {
    const auto protos = entries(forwarded_proto);
    c.https = !protos.empty() && text::ascii_lower(protos.back()) == "https";
  }
  if (forwarded_for.empty()) return c;
  const auto hops = entries(forwarded_for);
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto b = forwarded_address(*it);
    if (!b) break;  // garbage written before our proxies: the last good hop stands
    c.address = address_text(*b);
    c.local = loopback(*b);
    bool trusted = false;
    for (const auto& n : proxies.trusted) trusted = trusted || in_network(*b, n);
    if (!trusted) break;
  }
  return c;
}

bool bearer_matches(std::string_view authorization, std::string_view token) {
  constexpr std::string_view kBearer = "Bearer ";
  if (token.empty() || authorization.size() != kBearer.size() + token.size()) return false;
  if (authorization.substr(0, kBearer.size()) != kBearer) return false;
  return sodium_memcmp(authorization.data() + kBearer.size(), token.data(), token.size()) == 0;
}

}  // namespace ct::server
