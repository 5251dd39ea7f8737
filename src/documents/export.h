#pragma once
// Exports, read with the actor's scope (a request or batch the actor may not read is refused as
// the registry refuses it, and recorded in the audit log):
//   - a batch, or any filtered request list, as the national 19-column sheet (XLSX);
//   - a batch as the PDF list sent to the registration office;
//   - a request as its PDF request letter (Mẫu 01, 02, 04, 05, 06).
// The library API behind `chungthu batch export`, `chungthu request export|letter` and the
// HTTP routes; results are bytes, the caller decides where they go.

#include "common/hex.h"
#include "documents/pdf_documents.h"
#include "registry/actor.h"
#include "registry/registry_env.h"
#include "registry/request.h"

namespace ct::documents {

inline constexpr std::size_t kMaxExportRows = 100000;

// Every request matching `filter` within the actor's scope (oldest first, at most
// kMaxExportRows: more is refused, never cut silently), each with its organization chain.
[[nodiscard]] Result<std::vector<ListedRequest>> load_requests(registry::RegistryEnv& env, const registry::Actor& actor,
                                                               const registry::RequestFilter& filter);
// The national sheet of `requests` (national_sheet.h).
[[nodiscard]] Result<Bytes> requests_xlsx(const std::vector<ListedRequest>& requests, const std::string& title);

[[nodiscard]] Result<Bytes> export_batch_xlsx(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t batch_id);
[[nodiscard]] Result<Bytes> export_requests_xlsx(registry::RegistryEnv& env, const registry::Actor& actor,
                                                 const registry::RequestFilter& filter);
[[nodiscard]] Result<Bytes> export_batch_pdf(registry::RegistryEnv& env, const registry::Actor& actor, std::int64_t batch_id);
[[nodiscard]] Result<Bytes> export_request_letter(registry::RegistryEnv& env, const registry::Actor& actor,
                                                  std::int64_t request_id);

}  // namespace ct::documents
