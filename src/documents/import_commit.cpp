// Writing an import: subscribers and draft requests with their timeline events, and one audit
// entry for the whole import (SPEC §8), all inside the caller's transaction.
#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "documents/import_internal.h"
#include "registry/request.h"
#include "registry/subscriber.h"

namespace ct::documents::detail {

Status write_rows(store::Connection& c, const Clock& clock, const registry::Actor& actor,
                  const std::vector<PlannedRow>& rows, std::string_view file_name, ImportReport& report) {
  const TimePoint now = clock.now();
  const std::string file(file_name);
  for (const auto& p : rows) {
    if (p.bad) continue;
    std::int64_t subscriber = 0;
    std::int64_t org_id = p.org_id;
    std::string org_path;
    if (p.subscriber_id) {
      auto s = registry::find_subscriber(c, *p.subscriber_id);
      if (!s) return fail(s.error());
      if (!*s) return fail(ErrorCode::conflict, "Thuê bao vừa bị thay đổi", "The subscriber changed meanwhile");
      subscriber = (*s)->id;
      org_id = (*s)->org_id;
      org_path = (*s)->org_path;
    } else {
      auto s = registry::insert_subscriber(c, p.org_id, p.subject, now);
      if (!s) return fail(s.error().within("row " + std::to_string(p.sheet_row)));
      subscriber = s->id;
      org_path = s->org_path;
      report.new_subscribers.push_back(s->id);
    }
    registry::Request r;
    r.type = p.type;
    r.state = registry::RequestState::draft;
    r.subscriber_id = subscriber;
    r.org_id = org_id;
    r.org_path = org_path;
    r.cert_serial = p.cert_serial;
    r.form.subject = p.subject;
    r.form.keep_number = p.keep_number;
    r.findings = p.findings;
    r.created_by = actor.login;
    r.created_at = r.updated_at = now;
    auto id = registry::insert_request(c, r);
    if (!id) return fail(id.error());
    registry::RequestEvent ev{now, actor.login, "import", "draft", "draft",
                              "Nhập từ bảng tính / imported from " + file + ", dòng / row " + std::to_string(p.sheet_row),
                              {}};
    if (auto e = registry::insert_event(c, *id, ev); !e) return fail(e.error());
    report.request_ids.push_back(*id);
  }
  nlohmann::json details{{"file", file},
                         {"rows", report.data_rows},
                         {"requests", report.request_ids.size()},
                         {"new_subscribers", report.new_subscribers.size()},
                         {"skipped_bad_rows", report.bad_rows}};
  if (!report.request_ids.empty()) {
    details["first_request"] = report.request_ids.front();
    details["last_request"] = report.request_ids.back();
  }
  audit::AuditEvent ev{actor.login, "request.import", "import", file, actor.org_id, "ok", details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  return {};
}

}  // namespace ct::documents::detail
