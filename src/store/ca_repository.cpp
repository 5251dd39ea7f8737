#include "store/ca_repository.h"

namespace ct::store {
namespace {

constexpr const char* kCaColumns =
    "id, name, display_name, kind, parent_id, certificate, key_ref, serial, not_before, not_after, created_at";

CaRecord read_ca(const Query& q) {
  CaRecord r;
  r.id = q.get_int(0);
  r.name = q.get_text(1);
  r.display_name = q.get_text(2);
  r.kind = q.get_text(3);
  r.parent_id = q.get_opt_int(4);
  r.certificate = q.get_blob(5);
  r.key_ref = q.get_text(6);
  r.serial = q.get_text(7);
  r.not_before = from_unix(q.get_int(8));
  r.not_after = from_unix(q.get_int(9));
  r.created_at = from_unix(q.get_int(10));
  return r;
}

template <typename Key>
Result<std::optional<CaRecord>> find_ca_by(Connection& c, const std::string& where, const Key& key) {
  auto q = c.query(std::string("SELECT ") + kCaColumns + " FROM cas WHERE " + where);
  if (!q) return fail(q.error());
  q->bind(1, key);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<CaRecord>();
  return std::optional<CaRecord>(read_ca(*q));
}

}  // namespace

Result<std::int64_t> insert_ca(Connection& c, const CaRecord& ca) {
  auto q = c.query(
      "INSERT INTO cas (name, display_name, kind, parent_id, certificate, key_ref, serial, not_before, not_after, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, ca.name).bind(2, ca.display_name).bind(3, ca.kind).bind_opt(4, ca.parent_id);
  q->bind_blob(5, ca.certificate).bind(6, ca.key_ref).bind(7, ca.serial);
  q->bind(8, to_unix(ca.not_before)).bind(9, to_unix(ca.not_after)).bind(10, to_unix(ca.created_at));
  auto row = q->step();
  if (!row) return fail(row.error());
  return q->get_int(0);
}

Result<std::optional<CaRecord>> find_ca(Connection& c, std::string_view name) {
  return find_ca_by(c, "name = $1", name);
}

Result<std::optional<CaRecord>> find_ca(Connection& c, std::int64_t id) { return find_ca_by(c, "id = $1", id); }

Result<bool> replace_ca_certificate(Connection& c, std::string_view name, std::string_view current_serial,
                                    const CaRecord& renewed) {
  auto q = c.query(
      "UPDATE cas SET certificate = $3, key_ref = $4, serial = $5, not_before = $6, not_after = $7 "
      "WHERE name = $1 AND serial = $2 RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, name).bind(2, current_serial).bind_blob(3, renewed.certificate).bind(4, renewed.key_ref);
  q->bind(5, renewed.serial).bind(6, to_unix(renewed.not_before)).bind(7, to_unix(renewed.not_after));
  return updated_one(*q);
}

Result<std::vector<CaRecord>> list_cas(Connection& c) {
  auto q = c.query(std::string("SELECT ") + kCaColumns + " FROM cas ORDER BY id");
  if (!q) return fail(q.error());
  return read_all<CaRecord>(*q, read_ca);
}

}  // namespace ct::store
