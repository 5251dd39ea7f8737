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

// Checks hashes, links and sequence numbers of the entries after `from_seq` (whose hash is
// `from_hash`) up to the head, so that a checkpoint never signs a chain already broken.
Status check_segment(store::Connection& c, std::int64_t from_seq, const std::string& from_hash,
                     std::int64_t head_seq, const std::string& head_hash) {
  auto q = c.query(std::string("SELECT ") + detail::kEntryColumns +
                   " FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq");
  if (!q) return fail(q.error());
  q->bind(1, from_seq).bind(2, head_seq);
  std::int64_t expected = from_seq + 1;
  std::string prev = from_hash;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    const AuditEntry e = detail::read_entry(*q);
    if (e.seq != expected || e.prev_hash != prev ||
        detail::chain_hash(e.prev_hash, e.seq, e.at, e.event) != e.hash) {
      return fail(broken_before_checkpoint(expected));
    }
    prev = e.hash;
    ++expected;
  }
  if (expected != head_seq + 1 || prev != head_hash) return fail(broken_before_checkpoint(expected));
  return {};
}

Result<std::optional<Checkpoint>> last_checkpoint(store::Connection& c) {
  auto q = c.query("SELECT seq, hash, at, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Checkpoint>();
  return std::optional<Checkpoint>(Checkpoint{q->get_int(0), q->get_text(1), from_unix(q->get_int(2)), q->get_blob(3)});
}

}  // namespace

Result<std::int64_t> entries_since_checkpoint(store::Connection& c) {
  auto head = detail::read_head(c, /*lock=*/false);
  if (!head) return fail(head.error());
  auto last = last_checkpoint(c);
  if (!last) return fail(last.error());
  return head->seq - (*last ? (*last)->seq : 0);
}

Result<std::optional<Checkpoint>> checkpoint(store::Database& db, const Clock& clock,
                                             const crypto::PrivateKey& key) {
  auto conn = db.acquire();
  if (!conn) return fail(conn.error());
  store::Connection& c = **conn;
  auto tx = store::Transaction::begin(c, true);
  if (!tx) return fail(tx.error());

  auto head = detail::read_head(c, /*lock=*/true);
  if (!head) return fail(head.error());
  const std::int64_t seq = head->seq;
  const std::string hash = head->hash;
  if (seq == 0) return std::optional<Checkpoint>();

  auto last = last_checkpoint(c);
  if (!last) return fail(last.error());
  std::int64_t from_seq = 0;
  std::string from_hash;
  if (*last) {
    if ((*last)->seq == seq && (*last)->hash == hash) return *last;
    from_seq = (*last)->seq;
    from_hash = (*last)->hash;
  }
  if (from_seq > seq) return fail(broken_before_checkpoint(seq + 1));
  if (auto s = check_segment(c, from_seq, from_hash, seq, hash); !s) return fail(s.error());

  Checkpoint cp{seq, hash, clock.now(), {}};
  const std::string message = detail::checkpoint_message(cp.seq, cp.hash, cp.at);
  const auto* p = reinterpret_cast<const std::uint8_t*>(message.data());
  auto sig = key.sign(std::span<const std::uint8_t>(p, message.size()));
  if (!sig) return fail(sig.error());
  cp.signature = std::move(*sig);

  auto ins = c.query("INSERT INTO audit_checkpoints (seq, hash, at, signature) VALUES ($1, $2, $3, $4)");
  if (!ins) return fail(ins.error());
  ins->bind(1, cp.seq).bind(2, cp.hash).bind(3, to_unix(cp.at)).bind_blob(4, cp.signature);
  if (auto s = ins->run(); !s) return fail(s.error());
  if (auto s = tx->commit(); !s) return fail(s.error());
  return std::optional<Checkpoint>(std::move(cp));
}

}  // namespace ct::audit
