#include "crypto/pkcs11.h"

#include <dlfcn.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "crypto/der.h"
#include "crypto/pkcs11_internal.h"

namespace ct::crypto::pkcs11 {

static_assert(static_cast<CK_RV>(ReturnValue::slot_id_invalid) == CKR_SLOT_ID_INVALID);
static_assert(static_cast<CK_RV>(ReturnValue::device_error) == CKR_DEVICE_ERROR);
static_assert(static_cast<CK_RV>(ReturnValue::device_removed) == CKR_DEVICE_REMOVED);
static_assert(static_cast<CK_RV>(ReturnValue::pin_incorrect) == CKR_PIN_INCORRECT);
static_assert(static_cast<CK_RV>(ReturnValue::pin_locked) == CKR_PIN_LOCKED);
static_assert(static_cast<CK_RV>(ReturnValue::session_handle_invalid) == CKR_SESSION_HANDLE_INVALID);
static_assert(static_cast<CK_RV>(ReturnValue::token_not_present) == CKR_TOKEN_NOT_PRESENT);
static_assert(static_cast<CK_RV>(ReturnValue::token_not_recognized) == CKR_TOKEN_NOT_RECOGNIZED);
static_assert(static_cast<CK_RV>(ReturnValue::user_already_logged_in) == CKR_USER_ALREADY_LOGGED_IN);
static_assert(static_cast<CK_RV>(ReturnValue::user_not_logged_in) == CKR_USER_NOT_LOGGED_IN);

namespace {

constexpr const char* kModuleContext = "pkcs11_module";
constexpr const char* kRvMarker = "rv=0x";

struct KnownRv {
  CK_RV rv;
  const char* name;
  ErrorCode code;
  const char* vi;
  const char* en;
};

// What a user or operator is told for the return values they can act on. A PIN is named as the
// problem, never shown.
constexpr std::array kKnown{
    KnownRv{CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT", ErrorCode::invalid_input, "Mã PIN không đúng",
            "The PIN is incorrect"},
    KnownRv{CKR_PIN_LOCKED, "CKR_PIN_LOCKED", ErrorCode::forbidden,
            "Mã PIN đã bị khóa do nhập sai quá số lần cho phép (PIN người dùng được mở lại bằng PIN quản trị SO)",
            "The PIN is locked after too many wrong tries (a user PIN is reset with the SO PIN)"},
    KnownRv{CKR_PIN_LEN_RANGE, "CKR_PIN_LEN_RANGE", ErrorCode::invalid_input,
            "Độ dài mã PIN nằm ngoài giới hạn thiết bị cho phép", "The PIN's length is outside the token's limits"},
    KnownRv{CKR_PIN_INVALID, "CKR_PIN_INVALID", ErrorCode::invalid_input, "Mã PIN có ký tự thiết bị không chấp nhận",
            "The PIN has characters the token does not accept"},
    KnownRv{CKR_PIN_EXPIRED, "CKR_PIN_EXPIRED", ErrorCode::forbidden, "Mã PIN đã hết hạn, cần đổi mã PIN",
            "The PIN has expired and must be changed"},
    KnownRv{CKR_USER_PIN_NOT_INITIALIZED, "CKR_USER_PIN_NOT_INITIALIZED", ErrorCode::forbidden,
            "Thiết bị chưa được đặt mã PIN người dùng", "The token's user PIN has not been set"},
    KnownRv{CKR_TOKEN_NOT_PRESENT, "CKR_TOKEN_NOT_PRESENT", ErrorCode::unavailable,
            "Không có thiết bị (token) trong khe", "No token is present in the slot"},
    KnownRv{CKR_DEVICE_REMOVED, "CKR_DEVICE_REMOVED", ErrorCode::unavailable,
            "Thiết bị (token) đã bị rút ra trong khi đang thao tác", "The token was removed during the operation"},
    KnownRv{CKR_DEVICE_ERROR, "CKR_DEVICE_ERROR", ErrorCode::unavailable, "Thiết bị (token) báo lỗi phần cứng",
            "The token reported a device error"},
    KnownRv{CKR_DEVICE_MEMORY, "CKR_DEVICE_MEMORY", ErrorCode::unavailable, "Thiết bị (token) đã hết bộ nhớ",
            "The token is out of memory"},
    KnownRv{CKR_SESSION_HANDLE_INVALID, "CKR_SESSION_HANDLE_INVALID", ErrorCode::unavailable,
            "Phiên làm việc với thiết bị không còn hiệu lực (thiết bị có thể đã bị rút ra)",
            "The session with the token is no longer valid (the token may have been removed)"},
    KnownRv{CKR_SESSION_CLOSED, "CKR_SESSION_CLOSED", ErrorCode::unavailable, "Phiên làm việc với thiết bị đã bị đóng",
            "The session with the token was closed"},
    KnownRv{CKR_SESSION_EXISTS, "CKR_SESSION_EXISTS", ErrorCode::conflict, "Còn phiên làm việc đang mở với thiết bị",
            "Sessions with the token are still open"},
    KnownRv{CKR_SESSION_READ_ONLY_EXISTS, "CKR_SESSION_READ_ONLY_EXISTS", ErrorCode::conflict,
            "Còn phiên chỉ đọc đang mở với thiết bị", "Read-only sessions with the token are still open"},
    KnownRv{CKR_SLOT_ID_INVALID, "CKR_SLOT_ID_INVALID", ErrorCode::not_found, "Không có khe (slot) này",
            "No such slot"},
    KnownRv{CKR_TOKEN_NOT_RECOGNIZED, "CKR_TOKEN_NOT_RECOGNIZED", ErrorCode::unavailable,
            "Mô-đun PKCS#11 không nhận ra thiết bị trong khe", "The PKCS#11 module does not recognise the token"},
    KnownRv{CKR_TOKEN_WRITE_PROTECTED, "CKR_TOKEN_WRITE_PROTECTED", ErrorCode::forbidden, "Thiết bị đang chống ghi",
            "The token is write-protected"},
    KnownRv{CKR_USER_NOT_LOGGED_IN, "CKR_USER_NOT_LOGGED_IN", ErrorCode::forbidden, "Chưa đăng nhập vào thiết bị",
            "Not logged in to the token"},
    KnownRv{CKR_USER_ALREADY_LOGGED_IN, "CKR_USER_ALREADY_LOGGED_IN", ErrorCode::conflict, "Đã đăng nhập vào thiết bị",
            "Already logged in to the token"},
    KnownRv{CKR_USER_ANOTHER_ALREADY_LOGGED_IN, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN", ErrorCode::conflict,
            "Một người dùng khác đang đăng nhập vào thiết bị", "Another user is logged in to the token"},
    KnownRv{CKR_ATTRIBUTE_SENSITIVE, "CKR_ATTRIBUTE_SENSITIVE", ErrorCode::forbidden,
            "Thiết bị không cho đọc thuộc tính bí mật", "The token does not reveal a sensitive attribute"},
};

std::string hex_rv(CK_RV rv) {
  std::array<char, 24> buf{};
  std::snprintf(buf.data(), buf.size(), "0x%08lx", rv);
  return buf.data();
}

// CK_*_INFO text fields are padded with blanks to their fixed size (PKCS#11 §3.2); some modules
// pad with NULs.
std::string unpad(const CK_UTF8CHAR* text, std::size_t size) {
  std::size_t n = size;
  while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\0')) --n;
  return std::string(reinterpret_cast<const char*>(text), n);
}

Error module_error(const std::string& path, const std::string& vi, const std::string& en) {
  return Error::make(ErrorCode::unavailable, "Mô-đun PKCS#11 " + path + ": " + vi, "PKCS#11 module " + path + ": " + en,
                     kModuleContext);
}

// The modules loaded by this process, by dlopen handle. An entry whose Library is gone but not
// yet destroyed (expired) stays until ~Library removes it, so a module is never initialized again
// before it has been finalized.
std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}
std::map<void*, std::weak_ptr<Library>>& registry() {
  static std::map<void*, std::weak_ptr<Library>> r;
  return r;
}

struct DlClose {
  void operator()(void* handle) const noexcept { ::dlclose(handle); }
};
using DlHandle = std::unique_ptr<void, DlClose>;

}  // namespace

Error rv_error(CK_RV rv, std::string_view function) {
  const std::string fn(function);
  for (const auto& k : kKnown) {
    if (k.rv == rv) {
      return Error::make(k.code, k.vi, k.en, "pkcs11 " + fn + " " + k.name + " " + kRvMarker + hex_rv(rv).substr(2));
    }
  }
  return Error::make(ErrorCode::internal, "Lỗi PKCS#11 " + hex_rv(rv) + " trong " + fn,
                     "PKCS#11 error " + hex_rv(rv) + " in " + fn,
                     "pkcs11 " + fn + " " + kRvMarker + hex_rv(rv).substr(2));
}

std::optional<std::uint64_t> return_value(const Error& e) {
  const auto at = e.context.rfind(kRvMarker);
  if (at == std::string::npos) return std::nullopt;
  const std::string digits = e.context.substr(at + std::string_view(kRvMarker).size(), 16);
  std::size_t used = 0;
  try {
    const unsigned long long v = std::stoull(digits, &used, 16);
    if (used == 0) return std::nullopt;
    return static_cast<std::uint64_t>(v);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool is(const Error& e, ReturnValue rv) {
  return return_value(e) == static_cast<std::uint64_t>(rv);
}

Result<Bytes> rsa_digest_info(HashAlg alg, std::span<const std::uint8_t> digest) {
  // RFC 8017 §9.2, note 1: the DER of DigestInfo ::= SEQUENCE { digestAlgorithm
  // AlgorithmIdentifier (NULL parameters), digest OCTET STRING } up to the digest.
  static const Bytes kSha1{0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
  static const Bytes kSha256{0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                             0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
  static const Bytes kSha384{0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                             0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
  static const Bytes kSha512{0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                             0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
  const Bytes* prefix = &kSha256;
  switch (alg) {
    case HashAlg::sha1:
      prefix = &kSha1;
      break;
    case HashAlg::sha256:
      prefix = &kSha256;
      break;
    case HashAlg::sha384:
      prefix = &kSha384;
      break;
    case HashAlg::sha512:
      prefix = &kSha512;
      break;
  }
  if (digest.size() != prefix->back()) {
    return fail(ErrorCode::invalid_input, "Độ dài giá trị băm không khớp thuật toán băm",
                "The digest's length does not match the hash algorithm");
  }
  Bytes out(*prefix);
  out.insert(out.end(), digest.begin(), digest.end());
  return out;
}

Result<Bytes> ecdsa_signature_der(std::span<const std::uint8_t> raw) {
  if (raw.empty() || raw.size() % 2 != 0) {
    return fail(ErrorCode::invalid_input, "Chữ ký ECDSA từ thiết bị sai độ dài",
                "The token's ECDSA signature has a wrong length", "pkcs11_signature");
  }
  const std::size_t half = raw.size() / 2;
  der::Writer w;
  auto seq = w.begin(der::kSequence);
  w.integer(raw.first(half));
  w.integer(raw.subspan(half));
  w.end(seq);
  return w.take();
}

PinBuffer::PinBuffer(std::string_view pin) : bytes_(pin.begin(), pin.end()) {}
PinBuffer::~PinBuffer() {
  OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

Library::~Library() {
  const std::lock_guard lock(registry_mutex());
  auto& reg = registry();
  if (const auto it = reg.find(handle); it != reg.end() && it->second.expired()) reg.erase(it);
  if (finalize) fns->C_Finalize(nullptr);
  ::dlclose(handle);
}

Result<Module> Module::load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(module_error(path, "không tìm thấy tệp", "no such file"));
  }
  while (true) {
    std::unique_lock lock(registry_mutex());
    DlHandle handle(::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL));
    if (!handle) {
      const char* why = ::dlerror();
      return fail(module_error(path, std::string("không nạp được thư viện (") + (why ? why : "dlopen") + ")",
                               std::string("cannot load the library (") + (why ? why : "dlopen") + ")"));
    }
    auto& reg = registry();
    if (const auto it = reg.find(handle.get()); it != reg.end()) {
      if (auto shared = it->second.lock()) return Module(std::move(shared));  // `handle` drops our extra reference
      // Its last user is finalizing it: wait until that is done, then initialize it afresh.
      lock.unlock();
      handle.reset();
      std::this_thread::yield();
      continue;
    }
    void* symbol = ::dlsym(handle.get(), "C_GetFunctionList");
    if (symbol == nullptr) {
      return fail(module_error(path, "không phải mô-đun PKCS#11 (không có hàm C_GetFunctionList)",
                               "not a PKCS#11 module (no C_GetFunctionList)"));
    }
    const auto get_function_list = reinterpret_cast<CK_C_GetFunctionList>(symbol);
    CK_FUNCTION_LIST* fns = nullptr;
    if (const CK_RV rv = get_function_list(&fns); rv != CKR_OK || fns == nullptr) {
      return fail(module_error(path, "C_GetFunctionList thất bại (" + hex_rv(rv) + ")",
                               "C_GetFunctionList failed (" + hex_rv(rv) + ")"));
    }
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    const CK_RV rv = fns->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      Error e = rv_error(rv, "C_Initialize");
      return fail(Error::make(e.code, "Mô-đun PKCS#11 " + path + ": không khởi tạo được: " + e.message_vi,
                              "PKCS#11 module " + path + ": cannot initialize: " + e.message_en,
                              std::string(kModuleContext) + ": " + e.context));
    }
    auto lib = std::make_shared<Library>();
    lib->path = path;
    lib->fns = fns;
    // Initialized by someone else in this process (not through Module): theirs to finalize.
    lib->finalize = rv == CKR_OK;
    lib->handle = handle.release();
    reg.emplace(lib->handle, lib);
    return Module(std::move(lib));
  }
}

Module::Module(std::shared_ptr<Library> lib) : lib_(std::move(lib)) {}
Module::~Module() = default;
Module::Module(Module&&) noexcept = default;
Module& Module::operator=(Module&&) noexcept = default;

const std::string& Module::path() const noexcept {
  return lib_->path;
}

Result<std::vector<SlotInfo>> Module::slots() const {
  CK_FUNCTION_LIST* f = lib_->fns;
  std::vector<CK_SLOT_ID> ids;
  while (true) {
    CK_ULONG count = 0;
    if (auto s = check(f->C_GetSlotList(CK_FALSE, nullptr, &count), "C_GetSlotList"); !s) return fail(s.error());
    ids.resize(count);
    const CK_RV rv = f->C_GetSlotList(CK_FALSE, ids.data(), &count);
    if (rv == CKR_BUFFER_TOO_SMALL) continue;  // a reader was plugged in between the two calls
    if (rv != CKR_OK) return fail(rv_error(rv, "C_GetSlotList"));
    ids.resize(count);
    break;
  }
  std::vector<SlotInfo> out;
  for (const CK_SLOT_ID id : ids) {
    CK_SLOT_INFO si{};
    const CK_RV srv = f->C_GetSlotInfo(id, &si);
    if (srv == CKR_SLOT_ID_INVALID) continue;  // unplugged since the listing
    if (srv != CKR_OK) return fail(rv_error(srv, "C_GetSlotInfo"));
    SlotInfo slot;
    slot.slot_id = id;
    slot.description = unpad(si.slotDescription, sizeof si.slotDescription);
    slot.token_present = (si.flags & CKF_TOKEN_PRESENT) != 0;
    if (slot.token_present) {
      CK_TOKEN_INFO ti{};
      const CK_RV trv = f->C_GetTokenInfo(id, &ti);
      if (trv == CKR_OK) {
        TokenInfo t;
        t.label = unpad(ti.label, sizeof ti.label);
        t.serial = unpad(ti.serialNumber, sizeof ti.serialNumber);
        t.manufacturer = unpad(ti.manufacturerID, sizeof ti.manufacturerID);
        t.model = unpad(ti.model, sizeof ti.model);
        t.initialized = (ti.flags & CKF_TOKEN_INITIALIZED) != 0;
        t.user_pin_initialized = (ti.flags & CKF_USER_PIN_INITIALIZED) != 0;
        t.user_pin_locked = (ti.flags & CKF_USER_PIN_LOCKED) != 0;
        t.user_pin_count_low = (ti.flags & CKF_USER_PIN_COUNT_LOW) != 0;
        t.so_pin_locked = (ti.flags & CKF_SO_PIN_LOCKED) != 0;
        slot.token = std::move(t);
      } else if (trv == CKR_TOKEN_NOT_PRESENT || trv == CKR_DEVICE_REMOVED) {
        slot.token_present = false;
      } else {
        slot.token_error = rv_error(trv, "C_GetTokenInfo");
      }
    }
    out.push_back(std::move(slot));
  }
  return out;
}

namespace {
// The one slot whose token has `field` == `value`; `what` names the field in messages.
Result<SlotInfo> find_token(const Module& m, std::string_view value, std::string TokenInfo::*field,
                            const std::string& what_vi, const std::string& what_en) {
  if (value.empty()) {
    return fail(ErrorCode::invalid_input, "Thiếu " + what_vi + " thiết bị", "The token " + what_en + " is empty",
                "pkcs11_token");
  }
  auto all = m.slots();
  if (!all) return fail(all.error());
  std::optional<SlotInfo> found;
  for (auto& s : *all) {
    if (!s.token || (*s.token).*field != value) continue;
    if (found) {
      return fail(ErrorCode::conflict, "Hai thiết bị có cùng " + what_vi + " " + std::string(value),
                  "Two tokens have the " + what_en + " " + std::string(value), "pkcs11_token");
    }
    found = std::move(s);
  }
  if (!found) {
    return fail(ErrorCode::not_found, "Không tìm thấy thiết bị (token) có " + what_vi + " " + std::string(value),
                "No token with " + what_en + " " + std::string(value) + " is present", "pkcs11_token");
  }
  return std::move(*found);
}
}  // namespace

Result<SlotInfo> Module::find_token_by_serial(std::string_view serial) const {
  return find_token(*this, serial, &TokenInfo::serial, "số sê-ri", "serial");
}

Result<SlotInfo> Module::find_token_by_label(std::string_view label) const {
  return find_token(*this, label, &TokenInfo::label, "nhãn", "label");
}

Status Module::init_token(std::uint64_t slot, std::string_view so_pin, std::string_view label) const {
  // CK_TOKEN_INFO.label: 32 bytes of UTF-8 padded with blanks, not NUL-terminated (PKCS#11 §3.2).
  std::array<CK_UTF8CHAR, 32> padded{};
  if (label.size() > padded.size()) {
    return fail(ErrorCode::invalid_input, "Nhãn thiết bị dài quá 32 byte", "The token label is longer than 32 bytes",
                "pkcs11_token");
  }
  padded.fill(' ');
  std::copy(label.begin(), label.end(), padded.begin());
  PinBuffer pin(so_pin);
  return check(lib_->fns->C_InitToken(static_cast<CK_SLOT_ID>(slot), pin.data(), pin.size(), padded.data()),
               "C_InitToken");
}

Result<Session> Module::open_session(std::uint64_t slot) const {
  CK_SESSION_HANDLE h = CK_INVALID_HANDLE;
  const CK_RV rv = lib_->fns->C_OpenSession(static_cast<CK_SLOT_ID>(slot), CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                            nullptr, &h);
  if (rv != CKR_OK) return fail(rv_error(rv, "C_OpenSession"));
  return Session(std::make_unique<SessionImpl>(SessionImpl{lib_, h, static_cast<CK_SLOT_ID>(slot)}));
}

}  // namespace ct::crypto::pkcs11
