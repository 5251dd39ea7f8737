// chungthu mail outbox | mail retry | mail show: the notification outbox (SPEC §9) for the
// admin: what is queued, sent or failed (with the server's answer), and a retry of a failed mail.
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/text.h"
#include "notify/outbox_view.h"

namespace ct::cli {
namespace {

void print_row(const nlohmann::json& m) {
  std::cout << m["id"].get<std::int64_t>() << "  " << m["state"].get<std::string>() << "  "
            << m["recipient"].get<std::string>() << "  " << m["kind"].get<std::string>() << "  "
            << m["subject"].get<std::string>();
  if (m.contains("last_error")) std::cout << "  [" << m["last_error"].get<std::string>() << "]";
  std::cout << "\n";
}

}  // namespace

void register_mail(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* mail = app.add_subcommand("mail", "Hộp thư đi của thông báo / The notification outbox");
  mail->require_subcommand(1);

  struct Outbox {
    std::optional<std::string> as, state, recipient;
    std::int64_t after = 0;
    int limit = 100;
    bool json = false;
  };
  auto o = std::make_shared<Outbox>();
  auto* list = mail->add_subcommand("outbox", "Liệt kê thư (cũ trước) / List the mails, oldest first");
  list->add_option("--as", o->as, "Acting user (default: the local operator)");
  list->add_option("--state", o->state, "queued | sent | failed");
  list->add_option("--to", o->recipient, "Only the mails to this address");
  list->add_option("--after", o->after, "Only mails with a greater id (paging)");
  list->add_option("--limit", o->limit, "At most this many (default 100)")->check(CLI::Range(1, 1000));
  list->add_flag("--json", o->json, "Print JSON (with the counts per state)");
  list->callback([&rc, &g, o] {
    rc = with_actor(g, o->as, true, [&](RegistryCall& call) {
      store::OutboxFilter f;
      if (o->state) {
        auto s = store::parse_outbox_state(*o->state);
        if (!s) return report(s.error().within("--state"));
        f.state = *s;
      }
      if (o->recipient) f.recipient = text::ascii_lower(*o->recipient);
      f.after_id = o->after;
      f.limit = o->limit;
      auto rows = notify::outbox(call.env, call.actor, f);
      if (!rows) return report(rows.error());
      auto counts = notify::outbox_counts(call.env, call.actor);
      if (!counts) return report(counts.error());
      auto items = nlohmann::json::array();
      for (const auto& m : *rows) items.push_back(notify::to_json(m, false));
      if (o->json) {
        nlohmann::json out{{"items", items},
                           {"counts",
                            {{"queued", counts->queued},
                             {"sent", counts->sent},
                             {"failed", counts->failed},
                             {"events_pending", counts->undispatched_events}}}};
        std::cout << out.dump(2) << "\n";
      } else {
        for (const auto& m : items) print_row(m);
        std::cout << "queued " << counts->queued << ", sent " << counts->sent << ", failed " << counts->failed
                  << ", events pending " << counts->undispatched_events << "\n";
      }
      return int{kOk};
    });
  });

  struct One {
    std::optional<std::string> as;
    std::int64_t id = 0;
  };
  auto r = std::make_shared<One>();
  auto* retry = mail->add_subcommand("retry", "Gửi lại thư đã thất bại / Queue a failed mail again");
  retry->add_option("--as", r->as, "Acting user (default: the local operator)");
  retry->add_option("id", r->id, "The mail's id")->required();
  retry->callback([&rc, &g, r] {
    rc = with_actor(g, r->as, true, [&](RegistryCall& call) {
      auto m = notify::retry_message(call.env, call.actor, r->id);
      if (!m) return report(m.error());
      print_row(notify::to_json(*m, false));
      return int{kOk};
    });
  });
}

}  // namespace ct::cli
