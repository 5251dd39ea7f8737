#pragma once
// What every route handler gets: the installation and the shared services of one process.

#include <memory>

#include "app/context.h"
#include "server/metrics.h"

namespace ct::server {

class OcspCache;  // public service: pre-signed OCSP responses (ocsp_cache.h)

struct ServerContext {
  app::Context& app;
  Metrics& metrics;
  OcspCache* ocsp = nullptr;  // set when the OCSP responder is configured
  bool tls = false;           // cookies get Secure when true
};

}  // namespace ct::server
