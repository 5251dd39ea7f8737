#pragma once
// Internal to the importer: the rows it plans to write, the steps that read, check and write them.

#include <array>
#include <map>
#include <set>
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

// Where the template's columns are in this sheet: any order, any wording its headers use
// (sheet_headers.h), title rows above skipped.
struct SheetLayout {
  std::size_t header = 0;                                     // the header row's index in table.rows
  int header_row = 0;                                         // and its sheet row number
  std::vector<std::string> headers;                           // the header row as written
  std::array<std::optional<std::size_t>, kColumnCount> at{};  // template column → sheet column (A = 0)
  std::optional<std::size_t> unit;                            // «Đơn vị», when the sheet has it

  [[nodiscard]] std::optional<std::size_t> where(Column c) const { return at[index_of(c)]; }
};

// The header row and the columns it names, or nullopt with findings in `report`: no row that
// looks like a header in the first rows, or a column without which no row can be read (the
// name, the CCCD, an organization) is missing.
[[nodiscard]] std::optional<SheetLayout> find_header(const Table& table, ImportReport& report);

// Checks every data row after the header; fills report.rows, issues and counts.
[[nodiscard]] Result<std::vector<PlannedRow>> plan_rows(registry::RegistryEnv& env, const registry::Actor& actor,
                                                        store::Connection& c, const Table& table,
                                                        const SheetLayout& layout, const ImportOptions& options,
                                                        ImportReport& report);

// Writes the good rows as subscribers and draft requests with one audit entry, inside the
// caller's transaction.
[[nodiscard]] Status write_rows(store::Connection& c, const Clock& clock, const registry::Actor& actor,
                                const std::vector<PlannedRow>& rows, std::string_view file_name, ImportReport& report);

// A cell value fit for a message: invalid UTF-8 bytes as \xNN.
[[nodiscard]] std::string printable(std::string_view s);

// A finding about the cell of sheet column `col` (A = 0; nullopt: the whole row), named by the
// header the sheet gives it.
[[nodiscard]] CellIssue issue(const std::vector<std::string>& headers, int row, std::optional<std::size_t> col,
                              const std::string& value, std::string code, registry::Severity sev, std::string vi,
                              std::string en);

}  // namespace ct::documents::detail
