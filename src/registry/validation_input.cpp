#include "registry/validation_input.h"

#include <map>

#include "registry/attachments.h"
#include "registry/organization.h"

namespace ct::registry {

Result<std::vector<HeldCertificate>> held_certificates(store::Connection& c, std::int64_t subscriber_id) {
  auto q = c.query(
      "SELECT serial, profile, status, not_after, key_sha256 FROM certificates WHERE subscriber_id = $1 ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, subscriber_id);
  std::vector<HeldCertificate> out;
  std::map<std::string, int> seen_keys;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    HeldCertificate h{q->get_text(0), q->get_text(1), q->get_text(2), from_unix(q->get_int(3)), 0};
    h.renewals = seen_keys[q->get_text(4)]++;
    out.push_back(std::move(h));
  }
  return out;
}

Result<ValidationInput> gather_validation_input(store::Connection& c, const Request& r, TimePoint now) {
  ValidationInput in;
  in.type = r.type;
  in.subject = r.form.subject;
  in.cert_serial = r.cert_serial;
  in.ground = r.form.ground;
  in.csr_pem = r.form.csr_pem;
  in.mailbox = r.form.mailbox;
  in.now = now;
  auto org = find_organization(c, r.form.new_org_id.value_or(r.org_id));
  if (!org) return fail(org.error());
  in.org_state_body = *org && (*org)->state_body;
  auto atts = list_attachments(c, r.id);
  if (!atts) return fail(atts.error());
  for (const auto& a : *atts) in.attachment_kinds.insert(a.kind);
  auto held = held_certificates(c, r.subscriber_id);
  if (!held) return fail(held.error());
  in.held = std::move(*held);
  if (!r.cert_serial.empty()) {
    auto q = c.query(
        "SELECT COUNT(*) FROM requests WHERE cert_serial = $1 AND id <> $2 AND state IN ('submitted', 'forwarded', "
        "'approved', 'returned', 'failed')");
    if (!q) return fail(q.error());
    q->bind(1, r.cert_serial).bind(2, r.id);
    auto row = q->step();
    if (!row) return fail(row.error());
    in.other_open_requests_for_cert = static_cast<int>(q->get_int(0));
  }
  if (r.type != RequestType::mailbox) {
    // A mailbox request for the same person counts once it is on its way (submitted or later)
    // and, when this request is batched, if it is in the same batch or already done.
    auto q = c.query(
        "SELECT COUNT(*) FROM requests WHERE subscriber_id = $1 AND type = 'mailbox' AND id <> $2 AND "
        "(state = 'completed' OR (state IN ('submitted', 'forwarded', 'approved') AND "
        "($3 = 0 OR batch_id IS NULL OR batch_id = $3)))");
    if (!q) return fail(q.error());
    q->bind(1, r.subscriber_id).bind(2, r.id).bind(3, r.batch_id.value_or(0));
    auto row = q->step();
    if (!row) return fail(row.error());
    in.mailbox_requested = q->get_int(0) > 0;
  }
  return in;
}

Result<std::vector<Finding>> evaluate_request(store::Connection& c, const Request& r, const RegistrySettings& settings,
                                              TimePoint now) {
  auto in = gather_validation_input(c, r, now);
  if (!in) return fail(in.error());
  return validate(*in, settings);
}

}  // namespace ct::registry
