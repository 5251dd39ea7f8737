// Documents of a request (SPEC §5): uploaded as the raw body (PDF, PNG or JPEG, content-sniffed
// by the registry), downloaded by id. The name is the client's: one that tries to leave its
// folder (a path, "..", control characters) is refused, not silently rewritten.
#include <iterator>

#include "registry/attachments.h"
#include "server/routes_api_requests.h"
#include "server/routes_api_support.h"

namespace ct::server {
namespace {

namespace S = schema;

Error invalid(std::string vi, std::string en, std::string field) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(field));
}

Status check_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 255 && name != "." && name != ".." &&
            name.find("..") == std::string::npos && name.find('/') == std::string::npos &&
            name.find('\\') == std::string::npos && name.find(':') == std::string::npos;
  for (unsigned char c : name) ok = ok && c >= 0x20 && c != 0x7f;
  if (!ok) {
    return fail(invalid("Tên tệp không hợp lệ (không được chứa đường dẫn, '..', ':' hay ký tự điều khiển)",
                        "Invalid file name (no path, '..', ':' or control characters)", "name"));
  }
  return {};
}

bool accepted_upload_type(const std::string& content_type) {
  for (const char* t : {"application/pdf", "image/png", "image/jpeg", "application/octet-stream"}) {
    if (media_type_is(content_type, t)) return true;
  }
  return false;
}

ApiResult upload(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  if (!accepted_upload_type(call.req.header("content-type"))) {
    return tl::unexpected(Problem(invalid("Tài liệu phải là PDF, PNG hoặc JPEG (Content-Type)",
                                          "A document must be PDF, PNG or JPEG (Content-Type)", "Content-Type"),
                                  nullptr, 415));
  }
  const auto max = call.env.settings.attachment_max_bytes;
  if (static_cast<std::int64_t>(call.req.body.size()) > max) {
    return tl::unexpected(Problem(invalid("Tài liệu quá lớn (tối đa " + std::to_string(max) + " byte)",
                                          "The document is too large (at most " + std::to_string(max) + " bytes)",
                                          "body"),
                                  nullptr, 413));
  }
  if (call.req.body.empty()) return problem(invalid("Tài liệu rỗng", "The document is empty", "body"));
  const std::string kind = query_text(call.req, "kind");
  if (!registry::known_attachment_kind(kind)) {
    return problem(invalid("Loại tài liệu không hợp lệ: request_letter, appointment_decision, seal_registration, "
                           "superior_confirmation, other",
                           "Unknown document kind: request_letter, appointment_decision, seal_registration, "
                           "superior_confirmation, other",
                           "kind"));
  }
  const std::string name = query_text(call.req, "name");
  if (auto s = check_name(name); !s) return problem(s.error());
  registry::RequestEdit e;
  e.attachments.push_back({kind, name, Bytes(call.req.body.begin(), call.req.body.end())});
  registry::RequestWorkflow wf(call.env);
  auto r = wf.edit(call.who(), *id, e);
  if (!r) return tl::unexpected(workflow_problem(call, *id, r.error()));
  return view_response(call, *id, 201);
}

// RFC 6266 filename*: UTF-8, percent-encoded.
std::string content_disposition(const std::string& name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string enc;
  for (unsigned char c : name) {
    if (std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_') {
      enc.push_back(static_cast<char>(c));
    } else {
      enc += '%';
      enc += kHex[c >> 4];
      enc += kHex[c & 15];
    }
  }
  return "attachment; filename=\"download\"; filename*=UTF-8''" + enc;
}

ApiResult download(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto att = path_id(call.req, "attachment_id");
  if (!att) return problem(att.error());
  registry::RequestWorkflow wf(call.env);
  auto v = wf.show(call.who(), *id);
  if (!v) return problem(v.error());
  for (const auto& a : v->attachments) {
    if (a.id != *att) continue;
    auto lease = call.env.db.acquire();
    if (!lease) return problem(lease.error());
    auto content = registry::read_blob(**lease, call.env.data_dir, a.sha256);
    if (!content) return problem(content.error());
    if (!*content) {
      return problem(Error::make(ErrorCode::integrity, "Thiếu tệp tài liệu trong kho", "The document file is missing",
                                 "attachment"));
    }
    HttpResponse r;
    r.content_type = a.media_type;
    r.body.assign((*content)->begin(), (*content)->end());
    r.headers.emplace_back("Content-Disposition", content_disposition(a.name));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
  }
  return problem(Error::make(ErrorCode::not_found, "Không có tài liệu số " + std::to_string(*att),
                             "No document " + std::to_string(*att), "attachment_id"));
}

ApiResult remove(ApiCall& call) {
  auto id = path_id(call.req, "id");
  if (!id) return problem(id.error());
  auto att = path_id(call.req, "attachment_id");
  if (!att) return problem(att.error());
  registry::RequestEdit e;
  e.remove_attachments.push_back(*att);
  registry::RequestWorkflow wf(call.env);
  auto r = wf.edit(call.who(), *id, e);
  if (!r) return tl::unexpected(workflow_problem(call, *id, r.error()));
  return view_response(call, *id);
}

}  // namespace

void add_attachment_routes(std::vector<ApiRoute>& out) {
  using registry::Action;
  out.push_back({.method = "POST",
                 .path = "/api/v1/requests/{id}/attachments",
                 .action = Action::request_edit,
                 .tag = "requests",
                 .summary = "Đính kèm tài liệu (nội dung là tệp) / Attach a document (the body is the file)",
                 .body = Body::binary,
                 .response_schema = request_view_schema(),
                 .success_status = 201,
                 .query = {{"kind", "string",
                            "request_letter | appointment_decision | seal_registration | superior_confirmation | other"},
                           {"name", "string", "File name (no path)"}},
                 .handler = upload});
  out.push_back({.method = "GET",
                 .path = "/api/v1/requests/{id}/attachments/{attachment_id}",
                 .action = Action::request_read,
                 .tag = "requests",
                 .summary = "Tải tài liệu / Download a document",
                 .response_schema = S::str("The file"),
                 .response_type = "application/octet-stream",
                 .handler = download});
  out.push_back({.method = "DELETE",
                 .path = "/api/v1/requests/{id}/attachments/{attachment_id}",
                 .action = Action::request_edit,
                 .tag = "requests",
                 .summary = "Bỏ tài liệu khỏi yêu cầu nháp hoặc bị trả lại / Take a document off a draft or returned "
                            "request (the file stays in the store, named by the audit log)",
                 .response_schema = request_view_schema(),
                 .handler = remove});
}

}  // namespace ct::server
