#include "audit/audit_chain.h"

#include <span>

#include "crypto/keys.h"

namespace ct::audit::detail {
namespace {

void put(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

}  // namespace

std::string canonical_form(bool keyed, std::int64_t seq, TimePoint at, const AuditEvent& e) {
  std::string out = keyed ? "chungthu-audit-v2;" : "chungthu-audit-v1;";
  put(out, std::to_string(seq));
  put(out, std::to_string(to_unix(at)));
  put(out, e.actor);
  put(out, e.action);
  put(out, e.object_type);
  put(out, e.object_id);
  if (e.org_id) {
    put(out, std::to_string(*e.org_id));
  } else {
    out += "~;";
  }
  put(out, e.outcome);
  put(out, e.details);
  return out;
}

std::string entry_hash(const ChainKey* key, std::string_view prev_hash, std::int64_t seq, TimePoint at,
                       const AuditEvent& e) {
  std::string data(prev_hash);
  data += '|';
  data += canonical_form(key != nullptr, seq, at, e);
  if (key != nullptr) return key->mac(data);
  const auto* p = reinterpret_cast<const std::uint8_t*>(data.data());
  return to_hex(crypto::digest(crypto::HashAlg::sha256, std::span<const std::uint8_t>(p, data.size())));
}

std::string checkpoint_message(std::int64_t seq, std::string_view hash, TimePoint at) {
  return "chungthu-audit-checkpoint|" + std::to_string(seq) + "|" + std::string(hash) + "|" +
         std::to_string(to_unix(at));
}

AuditEntry read_entry(const store::Query& row) {
  AuditEntry e;
  e.seq = row.get_int(0);
  e.at = from_unix(row.get_int(1));
  e.event.actor = row.get_text(2);
  e.event.action = row.get_text(3);
  e.event.object_type = row.get_text(4);
  e.event.object_id = row.get_text(5);
  e.event.org_id = row.get_opt_int(6);
  e.event.outcome = row.get_text(7);
  e.event.details = row.get_text(8);
  e.prev_hash = row.get_text(9);
  e.hash = row.get_text(10);
  e.keyed = row.get_int(11) != 0;
  return e;
}

Result<Head> read_head(store::Connection& c, bool lock) {
  auto q = c.query(lock && c.dialect() == store::Dialect::postgresql
                       ? "SELECT last_seq, last_hash, chain_key_id FROM audit_head WHERE id = 1 FOR UPDATE"
                       : "SELECT last_seq, last_hash, chain_key_id FROM audit_head WHERE id = 1");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) {
    return fail(ErrorCode::integrity, "Thiếu dòng đầu chuỗi của nhật ký kiểm toán (audit_head)",
                "The audit log head row (audit_head) is missing");
  }
  return Head{q->get_int(0), q->get_text(1), q->get_text(2)};
}

Result<std::optional<Checkpoint>> last_checkpoint(store::Connection& c) {
  auto q = c.query("SELECT seq, hash, at, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Checkpoint>();
  return std::optional<Checkpoint>(Checkpoint{q->get_int(0), q->get_text(1), from_unix(q->get_int(2)), q->get_blob(3)});
}

Error wrong_chain_key(const std::string& log_id) {
  if (log_id.empty()) {
    return Error::make(ErrorCode::integrity,
                       "Nhật ký kiểm toán không ghi khóa chuỗi nào (audit_head.chain_key_id trống) dù đã có khóa chuỗi",
                       "The audit log names no chain key (audit_head.chain_key_id is empty) although it has one");
  }
  return Error::make(ErrorCode::integrity,
                     "Khóa chuỗi nhật ký kiểm toán không đúng: nhật ký này được khóa bằng khóa có mã " + log_id +
                         ", không phải khóa đã nạp",
                     "The audit chain key is wrong: this log is chained with the key whose id is " + log_id +
                         ", not with the key loaded");
}

Result<crypto::HashAlg> checkpoint_hash_for(std::span<const std::uint8_t> spki) {
  auto alg = crypto::public_key_algorithm(spki);
  if (!alg) return fail(alg.error().within("audit checkpoint key"));
  return *alg == "EC-P384" ? crypto::HashAlg::sha384 : crypto::HashAlg::sha256;
}

}  // namespace ct::audit::detail
