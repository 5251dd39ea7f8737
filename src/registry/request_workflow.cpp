// RequestWorkflow: creating and editing requests, reading them (scoped). Its transitions are in
// request_workflow_steps.cpp.
#include "registry/request_workflow.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/hex.h"
#include "common/text.h"
#include "registry/organization.h"
#include "registry/request_step.h"
#include "registry/subscriber.h"
#include "registry/text_fields.h"
#include "registry/validation_input.h"

namespace ct::registry {
namespace {

struct StoredAttachment {
  std::string kind, name;
  StoredBlob blob;
  std::span<const std::uint8_t> content;  // the caller's NewAttachment
};

// Checks kind, type and size of each upload; insert_attachments stores them.
Result<std::vector<StoredAttachment>> check_attachments(RegistryEnv& env, const std::vector<NewAttachment>& in) {
  std::vector<StoredAttachment> out;
  for (const auto& a : in) {
    if (!known_attachment_kind(a.kind)) {
      return fail(ErrorCode::invalid_input,
                  "Loại tài liệu không hợp lệ: " + a.kind +
                      " (request_letter, appointment_decision, seal_registration, superior_confirmation, other)",
                  "Unknown attachment kind: " + a.kind +
                      " (request_letter, appointment_decision, seal_registration, superior_confirmation, other)",
                  "--attach");
    }
    auto blob = check_blob(a.content, env.settings.attachment_max_bytes);
    if (!blob) return fail(blob.error().within(a.name));
    out.push_back({a.kind, sanitize_filename(a.name, blob->media_type), *blob, a.content});
  }
  return out;
}

Status insert_attachments(store::Connection& c, std::int64_t request_id, const std::string& login,
                          const std::vector<StoredAttachment>& atts, TimePoint now) {
  for (const auto& a : atts) {
    if (auto s = put_blob(c, a.blob, a.content, now); !s) return s;
    Attachment row{0, request_id, a.kind, a.name, a.blob.sha256, a.blob.size, a.blob.media_type, login, now};
    if (auto id = insert_attachment(c, row); !id) return fail(id.error());
  }
  return {};
}

Result<std::string> canonical_serial(const std::string& text, const char* field) {
  if (text.empty()) return std::string();
  auto s = normalize_serial_hex(text);
  if (!s) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ (cần chuỗi hex): " + text,
                "Invalid serial number (hex expected): " + text, field);
  }
  return *s;
}

// Applies the overrides to the form's subject of a request of `type` for `subscriber_id`. The
// name and e-mail the certificate will carry change only through a change_info request, and
// never to an e-mail another subscriber has (the certificate would name someone else's mailbox).
Status apply_overrides(store::Connection& c, RequestType type, std::int64_t subscriber_id, SubjectData& s,
                       const std::optional<std::string>& name, const std::optional<std::string>& email,
                       const std::optional<std::string>& position, const std::optional<std::string>& phone,
                       const char* name_field, const char* email_field) {
  SubjectData next = s;
  if (name) next.full_name = *name;
  if (email) next.email = *email;
  if (position) next.position = *position;
  if (phone) next.phone = *phone;
  auto n = normalized(next);
  if (!n) return fail(n.error());
  const bool renamed = n->full_name != s.full_name;
  const bool new_email = n->email != s.email;
  if ((renamed || new_email) && type != RequestType::change_info) {
    return fail(ErrorCode::invalid_input,
                "Chỉ yêu cầu thay đổi nội dung (change_info) mới đổi được họ tên hoặc thư điện tử trên chứng thư",
                "Only a change_info request may change the name or the e-mail of the certificate",
                renamed ? name_field : email_field);
  }
  if (new_email && !n->email.empty()) {
    auto taken = email_held_by_other(c, n->email, subscriber_id);
    if (!taken) return fail(taken.error());
    if (*taken) {
      return fail(ErrorCode::invalid_input, "Thư điện tử " + n->email + " đã thuộc về một thuê bao khác",
                  "The e-mail " + n->email + " belongs to another subscriber", email_field);
    }
  }
  s = *n;
  return {};
}

// A change_info's organization to move to, when within the actor's reach.
Status check_new_org(store::Connection& c, const Actor& actor, std::int64_t org_id, const char* field) {
  auto org = find_organization(c, org_id);
  if (!org) return fail(org.error());
  if (!*org || !(*org)->active || !allowed(actor, Action::request_create, (*org)->path)) {
    return fail(ErrorCode::invalid_input,
                "Không có cơ quan số " + std::to_string(org_id) + " trong phạm vi",
                "No organization " + std::to_string(org_id) + " within reach", field);
  }
  return {};
}

// Applies the fields `e` sets to the form of `r` (a draft or returned request).
Status apply_edit(store::Connection& c, const Actor& actor, const RequestEdit& e, Request& r) {
  if (e.cert_serial) {
    auto serial = canonical_serial(text::trim(*e.cert_serial), "cert_serial");
    if (!serial) return fail(serial.error());
    r.cert_serial = *serial;
  }
  if (e.new_org_id) {
    if (*e.new_org_id == 0) {
      r.form.new_org_id.reset();
    } else {
      if (auto s = check_new_org(c, actor, *e.new_org_id, "new_org_id"); !s) return s;
      r.form.new_org_id = *e.new_org_id;
    }
  }
  if (e.csr_pem) r.form.csr_pem = *e.csr_pem;
  if (e.ground) r.form.ground = text::trim(*e.ground);
  if (e.mailbox) r.form.mailbox = text::ascii_lower(text::trim(*e.mailbox));
  if (e.note) {
    auto note = clean_text(*e.note, "note", 1000, false);
    if (!note) return fail(note.error());
    r.form.note = *note;
  }
  return apply_overrides(c, r.type, r.subscriber_id, r.form.subject, e.name, e.email, e.position, e.phone, "name",
                         "email");
}

// The request `n` asks for, after the checks of a create (the subscriber exists and is within the
// actor's reach, a denial audited; an organization to move to is within reach too), not yet
// stored: id 0, no attachments, no findings.
Result<Request> draft_of(RegistryEnv& env, store::Connection& c, const Actor& actor, const NewRequest& n) {
  auto serial = canonical_serial(n.cert_serial, "--cert");
  if (!serial) return fail(serial.error());
  auto sub = find_subscriber(c, n.subscriber_id);
  if (!sub) return fail(sub.error());
  const Error no_subscriber = Error::make(ErrorCode::not_found, "Không có thuê bao số " + std::to_string(n.subscriber_id),
                                          "No subscriber " + std::to_string(n.subscriber_id), "--subscriber");
  if (!*sub) return fail(no_subscriber);
  if (!allowed(actor, Action::request_create, (*sub)->org_path, (*sub)->id)) {
    if (!allowed(actor, Action::subscriber_read, (*sub)->org_path, (*sub)->id)) {
      return fail(conceal(env.db, env.clock, actor, Action::request_create, "subscriber",
                          std::to_string(n.subscriber_id), (*sub)->org_id, no_subscriber));
    }
    return fail(deny(env.db, env.clock, actor, Action::request_create, "subscriber", std::to_string(n.subscriber_id),
                     (*sub)->org_id));
  }
  if (n.new_org_id) {
    if (auto s = check_new_org(c, actor, *n.new_org_id, "--new-org"); !s) return fail(s.error());
  }
  Request r;
  r.type = n.type;
  r.subscriber_id = (*sub)->id;
  r.org_id = (*sub)->org_id;
  r.org_path = (*sub)->org_path;
  r.cert_serial = *serial;
  r.form.subject = (*sub)->data;
  if (auto s = apply_overrides(c, r.type, r.subscriber_id, r.form.subject, n.new_name, n.new_email, n.new_position,
                               n.new_phone, "new_name", "new_email");
      !s) {
    return fail(s.error());
  }
  r.form.new_org_id = n.new_org_id;
  r.form.ground = text::trim(n.ground);
  r.form.csr_pem = n.csr_pem;
  r.form.mailbox = text::ascii_lower(text::trim(n.mailbox));
  auto note = clean_text(n.note, "note", 1000, false);
  if (!note) return fail(note.error());
  r.form.note = *note;
  r.created_by = actor.login;
  r.created_at = r.updated_at = env.clock.now();
  return r;
}

}  // namespace

Result<Request> RequestWorkflow::create(const Actor& actor, const NewRequest& n) {
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  auto draft = draft_of(env_, **lease, actor, n);
  if (!draft) return fail(draft.error());
  Request r = std::move(*draft);
  auto atts = check_attachments(env_, n.attachments);
  if (!atts) return fail(atts.error());

  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto id = insert_request(**lease, r);
  if (!id) return fail(id.error());
  r.id = *id;
  if (auto s = insert_attachments(**lease, r.id, actor.login, *atts, r.created_at); !s) return fail(s.error());
  auto findings = evaluate_request(**lease, r, env_.settings, r.created_at);
  if (!findings) return fail(findings.error());
  r.findings = *findings;
  if (auto s = record_transition(**lease, env_.clock, actor.login, r, RequestState::draft, RequestState::draft,
                                 "create", "");
      !s) {
    return fail(s.error());
  }
  if (auto c = tx->commit(); !c) return fail(c.error());
  return r;
}

Result<Request> RequestWorkflow::check(const Actor& actor, const NewRequest& n) {
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  auto r = draft_of(env_, **lease, actor, n);
  if (!r) return fail(r.error());
  auto findings = evaluate_request(**lease, *r, env_.settings, r->created_at);
  if (!findings) return fail(findings.error());
  r->findings = std::move(*findings);
  return r;
}

Result<Request> RequestWorkflow::edit(const Actor& actor, std::int64_t id, const RequestEdit& e) {
  return run_step(env_, actor, id, {Action::request_edit, {RequestState::draft, RequestState::returned}, "sửa", "edit"},
                  [&](store::Connection& c, Request& r, Status&) -> Status {
                    // Contents are stored only once the actor may edit this request in its state
                    // (run_step checked both), in the step's transaction.
                    if (auto s = apply_edit(c, actor, e, r); !s) return s;
                    auto atts = check_attachments(env_, e.attachments);
                    if (!atts) return fail(atts.error());
                    std::string what;
                    for (std::int64_t aid : e.remove_attachments) {
                      auto gone = remove_attachment(c, r.id, aid);
                      if (!gone) return fail(gone.error());
                      if (!*gone) {
                        return fail(ErrorCode::not_found,
                                    "Yêu cầu " + std::to_string(r.id) + " không có tài liệu số " + std::to_string(aid),
                                    "Request " + std::to_string(r.id) + " has no document " + std::to_string(aid),
                                    "attachment_id");
                      }
                      what += (what.empty() ? "" : ", ") + std::string("bỏ / removed ") + (*gone)->kind + ": " +
                              (*gone)->name;
                    }
                    const TimePoint now = env_.clock.now();
                    if (auto s = insert_attachments(c, r.id, actor.login, *atts, now); !s) return s;
                    auto findings = evaluate_request(c, r, env_.settings, now);
                    if (!findings) return fail(findings.error());
                    r.findings = *findings;
                    for (const auto& a : *atts) what += (what.empty() ? "" : ", ") + a.kind + ": " + a.name;
                    return record_transition(c, env_.clock, actor.login, r, r.state, r.state, "edit", what);
                  });
}

Result<RequestView> RequestWorkflow::show(const Actor& actor, std::int64_t id) {
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  auto found = find_request(**lease, id);
  if (!found) return fail(found.error());
  if (!*found) return fail(request_not_found(id));
  if (!allowed(actor, Action::request_read, (*found)->org_path, (*found)->subscriber_id)) {
    return fail(conceal(env_.db, env_.clock, actor, Action::request_read, "request", std::to_string(id),
                        (*found)->org_id, request_not_found(id)));
  }
  RequestView v;
  v.request = std::move(**found);
  auto events = request_events(**lease, id);
  if (!events) return fail(events.error());
  v.timeline = std::move(*events);
  auto atts = list_attachments(**lease, id);
  if (!atts) return fail(atts.error());
  v.attachments = std::move(*atts);
  auto approvals = request_approvals(**lease, {id});
  if (!approvals) return fail(approvals.error());
  v.approvals = std::move((*approvals)[id]);
  auto device_events = device_events_of_request(**lease, id);
  if (!device_events) return fail(device_events.error());
  v.device_events = std::move(*device_events);
  return v;
}

Result<std::vector<Request>> RequestWorkflow::list(const Actor& actor, const RequestFilter& f, Page page) {
  if (!allowed_somewhere(actor, Action::request_read)) {
    return fail(deny(env_.db, env_.clock, actor, Action::request_read, "request", ""));
  }
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  return query_requests(**lease, actor, f, env_.clock.now(), page);
}

}  // namespace ct::registry
