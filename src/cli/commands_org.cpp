// chungthu org | subscriber | user: the registry's organizations, subscribers and users.
#include <array>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "registry/access_policy.h"
#include "registry/organization.h"
#include "registry/organization_admin.h"
#include "registry/subscriber.h"
#include "registry/user.h"
#include "registry/validation.h"
#include "store/pki_repository.h"

namespace ct::cli {

int with_actor(const GlobalOptions& g, const std::optional<std::string>& as, bool operator_allowed,
               const std::function<int(RegistryCall&)>& f) {
  return with_actor(g, as, operator_allowed ? std::optional(registry::Role::admin) : std::nullopt, f);
}

int with_actor(const GlobalOptions& g, const std::optional<std::string>& as,
               std::optional<registry::Role> operator_role, const std::function<int(RegistryCall&)>& f) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  registry::Actor actor;
  if (as) {
    auto lease = (*ctx)->db().acquire();
    if (!lease) return report(lease.error());
    auto a = registry::resolve_actor(**lease, *as);
    if (!a) return report(a.error());
    actor = std::move(*a);
  } else if (operator_role) {
    actor.login = cli_actor();
    actor.role = *operator_role;
  } else {
    return report(Error::make(ErrorCode::invalid_input, "Cần --as LOGIN (người dùng thực hiện)",
                              "--as LOGIN is required (the acting user)", "--as"));
  }
  RegistryCall call{**ctx, (*ctx)->registry_env(), std::move(actor)};
  const int rc = f(call);
  if (rc == kOk) checkpoint_after_write(**ctx, /*always=*/false);
  return rc;
}

namespace {

Result<bool> parse_yes_no(const std::string& v) {
  if (v == "yes" || v == "true" || v == "có") return true;
  if (v == "no" || v == "false" || v == "không") return false;
  return fail(ErrorCode::invalid_input, "--state-body nhận yes hoặc no", "--state-body takes yes or no", "--state-body");
}

struct OrgAdd {
  std::optional<std::string> as;
  registry::NewOrganization n;
  std::string state_body = "yes";
  std::optional<std::int64_t> parent;
  bool json = false;
};

// The subject fields as options, shared by `subscriber add` and `subscriber edit`.
struct SubjectOption {
  const char* flag;
  std::string registry::SubjectData::*field;
  const char* help;
  bool required_on_add = false;
};
const SubjectOption kSubjectOptions[] = {
    {"--name", &registry::SubjectData::full_name, "Full name (an organization subscriber: the organization's name)", true},
    {"--dob", &registry::SubjectData::dob, "Date of birth dd/MM/yyyy"},
    {"--cccd", &registry::SubjectData::cccd, "Citizen ID, 12 digits"},
    {"--cccd-date", &registry::SubjectData::cccd_date, "ID issue date dd/MM/yyyy"},
    {"--cccd-place", &registry::SubjectData::cccd_place, "ID issue place: a code (C06, DKQLCT, BCA, CA001…CA096) or the name as on the card"},
    {"--email", &registry::SubjectData::email, "Official e-mail", true},
    {"--position", &registry::SubjectData::position, "Position"},
    {"--phone", &registry::SubjectData::phone, "Phone (0xxxxxxxxx or +84…)"},
    {"--carrier", &registry::SubjectData::carrier, "Mobile carrier (for SIM)"},
    {"--manager", &registry::SubjectData::manager_name, "Organization subscriber: the person managing its certificate"},
    {"--device", &registry::SubjectData::device, "TOKEN | SIM | SOFT | RSSP | HSM (default TOKEN)"},
};
constexpr std::size_t kSubjectOptionCount = std::size(kSubjectOptions);

struct SubscriberEdit {
  std::optional<std::string> as;
  std::int64_t id = 0;
  std::optional<std::int64_t> org;
  std::array<std::optional<std::string>, kSubjectOptionCount> given;  // by kSubjectOptions' index
  bool json = false;
};

void print_subscriber(const registry::Subscriber& s, bool json) {
  const auto j = registry::to_json(s);
  if (json) {
    std::cout << j.dump(2) << "\n";
    return;
  }
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "data") {
      for (auto d = it->begin(); d != it->end(); ++d) std::cout << d.key() << ": " << d.value().dump() << "\n";
    } else {
      std::cout << it.key() << ": " << it.value().dump() << "\n";
    }
  }
}

struct SubscriberAdd {
  std::optional<std::string> as;
  std::int64_t org = 0;
  registry::SubjectData d;
  std::string kind = "individual";
  bool json = false;
};

void register_org_commands(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* org = app.add_subcommand("org", "Cơ quan, tổ chức / Organizations");
  org->require_subcommand(1);
  auto oa = std::make_shared<OrgAdd>();
  auto* add = org->add_subcommand("add", "Thêm cơ quan (in ra số hiệu) / Add an organization (prints its id)");
  add->add_option("--as", oa->as, "Acting user (default: the local operator)");
  add->add_option("--name", oa->n.name, "Name (at most 64 characters)")->required();
  add->add_option("--parent", oa->parent, "Parent ORG_ID (none: a top-level organization)");
  add->add_option("--state-body", oa->state_body, "yes | no: a state body (only those are eligible)");
  add->add_option("--short-code", oa->n.short_code, "Short code");
  add->add_option("--tax-code", oa->n.tax_code, "Tax code (MST, 10 digits)");
  add->add_option("--budget-code", oa->n.budget_code, "Budget code (mã QHNS, 7 digits)");
  add->add_option("--province", oa->n.province, "Province (inherited from the parent)");
  add->add_option("--email", oa->n.email, "Official e-mail");
  add->add_option("--address", oa->n.address, "Address");
  add->add_flag("--json", oa->json, "Print the organization as JSON");
  add->callback([&rc, &g, oa] {
    rc = with_actor(g, oa->as, true, [&](RegistryCall& call) {
      auto sb = parse_yes_no(oa->state_body);
      if (!sb) return report(sb.error());
      oa->n.state_body = *sb;
      oa->n.parent_id = oa->parent;
      auto o = registry::create_organization(call.env, call.actor, oa->n);
      if (!o) return report(o.error());
      if (oa->json) std::cout << registry::to_json(*o).dump(2) << "\n"; else std::cout << o->id << "\n";
      return int{kOk};
    });
  });

  struct OrgList {
    std::optional<std::string> as;
    std::string search;
    bool json = false;
    int limit = 100, offset = 0;
  };
  auto ol = std::make_shared<OrgList>();
  auto* list = org->add_subcommand("list", "Liệt kê cơ quan trong phạm vi / List organizations in scope");
  list->add_option("--as", ol->as, "Acting user (default: the local operator)");
  list->add_option("--search", ol->search, "Name contains (diacritics-insensitive)");
  list->add_option("--limit", ol->limit)->check(CLI::Range(1, 1000));
  list->add_option("--offset", ol->offset)->check(CLI::Range(0, 100000000));
  list->add_flag("--json", ol->json, "JSON output");
  list->callback([&rc, &g, ol] {
    rc = with_actor(g, ol->as, true, [&](RegistryCall& call) {
      auto orgs = registry::list_organizations(call.env, call.actor, ol->search, {ol->limit, ol->offset});
      if (!orgs) return report(orgs.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& o : *orgs) {
        if (ol->json) { out.push_back(registry::to_json(o)); continue; }
        std::cout << o.id << "\t" << std::string(static_cast<std::size_t>(o.level - 1) * 2, ' ') << o.name
                  << (o.state_body ? "" : "  [không phải cơ quan nhà nước / not a state body]") << "\n";
      }
      if (ol->json) std::cout << out.dump(2) << "\n";
      return int{kOk};
    });
  });

  auto os = std::make_shared<std::pair<std::optional<std::string>, std::int64_t>>();
  auto show_json = std::make_shared<bool>(false);
  auto* show = org->add_subcommand("show", "Xem cơ quan / Show an organization");
  show->add_option("ORG_ID", os->second)->required();
  show->add_option("--as", os->first, "Acting user (default: the local operator)");
  show->add_flag("--json", *show_json, "JSON output");
  show->callback([&rc, &g, os, show_json] {
    rc = with_actor(g, os->first, true, [&](RegistryCall& call) {
      auto o = registry::get_organization(call.env, call.actor, os->second);
      if (!o) return report(o.error());
      const auto j = registry::to_json(*o);
      if (*show_json) { std::cout << j.dump(2) << "\n"; return int{kOk}; }
      for (auto it = j.begin(); it != j.end(); ++it) std::cout << it.key() << ": " << it.value().dump() << "\n";
      return int{kOk};
    });
  });

  struct OrgEdit {
    std::optional<std::string> as, state_body;
    std::int64_t id = 0;
    registry::OrganizationEdit e;
  };
  auto oe = std::make_shared<OrgEdit>();
  auto* edit = org->add_subcommand("edit", "Sửa thông tin cơ quan / Edit an organization");
  edit->add_option("ORG_ID", oe->id)->required();
  edit->add_option("--as", oe->as, "Acting administrator (default: the local operator)");
  edit->add_option("--name", oe->e.name, "Name (at most 64 characters)");
  edit->add_option("--state-body", oe->state_body, "yes | no");
  edit->add_option("--short-code", oe->e.short_code, "Short code");
  edit->add_option("--tax-code", oe->e.tax_code, "Tax code (MST, 10 digits)");
  edit->add_option("--budget-code", oe->e.budget_code, "Budget code (mã QHNS, 7 digits)");
  edit->add_option("--province", oe->e.province, "Province (level 1 only; the tree follows)");
  edit->add_option("--email", oe->e.email, "Official e-mail");
  edit->add_option("--address", oe->e.address, "Address");
  edit->callback([&rc, &g, oe] {
    rc = with_actor(g, oe->as, true, [&](RegistryCall& call) {
      if (oe->state_body) {
        auto sb = parse_yes_no(*oe->state_body);
        if (!sb) return report(sb.error());
        oe->e.state_body = *sb;
      }
      auto o = registry::edit_organization(call.env, call.actor, oe->id, oe->e);
      if (!o) return report(o.error());
      std::cout << registry::to_json(*o).dump(2) << "\n";
      return int{kOk};
    });
  });
  for (const bool active : {false, true}) {
    auto target = std::make_shared<std::pair<std::optional<std::string>, std::int64_t>>();
    auto* cmd = org->add_subcommand(active ? "activate" : "deactivate",
                                    active ? "Cho cơ quan hoạt động trở lại / Reactivate an organization"
                                           : "Ngừng hoạt động cơ quan và các đơn vị trực thuộc / Deactivate an "
                                             "organization and its units");
    cmd->add_option("ORG_ID", target->second)->required();
    cmd->add_option("--as", target->first, "Acting administrator (default: the local operator)");
    cmd->callback([&rc, &g, target, active] {
      rc = with_actor(g, target->first, true, [&](RegistryCall& call) {
        auto o = registry::set_organization_active(call.env, call.actor, target->second, active);
        if (!o) return report(o.error());
        std::cout << o->id << "\t" << o->name << "\t" << (o->active ? "active" : "deactivated") << "\n";
        return int{kOk};
      });
    });
  }
}

void register_subscriber_commands(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* sub = app.add_subcommand("subscriber", "Thuê bao / Subscribers");
  sub->require_subcommand(1);
  auto sa = std::make_shared<SubscriberAdd>();
  auto* add = sub->add_subcommand("add", "Thêm thuê bao (in ra số hiệu) / Add a subscriber (prints its id)");
  add->add_option("--as", sa->as, "Acting user (default: the local operator)");
  add->add_option("--org", sa->org, "ORG_ID")->required();
  add->add_option("--kind", sa->kind, "individual | organization");
  for (const auto& o : kSubjectOptions) {
    auto* opt = add->add_option(o.flag, sa->d.*o.field, o.help);
    if (o.required_on_add) opt->required();
  }
  add->add_flag("--json", sa->json, "Print the subscriber as JSON");
  add->callback([&rc, &g, sa] {
    rc = with_actor(g, sa->as, true, [&](RegistryCall& call) {
      auto kind = registry::parse_subject_kind(sa->kind);
      if (!kind) return report(kind.error().within("--kind"));
      sa->d.kind = *kind;
      auto s = registry::create_subscriber(call.env, call.actor, sa->org, sa->d);
      if (!s) return report(s.error());
      if (sa->json) std::cout << registry::to_json(*s).dump(2) << "\n"; else std::cout << s->id << "\n";
      if (!registry::email_in_domains(s->data.email, call.env.settings.email_domains)) {
        std::cerr << "Lưu ý: thư điện tử không thuộc tên miền công vụ của tỉnh; hãy tạo yêu cầu 'mailbox' cho người này"
                     " / Note: the e-mail is not in the province's official domain; create a 'mailbox' request\n";
      }
      return int{kOk};
    });
  });

  struct SubList {
    std::optional<std::string> as;
    std::string search;
    bool json = false;
    int limit = 100, offset = 0;
  };
  auto sl = std::make_shared<SubList>();
  auto* list = sub->add_subcommand("list", "Liệt kê thuê bao trong phạm vi / List subscribers in scope");
  list->add_option("--as", sl->as, "Acting user (default: the local operator)");
  list->add_option("--search", sl->search, "Name (diacritics-insensitive), CCCD or e-mail");
  list->add_option("--limit", sl->limit)->check(CLI::Range(1, 1000));
  list->add_option("--offset", sl->offset)->check(CLI::Range(0, 100000000));
  list->add_flag("--json", sl->json, "JSON output");
  list->callback([&rc, &g, sl] {
    rc = with_actor(g, sl->as, true, [&](RegistryCall& call) {
      auto subs = registry::list_subscribers(call.env, call.actor, sl->search, {sl->limit, sl->offset});
      if (!subs) return report(subs.error());
      nlohmann::json out = nlohmann::json::array();
      for (const auto& s : *subs) {
        if (sl->json) { out.push_back(registry::to_json(s)); continue; }
        std::cout << s.id << "\t" << s.data.full_name << "\t" << s.data.email << "\t" << s.data.position << "\torg "
                  << s.org_id << "\n";
      }
      if (sl->json) std::cout << out.dump(2) << "\n";
      return int{kOk};
    });
  });

  auto ss = std::make_shared<std::pair<std::optional<std::string>, std::int64_t>>();
  auto show_json = std::make_shared<bool>(false);
  auto* show = sub->add_subcommand("show", "Xem thuê bao / Show a subscriber");
  show->add_option("ID", ss->second)->required();
  show->add_option("--as", ss->first, "Acting user (default: the local operator)");
  show->add_flag("--json", *show_json, "JSON output");
  show->callback([&rc, &g, ss, show_json] {
    rc = with_actor(g, ss->first, true, [&](RegistryCall& call) {
      auto s = registry::get_subscriber(call.env, call.actor, ss->second);
      if (!s) return report(s.error());
      print_subscriber(*s, *show_json);
      return int{kOk};
    });
  });

  // Corrects a person's data while no certificate of theirs is in force (then it takes a
  // change_info request). Only the options given change; the rest stays as stored.
  auto se = std::make_shared<SubscriberEdit>();
  auto* edit = sub->add_subcommand("edit", "Sửa thông tin thuê bao / Correct a subscriber's data");
  edit->add_option("ID", se->id)->required();
  edit->add_option("--as", se->as, "Acting user (default: the local operator)");
  edit->add_option("--org", se->org, "ORG_ID (moves the subscriber, within the acting user's reach)");
  for (std::size_t i = 0; i < kSubjectOptionCount; ++i) {
    edit->add_option(kSubjectOptions[i].flag, se->given[i], kSubjectOptions[i].help);
  }
  edit->add_flag("--json", se->json, "Print the subscriber as JSON");
  edit->callback([&rc, &g, se] {
    rc = with_actor(g, se->as, true, [&](RegistryCall& call) {
      auto s = registry::get_subscriber(call.env, call.actor, se->id);
      if (!s) return report(s.error());
      registry::SubjectData d = s->data;
      for (std::size_t i = 0; i < kSubjectOptionCount; ++i) {
        if (se->given[i]) d.*kSubjectOptions[i].field = *se->given[i];
      }
      auto u = registry::update_subscriber(call.env, call.actor, se->id, se->org.value_or(s->org_id), std::move(d));
      if (!u) return report(u.error());
      print_subscriber(*u, se->json);
      return int{kOk};
    });
  });
}

}  // namespace

void register_registry_people(CLI::App& app, GlobalOptions& g, int& rc) {
  register_org_commands(app, g, rc);
  register_subscriber_commands(app, g, rc);
  register_user_commands(app, g, rc);  // commands_user.cpp
}

}  // namespace ct::cli
