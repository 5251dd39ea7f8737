#pragma once
// What every route handler gets: the installation and the shared services of one process.

#include <memory>

#include "app/context.h"
#include "app/scheduler.h"
#include "pki/ocsp_cache.h"
#include "server/client_address.h"
#include "server/metrics.h"

namespace ct::server {

struct ServerContext {
  app::Context& app;
  Metrics& metrics;
  pki::OcspCache* ocsp = nullptr;       // set when the OCSP responder is configured
  app::Scheduler* scheduler = nullptr;  // `serve`'s: the public service adds its jobs to it
  bool tls = false;                     // this process serves TLS itself
  ProxySettings proxies{};              // server.trusted_proxies, server.metrics_token
  bool access_log = false;              // log.access: one line per request (common/logging.h)
};

}  // namespace ct::server
