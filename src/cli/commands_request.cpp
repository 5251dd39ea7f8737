// chungthu request …: requests of the seven types and their workflow (SPEC §3, §4).
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/text.h"
#include "common/time_format.h"
#include "registry/request_workflow.h"

namespace ct::cli {
namespace {

constexpr std::size_t kMaxCsr = 64 * 1024;
constexpr std::size_t kMaxAttachmentFile = 100 * 1024 * 1024;

Result<std::vector<registry::NewAttachment>> read_attachments(const std::vector<std::string>& specs) {
  std::vector<registry::NewAttachment> out;
  for (const auto& spec : specs) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
      return fail(ErrorCode::invalid_input, "--attach cần dạng LOẠI=TỆP: " + spec, "--attach takes KIND=FILE: " + spec,
                  "--attach");
    }
    const std::string path = spec.substr(eq + 1);
    auto bytes = read_file(path, kMaxAttachmentFile);
    if (!bytes) return fail(bytes.error().within("--attach"));
    out.push_back({spec.substr(0, eq), std::filesystem::path(path).filename().string(), std::move(*bytes)});
  }
  return out;
}

Result<std::string> read_csr(const std::optional<std::string>& path) {
  if (!path) return std::string();
  auto bytes = read_file(*path, kMaxCsr);
  if (!bytes) return fail(bytes.error().within("--csr"));
  return std::string(bytes->begin(), bytes->end());
}

void print_findings(const std::vector<registry::Finding>& fs) {
  if (fs.empty()) return;
  std::cout << "Kết quả kiểm tra / Findings:\n" << registry::describe(fs);
}

const char* next_step(const registry::Request& r) {
  using registry::RequestState;
  switch (r.state) {
    case RequestState::draft:
    case RequestState::returned:
      return registry::has_errors(r.findings) ? "Sửa các lỗi rồi gửi / fix the errors, then: chungthu request submit"
                                              : "Tiếp theo / next: chungthu request submit ID --as LOGIN";
    case RequestState::submitted: return "Chờ đầu mối tổng hợp lập danh sách / waiting for the aggregator's batch";
    case RequestState::forwarded: return "Chờ cơ quan tiếp nhận phê duyệt / waiting for the registration office";
    case RequestState::approved:
      return r.awaiting == "device" ? "Chờ chức năng thiết bị (PKCS#11) / waiting for the device support (PKCS#11)"
                                    : "Chờ CA thực hiện / queued for the CA: chungthu worker run";
    case RequestState::failed: return "CA thực hiện lỗi; thử lại / the CA operation failed: chungthu request retry";
    default: return "";
  }
}

void print_result(const registry::Request& r, bool json, TimePoint now) {
  if (json) {
    std::cout << registry::to_json(r, now).dump(2) << "\n";
    return;
  }
  std::cout << r.id << "\t" << to_string(r.state) << "\n";
  print_findings(r.findings);
  if (const char* hint = next_step(r); *hint != '\0') std::cout << hint << "\n";
}

struct Transition {
  std::optional<std::string> as;
  std::int64_t id = 0;
  std::string comment;
  std::vector<std::string> fields;
  bool json = false;
};

void add_transition(CLI::App* request, GlobalOptions& g, int& rc, const char* name, const char* help,
                    std::function<Result<registry::Request>(registry::RequestWorkflow&, const registry::Actor&,
                                                            const Transition&)>
                        run) {
  auto t = std::make_shared<Transition>();
  auto* cmd = request->add_subcommand(name, help);
  cmd->add_option("ID", t->id, "Request id")->required();
  cmd->add_option("--as", t->as, "Acting user")->required();
  cmd->add_option("--comment", t->comment, "Comment (the reason, for return and reject)");
  if (std::string(name) == "return") {
    cmd->add_option("--field", t->fields, "FIELD=REASON: what to fix in a field (repeatable)");
  }
  cmd->add_flag("--json", t->json, "Print the request as JSON");
  cmd->callback([&rc, &g, t, run] {
    rc = with_actor(g, t->as, false, [&](RegistryCall& call) {
      registry::RequestWorkflow wf(call.env);
      auto r = run(wf, call.actor, *t);
      if (!r) return report(r.error());
      print_result(*r, t->json, call.env.clock.now());
      return int{kOk};
    });
  });
}

struct Create {
  std::optional<std::string> as, csr, new_name, new_email, new_position, new_phone;
  std::optional<std::int64_t> new_org;
  std::string type, cert, reason, mailbox, note;
  std::int64_t subscriber = 0;
  std::vector<std::string> attach;
  bool json = false;
};

struct Edit {
  std::optional<std::string> as, csr, reason, mailbox, note, email, phone, position, name, cert;
  std::optional<std::int64_t> new_org;
  std::int64_t id = 0;
  std::vector<std::string> attach;
  std::vector<std::int64_t> detach;
  bool json = false;
};

void print_view(const registry::RequestView& v, TimePoint now) {
  const auto& r = v.request;
  std::cout << "Yêu cầu / Request:       " << r.id << " (" << to_string(r.type) << " — " << registry::label_vi(r.type)
            << (registry::form_of(r.type, r.form.subject.kind == registry::SubjectKind::organization).empty()
                    ? std::string()
                    : ", " + registry::form_of(r.type, r.form.subject.kind == registry::SubjectKind::organization))
            << ")\n"
            << "Trạng thái / State:      " << to_string(r.state) << (r.late ? " [nộp muộn / late]" : "")
            << (registry::is_overdue(r, now) ? " [QUÁ HẠN / OVERDUE]" : "") << "\n"
            << "Thuê bao / Subscriber:   " << r.subscriber_id << " " << r.form.subject.full_name << " <"
            << r.form.subject.email << ">\n";
  if (!r.cert_serial.empty()) std::cout << "Chứng thư / Certificate: " << r.cert_serial << "\n";
  if (!r.form.ground.empty()) std::cout << "Lý do / Ground:          " << r.form.ground << "\n";
  if (r.due_at) std::cout << "Hạn quyết định / Due:    " << timefmt::vn_date(*r.due_at - std::chrono::seconds{1}) << "\n";
  if (r.batch_id) std::cout << "Danh sách / Batch:       " << *r.batch_id << "\n";
  if (!r.result_serial.empty()) std::cout << "Đã cấp / Issued serial:  " << r.result_serial << "\n";
  if (!v.approvals.empty()) {
    std::cout << "Phê duyệt / Approvals:   ";
    for (const auto& a : v.approvals) std::cout << a << " ";
    std::cout << "\n";
  }
  for (const auto& a : v.attachments) {
    std::cout << "Đính kèm / Attachment:   " << a.kind << ": " << a.name << " (" << a.media_type << ", " << a.size
              << " B, sha256 " << a.sha256.substr(0, 16) << "…)\n";
  }
  print_findings(r.findings);
  std::cout << "Diễn biến / Timeline:\n";
  for (const auto& e : v.timeline) {
    std::cout << "  " << timefmt::vn_datetime(e.at) << "  " << e.actor << "  " << e.action << "  " << e.from_state
              << " → " << e.to_state << (e.comment.empty() ? "" : "  «" + e.comment + "»") << "\n";
    for (const auto& [field, why] : e.field_reasons) std::cout << "      " << field << ": " << why << "\n";
  }
  if (!v.device_events.empty()) std::cout << "Thiết bị / Devices:\n";
  for (const auto& d : v.device_events) {
    std::cout << "  " << timefmt::vn_datetime(d.event.at) << "  " << d.event.actor << "  " << d.device_serial << "  "
              << (d.event.from ? registry::to_string(*d.event.from) : "-") << " → " << registry::to_string(d.event.to)
              << "  " << d.event.note << "\n";
  }
  if (const char* hint = next_step(r); *hint != '\0') std::cout << hint << "\n";
}

}  // namespace

void register_request(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* request = app.add_subcommand(
      "request", "Yêu cầu / Requests (" + text::join(registry::request_type_codes(), ", ") + ")");
  request->require_subcommand(1);

  auto c = std::make_shared<Create>();
  auto* create = request->add_subcommand("create", "Tạo yêu cầu nháp (in ra số hiệu) / Create a draft (prints its id)");
  create->add_option("--as", c->as, "Acting user")->required();
  create->add_option("--type", c->type, text::join(registry::request_type_codes(), " | "))->required();
  create->add_option("--subscriber", c->subscriber, "Subscriber id")->required();
  create->add_option("--cert", c->cert,
                     "Serial of the certificate concerned (" + registry::types_naming_certificate() + ")");
  create->add_option("--reason", c->reason, "Ground: " + registry::grounds_help());
  create->add_option("--csr", c->csr, "PKCS#10 file (the key; its subject is ignored)");
  create->add_option("--attach", c->attach, "KIND=FILE (request_letter, appointment_decision, seal_registration, "
                                            "superior_confirmation, other; PDF/PNG/JPEG; repeatable)");
  create->add_option("--mailbox", c->mailbox, "mailbox: the requested official address");
  create->add_option("--note", c->note, "Note");
  create->add_option("--new-name", c->new_name, "change_info: new full name");
  create->add_option("--new-email", c->new_email, "change_info: new official e-mail");
  create->add_option("--new-position", c->new_position, "change_info: new position");
  create->add_option("--new-phone", c->new_phone, "change_info: new phone");
  create->add_option("--new-org", c->new_org, "change_info: the new organization (ORG_ID)");
  create->add_flag("--json", c->json, "Print the request as JSON");
  create->callback([&rc, &g, c] {
    rc = with_actor(g, c->as, false, [&](RegistryCall& call) {
      auto type = registry::parse_request_type(c->type);
      if (!type) return report(type.error().within("--type"));
      auto csr = read_csr(c->csr);
      if (!csr) return report(csr.error());
      auto atts = read_attachments(c->attach);
      if (!atts) return report(atts.error());
      registry::NewRequest n;
      n.type = *type;
      n.subscriber_id = c->subscriber;
      n.cert_serial = c->cert;
      n.ground = c->reason;
      n.csr_pem = *csr;
      n.mailbox = c->mailbox;
      n.note = c->note;
      n.new_name = c->new_name;
      n.new_email = c->new_email;
      n.new_position = c->new_position;
      n.new_phone = c->new_phone;
      n.new_org_id = c->new_org;
      n.attachments = std::move(*atts);
      registry::RequestWorkflow wf(call.env);
      auto r = wf.create(call.actor, n);
      if (!r) return report(r.error());
      if (c->json) {
        std::cout << registry::to_json(*r, call.env.clock.now()).dump(2) << "\n";
        return int{kOk};
      }
      std::cout << r->id << "\n";
      print_findings(r->findings);
      std::cerr << next_step(*r) << "\n";
      return int{kOk};
    });
  });

  auto e = std::make_shared<Edit>();
  auto* edit = request->add_subcommand("edit", "Sửa yêu cầu nháp hoặc bị trả lại / Edit a draft or returned request");
  edit->add_option("ID", e->id)->required();
  edit->add_option("--as", e->as, "Acting user")->required();
  edit->add_option("--csr", e->csr, "Replace the CSR (file)");
  edit->add_option("--attach", e->attach, "KIND=FILE (repeatable)");
  edit->add_option("--detach", e->detach, "Take off the document ATTACHMENT_ID (repeatable)");
  edit->add_option("--reason", e->reason, "Ground");
  edit->add_option("--mailbox", e->mailbox, "Requested mailbox");
  edit->add_option("--note", e->note, "Note");
  edit->add_option("--email", e->email, "Official e-mail");
  edit->add_option("--phone", e->phone, "Phone");
  edit->add_option("--position", e->position, "Position");
  edit->add_option("--name", e->name, "Full name");
  edit->add_option("--cert", e->cert, "Serial of the certificate concerned");
  edit->add_option("--new-org", e->new_org, "change_info: the new organization (ORG_ID; 0 = stay)");
  edit->add_flag("--json", e->json, "Print the request as JSON");
  edit->callback([&rc, &g, e] {
    rc = with_actor(g, e->as, false, [&](RegistryCall& call) {
      registry::RequestEdit ed;
      if (e->csr) {
        auto csr = read_csr(e->csr);
        if (!csr) return report(csr.error());
        ed.csr_pem = *csr;
      }
      auto atts = read_attachments(e->attach);
      if (!atts) return report(atts.error());
      ed.attachments = std::move(*atts);
      ed.remove_attachments = e->detach;
      ed.ground = e->reason;
      ed.mailbox = e->mailbox;
      ed.note = e->note;
      ed.email = e->email;
      ed.phone = e->phone;
      ed.position = e->position;
      ed.name = e->name;
      ed.cert_serial = e->cert;
      ed.new_org_id = e->new_org;
      registry::RequestWorkflow wf(call.env);
      auto r = wf.edit(call.actor, e->id, ed);
      if (!r) return report(r.error());
      print_result(*r, e->json, call.env.clock.now());
      return int{kOk};
    });
  });

  using WF = registry::RequestWorkflow;
  using A = registry::Actor;
  add_transition(request, g, rc, "submit", "Gửi yêu cầu / Submit",
                 [](WF& wf, const A& a, const Transition& t) { return wf.submit(a, t.id, t.comment); });
  add_transition(request, g, rc, "approve", "Phê duyệt / Approve (queues the CA operation)",
                 [](WF& wf, const A& a, const Transition& t) { return wf.approve(a, t.id, t.comment); });
  add_transition(request, g, rc, "return", "Trả lại kèm lý do / Return with reasons",
                 [](WF& wf, const A& a, const Transition& t) -> Result<registry::Request> {
                   std::map<std::string, std::string> reasons;
                   for (const auto& f : t.fields) {
                     const auto eq = f.find('=');
                     if (eq == std::string::npos || eq == 0) {
                       return fail(ErrorCode::invalid_input, "--field cần dạng TRƯỜNG=LÝ DO: " + f,
                                   "--field takes FIELD=REASON: " + f, "--field");
                     }
                     reasons[f.substr(0, eq)] = f.substr(eq + 1);
                   }
                   return wf.return_to_submitter(a, t.id, t.comment, reasons);
                 });
  add_transition(request, g, rc, "reject", "Từ chối / Reject (final)",
                 [](WF& wf, const A& a, const Transition& t) { return wf.reject(a, t.id, t.comment); });
  add_transition(request, g, rc, "cancel", "Hủy / Cancel (final)",
                 [](WF& wf, const A& a, const Transition& t) { return wf.cancel(a, t.id, t.comment); });
  add_transition(request, g, rc, "retry", "Thực hiện lại thao tác CA bị lỗi / Retry a failed CA operation",
                 [](WF& wf, const A& a, const Transition& t) { return wf.retry(a, t.id, t.comment); });

  struct List {
    std::optional<std::string> as, state;
    bool overdue = false, json = false;
    int limit = 100, offset = 0;
    std::optional<std::int64_t> batch;
  };
  auto l = std::make_shared<List>();
  auto* list = request->add_subcommand("list", "Liệt kê yêu cầu trong phạm vi / List requests in scope (newest first)");
  list->add_option("--as", l->as, "Acting user")->required();
  list->add_option("--state", l->state, "Only this state");
  list->add_flag("--overdue", l->overdue, "Only requests past their decision deadline");
  list->add_option("--batch", l->batch, "Only this batch");
  list->add_option("--limit", l->limit)->check(CLI::Range(1, 1000));
  list->add_option("--offset", l->offset)->check(CLI::Range(0, 100000000));
  list->add_flag("--json", l->json, "JSON output");
  list->callback([&rc, &g, l] {
    rc = with_actor(g, l->as, false, [&](RegistryCall& call) {
      registry::RequestFilter f;
      if (l->state) {
        auto s = registry::parse_request_state(*l->state);
        if (!s) return report(s.error().within("--state"));
        f.state = *s;
      }
      f.overdue_only = l->overdue;
      f.batch_id = l->batch;
      registry::RequestWorkflow wf(call.env);
      auto rs = wf.list(call.actor, f, {l->limit, l->offset});
      if (!rs) return report(rs.error());
      const TimePoint now = call.env.clock.now();
      if (l->json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& r : *rs) out.push_back(registry::to_json(r, now));
        std::cout << out.dump(2) << "\n";
        return int{kOk};
      }
      for (const auto& r : *rs) {
        std::cout << r.id << "\t" << to_string(r.type) << "\t" << to_string(r.state) << "\t" << r.form.subject.full_name
                  << "\t" << (r.due_at ? timefmt::vn_date(*r.due_at - std::chrono::seconds{1}) : "-")
                  << (registry::is_overdue(r, now) ? "\tQUÁ HẠN/OVERDUE" : "") << "\n";
      }
      if (rs->empty()) std::cerr << "Không có yêu cầu nào / no requests\n";
      return int{kOk};
    });
  });

  auto s = std::make_shared<std::pair<std::optional<std::string>, std::int64_t>>();
  auto show_json = std::make_shared<bool>(false);
  auto* show = request->add_subcommand("show", "Xem yêu cầu: trạng thái, kiểm tra, diễn biến / Show a request");
  show->add_option("ID", s->second)->required();
  show->add_option("--as", s->first, "Acting user")->required();
  show->add_flag("--json", *show_json, "JSON output");
  show->callback([&rc, &g, s, show_json] {
    rc = with_actor(g, s->first, false, [&](RegistryCall& call) {
      registry::RequestWorkflow wf(call.env);
      auto v = wf.show(call.actor, s->second);
      if (!v) return report(v.error());
      const TimePoint now = call.env.clock.now();
      if (!*show_json) {
        print_view(*v, now);
        return int{kOk};
      }
      auto j = registry::to_json(v->request, now);
      j["timeline"] = nlohmann::json::array();
      for (const auto& ev : v->timeline) j["timeline"].push_back(registry::to_json(ev));
      j["attachments"] = nlohmann::json::array();
      for (const auto& a : v->attachments) {
        j["attachments"].push_back({{"kind", a.kind}, {"name", a.name}, {"sha256", a.sha256}, {"size", a.size},
                                    {"media_type", a.media_type}});
      }
      j["approvals"] = v->approvals;
      j["device_events"] = nlohmann::json::array();
      for (const auto& e : v->device_events) j["device_events"].push_back(registry::to_json(e));
      std::cout << j.dump(2) << "\n";
      return int{kOk};
    });
  });
}

}  // namespace ct::cli
