#include "store/certificate_repository.h"

#include <algorithm>
#include <array>
#include <set>

#include "common/text.h"

namespace ct::store {
namespace {

constexpr std::array<const char*, kCertificateColumnCount> kCertColumns{
    "id", "serial", "ca_id", "profile", "subject", "common_name", "email", "name_fold", "not_before", "not_after",
    "status", "revoked_at", "revocation_reason", "invalidity_date", "key_sha256", "subscriber_id", "request_id",
    "replaces_id", "created_at"};

std::string read_certificate_sql(std::string_view rest) { return "SELECT " + certificate_columns() + std::string(rest); }

Result<std::vector<CertificateRecord>> read_certs(Query& q) {
  return read_all<CertificateRecord>(q, [](const Query& row) { return read_certificate(row); });
}

}  // namespace

std::string certificate_columns(std::string_view alias) {
  static const std::string plain = [] {
    std::string cols;
    for (const char* column : kCertColumns) cols += (cols.empty() ? "" : ", ") + std::string(column);
    return cols;
  }();
  if (alias.empty()) return plain;
  std::string out;
  for (const char* column : kCertColumns) {
    if (!out.empty()) out += ", ";
    out.append(alias).push_back('.');
    out += column;
  }
  return out;
}

CertificateRecord read_certificate(const Query& q, int first) {
  CertificateRecord r;
  r.id = q.get_int(first);
  r.serial = q.get_text(first + 1);
  r.ca_id = q.get_int(first + 2);
  r.profile = q.get_text(first + 3);
  r.subject = q.get_text(first + 4);
  r.common_name = q.get_text(first + 5);
  r.email = q.get_opt_text(first + 6);
  r.name_fold = q.get_text(first + 7);
  r.not_before = from_unix(q.get_int(first + 8));
  r.not_after = from_unix(q.get_int(first + 9));
  r.status = parse_cert_status(q.get_text(first + 10));
  r.revoked_at = q.get_opt_time(first + 11);
  if (auto v = q.get_opt_int(first + 12)) r.revocation_reason = static_cast<int>(*v);
  r.invalidity_date = q.get_opt_time(first + 13);
  r.key_sha256 = q.get_text(first + 14);
  r.subscriber_id = q.get_opt_int(first + 15);
  r.request_id = q.get_opt_int(first + 16);
  r.replaces_id = q.get_opt_int(first + 17);
  r.created_at = from_unix(q.get_int(first + 18));
  return r;
}

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
  auto q = c.query(read_certificate_sql(", der FROM certificates WHERE serial = $1"));
  if (!q) return fail(q.error());
  q->bind(1, serial);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (!*row) return std::optional<CertificateRecord>();
  CertificateRecord r = read_certificate(*q);
  r.der = q->get_blob(kCertificateColumnCount);
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
  const std::string lower_email = text::ascii_lower(text);
  const std::string folded = "%" + text::fold(text) + "%";
  // The serial range [upper, upper + "G") covers exactly the hex strings that start with `upper`.
  auto q = c.query(read_certificate_sql(
                   " FROM certificates WHERE (serial >= $1 AND serial < $2) OR email = $3 OR name_fold LIKE $4 "
                   "ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6"));
  if (!q) return fail(q.error());
  if (hex) q->bind(1, upper).bind(2, upper + "G"); else q->bind(1, "1").bind(2, "0");
  q->bind(3, lower_email).bind(4, folded).bind(5, std::int64_t{limit}).bind(6, std::int64_t{offset});
  return read_certs(*q);
}

}  // namespace ct::store

// --- The public lookup's name index (migrations_public.cpp) ---------------------------------

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

std::string like_escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
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
  for (const std::string& value : r.organization_names) {
    const std::string v = text::fold(value);
    if (v.empty()) continue;
    const auto pos = nf.find(v, std::min(cn_end, nf.size()));
    keys.insert(cut_utf8(pos == std::string::npos ? std::string_view(v) : std::string_view(nf).substr(pos),
                         kNameKeyBytes));
  }
  return {keys.begin(), keys.end()};
}

Result<std::vector<CertificateRef>> certificates_after(Connection& c, std::int64_t after_id, int limit) {
  auto q = c.query("SELECT id, serial, ca_id FROM certificates WHERE id > $1 ORDER BY id LIMIT $2");
  if (!q) return fail(q.error());
  q->bind(1, after_id).bind(2, std::int64_t{limit});
  return read_all<CertificateRef>(*q, [](const Query& row) {
    return CertificateRef{row.get_int(0), row.get_text(1), row.get_int(2)};
  });
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
  auto q = c.query(read_certificate_sql(" FROM certificates WHERE email = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"));
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
  auto q = c.query("SELECT " + certificate_columns("c") +
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

Result<std::vector<ExpiringCertificate>> expiring_certificates(Connection& c, TimePoint from, TimePoint until,
                                                               std::int64_t after_id, int limit) {
  auto q = c.query(
      "SELECT c.id, c.serial, c.not_after, c.subscriber_id FROM certificates c WHERE c.status = 'valid' AND "
      "c.subscriber_id IS NOT NULL AND c.not_after > $1 AND c.not_after <= $2 AND c.id > $3 AND NOT EXISTS "
      "(SELECT 1 FROM certificates n WHERE n.replaces_id = c.id) ORDER BY c.id LIMIT $4");
  if (!q) return fail(q.error());
  q->bind(1, to_unix(from)).bind(2, to_unix(until)).bind(3, after_id).bind(4, std::int64_t{limit});
  return read_all<ExpiringCertificate>(*q, [](const Query& row) {
    return ExpiringCertificate{row.get_int(0), row.get_text(1), from_unix(row.get_int(2)), row.get_int(3)};
  });
}

}  // namespace ct::store
