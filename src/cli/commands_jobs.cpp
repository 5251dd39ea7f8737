// chungthu jobs run [--once] | jobs list [--json]: the scheduler's periodic jobs
// (app/scheduler.h, app/installation_jobs.h) from the command line, for cron and operators.
#include <iostream>
#include <map>
#include <thread>

#include "app/installation_jobs.h"
#include "app/scheduler.h"
#include "cli/commands.h"
#include "common/time_format.h"
#include "store/scheduled_jobs.h"

namespace ct::cli {
namespace {

std::string outcome_text(const app::JobOutcome& o) {
  switch (o.kind) {
    case app::JobOutcome::Kind::ran: return "xong / done";
    case app::JobOutcome::Kind::held_elsewhere:
      return "bỏ qua, đang chạy ở tiến trình khác / skipped, running in another process";
    case app::JobOutcome::Kind::failed: return "lỗi / failed: " + o.error;
  }
  return {};
}

int run_jobs(const GlobalOptions& g, bool once) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  app::Scheduler scheduler((*ctx)->db(), (*ctx)->clock(), app::process_name("jobs"));
  if (auto s = app::add_installation_jobs(scheduler, **ctx); !s) return report(s.error());
  if (!once) {
    // In the foreground until killed; a job killed in its run is taken over when its lease ends.
    scheduler.start();
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
  }
  int failed = 0;
  for (const auto& o : scheduler.run_all()) {
    std::cout << o.name << ": " << outcome_text(o) << "\n";
    if (o.kind == app::JobOutcome::Kind::failed) ++failed;
  }
  return failed == 0 ? kOk : kInternal;
}

std::string when(const std::optional<TimePoint>& t) { return t ? timefmt::vn_datetime(*t) : "-"; }

int list_jobs(const GlobalOptions& g, bool json) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  // The jobs this installation schedules, with their rows; rows of jobs that only `serve` adds
  // (ocsp-cache, metrics) come from the store alone.
  app::Scheduler scheduler((*ctx)->db(), (*ctx)->clock(), app::process_name("jobs"));
  if (auto s = app::add_installation_jobs(scheduler, **ctx); !s) return report(s.error());
  auto lease = (*ctx)->db().acquire();
  if (!lease) return report(lease.error());
  auto rows = store::list_scheduled_jobs(**lease);
  if (!rows) return report(rows.error());
  std::map<std::string, store::ScheduledJobRecord> by_name;
  for (auto& r : *rows) by_name.emplace(r.name, std::move(r));
  std::map<std::string, const app::ScheduledJob*> specs;
  for (const auto& j : scheduler.jobs()) {
    by_name.try_emplace(j.name, store::ScheduledJobRecord{.name = j.name});
    specs.emplace(j.name, &j);
  }
  auto out = nlohmann::json::array();
  for (const auto& [name, r] : by_name) {
    const auto found = specs.find(name);
    const app::ScheduledJob* spec = found == specs.end() ? nullptr : found->second;
    nlohmann::json row{{"name", name},
                       {"summary", spec ? spec->summary : ""},
                       {"exclusive", spec ? nlohmann::json(spec->exclusive) : nlohmann::json(nullptr)},
                       {"every_seconds", spec ? nlohmann::json(spec->every.count()) : nlohmann::json(nullptr)},
                       {"runs", r.runs},
                       {"failures", r.failures},
                       {"last_started", r.last_started ? nlohmann::json(timefmt::iso8601_utc(*r.last_started)) : nullptr},
                       {"last_finished", r.last_finished ? nlohmann::json(timefmt::iso8601_utc(*r.last_finished)) : nullptr},
                       {"last_holder", r.last_holder ? nlohmann::json(*r.last_holder) : nullptr},
                       {"last_error", r.last_error ? nlohmann::json(*r.last_error) : nullptr},
                       {"next_run", r.runs > 0 ? nlohmann::json(timefmt::iso8601_utc(r.next_run)) : nullptr},
                       {"running_in", r.holder ? nlohmann::json(*r.holder) : nullptr}};
    if (json) {
      out.push_back(std::move(row));
      continue;
    }
    std::cout << name << "  " << (spec ? spec->summary : "(serve)") << "\n"
              << "  lần chạy cuối / last run: " << when(r.last_finished) << (r.last_holder ? " (" + *r.last_holder + ")" : "")
              << "  kế tiếp / next: " << (r.runs > 0 ? timefmt::vn_datetime(r.next_run) : "ngay / now")
              << "  số lần / runs: " << r.runs << ", lỗi / failures: " << r.failures << "\n";
    if (r.last_error) std::cout << "  lỗi gần nhất / last error: " << *r.last_error << "\n";
    if (r.holder) std::cout << "  đang chạy ở / running in: " << *r.holder << "\n";
  }
  if (json) std::cout << out.dump(2) << "\n";
  return kOk;
}

}  // namespace

void register_jobs(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* jobs = app.add_subcommand("jobs", "Tác vụ định kỳ / Periodic jobs (CRL, CA operations, audit checkpoints)");
  jobs->require_subcommand(1);
  auto once = std::make_shared<bool>(false);
  auto* run = jobs->add_subcommand("run", "Chạy các tác vụ định kỳ / Run the periodic jobs (until killed)");
  run->add_flag("--once", *once, "Run every job once, now, whatever its schedule, then exit (for cron and tests)");
  run->callback([&rc, &g, once] { rc = run_jobs(g, *once); });
  auto json = std::make_shared<bool>(false);
  auto* list = jobs->add_subcommand("list", "Liệt kê tác vụ / Each job, its last run, next run and last error");
  list->add_flag("--json", *json, "JSON output");
  list->callback([&rc, &g, json] { rc = list_jobs(g, *json); });
}

}  // namespace ct::cli
