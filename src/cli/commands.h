#pragma once

#include <CLI/CLI.hpp>

#include "cli/cli_support.h"

namespace ct::cli {

// Each registers its sub-command(s); the callback stores the exit code in `rc`.
void register_init(CLI::App& app, GlobalOptions& g, int& rc);
void register_serve(CLI::App& app, GlobalOptions& g, int& rc);
void register_ca(CLI::App& app, GlobalOptions& g, int& rc);
void register_cert(CLI::App& app, GlobalOptions& g, int& rc);
void register_crl(CLI::App& app, GlobalOptions& g, int& rc);
void register_ocsp(CLI::App& app, GlobalOptions& g, int& rc);
void register_audit(CLI::App& app, GlobalOptions& g, int& rc);
// The registry (commands_org.cpp, commands_request.cpp, commands_round.cpp, commands_worker.cpp).
void register_registry_people(CLI::App& app, GlobalOptions& g, int& rc);  // org, subscriber, user
void register_request(CLI::App& app, GlobalOptions& g, int& rc);
void register_round(CLI::App& app, GlobalOptions& g, int& rc);            // round, batch
void register_worker(CLI::App& app, GlobalOptions& g, int& rc);
// The scheduler's periodic jobs (commands_jobs.cpp): jobs run --once, jobs list.
void register_jobs(CLI::App& app, GlobalOptions& g, int& rc);
void register_backup(CLI::App& app, GlobalOptions& g, int& rc);  // backup, restore
// The notification outbox (commands_mail.cpp): mail outbox, mail retry.
void register_mail(CLI::App& app, GlobalOptions& g, int& rc);
// Documents (commands_documents.cpp): adds export/import to `batch`, letter/export to `request`.
void register_documents(CLI::App& app, GlobalOptions& g, int& rc);
// PKCS#11 devices (commands_token.cpp): token list, token enroll, token reset-pin.
void register_token(CLI::App& app, GlobalOptions& g, int& rc);
// The device register (commands_device.cpp): device list, device show.
void register_device(CLI::App& app, GlobalOptions& g, int& rc);

// The actor the CLI records in audit entries: "cli:" + $USER ("cli:unknown" without one).
[[nodiscard]] std::string cli_actor();
// After a command's commit: signs an audit checkpoint when `always`, or when the log has grown
// by audit::kCheckpointEvery entries since the last one. A failure is printed as a warning and
// does not change the command's outcome (what it recorded is already committed).
void checkpoint_after_write(app::Context& ctx, bool always);

}  // namespace ct::cli
