#include "notify/sender.h"

#include "crypto/cms.h"
#include "notify/mime.h"

namespace ct::notify {
namespace {

constexpr auto kRenewSignerBefore = std::chrono::days{30};

std::string domain_of(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string("localhost") : address.substr(at + 1);
}

}  // namespace

OutboxSender::OutboxSender(store::Database& db, const Clock& clock, MailTransport& transport,
                           const MailSettings& settings, SignerFactory signer, std::string holder)
    : db_(db),
      clock_(clock),
      transport_(transport),
      settings_(settings),
      make_signer_(std::move(signer)),
      holder_(std::move(holder)) {}

Result<const MailSigner*> OutboxSender::signer(TimePoint now) {
  if (!signer_ || signer_->not_after < now + kRenewSignerBefore) {
    auto made = make_signer_();
    if (!made) return fail(made.error());
    signer_.emplace(std::move(*made));
  }
  return &*signer_;
}

std::chrono::seconds OutboxSender::backoff(int attempts) const {
  std::chrono::seconds delay = settings_.retry;
  for (int i = 1; i < attempts && delay < settings_.retry_max; ++i) delay *= 2;
  return std::min(delay, settings_.retry_max);
}

Result<std::string> OutboxSender::render(const store::OutboxMessage& m, TimePoint at) {
  auto id = signer(at);
  if (!id) return fail(id.error());
  MailMessage mail;
  mail.from = {settings_.from_name, settings_.from};
  mail.to = {{"", m.recipient}};
  if (!settings_.reply_to.empty()) mail.reply_to = MailAddress{"", settings_.reply_to};
  mail.subject = m.subject;
  mail.text = m.body_text;
  mail.html = m.body_html;
  // Stable per message: a repeated delivery (see the header) is recognisably the same mail.
  mail.message_id = "outbox-" + std::to_string(m.id) + "." + std::to_string(m.event_id) + "@" + domain_of(settings_.from);
  mail.date = at;
  mail.extra_headers = {{"Auto-Submitted", "auto-generated"}, {"X-Chungthu-Kind", m.kind}};
  const MailSigner* s = *id;
  return build_signed_message(mail, [&](std::string_view entity) { return s->sign(entity, at); },
                              crypto::smime_micalg(s->key.signature_hash()));
}

Result<SendReport> OutboxSender::run(bool ignore_backoff, int max_messages) {
  SendReport report;
  if (!settings_.configured()) return report;  // no server yet: mails wait in the outbox
  auto lease = db_.acquire();
  if (!lease) return fail(lease.error());
  store::Connection& c = **lease;
  for (int n = 0; n < max_messages; ++n) {
    const TimePoint now = clock_.now();
    auto taken = store::take_outbox_message(c, holder_, now, settings_.send_lease, ignore_backoff);
    if (!taken) return fail(taken.error());
    if (!*taken) break;
    const store::OutboxMessage& m = **taken;
    auto message = render(m, now);
    if (!message) {
      // Nothing was handed over: the message waits (the signer is missing, say) and the job says why.
      auto back = store::mark_outbox_retry(c, m.id, holder_, message.error().message_en, std::nullopt,
                                           now + settings_.retry);
      if (!back) return fail(back.error());
      return fail(message.error());
    }
    const SendOutcome out = transport_.send(settings_.from, {m.recipient}, *message);
    const std::optional<int> code = out.smtp_code != 0 ? std::optional<int>(out.smtp_code) : std::nullopt;
    Result<bool> marked = false;
    if (out.kind == SendOutcome::Kind::accepted) {
      marked = store::mark_outbox_sent(c, m.id, holder_, clock_.now());
      ++report.sent;
    } else if (out.kind == SendOutcome::Kind::permanent) {
      marked = store::mark_outbox_failed(c, m.id, holder_, out.detail, code);
      ++report.failed;
    } else if (now - m.created_at >= settings_.give_up) {
      marked = store::mark_outbox_failed(
          c, m.id, holder_,
          "Bỏ sau " + std::to_string(m.attempts) + " lần thử / gave up after " + std::to_string(m.attempts) +
              " attempts: " + out.detail,
          code);
      ++report.failed;
    } else {
      marked = store::mark_outbox_retry(c, m.id, holder_, out.detail, code, now + backoff(m.attempts));
      ++report.retried;
    }
    if (!marked) return fail(marked.error());
    if (out.kind == SendOutcome::Kind::temporary && !ignore_backoff) break;
  }
  return report;
}

}  // namespace ct::notify
