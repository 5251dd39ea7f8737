#pragma once
// The audit chain key (SPEC §8): 32 secret bytes kept outside the database (app::Context reads
// them from $CHUNGTHU_AUDIT_CHAIN_KEY or secrets/audit-chain-key). A keyed entry's hash is
// HMAC-SHA-256 under this key, so someone who can write to the database but does not hold the key
// cannot give a changed entry a hash that verifies. The database knows the key only by its id
// (audit_head.chain_key_id: an HMAC of a fixed label, which tells nothing of the key).
//
// Appenders (audit::append, deep in the domain code) find the key of the log they write to by
// that id among the keys bound in this process (bind_chain_key); checkpoint and verify take it
// as a parameter.

#include <memory>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/error.h"
#include "common/hex.h"
#include "crypto/keys.h"
#include "store/database.h"

namespace ct::audit {

class ChainKey final {
 public:
  static constexpr std::size_t kSize = 32;

  // Exactly kSize bytes, or invalid_input.
  [[nodiscard]] static Result<ChainKey> from_bytes(Bytes raw);
  // 2 × kSize hex digits (either case), or invalid_input; the message never repeats the text.
  [[nodiscard]] static Result<ChainKey> from_hex(std::string_view hex);

  ~ChainKey();
  ChainKey(ChainKey&&) noexcept = default;
  ChainKey& operator=(ChainKey&&) noexcept = default;
  ChainKey(const ChainKey&) = delete;
  ChainKey& operator=(const ChainKey&) = delete;

  // Public: 32 uppercase hex digits naming the key (recorded in audit_head.chain_key_id).
  [[nodiscard]] const std::string& id() const noexcept { return id_; }
  // Uppercase hex HMAC-SHA-256 of `data` under the key.
  [[nodiscard]] std::string mac(std::string_view data) const;

 private:
  explicit ChainKey(Bytes raw);
  Bytes key_;
  std::string id_;
};

// While it lives, append() in this process keys the entries of every log whose
// audit_head.chain_key_id is this key's id. Move-only; several bindings of equal keys are fine.
class ChainKeyBinding final {
 public:
  explicit ChainKeyBinding(std::shared_ptr<const ChainKey> key);
  ~ChainKeyBinding();
  ChainKeyBinding(ChainKeyBinding&& o) noexcept : key_(std::move(o.key_)) {}
  ChainKeyBinding& operator=(ChainKeyBinding&&) = delete;
  ChainKeyBinding(const ChainKeyBinding&) = delete;
  ChainKeyBinding& operator=(const ChainKeyBinding&) = delete;

 private:
  std::shared_ptr<const ChainKey> key_;
};

// The id of the key the log is chained with, "" while it has none (before the first adoption).
[[nodiscard]] Result<std::string> chain_key_id(store::Connection& c);

// Makes `key` the chain key of a log that has none, in one write transaction: the entries written
// so far (unkeyed: plain SHA-256, from before the chain key existed) are checked and covered by a
// checkpoint signed with `checkpoint_key`, and every entry appended afterwards is keyed. From
// then on an unkeyed entry after the last checkpoint is a forgery (checkpoint and verify refuse
// it). True when the log took the key now, false when it already had this one; integrity when it
// has another key or its unkeyed entries are broken.
[[nodiscard]] Result<bool> adopt_chain_key(store::Database& db, const Clock& clock, const ChainKey& key,
                                           const crypto::PrivateKey& checkpoint_key);

}  // namespace ct::audit
