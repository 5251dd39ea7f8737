// audit::verify: one streaming pass over the log in sequence order.
#include <cstddef>
#include <vector>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"

namespace ct::audit {
namespace {

std::string n(std::int64_t v) { return std::to_string(v); }

class Walk final {
 public:
  Walk(std::vector<Checkpoint> checkpoints, const VerifyInputs& in, crypto::HashAlg alg)
      : checkpoints_(std::move(checkpoints)), in_(in), alg_(alg) {
    report_.checkpoints = static_cast<std::int64_t>(checkpoints_.size());
    last_checkpoint_ = checkpoints_.empty() ? 0 : checkpoints_.back().seq;
    if (in_.signed_head) report_.signed_head = in_.signed_head->seq;
  }

  // Before the first entry: the log's chain key and the signed head outside the database.
  bool start(const detail::Head& head) {
    if (!head.chain_key_id.empty() && head.chain_key_id != in_.chain_key.id()) {
      const Error e = detail::wrong_chain_key(head.chain_key_id);
      return bad(std::nullopt, e.message_vi, e.message_en);
    }
    if (in_.signed_head && !signature_valid(*in_.signed_head)) {
      return bad(
          in_.signed_head->seq,
          "Chữ ký của đầu chuỗi lưu ngoài cơ sở dữ liệu (mục " + n(in_.signed_head->seq) + ") không hợp lệ",
          "The signature of the head kept outside the database (entry " + n(in_.signed_head->seq) + ") is not valid");
    }
    return true;
  }

  // Checks one entry; false once a problem is recorded.
  bool entry(const AuditEntry& e) {
    if (e.seq != expected_) {
      return e.seq > expected_
                 ? bad(expected_, "Thiếu mục " + n(expected_) + " (mục kế tiếp là " + n(e.seq) + ")",
                       "Entry " + n(expected_) + " is missing (the next one is " + n(e.seq) + ")")
                 : bad(e.seq, "Số thứ tự " + n(e.seq) + " không đúng chỗ", "Sequence number " + n(e.seq) +
                                                                                 " is out of place");
    }
    if (!keying_ok(e)) return false;
    if (detail::entry_hash(e.keyed ? &in_.chain_key : nullptr, e.prev_hash, e.seq, e.at, e.event) != e.hash) {
      return bad(e.seq, "Nội dung mục " + n(e.seq) + " đã bị thay đổi (mã băm không khớp)",
                 "The content of entry " + n(e.seq) + " was changed (hash mismatch)");
    }
    if (e.prev_hash != prev_hash_) {
      return bad(e.seq,
                 "Mục " + n(e.seq) + " không nối với mục trước (mục trước đã bị xóa, đổi chỗ hoặc sửa)",
                 "Entry " + n(e.seq) + " does not link to the previous one (an entry was deleted, "
                 "reordered or changed)");
    }
    if (in_.signed_head && in_.signed_head->seq == e.seq && in_.signed_head->hash != e.hash) {
      return bad(e.seq,
                 "Mục " + n(e.seq) +
                     " không còn mã băm mà đầu chuỗi lưu ngoài cơ sở dữ liệu đã ký: nhật ký đã bị "
                     "viết lại",
                 "Entry " + n(e.seq) +
                     " no longer has the hash the head kept outside the database signed: the log "
                     "was rewritten");
    }
    while (next_cp_ < checkpoints_.size() && checkpoints_[next_cp_].seq <= e.seq) {
      const Checkpoint& cp = checkpoints_[next_cp_++];
      if (cp.seq < e.seq) {
        if (!signature_ok(cp)) return false;
        return bad(cp.seq, "Điểm kiểm tra nêu mục " + n(cp.seq) + " không có trong nhật ký",
                   "A checkpoint names entry " + n(cp.seq) + ", which is not in the log");
      }
      if (!checkpoint_ok(cp, e)) return false;
      report_.protected_through = cp.seq;
    }
    prev_hash_ = e.hash;
    ++expected_;
    ++report_.entries;
    return true;
  }

  // After the last entry: checkpoints beyond the end, the head row, the signed head outside the
  // database, and checkpoints at all.
  bool finish(const detail::Head& head) {
    const std::int64_t last = expected_ - 1;
    if (next_cp_ < checkpoints_.size()) {
      const Checkpoint& cp = checkpoints_[next_cp_];
      if (!signature_ok(cp)) return false;
      return bad(last + 1,
                 "Các mục từ " + n(last + 1) + " đến " + n(cp.seq) + " đã bị xóa (điểm kiểm tra đã ký mục " +
                     n(cp.seq) + ")",
                 "Entries " + n(last + 1) + " to " + n(cp.seq) + " were deleted (a signed checkpoint names entry " +
                     n(cp.seq) + ")");
    }
    if (head.seq > last) {
      return bad(last + 1,
                 "Các mục từ " + n(last + 1) + " đến " + n(head.seq) + " đã bị xóa (đầu chuỗi ghi " +
                     n(head.seq) + ")",
                 "Entries " + n(last + 1) + " to " + n(head.seq) + " were deleted (the head records " +
                     n(head.seq) + ")");
    }
    if (head.seq < last || head.hash != prev_hash_) {
      return bad(head.seq < last ? head.seq + 1 : last,
                 "Dòng đầu chuỗi (audit_head) không khớp với mục cuối " + n(last),
                 "The head row (audit_head) does not match the last entry " + n(last));
    }
    const std::int64_t named = in_.signed_head ? in_.signed_head->seq : 0;
    if (named > last) {
      return bad(last + 1,
                 "Các mục từ " + n(last + 1) + " đến " + n(named) +
                     " đã bị xóa (đầu chuỗi lưu ngoài cơ sở dữ liệu đã ký mục " + n(named) + ")",
                 "Entries " + n(last + 1) + " to " + n(named) +
                     " were deleted (the head kept outside the database signed entry " + n(named) + ")");
    }
    if (last > 0 && checkpoints_.empty()) {
      return bad(1,
                 "Nhật ký có " + n(last) + " mục nhưng không có điểm kiểm tra đã ký nào (các điểm kiểm tra đã bị xóa?)",
                 "The log has " + n(last) + " entries but no signed checkpoint (were the checkpoints deleted?)");
    }
    if (last_checkpoint_ < named) {
      return bad(last_checkpoint_ + 1,
                 "Các điểm kiểm tra sau mục " + n(last_checkpoint_) +
                     " đã bị xóa (đầu chuỗi lưu ngoài cơ sở dữ liệu đã ký mục " + n(named) + ")",
                 "The checkpoints after entry " + n(last_checkpoint_) +
                     " were deleted (the head kept outside the database signed entry " + n(named) + ")");
    }
    return true;
  }

  [[nodiscard]] VerifyReport take() { return std::move(report_); }

 private:
  // A keyed entry is hashed with the chain key; an unkeyed one (from before the chain key) must
  // come before every keyed one and be covered by a signed checkpoint: anyone can compute its
  // hash, so only a signature protects it.
  bool keying_ok(const AuditEntry& e) {
    if (e.keyed) {
      if (!report_.keyed_from) report_.keyed_from = e.seq;
      return true;
    }
    if (report_.keyed_from) {
      return bad(e.seq,
                 "Mục " + n(e.seq) + " không được khóa bằng khóa chuỗi dù mục " + n(*report_.keyed_from) +
                     " trước nó đã được khóa: mục đã bị viết lại",
                 "Entry " + n(e.seq) + " is not keyed with the chain key although entry " + n(*report_.keyed_from) +
                     " before it is: it was rewritten");
    }
    if (e.seq > last_checkpoint_) {
      return bad(e.seq,
                 "Mục " + n(e.seq) +
                     " không được khóa bằng khóa chuỗi và không có điểm kiểm tra đã ký nào bao gồm nó: "
                     "mục đã bị viết lại, hoặc các điểm kiểm tra đã bị xóa",
                 "Entry " + n(e.seq) +
                     " is not keyed with the chain key and no signed checkpoint covers it: it was "
                     "rewritten, or the checkpoints were deleted");
    }
    return true;
  }

  [[nodiscard]] bool signature_valid(const Checkpoint& cp) const {
    const std::string message = detail::checkpoint_message(cp.seq, cp.hash, cp.at);
    const auto* p = reinterpret_cast<const std::uint8_t*>(message.data());
    return crypto::verify_signature(in_.checkpoint_key_spki, alg_, std::span<const std::uint8_t>(p, message.size()),
                                    cp.signature);
  }

  bool signature_ok(const Checkpoint& cp) {
    if (signature_valid(cp)) return true;
    return bad(cp.seq, "Chữ ký của điểm kiểm tra tại mục " + n(cp.seq) + " không hợp lệ",
               "The signature of the checkpoint at entry " + n(cp.seq) + " is not valid");
  }

  // `at` is the entry the checkpoint names.
  bool checkpoint_ok(const Checkpoint& cp, const AuditEntry& at) {
    if (!signature_ok(cp)) return false;
    if (at.hash != cp.hash) {
      return bad(cp.seq,
                 "Mục " + n(cp.seq) + " không còn mã băm mà điểm kiểm tra đã ký: một mục đến " + n(cp.seq) +
                     " đã bị sửa và băm lại",
                 "Entry " + n(cp.seq) + " no longer has the hash its checkpoint signed: an entry up to " +
                     n(cp.seq) + " was changed and rehashed");
    }
    return true;
  }

  bool bad(std::optional<std::int64_t> seq, std::string vi, std::string en) {
    report_.ok = false;
    report_.first_bad_seq = seq;
    report_.problem_vi = std::move(vi);
    report_.problem_en = std::move(en);
    return false;
  }

  std::vector<Checkpoint> checkpoints_;
  std::size_t next_cp_ = 0;
  std::int64_t last_checkpoint_ = 0;  // the newest checkpoint's entry (0: none)
  const VerifyInputs& in_;
  crypto::HashAlg alg_;
  std::int64_t expected_ = 1;
  std::string prev_hash_;
  VerifyReport report_;
};

Result<std::vector<Checkpoint>> read_checkpoints(store::Connection& c) {
  auto q = c.query("SELECT seq, hash, at, signature FROM audit_checkpoints ORDER BY seq");
  if (!q) return fail(q.error());
  std::vector<Checkpoint> out;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    out.push_back(Checkpoint{q->get_int(0), q->get_text(1), from_unix(q->get_int(2)), q->get_blob(3)});
  }
  return out;
}

}  // namespace

Result<VerifyReport> verify(store::Database& db, const VerifyInputs& in) {
  auto alg = detail::checkpoint_hash_for(in.checkpoint_key_spki);
  if (!alg) return fail(alg.error());
  auto conn = db.acquire();
  if (!conn) return fail(conn.error());
  store::Connection& c = **conn;
  // One read transaction: the head, checkpoints and entries are one consistent snapshot.
  auto tx = store::Transaction::begin(c, false);
  if (!tx) return fail(tx.error());

  auto head = detail::read_head(c, /*lock=*/false);
  if (!head) return fail(head.error());
  auto checkpoints = read_checkpoints(c);
  if (!checkpoints) return fail(checkpoints.error());
  Walk walk(std::move(*checkpoints), in, *alg);
  if (!walk.start(*head)) return walk.take();

  auto q = c.query(std::string("SELECT ") + detail::kEntryColumns + " FROM audit_log ORDER BY seq");
  if (!q) return fail(q.error());
  bool ok = true;
  while (ok) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) {
      ok = walk.finish(*head);
      break;
    }
    ok = walk.entry(detail::read_entry(*q));
  }
  return walk.take();
}

}  // namespace ct::audit
