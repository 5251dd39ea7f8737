#include "app/audit_protection.h"

#include "audit/signed_head.h"

namespace ct::app {

Result<std::optional<audit::Checkpoint>> checkpoint_audit(Context& ctx, std::int64_t min_new) {
  if (min_new > 0) {
    auto lease = ctx.db().acquire();
    if (!lease) return fail(lease.error());
    auto since = audit::entries_since_checkpoint(**lease);
    if (!since) return fail(since.error());
    if (*since < min_new) return std::optional<audit::Checkpoint>();
  }
  auto key = ctx.audit_key();
  if (!key) return fail(key.error());
  auto cp = audit::checkpoint(ctx.db(), ctx.clock(), *key, ctx.audit_chain_key());
  if (!cp) return fail(cp.error());
  // After the commit: a file that names a checkpoint the store does not have would be a false alarm.
  if (*cp) {
    if (auto s = audit::advance_signed_head(ctx.audit_head_file(), **cp); !s) return fail(s.error());
  }
  return cp;
}

Result<audit::VerifyReport> verify_audit(Context& ctx) {
  auto key = ctx.audit_key();
  if (!key) return fail(key.error());
  auto head = audit::read_signed_head(ctx.audit_head_file());
  if (!head) {
    audit::VerifyReport r;
    r.ok = false;
    r.problem_vi = head.error().message_vi + ": " + head.error().context;
    r.problem_en = head.error().message_en + ": " + head.error().context;
    return r;
  }
  return audit::verify(ctx.db(), {key->public_key_der(), ctx.audit_chain_key(), *head});
}

}  // namespace ct::app
