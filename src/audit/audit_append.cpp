// audit::append: one entry chained to the head, inside the caller's write transaction.
#include <array>
#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "audit/audit_chain.h"
#include "audit/audit_log.h"

namespace ct::audit {
namespace {

Error invalid(std::string vi, std::string en, std::string where) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(where));
}

bool known_outcome(std::string_view o) {
  constexpr std::array<std::string_view, 4> kOutcomes{"ok", "denied", "failed", "rejected"};
  for (auto k : kOutcomes) {
    if (o == k) return true;
  }
  return false;
}

// The event with `details` normalized (compact dump of the parsed object), or invalid_input.
Result<AuditEvent> normalized(const AuditEvent& e) {
  if (e.actor.empty()) {
    return fail(invalid("Sự kiện kiểm toán thiếu người thực hiện", "The audit event has no actor", "actor"));
  }
  if (e.action.empty()) {
    return fail(invalid("Sự kiện kiểm toán thiếu hành động", "The audit event has no action", "action"));
  }
  if (!known_outcome(e.outcome)) {
    return fail(invalid("Kết quả của sự kiện kiểm toán phải là ok, denied, failed hoặc rejected",
                        "The audit event outcome must be ok, denied, failed or rejected", "outcome"));
  }
  const auto parsed = nlohmann::json::parse(e.details, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return fail(invalid("Chi tiết của sự kiện kiểm toán phải là một đối tượng JSON hợp lệ",
                        "The audit event details must be a valid JSON object", "details"));
  }
  AuditEvent out = e;
  try {
    out.details = parsed.dump();
  } catch (const nlohmann::json::exception&) {
    return fail(invalid("Chi tiết của sự kiện kiểm toán không phải UTF-8 hợp lệ",
                        "The audit event details are not valid UTF-8", "details"));
  }
  return out;
}

}  // namespace

Result<std::int64_t> append(store::Connection& c, const Clock& clock, const AuditEvent& e) {
  if (!c.in_transaction()) {
    return fail(ErrorCode::internal, "Ghi nhật ký kiểm toán phải nằm trong một giao dịch ghi",
                "An audit entry must be appended inside a write transaction");
  }
  auto event = normalized(e);
  if (!event) return fail(event.error());

  auto head = detail::read_head(c, /*lock=*/true);
  if (!head) return fail(head.error());
  std::shared_ptr<const ChainKey> key;
  if (!head->chain_key_id.empty()) {
    key = detail::bound_chain_key(head->chain_key_id);
    if (!key) {
      return fail(
          ErrorCode::integrity,
          "Chưa nạp khóa chuỗi của nhật ký kiểm toán này (mã " + head->chain_key_id + "): không ghi được mục kiểm toán",
          "The chain key of this audit log (id " + head->chain_key_id +
              ") is not loaded: no audit entry can be appended");
    }
  }
  const std::int64_t seq = head->seq + 1;
  const std::string& prev_hash = head->hash;

  const TimePoint at = clock.now();
  const std::string hash = detail::entry_hash(key.get(), prev_hash, seq, at, *event);

  auto ins = c.query(
      "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, org_id, outcome, details, "
      "prev_hash, hash, keyed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)");
  if (!ins) return fail(ins.error());
  ins->bind(1, seq).bind(2, to_unix(at)).bind(3, event->actor).bind(4, event->action);
  ins->bind(5, event->object_type).bind(6, event->object_id).bind_opt(7, event->org_id);
  ins->bind(8, event->outcome).bind(9, event->details).bind(10, prev_hash).bind(11, hash);
  ins->bind(12, std::int64_t{key ? 1 : 0});
  if (auto s = ins->run(); !s) return fail(s.error());

  auto upd = c.query("UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1");
  if (!upd) return fail(upd.error());
  upd->bind(1, seq).bind(2, hash);
  if (auto s = upd->run(); !s) return fail(s.error());
  return seq;
}

}  // namespace ct::audit
