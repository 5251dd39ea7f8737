#pragma once
// Error values returned across layer boundaries (store, crypto, parsing, HTTP).
// Every error carries a Vietnamese and an English message: they are shown to users as they are,
// so they must never contain a secret (key, PIN, password, session id).

#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace ct {

enum class ErrorCode {
  invalid_input,   // the caller's input is wrong: exit 2 / HTTP 400 or 422
  not_found,       // the named thing does not exist: HTTP 404
  conflict,        // a uniqueness or state conflict: HTTP 409
  forbidden,       // the actor may not do this: HTTP 403
  unavailable,     // a dependency (database, key store) cannot be reached: HTTP 503
  integrity,       // stored data failed a check (audit chain, schema version)
  internal,        // a bug or an unexpected library failure: exit 3 / HTTP 500
};

[[nodiscard]] const char* to_string(ErrorCode code) noexcept;

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string message_vi;
  std::string message_en;
  std::string context;  // where: a field, a row/column, a file name; may be empty
  // An invalid_input that validation rules decided (SPEC §5): the findings, one per field, are
  // kept with the record they concern, and the API answers 422 with them.
  bool from_findings = false;

  [[nodiscard]] static Error make(ErrorCode c, std::string vi, std::string en, std::string where = {}) {
    Error e;
    e.code = c;
    e.message_vi = std::move(vi);
    e.message_en = std::move(en);
    e.context = std::move(where);
    return e;
  }
  [[nodiscard]] static Error findings(std::string vi, std::string en, std::string where = {}) {
    Error e = make(ErrorCode::invalid_input, std::move(vi), std::move(en), std::move(where));
    e.from_findings = true;
    return e;
  }
  // "vi / en (context)": the one-line form printed by the CLI.
  [[nodiscard]] std::string describe() const;
  // Returns a copy with `outer` prepended to the context ("outer: inner").
  [[nodiscard]] Error within(const std::string& outer) const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Status = tl::expected<void, Error>;

[[nodiscard]] inline tl::unexpected<Error> fail(ErrorCode c, std::string vi, std::string en,
                                                std::string where = {}) {
  return tl::unexpected<Error>(Error::make(c, std::move(vi), std::move(en), std::move(where)));
}
[[nodiscard]] inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }

}  // namespace ct
