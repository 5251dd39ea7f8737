#include "app/installation_jobs.h"

#include <memory>

#include "app/mail_jobs.h"
#include "app/operation_runner.h"
#include "pki/crl_publisher.h"
#include "pki/crl_schedule.h"

namespace ct::app {
namespace {

pki::CrlSchedule::Publisher crl_publisher(Context& ctx) {
  return [&ctx](const store::CaRecord& ca) -> Status {
    auto authority = ctx.certificate_authority(ca.name);
    if (!authority) return fail(authority.error());
    auto published = pki::publish_crl(ctx.db(), authority->record(), authority->key(), ctx.pki(), ctx.clock(),
                                      ctx.crl_dir(), "system:crl-scheduler");
    if (!published) return fail(published.error());
    return {};
  };
}

}  // namespace

Status add_installation_jobs(Scheduler& scheduler, Context& ctx, InstallationJobOptions options) {
  const auto& cfg = ctx.config();
  auto crl_enabled = cfg.boolean("pki.crl_scheduler", true);
  if (!crl_enabled) return fail(crl_enabled.error());
  auto min_interval = cfg.integer("pki.crl_min_interval_seconds", 60);
  if (!min_interval) return fail(min_interval.error());
  if (*crl_enabled) {
    pki::CrlScheduleOptions opt;
    opt.min_interval = std::chrono::seconds(std::max<std::int64_t>(*min_interval, 1));
    auto crls = std::make_shared<pki::CrlSchedule>(ctx.db(), ctx.clock(), crl_publisher(ctx), opt);
    scheduler.add({"crl", "Phát hành CRL đến hạn / Publish the CRLs that are due", std::chrono::seconds(5), true,
                   std::chrono::seconds(300), [crls] { return crls->run_once(); }});
  }
  if (options.operations) {
    auto runner = std::make_shared<OperationRunner>(ctx, scheduler.holder());
    scheduler.add({"operations", "Thực hiện thao tác CA đã duyệt / Execute approved CA operations",
                   std::chrono::seconds(1), false, std::chrono::seconds(300), [runner]() -> Status {
                     auto stats = runner->drain();
                     if (!stats) return fail(stats.error());
                     return {};
                   }});
  }
  scheduler.add({"audit-checkpoint", "Ký điểm kiểm tra nhật ký kiểm toán / Sign an audit checkpoint",
                 std::chrono::seconds(10), true, std::chrono::seconds(300),
                 [&ctx] { return checkpoint_audit(ctx, false); }});
  return add_mail_jobs(scheduler, ctx);
}

}  // namespace ct::app
