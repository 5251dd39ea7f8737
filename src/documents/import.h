#pragma once
// Import of a list of people and requests from XLSX or CSV (SPEC §5, §7) with the columns of
// the national 19-column sheet (national_sheet.h) found by what their headers mean, in any order
// and below any title rows (sheet_headers.h); columns the template lacks are ignored with a
// warning. Every row is checked with the registry's validation policy and the result is a report of
// every bad cell (row, column, value, Vietnamese and English message). Good rows become
// subscribers (reused when the CCCD is already registered within the actor's reach) and draft
// requests only on commit, all in one transaction: either every row that is written is written,
// or nothing is. A commit is refused while any row has an error, unless `good_rows_only` says
// to write the good rows and leave the bad ones out.
//
// Refusals (an error value, nothing read further): a file that is not a spreadsheet, one over
// the size limits, a zip bomb, an actor who may not create requests anywhere. Everything about
// the content is a finding in the report.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "documents/csv_reader.h"
#include "documents/docx_reader.h"
#include "documents/national_sheet.h"
#include "documents/xlsx_reader.h"
#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/validation.h"

namespace ct::documents {

enum class SheetFormat { xlsx, csv, docx };

// XLSX when the content is a ZIP archive holding a workbook, DOCX when it holds a Word document
// (its largest table is read, docx_reader.h); CSV when it is text (no NUL byte) and the name
// does not say otherwise. Refuses the rest — PDF, images, legacy .xls and .doc — saying how to
// save the file instead.
[[nodiscard]] Result<SheetFormat> detect_format(std::span<const std::uint8_t> data, std::string_view file_name);

struct ImportOptions {
  bool commit = false;          // false: dry run, nothing is written
  bool good_rows_only = false;  // commit the good rows even when others have errors
  registry::RequestType default_type = registry::RequestType::new_cert;  // when column S is empty
  XlsxLimits xlsx;
  CsvLimits csv;
};

struct CellIssue {
  int row = 0;               // sheet row (1-based)
  std::string column;        // the sheet's column letter ("D"); "" for the whole row
  std::string header;        // that column's header as the sheet writes it
  std::string value;         // the cell as read (bytes that are not UTF-8 shown as \xNN)
  std::string code;          // validation rule code or an import code (header, encoding, duplicate, …)
  registry::Severity severity = registry::Severity::error;
  std::string message_vi;
  std::string message_en;
};

struct ImportReport {
  SheetFormat format = SheetFormat::xlsx;
  std::string sheet;
  int header_row = 0;
  int data_rows = 0;
  int good_rows = 0;
  int bad_rows = 0;
  std::vector<CellIssue> issues;  // in sheet order
  bool committed = false;
  std::vector<std::int64_t> request_ids;     // the drafts created (on commit)
  std::vector<std::int64_t> new_subscribers; // subscribers created (on commit)
  // The sheet's header row and data rows as read (its columns, its order), for the marked-up
  // report workbook.
  std::vector<std::string> headers;
  std::vector<std::pair<int, std::vector<std::string>>> rows;

  [[nodiscard]] bool has_errors() const noexcept;
};

[[nodiscard]] Result<ImportReport> import_sheet(registry::RegistryEnv& env, const registry::Actor& actor,
                                                std::span<const std::uint8_t> data, std::string_view file_name,
                                                const ImportOptions& options);

// The report as a workbook: the sheet's rows with every bad cell filled red and its messages as
// a comment, and a second sheet listing every finding.
[[nodiscard]] Result<Bytes> report_xlsx(const ImportReport& report);
[[nodiscard]] nlohmann::json to_json(const ImportReport& report);
// "row 4, D (Số CCCD) «12345»: vi / en" lines.
[[nodiscard]] std::string describe(const ImportReport& report);

}  // namespace ct::documents
