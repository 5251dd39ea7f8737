#include "registry/certificate_access.h"

#include <cctype>

#include "common/hex.h"
#include "common/text.h"
#include "registry/access_policy.h"
#include "registry/subscriber.h"
#include "store/certificate_repository.h"

namespace ct::registry {
namespace {

HeldCertificateView read_row(const store::Query& q) {
  return HeldCertificateView{store::read_certificate(q), q.get_opt_int(store::kCertificateColumnCount)};
}

}  // namespace

Result<std::vector<HeldCertificateView>> list_certificates(RegistryEnv& env, const Actor& actor,
                                                           const CertificateFilter& f, Page page) {
  if (!allowed_somewhere(actor, Action::certificate_read)) {
    return fail(deny(env.db, env.clock, actor, Action::certificate_read, "certificate", ""));
  }
  std::string sql = "SELECT " + store::certificate_columns("c") + ", s.org_id" +
                    " FROM certificates c LEFT JOIN subscribers s ON s.id = c.subscriber_id WHERE "
                    "($1 = '' OR c.serial LIKE $2 OR c.email = $3 OR c.name_fold LIKE $4) AND ($5 = '' OR c.status = "
                    "$5) AND ($6 < 0 OR c.subscriber_id = $6)";
  const bool scoped = is_scoped(actor.role);
  if (scoped) sql += " AND " + actor.scope_sql("s.org_path", "c.subscriber_id", 7);
  sql += scoped ? " ORDER BY c.id DESC LIMIT $9 OFFSET $10" : " ORDER BY c.id DESC LIMIT $7 OFFSET $8";
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query(sql);
  if (!q) return fail(q.error());
  std::string upper;
  for (char ch : f.text) upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  const bool hex = upper.size() >= 4 && upper.find_first_not_of("0123456789ABCDEF") == std::string::npos;
  q->bind(1, f.text).bind(2, hex ? upper + "%" : std::string("-")).bind(3, text::fold(f.text));
  q->bind(4, "%" + text::fold(f.text) + "%").bind(5, f.status.value_or("")).bind(6, f.subscriber_id.value_or(-1));
  int next = 7;
  if (scoped) {
    actor.bind_scope(*q, 7);
    next = 9;
  }
  q->bind(next, std::int64_t{page.limit}).bind(next + 1, std::int64_t{page.offset});
  return store::read_all<HeldCertificateView>(*q, read_row);
}

Result<HeldCertificateView> get_certificate(RegistryEnv& env, const Actor& actor, const std::string& serial) {
  auto canonical = normalize_serial_hex(serial);
  if (!canonical) {
    return fail(ErrorCode::invalid_input, "Số hiệu chứng thư không hợp lệ (cần chuỗi hex): " + serial,
                "Invalid serial number (hex expected): " + serial, "serial");
  }
  auto lease = env.db.acquire();
  if (!lease) return fail(lease.error());
  auto cert = store::find_certificate(**lease, *canonical);
  if (!cert) return fail(cert.error());
  const Error missing = Error::make(ErrorCode::not_found, "Không có chứng thư số hiệu " + *canonical,
                                    "No certificate " + *canonical, "serial");
  if (!*cert) return fail(missing);
  HeldCertificateView v{std::move(**cert), std::nullopt};
  std::string path;
  if (v.record.subscriber_id) {
    auto sub = find_subscriber(**lease, *v.record.subscriber_id);
    if (!sub) return fail(sub.error());
    if (*sub) {
      path = (*sub)->org_path;
      v.org_id = (*sub)->org_id;
    }
  }
  if (!allowed(actor, Action::certificate_read, path, v.record.subscriber_id)) {
    return fail(conceal(env.db, env.clock, actor, Action::certificate_read, "certificate", *canonical, v.org_id,
                        missing));
  }
  return v;
}

}  // namespace ct::registry
