#pragma once
// Who is told about what (SPEC §9), read where the registry's tables are: the addresses of the
// people behind a request, a certificate, a round or the registration office's queue. Only active
// users with an e-mail address receive mail; a subscriber receives at its official address.

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace ct::registry {

struct MailRecipient {
  std::string email;                    // lower-case
  std::string name;                     // how the mail greets them (full name or login)
  std::optional<std::int64_t> user_id;  // the user who sees it among their notifications
};

// The active user `login`, when they have an address.
[[nodiscard]] Result<std::optional<MailRecipient>> user_recipient(store::Connection& c, std::string_view login);
// The subscriber at its official address, with the user account it signs in with, if any.
[[nodiscard]] Result<std::optional<MailRecipient>> subscriber_recipient(store::Connection& c,
                                                                        std::int64_t subscriber_id);
// The unit managers nearest to organization `org_path` (of the organization itself, else of the
// closest ancestor that has some). `optional_mail`: leave out those who turned off reminders
// about their unit's people.
[[nodiscard]] Result<std::vector<MailRecipient>> unit_manager_recipients(store::Connection& c,
                                                                         const std::string& org_path,
                                                                         bool optional_mail);
// The registration office's officers who receive the daily digest.
[[nodiscard]] Result<std::vector<MailRecipient>> digest_recipients(store::Connection& c);

// Adds `r` to `out` unless its address is there already: one mail per address per event.
void add_recipient(std::vector<MailRecipient>& out, MailRecipient r);

}  // namespace ct::registry
