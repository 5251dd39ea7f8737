#pragma once
// The PKI tables, one repository per concern; this header gathers them for callers that use
// several. Functions take the Connection so callers compose them in one transaction; none of
// them opens one itself, except where the contract says so.

#include "store/ca_repository.h"           // cas
#include "store/certificate_repository.h"  // certificates, certificate_name_keys
#include "store/revocation_repository.h"   // revocation statuses, crl_counters, crls
#include "store/status_changes.h"          // pki_epoch, pki_changes
