// The chain key, the keys bound in this process, and a log's adoption of its key.
#include "audit/chain_key.h"

#include <algorithm>
#include <mutex>
#include <vector>

#include "audit/audit_chain.h"
#include "crypto/mac.h"

namespace ct::audit {
namespace {

std::span<const std::uint8_t> bytes_of(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// The keys bound in this process. A vector: a process binds one or two (tests a few more).
struct Keyring {
  std::mutex mu;
  std::vector<std::shared_ptr<const ChainKey>> keys;  // REQUIRES: mu held
};

Keyring& keyring() {
  static Keyring k;
  return k;
}

}  // namespace

ChainKey::ChainKey(Bytes raw) : key_(std::move(raw)) {
  const Bytes id = crypto::hmac(crypto::HashAlg::sha256, key_, bytes_of("chungthu-audit-chain-key-id"));
  id_ = to_hex(std::span<const std::uint8_t>(id).first(16));
}

ChainKey::~ChainKey() {
  // Best effort: the bytes do not outlive the key in this buffer.
  std::fill(key_.begin(), key_.end(), std::uint8_t{0});
}

Result<ChainKey> ChainKey::from_bytes(Bytes raw) {
  if (raw.size() != kSize) {
    return fail(ErrorCode::invalid_input, "Khóa chuỗi nhật ký kiểm toán phải dài 32 byte",
                "The audit chain key must be 32 bytes long");
  }
  return ChainKey(std::move(raw));
}

Result<ChainKey> ChainKey::from_hex(std::string_view hex) {
  auto raw = ct::from_hex(hex);
  if (!raw || raw->size() != kSize || hex.size() != 2 * kSize) {
    return fail(ErrorCode::invalid_input, "Khóa chuỗi nhật ký kiểm toán phải gồm 64 chữ số hex",
                "The audit chain key must be 64 hex digits");
  }
  return ChainKey(std::move(*raw));
}

std::string ChainKey::mac(std::string_view data) const {
  return to_hex(crypto::hmac(crypto::HashAlg::sha256, key_, bytes_of(data)));
}

ChainKeyBinding::ChainKeyBinding(std::shared_ptr<const ChainKey> key) : key_(std::move(key)) {
  Keyring& k = keyring();
  const std::lock_guard lock(k.mu);
  k.keys.push_back(key_);
}

ChainKeyBinding::~ChainKeyBinding() {
  if (!key_) return;
  Keyring& k = keyring();
  const std::lock_guard lock(k.mu);
  if (auto it = std::find(k.keys.begin(), k.keys.end(), key_); it != k.keys.end()) k.keys.erase(it);
}

namespace detail {

std::shared_ptr<const ChainKey> bound_chain_key(std::string_view id) {
  Keyring& k = keyring();
  const std::lock_guard lock(k.mu);
  for (const auto& key : k.keys) {
    if (key->id() == id) return key;
  }
  return nullptr;
}

}  // namespace detail

Result<std::string> chain_key_id(store::Connection& c) {
  auto head = detail::read_head(c, /*lock=*/false);
  if (!head) return fail(head.error());
  return head->chain_key_id;
}

Result<bool> adopt_chain_key(store::Database& db, const Clock& clock, const ChainKey& key,
                             const crypto::PrivateKey& checkpoint_key) {
  auto conn = db.acquire();
  if (!conn) return fail(conn.error());
  store::Connection& c = **conn;
  auto tx = store::Transaction::begin(c, true);
  if (!tx) return fail(tx.error());
  auto head = detail::read_head(c, /*lock=*/true);
  if (!head) return fail(head.error());
  if (head->chain_key_id == key.id()) return false;
  if (!head->chain_key_id.empty()) return fail(detail::wrong_chain_key(head->chain_key_id));

  if (head->seq > 0) {
    auto last = detail::last_checkpoint(c);
    if (!last) return fail(last.error());
    if (!*last || (*last)->seq != head->seq || (*last)->hash != head->hash) {
      if (auto s = detail::check_segment(c, *last, *head, nullptr); !s) return fail(s.error());
      if (auto cp = detail::insert_checkpoint(c, clock, checkpoint_key, *head); !cp) return fail(cp.error());
    }
  }
  auto upd = c.query("UPDATE audit_head SET chain_key_id = $1 WHERE id = 1");
  if (!upd) return fail(upd.error());
  if (auto s = upd->bind(1, key.id()).run(); !s) return fail(s.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return true;
}

}  // namespace ct::audit
