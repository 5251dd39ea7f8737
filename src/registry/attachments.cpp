#include "registry/attachments.h"

#include <algorithm>
#include <array>
#include <fstream>

#include "common/hex.h"
#include "common/text.h"
#include "crypto/keys.h"
#include "registry/registry_env.h"
#include "registry/text_fields.h"

namespace ct::registry {
namespace {

constexpr std::size_t kMaxNameChars = 120;

// Decodes one UTF-8 code point at `i`; nullopt (and i advanced by one) on an invalid sequence.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return std::nullopt;
  }
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return std::nullopt;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool forbidden_char(char32_t cp) {
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return true;                  // C0, DEL, C1
  if (cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)) return true;  // bidi overrides
  if (cp >= 0xD800 && cp <= 0xDFFF) return true;
  constexpr std::u32string_view kReserved = U"<>:\"/\\|?*";
  return kReserved.find(cp) != std::u32string_view::npos;
}

std::string extension_for(std::string_view media_type) {
  if (media_type == "application/pdf") return ".pdf";
  if (media_type == "image/png") return ".png";
  if (media_type == "image/jpeg") return ".jpg";
  return ".bin";
}

// The first `n` code points of valid UTF-8 `s`.
std::string first_chars(const std::string& s, std::size_t n) {
  std::size_t count = 0, i = 0;
  while (i < s.size() && count < n) {
    (void)next_code_point(s, i);
    ++count;
  }
  return s.substr(0, i);
}

constexpr const char* kAttachmentColumns = "id, request_id, kind, name, sha256, size, media_type, uploaded_by, created_at";

Attachment read_attachment(const store::Query& r) {
  return Attachment{r.get_int(0), r.get_int(1), r.get_text(2), r.get_text(3), r.get_text(4),
                    r.get_int(5), r.get_text(6), r.get_text(7), from_unix(r.get_int(8))};
}

}  // namespace

bool known_attachment_kind(std::string_view kind) noexcept {
  constexpr std::array<std::string_view, 5> kKinds{"request_letter", "appointment_decision", "seal_registration",
                                                   "superior_confirmation", "other"};
  for (auto k : kKinds)
    if (k == kind) return true;
  return false;
}

Result<std::string> sniff_media_type(std::span<const std::uint8_t> c) {
  auto starts = [&](std::initializer_list<std::uint8_t> magic) {
    if (c.size() < magic.size()) return false;
    std::size_t i = 0;
    for (auto b : magic)
      if (c[i++] != b) return false;
    return true;
  };
  if (starts({'%', 'P', 'D', 'F', '-'})) return std::string("application/pdf");
  if (starts({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) return std::string("image/png");
  if (starts({0xFF, 0xD8, 0xFF})) return std::string("image/jpeg");
  return fail(ErrorCode::invalid_input, "Tài liệu đính kèm phải là tệp PDF, PNG hoặc JPEG (theo nội dung tệp)",
              "An attachment must be a PDF, PNG or JPEG file (by its content)", "attachment");
}

std::string sanitize_filename(std::string_view raw, std::string_view media_type) {
  const auto slash = raw.find_last_of("/\\");
  const std::string_view base = slash == std::string_view::npos ? raw : raw.substr(slash + 1);
  std::string kept;
  for (std::size_t i = 0; i < base.size();) {
    auto cp = next_code_point(base, i);
    if (!cp || forbidden_char(*cp)) continue;
    append_utf8(kept, *cp);
  }
  std::string name = text::to_nfc(kept).value_or(std::string());
  while (!name.empty() && (name.front() == ' ' || name.front() == '.')) name.erase(0, 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '.')) name.pop_back();
  if (name.empty()) return "tai-lieu" + extension_for(media_type);
  if (utf8_length(name) > kMaxNameChars) {
    const auto dot = name.rfind('.');
    std::string ext = (dot != std::string::npos && name.size() - dot <= 8) ? name.substr(dot) : std::string();
    name = first_chars(name.substr(0, name.size() - ext.size()), kMaxNameChars - utf8_length(ext)) + ext;
  }
  return name;
}

std::filesystem::path legacy_blob_path(const std::filesystem::path& data_dir, const std::string& sha) {
  return data_dir / "attachments" / sha.substr(0, 2) / (sha.substr(2) + ".bin");
}

Result<StoredBlob> check_blob(std::span<const std::uint8_t> content, std::int64_t max_bytes) {
  if (content.empty()) {
    return fail(ErrorCode::invalid_input, "Tệp đính kèm rỗng", "The attachment is empty", "attachment");
  }
  if (static_cast<std::int64_t>(content.size()) > max_bytes) {
    return fail(ErrorCode::invalid_input,
                "Tệp đính kèm quá lớn (tối đa " + std::to_string(max_bytes) + " byte)",
                "The attachment is too large (at most " + std::to_string(max_bytes) + " bytes)", "attachment");
  }
  auto type = sniff_media_type(content);
  if (!type) return fail(type.error());
  std::string sha = text::ascii_lower(to_hex(crypto::digest(crypto::HashAlg::sha256, content)));
  return StoredBlob{std::move(sha), *type, static_cast<std::int64_t>(content.size())};
}

Status put_blob(store::Connection& c, const StoredBlob& blob, std::span<const std::uint8_t> content, TimePoint now) {
  // Storing a content again refreshes stored_at and locks the row until this transaction ends,
  // so the collector never deletes a blob that a transaction in flight is about to refer to.
  auto q = c.query(
      "INSERT INTO attachment_blobs (sha256, size, content, stored_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (sha256) DO UPDATE SET stored_at = excluded.stored_at");
  if (!q) return fail(q.error());
  return q->bind(1, blob.sha256).bind(2, blob.size).bind_blob(3, content).bind(4, to_unix(now)).run();
}

Result<std::optional<Bytes>> read_blob(store::Connection& c, const std::filesystem::path& data_dir,
                                       const std::string& sha256) {
  auto q = c.query("SELECT content FROM attachment_blobs WHERE sha256 = $1");
  if (!q) return fail(q.error());
  q->bind(1, sha256);
  auto row = q->step();
  if (!row) return fail(row.error());
  if (*row) return std::optional<Bytes>(q->get_blob(0));
  // Uploaded before the store kept contents: the file under this data directory, if any (only
  // for a name that is a SHA-256, so nothing from the store can point outside that folder).
  const bool hex64 = sha256.size() == 64 && std::all_of(sha256.begin(), sha256.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
  if (!hex64) return std::optional<Bytes>();
  std::ifstream in(legacy_blob_path(data_dir, sha256), std::ios::binary);
  if (!in) return std::optional<Bytes>();
  return std::optional<Bytes>(Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()));
}

Result<std::int64_t> insert_attachment(store::Connection& c, const Attachment& a) {
  auto q = c.query(
      "INSERT INTO attachments (request_id, kind, name, sha256, size, media_type, uploaded_by, created_at) VALUES "
      "($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
  if (!q) return fail(q.error());
  q->bind(1, a.request_id).bind(2, a.kind).bind(3, a.name).bind(4, a.sha256).bind(5, a.size).bind(6, a.media_type);
  q->bind(7, a.uploaded_by).bind(8, to_unix(a.created_at));
  auto row = q->step();
  if (!row) return fail(row.error());
  const std::int64_t id = q->get_int(0);
  if (auto s = q->run(); !s) return fail(s.error());
  return id;
}

Result<std::vector<Attachment>> list_attachments(store::Connection& c, std::int64_t request_id) {
  auto q = c.query(std::string("SELECT ") + kAttachmentColumns + " FROM attachments WHERE request_id = $1 ORDER BY id");
  if (!q) return fail(q.error());
  q->bind(1, request_id);
  return store::read_all<Attachment>(*q, read_attachment);
}

Result<std::optional<Attachment>> remove_attachment(store::Connection& c, std::int64_t request_id, std::int64_t id) {
  auto q = c.query(std::string("DELETE FROM attachments WHERE request_id = $1 AND id = $2 RETURNING ") +
                   kAttachmentColumns);
  if (!q) return fail(q.error());
  q->bind(1, request_id).bind(2, id);
  auto rows = store::read_all<Attachment>(*q, read_attachment);
  if (!rows) return fail(rows.error());
  if (rows->empty()) return std::optional<Attachment>();
  return std::optional<Attachment>(std::move(rows->front()));
}

Result<std::int64_t> collect_orphan_blobs(store::Database& db, const std::filesystem::path& data_dir, TimePoint now,
                                          std::chrono::seconds grace) {
  std::int64_t deleted = 0;
  {
    auto lease = db.acquire();
    if (!lease) return fail(lease.error());
    auto q = (*lease)->query(
        "DELETE FROM attachment_blobs WHERE stored_at < $1 AND NOT EXISTS "
        "(SELECT 1 FROM attachments a WHERE a.sha256 = attachment_blobs.sha256) RETURNING sha256");
    if (!q) return fail(q.error());
    q->bind(1, to_unix(now - grace));
    for (;;) {
      auto row = q->step();
      if (!row) return fail(row.error());
      if (!*row) break;
      ++deleted;
    }
  }
  // Files of the data directory's attachments/ folder, where contents were kept before.
  namespace fs = std::filesystem;
  const fs::path root = data_dir / "attachments";
  std::error_code ec;
  if (!fs::exists(root, ec)) return deleted;
  auto lease = db.acquire();
  if (!lease) return fail(lease.error());
  const auto cutoff = fs::file_time_type::clock::now() - grace;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const fs::path path = it->path();
    const auto written = fs::last_write_time(path, ec);
    if (ec || written > cutoff) continue;
    const std::string file = path.filename().string();
    bool orphan = true;
    if (path.extension() == ".bin" && file.size() == 62 + 4) {
      // attachments/ab/cdef….bin: the SHA-256 "abcdef…".
      const std::string sha = path.parent_path().filename().string() + file.substr(0, 62);
      auto q = (*lease)->query("SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1");
      if (!q) return fail(q.error());
      q->bind(1, sha);
      auto row = q->step();
      if (!row) return fail(row.error());
      orphan = !*row;
      if (auto r = q->run(); !r) return fail(r.error());
    }
    if (orphan && fs::remove(path, ec)) ++deleted;
  }
  if (ec) {
    return fail(ErrorCode::unavailable, "Không duyệt được thư mục tài liệu đính kèm: " + ec.message(),
                "Cannot walk the attachments directory: " + ec.message(), root.string());
  }
  return deleted;
}

}  // namespace ct::registry
