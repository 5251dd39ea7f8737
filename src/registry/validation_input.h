#pragma once
// Gathers from the store what the validation rules of a request look at (attachments, the
// subscriber's certificates, other open requests, a mailbox request alongside) and runs them.

#include <vector>

#include "registry/registry_settings.h"
#include "registry/request.h"
#include "registry/validation.h"
#include "store/database.h"

namespace ct::registry {

[[nodiscard]] Result<ValidationInput> gather_validation_input(store::Connection& c, const Request& r, TimePoint now);
[[nodiscard]] Result<std::vector<Finding>> evaluate_request(store::Connection& c, const Request& r,
                                                            const RegistrySettings& settings, TimePoint now);
// The subscriber's certificates, with the number of earlier certificates of the same key.
[[nodiscard]] Result<std::vector<HeldCertificate>> held_certificates(store::Connection& c, std::int64_t subscriber_id);

}  // namespace ct::registry
