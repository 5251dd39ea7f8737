#pragma once
// Test-only: the registry fixture (registry/registry_test_support.h, whose users have official
// addresses login@bacninh.gov.vn), the built-in templates, mail settings for them, and a transport that keeps what it
// is handed instead of talking SMTP. Included by *_test.cpp files only.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "notify/dispatcher.h"
#include "notify/mail_settings.h"
#include "notify/sender.h"
#include "notify/smtp_transport.h"
#include "notify/templates.h"
#include "registry/registry_test_support.h"
#include "store/notifications.h"

namespace ct::notify::testing {

// A mail server in memory: accepts, refuses or is down as told; records what it accepted.
class FakeTransport final : public MailTransport {
 public:
  struct Delivery {
    std::string from;
    std::vector<std::string> to;
    std::string message;
  };
  SendOutcome::Kind answer = SendOutcome::Kind::accepted;
  int code = 250;
  bool die_after_handover = false;  // throws after recording: a sender killed before the mark
  std::vector<Delivery> accepted;
  int attempts = 0;

  SendOutcome send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   std::string_view message) override {
    ++attempts;
    if (answer == SendOutcome::Kind::accepted) {
      accepted.push_back({envelope_from, recipients, std::string(message)});
      if (die_after_handover) throw std::runtime_error("killed between hand-over and mark");
      return {SendOutcome::Kind::accepted, 250, ""};
    }
    return {answer, code, answer == SendOutcome::Kind::permanent ? "550 5.1.1 no such user" : "451 4.3.0 later"};
  }

  // Deliveries per Message-ID header.
  [[nodiscard]] std::map<std::string, int> by_message_id() const {
    std::map<std::string, int> out;
    for (const auto& d : accepted) {
      const auto at = d.message.find("Message-ID: <");
      const auto end = d.message.find('>', at);
      out[d.message.substr(at, end - at)] += 1;
    }
    return out;
  }
};

class NotifyFixture : public registry::testing::RegistryFixture {
 protected:
  void SetUp() override {
    RegistryFixture::SetUp();
    if (HasFatalFailure()) return;
    auto t = MailTemplates::builtin();
    ASSERT_TRUE(t) << t.error().describe();
    templates_ = std::make_unique<MailTemplates>(std::move(*t));
    settings_mail_.smtp.url = "smtp://127.0.0.1:1";
    settings_mail_.from = "chungthu@bacninh.gov.vn";
    settings_mail_.portal_url = "https://chungthu.bacninh.gov.vn";
    settings_mail_.expiry_opens_days = settings_.renewal_max_days_left;
    settings_mail_.expiry_closing_days = settings_.renewal_min_days_left + 14;
    settings_mail_.expiry_closed_days = settings_.renewal_min_days_left;
  }

  void TearDown() override {
    sender_.reset();
    RegistryFixture::TearDown();
  }

  // Dispatches every pending event; returns the messages added.
  int dispatch() {
    DispatchEnv env{*db_, clock_, *templates_, settings_mail_};
    auto n = dispatch_events(env);
    EXPECT_TRUE(n) << (n ? "" : n.error().describe());
    return n ? *n : -1;
  }

  OutboxSender& sender() {
    if (!sender_) {
      sender_ = std::make_unique<OutboxSender>(
          *db_, clock_, transport_, settings_mail_,
          [this]() { return ensure_mail_signer(*db_, *keys_, *ca_, settings_mail_, clock_); }, "test-sender");
    }
    return *sender_;
  }

  std::vector<store::OutboxMessage> outbox(std::optional<std::string> to = std::nullopt) {
    auto lease = db_->acquire();
    store::OutboxFilter f;
    f.recipient = std::move(to);
    f.limit = 1000;
    auto rows = store::list_outbox(**lease, f);
    EXPECT_TRUE(rows);
    return rows ? *rows : std::vector<store::OutboxMessage>{};
  }

  std::vector<store::NotificationEvent> events_of(const std::string& kind) {
    auto lease = db_->acquire();
    auto q = (*lease)->query("SELECT id FROM notification_events WHERE kind = $1 ORDER BY id");
    EXPECT_TRUE(q);
    q->bind(1, kind);
    auto ids = store::read_all<std::int64_t>(*q, [](const store::Query& r) { return r.get_int(0); });
    std::vector<store::NotificationEvent> out;
    for (auto id : *ids) out.push_back(store::NotificationEvent{.id = id, .kind = kind});
    return out;
  }

  MailSettings settings_mail_;
  std::unique_ptr<MailTemplates> templates_;
  FakeTransport transport_;
  std::unique_ptr<OutboxSender> sender_;
};

}  // namespace ct::notify::testing
