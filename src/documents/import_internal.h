#pragma once
// Internal to the importer: the rows it plans to write, the steps that read, check and write them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "documents/import.h"
#include "registry/organization.h"
#include "registry/subject_data.h"

namespace ct::documents::detail {

struct PlannedRow {
  int sheet_row = 0;
  registry::RequestType type = registry::RequestType::new_cert;
  registry::SubjectData subject;
  std::string cert_serial;
  bool keep_number = false;
  std::int64_t org_id = 0;
  std::optional<std::int64_t> subscriber_id;    // an existing subscriber with this CCCD
  std::vector<registry::Finding> findings;      // the full validation, stored on the draft
  bool bad = false;
};

// The header row: its index in table.rows, or nullopt with findings in `report` (a sheet
// without the exact header row is not read any further).
[[nodiscard]] std::optional<std::size_t> find_header(const Table& table, ImportReport& report);

// Checks every data row after `header`; fills report.rows, issues and counts.
[[nodiscard]] Result<std::vector<PlannedRow>> plan_rows(registry::RegistryEnv& env, const registry::Actor& actor,
                                                        store::Connection& c, const Table& table, std::size_t header,
                                                        const ImportOptions& options, ImportReport& report);

// Writes the good rows as subscribers and draft requests with one audit entry, inside the
// caller's transaction.
[[nodiscard]] Status write_rows(store::Connection& c, const Clock& clock, const registry::Actor& actor,
                                const std::vector<PlannedRow>& rows, std::string_view file_name, ImportReport& report);

// A cell value fit for a message: invalid UTF-8 bytes as \xNN.
[[nodiscard]] std::string printable(std::string_view s);

[[nodiscard]] CellIssue issue(int row, std::optional<Column> col, const std::string& value, std::string code,
                              registry::Severity sev, std::string vi, std::string en);

}  // namespace ct::documents::detail
