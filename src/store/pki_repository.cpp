#include "store/pki_repository.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/text.h"

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

constexpr const char* kCertColumns =
    "id, serial, ca_id, profile, subject, common_name, email, name_fold, not_before, not_after, status, "
    "revoked_at, revocation_reason, invalidity_date, key_sha256, subscriber_id, request_id, replaces_id, "
    "created_at";

CertificateRecord read_cert(const Query& q) {
  CertificateRecord r;
  r.id = q.get_int(0);
  r.serial = q.get_text(1);
  r.ca_id = q.get_int(2);
  r.profile = q.get_text(3);
  r.subject = q.get_text(4);
  r.common_name = q.get_text(5);
  r.email = q.get_opt_text(6);
  r.name_fold = q.get_text(7);
  r.not_before = from_unix(q.get_int(8));
  r.not_after = from_unix(q.get_int(9));
  r.status = parse_cert_status(q.get_text(10));
  if (auto v = q.get_opt_int(11)) r.revoked_at = from_unix(*v);
  if (auto v = q.get_opt_int(12)) r.revocation_reason = static_cast<int>(*v);
  if (auto v = q.get_opt_int(13)) r.invalidity_date = from_unix(*v);
  r.key_sha256 = q.get_text(14);
  r.subscriber_id = q.get_opt_int(15);
  r.request_id = q.get_opt_int(16);
  r.replaces_id = q.get_opt_int(17);
  r.created_at = from_unix(q.get_int(18));
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

Error not_found_serial(std::string_view serial) {
  return Error::make(ErrorCode::not_found, "Không tìm thấy chứng thư số có số hiệu " + std::string(serial),
                     "No certificate with serial " + std::string(serial), "serial");
}

}  // namespace

const char* to_string(CertStatus s) noexcept {
  switch (s) {
    case CertStatus::valid: return "valid";
    case CertStatus::revoked: return "revoked";
    case CertStatus::hold: return "hold";
  }
  return "valid";
}

CertStatus parse_cert_status(std::string_view s) noexcept {
  if (s == "revoked") return CertStatus::revoked;
  if (s == "hold") return CertStatus::hold;
  return CertStatus::valid;
}

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

Result<std::vector<CaRecord>> list_cas(Connection& c) {
  auto q = c.query(std::string("SELECT ") + kCaColumns + " FROM cas ORDER BY id");
  if (!q) return fail(q.error());
  std::vector<CaRecord> out;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    out.push_back(read_ca(*q));
  }
  return out;
}

Result<std::int64_t> insert_certificate(Connection& c, const CertificateRecord& r) {
  auto q = c.query(
      "INSERT INTO certificates (serial, ca_id, profile, subject, common_name, email, name_fold, not_before, "
      "not_after, status, revoked_at, revocation_reason, invalidity_date, der, key_sha256, subscriber_id, "
      "request_id, replaces_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
      "$14, $15, $16, $17, $18, $19) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, r.serial).bind(2, r.ca_id).bind(3, r.profile).bind(4, r.subject).bind(5, r.common_name);
  q->bind_opt(6, r.email).bind(7, r.name_fold).bind(8, to_unix(r.not_before)).bind(9, to_unix(r.not_after));
  q->bind(10, to_string(r.status));
  if (r.revoked_at) q->bind(11, to_unix(*r.revoked_at)); else q->bind_null(11);
  if (r.revocation_reason) q->bind(12, std::int64_t{*r.revocation_reason}); else q->bind_null(12);
  if (r.invalidity_date) q->bind(13, to_unix(*r.invalidity_date)); else q->bind_null(13);
  q->bind_blob(14, r.der).bind(15, r.key_sha256).bind_opt(16, r.subscriber_id).bind_opt(17, r.request_id);
  q->bind_opt(18, r.replaces_id).bind(19, to_unix(r.created_at));
  auto row = q->step();
  if (!row) {
    if (row.error().code == ErrorCode::conflict) {
      return fail(conflict_error("Số hiệu chứng thư số đã tồn tại: " + r.serial, "Serial number already exists: " + r.serial));
    }
    return fail(row.error());
  }
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  for (const std::string& key : certificate_name_keys(r)) {
    auto k = c.query("INSERT INTO certificate_name_keys (name_key, cert_id) VALUES ($1, $2)");
    if (!k) return fail(k.error());
    if (auto s = k->bind(1, key).bind(2, id).run(); !s) return fail(s.error());
  }
  return id;
}

Result<std::optional<CertificateRecord>> find_certificate(Connection& c, std::string_view serial) {
  auto q = c.query(std::string("SELECT ") + kCertColumns + ", der FROM certificates WHERE serial = $1");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<CertificateRecord>();
  CertificateRecord r = read_cert(*q);
  r.der = q->get_blob(19);
  return std::optional<CertificateRecord>(std::move(r));
}

Result<bool> serial_exists(Connection& c, std::string_view serial) {
  auto q = c.query("SELECT 1 FROM certificates WHERE serial = $1");
  if (!q) return fail(q.error());
  q->bind(1, serial);
  return q->step();
}

Result<std::vector<CertificateRecord>> search_certificates(Connection& c, const SearchQuery& sq) {
  const std::string text = text::trim(sq.text);
  std::vector<CertificateRecord> out;
  if (text.empty()) return out;
  const int limit = std::clamp(sq.limit, 1, 500);
  const int offset = std::max(sq.offset, 0);
  std::string upper;
  bool hex = text.size() >= 4;
  for (char ch : text) {
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (u == ':') continue;
    if (!((u >= '0' && u <= '9') || (u >= 'A' && u <= 'F'))) hex = false;
    upper.push_back(u);
  }
  std::string lower_email;
  for (char ch : text) lower_email.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  const std::string folded = "%" + text::fold(text) + "%";
  // The serial range [upper, upper + "G") covers exactly the hex strings that start with `upper`.
  auto q = c.query(std::string("SELECT ") + kCertColumns +
                   " FROM certificates WHERE (serial >= $1 AND serial < $2) OR email = $3 OR name_fold LIKE $4 "
                   "ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6");
  if (!q) return fail(q.error());
  if (hex) q->bind(1, upper).bind(2, upper + "G"); else q->bind(1, "1").bind(2, "0");
  q->bind(3, lower_email).bind(4, folded).bind(5, std::int64_t{limit}).bind(6, std::int64_t{offset});
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) break;
    out.push_back(read_cert(*q));
  }
  return out;
}

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

}  // namespace ct::store

// --- The public service --------------------------------------------------------------------

namespace ct::store {
namespace {

constexpr std::size_t kNameKeyBytes = 40;
constexpr const char* kMaxCodePoint = "\xF4\x8F\xBF\xBF";  // U+10FFFF: sorts after any text

// The longest prefix of `s` of at most `max` bytes that ends on a UTF-8 character boundary.
std::string cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
  return std::string(s.substr(0, n));
}

// The O and OU values of a subject formatted by crypto::format_dn ("C=VN,O=…,OU=…,CN=…",
// with ',', '=' and '\' escaped by '\').
std::vector<std::string> organization_values(std::string_view subject) {
  std::vector<std::string> out;
  std::string attr;
  auto flush = [&] {
    const auto eq = attr.find('=');
    if (eq != std::string::npos) {
      const std::string type = text::trim(attr.substr(0, eq));
      if (type == "O" || type == "OU") out.push_back(attr.substr(eq + 1));
    }
    attr.clear();
  };
  for (std::size_t i = 0; i < subject.size(); ++i) {
    const char ch = subject[i];
    if (ch == '\\' && i + 1 < subject.size()) {
      attr.push_back(subject[++i]);
      if (attr.back() == '=') attr.back() = '\x01';  // an escaped '=' is part of the value
    } else if (ch == ',') {
      flush();
    } else {
      attr.push_back(ch);
    }
  }
  flush();
  for (auto& v : out) std::replace(v.begin(), v.end(), '\x01', '=');
  return out;
}

std::string like_escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

Result<std::vector<CertificateRecord>> read_certs(Query& q) {
  std::vector<CertificateRecord> out;
  while (true) {
    auto row = q.step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back(read_cert(q));
  }
}

}  // namespace

std::vector<std::string> certificate_name_keys(const CertificateRecord& r) {
  std::set<std::string> keys;
  const std::string& nf = r.name_fold;
  if (nf.empty()) return {};
  const std::string cn = text::fold(r.common_name);
  const std::size_t cn_end = nf.compare(0, cn.size(), cn) == 0 ? cn.size() : nf.size();
  for (std::size_t i = 0; i < cn_end; ++i) {
    if (i == 0 || nf[i - 1] == ' ') keys.insert(cut_utf8(std::string_view(nf).substr(i), kNameKeyBytes));
  }
  for (const std::string& value : organization_values(r.subject)) {
    const std::string v = text::fold(value);
    if (v.empty()) continue;
    const auto pos = nf.find(v, std::min(cn_end, nf.size()));
    keys.insert(cut_utf8(pos == std::string::npos ? std::string_view(v) : std::string_view(nf).substr(pos),
                         kNameKeyBytes));
  }
  return {keys.begin(), keys.end()};
}

Status record_status_change(Connection& c, std::string_view serial, TimePoint at) {
  auto bump = c.query("UPDATE pki_epoch SET value = value + 1 WHERE id = 1 RETURNING value");
  if (!bump) return fail(bump.error());
  auto row = bump->step();
  if (!row) return fail(row.error());
  if (!*row) return fail(storage_error("pki_epoch row missing"));
  const std::int64_t epoch = bump->get_int(0);
  if (auto s = bump->run(); !s) return fail(s.error());
  auto ins = c.query(
      "INSERT INTO pki_changes (epoch, serial, ca_id, at) SELECT CAST($1 AS BIGINT), serial, ca_id, CAST($2 AS BIGINT) "
      "FROM certificates "
      "WHERE serial = $3");
  if (!ins) return fail(ins.error());
  return ins->bind(1, epoch).bind(2, to_unix(at)).bind(3, serial).run();
}

Result<std::int64_t> current_change_epoch(Connection& c) {
  auto q = c.query("SELECT value FROM pki_epoch WHERE id = 1");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  return *row ? q->get_int(0) : std::int64_t{0};
}

Result<std::vector<StatusChange>> changes_after(Connection& c, std::int64_t after, int limit) {
  auto q = c.query("SELECT epoch, serial, ca_id, at FROM pki_changes WHERE epoch > $1 ORDER BY epoch LIMIT $2");
  if (!q) return fail(q.error());
  q->bind(1, after).bind(2, std::int64_t{limit});
  std::vector<StatusChange> out;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back({q->get_int(0), q->get_text(1), q->get_int(2), from_unix(q->get_int(3))});
  }
}

Result<std::optional<TimePoint>> last_change_at(Connection& c, std::int64_t ca_id) {
  auto q = c.query("SELECT MAX(at) FROM pki_changes WHERE ca_id = $1");
  if (!q) return fail(q.error());
  q->bind(1, ca_id);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row || q->is_null(0)) return std::optional<TimePoint>();
  return std::optional<TimePoint>(from_unix(q->get_int(0)));
}

Status prune_changes(Connection& c, TimePoint before) {
  auto q = c.query("DELETE FROM pki_changes WHERE at < $1");
  if (!q) return fail(q.error());
  return q->bind(1, to_unix(before)).run();
}

Result<std::vector<CertificateRef>> certificates_after(Connection& c, std::int64_t after_id, int limit) {
  auto q = c.query("SELECT id, serial, ca_id FROM certificates WHERE id > $1 ORDER BY id LIMIT $2");
  if (!q) return fail(q.error());
  q->bind(1, after_id).bind(2, std::int64_t{limit});
  std::vector<CertificateRef> out;
  while (true) {
    auto row = q->step();
    if (!row) return fail(row.error());
    if (!*row) return out;
    out.push_back({q->get_int(0), q->get_text(1), q->get_int(2)});
  }
}

Result<std::int64_t> max_certificate_id(Connection& c) {
  auto q = c.query("SELECT COALESCE(MAX(id), 0) FROM certificates");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  return *row ? q->get_int(0) : std::int64_t{0};
}

Result<std::vector<CertificateRecord>> find_certificates_by_email(Connection& c, std::string_view email, int limit,
                                                                  int offset) {
  auto q = c.query(std::string("SELECT ") + kCertColumns +
                   " FROM certificates WHERE email = $1 ORDER BY id DESC LIMIT $2 OFFSET $3");
  if (!q) return fail(q.error());
  q->bind(1, email).bind(2, std::int64_t{std::clamp(limit, 1, 500)}).bind(3, std::int64_t{std::max(offset, 0)});
  return read_certs(*q);
}

Result<std::vector<CertificateRecord>> find_certificates_by_name(Connection& c, std::string_view folded, int limit,
                                                                 int offset) {
  const std::string text = text::trim(folded);
  if (text.empty()) return std::vector<CertificateRecord>();
  const std::string low = cut_utf8(text, kNameKeyBytes);
  // The key range finds candidates; LIKE keeps those whose name holds the whole query (it
  // differs from the range only for queries longer than a key).
  auto q = c.query(std::string("SELECT ") + kCertColumns +
                   " FROM certificate_name_keys k JOIN certificates c ON c.id = k.cert_id "
                   "WHERE k.name_key >= $1 AND k.name_key < $2 AND c.name_fold LIKE $3 ESCAPE '\\' "
                   "ORDER BY k.name_key, k.cert_id LIMIT $4 OFFSET $5");
  if (!q) return fail(q.error());
  q->bind(1, low).bind(2, low + kMaxCodePoint).bind(3, "%" + like_escape(text) + "%");
  q->bind(4, std::int64_t{std::clamp(limit, 1, 500)}).bind(5, std::int64_t{std::max(offset, 0)});
  auto rows = read_certs(*q);
  if (!rows) return rows;
  std::set<std::int64_t> seen;
  std::vector<CertificateRecord> out;
  for (auto& r : *rows) {
    if (seen.insert(r.id).second) out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ct::store
