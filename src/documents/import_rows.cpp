// Rows of the national sheet → planned subscribers and draft requests, each cell checked: the
// encoding (UTF-8, NFC), what the spreadsheet did to it (numbers that lost their leading zero,
// dates stored as serial numbers), the organization columns against the tree and the actor's
// scope, duplicates within the sheet, and then the registry's validation policy (SPEC §5), whose
// findings are mapped back to the cells they are about.
#include <map>
#include <set>

#include "common/hex.h"
#include "common/text.h"
#include "documents/import_internal.h"
#include "documents/sheet_headers.h"
#include "registry/access_policy.h"
#include "registry/subscriber.h"
#include "registry/validation_input.h"

namespace ct::documents::detail {
namespace {

using registry::Severity;
using C = Column;

struct RowState {
  const SheetLayout* layout = nullptr;
  int number = 0;
  SheetValues values;              // by template column; "" for a column the sheet lacks
  std::string unit;                // «Đơn vị»
  std::vector<std::string> cells;  // the sheet's row as read, in its own columns
  std::set<std::size_t> reported;  // template columns with an import finding: validation skips them
  std::vector<CellIssue> issues;

  // A finding on the sheet column `at`; `about` names it when the sheet has no such column.
  void add_at(std::optional<std::size_t> at, std::string_view about, const std::string& value, std::string code,
              Severity sev, std::string vi, std::string en) {
    issues.push_back(issue(layout->headers, number, at, value, std::move(code), sev, std::move(vi), std::move(en)));
    if (!at && !about.empty()) issues.back().header = std::string(about);
  }
  void add(std::optional<Column> col, std::string code, Severity sev, std::string vi, std::string en) {
    if (col) reported.insert(index_of(*col));
    add_at(col ? layout->where(*col) : std::nullopt, col ? info(*col).header : std::string_view(), col ? v(*col) : std::string(),
           std::move(code), sev, std::move(vi), std::move(en));
  }
  void add_unit(std::string code, Severity sev, std::string vi, std::string en) {
    add_at(layout->unit, "", unit, std::move(code), sev, std::move(vi), std::move(en));
  }
  [[nodiscard]] const std::string& v(Column c) const { return values[index_of(c)]; }
};

bool is_blank(const SheetRowCells& row) {
  for (const auto& c : row.cells)
    if (!text::trim(c.text).empty()) return false;
  return true;
}

// One cell as text: encoding, NFC, trimming; nullopt when it is not UTF-8.
std::optional<std::string> cell_text(const Cell& cell) {
  if (!text::is_valid_utf8(cell.text)) return std::nullopt;
  auto nfc = text::to_nfc(text::trim(cell.text));
  return nfc ? *nfc : text::trim(cell.text);
}

// Reads the cells of a row into the template's columns: encoding, NFC, trimming, numbers and
// dates as Excel stores them.
void read_cells(const SheetRowCells& src, RowState& row) {
  for (const auto& cell : src.cells) row.cells.push_back(printable(cell_text(cell).value_or(cell.text)));
  if (row.cells.size() < row.layout->headers.size()) row.cells.resize(row.layout->headers.size());
  if (const auto at = row.layout->unit; at && *at < src.cells.size()) {
    if (auto t = cell_text(src.cells[*at])) {
      row.unit = *t;
    } else {
      row.unit = printable(src.cells[*at].text);
      row.add_unit("encoding", Severity::error, "Ô không phải văn bản UTF-8 (có thể là mã TCVN3/VNI/Windows-1258): hãy lưu tệp dạng \"CSV UTF-8\"",
                   "The cell is not UTF-8 text (perhaps TCVN3/VNI/Windows-1258): save the file as \"CSV UTF-8\"");
    }
  }
  for (std::size_t i = 0; i < kColumnCount; ++i) {
    const auto col = columns()[i].column;
    const auto at = row.layout->where(col);
    const Cell cell = at && *at < src.cells.size() ? src.cells[*at] : Cell{};
    const auto text = cell_text(cell);
    if (!text) {
      row.values[i] = printable(cell.text);
      row.add(col, "encoding", Severity::error,
              "Ô không phải văn bản UTF-8 (có thể là mã TCVN3/VNI/Windows-1258): hãy lưu tệp dạng \"CSV UTF-8\"",
              "The cell is not UTF-8 text (perhaps TCVN3/VNI/Windows-1258): save the file as \"CSV UTF-8\"");
      continue;
    }
    row.values[i] = *text;
    if (cell.kind != Cell::Kind::number) continue;
    if (col == C::dob || col == C::cccd_date) {
      if (auto d = excel_serial_date(cell.number)) row.values[i] = *d;
    } else if (col == C::cccd || col == C::phone) {
      row.add(col, "stored_as_number", Severity::error,
              "Ô được lưu dạng số nên mất số 0 ở đầu; hãy định dạng cột là Văn bản (Text) và nhập lại",
              "The cell is stored as a number, so its leading zero is lost; format the column as Text and re-enter it");
    }
  }
}

struct OrgCache {
  std::map<std::string, std::optional<registry::Organization>> by_key;
  std::map<std::string, std::vector<registry::Organization>> units;
};

// «Đơn vị»: the organization of that name below the levels the row gives (anywhere when it gives
// none) and within the actor's reach; it must be the only one.
std::optional<registry::Organization> find_unit(store::Connection& c, OrgCache& cache, const registry::Actor& actor,
                                                const std::optional<registry::Organization>& above, RowState& row,
                                                Result<void>& error) {
  if (above && text::fold(above->name) == text::fold(row.unit)) return above;
  const std::string key = "unit|" + std::to_string(above ? above->id : 0) + "|" + text::fold(row.unit);
  auto it = cache.units.find(key);
  if (it == cache.units.end()) {
    auto found = registry::find_organizations_named(c, row.unit, above ? above->path : std::string());
    if (!found) {
      error = fail(found.error());
      return std::nullopt;
    }
    std::erase_if(*found, [&](const registry::Organization& o) { return !actor.reaches(o.path); });
    it = cache.units.emplace(key, std::move(*found)).first;
  }
  const auto& candidates = it->second;
  if (candidates.size() == 1) return candidates.front();
  const std::string under = above ? " trực thuộc «" + above->name + "»" : "";
  const std::string under_en = above ? " under «" + above->name + "»" : "";
  if (candidates.empty()) {
    row.add_unit("org_unknown", Severity::error, "Không có đơn vị «" + row.unit + "»" + under + " trong phạm vi quản lý của " + actor.login,
                 "No unit «" + row.unit + "»" + under_en + " within " + actor.login + "'s scope");
  } else {
    row.add_unit("org_ambiguous", Severity::error,
                 "Có " + std::to_string(candidates.size()) + " đơn vị tên «" + row.unit + "»" + under +
                     ": hãy ghi thêm cơ quan cấp trên (cột «Cơ quan cấp 1», «Cơ quan cấp 2», …)",
                 std::to_string(candidates.size()) + " units are named «" + row.unit + "»" + under_en +
                     ": add the parent organizations (columns «Cơ quan cấp 1», «Cơ quan cấp 2», …)");
  }
  return std::nullopt;
}

// Organization columns «Cơ quan cấp 1…4» from level 1 down, then «Đơn vị», and the province.
std::optional<registry::Organization> resolve_org(store::Connection& c, OrgCache& cache, const registry::Actor& actor,
                                                  RowState& row, Result<void>& error) {
  std::optional<registry::Organization> org;
  std::optional<Column> deepest;
  for (std::size_t level = 0; level < 4; ++level) {
    const Column col = static_cast<Column>(index_of(C::org1) + level);
    const std::string& name = row.v(col);
    if (name.empty()) continue;
    if (level > 0 && !org) {
      const Column gap = static_cast<Column>(index_of(col) - 1);
      if (row.reported.count(index_of(gap)) == 0) {
        row.add(gap, "org_gap", Severity::error, "Thiếu tên cơ quan cấp " + std::to_string(level) + " (cấp trên của «" + name + "»)",
                "Organization level " + std::to_string(level) + " is missing (the parent of «" + name + "»)");
      }
      return std::nullopt;
    }
    const std::string key = std::to_string(org ? org->id : 0) + "|" + text::fold(name);
    auto it = cache.by_key.find(key);
    if (it == cache.by_key.end()) {
      auto found = registry::find_child_organization(c, org ? std::optional<std::int64_t>(org->id) : std::nullopt, name);
      if (!found) {
        error = fail(found.error());
        return std::nullopt;
      }
      it = cache.by_key.emplace(key, std::move(*found)).first;
    }
    if (!it->second) {
      const std::string under = org ? " trực thuộc «" + org->name + "»" : " ở cấp 1";
      const std::string under_en = org ? " under «" + org->name + "»" : " at level 1";
      row.add(col, "org_unknown", Severity::error, "Không có cơ quan «" + name + "»" + under + " trong hệ thống",
              "No organization «" + name + "»" + under_en + " in the registry");
      return std::nullopt;
    }
    org = it->second;
    deepest = col;
  }
  const bool by_unit = !row.unit.empty();
  if (by_unit) {
    org = find_unit(c, cache, actor, org, row, error);
    if (!org) return std::nullopt;
  }
  if (!org) {
    if (row.layout->where(C::org1) || !row.layout->unit) {
      row.add(C::org1, "required", Severity::error, "Thiếu thông tin bắt buộc: cơ quan cấp 1",
              "Required information is missing: organization level 1");
    } else {
      row.add_unit("required", Severity::error, "Thiếu thông tin bắt buộc: đơn vị", "Required information is missing: the unit");
    }
    return std::nullopt;
  }
  if (!registry::allowed(actor, registry::Action::subscriber_create, org->path) ||
      !registry::allowed(actor, registry::Action::request_create, org->path)) {
    const std::string vi = "Cơ quan «" + org->name + "» nằm ngoài phạm vi quản lý của " + actor.login;
    const std::string en = "Organization «" + org->name + "» is outside " + actor.login + "'s scope";
    if (by_unit) {
      row.add_unit("out_of_scope", Severity::error, vi, en);
    } else {
      row.add(deepest, "out_of_scope", Severity::error, vi, en);
    }
    return std::nullopt;
  }
  auto strip = [](std::string f) {
    for (const char* p : {"tinh ", "thanh pho ", "tp "})
      if (f.rfind(p, 0) == 0) f = f.substr(std::string(p).size());
    return f;
  };
  if (!row.v(C::province).empty() && strip(text::fold(row.v(C::province))) != strip(text::fold(org->province))) {
    row.add(C::province, "province_mismatch", Severity::warning,
            "Tỉnh/thành phố khác với của cơ quan («" + org->province + "»)",
            "The province differs from the organization's («" + org->province + "»)");
  }
  return org;
}

std::optional<Column> column_for(const registry::Finding& f) {
  if (f.field == "ground") return C::type;
  if (f.field == "mailbox") return C::email;
  return column_of_field(f.field);
}

Column deepest_org_column(const RowState& row) {
  for (int level = 3; level >= 0; --level) {
    const auto col = static_cast<Column>(index_of(C::org1) + static_cast<std::size_t>(level));
    if (!row.v(col).empty()) return col;
  }
  return C::org1;
}

// Findings about documents and keys concern what is attached to the draft later, not the sheet.
bool deferred(const registry::Finding& f) { return f.field == "attachments" || f.field == "csr"; }

}  // namespace

Result<std::vector<PlannedRow>> plan_rows(registry::RegistryEnv& env, const registry::Actor& actor, store::Connection& c,
                                          const Table& table, const SheetLayout& layout, const ImportOptions& options,
                                          ImportReport& report) {
  std::vector<PlannedRow> out;
  OrgCache orgs;
  std::map<std::string, int> seen_cccd, seen_email;
  std::map<Column, int> absent;  // template columns the sheet lacks → rows whose checks need them
  const std::size_t header_issues = report.issues.size();
  const TimePoint now = env.clock.now();
  for (std::size_t i = layout.header + 1; i < table.rows.size(); ++i) {
    const SheetRowCells& src = table.rows[i];
    if (is_blank(src)) continue;
    RowState row;
    row.layout = &layout;
    row.number = src.number;
    read_cells(src, row);
    PlannedRow p;
    p.sheet_row = row.number;
    p.type = options.default_type;
    if (!row.v(C::type).empty()) {
      if (auto t = parse_type_cell(row.v(C::type))) {
        p.type = *t;
      } else {
        row.add(C::type, "type_unknown", Severity::error,
                "Loại yêu cầu không hợp lệ (cấp mới, gia hạn, thay đổi nội dung, cấp lại, khôi phục thiết bị lưu khóa bí mật, "
                "thu hồi, cấp mới hòm thư công vụ)",
                "Unknown request type (new, renew, change_info, reissue, recover_device, revoke, mailbox)");
      }
    }
    if (auto k = parse_keep_number(row.v(C::keep_number))) {
      p.keep_number = *k;
    } else {
      row.add(C::keep_number, "keep_number_format", Severity::error, "Cột «Giữ số» ghi «Có» hoặc để trống",
              "The «Giữ số» (keep number) column holds «Có» (yes) or nothing");
    }
    if (!row.v(C::old_serial).empty()) {
      if (auto s = normalize_serial_hex(row.v(C::old_serial))) {
        p.cert_serial = *s;
      } else {
        row.add(C::old_serial, "serial_format", Severity::error, "Số hiệu chứng thư số phải là chuỗi hệ 16 (0–9, A–F)",
                "The certificate serial must be hexadecimal (0–9, A–F)");
      }
    }
    Result<void> lookup_error;
    const auto org = resolve_org(c, orgs, actor, row, lookup_error);
    if (!lookup_error) return fail(lookup_error.error());
    registry::SubjectData d;
    d.full_name = row.v(C::full_name);
    d.dob = row.v(C::dob);
    d.cccd = row.v(C::cccd);
    d.cccd_place = row.v(C::cccd_place);
    d.cccd_date = row.v(C::cccd_date);
    d.email = row.v(C::email);
    d.position = row.v(C::position);
    d.phone = row.v(C::phone);
    d.carrier = row.v(C::carrier);
    d.device = row.v(C::device);
    auto norm = registry::normalized(d);
    if (!norm) {
      const auto col = column_of_field(norm.error().context);
      row.add(col, "text_invalid", Severity::error, norm.error().message_vi, norm.error().message_en);
    } else {
      p.subject = std::move(*norm);
    }
    if (!p.subject.cccd.empty() && row.reported.count(index_of(C::cccd)) == 0) {
      if (auto [it, fresh] = seen_cccd.emplace(p.subject.cccd, row.number); !fresh) {
        row.add(C::cccd, "duplicate", Severity::error, "Trùng người với dòng " + std::to_string(it->second) + " (cùng số CCCD)",
                "The same person as row " + std::to_string(it->second) + " (same CCCD)");
      }
    }
    if (!p.subject.email.empty() && row.reported.count(index_of(C::email)) == 0) {
      if (auto [it, fresh] = seen_email.emplace(p.subject.email, row.number); !fresh) {
        row.add(C::email, "duplicate_email", Severity::error,
                "Thư điện tử trùng với dòng " + std::to_string(it->second) + ": mỗi người một hòm thư công vụ",
                "The e-mail repeats row " + std::to_string(it->second) + ": one official mailbox per person");
      }
    }
    registry::ValidationInput in;
    in.type = p.type;
    in.subject = p.subject;
    in.cert_serial = p.cert_serial;
    in.now = now;
    if (org) {
      p.org_id = org->id;
      in.org_state_body = org->state_body;
      if (!p.subject.cccd.empty() && row.reported.count(index_of(C::cccd)) == 0) {
        auto existing = registry::find_subscriber_by_cccd(c, p.subject.cccd);
        if (!existing) return fail(existing.error());
        if (*existing && (*existing)->org_id == org->id) {
          p.subscriber_id = (*existing)->id;
          auto held = registry::held_certificates(c, (*existing)->id);
          if (!held) return fail(held.error());
          in.held = std::move(*held);
        } else if (*existing && actor.reaches((*existing)->org_path)) {
          // Only within the user's reach: a CCCD of an organization outside it is not the
          // importer's to know (issue 14, 4); the registration office sees both at review.
          row.add(C::cccd, "cccd_taken", Severity::error,
                  "Số CCCD đã đăng ký cho một thuê bao của cơ quan khác; hãy dùng yêu cầu thay đổi nội dung",
                  "This CCCD is registered for a subscriber of another organization; use a change request instead");
        }
      }
    }
    p.findings = registry::validate(in, env.settings);
    bool needs_absent = false;
    for (const auto& f : p.findings) {
      if (deferred(f)) continue;
      if (f.field == "organization") {
        if (!org) continue;
        if (!row.unit.empty()) {
          row.add_unit(f.code, f.severity, f.message_vi, f.message_en);
        } else {
          const Column org_col = deepest_org_column(row);
          row.add_at(layout.where(org_col), "", row.v(org_col), f.code, f.severity, f.message_vi, f.message_en);
        }
        continue;
      }
      const auto col = column_for(f);
      if (col && row.reported.count(index_of(*col)) > 0) continue;
      if (col && !layout.where(*col)) {
        // Said once for the sheet, below, rather than on every row.
        if (f.severity == Severity::error) {
          ++absent[*col];
          needs_absent = true;
        }
        continue;
      }
      row.add_at(col ? layout.where(*col) : std::nullopt, "", col ? row.v(*col) : std::string(), f.code, f.severity,
                 f.message_vi, f.message_en);
    }
    p.bad = needs_absent ||
            std::any_of(row.issues.begin(), row.issues.end(), [](const CellIssue& x) { return x.severity == Severity::error; });
    ++report.data_rows;
    ++(p.bad ? report.bad_rows : report.good_rows);
    report.rows.emplace_back(row.number, std::move(row.cells));
    for (auto& x : row.issues) report.issues.push_back(std::move(x));
    out.push_back(std::move(p));
  }
  std::vector<CellIssue> missing;
  for (const auto& [col, rows] : absent) {
    std::string names;
    for (auto n : header_names(col)) names += (names.empty() ? "«" : ", «") + std::string(n) + "»";
    const std::string want(info(col).header);
    missing.push_back(issue({}, layout.header_row, std::nullopt, "", "column_missing", Severity::error,
                            "Thiếu cột «" + want + "» (đã tìm các tiêu đề " + names + "): " + std::to_string(rows) +
                                " dòng cần thông tin này",
                            "The «" + want + "» (" + std::string(info(col).header_en) + ") column is missing (looked for the headers " +
                                names + "): " + std::to_string(rows) + " rows need it"));
    missing.back().header = want;
  }
  report.issues.insert(report.issues.begin() + static_cast<std::ptrdiff_t>(header_issues), missing.begin(), missing.end());
  return out;
}

}  // namespace ct::documents::detail
