#include "registry/subscriber.h"

#include <tuple>

#include "audit/audit_log.h"
#include "common/text.h"
#include "common/time_format.h"
#include "registry/access_policy.h"
#include "registry/organization.h"
#include "registry/validation.h"
#include "registry/validation_input.h"

namespace ct::registry {

nlohmann::json to_json(const Subscriber& s) {
  return {{"id", s.id},
          {"org_id", s.org_id},
          {"data", to_json(s.data)},
          {"mailbox_provisioned", s.mailbox_provisioned},
          {"created_at", timefmt::iso8601_utc(s.created_at)}};
}
namespace {

constexpr const char* kColumns =
    "id, org_id, org_path, kind, full_name, dob, cccd, cccd_date, cccd_place, email, position, phone, carrier, "
    "manager_name, device, mailbox_provisioned, created_at";

Subscriber read_subscriber(const store::Query& q) {
  Subscriber s;
  s.id = q.get_int(0);
  s.org_id = q.get_int(1);
  s.org_path = q.get_text(2);
  s.data.kind = q.get_text(3) == "organization" ? SubjectKind::organization : SubjectKind::individual;
  s.data.full_name = q.get_text(4);
  s.data.dob = q.get_text(5);
  s.data.cccd = q.get_text(6);
  s.data.cccd_date = q.get_text(7);
  s.data.cccd_place = q.get_text(8);
  s.data.email = q.get_text(9);
  s.data.position = q.get_text(10);
  s.data.phone = q.get_text(11);
  s.data.carrier = q.get_text(12);
  s.data.manager_name = q.get_text(13);
  s.data.device = q.get_text(14);
  s.mailbox_provisioned = q.get_int(15) != 0;
  s.created_at = from_unix(q.get_int(16));
  return s;
}

// Binds full_name, name_fold, dob, cccd, cccd_date, cccd_place, email, position, phone, carrier,
// manager_name and device, in that order, from parameter `first` on (12 parameters).
void bind_subject(store::Query& q, int first, const SubjectData& d) {
  q.bind(first, d.full_name).bind(first + 1, text::fold(d.full_name)).bind(first + 2, d.dob).bind(first + 3, d.cccd);
  q.bind(first + 4, d.cccd_date).bind(first + 5, d.cccd_place).bind(first + 6, d.email).bind(first + 7, d.position);
  q.bind(first + 8, d.phone).bind(first + 9, d.carrier).bind(first + 10, d.manager_name).bind(first + 11, d.device);
}

Error no_org(std::int64_t id) {
  return Error::make(ErrorCode::not_found, "Không có cơ quan số " + std::to_string(id),
                     "No organization " + std::to_string(id), "org");
}

// The organization a subscriber is to belong to; not_found when there is none.
Result<Organization> existing_org(store::Connection& c, std::int64_t id) {
  auto org = find_organization(c, id);
  if (!org) return fail(org.error());
  if (!*org) return fail(no_org(id));
  return std::move(**org);
}

// An organization that takes new people: existing and not deactivated.
Result<Organization> active_org(store::Connection& c, std::int64_t id) {
  auto org = existing_org(c, id);
  if (!org) return fail(org.error());
  if (!org->active) {
    return fail(ErrorCode::invalid_input, "Cơ quan «" + org->name + "» đã ngừng hoạt động: không nhận thuê bao mới",
                "Organization «" + org->name + "» is deactivated: it takes no new subscribers", "org");
  }
  return org;
}

// The normalized data and its findings, after the organization and scope checks of a create.
struct Checked {
  SubjectData data;
  std::vector<Finding> findings;
};

Result<Checked> check(RegistryEnv& env, const Actor& actor, std::int64_t org_id, SubjectData raw) {
  auto data = normalized(std::move(raw));
  if (!data) return fail(data.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto org = existing_org(**lease, org_id);
  if (!org) return fail(org.error());
  if (!allowed(actor, Action::subscriber_create, org->path)) {
    if (!allowed(actor, Action::org_read, org->path)) {
      return fail(conceal(env.db, env.clock, actor, Action::subscriber_create, "subscriber", "", org_id,
                          no_org(org_id)));
    }
    return fail(deny(env.db, env.clock, actor, Action::subscriber_create, "subscriber", "", org_id));
  }
  if (!org->active) return fail(active_org(**lease, org_id).error());
  ValidationInput in;
  in.subject = *data;
  in.org_state_body = org->state_body;
  in.now = env.clock.now();
  auto findings = validate(in, env.settings);
  return Checked{std::move(*data), std::move(findings)};
}

// check(), and an error among the findings refuses (Error::findings, context "subscriber").
Result<Checked> check_valid(RegistryEnv& env, const Actor& actor, std::int64_t org_id, SubjectData raw) {
  auto checked = check(env, actor, org_id, std::move(raw));
  if (!checked) return fail(checked.error());
  if (has_errors(checked->findings)) {
    return fail(Error::findings("Thông tin thuê bao chưa hợp lệ:\n" + describe(checked->findings),
                                "The subscriber's data is not valid (see above)", "subscriber"));
  }
  return checked;
}

}  // namespace

Result<std::optional<Subscriber>> find_subscriber(store::Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kColumns + " FROM subscribers WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Subscriber>();
  return std::optional<Subscriber>(read_subscriber(*q));
}

Result<std::optional<Subscriber>> find_subscriber_by_cccd(store::Connection& c, const std::string& cccd) {
  auto q = c.query(std::string("SELECT ") + kColumns +
                   " FROM subscribers WHERE cccd = $1 AND kind = 'individual' ORDER BY id LIMIT 1");
  if (!q) return fail(q.error());
  q->bind(1, cccd);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Subscriber>();
  return std::optional<Subscriber>(read_subscriber(*q));
}

Result<bool> email_held_by_other(store::Connection& c, const std::string& email, std::int64_t subscriber_id) {
  auto q = c.query("SELECT 1 FROM subscribers WHERE email = $1 AND id <> $2 LIMIT 1");
  if (!q) return fail(q.error());
  q->bind(1, email).bind(2, subscriber_id);
  auto rows = store::read_all<int>(*q, [](const store::Query&) { return 1; });
  if (!rows) return fail(rows.error());
  return !rows->empty();
}

Result<Subscriber> insert_subscriber(store::Connection& c, std::int64_t org_id, const SubjectData& raw, TimePoint now) {
  auto data = normalized(raw);
  if (!data) return fail(data.error());
  auto org = active_org(c, org_id);
  if (!org) return fail(org.error());
  auto q = c.query(
      "INSERT INTO subscribers (org_id, org_path, kind, full_name, name_fold, dob, cccd, cccd_date, cccd_place, "
      "email, position, phone, carrier, manager_name, device, mailbox_provisioned, created_at) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, org_id).bind(2, org->path).bind(3, to_string(data->kind));
  bind_subject(*q, 4, *data);
  q->bind(16, to_unix(now));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  auto s = find_subscriber(c, id);
  if (!s) return fail(s.error());
  return std::move(**s);
}

Result<std::vector<Finding>> check_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t org_id,
                                              SubjectData data) {
  auto checked = check(env, actor, org_id, std::move(data));
  if (!checked) return fail(checked.error());
  return std::move(checked->findings);
}

Result<Subscriber> create_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t org_id, SubjectData raw) {
  auto checked = check_valid(env, actor, org_id, std::move(raw));
  if (!checked) return fail(checked.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto s = insert_subscriber(**lease, org_id, checked->data, env.clock.now());
  if (!s) return fail(s.error());
  audit::AuditEvent ev{actor.login, "subscriber.create", "subscriber", std::to_string(s->id), org_id, "ok",
                       nlohmann::json{{"kind", to_string(s->data.kind)}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return s;
}

Result<Subscriber> update_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t id, std::int64_t org_id,
                                     SubjectData raw) {
  auto current = get_subscriber(env, actor, id);
  if (!current) return fail(current.error());
  if (!allowed(actor, Action::subscriber_create, current->org_path)) {
    return fail(deny(env.db, env.clock, actor, Action::subscriber_create, "subscriber", std::to_string(id),
                     current->org_id));
  }
  if (raw.kind != current->data.kind) {
    return fail(ErrorCode::invalid_input, "Không đổi được loại thuê bao (cá nhân / tổ chức)",
                "A subscriber's kind (individual / organization) cannot change", "kind");
  }
  auto checked = check_valid(env, actor, org_id, std::move(raw));
  if (!checked) return fail(checked.error());
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto held = held_certificates(**lease, id);
  if (!held) return fail(held.error());
  const TimePoint now = env.clock.now();
  for (const auto& h : *held) {
    if (h.status == "revoked" || h.not_after <= now) continue;
    return fail(ErrorCode::conflict,
                "Thuê bao đang có chứng thư số còn hiệu lực (" + h.serial +
                    "): thay đổi thông tin bằng yêu cầu thay đổi nội dung (change_info)",
                "The subscriber holds a certificate in force (" + h.serial +
                    "): change the data through a change_info request",
                "subscriber");
  }
  if (auto s = update_subscriber_data(**lease, id, org_id, checked->data); !s) return fail(s.error());
  nlohmann::json changed = nlohmann::json::array();
  const SubjectData& before = current->data;
  const SubjectData& after = checked->data;
  using Field = std::tuple<const char*, const std::string*, const std::string*>;
  const Field fields[] = {{"full_name", &before.full_name, &after.full_name},
                          {"dob", &before.dob, &after.dob},
                          {"cccd", &before.cccd, &after.cccd},
                          {"cccd_date", &before.cccd_date, &after.cccd_date},
                          {"cccd_place", &before.cccd_place, &after.cccd_place},
                          {"email", &before.email, &after.email},
                          {"position", &before.position, &after.position},
                          {"phone", &before.phone, &after.phone},
                          {"carrier", &before.carrier, &after.carrier},
                          {"manager_name", &before.manager_name, &after.manager_name},
                          {"device", &before.device, &after.device}};
  for (const auto& [name, a, b] : fields) {
    if (*a != *b) changed.push_back(name);
  }
  if (org_id != current->org_id) changed.push_back("org_id");
  audit::AuditEvent ev{actor.login, "subscriber.update", "subscriber", std::to_string(id), org_id, "ok",
                       nlohmann::json{{"changed", changed}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  auto fresh = find_subscriber(**lease, id);
  if (!fresh) return fail(fresh.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return std::move(**fresh);
}

Result<Subscriber> get_subscriber(RegistryEnv& env, const Actor& actor, std::int64_t id) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto s = find_subscriber(**lease, id);
  if (!s) return fail(s.error());
  const Error missing = Error::make(ErrorCode::not_found, "Không có thuê bao số " + std::to_string(id),
                                    "No subscriber " + std::to_string(id), "subscriber");
  if (!*s) return fail(missing);
  if (!allowed(actor, Action::subscriber_read, (*s)->org_path, (*s)->id)) {
    return fail(conceal(env.db, env.clock, actor, Action::subscriber_read, "subscriber", std::to_string(id),
                        (*s)->org_id, missing));
  }
  return std::move(**s);
}

Result<std::vector<Subscriber>> list_subscribers(RegistryEnv& env, const Actor& actor, const std::string& search,
                                                 Page page) {
  if (!allowed_somewhere(actor, Action::subscriber_read)) {
    return fail(deny(env.db, env.clock, actor, Action::subscriber_read, "subscriber", ""));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(std::string("SELECT ") + kColumns + " FROM subscribers WHERE " +
                           actor.scope_sql("org_path", "id", 1) +
                           " AND (name_fold LIKE $3 OR cccd = $4 OR email = $4) ORDER BY id LIMIT $5 OFFSET $6");
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  q->bind(3, "%" + text::fold(search) + "%").bind(4, search).bind(5, std::int64_t{page.limit});
  q->bind(6, std::int64_t{page.offset});
  return store::read_all<Subscriber>(*q, read_subscriber);
}

Status update_subscriber_data(store::Connection& c, std::int64_t id, std::int64_t org_id, const SubjectData& d) {
  auto org = existing_org(c, org_id);
  if (!org) return fail(org.error());
  auto q = c.query(
      "UPDATE subscribers SET org_id = $1, org_path = $2, full_name = $3, name_fold = $4, dob = $5, cccd = $6, "
      "cccd_date = $7, cccd_place = $8, email = $9, position = $10, phone = $11, carrier = $12, manager_name = $13, "
      "device = $14 WHERE id = $15");
  if (!q) return fail(q.error());
  q->bind(1, org_id).bind(2, org->path);
  bind_subject(*q, 3, d);
  q->bind(15, id);
  return q->run();
}

Status mark_mailbox_provisioned(store::Connection& c, std::int64_t id, const std::string& mailbox) {
  auto q = c.query(
      "UPDATE subscribers SET mailbox_provisioned = 1, email = CASE WHEN $1 = '' THEN email ELSE $1 END WHERE id = $2");
  if (!q) return fail(q.error());
  return q->bind(1, mailbox).bind(2, id).run();
}

}  // namespace ct::registry
