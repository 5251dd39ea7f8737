// A minimal HTTP/1.1 keep-alive client for bench/lookup.sh: requests each path of PATHS_FILE
// (one per line) in turn on one connection and prints the p50, p99 and max latency and how
// many answers were not 200. Sequential on purpose: it measures the latency of one lookup, not
// the server's throughput.
// Usage: lookup_client HOST PORT PATHS_FILE LABEL
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

namespace {

bool read_response(int fd, std::string& buf, int& status) {
  auto fill = [&] {
    char chunk[65536];
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return false;
    buf.append(chunk, static_cast<std::size_t>(n));
    return true;
  };
  std::size_t head_end;
  while ((head_end = buf.find("\r\n\r\n")) == std::string::npos) {
    if (!fill()) return false;
  }
  status = std::atoi(buf.c_str() + 9);
  std::size_t length = 0;
  std::string head = buf.substr(0, head_end);
  for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (auto p = head.find("content-length:"); p != std::string::npos) length = std::strtoul(head.c_str() + p + 15, nullptr, 10);
  while (buf.size() < head_end + 4 + length) {
    if (!fill()) return false;
  }
  buf.erase(0, head_end + 4 + length);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: lookup_client HOST PORT PATHS_FILE LABEL\n");
    return 1;
  }
  std::vector<std::string> paths;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(std::atoi(argv[2])));
  ::inet_pton(AF_INET, argv[1], &addr.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("connect");
    return 3;
  }
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  std::vector<double> ms;
  int not_ok = 0;
  std::string buf;
  for (const auto& p : paths) {
    const std::string req = "GET " + p + " HTTP/1.1\r\nHost: bench\r\n\r\n";
    const auto t0 = std::chrono::steady_clock::now();
    if (::write(fd, req.data(), req.size()) != static_cast<ssize_t>(req.size())) return 3;
    int status = 0;
    if (!read_response(fd, buf, status)) return 3;
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (status != 200) ++not_ok;
  }
  ::close(fd);
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
  std::printf("%-8s %5zu requests  p50 %.2f ms  p99 %.2f ms  max %.2f ms  non-200: %d\n", argv[4], ms.size(), pct(0.50),
              pct(0.99), ms.back(), not_ok);
  return 0;
}
