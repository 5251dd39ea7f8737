// The signing rate of a PKCS#11 token by itself: the reference of bench/issue.sh's HSM figure.
// T threads, each with its own logged-in session, sign SHA-256 DigestInfos (CKM_RSA_PKCS) or
// digests (CKM_ECDSA) with the private key whose CKA_ID is KEY_ID for S seconds.
// Usage: pkcs11_sign_bench MODULE TOKEN_LABEL KEY_ID THREADS SECONDS   (the PIN in CHUNGTHU_PKCS11_PIN)
// Prints: "pkcs11 C_Sign: R signatures/s wall (T threads, N in S s)".
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "crypto/keys.h"
#include "crypto/pkcs11.h"

namespace p11 = ct::crypto::pkcs11;

int main(int argc, char** argv) {
  if (argc != 6 || std::getenv("CHUNGTHU_PKCS11_PIN") == nullptr) {
    std::fprintf(stderr, "usage: CHUNGTHU_PKCS11_PIN=… pkcs11_sign_bench MODULE TOKEN_LABEL KEY_ID THREADS SECONDS\n");
    return 1;
  }
  const std::string pin = std::getenv("CHUNGTHU_PKCS11_PIN");
  const std::string id_text = argv[3];
  const ct::Bytes id(id_text.begin(), id_text.end());
  const int threads = std::max(1, std::atoi(argv[4]));
  const double seconds = std::atof(argv[5]);
  auto module = p11::Module::load(argv[1]);
  if (!module) {
    std::fprintf(stderr, "%s\n", module.error().describe().c_str());
    return 3;
  }
  auto slot = module->find_token_by_label(argv[2]);
  if (!slot) {
    std::fprintf(stderr, "%s\n", slot.error().describe().c_str());
    return 3;
  }
  std::vector<p11::Session> sessions;
  for (int t = 0; t < threads; ++t) {
    auto s = module->open_session(slot->slot_id);
    if (!s) return 3;
    if (t == 0) {
      if (auto in = s->login(p11::UserType::user, pin); !in) {
        std::fprintf(stderr, "%s\n", in.error().describe().c_str());
        return 3;
      }
    }
    sessions.push_back(std::move(*s));
  }
  auto pub = sessions.front().public_key(id);
  if (!pub || !*pub) {
    std::fprintf(stderr, "no key %s on the token\n", id_text.c_str());
    return 3;
  }
  const bool ec = ct::crypto::public_key_algorithm(**pub).value_or("").starts_with("EC");
  const ct::Bytes digest = ct::crypto::digest(ct::crypto::HashAlg::sha256, id);
  const ct::Bytes input = ec ? digest : *p11::rsa_digest_info(ct::crypto::HashAlg::sha256, digest);
  const auto mechanism = ec ? p11::SignMechanism::ecdsa : p11::SignMechanism::rsa_pkcs;

  std::atomic<long> total{0};
  std::atomic<bool> failed{false};
  const auto start = std::chrono::steady_clock::now();
  const auto until = start + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      auto key = sessions[static_cast<std::size_t>(t)].private_key(id);
      if (!key) {
        failed = true;
        return;
      }
      long n = 0;
      while (std::chrono::steady_clock::now() < until) {
        if (!sessions[static_cast<std::size_t>(t)].sign_with(*key, mechanism, input)) {
          failed = true;
          return;
        }
        ++n;
      }
      total += n;
    });
  }
  for (auto& w : workers) w.join();
  if (failed) {
    std::fprintf(stderr, "signing failed\n");
    return 3;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("pkcs11 C_Sign: %.1f signatures/s wall (%d threads, %ld in %.1f s)\n", static_cast<double>(total.load()) / secs,
              threads, total.load(), secs);
  return 0;
}
