#pragma once
// Delivers the outbox (SPEC §9): takes one queued message at a time under a lease, signs it,
// hands it to the mail server and records the outcome. A message is marked sent only after the
// server accepted it; a permanent refusal (5xx) marks it failed with the server's answer; a
// temporary one (4xx, server down) puts it back with a backoff that doubles up to
// mail.retry_max_seconds, until mail.give_up_hours have passed. A sender killed between the
// hand-over and the mark leaves that one message held; once the lease runs out another sender
// delivers it again: at most that message is repeated (with the same Message-ID).

#include <functional>
#include <optional>
#include <string>

#include "common/clock.h"
#include "notify/mail_settings.h"
#include "notify/mail_signer.h"
#include "notify/smtp_transport.h"
#include "store/database.h"
#include "store/notifications.h"

namespace ct::notify {

struct SendReport {
  int sent = 0;
  int retried = 0;  // temporary failures, back in the queue
  int failed = 0;   // refused for good, or given up
};

class OutboxSender final {
 public:
  // Makes the signing identity when the sender first needs it, and again when it nears its end.
  using SignerFactory = std::function<Result<MailSigner>()>;

  OutboxSender(store::Database& db, const Clock& clock, MailTransport& transport, const MailSettings& settings,
               SignerFactory signer, std::string holder);

  // Sends what is due, at most `max_messages`. In `ignore_backoff` mode (`jobs run --once`)
  // every queued message is tried whatever its backoff; otherwise the run stops at the first
  // temporary failure (the server is likely down: the others wait for their own backoff).
  [[nodiscard]] Result<SendReport> run(bool ignore_backoff, int max_messages = 500);

  // The message as it goes out (headers, multipart/alternative, S/MIME signature).
  [[nodiscard]] Result<std::string> render(const store::OutboxMessage& m, TimePoint at);

 private:
  [[nodiscard]] Result<const MailSigner*> signer(TimePoint now);
  [[nodiscard]] std::chrono::seconds backoff(int attempts) const;

  store::Database& db_;
  const Clock& clock_;
  MailTransport& transport_;
  const MailSettings& settings_;
  SignerFactory make_signer_;
  std::optional<MailSigner> signer_;
  std::string holder_;
};

}  // namespace ct::notify
