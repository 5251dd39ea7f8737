#include <iostream>

#include "cli/commands.h"
#include "common/hex.h"
#include "common/time_format.h"
#include "crypto/certificate.h"
#include "crypto/cms.h"
#include "crypto/crl.h"
#include "crypto/name.h"
#include "crypto/pem.h"
#include "pki/revocation.h"
#include "store/pki_repository.h"

namespace ct::cli {
namespace {

constexpr std::size_t kMaxCsrFile = 64 * 1024;

struct IssueOptions {
  std::string csr, profile = "individual", subject, out, ca = "issuing";
  std::vector<std::string> emails, dns;
  std::optional<int> days;
};

int run_issue(const GlobalOptions& g, const IssueOptions& o) {
  auto csr = read_file(o.csr, kMaxCsrFile);
  if (!csr) return report(csr.error().within("--csr"));
  auto subject = crypto::parse_dn(o.subject);
  if (!subject) return report(subject.error().within("--subject"));
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto ca = (*ctx)->certificate_authority(o.ca);
  if (!ca) return report(ca.error());
  pki::IssueRequest req;
  req.csr = std::move(*csr);
  req.profile = o.profile;
  req.subject = std::move(*subject);
  req.emails = o.emails;
  req.dns = o.dns;
  req.days = o.days;
  req.actor = cli_actor();
  auto issued = ca->issue((*ctx)->db(), req);
  checkpoint_after_write(**ctx, /*always=*/false);
  if (!issued) return report(issued.error());
  const std::string pem = crypto::to_pem(issued->der, "CERTIFICATE");
  std::cout << issued->serial << "\n";
  if (!o.out.empty()) {
    const bool der = o.out.size() > 4 && o.out.substr(o.out.size() - 4) == ".der";
    auto w = write_file(o.out, der ? std::string(issued->der.begin(), issued->der.end()) : pem);
    if (!w) return report(w.error());
  } else {
    std::cout << pem;
  }
  return kOk;
}

Result<std::string> canonical_serial(const std::string& text) {
  auto s = normalize_serial_hex(text);
  if (!s) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ (cần chuỗi hex): " + text,
                "Invalid serial number (hex expected): " + text, "SERIAL");
  }
  return *s;
}

// The certificate of a canonical serial; not_found naming it when there is none.
Result<store::CertificateRecord> certificate_by_serial(store::Connection& c, const std::string& serial) {
  auto rec = store::find_certificate(c, serial);
  if (!rec) return fail(rec.error());
  if (!*rec) {
    return fail(ErrorCode::not_found, "Không tìm thấy chứng thư số " + serial, "No certificate with serial " + serial,
                "SERIAL");
  }
  return std::move(**rec);
}

int run_show(const GlobalOptions& g, const std::string& serial_text, bool json) {
  auto serial = canonical_serial(serial_text);
  if (!serial) return report(serial.error());
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto lease = (*ctx)->db().acquire();
  if (!lease) return report(lease.error());
  auto rec = certificate_by_serial(**lease, *serial);
  if (!rec) return report(rec.error());
  const auto& r = *rec;
  const TimePoint now = (*ctx)->clock().now();
  auto ca = store::find_ca(**lease, r.ca_id);
  const std::string issuer = (ca && *ca) ? (*ca)->display_name : "?";
  if (json) {
    auto j = to_json(r, now);
    j["issuer"] = issuer;
    j["pem"] = crypto::to_pem(r.der, "CERTIFICATE");
    std::cout << j.dump(2) << "\n";
    return kOk;
  }
  std::cout << "Số hiệu / Serial:        " << r.serial << "\n"
            << "Chủ thể / Subject:       " << r.subject << "\n"
            << "CA cấp / Issuer:         " << issuer << "\n"
            << "Hồ sơ / Profile:         " << r.profile << "\n"
            << "Thư điện tử / E-mail:    " << r.email.value_or("") << "\n"
            << "Hiệu lực từ / Valid from: " << timefmt::vn_datetime(r.not_before) << "\n"
            << "Hết hạn / Valid until:   " << timefmt::vn_datetime(r.not_after) << "\n"
            << "Trạng thái / Status:     " << status_text(r, now) << "\n";
  if (r.revoked_at) std::cout << "Thu hồi lúc / Revoked:   " << timefmt::vn_datetime(*r.revoked_at) << "\n";
  if (r.status == store::CertStatus::hold) {
    std::cout << "Lý do / Reason:          certificateHold\n";
  } else if (r.revocation_reason) {
    std::cout << "Lý do / Reason:          " << crypto::to_string(static_cast<crypto::CrlReason>(*r.revocation_reason)) << "\n";
  }
  return kOk;
}

int run_search(const GlobalOptions& g, const std::string& text, bool json, int limit) {
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto lease = (*ctx)->db().acquire();
  if (!lease) return report(lease.error());
  auto found = store::search_certificates(**lease, {text, limit, 0});
  if (!found) return report(found.error());
  const TimePoint now = (*ctx)->clock().now();
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : *found) out.push_back(to_json(r, now));
    std::cout << out.dump(2) << "\n";
    return kOk;
  }
  for (const auto& r : *found) {
    std::cout << r.serial << "\t" << status_text(r, now) << "\t" << timefmt::vn_date(r.not_after) << "\t"
              << r.email.value_or("-") << "\t" << r.subject << "\n";
  }
  if (found->empty()) std::cerr << "Không tìm thấy / nothing found\n";
  return kOk;
}

int run_revoke(const GlobalOptions& g, const std::string& serial, const std::string& reason_text,
               const std::string& invalidity) {
  auto reason = crypto::parse_crl_reason(reason_text);
  if (!reason) return report(reason.error().within("--reason"));
  pki::RevocationRequest req{serial, *reason, std::nullopt};
  req.actor = cli_actor();
  if (!invalidity.empty()) {
    auto d = timefmt::parse_date(invalidity, "--invalidity-date");
    if (!d) return report(d.error());
    req.invalidity_date = *d;
  }
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto done = pki::revoke((*ctx)->db(), (*ctx)->clock(), req);
  if (!done) return report(done.error());
  checkpoint_after_write(**ctx, /*always=*/false);
  std::cout << *done << "\t" << crypto::to_string(*reason) << "\n";
  return kOk;
}

}  // namespace

// `cert export`: a certificate as PEM, DER or PKCS#7 (.p7b, certs-only), with the chain of CA
// certificates up to the root when asked (PEM and PKCS#7; DER holds one certificate).
int run_export(const GlobalOptions& g, const std::string& serial_text, const std::string& format, bool chain,
               const std::string& out) {
  auto serial = canonical_serial(serial_text);
  if (!serial) return report(serial.error());
  if (chain && format == "der") {
    return report(Error::make(ErrorCode::invalid_input, "Tệp DER chỉ chứa một chứng thư: dùng --format pem hoặc p7b với --chain",
                              "A DER file holds one certificate: use --format pem or p7b with --chain", "--chain"));
  }
  auto ctx = open_context(g);
  if (!ctx) return report(ctx.error());
  auto lease = (*ctx)->db().acquire();
  if (!lease) return report(lease.error());
  auto rec = certificate_by_serial(**lease, *serial);
  if (!rec) return report(rec.error());
  std::vector<Bytes> certs{rec->der};
  std::optional<std::int64_t> ca_id = rec->ca_id;
  for (int depth = 0; chain && ca_id && depth < 8; ++depth) {
    auto ca = store::find_ca(**lease, *ca_id);
    if (!ca) return report(ca.error());
    if (!*ca) break;
    certs.push_back((*ca)->certificate);
    ca_id = (*ca)->parent_id;
  }
  Bytes bytes;
  if (format == "der") {
    bytes = certs.front();
  } else if (format == "p7b") {
    auto p7 = crypto::cms_certificates_only(certs);
    if (!p7) return report(p7.error());
    bytes = std::move(*p7);
  } else {
    std::string pem;
    for (const auto& c : certs) pem += crypto::to_pem(c, "CERTIFICATE");
    bytes.assign(pem.begin(), pem.end());
  }
  if (out == "-") {
    std::cout.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return kOk;
  }
  auto w = write_file(out, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  if (!w) return report(w.error().within("--out"));
  return kOk;
}

void register_cert(CLI::App& app, GlobalOptions& g, int& rc) {
  auto* cert = app.add_subcommand("cert", "Chứng thư số / Certificates");
  cert->require_subcommand(1);

  auto io = std::make_shared<IssueOptions>();
  auto* issue = cert->add_subcommand("issue", "Cấp chứng thư từ CSR / Issue a certificate from a CSR (prints the serial)");
  issue->add_option("--csr", io->csr, "PKCS#10 file, PEM or DER")->required();
  issue->add_option("--profile", io->profile, "individual | organization | device | ocsp | subca");
  issue->add_option("--subject", io->subject, "\"C=VN,ST=…,O=…,OU=…,CN=…\" (the CSR's subject is ignored)")->required();
  issue->add_option("--email", io->emails, "E-mail for the SAN (repeatable)");
  issue->add_option("--dns", io->dns, "DNS name for the SAN (repeatable; device profile)");
  issue->add_option("--days", io->days, "Validity in days (capped by the profile and the CA)");
  issue->add_option("--out", io->out, "Write the certificate here (PEM; DER when the name ends in .der)");
  issue->add_option("--ca", io->ca, "Issuing CA (default: issuing)");
  issue->callback([&rc, &g, io] { rc = run_issue(g, *io); });

  auto show_serial = std::make_shared<std::string>();
  auto show_json = std::make_shared<bool>(false);
  auto* show = cert->add_subcommand("show", "Xem chứng thư / Show a certificate");
  show->add_option("SERIAL", *show_serial, "Serial number (hex)")->required();
  show->add_flag("--json", *show_json, "JSON output");
  show->callback([&rc, &g, show_serial, show_json] { rc = run_show(g, *show_serial, *show_json); });

  auto search_text = std::make_shared<std::string>();
  auto search_json = std::make_shared<bool>(false);
  auto search_limit = std::make_shared<int>(50);
  auto* search = cert->add_subcommand("search", "Tìm theo số hiệu, email, tên (không dấu) / Search by serial prefix, e-mail or name");
  search->add_option("TEXT", *search_text, "Serial prefix, e-mail, or name (diacritics-insensitive)")->required();
  search->add_flag("--json", *search_json, "JSON output");
  search->add_option("--limit", *search_limit, "At most this many results (1-500)")->check(CLI::Range(1, 500));
  search->callback([&rc, &g, search_text, search_json, search_limit] {
    rc = run_search(g, *search_text, *search_json, *search_limit);
  });

  struct ExportOptions {
    std::string serial, format = "pem", out = "-";
    bool chain = false;
  };
  auto eo = std::make_shared<ExportOptions>();
  auto* exp = cert->add_subcommand("export", "Xuất chứng thư (PEM, DER, PKCS#7 .p7b), kèm chuỗi CA / Export a certificate "
                                             "(PEM, DER or PKCS#7 .p7b), with its CA chain");
  exp->add_option("SERIAL", eo->serial, "Serial number (hex)")->required();
  exp->add_option("--format", eo->format, "pem | der | p7b")->check(CLI::IsMember({"pem", "der", "p7b"}));
  exp->add_flag("--chain", eo->chain, "Add the issuing CA and the root (pem, p7b)");
  exp->add_option("--out", eo->out, "Output file (default: standard output)");
  exp->callback([&rc, &g, eo] { rc = run_export(g, eo->serial, eo->format, eo->chain, eo->out); });

  struct RevokeOptions {
    std::string serial, reason, invalidity;
  };
  auto ro = std::make_shared<RevokeOptions>();
  auto* revoke = cert->add_subcommand("revoke", "Thu hồi chứng thư / Revoke a certificate");
  revoke->add_option("SERIAL", ro->serial, "Serial number (hex)")->required();
  revoke->add_option("--reason", ro->reason,
                     "unspecified | keyCompromise | cACompromise | affiliationChanged | superseded | "
                     "cessationOfOperation | certificateHold | removeFromCRL | privilegeWithdrawn | aACompromise")
      ->required();
  revoke->add_option("--invalidity-date", ro->invalidity, "YYYY-MM-DD or dd/MM/yyyy");
  revoke->callback([&rc, &g, ro] { rc = run_revoke(g, ro->serial, ro->reason, ro->invalidity); });
}

}  // namespace ct::cli
