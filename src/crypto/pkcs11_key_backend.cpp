// CA keys on a PKCS#11 token or HSM (key_backend.h): a pool of logged-in sessions that recovers
// from session and device faults by itself.
#include <openssl/crypto.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "crypto/key_backend.h"
#include "crypto/keys_internal.h"
#include "crypto/pkcs11.h"

namespace ct::crypto {
namespace {

constexpr std::string_view kPrefix = "pkcs11:";
constexpr std::string_view kObjectPrefix = "chungthu-";

Bytes object_id(const std::string& label) {
  const std::string text = std::string(kObjectPrefix) + label;
  return Bytes(text.begin(), text.end());
}

// The errors after which no session can be trusted: the token or the device is gone or broken,
// or the application's login ended with its sessions.
bool is_fault(const Error& e) {
  using pkcs11::ReturnValue;
  if (!pkcs11::return_value(e)) return false;
  return e.code == ErrorCode::unavailable || e.code == ErrorCode::internal || pkcs11::is(e, ReturnValue::user_not_logged_in);
}

}  // namespace

// Sessions with one token, shared by the backend and every PrivateKey it loaded.
class TokenPool final {
 public:
  TokenPool(pkcs11::Module module, Pkcs11BackendOptions options)
      : module_(std::move(module)), options_(std::move(options)) {}
  ~TokenPool() { OPENSSL_cleanse(options_.pin.data(), options_.pin.size()); }
  TokenPool(const TokenPool&) = delete;
  TokenPool& operator=(const TokenPool&) = delete;

  using Work = std::function<Result<Bytes>(pkcs11::Session&)>;

  // Runs `work` on a logged-in session. After a fault, every session is dropped and the work is
  // tried once more on a new one; what still fails is unavailable, with the reason.
  Result<Bytes> run(const Work& work) {
    Error last;
    for (int attempt = 0; attempt < 2; ++attempt) {
      auto lease = acquire();
      if (!lease) {
        last = lease.error();
        drop_all();
        if (is_fault(last)) continue;
        break;
      }
      auto result = work(lease->session);
      if (result) {
        release(std::move(*lease), true);
        return result;
      }
      last = result.error();
      const bool fault = is_fault(last);
      release(std::move(*lease), !fault);
      if (!fault) return result;
      drop_all();
    }
    return fail(unavailable(last));
  }

  // The handle of the private key `id`, found once per generation of sessions.
  Result<std::uint64_t> key_handle(pkcs11::Session& s, const Bytes& id) {
    {
      const std::lock_guard lock(mutex_);
      if (const auto it = handles_.find(id); it != handles_.end()) return it->second;
    }
    auto h = s.private_key(id);
    if (!h) return fail(h.error());
    const std::lock_guard lock(mutex_);
    handles_[id] = *h;
    return *h;
  }

  std::optional<Bytes> cached_public_key(const std::string& label) {
    const std::lock_guard lock(mutex_);
    const auto it = public_keys_.find(label);
    if (it == public_keys_.end()) return std::nullopt;
    return it->second;
  }
  void remember_public_key(const std::string& label, const Bytes& spki) {
    const std::lock_guard lock(mutex_);
    public_keys_[label] = spki;
  }
  void forget(const std::string& label) {
    const std::lock_guard lock(mutex_);
    public_keys_.erase(label);
    handles_.clear();
  }

  std::optional<Error> pin_rejected() {
    const std::lock_guard lock(mutex_);
    return pin_rejected_;
  }

  // unavailable, naming the token, with the reason (a PIN never appears in it).
  [[nodiscard]] Error unavailable(const Error& e) const {
    const std::string token =
        options_.token_label.empty() ? "serial " + options_.token_serial : "'" + options_.token_label + "'";
    return Error::make(ErrorCode::unavailable, "Thiết bị giữ khóa CA (PKCS#11, token " + token + ") không dùng được: " + e.message_vi,
                       "The CA key token (PKCS#11, token " + token + ") cannot be used: " + e.message_en,
                       e.context.empty() ? "ca.pkcs11" : e.context);
  }

 private:
  struct Lease {
    pkcs11::Session session;
    std::uint64_t generation;
  };

  Result<Lease> acquire() {
    std::uint64_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      if (pin_rejected_) return fail(*pin_rejected_);
      cv_.wait(lock, [this] { return !idle_.empty() || leased_ < options_.max_sessions; });
      ++leased_;
      generation = generation_;
      if (!idle_.empty()) {
        Lease l{std::move(idle_.back()), generation};
        idle_.pop_back();
        return l;
      }
    }
    auto s = open_session();
    if (!s) {
      const std::lock_guard lock(mutex_);
      --leased_;
      cv_.notify_one();
      return fail(s.error());
    }
    return Lease{std::move(*s), generation};
  }

  void release(Lease lease, bool keep) {
    const std::lock_guard lock(mutex_);
    --leased_;
    if (keep && lease.generation == generation_) {
      idle_.push_back(std::move(lease.session));
    }
    cv_.notify_one();
  }

  // Every session goes (those leased now are closed when they come back); object handles with them.
  void drop_all() {
    std::vector<pkcs11::Session> closing;
    const std::lock_guard lock(mutex_);
    ++generation_;
    closing.swap(idle_);
    handles_.clear();
  }

  Result<pkcs11::Session> open_session() {
    auto slot = options_.token_label.empty() ? module_.find_token_by_serial(options_.token_serial)
                                             : module_.find_token_by_label(options_.token_label);
    if (!slot) return fail(slot.error());
    auto s = module_.open_session(slot->slot_id);
    if (!s) return fail(s.error());
    auto in = s->logged_in();
    if (!in) return fail(in.error());
    if (!*in) {
      auto login = s->login(pkcs11::UserType::user, options_.pin);
      if (!login && !pkcs11::is(login.error(), pkcs11::ReturnValue::user_already_logged_in)) {
        if (pkcs11::is(login.error(), pkcs11::ReturnValue::pin_incorrect) ||
            pkcs11::is(login.error(), pkcs11::ReturnValue::pin_locked)) {
          Error e = Error::make(
              ErrorCode::invalid_input,
              "Mã PIN người dùng của token khóa CA bị từ chối (" + login.error().message_vi +
                  "): kiểm tra CHUNGTHU_PKCS11_PIN hoặc ca.pkcs11_pin_file; không thử lại cho tới khi khởi động lại",
              "The CA key token refused the user PIN (" + login.error().message_en +
                  "): check CHUNGTHU_PKCS11_PIN or ca.pkcs11_pin_file; not tried again until restarted",
              login.error().context);
          const std::lock_guard lock(mutex_);
          pin_rejected_ = e;
          return fail(e);
        }
        return fail(login.error());
      }
    }
    return std::move(*s);
  }

  pkcs11::Module module_;
  Pkcs11BackendOptions options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<pkcs11::Session> idle_;
  unsigned leased_ = 0;
  std::uint64_t generation_ = 0;
  std::map<Bytes, std::uint64_t> handles_;
  std::map<std::string, Bytes> public_keys_;
  std::optional<Error> pin_rejected_;
};

namespace {

class TokenSigner final : public ExternalSigner {
 public:
  TokenSigner(std::shared_ptr<TokenPool> pool, Bytes id) : pool_(std::move(pool)), id_(std::move(id)) {}

  Result<Bytes> sign_digest(KeyType type, HashAlg hash, std::span<const std::uint8_t> digest) const override {
    const bool ec = type == KeyType::ec_p256 || type == KeyType::ec_p384;
    Bytes input;
    if (ec) {
      input.assign(digest.begin(), digest.end());
    } else {
      auto info = pkcs11::rsa_digest_info(hash, digest);
      if (!info) return fail(info.error());
      input = std::move(*info);
    }
    auto signature = pool_->run([&](pkcs11::Session& s) -> Result<Bytes> {
      auto key = pool_->key_handle(s, id_);
      if (!key) return fail(key.error());
      return s.sign_with(*key, ec ? pkcs11::SignMechanism::ecdsa : pkcs11::SignMechanism::rsa_pkcs, input);
    });
    // Whatever stops the token from signing leaves the work queued for a later attempt (run()
    // already says so of a fault).
    if (!signature) {
      const Error& e = signature.error();
      return fail(e.code == ErrorCode::unavailable ? e : pool_->unavailable(e));
    }
    if (ec) return pkcs11::ecdsa_signature_der(*signature);
    return signature;
  }

 private:
  std::shared_ptr<TokenPool> pool_;
  Bytes id_;
};

Result<std::string> label_of(const std::string& ref) {
  if (!ref.starts_with(kPrefix) || ref.size() == kPrefix.size()) {
    return fail(ErrorCode::invalid_input, "Tham chiếu khóa không thuộc kho PKCS#11: " + ref,
                "Key reference is not a PKCS#11 key: " + ref);
  }
  return ref.substr(kPrefix.size());
}

}  // namespace

Result<std::unique_ptr<Pkcs11KeyBackend>> Pkcs11KeyBackend::open(Pkcs11BackendOptions options) {
  if (options.token_label.empty() && options.token_serial.empty()) {
    return fail(ErrorCode::invalid_input, "Thiếu nhãn token khóa CA (ca.pkcs11_token_label)",
                "The CA key token's label is missing (ca.pkcs11_token_label)", "ca.pkcs11_token_label");
  }
  if (options.pin.empty()) {
    return fail(ErrorCode::invalid_input,
                "Thiếu mã PIN của token khóa CA: đặt CHUNGTHU_PKCS11_PIN hoặc ca.pkcs11_pin_file",
                "The CA key token's PIN is missing: set CHUNGTHU_PKCS11_PIN or ca.pkcs11_pin_file",
                "ca.pkcs11_pin_file");
  }
  if (options.max_sessions == 0) options.max_sessions = 1;
  auto module = pkcs11::Module::load(options.module);
  if (!module) return fail(module.error());
  auto pool = std::make_shared<TokenPool>(std::move(*module), std::move(options));
  // A first session, logged in: a missing token or a wrong PIN is said now, not at the first signature.
  auto opened = pool->run([](pkcs11::Session& s) -> Result<Bytes> {
    auto in = s.logged_in();
    if (!in) return fail(in.error());
    return Bytes{};
  });
  if (!opened) return fail(pool->pin_rejected().value_or(opened.error()));
  return std::make_unique<Pkcs11KeyBackend>(std::move(pool));
}

Pkcs11KeyBackend::Pkcs11KeyBackend(std::shared_ptr<TokenPool> pool) : pool_(std::move(pool)) {}
Pkcs11KeyBackend::~Pkcs11KeyBackend() = default;

Result<std::string> Pkcs11KeyBackend::generate(const std::string& label, KeyType type) {
  if (!valid_key_label(label)) {
    return fail(ErrorCode::invalid_input, "Nhãn khóa không hợp lệ: " + label, "Invalid key label: " + label);
  }
  const Bytes id = object_id(label);
  const std::string object_label(id.begin(), id.end());
  auto spki = pool_->run([&](pkcs11::Session& s) { return s.generate_key_pair(type, object_label, id, true); });
  if (!spki) {
    if (spki.error().code == ErrorCode::conflict) {
      return fail(ErrorCode::conflict, "Khóa đã tồn tại trên token: " + object_label,
                  "Key already exists on the token: " + object_label, "ca.pkcs11");
    }
    return fail(spki.error());
  }
  pool_->remember_public_key(label, *spki);
  return reference(label);
}

Result<PrivateKey> Pkcs11KeyBackend::load(const std::string& ref) {
  auto label = label_of(ref);
  if (!label) return fail(label.error());
  std::optional<Bytes> spki = pool_->cached_public_key(*label);
  const Bytes id = object_id(*label);
  if (!spki) {
    bool missing = false;
    auto found = pool_->run([&](pkcs11::Session& s) -> Result<Bytes> {
      auto pub = s.public_key(id);
      if (!pub) return fail(pub.error());
      if (!*pub) {
        missing = true;
        return Bytes{};
      }
      return std::move(**pub);
    });
    if (!found) return fail(found.error());
    if (missing) {
      return fail(ErrorCode::not_found, "Không có khóa " + std::string(id.begin(), id.end()) + " trên token khóa CA",
                  "No key " + std::string(id.begin(), id.end()) + " on the CA key token", "ca.pkcs11");
    }
    pool_->remember_public_key(*label, *found);
    spki = std::move(*found);
  }
  return external_private_key(std::move(*spki), std::make_shared<TokenSigner>(pool_, id));
}

std::optional<Error> Pkcs11KeyBackend::check() {
  // At most one probe a second, whatever calls it (/readyz is public): probes never crowd out
  // the signatures for the pool's sessions.
  const auto now = std::chrono::steady_clock::now();
  {
    const std::lock_guard lock(check_mutex_);
    if (checked_at_ && now - *checked_at_ < std::chrono::seconds(1)) return last_check_;
    checked_at_ = now;
  }
  auto probe = pool_->run([](pkcs11::Session& s) -> Result<Bytes> {
    auto in = s.logged_in();
    if (!in) return fail(in.error());
    if (!*in) return fail(ErrorCode::unavailable, "Phiên với token chưa đăng nhập", "The token session is not logged in");
    return Bytes{};
  });
  std::optional<Error> result;
  if (!probe) result = probe.error();
  const std::lock_guard lock(check_mutex_);
  last_check_ = result;
  return result;
}

Status Pkcs11KeyBackend::destroy(const std::string& ref) {
  auto label = label_of(ref);
  if (!label) return fail(label.error());
  const Bytes id = object_id(*label);
  auto done = pool_->run([&](pkcs11::Session& s) -> Result<Bytes> {
    if (auto st = s.destroy_key_pair(id); !st) return fail(st.error());
    return Bytes{};
  });
  pool_->forget(*label);
  if (!done) return fail(done.error());
  return {};
}

}  // namespace ct::crypto
