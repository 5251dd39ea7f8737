#include "registry/access_policy.h"

#include <array>

#include <nlohmann/json.hpp>

#include "audit/audit_windows.h"

namespace ct::registry {
namespace {

struct Grant {
  Role role;
  Action action;
  Reach reach;
};

// The whole policy. Anything not listed is denied.
constexpr std::array kGrants{
    // admin: users, organizations, configuration; reads everything.
    Grant{Role::admin, Action::org_create, Reach::any},
    Grant{Role::admin, Action::org_read, Reach::any},
    Grant{Role::admin, Action::subscriber_create, Reach::any},
    Grant{Role::admin, Action::subscriber_read, Reach::any},
    Grant{Role::admin, Action::user_create, Reach::any},
    Grant{Role::admin, Action::request_read, Reach::any},
    Grant{Role::admin, Action::user_read, Reach::any},
    Grant{Role::admin, Action::certificate_read, Reach::any},
    Grant{Role::admin, Action::statistics_read, Reach::any},
    Grant{Role::admin, Action::batch_read, Reach::any},
    Grant{Role::admin, Action::pki_status_read, Reach::any},
    Grant{Role::admin, Action::outbox_read, Reach::any},
    Grant{Role::admin, Action::outbox_retry, Reach::any},
    // registration office: reviews and decides; opens rounds.
    Grant{Role::ra_officer, Action::org_read, Reach::any},
    Grant{Role::ra_officer, Action::subscriber_read, Reach::any},
    Grant{Role::ra_officer, Action::request_read, Reach::any},
    Grant{Role::ra_officer, Action::request_return, Reach::any},
    Grant{Role::ra_officer, Action::request_approve, Reach::any},
    Grant{Role::ra_officer, Action::request_reject, Reach::any},
    Grant{Role::ra_officer, Action::round_open, Reach::any},
    Grant{Role::ra_officer, Action::certificate_read, Reach::any},
    Grant{Role::ra_officer, Action::statistics_read, Reach::any},
    Grant{Role::ra_officer, Action::batch_read, Reach::any},
    Grant{Role::ra_officer, Action::batch_review, Reach::any},
    Grant{Role::ra_officer, Action::device_report, Reach::any},
    Grant{Role::ra_officer, Action::device_handover, Reach::any},
    // CA: executes approved operations, retries failed ones.
    Grant{Role::ca_operator, Action::org_read, Reach::any},
    Grant{Role::ca_operator, Action::subscriber_read, Reach::any},
    Grant{Role::ca_operator, Action::request_read, Reach::any},
    Grant{Role::ca_operator, Action::request_retry, Reach::any},
    Grant{Role::ca_operator, Action::worker_run, Reach::any},
    Grant{Role::ca_operator, Action::certificate_read, Reach::any},
    Grant{Role::ca_operator, Action::certificate_revoke, Reach::any},
    Grant{Role::ca_operator, Action::crl_publish, Reach::any},
    Grant{Role::ca_operator, Action::statistics_read, Reach::any},
    Grant{Role::ca_operator, Action::batch_read, Reach::any},
    Grant{Role::ca_operator, Action::pki_status_read, Reach::any},
    Grant{Role::ca_operator, Action::device_report, Reach::any},
    Grant{Role::ca_operator, Action::device_manage, Reach::any},
    Grant{Role::ca_operator, Action::device_handover, Reach::any},
    // auditor: reads, changes nothing.
    Grant{Role::auditor, Action::org_read, Reach::any},
    Grant{Role::auditor, Action::subscriber_read, Reach::any},
    Grant{Role::auditor, Action::request_read, Reach::any},
    Grant{Role::auditor, Action::certificate_read, Reach::any},
    Grant{Role::auditor, Action::audit_read, Reach::any},
    Grant{Role::auditor, Action::statistics_read, Reach::any},
    Grant{Role::auditor, Action::batch_read, Reach::any},
    Grant{Role::auditor, Action::pki_status_read, Reach::any},
    // aggregator: its subtree; rounds, batches; may return a unit's request before forwarding.
    Grant{Role::aggregator, Action::org_read, Reach::own},
    Grant{Role::aggregator, Action::subscriber_create, Reach::own},
    Grant{Role::aggregator, Action::subscriber_read, Reach::own},
    Grant{Role::aggregator, Action::request_create, Reach::own},
    Grant{Role::aggregator, Action::request_read, Reach::own},
    Grant{Role::aggregator, Action::request_edit, Reach::own},
    Grant{Role::aggregator, Action::request_submit, Reach::own},
    Grant{Role::aggregator, Action::request_cancel, Reach::own},
    Grant{Role::aggregator, Action::request_return, Reach::own},
    Grant{Role::aggregator, Action::round_open, Reach::own},
    Grant{Role::aggregator, Action::batch_manage, Reach::own},
    Grant{Role::aggregator, Action::certificate_read, Reach::own},
    Grant{Role::aggregator, Action::statistics_read, Reach::own},
    Grant{Role::aggregator, Action::batch_read, Reach::own},
    Grant{Role::aggregator, Action::device_report, Reach::own},
    // unit manager: people and requests of its unit and sub-units.
    Grant{Role::unit_manager, Action::org_read, Reach::own},
    Grant{Role::unit_manager, Action::subscriber_create, Reach::own},
    Grant{Role::unit_manager, Action::subscriber_read, Reach::own},
    Grant{Role::unit_manager, Action::request_create, Reach::own},
    Grant{Role::unit_manager, Action::request_read, Reach::own},
    Grant{Role::unit_manager, Action::request_edit, Reach::own},
    Grant{Role::unit_manager, Action::request_submit, Reach::own},
    Grant{Role::unit_manager, Action::request_cancel, Reach::own},
    Grant{Role::unit_manager, Action::certificate_read, Reach::own},
    Grant{Role::unit_manager, Action::statistics_read, Reach::own},
    Grant{Role::unit_manager, Action::device_report, Reach::own},
    // subscriber: itself; starts drafts, cancels them.
    Grant{Role::subscriber, Action::subscriber_read, Reach::own},
    Grant{Role::subscriber, Action::request_create, Reach::own},
    Grant{Role::subscriber, Action::request_read, Reach::own},
    Grant{Role::subscriber, Action::request_edit, Reach::own},
    Grant{Role::subscriber, Action::request_cancel, Reach::own},
    Grant{Role::subscriber, Action::certificate_read, Reach::own},
    Grant{Role::subscriber, Action::device_report, Reach::own},
};

struct ActionName {
  Action action;
  const char* code;
  const char* vi;
};
constexpr std::array kActionNames{
    ActionName{Action::org_create, "org.create", "tạo cơ quan"},
    ActionName{Action::org_read, "org.read", "xem cơ quan"},
    ActionName{Action::subscriber_create, "subscriber.create", "thêm thuê bao"},
    ActionName{Action::subscriber_read, "subscriber.read", "xem thuê bao"},
    ActionName{Action::user_create, "user.create", "tạo người dùng"},
    ActionName{Action::request_create, "request.create", "tạo yêu cầu"},
    ActionName{Action::request_read, "request.read", "xem yêu cầu"},
    ActionName{Action::request_edit, "request.edit", "sửa yêu cầu"},
    ActionName{Action::request_submit, "request.submit", "gửi yêu cầu"},
    ActionName{Action::request_cancel, "request.cancel", "hủy yêu cầu"},
    ActionName{Action::request_return, "request.return", "trả lại yêu cầu"},
    ActionName{Action::request_approve, "request.approve", "phê duyệt yêu cầu"},
    ActionName{Action::request_reject, "request.reject", "từ chối yêu cầu"},
    ActionName{Action::request_retry, "request.retry", "thực hiện lại yêu cầu"},
    ActionName{Action::round_open, "round.open", "mở đợt đăng ký"},
    ActionName{Action::batch_manage, "batch.manage", "lập danh sách"},
    ActionName{Action::worker_run, "worker.run", "chạy hàng đợi thao tác CA"},
    ActionName{Action::user_read, "user.read", "xem người dùng"},
    ActionName{Action::certificate_read, "certificate.read", "xem chứng thư số"},
    ActionName{Action::certificate_revoke, "certificate.revoke", "thu hồi chứng thư số"},
    ActionName{Action::crl_publish, "crl.publish", "phát hành CRL"},
    ActionName{Action::audit_read, "audit.read", "xem nhật ký kiểm toán"},
    ActionName{Action::statistics_read, "statistics.read", "xem thống kê"},
    ActionName{Action::batch_read, "batch.read", "xem danh sách"},
    ActionName{Action::batch_review, "batch.review", "duyệt cả danh sách"},
    ActionName{Action::pki_status_read, "pki_status.read", "xem tình trạng hệ thống PKI"},
    ActionName{Action::outbox_read, "outbox.read", "xem hộp thư đi"},
    ActionName{Action::outbox_retry, "outbox.retry", "gửi lại thư"},
    ActionName{Action::device_report, "device.report", "báo thiết bị bị khóa, mất, tìm thấy, hỏng"},
    ActionName{Action::device_manage, "device.manage", "chuyển trạng thái thiết bị"},
    ActionName{Action::device_handover, "device.handover", "ghi nhận bàn giao thiết bị"},
};

const ActionName& name_of(Action a) {
  for (const auto& n : kActionNames)
    if (n.action == a) return n;
  return kActionNames.front();
}

}  // namespace

const char* to_string(Action a) noexcept { return name_of(a).code; }

Reach reach_of(Role role, Action action) noexcept {
  for (const auto& g : kGrants)
    if (g.role == role && g.action == action) return g.reach;
  return Reach::none;
}

bool allowed(const Actor& actor, Action action, std::string_view path, std::optional<std::int64_t> subscriber) {
  switch (reach_of(actor.role, action)) {
    case Reach::none: return false;
    case Reach::any: return true;
    case Reach::own: return actor.reaches(path, subscriber);
  }
  return false;
}

bool allowed_somewhere(const Actor& actor, Action action) { return reach_of(actor.role, action) != Reach::none; }

Error denied_error(const Actor& actor, Action action) {
  const ActionName& n = name_of(action);
  return Error::make(ErrorCode::forbidden,
                     "Người dùng '" + actor.login + "' (vai trò " + to_string(actor.role) + ") không được " + n.vi +
                         " này (ngoài phạm vi hoặc không có quyền)",
                     "User '" + actor.login + "' (role " + to_string(actor.role) + ") may not do " + n.code +
                         " here (outside its scope or not permitted)",
                     n.code);
}

namespace {

void audit_denial(store::Database& db, const Clock& clock, const Actor& actor, Action action,
                  const std::string& object_type, const std::string& object_id, std::optional<std::int64_t> org_id) {
  auto lease = db.acquire();
  if (!lease) return;
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return;
  audit::AuditEvent ev{actor.login, "access.denied", object_type, object_id, org_id, "denied",
                       nlohmann::json{{"action", to_string(action)}, {"role", to_string(actor.role)}}.dump()};
  // Counted per actor and action: repeating a refused call does not fill the log.
  if (audit::append_counted(**lease, clock, "denied:" + actor.login + ":" + to_string(action), ev)) {
    (void)tx->commit();
  }
}

}  // namespace

Error deny(store::Database& db, const Clock& clock, const Actor& actor, Action action, const std::string& object_type,
           const std::string& object_id, std::optional<std::int64_t> org_id) {
  audit_denial(db, clock, actor, action, object_type, object_id, org_id);
  return denied_error(actor, action);
}

Error conceal(store::Database& db, const Clock& clock, const Actor& actor, Action action,
              const std::string& object_type, const std::string& object_id, std::optional<std::int64_t> org_id,
              Error not_found) {
  audit_denial(db, clock, actor, action, object_type, object_id, org_id);
  return not_found;
}

}  // namespace ct::registry
