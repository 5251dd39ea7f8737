#include "registry/round_batch.h"

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "common/time_format.h"
#include "registry/access_policy.h"
#include "registry/form_dates.h"
#include "registry/organization.h"
#include "registry/request.h"
#include "registry/request_step.h"
#include "registry/text_fields.h"
#include "registry/validation_input.h"

namespace ct::registry {
namespace {

constexpr const char* kRoundColumns = "id, name, org_id, org_path, deadline, allow_late, created_by, created_at";
constexpr const char* kBatchColumns =
    "b.id, b.round_id, b.org_id, b.org_path, b.state, b.late, b.created_by, b.created_at, b.submitted_at, "
    "(SELECT COUNT(*) FROM requests r WHERE r.batch_id = b.id), (SELECT name FROM rounds WHERE id = b.round_id), "
    "(SELECT name FROM organizations WHERE id = b.org_id)";

Round read_round(const store::Query& q) {
  return Round{q.get_int(0), q.get_text(1), q.get_int(2), q.get_text(3), from_unix(q.get_int(4)),
               q.get_int(5) != 0, q.get_text(6), from_unix(q.get_int(7))};
}

Batch read_batch(const store::Query& q) {
  Batch b{q.get_int(0), q.get_int(1), q.get_int(2), q.get_text(3), q.get_text(4), q.get_int(5) != 0,
          q.get_text(6), from_unix(q.get_int(7)), std::nullopt, static_cast<int>(q.get_int(9)),
          q.get_opt_text(10).value_or(""), q.get_opt_text(11).value_or("")};
  b.submitted_at = q.get_opt_time(8);
  return b;
}

bool has_prefix(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

Result<std::optional<Round>> find_round(store::Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kRoundColumns + " FROM rounds WHERE id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Round>();
  return std::optional<Round>(read_round(*q));
}

Result<std::optional<Batch>> find_batch(store::Connection& c, std::int64_t id) {
  auto q = c.query(std::string("SELECT ") + kBatchColumns + " FROM batches b WHERE b.id = $1");
  if (!q) return fail(q.error());
  q->bind(1, id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Batch>();
  return std::optional<Batch>(read_batch(*q));
}

Error no_such(const char* vi, const char* en, std::int64_t id) {
  return Error::make(ErrorCode::not_found, std::string(vi) + " " + std::to_string(id),
                     std::string(en) + " " + std::to_string(id), "ID");
}

Status audit_batch(store::Connection& c, const Clock& clock, const Actor& actor, const std::string& action,
                   const Batch& b, const nlohmann::json& details) {
  audit::AuditEvent ev{actor.login, action, "batch", std::to_string(b.id), b.org_id, "ok", details.dump()};
  if (auto a = audit::append(c, clock, ev); !a) return fail(a.error());
  return {};
}

// Who may see a batch: its managers, the registration office, the readers of its requests.
bool batch_visible(const Actor& actor, std::string_view path) {
  return allowed(actor, Action::batch_manage, path) || allowed(actor, Action::request_approve, path) ||
         allowed(actor, Action::request_read, path);
}

// Loads a batch the actor may manage, inside its transaction; nullopt org when denied, and
// whether the actor may at least see it (else the denial answers as for no such batch).
struct Loaded {
  std::optional<Batch> batch;
  std::optional<std::int64_t> denied_org;
  bool visible = true;
};

Result<Loaded> load_managed(store::Connection& c, const Actor& actor, std::int64_t id) {
  auto b = find_batch(c, id);
  if (!b) return fail(b.error());
  if (!*b) return fail(no_such("Không có danh sách số", "No batch", id));
  if (!allowed(actor, Action::batch_manage, (*b)->org_path)) {
    return Loaded{std::nullopt, (*b)->org_id, batch_visible(actor, (*b)->org_path)};
  }
  return Loaded{std::move(*b), std::nullopt, true};
}

// Who was refused: the object named in the denial's audit entry and its organization.
struct Denied {
  std::string object, id;
  std::optional<std::int64_t> org;
  bool hidden = false;  // the batch itself is out of sight: answered as no such batch
};

// Changes the membership of an open batch the actor manages, all in one transaction: `change`
// runs on the loaded batch and answers a denial (nothing is then committed) or nullopt. Returns
// the batch as it is afterwards.
template <typename F>
Result<Batch> change_open_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id, const std::string& why_vi,
                                const std::string& why_en, F change) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  Denied denied{"batch", std::to_string(batch_id), std::nullopt};
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto loaded = load_managed(**lease, actor, batch_id);
    if (!loaded) return fail(loaded.error());
    if (!loaded->batch) {
      denied.org = loaded->denied_org;
      denied.hidden = !loaded->visible;
    } else {
      const Batch& b = *loaded->batch;
      if (b.state != "open") {
        return fail(ErrorCode::conflict, "Danh sách " + std::to_string(b.id) + " đã gửi, " + why_vi,
                    "Batch " + std::to_string(b.id) + " was submitted; " + why_en, "BATCH_ID");
      }
      Result<std::optional<Denied>> refused = change(**lease, b);
      if (!refused) return fail(refused.error());
      if (!*refused) {
        auto fresh = find_batch(**lease, batch_id);
        if (!fresh) return fail(fresh.error());
        if (auto c = tx->commit(); !c) return fail(c.error());
        return std::move(**fresh);
      }
      denied = std::move(**refused);
    }
  }
  if (denied.hidden) {
    return fail(conceal(env.db, env.clock, actor, Action::batch_manage, denied.object, denied.id, denied.org,
                        no_such("Không có danh sách số", "No batch", batch_id)));
  }
  return fail(deny(env.db, env.clock, actor, Action::batch_manage, denied.object, denied.id, denied.org));
}

}  // namespace

nlohmann::json to_json(const Round& r) {
  return nlohmann::json{{"id", r.id},
                        {"name", r.name},
                        {"org_id", r.org_id},
                        {"deadline", timefmt::vn_date(r.deadline - std::chrono::seconds{1})},
                        {"allow_late", r.allow_late},
                        {"created_by", r.created_by},
                        {"created_at", timefmt::iso8601_utc(r.created_at)}};
}

nlohmann::json to_json(const Batch& b) {
  nlohmann::json j{{"id", b.id},       {"round_id", b.round_id},     {"round_name", b.round_name},
                   {"org_id", b.org_id}, {"org_name", b.org_name},   {"state", b.state},
                   {"late", b.late},   {"created_by", b.created_by}, {"requests", b.requests},
                   {"created_at", timefmt::iso8601_utc(b.created_at)}};
  if (b.submitted_at) j["submitted_at"] = timefmt::iso8601_utc(*b.submitted_at);
  return j;
}

Result<std::optional<Round>> find_round_by_id(store::Connection& c, std::int64_t id) { return find_round(c, id); }

Result<std::optional<Batch>> find_batch_by_id(store::Connection& c, std::int64_t id) { return find_batch(c, id); }

Result<std::vector<Round>> rounds_due(store::Connection& c, TimePoint from, TimePoint until) {
  auto q = c.query(std::string("SELECT ") + kRoundColumns +
                   " FROM rounds WHERE deadline > $1 AND deadline <= $2 ORDER BY deadline, id");
  if (!q) return fail(q.error());
  q->bind(1, to_unix(from)).bind(2, to_unix(until));
  return store::read_all<Round>(*q, read_round);
}

Result<std::vector<std::int64_t>> round_units_not_submitted(store::Connection& c, const Round& r) {
  auto q = c.query(
      "SELECT DISTINCT o.id FROM organizations o JOIN users u ON u.org_id = o.id AND u.role = 'unit_manager' AND "
      "u.active = 1 WHERE o.path LIKE $1 || '%' AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.org_path LIKE "
      "o.path || '%' AND q.submitted_at IS NOT NULL AND q.submitted_at >= $2) ORDER BY o.id");
  if (!q) return fail(q.error());
  q->bind(1, r.org_path).bind(2, to_unix(r.created_at));
  return store::read_all<std::int64_t>(*q, [](const store::Query& row) { return row.get_int(0); });
}

Result<Round> open_round(RegistryEnv& env, const Actor& actor, const NewRound& n) {
  auto name = clean_text(n.name, "--name", 200, true);
  if (!name) return fail(name.error());
  auto day = parse_vn_date(n.deadline);
  if (!day) {
    return fail(ErrorCode::invalid_input, "Hạn chót phải viết dạng dd/MM/yyyy: " + n.deadline,
                "The deadline must be written dd/MM/yyyy: " + n.deadline, "--deadline");
  }
  const TimePoint deadline =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::sys_seconds{*day + std::chrono::days{1}} - timefmt::kVietnamOffset);
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  std::optional<std::int64_t> org_id = n.org_id ? n.org_id : actor.org_id;
  if (!org_id) {
    auto q = (*lease)->query("SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1");
    if (!q) return fail(q.error());
    auto row = q->step();
    if (!row) return fail(row.error());
    if (*row) org_id = q->get_int(0);
  }
  if (!org_id) return fail(ErrorCode::invalid_input, "Chưa có cơ quan nào", "There is no organization yet", "--org");
  auto org = find_organization(**lease, *org_id);
  if (!org) return fail(org.error());
  if (!*org) return fail(no_such("Không có cơ quan số", "No organization", *org_id));
  if (!allowed(actor, Action::round_open, (*org)->path)) {
    if (!allowed(actor, Action::org_read, (*org)->path)) {
      return fail(conceal(env.db, env.clock, actor, Action::round_open, "round", "", *org_id,
                          no_such("Không có cơ quan số", "No organization", *org_id)));
    }
    return fail(deny(env.db, env.clock, actor, Action::round_open, "round", "", *org_id));
  }
  if (deadline <= env.clock.now()) {
    return fail(ErrorCode::invalid_input, "Hạn chót đã qua: " + n.deadline, "The deadline has passed: " + n.deadline,
                "--deadline");
  }
  Round r{0, *name, *org_id, (*org)->path, deadline, n.allow_late.value_or(env.settings.allow_late), actor.login,
          env.clock.now()};
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto q = (*lease)->query(
      "INSERT INTO rounds (name, org_id, org_path, deadline, allow_late, created_by, created_at) VALUES ($1, $2, $3, "
      "$4, $5, $6, $7) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, r.name).bind(2, r.org_id).bind(3, r.org_path).bind(4, to_unix(r.deadline));
  q->bind(5, std::int64_t{r.allow_late ? 1 : 0}).bind(6, r.created_by).bind(7, to_unix(r.created_at));
  auto row = q->step();
  if (!row) return fail(row.error());
  r.id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  audit::AuditEvent ev{actor.login, "round.open", "round", std::to_string(r.id), r.org_id, "ok",
                       nlohmann::json{{"name", r.name}, {"deadline", to_unix(r.deadline)}, {"allow_late", r.allow_late}}.dump()};
  if (auto a = audit::append(**lease, env.clock, ev); !a) return fail(a.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return r;
}

Result<std::vector<Round>> list_rounds(RegistryEnv& env, const Actor& actor, Page page) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  // A round is visible to those it covers and to those whose subtree holds it.
  auto q = (*lease)->query(std::string("SELECT ") + kRoundColumns +
                           " FROM rounds WHERE ($1 LIKE org_path || '%' OR org_path LIKE $2) ORDER BY id DESC "
                           "LIMIT $3 OFFSET $4");
  if (!q) return fail(q.error());
  const std::string mine = is_scoped(actor.role) ? actor.org_path : std::string("/");
  q->bind(1, mine.empty() ? "/nothing/" : mine).bind(2, is_scoped(actor.role) ? actor.path_pattern() : "%");
  q->bind(3, std::int64_t{page.limit}).bind(4, std::int64_t{page.offset});
  return store::read_all<Round>(*q, read_round);
}

Result<Batch> create_batch(RegistryEnv& env, const Actor& actor, std::int64_t round_id) {
  if (!allowed_somewhere(actor, Action::batch_manage) || !actor.org_id) {
    return fail(deny(env.db, env.clock, actor, Action::batch_manage, "round", std::to_string(round_id)));
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto round = find_round(**lease, round_id);
  if (!round) return fail(round.error());
  if (!*round) return fail(no_such("Không có đợt đăng ký số", "No round", round_id));
  if (!has_prefix(actor.org_path, (*round)->org_path) && !has_prefix((*round)->org_path, actor.org_path)) {
    return fail(conceal(env.db, env.clock, actor, Action::batch_manage, "round", std::to_string(round_id),
                        (*round)->org_id, no_such("Không có đợt đăng ký số", "No round", round_id)));
  }
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto q = (*lease)->query(
      "INSERT INTO batches (round_id, org_id, org_path, state, late, created_by, created_at) VALUES ($1, $2, $3, "
      "'open', 0, $4, $5) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, round_id).bind(2, *actor.org_id).bind(3, actor.org_path).bind(4, actor.login);
  q->bind(5, to_unix(env.clock.now()));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  auto b = find_batch(**lease, id);
  if (!b) return fail(b.error());
  if (auto s = audit_batch(**lease, env.clock, actor, "batch.create", **b, {{"round_id", round_id}}); !s) return fail(s.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return std::move(**b);
}

Result<Batch> get_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto b = find_batch(**lease, batch_id);
  if (!b) return fail(b.error());
  if (!*b) return fail(no_such("Không có danh sách số", "No batch", batch_id));
  if (!batch_visible(actor, (*b)->org_path)) {
    return fail(conceal(env.db, env.clock, actor, Action::request_read, "batch", std::to_string(batch_id),
                        (*b)->org_id, no_such("Không có danh sách số", "No batch", batch_id)));
  }
  return std::move(**b);
}

Result<std::vector<Batch>> list_batches(RegistryEnv& env, const Actor& actor, const BatchFilter& f, Page page) {
  if (!allowed_somewhere(actor, Action::batch_read)) {
    return fail(deny(env.db, env.clock, actor, Action::batch_read, "batch", ""));
  }
  if (f.state && *f.state != "open" && *f.state != "submitted") {
    return fail(ErrorCode::invalid_input, "Trạng thái danh sách phải là open hoặc submitted: " + *f.state,
                "A batch's state is open or submitted: " + *f.state, "state");
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(std::string("SELECT ") + kBatchColumns + " FROM batches b WHERE " +
                           actor.scope_sql("b.org_path", "", 1) +
                           " AND ($3 = 0 OR b.round_id = $3) AND ($4 = '' OR b.state = $4) "
                           "ORDER BY b.id DESC LIMIT $5 OFFSET $6");
  if (!q) return fail(q.error());
  actor.bind_scope(*q, 1);
  q->bind(3, f.round_id.value_or(0)).bind(4, f.state.value_or("")).bind(5, std::int64_t{page.limit});
  q->bind(6, std::int64_t{page.offset});
  return store::read_all<Batch>(*q, read_batch);
}

Result<Batch> add_to_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                           const std::vector<std::int64_t>& ids) {
  return change_open_batch(
      env, actor, batch_id, "không thêm được", "nothing can be added",
      [&](store::Connection& c, const Batch& b) -> Result<std::optional<Denied>> {
        for (std::int64_t id : ids) {
          auto found = find_request(c, id);
          if (!found) return fail(found.error());
          if (!*found) return fail(no_such("Không có yêu cầu số", "No request", id));
          Request r = std::move(**found);
          if (!allowed(actor, Action::batch_manage, r.org_path) || !has_prefix(r.org_path, b.org_path)) {
            return Denied{"request", std::to_string(id), r.org_id};
          }
          if (r.state != RequestState::submitted || (r.batch_id && *r.batch_id != b.id)) {
            return fail(ErrorCode::conflict,
                        "Yêu cầu " + std::to_string(id) + " phải ở trạng thái submitted và chưa thuộc danh sách khác",
                        "Request " + std::to_string(id) + " must be submitted and in no other batch", "REQUEST_ID");
          }
          r.batch_id = b.id;
          if (auto s = record_transition(c, env.clock, actor.login, r, r.state, r.state, "batch_add",
                                         "danh sách / batch " + std::to_string(b.id));
              !s) {
            return fail(s.error());
          }
        }
        return std::optional<Denied>();
      });
}

Result<Batch> remove_from_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id,
                                const std::vector<std::int64_t>& ids) {
  return change_open_batch(
      env, actor, batch_id, "không bỏ bớt được", "nothing can be taken off",
      [&](store::Connection& c, const Batch& b) -> Result<std::optional<Denied>> {
        for (std::int64_t id : ids) {
          auto found = find_request(c, id);
          if (!found) return fail(found.error());
          if (!*found || (*found)->batch_id != b.id) {
            return fail(ErrorCode::not_found,
                        "Danh sách " + std::to_string(b.id) + " không có yêu cầu số " + std::to_string(id),
                        "Batch " + std::to_string(b.id) + " has no request " + std::to_string(id), "REQUEST_ID");
          }
          Request r = std::move(**found);
          r.batch_id.reset();
          if (auto s = record_transition(c, env.clock, actor.login, r, r.state, r.state, "batch_remove",
                                         "danh sách / batch " + std::to_string(b.id));
              !s) {
            return fail(s.error());
          }
        }
        return std::optional<Denied>();
      });
}

Result<Batch> submit_batch(RegistryEnv& env, const Actor& actor, std::int64_t batch_id, const std::string& comment,
                           std::vector<BlockedRequest>* blocked_out) {
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  std::optional<std::int64_t> denied_org;
  bool hidden = false;
  {
    auto tx = store::Transaction::begin(**lease);
    if (!tx) return fail(tx.error());
    auto loaded = load_managed(**lease, actor, batch_id);
    if (!loaded) return fail(loaded.error());
    if (loaded->batch) {
      Batch b = *loaded->batch;
      if (b.state != "open") {
        return fail(ErrorCode::conflict, "Danh sách " + std::to_string(b.id) + " đã được gửi",
                    "Batch " + std::to_string(b.id) + " was already submitted", "BATCH_ID");
      }
      auto round = find_round(**lease, b.round_id);
      if (!round) return fail(round.error());
      if (!*round) return fail(no_such("Không có đợt đăng ký số", "No round", b.round_id));
      const TimePoint now = env.clock.now();
      const bool late = now >= (*round)->deadline;
      const std::string deadline_text = timefmt::vn_date((*round)->deadline - std::chrono::seconds{1});
      if (late && !(*round)->allow_late) {
        return fail(ErrorCode::conflict,
                    "Đã quá hạn chót " + deadline_text + " của đợt '" + (*round)->name + "'; đợt không nhận nộp muộn",
                    "The deadline " + deadline_text + " of round '" + (*round)->name +
                        "' has passed; the round does not accept late entries",
                    "round");
      }
      RequestFilter filter;
      filter.batch_id = b.id;
      auto requests = query_requests(**lease, Actor::system("batch"), filter, now, Page{100000, 0});
      if (!requests) return fail(requests.error());
      std::string blocked;
      int forwarded = 0;
      for (Request& r : *requests) {
        if (r.state != RequestState::submitted) continue;
        auto findings = evaluate_request(**lease, r, env.settings, now);
        if (!findings) return fail(findings.error());
        r.findings = *findings;
        if (has_errors(r.findings)) {
          blocked += (blocked.empty() ? "" : ", ") + std::to_string(r.id);
          if (blocked_out) blocked_out->push_back({r.id, r.findings});
          continue;
        }
        r.late = late;
        r.due_at = env.calendar.deadline(now, env.settings.decision_working_days);
        const std::string note = comment + (late ? std::string(comment.empty() ? "" : " ") + "(nộp muộn / late)" : "");
        if (auto s = record_transition(**lease, env.clock, actor.login, r, RequestState::submitted,
                                       RequestState::forwarded, "forward", note);
            !s) {
          return fail(s.error());
        }
        ++forwarded;
      }
      if (!blocked.empty()) {
        return fail(ErrorCode::invalid_input, "Các yêu cầu còn lỗi, hãy sửa hoặc trả lại trước khi gửi: " + blocked,
                    "These requests have errors; fix or return them before submitting: " + blocked, "requests");
      }
      if (forwarded == 0) {
        return fail(ErrorCode::invalid_input, "Danh sách không có yêu cầu nào để gửi",
                    "The batch has no request to submit", "BATCH_ID");
      }
      auto up = (*lease)->query("UPDATE batches SET state = 'submitted', late = $1, submitted_at = $2 WHERE id = $3");
      if (!up) return fail(up.error());
      if (auto s = up->bind(1, std::int64_t{late ? 1 : 0}).bind(2, to_unix(now)).bind(3, b.id).run(); !s) return fail(s.error());
      auto fresh = find_batch(**lease, batch_id);
      if (!fresh) return fail(fresh.error());
      if (auto s = audit_batch(**lease, env.clock, actor, "batch.submit", **fresh,
                               {{"requests", forwarded}, {"late", late}, {"round_id", b.round_id}});
          !s) {
        return fail(s.error());
      }
      if (auto c = tx->commit(); !c) return fail(c.error());
      return std::move(**fresh);
    }
    denied_org = loaded->denied_org;
    hidden = !loaded->visible;
  }
  if (hidden) {
    return fail(conceal(env.db, env.clock, actor, Action::batch_manage, "batch", std::to_string(batch_id), denied_org,
                        no_such("Không có danh sách số", "No batch", batch_id)));
  }
  return fail(deny(env.db, env.clock, actor, Action::batch_manage, "batch", std::to_string(batch_id), denied_org));
}

}  // namespace ct::registry
