// chungthu round | batch: registration rounds and the batches aggregators compile (SPEC §4).
#include <iostream>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/time_format.h"
#include "registry/round_batch.h"

namespace ct::cli {
namespace {

void print_batch(const registry::Batch& b, bool json) {
  if (json) {
    std::cout << registry::to_json(b).dump(2) << "\n";
    return;
  }
  std::cout << b.id << "\t" << b.state << "\t" << b.requests << " yêu cầu / requests" << (b.late ? "\t[nộp muộn / late]" : "")
            << "\n";
}

}  // namespace

void register_round(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* round = app.add_subcommand("round", "Đợt đăng ký / Registration rounds");
  round->require_subcommand(1);
  struct Open {
    std::optional<std::string> as;
    registry::NewRound n;
    bool late = false, json = false;
  };
  auto o = std::make_shared<Open>();
  auto* open = round->add_subcommand("open", "Mở đợt đăng ký (in ra số hiệu) / Open a round (prints its id)");
  open->add_option("--as", o->as, "Acting user")->required();
  open->add_option("--name", o->n.name, "Name")->required();
  open->add_option("--deadline", o->n.deadline, "Last day dd/MM/yyyy (until the end of that day)")->required();
  open->add_option("--org", o->n.org_id, "The subtree it covers (default: the acting user's organization)");
  open->add_flag("--allow-late", o->late, "Accept batches after the deadline (flagged late)");
  open->add_flag("--json", o->json, "Print the round as JSON");
  open->callback([&rc, &g, o] {
    rc = with_actor(g, o->as, false, [&](RegistryCall& call) {
      if (o->late) o->n.allow_late = true;
      auto r = registry::open_round(call.env, call.actor, o->n);
      if (!r) return report(r.error());
      if (o->json) std::cout << registry::to_json(*r).dump(2) << "\n"; else std::cout << r->id << "\n";
      return int{kOk};
    });
  });
  auto l = std::make_shared<std::pair<std::optional<std::string>, bool>>();
  auto* list = round->add_subcommand("list", "Các đợt trong phạm vi / Rounds in scope");
  list->add_option("--as", l->first, "Acting user")->required();
  list->add_flag("--json", l->second, "JSON output");
  list->callback([&rc, &g, l] {
    rc = with_actor(g, l->first, false, [&](RegistryCall& call) {
      auto rounds = registry::list_rounds(call.env, call.actor, {100, 0});
      if (!rounds) return report(rounds.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& r : *rounds) {
        if (l->second) { out.push_back(registry::to_json(r)); continue; }
        std::cout << r.id << "\t" << r.name << "\thạn / due " << timefmt::vn_date(r.deadline - std::chrono::seconds{1})
                  << (r.allow_late ? "\t(nhận nộp muộn / late allowed)" : "") << "\n";
      }
      if (l->second) std::cout << out.dump(2) << "\n";
      return int{kOk};
    });
  });

  auto* batch = app.add_subcommand("batch", "Danh sách đề nghị / Batches of requests");
  batch->require_subcommand(1);
  struct Create {
    std::optional<std::string> as;
    std::int64_t round = 0;
    bool json = false;
  };
  auto c = std::make_shared<Create>();
  auto* create = batch->add_subcommand("create", "Lập danh sách cho một đợt (in ra số hiệu) / Create a batch");
  create->add_option("--as", c->as, "Acting user (an aggregator)")->required();
  create->add_option("--round", c->round, "Round id")->required();
  create->add_flag("--json", c->json, "Print the batch as JSON");
  create->callback([&rc, &g, c] {
    rc = with_actor(g, c->as, false, [&](RegistryCall& call) {
      auto b = registry::create_batch(call.env, call.actor, c->round);
      if (!b) return report(b.error());
      if (c->json) std::cout << registry::to_json(*b).dump(2) << "\n"; else std::cout << b->id << "\n";
      return int{kOk};
    });
  });
  struct Add {
    std::optional<std::string> as;
    std::int64_t batch = 0;
    std::vector<std::int64_t> requests;
    bool json = false;
  };
  auto a = std::make_shared<Add>();
  auto* add = batch->add_subcommand("add", "Thêm yêu cầu đã gửi vào danh sách / Add submitted requests");
  add->add_option("BATCH_ID", a->batch)->required();
  add->add_option("REQUEST_ID", a->requests)->required();
  add->add_option("--as", a->as, "Acting user")->required();
  add->add_flag("--json", a->json, "Print the batch as JSON");
  add->callback([&rc, &g, a] {
    rc = with_actor(g, a->as, false, [&](RegistryCall& call) {
      auto b = registry::add_to_batch(call.env, call.actor, a->batch, a->requests);
      if (!b) return report(b.error());
      print_batch(*b, a->json);
      return int{kOk};
    });
  });
  auto r = std::make_shared<Add>();
  auto* remove = batch->add_subcommand("remove", "Bỏ yêu cầu khỏi danh sách chưa gửi / Take requests off an open batch");
  remove->add_option("BATCH_ID", r->batch)->required();
  remove->add_option("REQUEST_ID", r->requests)->required();
  remove->add_option("--as", r->as, "Acting user")->required();
  remove->add_flag("--json", r->json, "Print the batch as JSON");
  remove->callback([&rc, &g, r] {
    rc = with_actor(g, r->as, false, [&](RegistryCall& call) {
      auto b = registry::remove_from_batch(call.env, call.actor, r->batch, r->requests);
      if (!b) return report(b.error());
      print_batch(*b, r->json);
      return int{kOk};
    });
  });
  struct Submit {
    std::optional<std::string> as;
    std::int64_t batch = 0;
    std::string comment;
    bool json = false;
  };
  auto s = std::make_shared<Submit>();
  auto* submit = batch->add_subcommand("submit", "Gửi danh sách lên cơ quan tiếp nhận / Submit the batch");
  submit->add_option("BATCH_ID", s->batch)->required();
  submit->add_option("--as", s->as, "Acting user")->required();
  submit->add_option("--comment", s->comment, "Comment");
  submit->add_flag("--json", s->json, "Print the batch as JSON");
  submit->callback([&rc, &g, s] {
    rc = with_actor(g, s->as, false, [&](RegistryCall& call) {
      auto b = registry::submit_batch(call.env, call.actor, s->batch, s->comment);
      if (!b) return report(b.error());
      print_batch(*b, s->json);
      if (!s->json) std::cerr << "Các yêu cầu đã chuyển cơ quan tiếp nhận / requests forwarded to the registration office\n";
      return int{kOk};
    });
  });
  auto sh = std::make_shared<Submit>();
  auto* show = batch->add_subcommand("show", "Xem danh sách / Show a batch");
  show->add_option("BATCH_ID", sh->batch)->required();
  show->add_option("--as", sh->as, "Acting user")->required();
  show->add_flag("--json", sh->json, "JSON output");
  show->callback([&rc, &g, sh] {
    rc = with_actor(g, sh->as, false, [&](RegistryCall& call) {
      auto b = registry::get_batch(call.env, call.actor, sh->batch);
      if (!b) return report(b.error());
      print_batch(*b, sh->json);
      return int{kOk};
    });
  });
}

}  // namespace ct::cli
