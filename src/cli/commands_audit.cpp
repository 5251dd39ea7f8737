// `chungthu audit verify | checkpoint | list` (SPEC §8).
#include <cstdlib>
#include <iostream>

#include "app/audit_protection.h"
#include "audit/audit_log.h"
#include "cli/commands.h"
#include "common/time_format.h"

namespace ct::cli {
namespace {

int run_verify(const GlobalOptions& g, bool json) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto r = app::verify_audit(**ctx);
  if (!r) return report(r.error());
  const std::int64_t unprotected = r->entries - r->protected_through;
  if (json) {
    nlohmann::json j{{"ok", r->ok},
                     {"entries", r->entries},
                     {"checkpoints", r->checkpoints},
                     {"protected_through", r->protected_through},
                     {"unprotected", r->ok ? nlohmann::json(unprotected) : nlohmann::json(nullptr)},
                     {"keyed_from", r->keyed_from ? nlohmann::json(*r->keyed_from) : nlohmann::json(nullptr)},
                     {"signed_head", r->signed_head ? nlohmann::json(*r->signed_head) : nlohmann::json(nullptr)}};
    if (!r->ok) {
      j["first_bad_seq"] = r->first_bad_seq ? nlohmann::json(*r->first_bad_seq) : nlohmann::json(nullptr);
      j["problem_vi"] = r->problem_vi;
      j["problem_en"] = r->problem_en;
    }
    std::cout << j.dump(2) << "\n";
  } else if (r->ok) {
    std::cout << r->entries << " mục, " << r->checkpoints << " điểm kiểm tra: chuỗi toàn vẹn / " << r->entries
              << " entries, " << r->checkpoints << " checkpoints: chain holds\n"
              << "  được bảo vệ đến mục / protected up to entry " << r->protected_through
              << " (điểm kiểm tra đã ký / signed checkpoint)\n";
    if (unprotected > 0) {
      std::cout << "  " << unprotected << " mục sau đó chưa được bảo vệ bằng chữ ký / " << unprotected
                << " entries after it not yet protected by a signature\n";
    }
    if (r->keyed_from) {
      std::cout << "  khóa chuỗi từ mục / keyed with the chain key from entry " << *r->keyed_from << "\n";
    }
    if (r->signed_head) {
      std::cout << "  đầu chuỗi đã ký ngoài cơ sở dữ liệu / signed head outside the database: entry " << *r->signed_head
                << "\n";
    } else {
      std::cout << "  chưa có đầu chuỗi đã ký ngoài cơ sở dữ liệu / no signed head outside the database yet\n";
    }
  } else {
    if (r->first_bad_seq) std::cout << "Mục hỏng đầu tiên / first bad entry: " << *r->first_bad_seq << "\n";
    std::cout << "  " << r->problem_vi << "\n"
              << "  " << r->problem_en << "\n"
              << "  được bảo vệ đến mục / protected up to entry " << r->protected_through
              << " (trước lỗi / before the failure)\n";
  }
  return r->ok ? kOk : kIntegrity;
}

int run_checkpoint(const GlobalOptions& g) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto cp = app::checkpoint_audit(**ctx, 0);
  if (!cp) return report(cp.error());
  if (!*cp) {
    std::cout << "Nhật ký kiểm toán trống / the audit log is empty\n";
  } else {
    std::cout << "Điểm kiểm tra tại mục / checkpoint at entry " << (*cp)->seq << "\t" << (*cp)->hash << "\n";
  }
  return kOk;
}

struct ListOptions {
  std::string actor, action, object;
  std::vector<std::int64_t> orgs;
  int limit = 50;
  bool json = false;
};


int run_list(const GlobalOptions& g, const ListOptions& o) {
  audit::AuditQuery q;
  if (!o.actor.empty()) q.actor = o.actor;
  if (!o.action.empty()) q.action_prefix = o.action;
  if (!o.object.empty()) {
    const auto colon = o.object.find(':');
    q.object_type = o.object.substr(0, colon);
    if (colon != std::string::npos) q.object_id = o.object.substr(colon + 1);
  }
  if (!o.orgs.empty()) q.org_ids = o.orgs;
  q.limit = o.limit;
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto lease = (*ctx)->db().acquire();
  if (!lease) return report(lease.error());
  auto entries = audit::list(**lease, q);
  if (!entries) return report(entries.error());
  if (o.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& e : *entries) out.push_back(audit::to_json(e));
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kOk;
  }
  for (const auto& e : *entries) {
    std::cout << e.seq << "\t" << timefmt::iso8601_utc(e.at) << "\t" << e.event.actor << "\t" << e.event.action
              << "\t" << e.event.object_type << ":" << e.event.object_id << "\t" << e.event.outcome << "\t"
              << e.event.details << "\n";
  }
  if (entries->empty()) std::cerr << "Không tìm thấy / nothing found\n";
  return kOk;
}

}  // namespace

std::string cli_actor() {
  for (const char* var : {"USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return std::string("cli:") + v;
  }
  return "cli:unknown";
}

void checkpoint_after_write(app::Context& ctx, bool always) {
  if (auto cp = app::checkpoint_audit(ctx, always ? 0 : audit::kCheckpointEvery); !cp) {
    std::cerr << "chungthu: cảnh báo: chưa ký được điểm kiểm tra nhật ký kiểm toán / warning: no audit checkpoint: "
              << cp.error().describe() << "\n";
  }
}

void register_audit(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* audit = app.add_subcommand("audit", "Nhật ký kiểm toán / Audit log");
  audit->require_subcommand(1);

  auto verify_json = std::make_shared<bool>(false);
  auto* verify = audit->add_subcommand("verify",
                                       "Kiểm tra chuỗi nhật ký và đến mục nào đã được bảo vệ (mã thoát 4 khi hỏng) / "
                                       "Verify the chain and say up to which entry it is protected (exit 4 and "
                                       "the first bad entry when broken)");
  verify->add_flag("--json", *verify_json, "JSON output");
  verify->callback([&rc, &g, verify_json] { rc = run_verify(g, *verify_json); });

  auto* cp = audit->add_subcommand("checkpoint", "Ký điểm kiểm tra / Sign a checkpoint of the chain head");
  cp->callback([&rc, &g] { rc = run_checkpoint(g); });

  auto lo = std::make_shared<ListOptions>();
  auto* list = audit->add_subcommand("list", "Xem nhật ký, mới nhất trước / List entries, newest first");
  list->add_option("--actor", lo->actor, "Only this actor");
  list->add_option("--action", lo->action, "Only actions starting with this (cert., cert.revoke, …)");
  list->add_option("--object", lo->object, "TYPE or TYPE:ID (certificate:0A1B…, crl:issuing/3)");
  list->add_option("--org", lo->orgs, "Only this organization id (repeatable)");
  list->add_option("--limit", lo->limit, "At most this many entries (1-10000)")->check(CLI::Range(1, 10000));
  list->add_flag("--json", lo->json, "JSON output");
  list->callback([&rc, &g, lo] { rc = run_list(g, *lo); });
}

}  // namespace ct::cli
