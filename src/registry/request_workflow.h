#pragma once
// RequestWorkflow: the request state machine of SPEC §4 and who may drive it.
//
//   draft ──submit──▶ submitted ──(batch submit)──▶ forwarded ──approve──▶ approved ──worker──▶ completed
//     │   (forwarded directly when no aggregator covers the unit)     │            └──▶ failed ──retry──▶ approved
//     └─cancel─▶ cancelled        submitted/forwarded ──return──▶ returned ──submit──▶ …
//                                 forwarded ──reject──▶ rejected
//
// Every transition is one transaction: the request row (optimistically checked against the
// state it was read in), a timeline event, the audit entry and, on approval, the queued CA
// operation. Validation runs on save, submit and approve; errors block submit and approve.
// Types named in registry.two_person_types need approvals by two different people.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "registry/access_policy.h"
#include "registry/actor.h"
#include "registry/attachments.h"
#include "registry/devices.h"
#include "registry/registry_env.h"
#include "registry/request.h"

namespace ct::registry {

struct NewAttachment {
  std::string kind;
  std::string name;
  Bytes content;
};

struct NewRequest {
  RequestType type = RequestType::new_cert;
  std::int64_t subscriber_id = 0;
  std::string cert_serial;
  std::string ground;
  std::string csr_pem;
  std::string mailbox;
  std::string note;
  // change_info: the new content (unset fields keep the subscriber's current data).
  std::optional<std::string> new_name, new_email, new_position, new_phone;
  std::optional<std::int64_t> new_org_id;
  std::vector<NewAttachment> attachments;
};

// Edits of a draft or returned request.
struct RequestEdit {
  std::optional<std::string> csr_pem, ground, mailbox, note, email, phone, position, name;
  // The certificate the request names ("" clears it); change_info: the organization to move to
  // (0: stay in the subscriber's own).
  std::optional<std::string> cert_serial;
  std::optional<std::int64_t> new_org_id;
  std::vector<NewAttachment> attachments;
  std::vector<std::int64_t> remove_attachments;  // ids of this request's documents to take off
};

struct RequestView {
  Request request;
  std::vector<RequestEvent> timeline;
  std::vector<Attachment> attachments;
  std::vector<std::string> approvals;  // logins that approved (two-person types)
  std::vector<RequestDeviceEvent> device_events;  // what it did to devices (token station, lost token)
};

class RequestWorkflow final {
 public:
  explicit RequestWorkflow(RegistryEnv& env) : env_(env) {}

  [[nodiscard]] Result<Request> create(const Actor& actor, const NewRequest& n);
  // The dry run of create: the same checks (a refusal is audited as access.denied), and the
  // request with the findings a draft of `n` would have (its attachments are not looked at:
  // the draft would have none yet). Writes nothing else; the result has id 0.
  [[nodiscard]] Result<Request> check(const Actor& actor, const NewRequest& n);
  [[nodiscard]] Result<Request> edit(const Actor& actor, std::int64_t id, const RequestEdit& e);
  [[nodiscard]] Result<Request> submit(const Actor& actor, std::int64_t id, const std::string& comment);
  [[nodiscard]] Result<Request> approve(const Actor& actor, std::int64_t id, const std::string& comment);
  [[nodiscard]] Result<Request> return_to_submitter(const Actor& actor, std::int64_t id, const std::string& comment,
                                                    const std::map<std::string, std::string>& field_reasons);
  [[nodiscard]] Result<Request> reject(const Actor& actor, std::int64_t id, const std::string& comment);
  [[nodiscard]] Result<Request> cancel(const Actor& actor, std::int64_t id, const std::string& comment);
  [[nodiscard]] Result<Request> retry(const Actor& actor, std::int64_t id, const std::string& comment);

  [[nodiscard]] Result<RequestView> show(const Actor& actor, std::int64_t id);
  [[nodiscard]] Result<std::vector<Request>> list(const Actor& actor, const RequestFilter& f, Page page);

 private:
  RegistryEnv& env_;
};

}  // namespace ct::registry
