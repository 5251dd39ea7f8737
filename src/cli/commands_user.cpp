// `chungthu user`: users and roles. A portal admin (--as) never learns a secret: `user add`
// mails an activation link and `user reset` a reset link (registry/account_links.h). The local
// operator, who holds the installation's keys anyway, may still set a password from a file and
// print a TOTP secret (`user add --password-file`, `user totp-reset`).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/commands_registry_support.h"
#include "common/time_format.h"
#include "registry/access_policy.h"
#include "registry/account_links.h"
#include "registry/user.h"
#include "registry/user_admin.h"
#include "registry/user_credentials.h"

namespace ct::cli {
namespace {

// A new TOTP secret for `user_id` (base32), sealed in the store.
Result<std::string> enroll_second_factor(RegistryCall& call, std::int64_t user_id) {
  auto key = call.ctx.totp_key();
  if (!key) return fail(key.error());
  auto lease = call.ctx.db().acquire();
  if (!lease) return fail(lease.error());
  auto tx = store::Transaction::begin(**lease);
  if (!tx) return fail(tx.error());
  auto secret = registry::enroll_totp(**lease, user_id, *key, call.ctx.rng(), call.ctx.clock().now());
  if (!secret) return fail(secret.error());
  if (auto c = tx->commit(); !c) return fail(c.error());
  return secret;
}

void register_user_link(CLI::App* user, GlobalOptions& g, int& rc) {
  struct Link {
    std::optional<std::string> as;
    std::string login;
    bool second_factor = false;
  };
  auto l = std::make_shared<Link>();
  auto* cmd = user->add_subcommand("reset", "Gửi liên kết đặt lại mật khẩu tới thư điện tử công vụ / Mail a password "
                                            "reset link to the user's official e-mail (an activation link while "
                                            "they have not activated)");
  cmd->add_option("--as", l->as, "Acting user (default: the local operator)");
  cmd->add_option("--login", l->login, "The user")->required();
  cmd->add_flag("--second-factor", l->second_factor, "Also enrol a new TOTP secret (a lost authenticator)");
  cmd->callback([&rc, &g, l] {
    rc = with_actor(g, l->as, true, [&](RegistryCall& call) {
      std::optional<registry::User> found;
      {
        auto lease = call.ctx.db().acquire();
        if (!lease) return report(lease.error());
        auto u = registry::find_user(**lease, std::string_view(l->login));
        if (!u) return report(u.error());
        found = std::move(*u);
      }
      if (!found) {
        return report(Error::make(ErrorCode::not_found, "Không có người dùng " + l->login, "No user " + l->login,
                                  "--login"));
      }
      auto mail = call.ctx.account_mailer();
      if (!mail) return report(mail.error());
      auto sent = registry::send_account_link(call.env, call.actor, found->id, l->second_factor, *mail);
      if (!sent) return report(sent.error());
      std::cout << "Liên kết đã vào hàng gửi tới " << sent->user.email.value_or("") << ", hết hạn "
                << timefmt::vn_datetime(sent->expires_at) << " / Link queued for " << sent->user.email.value_or("")
                << ", expires " << timefmt::iso8601_utc(sent->expires_at) << "\n";
      return int{kOk};
    });
  });
}

void register_user_edit(CLI::App* user, GlobalOptions& g, int& rc) {
  struct UserEdit {
    std::optional<std::string> as;
    std::int64_t id = 0;
    std::string email;
  };
  auto ue = std::make_shared<UserEdit>();
  auto* edit = user->add_subcommand("edit", "Đổi thư điện tử công vụ của người dùng / Change a user's official e-mail");
  edit->add_option("--as", ue->as, "Acting user (default: the local operator)");
  edit->add_option("id", ue->id, "The user's id")->required();
  edit->add_option("--email", ue->email, "The official address; \"\" removes it")->required();
  edit->callback([&rc, &g, ue] {
    rc = with_actor(g, ue->as, true, [&](RegistryCall& call) {
      auto u = registry::set_user_email(call.env, call.actor, ue->id, ue->email);
      if (!u) return report(u.error());
      std::cout << u->login << "\t" << u->email.value_or("-") << "\n";
      return int{kOk};
    });
  });
}

void register_user_admin(CLI::App* user, GlobalOptions& g, int& rc) {
  struct Change {
    std::optional<std::string> as, role;
    std::optional<std::int64_t> org;
    std::int64_t id = 0;
  };
  auto run = [&rc, &g](const std::shared_ptr<Change>& c, registry::UserChange change) {
    rc = with_actor(g, c->as, true, [&](RegistryCall& call) {
      auto u = registry::change_user(call.env, call.actor, c->id, change);
      if (!u) return report(u.error());
      std::cout << u->user.login << "\t" << registry::to_string(u->user.role) << "\t"
                << (u->user.org_id ? std::to_string(*u->user.org_id) : "-") << "\t"
                << (u->user.active ? "active" : "disabled") << "\n";
      if (u->second_factor_to_enrol) {
        std::cerr << "Vai trò mới cần mã TOTP: gửi liên kết đặt lại kèm TOTP (chungthu user reset " << c->id
                  << " --second-factor) / the new role signs in with TOTP: send a reset link with a new secret\n";
      }
      return int{kOk};
    });
  };
  for (const bool active : {false, true}) {
    auto c = std::make_shared<Change>();
    auto* cmd = user->add_subcommand(active ? "enable" : "disable",
                                     active ? "Mở khóa tài khoản / Enable an account"
                                            : "Khóa tài khoản (phiên đang mở hết hiệu lực ngay) / Disable an account "
                                              "(its sessions stop at once)");
    cmd->add_option("--as", c->as, "Acting administrator (default: the local operator)");
    cmd->add_option("id", c->id, "The user's id")->required();
    cmd->callback([run, c, active] { run(c, {.active = active}); });
  }
  auto listing = std::make_shared<std::optional<std::string>>();
  auto* list = user->add_subcommand("list", "Liệt kê người dùng (id, tên đăng nhập, vai trò, cơ quan, trạng thái) / List "
                                            "users (id, login, role, organization, state)");
  list->add_option("--as", *listing, "Acting administrator (default: the local operator)");
  list->callback([&rc, &g, listing] {
    rc = with_actor(g, *listing, true, [&](RegistryCall& call) {
      registry::Page page;
      page.limit = 1000;
      for (;; page.offset += page.limit) {
        auto users = registry::list_users(call.env, call.actor, page);
        if (!users) return report(users.error());
        for (const auto& u : *users) {
          std::cout << u.id << "\t" << u.login << "\t" << registry::to_string(u.role) << "\t"
                    << (u.org_id ? std::to_string(*u.org_id) : "-") << "\t" << (u.active ? "active" : "disabled") << "\n";
        }
        if (users->size() < static_cast<std::size_t>(page.limit)) break;
      }
      return int{kOk};
    });
  });
  auto c = std::make_shared<Change>();
  auto* cmd = user->add_subcommand("role", "Đổi vai trò hoặc cơ quan / Change a user's role or organization");
  cmd->add_option("--as", c->as, "Acting administrator (default: the local operator)");
  cmd->add_option("id", c->id, "The user's id")->required();
  cmd->add_option("--role", c->role, "subscriber, unit_manager, aggregator, ra_officer, ca_operator, auditor, admin");
  cmd->add_option("--org", c->org, "The new organization's id (scoped roles)");
  cmd->callback([run, c, &rc] {
    registry::UserChange change;
    if (c->role) {
      auto role = registry::parse_role(*c->role);
      if (!role) {
        rc = report(role.error().within("--role"));
        return;
      }
      change.role = *role;
    }
    change.org_id = c->org;
    run(c, change);
  });
}

void register_totp_reset(CLI::App* user, GlobalOptions& g, int& rc) {
  struct Reset {
    std::string login;
    bool json = false;
  };
  auto r = std::make_shared<Reset>();
  auto* cmd = user->add_subcommand("totp-reset", "Người vận hành cục bộ: cấp mã bí mật TOTP mới (in một lần) / The "
                                                  "local operator: enrol a new TOTP secret (shown once; the old one "
                                                  "stops working). Portal admins use `user reset --second-factor`");
  cmd->add_option("--login", r->login, "The user")->required();
  cmd->add_flag("--json", r->json, "JSON output");
  cmd->callback([&rc, &g, r] {
    rc = with_actor(g, std::nullopt, true, [&](RegistryCall& call) {
      if (!registry::allowed_somewhere(call.actor, registry::Action::user_create)) {
        return report(registry::deny(call.ctx.db(), call.ctx.clock(), call.actor, registry::Action::user_create,
                                     "user", r->login));
      }
      std::optional<registry::Credentials> found;
      {
        auto lease = call.ctx.db().acquire();
        if (!lease) return report(lease.error());
        auto c = registry::find_credentials(**lease, r->login);
        if (!c) return report(c.error());
        found = std::move(*c);
      }
      if (!found || !registry::needs_second_factor(found->user.role)) {
        return report(Error::make(ErrorCode::invalid_input,
                                  "Không có người dùng '" + r->login + "' thuộc vai trò cần TOTP (ra_officer, ca_operator, admin)",
                                  "No user '" + r->login + "' of a role that uses TOTP (ra_officer, ca_operator, admin)",
                                  "--login"));
      }
      auto secret = enroll_second_factor(call, found->user.id);
      if (!secret) return report(secret.error());
      if (r->json) {
        std::cout << nlohmann::json{{"login", r->login}, {"totp_secret", *secret}}.dump(2) << "\n";
      } else {
        std::cout << "Mã bí mật TOTP (chỉ hiện một lần) / TOTP secret (shown once): " << *secret << "\n"
                  << registry::otpauth_uri(r->login, *secret) << "\n";
      }
      return int{kOk};
    });
  });
}

}  // namespace

void register_user_commands(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* user = app.add_subcommand("user", "Người dùng / Users");
  user->require_subcommand(1);
  struct UserAdd {
    std::optional<std::string> as, password_file, email;
    std::string login, role;
    std::optional<std::int64_t> org, subscriber;
    bool json = false;
  };
  register_totp_reset(user, g, rc);
  register_user_edit(user, g, rc);
  register_user_admin(user, g, rc);
  register_user_link(user, g, rc);
  auto ua = std::make_shared<UserAdd>();
  auto* add = user->add_subcommand(
      "add", "Tạo người dùng: liên kết kích hoạt gửi tới thư điện tử công vụ (in ra số hiệu) / Add a user: an "
             "activation link goes to their official e-mail (prints the id)");
  add->add_option("--as", ua->as, "Acting user (default: the local operator)");
  add->add_option("--login", ua->login, "Login: 3–64 of a-z 0-9 . _ -")->required();
  add->add_option("--role", ua->role,
                  "subscriber | unit_manager | aggregator | ra_officer | ca_operator | auditor | admin")
      ->required();
  add->add_option("--org", ua->org, "ORG_ID (the scope of subscriber, unit_manager, aggregator)");
  add->add_option("--subscriber", ua->subscriber, "Subscriber id (role subscriber)");
  add->add_option("--email", ua->email,
                  "Official e-mail address (validation.email_domains): the activation link and the user's mails");
  add->add_option("--password-file", ua->password_file,
                  "The local operator only: the password, read from this file (no activation link; the TOTP "
                  "secret of ra_officer, ca_operator and admin is printed once)");
  add->add_flag("--json", ua->json, "Print the user as JSON");
  add->callback([&rc, &g, ua] {
    rc = with_actor(g, ua->as, true, [&](RegistryCall& call) {
      auto role = registry::parse_role(ua->role);
      if (!role) return report(role.error().within("--role"));
      const registry::NewUser n{ua->login, *role, ua->org, ua->subscriber, ua->email};
      if (!ua->password_file) {
        auto mail = call.ctx.account_mailer();
        if (!mail) return report(mail.error());
        auto sent = registry::invite_user(call.env, call.actor, n, *mail);
        if (!sent) return report(sent.error());
        const registry::User& u = sent->user;
        if (ua->json) {
          nlohmann::json j{{"id", u.id}, {"login", u.login}, {"role", to_string(u.role)}};
          j["org_id"] = u.org_id ? nlohmann::json(*u.org_id) : nlohmann::json();
          j["email"] = u.email.value_or("");
          j["activation_expires_at"] = timefmt::iso8601_utc(sent->expires_at);
          std::cout << j.dump(2) << "\n";
        } else {
          std::cout << u.id << "\n"
                    << "Liên kết kích hoạt đã vào hàng gửi tới " << u.email.value_or("") << ", hết hạn "
                    << timefmt::vn_datetime(sent->expires_at) << " / Activation link queued for "
                    << u.email.value_or("") << ", expires " << timefmt::iso8601_utc(sent->expires_at) << "\n";
        }
        return int{kOk};
      }
      // The local operator chose this password; a portal admin (--as) never sets one.
      if (ua->as) {
        return report(Error::make(ErrorCode::invalid_input,
                                  "Chỉ người vận hành cục bộ (không có --as) được đặt mật khẩu bằng --password-file",
                                  "Only the local operator (without --as) sets a password with --password-file",
                                  "--password-file"));
      }
      auto bytes = read_file(*ua->password_file, 4096);
      if (!bytes) return report(bytes.error().within("--password-file"));
      std::string password(bytes->begin(), bytes->end());
      while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
      auto u = registry::create_user(call.env, call.actor, n, password);
      if (!u) return report(u.error());
      // The second factor of ra_officer, ca_operator and admin (RFC 6238 TOTP): shown once.
      std::string totp;
      if (registry::needs_second_factor(u->role)) {
        auto secret = enroll_second_factor(call, u->id);
        if (!secret) return report(secret.error());
        totp = *secret;
      }
      if (ua->json) {
        nlohmann::json j{{"id", u->id}, {"login", u->login}, {"role", to_string(u->role)}};
        j["org_id"] = u->org_id ? nlohmann::json(*u->org_id) : nlohmann::json();
        j["email"] = u->email ? nlohmann::json(*u->email) : nlohmann::json();
        if (!totp.empty()) j["totp_secret"] = totp;
        std::cout << j.dump(2) << "\n";
      } else {
        std::cout << u->id << "\n";
        if (!totp.empty()) {
          std::cout << "Mã bí mật TOTP (chỉ hiện một lần) / TOTP secret (shown once): " << totp << "\n"
                    << registry::otpauth_uri(u->login, totp) << "\n";
        }
      }
      return int{kOk};
    });
  });
}

}  // namespace ct::cli
