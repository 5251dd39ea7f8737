#include <iostream>

#include "cli/commands.h"

namespace ct::cli {
namespace {

struct OcspOptions {
  std::string request, serial, out;
};

constexpr std::size_t kMaxOcspRequest = 64 * 1024;

int run_respond(const GlobalOptions& g, const OcspOptions& o) {
  if (o.request.empty() == o.serial.empty()) {
    return report(Error::make(ErrorCode::invalid_input, "Cần đúng một trong --request hoặc --serial",
                              "Give exactly one of --request or --serial"));
  }
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto answerer = (*ctx)->ocsp_answerer();
  if (!answerer) return report(answerer.error());
  Bytes response;
  if (!o.request.empty()) {
    auto req = read_file(o.request, kMaxOcspRequest);
    if (!req) return report(req.error().within("--request"));
    response = answerer->answer((*ctx)->db(), *req);
  } else {
    auto r = answerer->response_for_serial((*ctx)->db(), o.serial);
    if (!r) return report(r.error());
    response = std::move(*r);
  }
  if (auto w = write_file(o.out, std::string(response.begin(), response.end())); !w) return report(w.error());
  return kOk;
}

}  // namespace

void register_ocsp(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* ocsp = app.add_subcommand("ocsp", "Trả lời OCSP / OCSP answers");
  ocsp->require_subcommand(1);
  auto o = std::make_shared<OcspOptions>();
  auto* respond = ocsp->add_subcommand("respond", "Ký câu trả lời OCSP / Sign an OCSP response (DER) for a request or a serial");
  respond->add_option("--request", o->request, "OCSPRequest file (DER), e.g. from 'openssl ocsp -reqout'");
  respond->add_option("--serial", o->serial, "Serial number (hex) of a certificate of the issuing CA");
  respond->add_option("--out", o->out, "Where to write the OCSPResponse (DER)")->required();
  respond->callback([&rc, &g, o] { rc = run_respond(g, *o); });
}

}  // namespace ct::cli
