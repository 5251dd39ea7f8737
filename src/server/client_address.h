#pragma once
// Who is asking (SPEC §12, operations behind a proxy). The client of a request is the TCP peer,
// unless the peer is one of `server.trusted_proxies` (addresses or CIDR networks, IPv4 or IPv6):
// then it is the rightmost address of X-Forwarded-For that is not itself a trusted proxy (each
// proxy appends the address it saw, so only the part written by our own proxies can be
// believed), and the request came over HTTPS when the nearest trusted proxy says so in
// X-Forwarded-Proto. A header from a peer that is not trusted is ignored. The client address
// keys every per-client limit (sign-in throttling, OCSP and lookup rate limits), and HTTPS
// decides the cookies' Secure attribute.
//
// /metrics is answered to the local machine (a loopback client that came through no proxy,
// or through trusted proxies from loopback) or to a bearer of `server.metrics_token`.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/config.h"
#include "common/error.h"

namespace ct::server {

// One trusted network: the address bytes (4 or 16) and the prefix length in bits.
struct Network {
  std::vector<unsigned char> bytes;
  int prefix = 0;
};
// "10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8"; nullopt when it is none of these.
[[nodiscard]] std::optional<Network> parse_network(std::string_view text);
// The address bytes of `address` (IPv4 dotted, IPv6; IPv4-mapped IPv6 becomes IPv4), or nullopt.
[[nodiscard]] std::optional<std::vector<unsigned char>> address_bytes(std::string_view address);

struct ProxySettings {
  std::vector<Network> trusted;  // server.trusted_proxies
  std::string metrics_token;     // server.metrics_token ("" : only the local machine)

  [[nodiscard]] bool trusts(std::string_view address) const;
  // server.trusted_proxies (a list), server.metrics_token. An entry that is not an address
  // or a network is refused, naming it.
  [[nodiscard]] static Result<ProxySettings> load(const Config& cfg);
};

struct Client {
  std::string address;      // the client's address as text (normalized)
  bool https = false;       // TLS here, or X-Forwarded-Proto: https from a trusted proxy
  bool local = false;       // the client is this machine (loopback)
};

// `peer`: the TCP peer's address; `forwarded_for`, `forwarded_proto`: the headers as received
// ("" when absent); `tls`: this connection is TLS.
[[nodiscard]] Client client_of(std::string_view peer, std::string_view forwarded_for, std::string_view forwarded_proto,
                               bool tls, const ProxySettings& proxies);

// True when `authorization` is "Bearer <token>" with `token` non-empty (constant time).
[[nodiscard]] bool bearer_matches(std::string_view authorization, std::string_view token);

}  // namespace ct::server
