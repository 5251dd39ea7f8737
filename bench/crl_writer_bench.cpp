// CRL writer benchmark (SPEC §11: 1,000,000 revoked entries in ≤ 5 s and ≤ 300 MB peak memory).
// Usage: crl_writer_bench [entries=1000000] [directory=/tmp]
// Generates an RSA-2048 CA in process, writes and signs a CRL of N entries, prints the figures;
// measure peak memory with `/usr/bin/time -v` (Maximum resident set size).

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "crypto/certificate.h"
#include "crypto/crl.h"
#include "crypto/keys.h"

namespace {

using namespace std::chrono;
using ct::crypto::CrlEntry;
using ct::crypto::CrlReason;

[[noreturn]] void die(const ct::Error& e) {
  std::fprintf(stderr, "%s\n", e.describe().c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const std::filesystem::path dir = argc > 2 ? argv[2] : "/tmp";
  const auto now = floor<seconds>(system_clock::now());

  auto key = ct::crypto::generate_key(ct::crypto::KeyType::rsa2048);
  if (!key) die(key.error());
  ct::crypto::CertificateSpec spec;
  spec.serial = {0x01};
  spec.subject = {{"C", "VN"}, {"O", "Ban Cơ yếu Chính phủ"}, {"CN", "CA phục vụ các cơ quan Nhà nước"}};
  spec.not_before = now - hours{1};
  spec.not_after = now + days{365};
  spec.subject_public_key_der = key->public_key_der();
  spec.is_ca = true;
  spec.key_usage = {"keyCertSign", "cRLSign"};
  auto ca = ct::crypto::sign_certificate(spec, *key);
  if (!ca) die(ca.error());

  const auto start = steady_clock::now();
  ct::crypto::CrlParams params;
  params.issuer_certificate_der = *ca;
  params.this_update = now;
  params.next_update = now + days{7};
  params.crl_number = {0x01};
  auto writer = ct::crypto::CrlWriter::begin(params, dir / "crl_writer_bench.spool");
  if (!writer) die(writer.error());
  CrlEntry e{ct::Bytes(16, 0x00), now - hours{1}, std::nullopt, std::nullopt};
  e.serial[0] = 0x5A;
  for (std::uint64_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < 8; ++k) e.serial[15 - k] = static_cast<std::uint8_t>(i >> (8 * k));
    e.reason = (i % 4 == 0) ? std::optional(CrlReason::key_compromise) : std::nullopt;
    if (auto ok = (*writer)->add(e); !ok) die(ok.error());
  }
  const auto out = dir / "crl_writer_bench.crl";
  if (auto ok = (*writer)->finish(*key, out); !ok) die(ok.error());
  const double written = duration<double>(steady_clock::now() - start).count();

  const auto check_start = steady_clock::now();
  const auto summary = ct::crypto::check_crl_file(out, *ca);
  if (!summary) die(summary.error());
  const double checked = duration<double>(steady_clock::now() - check_start).count();

  std::printf("entries %llu\nwrite+sign seconds %.3f\ncheck seconds %.3f\nbytes %llu\n",
              static_cast<unsigned long long>(summary->entries), written, checked,
              static_cast<unsigned long long>(std::filesystem::file_size(out)));
  std::filesystem::remove(out);
  return 0;
}
