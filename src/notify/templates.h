#pragma once
// Mail templates (SPEC §9): one file `<kind>.tmpl` per kind of mail, which an operator may edit,
// checked when chungthu starts. A file holds three sections, each opened by a line of its own:
//
//   # comment lines (only before the first section)
//   [subject]
//   one line, "Vietnamese / English"
//   [text]
//   the plain-text body: Vietnamese first, then English
//   [html]
//   the content of <body> of the HTML body, in the same order
//
// Placeholders are a subset of mustache:
//   {{name}}              the value; HTML-escaped in [html]; in [subject], CR, LF and every
//                         other control character becomes a space (no header injection)
//   {{#name}}…{{/name}}   shown when the value is true, a non-empty string or array, a non-zero
//                         number or an object; for an array, once per element, with the
//                         element's fields looked up before the outer values
//   {{^name}}…{{/name}}   shown when the value is false, empty, zero, null or missing
// A tag alone on its line takes the line with it. Triple mustaches, partials and comments are not
// part of the subset: they are errors, so that nothing bypasses escaping.
//
// render() appends a footer that no template can change: chungthu never asks for a PIN, a
// password or a payment, sends no attachment and no link outside the portal; genuine mail is
// signed (S/MIME) by the certification authority and how to check that; it is an automatic mail.

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/error.h"

namespace ct::notify {

namespace detail {
struct ParsedTemplate;  // template_internal.h
}

struct RenderedMail {
  std::string subject;  // one line, trimmed
  std::string text;     // UTF-8, LF line ends
  std::string html;     // a whole HTML document (UTF-8)
};

struct TemplateKind {
  std::string_view kind;     // "request.submitted": the file is request.submitted.tmpl
  std::string_view summary;  // "vi / en", for help texts
  // The names a template of this kind may use. "reasons.field" is the field `field` of the
  // elements of the array `reasons`, usable inside {{#reasons}}…{{/reasons}}.
  std::vector<std::string_view> variables;
};

// The kinds of mail chungthu sends and the variables each may use.
[[nodiscard]] const std::vector<TemplateKind>& template_kinds();

// Checked templates of every kind. Immutable: render() may be called from several threads at once.
class MailTemplates final {
 public:
  // The built-in templates (compiled in).
  [[nodiscard]] static Result<MailTemplates> builtin();
  // The built-ins, each replaced by `dir/<kind>.tmpl` when that file exists; every template is
  // checked: the three sections present and non-empty, tags balanced, only the kind's variables
  // used; an unknown `*.tmpl` file in dir is an error too. Errors name the file and line (the
  // error's context is "path:line"). A file may be saved as CRLF or NFD: it is read as LF, NFC.
  // A dir that does not exist holds no file: the built-ins (an installation older than the
  // templates starts as before); a path that is not a directory is an error.
  [[nodiscard]] static Result<MailTemplates> load(const std::filesystem::path& dir);
  // Writes the built-in files that `dir` lacks (for `chungthu init`), 0644, creating dir. A file
  // that exists is left as it is, even when it differs from the built-in.
  [[nodiscard]] static Status write_defaults(const std::filesystem::path& dir);
  // The text of the built-in file of `kind` (what write_defaults writes); empty for an unknown kind.
  [[nodiscard]] static std::string_view builtin_source(std::string_view kind);

  // Renders `kind` with `values` (a JSON object) and appends the fixed footer. Unknown kind:
  // not_found; values not an object or holding a string that is not UTF-8: invalid_input. A
  // missing value renders as nothing.
  [[nodiscard]] Result<RenderedMail> render(std::string_view kind, const nlohmann::json& values) const;

 private:
  // Parsed templates are immutable once checked: copies of MailTemplates share them.
  std::map<std::string, std::shared_ptr<const detail::ParsedTemplate>, std::less<>> templates_;
};

}  // namespace ct::notify
