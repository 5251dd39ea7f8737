#pragma once
// Test support of the PKCS#11 tests (pkcs11_test.cpp, pkcs11_key_backend_test.cpp): each test has
// its own token directory (SOFTHSM2_CONF in a temporary directory) with one token made by
// softhsm2-util, the tool an operator would use, and SoftHSM2's spare blank slot. Attributes of
// what the code under test made are read back through the raw PKCS#11 API (pkcs11_internal.h).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "crypto/cli_test_support.h"
#include "crypto/pkcs11.h"
#include "crypto/pkcs11_internal.h"

namespace ct::crypto::pkcs11::p11test {

inline constexpr const char* kSoftHsm = "/usr/lib/softhsm/libsofthsm2.so";
inline constexpr const char* kLabel = "chungthu-a";
inline constexpr const char* kSoPin = "so-pin-8642";
inline constexpr const char* kUserPin = "user-pin-1357";

inline const Bytes kKeyId{0xC7, 0x01, 0x02, 0x03};

inline std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline Bytes to_bytes(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

// The raw API, for reading back what the code under test made.
inline std::vector<CK_OBJECT_HANDLE> raw_find(const Session& s, CK_OBJECT_CLASS cls, const Bytes& id) {
  CK_FUNCTION_LIST* f = s.impl().lib->fns;
  Bytes id_copy = id;
  std::array match{CK_ATTRIBUTE{CKA_CLASS, &cls, sizeof cls}, CK_ATTRIBUTE{CKA_ID, id_copy.data(), id_copy.size()}};
  std::vector<CK_OBJECT_HANDLE> out;
  if (f->C_FindObjectsInit(s.impl().handle, match.data(), match.size()) != CKR_OK) return out;
  std::array<CK_OBJECT_HANDLE, 8> batch{};
  CK_ULONG n = 0;
  while (f->C_FindObjects(s.impl().handle, batch.data(), batch.size(), &n) == CKR_OK && n > 0) {
    out.insert(out.end(), batch.begin(), batch.begin() + static_cast<std::ptrdiff_t>(n));
  }
  f->C_FindObjectsFinal(s.impl().handle);
  return out;
}

struct RawValue {
  CK_RV rv = CKR_GENERAL_ERROR;
  CK_ULONG length = 0;
  Bytes value;
};

inline RawValue raw_get(const Session& s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  CK_FUNCTION_LIST* f = s.impl().lib->fns;
  RawValue out;
  CK_ATTRIBUTE a{type, nullptr, 0};
  out.rv = f->C_GetAttributeValue(s.impl().handle, object, &a, 1);
  out.length = a.ulValueLen;
  if (out.rv != CKR_OK) return out;
  out.value.resize(a.ulValueLen);
  a.pValue = out.value.data();
  out.rv = f->C_GetAttributeValue(s.impl().handle, object, &a, 1);
  return out;
}

inline bool raw_bool(const Session& s, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  const RawValue v = raw_get(s, object, type);
  EXPECT_EQ(v.rv, CKR_OK) << "attribute 0x" << std::hex << type;
  return v.rv == CKR_OK && v.value.size() == sizeof(CK_BBOOL) && v.value[0] == CK_TRUE;
}

class SoftHsm : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(std::filesystem::exists(kSoftHsm))
        << "SoftHSM2 is not installed (no " << kSoftHsm << "): run scripts/install-deps.sh";
    ASSERT_EQ(clitest::run("command -v softhsm2-util").status, 0)
        << "softhsm2-util is not installed: run scripts/install-deps.sh";
    std::filesystem::create_directory(dir_.path() / "tokens");
    const std::string conf = dir_ / "softhsm2.conf";
    std::ofstream(conf) << "directories.tokendir = " << (dir_ / "tokens") << "\nobjectstore.backend = file\n"
                        << "log.level = ERROR\n";
    // Read by SoftHSM2's C_Initialize (Module::load) and by softhsm2-util below.
    ASSERT_EQ(::setenv("SOFTHSM2_CONF", conf.c_str(), 1), 0);
    const auto made = clitest::run(std::string("softhsm2-util --init-token --free --label ") + kLabel + " --so-pin " +
                                   kSoPin + " --pin " + kUserPin);
    ASSERT_EQ(made.status, 0) << made.output;
    auto m = Module::load(kSoftHsm);
    ASSERT_TRUE(m) << m.error().describe();
    module_.emplace(std::move(*m));
    auto slots = module_->slots();
    ASSERT_TRUE(slots) << slots.error().describe();
    for (const auto& s : *slots) {
      if (s.token && s.token->label == kLabel) token_ = s;
      if (s.token && !s.token->initialized) blank_ = s;
    }
    ASSERT_TRUE(token_) << "the token made by softhsm2-util is not listed";
    ASSERT_TRUE(blank_) << "SoftHSM2 always has one blank slot";
  }
  void TearDown() override {
    module_.reset();
    ::unsetenv("SOFTHSM2_CONF");
  }

  // A session in which the user is logged in (by this call, or already by the application).
  Session user_session() {
    auto s = module_->open_session(token_->slot_id);
    EXPECT_TRUE(s) << s.error().describe();
    auto in = s->login(UserType::user, kUserPin);
    EXPECT_TRUE(in || is(in.error(), ReturnValue::user_already_logged_in)) << in.error().describe();
    return std::move(*s);
  }

  clitest::TempDir dir_;
  std::optional<Module> module_;
  std::optional<SlotInfo> token_;
  std::optional<SlotInfo> blank_;
};

}  // namespace ct::crypto::pkcs11::p11test
