// Official documents over the API (SPEC §5, §7): the national sheet (XLSX) and the PDF list of a
// batch, a filtered request list as XLSX, a request's PDF letter, and the import of a national
// sheet (XLSX or CSV, the raw body) as a dry run, a commit or a marked-up report workbook. The
// documents library (documents/export.h, documents/import.h) does the work and the scope checks;
// this file only maps HTTP onto it.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "documents/export.h"
#include "documents/import.h"
#include "documents/list_template.h"
#include "server/problem.h"
#include "server/routes_api_support.h"

namespace ct::server {

void add_document_routes(std::vector<ApiRoute>& out);  // routes_api_table.cpp

namespace {

namespace S = schema;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kPdfType = "application/pdf";
constexpr std::size_t kMaxImportBytes = 10 * 1024 * 1024;

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

// ?name=true|false; absent: `fallback`.
Result<bool> query_bool(const HttpRequest& req, const std::string& name, bool fallback) {
  auto it = req.query.find(name);
  if (it == req.query.end()) return fallback;
  if (it->second == "true") return true;
  if (it->second == "false") return false;
  return fail(invalid("Giá trị phải là true hoặc false", "The value must be true or false", name));
}

ApiResult batch_export(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  const std::string format = query_text(call.req, "format");
  if (format.empty() || format == "xlsx") {
    auto x = documents::export_batch_xlsx(call.env, call.who(), *id);
    if (!x) return problem(x.error());
    return file_response(*x, kXlsxType, "danh-sach-" + std::to_string(*id) + ".xlsx");
  }
  if (format == "pdf") {
    auto p = documents::export_batch_pdf(call.env, call.who(), *id);
    if (!p) return problem(p.error());
    return file_response(*p, kPdfType, "danh-sach-" + std::to_string(*id) + ".pdf");
  }
  return problem(invalid("Định dạng phải là xlsx hoặc pdf", "The format must be xlsx or pdf", "format"));
}

ApiResult requests_export(ApiCall& call) {
  registry::RequestFilter f;
  if (auto s = query_text(call.req, "state"); !s.empty()) {
    auto st = registry::parse_request_state(s);
    if (!st) return problem(st.error().within("state"));
    f.state = *st;
  }
  if (auto t = query_text(call.req, "type"); !t.empty()) {
    auto type = registry::parse_request_type(t);
    if (!type) return problem(type.error().within("type"));
    f.type = *type;
  }
  auto overdue = query_bool(call.req, "overdue", false);
  if (!overdue) return problem(overdue.error());
  f.overdue_only = *overdue;
  if (call.req.query.count("batch") != 0) {
    auto b = query_integer(call.req, "batch", 0, 1, INT64_MAX);
    if (!b) return problem(b.error());
    f.batch_id = *b;
  }
  f.search = query_text(call.req, "search");
  if (f.search.size() > kMaxTextField) {
    return problem(invalid("Chuỗi tìm kiếm quá dài", "The search text is too long", "search"));
  }
  auto x = documents::export_requests_xlsx(call.env, call.who(), f);
  if (!x) return problem(x.error());
  return file_response(*x, kXlsxType, "danh-sach-yeu-cau.xlsx");
}

ApiResult letter(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto p = documents::export_request_letter(call.env, call.who(), *id);
  if (!p) {
    // The request exists and is readable but has no form (a mailbox request).
    if (p.error().code == ErrorCode::invalid_input) return tl::unexpected(Problem(p.error(), nullptr, 422));
    return problem(p.error());
  }
  return file_response(*p, kPdfType, "don-de-nghi-" + std::to_string(*id) + ".pdf");
}

// Runs the import of the body with the options from the query; `commit` false forces a dry run.
Result<documents::ImportReport> run_import(ApiCall& call, bool allow_commit) {
  // An import creates subscribers as well as requests: a role without both is refused before
  // the file is read (import_sheet refuses it too, and records it).
  if (!registry::allowed_somewhere(call.who(), registry::Action::subscriber_create)) {
    return fail(registry::deny(call.env.db, call.env.clock, call.who(), registry::Action::subscriber_create, "import",
                               query_text(call.req, "name")));
  }
  documents::ImportOptions o;
  auto dry = query_bool(call.req, "dry_run", true);
  if (!dry) return fail(dry.error());
  o.commit = allow_commit && !*dry;
  auto good = query_bool(call.req, "good_rows_only", false);
  if (!good) return fail(good.error());
  o.good_rows_only = *good;
  if (auto t = query_text(call.req, "type"); !t.empty()) {
    auto type = registry::parse_request_type(t);
    if (!type) return fail(type.error().within("type"));
    o.default_type = *type;
  }
  std::string name = query_text(call.req, "name");
  if (name.empty()) name = "import";
  bool ok = name.size() <= 255 && name.find('/') == std::string::npos && name.find('\\') == std::string::npos;
  for (unsigned char c : name) ok = ok && c >= 0x20 && c != 0x7f;
  if (!ok) {
    return fail(invalid("Tên tệp không hợp lệ (không được chứa đường dẫn hay ký tự điều khiển)",
                        "Invalid file name (no path or control characters)", "name"));
  }
  const auto& body = call.req.body;
  const std::span<const std::uint8_t> data(reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
  return documents::import_sheet(call.env, call.who(), data, name, o);
}

std::optional<Problem> too_large(const HttpRequest& req) {
  if (req.body.size() > kMaxImportBytes) {
    return Problem(invalid("Tệp quá lớn (tối đa " + std::to_string(kMaxImportBytes) + " byte)",
                           "The file is too large (at most " + std::to_string(kMaxImportBytes) + " bytes)", "body"),
                   nullptr, 413);
  }
  if (req.body.empty()) return Problem(invalid("Tệp rỗng", "The file is empty", "body"));
  return std::nullopt;
}

ApiResult import(ApiCall& call) {
  if (auto p = too_large(call.req)) return tl::unexpected(*p);
  auto report = run_import(call, true);
  if (!report) return problem(report.error());
  nlohmann::json j = documents::to_json(*report);
  if (report->has_errors() && !report->committed) {
    const Error e = invalid("Bảng tính có lỗi: không có dòng nào được ghi", "The sheet has errors: nothing was written",
                            "body");
    HttpResponse r;
    r.status = 422;
    r.content_type = "application/problem+json";
    nlohmann::json p = problem_json(422, e, j["issues"]);
    p["report"] = std::move(j);
    r.body = p.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return r;
  }
  return json_response(j);
}

ApiResult import_report(ApiCall& call) {
  if (auto p = too_large(call.req)) return tl::unexpected(*p);
  auto report = run_import(call, false);
  if (!report) return problem(report.error());
  auto x = documents::report_xlsx(*report);
  if (!x) return problem(x.error());
  return file_response(*x, kXlsxType, "bao-cao-nhap.xlsx");
}

ApiResult import_template(ApiCall&) {
  auto x = documents::list_template();
  if (!x) return problem(x.error());
  return file_response(*x, kXlsxType, "mau-danh-sach.xlsx");
}

std::vector<QueryParam> import_params() {
  return {{"name", "string", "File name (.xlsx, .csv or .docx; no path)"},
          {"good_rows_only", "boolean", "Commit the good rows even when others have errors (default false)"},
          {"type", "string", "Request type when column S is empty (default new)"}};
}

nlohmann::json report_schema() {
  return S::object({{"format", S::one_of_strings({"xlsx", "csv", "docx"})},
                    {"sheet", S::str()},
                    {"header_row", S::integer()},
                    {"data_rows", S::integer()},
                    {"good_rows", S::integer()},
                    {"bad_rows", S::integer()},
                    {"committed", S::boolean()},
                    {"request_ids", S::array(S::integer())},
                    {"new_subscribers", S::array(S::integer())},
                    {"issues", S::array(S::object({{"row", S::integer()},
                                                   {"column", S::str()},
                                                   {"header", S::str()},
                                                   {"value", S::str()},
                                                   {"code", S::str()},
                                                   {"severity", S::str()},
                                                   {"message_vi", S::str()},
                                                   {"message_en", S::str()}}))}});
}

}  // namespace

void add_document_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "GET",
                 .path = "/api/v1/batches/{id}/export",
                 .action = Action::request_read,
                 .tag = "documents",
                 .summary = "Xuất danh sách đề nghị (XLSX 19 cột hoặc PDF) / Export a batch (national XLSX or PDF)",
                 .response_schema = S::str("The file"),
                 .response_type = "application/octet-stream",
                 .query = {{"format", "string", "xlsx (default) | pdf"}},
                 .handler = batch_export});
  out.push_back({.method = "GET",
                 .path = "/api/v1/requests/export",
                 .action = Action::request_read,
                 .tag = "documents",
                 .summary = "Xuất các yêu cầu trong phạm vi (XLSX) / Export requests in scope (national XLSX)",
                 .response_schema = S::str("The workbook"),
                 .response_type = kXlsxType,
                 .query = {{"state", "string", "draft, submitted, forwarded, approved, completed, …"},
                           {"batch", "integer", "Only this batch"},
                           {"overdue", "boolean", "Only requests past their decision deadline"},
                           {"type", "string", "new, renew, change_info, reissue, recover_device, revoke, mailbox"},
                           {"search", "string", "Name (without diacritics), CCCD, e-mail or the request's number"}},
                 .handler = requests_export});
  out.push_back({.method = "GET",
                 .path = "/api/v1/requests/{id}/letter",
                 .action = Action::request_read,
                 .tag = "documents",
                 .summary = "Văn bản đề nghị (PDF) / The request letter (PDF; a mailbox request has none: 422)",
                 .response_schema = S::str("The letter"),
                 .response_type = kPdfType,
                 .handler = letter});
  auto params = import_params();
  params.insert(params.begin(), {"dry_run", "boolean", "true (default): check only, nothing is written"});
  out.push_back({.method = "POST",
                 .path = "/api/v1/imports",
                 .action = Action::request_create,
                 .tag = "documents",
                 .summary = "Nhập danh sách (nội dung là tệp XLSX/CSV, tối đa 10 MiB) / Import a national sheet "
                            "(the body is the XLSX or CSV file, at most 10 MiB; errors: 422 with the report)",
                 .body = Body::binary,
                 .response_schema = report_schema(),
                 .query = params,
                 .handler = import});
  out.push_back({.method = "GET",
                 .path = "/api/v1/imports/template",
                 .action = Action::request_create,
                 .tag = "documents",
                 .summary = "Mẫu danh sách để điền (XLSX 19 cột, danh mục chọn sẵn) / The list template to fill in "
                            "(the 19-column XLSX with drop-down lists)",
                 .response_schema = S::str("The workbook"),
                 .response_type = kXlsxType,
                 .handler = import_template});
  out.push_back({.method = "POST",
                 .path = "/api/v1/imports/report",
                 .action = Action::request_create,
                 .tag = "documents",
                 .summary = "Báo cáo kiểm tra danh sách (XLSX, không ghi gì) / The checked sheet with every bad cell "
                            "marked (XLSX; nothing is written)",
                 .body = Body::binary,
                 .response_schema = S::str("The report workbook"),
                 .response_type = kXlsxType,
                 .query = import_params(),
                 .handler = import_report});
}

}  // namespace ct::server
