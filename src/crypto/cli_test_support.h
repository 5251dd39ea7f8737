#pragma once
// Test-only helpers for the crypto tests that cross-check output with the openssl CLI: a
// temporary directory, running a command, reading and writing files, making a CA and leaves.
// Included by *_test.cpp files only.

#include <openssl/pem.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

#include "crypto/keys_internal.h"

namespace ct::crypto::clitest {

struct CmdResult {
  int status = -1;
  std::string output;  // stdout and stderr
};

inline CmdResult run(const std::string& cmd) {
  CmdResult r;
  FILE* p = ::popen(("(" + cmd + ") 2>&1").c_str(), "r");
  if (p == nullptr) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

inline Bytes read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_file(const std::filesystem::path& p, std::span<const std::uint8_t> data) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

class TempDir final {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ct_crypto_XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline PrivateKey load_key(const std::filesystem::path& pem) {
  const ossl::Bio bio(BIO_new_file(pem.c_str(), "r"));
  if (!bio) throw std::runtime_error("cannot open " + pem.string());
  ossl::Pkey pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!pkey) throw std::runtime_error("cannot read " + pem.string());
  auto key = wrap_private_key(std::move(pkey));
  if (!key) throw std::runtime_error(key.error().describe());
  return std::move(*key);
}

inline Bytes pem_to_der(const TempDir& dir, const std::string& pem, const std::string& name) {
  const std::string der = dir / (name + ".der");
  const auto r = run("openssl x509 -in " + pem + " -outform DER -out " + der);
  if (r.status != 0) throw std::runtime_error(r.output);
  return read_file(der);
}

inline constexpr const char* kRsa2048 = "-newkey rsa:2048";
inline constexpr const char* kEcP256 = "-newkey ec -pkeyopt ec_paramgen_curve:P-256";

struct TestCa {
  std::string name;  // file prefix in the directory
  std::string pem;
  std::string key_pem;
  Bytes der;
  std::optional<PrivateKey> key;
};

// A self-signed CA made by `openssl req -x509` (keyCertSign, cRLSign); `extra` adds options.
inline TestCa make_ca(const TempDir& dir, const std::string& name, const std::string& newkey,
                      const std::string& extra = "-addext subjectKeyIdentifier=hash") {
  TestCa ca;
  ca.name = name;
  ca.pem = dir / (name + ".pem");
  ca.key_pem = dir / (name + ".key");
  const auto r = run("openssl req -x509 " + newkey + " -nodes -keyout " + ca.key_pem + " -out " + ca.pem +
                     " -subj '/C=VN/O=Ban Cơ yếu Chính phủ/CN=CA phục vụ các cơ quan Nhà nước " + name +
                     "' -utf8 -days 30 -addext 'basicConstraints=critical,CA:TRUE'"
                     " -addext 'keyUsage=critical,keyCertSign,cRLSign' " + extra);
  if (r.status != 0) throw std::runtime_error(r.output);
  ca.der = pem_to_der(dir, ca.pem, name);
  ca.key = load_key(ca.key_pem);
  return ca;
}

// A certificate under `ca` with serial 0x`serial_hex` and an EC P-256 key; returns the PEM path
// (the key is beside it, "<path without .pem>.key"). `extfile` is an optional extension file
// whose section [ext] is used.
inline std::string make_leaf(const TempDir& dir, const TestCa& ca, const std::string& serial_hex,
                             const std::string& extfile = {}) {
  const std::string base = dir / (ca.name + "_leaf_" + serial_hex);
  const std::string ext = extfile.empty() ? "" : " -extfile " + extfile + " -extensions ext";
  const auto r = run("openssl req -new " + std::string(kEcP256) + " -nodes -keyout " + base + ".key -out " + base +
                     ".csr -subj '/CN=leaf " + serial_hex + "' && openssl x509 -req -in " + base + ".csr -CA " +
                     ca.pem + " -CAkey " + ca.key_pem + " -set_serial 0x" + serial_hex + " -days 10" + ext +
                     " -out " + base + ".pem");
  if (r.status != 0) throw std::runtime_error(r.output);
  return base + ".pem";
}

}  // namespace ct::crypto::clitest
