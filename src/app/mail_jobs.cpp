#include "app/mail_jobs.h"

#include <memory>

#include "notify/dispatcher.h"
#include "notify/reminders.h"
#include "notify/sender.h"
#include "notify/smtp_transport.h"

namespace ct::app {
namespace {

// Everything the mail job keeps between runs, owned by the job's closure.
struct MailService {
  const notify::MailSettings& settings;
  const notify::MailTemplates& templates;
  std::unique_ptr<notify::SmtpTransport> transport;
  std::unique_ptr<notify::OutboxSender> sender;

  Status run(Context& ctx, bool ignore_backoff) {
    notify::DispatchEnv env{ctx.db(), ctx.clock(), templates, settings};
    auto dispatched = notify::dispatch_events(env);
    if (!dispatched) return fail(dispatched.error());
    auto sent = sender->run(ignore_backoff);
    if (!sent) return fail(sent.error());
    return {};
  }
};

}  // namespace

Status add_mail_jobs(Scheduler& scheduler, Context& ctx) {
  auto config = ctx.mail();
  if (!config) return fail(config.error());
  auto service =
      std::make_shared<MailService>(MailService{(*config)->settings, (*config)->templates, nullptr, nullptr});
  service->transport = std::make_unique<notify::SmtpTransport>(service->settings.smtp);
  auto make_signer = [&ctx, s = service.get()]() -> Result<notify::MailSigner> {
    auto ca = ctx.certificate_authority("issuing");
    if (!ca) return fail(ca.error());
    return notify::ensure_mail_signer(ctx.db(), ctx.keys(), *ca, s->settings, ctx.clock());
  };
  service->sender = std::make_unique<notify::OutboxSender>(ctx.db(), ctx.clock(), *service->transport,
                                                           service->settings, make_signer, scheduler.holder());
  ScheduledJob mail{"mail", "Gửi thư thông báo / Send the notification mails", std::chrono::seconds(5), true,
                    service->settings.send_lease,
                    [&ctx, service] { return service->run(ctx, false); }};
  mail.run_forced = [&ctx, service] { return service->run(ctx, true); };
  scheduler.add(std::move(mail));
  scheduler.add({"reminders", "Nhắc hạn chứng thư, hạn đợt và thư tổng hợp / Expiry and deadline reminders, digest",
                 std::chrono::seconds(600), true, std::chrono::seconds(300), [&ctx, service]() -> Status {
                   const auto& s = service->settings;
                   if (auto n = notify::queue_expiry_reminders(ctx.db(), ctx.clock(), s); !n) return fail(n.error());
                   if (auto n = notify::queue_round_reminders(ctx.db(), ctx.clock(), s); !n) return fail(n.error());
                   if (auto n = notify::queue_daily_digest(ctx.db(), ctx.clock(), s); !n) return fail(n.error());
                   return {};
                 }});
  return {};
}

}  // namespace ct::app
