#include "app/installation_jobs.h"

#include <memory>

#include <spdlog/spdlog.h>

#include "app/audit_protection.h"
#include "app/mail_jobs.h"
#include "app/operation_runner.h"
#include "pki/crl_publisher.h"
#include "pki/crl_schedule.h"
#include "pki/ocsp_signer.h"
#include "registry/attachments.h"

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
  // The OCSP signer is renewed ca.ocsp_renew_days before it expires, by one process of the installation.
  scheduler.add({"ocsp-signer", "Gia hạn chứng thư ký OCSP khi sắp hết hạn / Renew the OCSP signer before it expires",
                 std::chrono::hours(1), true, std::chrono::seconds(300), [&ctx]() -> Status {
                   auto renewed = pki::renew_ocsp_signer(ctx.db(), ctx.keys(), ctx.pki(), ctx.profiles(), ctx.clock(),
                                                         ctx.rng(), false, "system:ocsp-signer");
                   if (!renewed) return fail(renewed.error());
                   if (*renewed) {
                     spdlog::info("ocsp-signer: renewed, serial {} → {}, valid until {}", (*renewed)->old_serial,
                                  (*renewed)->new_serial, to_unix((*renewed)->not_after));
                   }
                   return {};
                 }});
  scheduler.add({"audit-checkpoint", "Ký điểm kiểm tra nhật ký kiểm toán / Sign an audit checkpoint",
                 kAuditCheckpointEvery, true, std::chrono::seconds(300), [&ctx]() -> Status {
                   auto cp = checkpoint_audit(ctx, 1);
                   if (!cp) return fail(cp.error());
                   return {};
                 }});
  // Documents removed from drafts (and files of the legacy attachments/ folder).
  scheduler.add({"attachments-gc", "Xóa tài liệu đính kèm không còn dùng / Delete attachment contents nothing refers to",
                 std::chrono::hours(1), true, std::chrono::seconds(300), [&ctx]() -> Status {
                   auto n = registry::collect_orphan_blobs(ctx.db(), ctx.data_dir(), ctx.clock().now(),
                                                           std::chrono::hours(1));
                   if (!n) return fail(n.error());
                   if (*n > 0) spdlog::info("attachments-gc: {} unused contents deleted", *n);
                   return {};
                 }});
  return add_mail_jobs(scheduler, ctx);
}

void checkpoint_audit_at_shutdown(Context& ctx) {
  if (auto cp = checkpoint_audit(ctx, 1); !cp) {
    spdlog::warn("audit checkpoint at shutdown: {}", cp.error().describe());
  }
}

}  // namespace ct::app
