// audit::checkpoint: signs the chain head after checking the entries since the last checkpoint.
#include "audit/audit_chain.h"
#include "audit/audit_log.h"

namespace ct::audit {
namespace {

Error broken_before_checkpoint(std::int64_t seq) {
  return Error::make(ErrorCode::integrity,
                     "Chuỗi nhật ký kiểm toán bị hỏng tại mục " + std::to_string(seq) +
                         "; không ký điểm kiểm tra; hãy chạy 'chungthu audit verify'",
                     "The audit chain is broken at entry " + std::to_string(seq) +
                         "; no checkpoint signed; run 'chungthu audit verify'");
}

Error unexpected_keying(std::int64_t seq, bool keyed) {
  const std::string n = std::to_string(seq);
  return keyed ? Error::make(
                     ErrorCode::integrity,
                     "Mục " + n + " đã khóa bằng khóa chuỗi nhưng nhật ký chưa có khóa chuỗi; không ký điểm kiểm tra",
                     "Entry " + n + " is keyed but the log has no chain key; no checkpoint signed")
               : Error::make(ErrorCode::integrity,
                             "Mục " + n +
                                 " không được khóa bằng khóa chuỗi mà nằm sau điểm kiểm tra cuối (bị viết lại?); "
                                 "không ký điểm kiểm tra; hãy chạy 'chungthu audit verify'",
                             "Entry " + n +
                                 " is not keyed with the chain key but comes after the last checkpoint "
                                 "(rewritten?); no checkpoint signed; run 'chungthu audit verify'");
}

}  // namespace

namespace detail {

Status check_segment(store::Connection& c, const std::optional<Checkpoint>& from, const Head& head,
                     const ChainKey* key) {
  const std::int64_t from_seq = from ? from->seq : 0;
  if (from_seq > head.seq) return fail(broken_before_checkpoint(head.seq + 1));
  auto q =
      c.query(std::string("SELECT ") + kEntryColumns + " FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq");
  if (!q) return fail(q.error());
  q->bind(1, from_seq).bind(2, head.seq);
  std::int64_t expected = from_seq + 1;
  std::string prev = from ? from->hash : std::string();
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const AuditEntry e = read_entry(*q);
    if (e.seq != expected || e.prev_hash != prev) return fail(broken_before_checkpoint(expected));
    if (e.keyed != (key != nullptr)) return fail(unexpected_keying(e.seq, e.keyed));
    if (entry_hash(key, e.prev_hash, e.seq, e.at, e.event) != e.hash) return fail(broken_before_checkpoint(e.seq));
    prev = e.hash;
    ++expected;
  }
  if (expected != head.seq + 1 || prev != head.hash) return fail(broken_before_checkpoint(expected));
  return {};
}

Result<Checkpoint> insert_checkpoint(store::Connection& c, const Clock& clock, const crypto::PrivateKey& key,
                                     const Head& head) {
  Checkpoint cp{head.seq, head.hash, clock.now(), {}};
  const std::string message = checkpoint_message(cp.seq, cp.hash, cp.at);
  const auto* p = reinterpret_cast<const std::uint8_t*>(message.data());
  auto sig = key.sign(std::span<const std::uint8_t>(p, message.size()));
  if (!sig) return fail(sig.error());
  cp.signature = std::move(*sig);
  auto ins = c.query("INSERT INTO audit_checkpoints (seq, hash, at, signature) VALUES ($1, $2, $3, $4)");
  if (!ins) return fail(ins.error());
  ins->bind(1, cp.seq).bind(2, cp.hash).bind(3, to_unix(cp.at)).bind_blob(4, cp.signature);
  if (auto s = ins->run(); !s) return fail(s.error());
  return cp;
}

}  // namespace detail

Result<std::int64_t> entries_since_checkpoint(store::Connection& c) {
  auto head = detail::read_head(c, /*lock=*/false);
  if (!head) return fail(head.error());
  auto last = detail::last_checkpoint(c);
  if (!last) return fail(last.error());
  return head->seq - (*last ? (*last)->seq : 0);
}

Result<std::optional<Checkpoint>> checkpoint(store::Database& db, const Clock& clock, const crypto::PrivateKey& key,
                                             const ChainKey& chain_key) {
  auto conn = db.acquire();
  if (!conn) return fail(conn.error());
  store::Connection& c = **conn;
  auto tx = store::Transaction::begin(c, true);
  if (!tx) return fail(tx.error());

  auto head = detail::read_head(c, /*lock=*/true);
  if (!head) return fail(head.error());
  if (head->chain_key_id != chain_key.id()) return fail(detail::wrong_chain_key(head->chain_key_id));
  if (head->seq == 0) return std::optional<Checkpoint>();

  auto last = detail::last_checkpoint(c);
  if (!last) return fail(last.error());
  if (*last && (*last)->seq == head->seq && (*last)->hash == head->hash) return *last;
  if (auto s = detail::check_segment(c, *last, *head, &chain_key); !s) return fail(s.error());
  auto cp = detail::insert_checkpoint(c, clock, key, *head);
  if (!cp) return fail(cp.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return std::optional<Checkpoint>(std::move(*cp));
}

}  // namespace ct::audit
