#include "registry/direct_revocation.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/time_format.h"
#include "pki/revocation.h"
#include "registry/access_policy.h"
#include "registry/certificate_access.h"
#include "registry/text_fields.h"

namespace ct::registry {
namespace {

struct Proposal {
  crypto::CrlReason reason = crypto::CrlReason::unspecified;
  std::optional<TimePoint> invalidity_date;
  std::string proposed_by;
  TimePoint proposed_at;
};

Result<std::optional<Proposal>> find_proposal(store::Connection& c, const std::string& serial) {
  auto q = c.query("SELECT reason, invalidity_date, proposed_by, proposed_at FROM revocation_proposals WHERE serial = $1");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Proposal>();
  auto reason = crypto::parse_crl_reason(q->get_text(0));
  if (!reason) return fail(reason.error());
  Proposal p{*reason, q->get_opt_time(1), q->get_text(2), from_unix(q->get_int(3))};
  if (auto r = q->run(); !r) return fail(r.error());
  return std::optional<Proposal>(std::move(p));
}

Status drop_proposal(store::Connection& c, const std::string& serial) {
  auto q = c.query("DELETE FROM revocation_proposals WHERE serial = $1");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  return q->run();
}

Status audit_step(store::Connection& c, const Clock& clock, const Actor& actor, const std::string& action,
                  const std::string& serial, std::optional<std::int64_t> org, const nlohmann::json& details) {
  audit::AuditEvent ev{actor.login, action, "certificate", serial, org, "ok", details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  return {};
}

bool reversible(crypto::CrlReason r) {
  return r == crypto::CrlReason::certificate_hold || r == crypto::CrlReason::remove_from_crl;
}

}  // namespace

Result<DirectRevocationOutcome> revoke_directly(RegistryEnv& env, const Actor& actor, const DirectRevocation& r) {
  if (!allowed_somewhere(actor, Action::certificate_revoke)) {
    return fail(deny(env.db, env.clock, actor, Action::certificate_revoke, "certificate", r.serial));
  }
  // Reading it first checks the actor's reach and gives the organization for the audit.
  auto cert = get_certificate(env, actor, r.serial);
  if (!cert) return fail(cert.error());
  const std::string serial = cert->record.serial;
  pki::RevocationRequest req{serial, r.reason, r.invalidity_date, actor.login, cert->org_id};
  DirectRevocationOutcome out;
  out.serial = serial;
  if (reversible(r.reason) || !env.settings.needs_two_approvals("revoke")) {
    auto done = pki::revoke(env.db, env.clock, req);
    if (!done) return fail(done.error());
    out.done = true;
    return out;
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  if (!r.emergency.empty()) {
    if (!env.settings.emergency_revocation) {
      return fail(ErrorCode::invalid_input,
                  "Thu hồi khẩn cấp không được bật (registry.emergency_revocation); cần người thứ hai xác nhận",
                  "Emergency revocation is not enabled (registry.emergency_revocation); a second person must confirm",
                  "emergency");
    }
    if (r.reason != crypto::CrlReason::key_compromise) {
      return fail(ErrorCode::invalid_input, "Thu hồi khẩn cấp chỉ dành cho lý do keyCompromise (lộ khóa)",
                  "An emergency revocation is for keyCompromise only", "emergency");
    }
    auto why = clean_text(r.emergency, "emergency", 500, true);
    if (!why) return fail(why.error());
    auto tx = store::Transaction::begin(c);
    if (!tx) return fail(tx.error());
    if (auto done = pki::revoke_in(c, env.clock, req); !done) return fail(done.error());
    if (auto s = drop_proposal(c, serial); !s) return fail(s.error());
    if (auto s = audit_step(c, env.clock, actor, "cert.revoke.emergency", serial, cert->org_id, {{"why", *why}}); !s) {
      return fail(s.error());
    }
    if (auto cm = tx->commit(); !cm) return fail(cm.error());
    out.done = true;
    return out;
  }
  const TimePoint now = env.clock.now();
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  auto pending = find_proposal(c, serial);
  if (!pending) return fail(pending.error());
  if (*pending && (*pending)->proposed_at + kProposalLifetime <= now) {
    if (auto s = drop_proposal(c, serial); !s) return fail(s.error());
    pending->reset();
  }
  if (!*pending) {
    // The first person: a proposal, nothing revoked yet.
    auto q = c.query(
        "INSERT INTO revocation_proposals (serial, reason, invalidity_date, org_id, proposed_by, proposed_at) "
        "VALUES ($1, $2, $3, $4, $5, $6)");
    if (!q) return fail(q.error());
    q->bind(1, serial).bind(2, crypto::to_string(r.reason));
    if (r.invalidity_date) q->bind(3, to_unix(*r.invalidity_date)); else q->bind_null(3);
    q->bind_opt(4, cert->org_id).bind(5, actor.login).bind(6, to_unix(now));
    if (auto s = q->run(); !s) return fail(s.error());
    nlohmann::json details{{"reason", crypto::to_string(r.reason)}};
    if (r.invalidity_date) details["invalidity_date"] = timefmt::iso8601_utc(*r.invalidity_date);
    if (auto s = audit_step(c, env.clock, actor, "cert.revoke.proposed", serial, cert->org_id, details); !s) {
      return fail(s.error());
    }
    if (auto cm = tx->commit(); !cm) return fail(cm.error());
    out.proposed_by = actor.login;
    out.proposed_at = now;
    return out;
  }
  const Proposal& p = **pending;
  if (p.proposed_by == actor.login) {
    return fail(ErrorCode::conflict,
                "Bạn đã đề nghị thu hồi chứng thư " + serial + "; cần một người vận hành CA khác xác nhận",
                "You proposed revoking certificate " + serial + "; another CA operator must confirm it", "serial");
  }
  if (p.reason != r.reason) {
    return fail(ErrorCode::conflict,
                "Đang chờ xác nhận đề nghị thu hồi của " + p.proposed_by + " với lý do " + crypto::to_string(p.reason) +
                    "; hãy xác nhận đúng lý do đó",
                "A proposal by " + p.proposed_by + " with reason " + crypto::to_string(p.reason) +
                    " is waiting; confirm it with that reason",
                "reason");
  }
  // The second person: the proposal is carried out (its invalidity date, if it gave one).
  if (!req.invalidity_date) req.invalidity_date = p.invalidity_date;
  if (auto done = pki::revoke_in(c, env.clock, req); !done) return fail(done.error());
  if (auto s = drop_proposal(c, serial); !s) return fail(s.error());
  if (auto s = audit_step(c, env.clock, actor, "cert.revoke.confirmed", serial, cert->org_id,
                          {{"proposed_by", p.proposed_by}, {"confirmed_by", actor.login},
                           {"reason", crypto::to_string(r.reason)}});
      !s) {
    return fail(s.error());
  }
  if (auto cm = tx->commit(); !cm) return fail(cm.error());
  out.done = true;
  return out;
}

}  // namespace ct::registry
