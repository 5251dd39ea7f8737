#pragma once
// The certificate subject of a subscriber (SPEC §6, the government profile):
//   individual:   C=VN, ST=<province>, O=<level-1 org>, OU=<levels 2–4>, CN=<full name>
//   organization: C=VN, ST=<province>, O=<level-1 org>, OU=<levels 2…parent>, CN=<organization>
// as UTF8String; the SAN carries the official e-mail.

#include "crypto/name.h"
#include "registry/organization.h"
#include "registry/subject_data.h"

namespace ct::registry {

[[nodiscard]] Result<crypto::DistinguishedName> subject_name(store::Connection& c, const Organization& org,
                                                             const SubjectData& s);

}  // namespace ct::registry
