// Issues N certificates from pre-made CSRs (RSA-2048 subscriber keys) through the library (parse and check the CSR,
// build, sign, pre-release check, durable commit), in groups of G per transaction.
// Usage: issue_bench DATA_DIR N G   (DATA_DIR made by `chungthu init`)
// Prints: "issued N in S s: R certificates/s wall, C certificates per CPU-second (group G)".
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/context.h"
#include "crypto/csr.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: issue_bench DATA_DIR N GROUP\n");
    return 1;
  }
  const int n = std::atoi(argv[2]);
  const int group = std::max(1, std::atoi(argv[3]));
  auto ctx = ct::app::Context::open(argv[1]);
  if (!ctx) {
    std::fprintf(stderr, "%s\n", ctx.error().describe().c_str());
    return 3;
  }
  auto ca = (*ctx)->certificate_authority("issuing");
  if (!ca) {
    std::fprintf(stderr, "%s\n", ca.error().describe().c_str());
    return 3;
  }
  // Subscribers' keys as on government tokens: RSA-2048. A pool of 16 keys signs the N CSRs
  // (generating N RSA keys would take longer than the benchmark).
  std::vector<ct::crypto::PrivateKey> keys;
  for (int i = 0; i < 16; ++i) {
    auto key = ct::crypto::generate_key(ct::crypto::KeyType::rsa2048);
    if (!key) return 3;
    keys.push_back(std::move(*key));
  }
  std::vector<ct::pki::IssueRequest> reqs;
  reqs.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto csr = ct::crypto::make_csr(keys[static_cast<std::size_t>(i) % keys.size()], {{"CN", "bench"}});
    if (!csr) return 3;
    ct::pki::IssueRequest r;
    r.csr = std::move(*csr);
    r.profile = "individual";
    r.subject = {{"C", "VN"}, {"ST", "Bắc Ninh"}, {"O", "UBND tỉnh Bắc Ninh"}, {"OU", "Sở Tài chính"},
                 {"CN", "Nguyễn Văn Thử " + std::to_string(i)}};
    r.emails = {"thu" + std::to_string(i) + "@bacninh.gov.vn"};
    reqs.push_back(std::move(r));
  }
  // `openssl speed` counts operations per second of CPU time; the same is measured here (user +
  // system time of all threads) beside the wall-clock rate, so the ratio holds on a busy machine.
  const auto cpu_seconds = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  int issued = 0;
  for (int i = 0; i < n; i += group) {
    const auto count = static_cast<std::size_t>(std::min(group, n - i));
    auto results = ca->issue_batch((*ctx)->db(), std::span<const ct::pki::IssueRequest>(&reqs[static_cast<std::size_t>(i)], count));
    for (auto& r : results) {
      if (!r) {
        std::fprintf(stderr, "%s\n", r.error().describe().c_str());
        return 3;
      }
      ++issued;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double cpu = cpu_seconds() - cpu_start;
  std::printf("issued %d in %.3f s: %.1f certificates/s wall, %.1f certificates per CPU-second (group %d)\n", issued,
              secs, issued / secs, issued / cpu, group);
  return 0;
}
