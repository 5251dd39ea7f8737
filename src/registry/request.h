#pragma once
// Requests (SPEC §2–§4): one subscriber, one type, the data its official form needs, its
// attachments, state and timeline. The form is a typed struct kept as a JSON column.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "registry/registry_env.h"
#include "registry/request_types.h"
#include "registry/subject_data.h"
#include "registry/validation.h"

namespace ct::registry {

// What the forms carry besides the request's type and certificate serial:
//   new (Mẫu 01/02): subject, csr_pem (or none: key generated on the device);
//   renew (Mẫu 04): subject (for the record), the certificate;
//   change_info (Mẫu 04): the new subject data, new_org_id when moving, ground, optional csr_pem;
//   reissue (Mẫu 01/02): ground (lost | damaged), csr_pem for the new key;
//   recover_device (Mẫu 06): the certificate on the locked device;
//   revoke (Mẫu 05): ground;
//   mailbox: the person, and the requested address when already agreed.
struct RequestForm {
  SubjectData subject;
  std::optional<std::int64_t> new_org_id;
  std::string ground;
  std::string csr_pem;
  std::string mailbox;
  std::string note;
  bool keep_number = false;  // SIM: keep the subscriber's phone number (national sheet, column Q)
};
[[nodiscard]] nlohmann::json to_json(const RequestForm& f);
[[nodiscard]] RequestForm form_from_json(const nlohmann::json& j);

struct Request {
  std::int64_t id = 0;
  RequestType type = RequestType::new_cert;
  RequestState state = RequestState::draft;
  std::int64_t subscriber_id = 0;
  std::int64_t org_id = 0;
  std::string org_path;
  std::string cert_serial;  // the certificate the request names ("" for new, mailbox)
  RequestForm form;
  std::vector<Finding> findings;
  std::optional<std::int64_t> batch_id;
  bool late = false;
  std::string created_by;
  TimePoint created_at;
  TimePoint updated_at;
  std::optional<TimePoint> submitted_at;
  std::optional<TimePoint> due_at;       // decision deadline (working days)
  std::optional<TimePoint> decided_at;
  std::string result_serial;             // the certificate issued, once completed
  std::string awaiting;                  // what an approved request waits for ("device")
  int attempt = 0;                       // CA operation attempts enqueued (retries)
};

struct RequestEvent {
  TimePoint at;
  std::string actor;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string comment;
  std::map<std::string, std::string> field_reasons;  // on return: field → why
};

// Repository functions, inside the caller's transaction; no access checks (callers check).
[[nodiscard]] Result<std::int64_t> insert_request(store::Connection& c, const Request& r);
[[nodiscard]] Result<std::optional<Request>> find_request(store::Connection& c, std::int64_t id);
// Writes the mutable columns (state, form, findings, batch, times, result, awaiting, attempt)
// if the stored state is still `expected` (optimistic check): false when it changed meanwhile.
[[nodiscard]] Result<bool> update_request(store::Connection& c, const Request& r, RequestState expected);
[[nodiscard]] Status insert_event(store::Connection& c, std::int64_t request_id, const RequestEvent& e);
[[nodiscard]] Result<std::vector<RequestEvent>> request_events(store::Connection& c, std::int64_t request_id);
// The logins that approved each of `ids` so far (two-person types), in order; unscoped: the ids
// come from a scoped read.
[[nodiscard]] Result<std::map<std::int64_t, std::vector<std::string>>> request_approvals(
    store::Connection& c, const std::vector<std::int64_t>& ids);
// Records `login`'s approval of request `id` and returns how many people have approved it now;
// a second approval by the same login is a conflict (two-person types need two people).
[[nodiscard]] Result<std::int64_t> add_approval(store::Connection& c, std::int64_t id, const std::string& login,
                                                TimePoint at);
// Forgets the approvals of request `id` (it was returned: approving starts again).
[[nodiscard]] Status clear_approvals(store::Connection& c, std::int64_t id);

struct RequestFilter {
  std::optional<RequestState> state;
  std::optional<RequestType> type;
  bool overdue_only = false;  // submitted or forwarded past due_at
  std::string awaiting;       // only approved requests waiting for this ("device"); "" for all
  std::optional<std::int64_t> batch_id;
  std::optional<std::int64_t> subscriber_id;
  // The subscriber's name without case and diacritics ("nguyen van an" finds "Nguyễn Văn An"),
  // or exactly their CCCD or e-mail, or the request's number; "" for all.
  std::string search;
};
// The actor's scope is applied in SQL. Newest first.
[[nodiscard]] Result<std::vector<Request>> query_requests(store::Connection& c, const struct Actor& actor,
                                                          const RequestFilter& f, TimePoint now, Page page);

[[nodiscard]] nlohmann::json to_json(const Request& r, TimePoint now);
[[nodiscard]] nlohmann::json to_json(const RequestEvent& e);
[[nodiscard]] bool is_overdue(const Request& r, TimePoint now) noexcept;

}  // namespace ct::registry
