#include "store/revocation_repository.h"

#include <algorithm>

#include "store/certificate_repository.h"

namespace ct::store {
namespace {

Error not_found_serial(std::string_view serial) {
  return Error::make(ErrorCode::not_found, "Không tìm thấy chứng thư số có số hiệu " + std::string(serial),
                     "No certificate with serial " + std::string(serial), "serial");
}

}  // namespace

Status set_revoked(Connection& c, std::string_view serial, bool hold, TimePoint at, std::optional<int> reason,
                   std::optional<TimePoint> invalidity) {
  auto current = find_certificate(c, serial);
  if (!current) return fail(current.error());
  if (!*current) return fail(not_found_serial(serial));
  const CertStatus st = (*current)->status;
  if (st == CertStatus::revoked || (st == CertStatus::hold && hold)) {
    return fail(conflict_error("Chứng thư số " + std::string(serial) + " đã bị thu hồi hoặc tạm dừng",
                               "Certificate " + std::string(serial) + " is already revoked or on hold"));
  }
  // A hold turned into a revocation keeps the original revocation time (RFC 5280 §5.3.1).
  const TimePoint when = (st == CertStatus::hold && (*current)->revoked_at) ? *(*current)->revoked_at : at;
  auto q = c.query(
      "UPDATE certificates SET status = $1, revoked_at = $2, revocation_reason = $3, invalidity_date = $4 "
      "WHERE serial = $5 AND status = $6");
  if (!q) return fail(q.error());
  q->bind(1, hold ? "hold" : "revoked").bind(2, to_unix(when));
  if (reason) q->bind(3, std::int64_t{*reason}); else q->bind_null(3);
  if (invalidity) q->bind(4, to_unix(*invalidity)); else q->bind_null(4);
  q->bind(5, serial).bind(6, to_string(st));
  return q->run();
}

Status release_hold(Connection& c, std::string_view serial) {
  auto current = find_certificate(c, serial);
  if (!current) return fail(current.error());
  if (!*current) return fail(not_found_serial(serial));
  if ((*current)->status != CertStatus::hold) {
    return fail(conflict_error("Chứng thư số " + std::string(serial) + " không ở trạng thái tạm dừng",
                               "Certificate " + std::string(serial) + " is not on hold"));
  }
  auto q = c.query(
      "UPDATE certificates SET status = 'valid', revoked_at = NULL, revocation_reason = NULL, "
      "invalidity_date = NULL WHERE serial = $1 AND status = 'hold'");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  return q->run();
}

Status for_each_revoked(Connection& c, std::int64_t ca_id, TimePoint cutoff,
                        const std::function<Status(const RevokedEntry&)>& sink) {
  auto q = c.query(
      "SELECT serial, revoked_at, revocation_reason, invalidity_date FROM certificates "
      "WHERE ca_id = $1 AND status <> 'valid' AND not_after >= $2");
  if (!q) return fail(q.error());
  q->bind(1, ca_id).bind(2, to_unix(cutoff));
  RevokedEntry e;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) return {};
    e.serial = q->get_text(0);
    e.revoked_at = from_unix(q->get_int(1));
    e.reason = q->is_null(2) ? std::nullopt : std::optional<int>(static_cast<int>(q->get_int(2)));
    e.invalidity_date = q->is_null(3) ? std::nullopt : std::optional<TimePoint>(from_unix(q->get_int(3)));
    if (auto s = sink(e); !s) return s;
  }
}

Result<std::int64_t> next_crl_number(Connection& c, std::int64_t ca_id) {
  auto ins = c.query("INSERT INTO crl_counters (ca_id, last_number) VALUES ($1, 0) ON CONFLICT (ca_id) DO NOTHING");
  if (!ins) return fail(ins.error());
  ins->bind(1, ca_id);
  if (auto s = ins->run(); !s) return fail(s.error());
  auto q = c.query("UPDATE crl_counters SET last_number = last_number + 1 WHERE ca_id = $1 RETURNING last_number");
  if (!q) return fail(q.error());
  q->bind(1, ca_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(storage_error("CRL counter missing"));
  const std::int64_t n = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  return n;
}

Status insert_crl(Connection& c, const CrlRecord& r) {
  auto q = c.query(
      "INSERT INTO crls (ca_id, number, this_update, next_update, entries, is_delta, base_number, sha256, path, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
  if (!q) return fail(q.error());
  q->bind(1, r.ca_id).bind(2, r.number).bind(3, to_unix(r.this_update)).bind(4, to_unix(r.next_update));
  q->bind(5, r.entries).bind(6, std::int64_t{r.is_delta ? 1 : 0}).bind_opt(7, r.base_number);
  q->bind(8, r.sha256).bind(9, r.path).bind(10, to_unix(r.created_at));
  return q->run();
}

Result<std::optional<CrlRecord>> latest_crl(Connection& c, std::int64_t ca_id, bool delta) {
  auto q = c.query(
      "SELECT ca_id, number, this_update, next_update, entries, is_delta, base_number, sha256, path, created_at "
      "FROM crls WHERE ca_id = $1 AND is_delta = $2 ORDER BY number DESC LIMIT 1");
  if (!q) return fail(q.error());
  q->bind(1, ca_id).bind(2, std::int64_t{delta ? 1 : 0});
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<CrlRecord>();
  CrlRecord r;
  r.ca_id = q->get_int(0);
  r.number = q->get_int(1);
  r.this_update = from_unix(q->get_int(2));
  r.next_update = from_unix(q->get_int(3));
  r.entries = q->get_int(4);
  r.is_delta = q->get_int(5) != 0;
  r.base_number = q->get_opt_int(6);
  r.sha256 = q->get_text(7);
  r.path = q->get_text(8);
  r.created_at = from_unix(q->get_int(9));
  return std::optional<CrlRecord>(std::move(r));
}

Status store_crl_content(Connection& c, std::int64_t ca_id, std::int64_t number, std::span<const std::uint8_t> der,
                         std::int64_t keep) {
  auto ins = c.query("INSERT INTO crl_contents (ca_id, number, der) VALUES ($1, $2, $3)");
  if (!ins) return fail(ins.error());
  if (auto s = ins->bind(1, ca_id).bind(2, number).bind_blob(3, der).run(); !s) return fail(s.error());
  auto prune = c.query("DELETE FROM crl_contents WHERE ca_id = $1 AND number <= $2");
  if (!prune) return fail(prune.error());
  return prune->bind(1, ca_id).bind(2, number - std::max<std::int64_t>(keep, 1)).run();
}

Result<std::optional<Bytes>> crl_content(Connection& c, std::int64_t ca_id, std::int64_t number) {
  auto q = c.query("SELECT der FROM crl_contents WHERE ca_id = $1 AND number = $2");
  if (!q) return fail(q.error());
  q->bind(1, ca_id).bind(2, number);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<Bytes>();
  return std::optional<Bytes>(q->get_blob(0));
}

}  // namespace ct::store
