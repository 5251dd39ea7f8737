#include "registry/operations.h"

#include <utility>

#include <nlohmann/json.hpp>

#include "crypto/certificate.h"
#include "pki/revocation.h"
#include "registry/device_changes.h"
#include "registry/request_step.h"
#include "registry/subject_name.h"
#include "registry/subscriber.h"
#include "registry/validation.h"
#include "store/job_queue.h"
#include "store/pki_repository.h"

namespace ct::registry {
namespace {

constexpr std::chrono::seconds kTransientRetry{30};

Error op_error(std::string vi, std::string en) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), "operation");
}

struct Outcome {
  std::string serial;  // the certificate issued ("" when none)
  std::string note;    // for the timeline
};

class Operation final {
 public:
  Operation(RegistryEnv& env, pki::CertificateAuthority& ca, store::Connection& c, const Request& r,
            std::string actor, std::optional<Bytes> device_key = std::nullopt)
      : env_(env), ca_(ca), c_(c), r_(r), actor_(std::move(actor)), device_key_(std::move(device_key)) {}

  Result<Outcome> run() {
    switch (r_.type) {
      case RequestType::new_cert: return issue_new(std::nullopt, std::nullopt);
      case RequestType::renew: return renew();
      case RequestType::change_info: return change_info();
      case RequestType::reissue: return reissue();
      case RequestType::revoke: return revoke();
      case RequestType::mailbox: return mailbox();
      case RequestType::recover_device: break;
    }
    return fail(op_error("Thao tác khôi phục thiết bị cần chức năng thiết bị (PKCS#11), chưa có",
                         "Device recovery needs the device support (PKCS#11), not available yet"));
  }

 private:
  Result<store::CertificateRecord> old_certificate() {
    auto old = store::find_certificate(c_, r_.cert_serial);
    if (!old) return fail(old.error());
    if (!*old || (*old)->subscriber_id != r_.subscriber_id) {
      return fail(op_error("Thuê bao không có chứng thư số " + r_.cert_serial,
                           "The subscriber holds no certificate " + r_.cert_serial));
    }
    return std::move(**old);
  }

  // The official e-mail to certify: the form's, or the provincial mailbox provisioned since.
  Result<std::string> email_for(const SubjectData& s) {
    if (email_in_domains(s.email, env_.settings.email_domains)) return s.email;
    auto sub = find_subscriber(c_, r_.subscriber_id);
    if (!sub) return fail(sub.error());
    if (*sub && email_in_domains((*sub)->data.email, env_.settings.email_domains)) return (*sub)->data.email;
    return s.email;
  }

  Result<pki::IssueRequest> issue_request(const SubjectData& s, std::int64_t org_id) {
    auto org = find_organization(c_, org_id);
    if (!org) return fail(org.error());
    if (!*org) return fail(op_error("Cơ quan không còn tồn tại", "The organization no longer exists"));
    auto dn = subject_name(c_, **org, s);
    if (!dn) return fail(dn.error());
    auto email = email_for(s);
    if (!email) return fail(email.error());
    pki::IssueRequest req;
    req.profile = s.kind == SubjectKind::organization ? "organization" : "individual";
    req.subject = std::move(*dn);
    req.emails = {*email};
    req.subscriber_id = r_.subscriber_id;
    req.request_id = r_.id;
    req.actor = actor_;
    req.org_id = org_id;
    if (!r_.form.csr_pem.empty()) req.csr = Bytes(r_.form.csr_pem.begin(), r_.form.csr_pem.end());
    return req;
  }

  Result<Outcome> issue_new(std::optional<Bytes> same_key, std::optional<std::int64_t> replaces) {
    const std::int64_t org_id = r_.form.new_org_id.value_or(r_.org_id);
    auto req = issue_request(r_.form.subject, org_id);
    if (!req) return fail(req.error());
    if (req->csr.empty()) {
      if (!same_key) same_key = device_key_;
      if (!same_key) return fail(op_error("Thiếu CSR cho khóa mới", "No CSR for the new key"));
      req->public_key_der = std::move(*same_key);
    }
    req->replaces_id = replaces;
    auto issued = ca_.issue_in(c_, *req);
    if (!issued) return fail(issued.error());
    return Outcome{issued->serial, "cấp chứng thư / issued " + issued->serial};
  }

  Result<Outcome> renew() {
    auto old = old_certificate();
    if (!old) return fail(old.error());
    if (old->status != store::CertStatus::valid) {
      return fail(op_error("Chứng thư số " + old->serial + " đã bị thu hồi hoặc tạm dừng",
                           "Certificate " + old->serial + " is revoked or on hold"));
    }
    auto info = crypto::inspect_certificate(old->der);
    if (!info) return fail(info.error());
    pki::IssueRequest req;
    req.public_key_der = info->subject_public_key_der;
    req.profile = old->profile;
    req.subject = info->subject;
    req.emails = info->san_emails;
    req.not_after = old->not_after + std::chrono::days{env_.settings.renewal_extension_days};
    req.subscriber_id = r_.subscriber_id;
    req.request_id = r_.id;
    req.replaces_id = old->id;
    req.actor = actor_;
    req.org_id = r_.org_id;
    auto issued = ca_.issue_in(c_, req);
    if (!issued) return fail(issued.error());
    return Outcome{issued->serial, "gia hạn / renewed " + old->serial + " → " + issued->serial};
  }

  Status revoke_old(const store::CertificateRecord& old, RequestType type) {
    auto reason = reason_for_ground(type, r_.form.ground);
    if (!reason) return fail(op_error("Lý do không hợp lệ: " + r_.form.ground, "Unknown ground: " + r_.form.ground));
    pki::RevocationRequest rr{old.serial, *reason, std::nullopt, actor_, r_.org_id};
    auto done = pki::revoke_in(c_, env_.clock, rr);
    if (!done) return fail(done.error());
    return {};
  }

  Result<Outcome> change_info() {
    auto old = old_certificate();
    if (!old) return fail(old.error());
    auto info = crypto::inspect_certificate(old->der);
    if (!info) return fail(info.error());
    auto issued = issue_new(info->subject_public_key_der, old->id);
    if (!issued) return fail(issued.error());
    if (auto s = revoke_old(*old, RequestType::change_info); !s) return fail(s.error());
    const std::int64_t org_id = r_.form.new_org_id.value_or(r_.org_id);
    if (auto s = update_subscriber_data(c_, r_.subscriber_id, org_id, r_.form.subject); !s) return fail(s.error());
    issued->note = "thay đổi nội dung / changed: " + old->serial + " → " + issued->serial;
    return issued;
  }

  Result<Outcome> reissue() {
    auto old = old_certificate();
    if (!old) return fail(old.error());
    if (old->status != store::CertStatus::revoked) {
      if (auto s = revoke_old(*old, RequestType::reissue); !s) return fail(s.error());
    }
    auto issued = issue_new(std::nullopt, old->id);
    if (!issued) return fail(issued.error());
    issued->note = "cấp lại / reissued: " + old->serial + " → " + issued->serial;
    return issued;
  }

  Result<Outcome> revoke() {
    auto old = old_certificate();
    if (!old) return fail(old.error());
    if (auto s = revoke_old(*old, RequestType::revoke); !s) return fail(s.error());
    auto reason = reason_for_ground(RequestType::revoke, r_.form.ground);
    return Outcome{"", "thu hồi / revoked " + old->serial + " (" + crypto::to_string(*reason) + ")"};
  }

  Result<Outcome> mailbox() {
    if (auto s = mark_mailbox_provisioned(c_, r_.subscriber_id, r_.form.mailbox); !s) return fail(s.error());
    return Outcome{"", "hòm thư công vụ đã cấp / mailbox provisioned " + r_.form.mailbox};
  }

  RegistryEnv& env_;
  pki::CertificateAuthority& ca_;
  store::Connection& c_;
  const Request& r_;
  std::string actor_;
  std::optional<Bytes> device_key_;  // the SPKI of a key generated on the subscriber's device
};

std::optional<std::int64_t> request_of(const store::Job& job) {
  auto j = nlohmann::json::parse(job.payload, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("request_id") || !j["request_id"].is_number_integer()) {
    return std::nullopt;
  }
  return j["request_id"].get<std::int64_t>();
}

// The request of a claimed job when it is still approved, else none (a stale or foreign job).
Result<std::optional<Request>> approved_request(store::Connection& c, const store::Job& job) {
  const auto id = request_of(job);
  if (!id) return std::optional<Request>();
  auto found = find_request(c, *id);
  if (!found) return fail(found.error());
  if (!*found || (*found)->state != RequestState::approved) return std::optional<Request>();
  return found;
}

}  // namespace

Status revoke_at_approval(store::Connection& c, const Clock& clock, const DeviceTransitions& devices, const Request& r,
                          const std::string& actor) {
  if (r.type != RequestType::reissue || reason_for_ground(r.type, r.form.ground) != crypto::CrlReason::key_compromise) {
    return {};
  }
  auto old = store::find_certificate(c, r.cert_serial);
  if (!old) return fail(old.error());
  if (!*old || (*old)->subscriber_id != r.subscriber_id) {
    return fail(op_error("Thuê bao không có chứng thư số " + r.cert_serial,
                         "The subscriber holds no certificate " + r.cert_serial));
  }
  if ((*old)->status != store::CertStatus::revoked) {
    pki::RevocationRequest rr{(*old)->serial, crypto::CrlReason::key_compromise, std::nullopt, actor, r.org_id};
    if (auto done = pki::revoke_in(c, clock, rr); !done) return fail(done.error());
  }
  auto device = device_of_certificate(c, (*old)->serial);
  if (!device) return fail(device.error());
  if (!*device || (*device)->state == DeviceState::permanently_lost) return {};
  auto moved = apply_device_transition(c, clock, devices, std::move(**device), DeviceState::permanently_lost, actor,
                                       r.id, "mất thiết bị, yêu cầu cấp lại / lost, reissue requested");
  if (!moved) return fail(moved.error());
  return {};
}

Result<std::string> complete_with_device_key(RegistryEnv& env, pki::CertificateAuthority& ca, store::Connection& c,
                                             Request& r, const Bytes& public_key_der, const std::string& actor) {
  if (r.state != RequestState::approved || !awaits_device(r) || r.type == RequestType::recover_device) {
    return fail(op_error("Yêu cầu số " + std::to_string(r.id) + " không chờ khóa sinh trên thiết bị",
                         "Request " + std::to_string(r.id) + " is not waiting for a key generated on a device"));
  }
  auto outcome = Operation(env, ca, c, r, actor, public_key_der).run();
  if (!outcome) return fail(outcome.error());
  r.result_serial = outcome->serial;
  r.awaiting.clear();
  if (auto s = record_transition(c, env.clock, actor, r, RequestState::approved, RequestState::completed, "complete",
                                 outcome->note);
      !s) {
    return fail(s.error());
  }
  return outcome->serial;
}

Status complete_device_recovery(store::Connection& c, const Clock& clock, Request& r, const std::string& actor,
                                const std::string& note) {
  if (r.state != RequestState::approved || r.type != RequestType::recover_device) {
    return fail(op_error("Yêu cầu số " + std::to_string(r.id) + " không phải khôi phục thiết bị đã duyệt",
                         "Request " + std::to_string(r.id) + " is not an approved device recovery"));
  }
  r.awaiting.clear();
  return record_transition(c, clock, actor, r, RequestState::approved, RequestState::completed, "complete", note);
}

bool awaits_device(const Request& r) noexcept {
  if (r.type == RequestType::recover_device) return true;
  return (r.type == RequestType::new_cert || r.type == RequestType::reissue) && r.form.csr_pem.empty();
}

Result<std::int64_t> enqueue_operation(store::Connection& c, const Request& r, TimePoint now) {
  const std::string payload = nlohmann::json{{"request_id", r.id}, {"type", to_string(r.type)}}.dump();
  return store::enqueue_job(c, std::string(kOperationJobPrefix) + to_string(r.type), payload,
                            "request:" + std::to_string(r.id) + ":" + std::to_string(r.attempt), now);
}

OperationWorker::OperationWorker(RegistryEnv& env, pki::CertificateAuthority& ca, std::string worker_id,
                                 std::chrono::seconds lease)
    : env_(env), ca_(ca), worker_id_(std::move(worker_id)), lease_(lease) {}

Result<WorkerStats> OperationWorker::run_once(int limit, int* claimed) {
  auto lease = env_.db.acquire();
  if (!lease) return fail(lease.error());
  auto jobs = store::claim_jobs(**lease, worker_id_, env_.clock.now(), lease_, limit);
  if (!jobs) return fail(jobs.error());
  if (claimed != nullptr) *claimed = static_cast<int>(jobs->size());
  WorkerStats stats;
  for (const auto& job : *jobs) {
    auto result = run_job(**lease, job);
    if (!result) return fail(result.error());
    switch (*result) {
      case JobResult::completed: ++stats.completed; break;
      case JobResult::failed: ++stats.failed; break;
      case JobResult::lost_lease: ++stats.lost_lease; break;
      case JobResult::skipped: case JobResult::retry_later: break;
    }
  }
  return stats;
}

Result<OperationWorker::JobResult> OperationWorker::run_job(store::Connection& c, const store::Job& job) {
  const std::string actor = "worker:" + worker_id_;
  Error failure;
  {
    auto tx = store::Transaction::begin(c);
    if (!tx) return fail(tx.error());
    auto r = approved_request(c, job);
    if (!r) return fail(r.error());
    if (!*r) {
      // Stale (the request was retried under a new job) or foreign: nothing to do.
      auto done = store::complete_job(c, job.id, worker_id_, env_.clock.now());
      if (!done) return fail(done.error());
      if (*done) {
        if (auto s = tx->commit(); !s) return fail(s.error());
      }
      return JobResult::skipped;
    }
    Request& request = **r;
    auto outcome = Operation(env_, ca_, c, request, actor).run();
    if (outcome) {
      request.result_serial = outcome->serial;
      request.awaiting.clear();
      if (auto s = record_transition(c, env_.clock, actor, request, RequestState::approved, RequestState::completed,
                                     "complete", outcome->note);
          !s) {
        return fail(s.error());
      }
      auto done = store::complete_job(c, job.id, worker_id_, env_.clock.now());
      if (!done) return fail(done.error());
      if (!*done) return JobResult::lost_lease;  // rolled back: another worker holds the job now
      if (auto s = tx->commit(); !s) return fail(s.error());
      if (progress_) progress_("#" + std::to_string(request.id) + " " + to_string(request.type) + ": " + outcome->note);
      return JobResult::completed;
    }
    failure = outcome.error();
  }
  return record_failure(c, job, failure);
}

// The operation failed and its effects were rolled back: the failure is recorded on its own, as
// a retry later for an unavailable dependency, else as the request's failure.
Result<OperationWorker::JobResult> OperationWorker::record_failure(store::Connection& c, const store::Job& job,
                                                                   const Error& e) {
  const std::string actor = "worker:" + worker_id_;
  auto tx = store::Transaction::begin(c);
  if (!tx) return fail(tx.error());
  if (e.code == ErrorCode::unavailable) {
    auto again = store::fail_job(c, job.id, worker_id_, e.message_en, env_.clock.now() + kTransientRetry,
                                 env_.clock.now());
    if (!again) return fail(again.error());
    if (auto s = tx->commit(); !s) return fail(s.error());
    return JobResult::retry_later;
  }
  auto r = approved_request(c, job);
  if (!r) return fail(r.error());
  if (!*r) return JobResult::skipped;  // changed meanwhile: nothing left to mark
  Request& request = **r;
  if (auto s = record_transition(c, env_.clock, actor, request, RequestState::approved, RequestState::failed, "fail",
                                 e.message_vi + " / " + e.message_en, {}, "failed");
      !s) {
    return fail(s.error());
  }
  auto marked = store::fail_job(c, job.id, worker_id_, e.message_en, std::nullopt, env_.clock.now());
  if (!marked) return fail(marked.error());
  if (!*marked) return JobResult::lost_lease;
  if (auto s = tx->commit(); !s) return fail(s.error());
  if (progress_) progress_("#" + std::to_string(request.id) + " " + to_string(request.type) + ": FAILED " + e.message_en);
  return JobResult::failed;
}

}  // namespace ct::registry
