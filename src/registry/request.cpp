#include "registry/request.h"

#include <algorithm>

#include "common/text.h"
#include "common/time_format.h"
#include "registry/actor.h"
#include "registry/text_fields.h"

namespace ct::registry {
namespace {

constexpr const char* kColumns =
    "id, type, state, subscriber_id, org_id, org_path, cert_serial, form, findings, batch_id, late, created_by, "
    "created_at, updated_at, submitted_at, due_at, decided_at, result_serial, awaiting, attempt";

nlohmann::json parse_json(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

Request read_request(const store::Query& q) {
  Request r;
  r.id = q.get_int(0);
  r.type = parse_request_type(q.get_text(1)).value_or(RequestType::new_cert);
  r.state = parse_request_state(q.get_text(2)).value_or(RequestState::draft);
  r.subscriber_id = q.get_int(3);
  r.org_id = q.get_int(4);
  r.org_path = q.get_text(5);
  r.cert_serial = q.get_opt_text(6).value_or("");
  r.form = form_from_json(parse_json(q.get_text(7)));
  r.findings = findings_from_json(parse_json(q.get_text(8)));
  r.batch_id = q.get_opt_int(9);
  r.late = q.get_int(10) != 0;
  r.created_by = q.get_text(11);
  r.created_at = from_unix(q.get_int(12));
  r.updated_at = from_unix(q.get_int(13));
  r.submitted_at = q.get_opt_time(14);
  r.due_at = q.get_opt_time(15);
  r.decided_at = q.get_opt_time(16);
  r.result_serial = q.get_opt_text(17).value_or("");
  r.awaiting = q.get_opt_text(18).value_or("");
  r.attempt = static_cast<int>(q.get_int(19));
  return r;
}

void bind_time(store::Query& q, int i, const std::optional<TimePoint>& t) {
  if (t) q.bind(i, to_unix(*t)); else q.bind_null(i);
}

void bind_text_or_null(store::Query& q, int i, const std::string& s) {
  if (s.empty()) q.bind_null(i); else q.bind(i, s);
}

}  // namespace

nlohmann::json to_json(const RequestForm& f) {
  nlohmann::json j{{"subject", to_json(f.subject)}, {"ground", f.ground}, {"csr_pem", f.csr_pem},
                   {"mailbox", f.mailbox}, {"note", f.note}};
  if (f.new_org_id) j["new_org_id"] = *f.new_org_id;
  if (f.keep_number) j["keep_number"] = true;
  return j;
}

RequestForm form_from_json(const nlohmann::json& j) {
  RequestForm f;
  if (!j.is_object()) return f;
  if (j.contains("subject")) f.subject = subject_from_json(j["subject"]);
  auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
  f.ground = str("ground");
  f.csr_pem = str("csr_pem");
  f.mailbox = str("mailbox");
  f.note = str("note");
  if (j.contains("new_org_id") && j["new_org_id"].is_number_integer()) f.new_org_id = j["new_org_id"].get<std::int64_t>();
  f.keep_number = j.contains("keep_number") && j["keep_number"].is_boolean() && j["keep_number"].get<bool>();
  return f;
}

Result<std::int64_t> insert_request(store::Connection& c, const Request& r) {
  auto q = c.query(
      "INSERT INTO requests (type, state, subscriber_id, org_id, org_path, cert_serial, form, findings, batch_id, "
      "late, created_by, created_at, updated_at, attempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
      "$13, 0) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, to_string(r.type)).bind(2, to_string(r.state)).bind(3, r.subscriber_id).bind(4, r.org_id);
  q->bind(5, r.org_path);
  bind_text_or_null(*q, 6, r.cert_serial);
  q->bind(7, to_json(r.form).dump()).bind(8, to_json(r.findings).dump()).bind_opt(9, r.batch_id);
  q->bind(10, std::int64_t{r.late ? 1 : 0}).bind(11, r.created_by).bind(12, to_unix(r.created_at));
  q->bind(13, to_unix(r.updated_at));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  return id;
}

Result<std::optional<Request>> find_request(store::Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kColumns + " FROM requests WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Request>();
  return std::optional<Request>(read_request(*q));
}

Result<bool> update_request(store::Connection& c, const Request& r, RequestState expected) {
  auto q = c.query(
      "UPDATE requests SET state = $1, cert_serial = $2, form = $3, findings = $4, batch_id = $5, late = $6, "
      "updated_at = $7, submitted_at = $8, due_at = $9, decided_at = $10, result_serial = $11, awaiting = $12, "
      "attempt = $13 WHERE id = $14 AND state = $15 RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, to_string(r.state));
  bind_text_or_null(*q, 2, r.cert_serial);
  q->bind(3, to_json(r.form).dump()).bind(4, to_json(r.findings).dump()).bind_opt(5, r.batch_id);
  q->bind(6, std::int64_t{r.late ? 1 : 0}).bind(7, to_unix(r.updated_at));
  bind_time(*q, 8, r.submitted_at);
  bind_time(*q, 9, r.due_at);
  bind_time(*q, 10, r.decided_at);
  bind_text_or_null(*q, 11, r.result_serial);
  bind_text_or_null(*q, 12, r.awaiting);
  q->bind(13, std::int64_t{r.attempt}).bind(14, r.id).bind(15, to_string(expected));
  auto row = q->step();
  if (!row) return fail(row.error());
  const bool updated = *row;
  if (auto s = q->run(); !s) return fail(s.error());
  return updated;
}

Status insert_event(store::Connection& c, std::int64_t request_id, const RequestEvent& e) {
  auto q = c.query(
      "INSERT INTO request_events (request_id, at, actor, action, from_state, to_state, comment, field_reasons) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  if (!q) return fail(q.error());
  nlohmann::json reasons = nlohmann::json::object();
  for (const auto& [k, v] : e.field_reasons) reasons[k] = v;
  q->bind(1, request_id).bind(2, to_unix(e.at)).bind(3, e.actor).bind(4, e.action).bind(5, e.from_state);
  q->bind(6, e.to_state).bind(7, e.comment).bind(8, reasons.dump());
  return q->run();
}

Result<std::vector<RequestEvent>> request_events(store::Connection& c, std::int64_t request_id) {
  auto q = c.query(
      "SELECT at, actor, action, from_state, to_state, comment, field_reasons FROM request_events "
      "WHERE request_id = $1 ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, request_id);
  return store::read_all<RequestEvent>(*q, [](const store::Query& r) {
    RequestEvent e{from_unix(r.get_int(0)), r.get_text(1), r.get_text(2), r.get_text(3), r.get_text(4), r.get_text(5), {}};
    auto j = parse_json(r.get_text(6));
    if (j.is_object())
      for (auto it = j.begin(); it != j.end(); ++it)
        if (it.value().is_string()) e.field_reasons[it.key()] = it.value().get<std::string>();
    return e;
  });
}

Result<std::map<std::int64_t, std::vector<std::string>>> request_approvals(store::Connection& c,
                                                                            const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<std::string>> out;
  if (ids.empty()) return out;
  const auto [lo, hi] = std::minmax_element(ids.begin(), ids.end());
  auto q = c.query(
      "SELECT request_id, user_login FROM request_approvals WHERE request_id BETWEEN $1 AND $2 ORDER BY at, "
      "user_login");
  if (!q) return fail(q.error());
  q->bind(1, *lo).bind(2, *hi);
  for (std::int64_t id : ids) out[id];
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    auto it = out.find(q->get_int(0));
    if (it != out.end()) it->second.push_back(q->get_text(1));
  }
  return out;
}

Result<std::int64_t> add_approval(store::Connection& c, std::int64_t id, const std::string& login, TimePoint at) {
  auto seen = c.query("SELECT COUNT(*) FROM request_approvals WHERE request_id = $1 AND user_login = $2");
  if (!seen) return fail(seen.error());
  seen->bind(1, id).bind(2, login);
  if (auto row = seen->step(); !row) return fail(row.error());
  if (seen->get_int(0) > 0) {
    return fail(ErrorCode::conflict, "Bạn đã phê duyệt yêu cầu này; cần một người khác phê duyệt lần hai",
                "You already approved this request; a second, different person must approve", "approve");
  }
  auto ins = c.query("INSERT INTO request_approvals (request_id, user_login, at) VALUES ($1, $2, $3)");
  if (!ins) return fail(ins.error());
  if (auto s = ins->bind(1, id).bind(2, login).bind(3, to_unix(at)).run(); !s) return fail(s.error());
  auto count = c.query("SELECT COUNT(*) FROM request_approvals WHERE request_id = $1");
  if (!count) return fail(count.error());
  count->bind(1, id);
  if (auto row = count->step(); !row) return fail(row.error());
  return count->get_int(0);
}

Status clear_approvals(store::Connection& c, std::int64_t id) {
  auto del = c.query("DELETE FROM request_approvals WHERE request_id = $1");
  if (!del) return fail(del.error());
  return del->bind(1, id).run();
}

Result<std::vector<Request>> query_requests(store::Connection& c, const Actor& actor, const RequestFilter& f,
                                            TimePoint now, Page page) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM requests WHERE " +
                    actor.scope_sql("org_path", "subscriber_id", 1) +
                    " AND ($3 = '' OR state = $3) AND ($4 = 0 OR (state IN ('submitted', 'forwarded') AND due_at <= $5))"
                    " AND ($6 = 0 OR batch_id = $6) AND ($7 = 0 OR subscriber_id = $7)"
                    " AND ($10 = '' OR id = $12 OR subscriber_id IN (SELECT id FROM subscribers WHERE name_fold LIKE $10"
                    " OR cccd = $11 OR email = $11))"
                    " AND ($13 = '' OR type = $13) AND ($14 = '' OR awaiting = $14)"
                    " ORDER BY id DESC LIMIT $8 OFFSET $9";
  auto q = c.query(sql);
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  q->bind(3, f.state ? to_string(*f.state) : "").bind(4, std::int64_t{f.overdue_only ? 1 : 0}).bind(5, to_unix(now));
  q->bind(6, f.batch_id.value_or(0)).bind(7, f.subscriber_id.value_or(0));
  q->bind(8, std::int64_t{page.limit}).bind(9, std::int64_t{page.offset});
  const std::string search = text::trim(f.search);
  q->bind(10, search.empty() ? std::string() : "%" + text::fold(search) + "%").bind(11, text::ascii_lower(search));
  std::int64_t number = -1;
  if (!search.empty() && search.size() <= 18 &&
      std::all_of(search.begin(), search.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    number = std::stoll(search);
  }
  q->bind(12, number).bind(13, f.type ? std::string(to_string(*f.type)) : std::string()).bind(14, f.awaiting);
  return store::read_all<Request>(*q, read_request);
}

bool is_overdue(const Request& r, TimePoint now) noexcept {
  return (r.state == RequestState::submitted || r.state == RequestState::forwarded) && r.due_at && *r.due_at <= now;
}

nlohmann::json to_json(const Request& r, TimePoint now) {
  nlohmann::json j{{"id", r.id},
                   {"type", to_string(r.type)},
                   {"type_vi", label_vi(r.type)},
                   {"form", form_of(r.type, r.form.subject.kind == SubjectKind::organization)},
                   {"state", to_string(r.state)},
                   {"subscriber_id", r.subscriber_id},
                   {"org_id", r.org_id},
                   {"cert_serial", r.cert_serial},
                   {"data", to_json(r.form)},
                   {"findings", to_json(r.findings)},
                   {"late", r.late},
                   {"created_by", r.created_by},
                   {"created_at", timefmt::iso8601_utc(r.created_at)},
                   {"overdue", is_overdue(r, now)},
                   {"result_serial", r.result_serial},
                   {"awaiting", r.awaiting}};
  j["data"].erase("csr_pem");
  j["data"]["has_csr"] = !r.form.csr_pem.empty();
  j["batch_id"] = r.batch_id ? nlohmann::json(*r.batch_id) : nlohmann::json();
  if (r.submitted_at) j["submitted_at"] = timefmt::iso8601_utc(*r.submitted_at);
  if (r.due_at) {
    j["due_at"] = timefmt::iso8601_utc(*r.due_at);
    j["due_date"] = timefmt::vn_date(*r.due_at - std::chrono::seconds{1});
  }
  if (r.decided_at) j["decided_at"] = timefmt::iso8601_utc(*r.decided_at);
  return j;
}

nlohmann::json to_json(const RequestEvent& e) {
  nlohmann::json reasons = nlohmann::json::object();
  for (const auto& [k, v] : e.field_reasons) reasons[k] = v;
  return nlohmann::json{{"at", timefmt::iso8601_utc(e.at)}, {"at_vn", timefmt::vn_datetime(e.at)},
                        {"actor", e.actor},                  {"action", e.action},
                        {"from", e.from_state},              {"to", e.to_state},
                        {"comment", e.comment},              {"field_reasons", reasons}};
}

}  // namespace ct::registry
