#include "registry/notification_recipients.h"

#include <algorithm>

#include "common/text.h"

namespace ct::registry {
namespace {

constexpr const char* kUserRecipientColumns = "u.id, u.login, u.email, o.path";

struct UserRow {
  MailRecipient r;
  std::string org_path;
};

UserRow read_user_row(const store::Query& q) {
  UserRow row;
  row.r.user_id = q.get_int(0);
  row.r.name = q.get_text(1);
  row.r.email = text::ascii_lower(q.get_text(2));
  row.org_path = q.get_opt_text(3).value_or("");
  return row;
}

}  // namespace

void add_recipient(std::vector<MailRecipient>& out, MailRecipient r) {
  r.email = text::ascii_lower(r.email);
  if (r.email.empty()) return;
  const bool known = std::any_of(out.begin(), out.end(), [&](const MailRecipient& x) { return x.email == r.email; });
  if (!known) out.push_back(std::move(r));
}

Result<std::optional<MailRecipient>> user_recipient(store::Connection& c, std::string_view login) {
  auto q = c.query(std::string("SELECT ") + kUserRecipientColumns +
                   " FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.login = $1 AND u.active = 1 "
                   "AND u.email IS NOT NULL AND u.email <> ''");
  if (!q) return fail(q.error());
  q->bind(1, login);
  auto rows = store::read_all<UserRow>(*q, read_user_row);
  if (!rows) return fail(rows.error());
  if (rows->empty()) return std::optional<MailRecipient>{};
  return std::optional<MailRecipient>{rows->front().r};
}

Result<std::optional<MailRecipient>> subscriber_recipient(store::Connection& c, std::int64_t subscriber_id) {
  auto q = c.query(
      "SELECT s.email, s.full_name, (SELECT MIN(u.id) FROM users u WHERE u.subscriber_id = s.id AND u.active = 1) "
      "FROM subscribers s WHERE s.id = $1");
  if (!q) return fail(q.error());
  q->bind(1, subscriber_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row || q->get_text(0).empty()) {
    if (auto s = q->run(); !s) return fail(s.error());
    return std::optional<MailRecipient>{};
  }
  MailRecipient r{text::ascii_lower(q->get_text(0)), q->get_text(1), q->get_opt_int(2)};
  if (auto s = q->run(); !s) return fail(s.error());
  return std::optional<MailRecipient>{std::move(r)};
}

Result<std::vector<MailRecipient>> unit_manager_recipients(store::Connection& c, const std::string& org_path,
                                                           bool optional_mail) {
  // The managers of every ancestor (a path is a prefix of the organization's path), nearest first.
  auto q = c.query(std::string("SELECT ") + kUserRecipientColumns +
                   " FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.role = 'unit_manager' AND "
                   "u.active = 1 AND u.email IS NOT NULL AND u.email <> '' AND ($2 = 0 OR u.notify_unit_reminders = 1) "
                   "AND $1 LIKE o.path || '%' ORDER BY LENGTH(o.path) DESC, u.id");
  if (!q) return fail(q.error());
  q->bind(1, org_path).bind(2, std::int64_t{optional_mail ? 1 : 0});
  auto rows = store::read_all<UserRow>(*q, read_user_row);
  if (!rows) return fail(rows.error());
  std::vector<MailRecipient> out;
  for (const UserRow& row : *rows) {
    if (row.org_path != rows->front().org_path) break;  // only the nearest level that has managers
    add_recipient(out, row.r);
  }
  return out;
}

Result<std::vector<MailRecipient>> digest_recipients(store::Connection& c) {
  auto q = c.query(std::string("SELECT ") + kUserRecipientColumns +
                   " FROM users u LEFT JOIN organizations o ON o.id = u.org_id WHERE u.role = 'ra_officer' AND "
                   "u.active = 1 AND u.email IS NOT NULL AND u.email <> '' AND u.notify_digest = 1 ORDER BY u.id");
  if (!q) return fail(q.error());
  auto rows = store::read_all<UserRow>(*q, read_user_row);
  if (!rows) return fail(rows.error());
  std::vector<MailRecipient> out;
  for (const UserRow& row : *rows) add_recipient(out, row.r);
  return out;
}

}  // namespace ct::registry
