#include "app/backup.h"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <fstream>
#include <vector>

#include "app/key_store.h"
#include "common/files.h"
#include "common/hex.h"
#include "common/process.h"
#include "common/text.h"
#include "common/time_format.h"
#include "crypto/keys.h"
#include "crypto/mac.h"
#include "crypto/random.h"
#include "registry/sealed_secret.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/postgres_database.h"
#include "store/postgres_url.h"
#include "store/sqlite_database.h"

namespace ct::app {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMagic = "CHUNGTHU-BACKUP 1\n";
constexpr std::size_t kMaxName = 1024;
constexpr std::size_t kMaxLine = 4096;
constexpr std::uint32_t kMaxManifest = 16U << 20;
constexpr std::size_t kMaxSealed = 1U << 20;  // a secret file
constexpr std::size_t kMacBytes = 32;

Error damaged(const std::string& why_vi, const std::string& why_en) {
  return Error::make(ErrorCode::integrity, "Tệp sao lưu hỏng, bị sửa hoặc sai mật khẩu: " + why_vi,
                     "The backup file is damaged, altered or the passphrase is wrong: " + why_en, "backup");
}

Error io_error(const fs::path& path) {
  return Error::make(ErrorCode::unavailable, "Không đọc/ghi được tệp: " + path.string(),
                     "Cannot read or write the file: " + path.string(), path.string());
}

// The secretbox key and the MAC key, derived from the passphrase with argon2id.
struct Keys {
  std::array<std::uint8_t, 32> seal{};
  std::array<std::uint8_t, 32> mac{};
  ~Keys() {
    sodium_memzero(seal.data(), seal.size());
    sodium_memzero(mac.data(), mac.size());
  }
};

Result<std::unique_ptr<Keys>> derive(const std::string& passphrase, std::span<const std::uint8_t> salt,
                                     std::uint64_t ops, std::size_t mem) {
  if (sodium_init() < 0 || salt.size() != crypto_pwhash_SALTBYTES) {
    return fail(ErrorCode::internal, "Không khởi tạo được libsodium", "Cannot start libsodium");
  }
  std::array<std::uint8_t, 64> out{};
  if (crypto_pwhash(out.data(), out.size(), passphrase.data(), passphrase.size(), salt.data(), ops, mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return fail(ErrorCode::unavailable, "Không đủ bộ nhớ để dẫn xuất khóa sao lưu", "Not enough memory to derive the backup key");
  }
  auto keys = std::make_unique<Keys>();
  std::copy(out.begin(), out.begin() + 32, keys->seal.begin());
  std::copy(out.begin() + 32, out.end(), keys->mac.begin());
  sodium_memzero(out.data(), out.size());
  return keys;
}

void put_be(std::string& out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// 'E', the name's length (u16), the name, the size (u64): what precedes an entry's bytes.
std::string entry_head(const std::string& name, std::uint64_t size) {
  std::string head = "E";
  put_be(head, name.size(), 2);
  head += name;
  put_be(head, size, 8);
  return head;
}

// Copies `size` bytes from `in` to `out` in 1 MiB pieces; the bytes it could not copy.
std::uint64_t copy_bytes(std::istream& in, std::ostream& out, std::uint64_t size) {
  std::vector<char> buf(1 << 20);
  while (size > 0 && in) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(size, buf.size())));
    const auto got = static_cast<std::uint64_t>(in.gcount());
    out.write(buf.data(), static_cast<std::streamsize>(got));
    size -= got;
  }
  return size;
}

// Lower-case hex, as the manifest records SHA-256 sums.
std::string sha256_hex(std::span<const std::uint8_t> digest) { return text::ascii_lower(to_hex(digest)); }

// Entry names: relative, '/'-separated, of letters, digits, '.', '_', '-', no "." or ".." part,
// under the folders and files a data directory has.
bool allowed_name(const std::string& name) {
  if (name.empty() || name.size() > kMaxName || name.front() == '/' || name.back() == '/') return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto end = std::min(name.find('/', start), name.size());
    const std::string part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    for (char c : part) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
      if (!ok) return false;
    }
    start = end + 1;
  }
  for (const char* exact : {"chungthu.toml", "audit-head", "chungthu.db", "database.sql"}) {
    if (name == exact) return true;
  }
  for (const char* dir : {"keys/", "secrets/", "mail-templates/", "attachments/"}) {
    if (name.rfind(dir, 0) == 0) return true;
  }
  return false;
}

class Writer {
 public:
  explicit Writer(const fs::path& path) : path_(path), out_(path, std::ios::binary | std::ios::trunc) {}
  [[nodiscard]] bool ok() const { return static_cast<bool>(out_); }

  void raw(std::string_view bytes) { out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }

  Status bytes(const std::string& name, std::span<const std::uint8_t> data, bool sealed) {
    raw(entry_head(name, data.size()));
    out_.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    entries_.push_back({{"name", name},
                        {"size", data.size()},
                        {"sha256", sha256_hex(crypto::digest(crypto::HashAlg::sha256, data))},
                        {"sealed", sealed}});
    if (!out_) return fail(io_error(path_));
    return {};
  }

  Status file(const std::string& name, const fs::path& source) {
    std::error_code ec;
    const auto size = fs::file_size(source, ec);
    if (ec) return fail(io_error(source));
    auto sha = crypto::digest_file(crypto::HashAlg::sha256, source.string());
    if (!sha) return fail(sha.error());
    raw(entry_head(name, size));
    std::ifstream in(source, std::ios::binary);
    if (copy_bytes(in, out_, size) != 0 || !out_) return fail(io_error(source));  // it shrank while being copied
    entries_.push_back({{"name", name}, {"size", size}, {"sha256", sha256_hex(*sha)}, {"sealed", false}});
    return {};
  }

  [[nodiscard]] const nlohmann::json& entries() const { return entries_; }
  Status close() {
    out_.flush();
    if (!out_) return fail(io_error(path_));
    out_.close();
    return {};
  }

 private:
  fs::path path_;
  std::ofstream out_;
  nlohmann::json entries_ = nlohmann::json::array();
};

// Every regular file under data_dir/dir, as "dir/…" names, sorted.
std::vector<std::string> files_under(const fs::path& data_dir, const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(data_dir / dir, ec)) return out;
  for (fs::recursive_directory_iterator it(data_dir / dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = fs::relative(it->path(), data_dir, ec).generic_string();
    if (!ec && allowed_name(name) && !name.ends_with(".tmp")) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::string> database_url(const Config& cfg) { return cfg.string("database", "sqlite"); }

// pg_dump's or psql's failure, its password scrubbed.
Error tool_failed(const std::string& tool, const std::string& url, const ProcessResult& r) {
  const std::string why = store::one_line(store::scrub_secrets(r.errors, store::url_passwords(url)));
  return Error::make(ErrorCode::unavailable, tool + " thất bại (mã " + std::to_string(r.exit_code) + "): " + why,
                     tool + " failed (exit " + std::to_string(r.exit_code) + "): " + why, tool);
}

// The parsed frame of a backup file: where each entry's bytes are.
struct Frame {
  std::string header_line;
  nlohmann::json header;
  struct Entry {
    std::string name;
    std::uint64_t size = 0;
    std::streamoff offset = 0;
  };
  std::vector<Entry> entries;
  std::string manifest_text;
  Bytes mac;
};

Result<std::uint64_t> get_be(std::istream& in, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    const int c = in.get();
    if (c == EOF) return fail(damaged("tệp bị cắt ngắn", "the file is cut short"));
    v = (v << 8) | static_cast<std::uint64_t>(c);
  }
  return v;
}

Result<Frame> read_frame(std::ifstream& in, std::uint64_t file_size) {
  Frame f;
  std::string magic(kMagic.size(), '\0');
  in.read(magic.data(), static_cast<std::streamsize>(magic.size()));
  if (!in || magic != kMagic) {
    return fail(ErrorCode::invalid_input, "Không phải tệp sao lưu chungthu", "Not a chungthu backup file", "backup");
  }
  std::getline(in, f.header_line);
  if (!in || f.header_line.size() > kMaxLine) return fail(damaged("dòng đầu hỏng", "bad header line"));
  f.header = nlohmann::json::parse(f.header_line, nullptr, false);
  if (f.header.is_discarded() || !f.header.is_object()) return fail(damaged("dòng đầu hỏng", "bad header line"));
  for (;;) {
    const int tag = in.get();
    if (tag == 'E') {
      auto len = get_be(in, 2);
      if (!len) return fail(len.error());
      if (*len == 0 || *len > kMaxName) return fail(damaged("tên mục hỏng", "bad entry name"));
      Frame::Entry e;
      e.name.resize(*len);
      in.read(e.name.data(), static_cast<std::streamsize>(*len));
      auto size = get_be(in, 8);
      if (!size) return fail(size.error());
      e.size = *size;
      e.offset = in.tellg();
      if (!in || static_cast<std::uint64_t>(e.offset) + e.size > file_size) {
        return fail(damaged("tệp bị cắt ngắn", "the file is cut short"));
      }
      in.seekg(static_cast<std::streamoff>(e.size), std::ios::cur);
      f.entries.push_back(std::move(e));
    } else if (tag == 'M') {
      auto len = get_be(in, 4);
      if (!len) return fail(len.error());
      if (*len > kMaxManifest) return fail(damaged("bản kê quá lớn", "manifest too large"));
      f.manifest_text.resize(*len);
      in.read(f.manifest_text.data(), static_cast<std::streamsize>(*len));
      f.mac.resize(kMacBytes);
      in.read(reinterpret_cast<char*>(f.mac.data()), kMacBytes);
      if (!in) return fail(damaged("tệp bị cắt ngắn", "the file is cut short"));
      if (in.peek() != EOF) return fail(damaged("có dữ liệu thừa sau bản kê", "data after the manifest"));
      return f;
    } else {
      return fail(damaged(tag == EOF ? "tệp bị cắt ngắn" : "mục không hợp lệ",
                          tag == EOF ? "the file is cut short" : "bad entry tag"));
    }
  }
}

Status write_restored(std::ifstream& in, const Frame::Entry& e, const nlohmann::json& meta, const Keys& keys,
                      const fs::path& target) {
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  in.clear();
  in.seekg(e.offset);
  const bool sealed = meta.value("sealed", false);
  if (sealed) {
    if (e.size > kMaxSealed) return fail(damaged("mục bí mật quá lớn", "sealed entry too large"));
    std::string text(e.size, '\0');
    in.read(text.data(), static_cast<std::streamsize>(e.size));
    const Bytes stored(text.begin(), text.end());
    if (sha256_hex(crypto::digest(crypto::HashAlg::sha256, stored)) != meta.value("sha256", "")) {
      return fail(damaged("mục " + e.name + " không khớp SHA-256", "entry " + e.name + " does not match its SHA-256"));
    }
    auto secret = registry::sealed::open(keys.seal, text, e.name);
    if (!secret) return fail(damaged("không mở được " + e.name, "cannot open " + e.name));
    const std::string_view bytes(reinterpret_cast<const char*>(secret->data()), secret->size());
    auto w = write_file(target, bytes, true);
    sodium_memzero(secret->data(), secret->size());
    if (!w) return fail(w.error());
    return {};
  }
  {
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    const std::uint64_t left = copy_bytes(in, out, e.size);
    out.flush();
    if (left != 0 || !out) return fail(io_error(target));
  }
  auto sha = crypto::digest_file(crypto::HashAlg::sha256, target.string());
  if (!sha) return fail(sha.error());
  if (sha256_hex(*sha) != meta.value("sha256", "")) {
    return fail(damaged("mục " + e.name + " không khớp SHA-256", "entry " + e.name + " does not match its SHA-256"));
  }
  if (e.name.rfind("keys/", 0) == 0 || e.name == "chungthu.db") ::chmod(target.c_str(), 0600);
  return {};
}

// PostgreSQL: the target database must hold no table yet.
Status require_empty_postgres(const std::string& url) {
  auto db = store::open_postgres(url);
  if (!db) return fail(db.error());
  auto lease = (*db)->acquire();
  if (!lease) return fail(lease.error());
  auto q = (*lease)->query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'");
  if (!q) return fail(q.error());
  auto row = q->step();
  if (!row) return fail(row.error());
  if (*row && q->get_int(0) != 0) {
    return fail(ErrorCode::conflict, "Cơ sở dữ liệu đích không trống: khôi phục cần một cơ sở dữ liệu mới",
                "The target database is not empty: restore needs a new database", "database");
  }
  return {};
}

}  // namespace

Result<std::string> backup_passphrase(const Context& ctx) {
  if (const char* env = std::getenv(kBackupPassphraseEnv); env != nullptr && *env != '\0') return std::string(env);
  auto pass = ca_passphrase(ctx.config(), ctx.data_dir());
  if (!pass) {
    return fail(ErrorCode::invalid_input,
                "Cần mật khẩu sao lưu: đặt CHUNGTHU_BACKUP_PASSPHRASE (hoặc mật khẩu khóa CA)",
                "A backup passphrase is needed: set CHUNGTHU_BACKUP_PASSPHRASE (or the CA key passphrase)",
                kBackupPassphraseEnv);
  }
  return pass;
}

Result<BackupReport> make_backup(Context& ctx, const fs::path& out, const std::string& passphrase) {
  const fs::path& data = ctx.data_dir();
  auto url = database_url(ctx.config());
  if (!url) return fail(url.error());
  const bool postgres = store::is_postgres_url(*url);
  if (!postgres && *url != "sqlite") {
    return fail(ErrorCode::invalid_input, "Sao lưu chỉ hỗ trợ SQLite trong thư mục dữ liệu hoặc PostgreSQL",
                "Backup supports SQLite in the data directory or PostgreSQL", "database");
  }
  int schema = 0;
  {
    auto lease = ctx.db().acquire();
    if (!lease) return fail(lease.error());
    auto v = store::schema_version(**lease);
    if (!v) return fail(v.error());
    schema = *v;
  }
  crypto::SystemRng rng;
  Bytes salt(crypto_pwhash_SALTBYTES);
  rng.fill(salt);
  const std::uint64_t ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const std::size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  auto keys = derive(passphrase, salt, ops, mem);
  if (!keys) return fail(keys.error());

  const fs::path tmp = out.string() + "." + std::to_string(::getpid()) + ".partial";
  const fs::path snapshot = out.string() + "." + std::to_string(::getpid()) + (postgres ? ".sql" : ".db");
  std::error_code ec;
  struct Cleanup {
    fs::path a, b;
    ~Cleanup() {
      std::error_code e;
      fs::remove(a, e);
      fs::remove(b, e);
    }
  } cleanup{tmp, snapshot};
  Writer w(tmp);
  if (!w.ok()) return fail(io_error(out));
  ::chmod(tmp.c_str(), 0600);  // keys (encrypted) and sealed secrets: the owner's only
  const std::string header = nlohmann::json{{"kdf", "argon2id"}, {"salt", to_hex(salt)}, {"opslimit", ops},
                                            {"memlimit", mem}}
                                 .dump();
  w.raw(kMagic);
  w.raw(header + "\n");

  if (auto s = w.file("chungthu.toml", data / "chungthu.toml"); !s) return fail(s.error());
  for (const auto& dir : {"mail-templates", "keys", "attachments"}) {
    for (const auto& name : files_under(data, dir)) {
      if (auto s = w.file(name, data / name); !s) return fail(s.error());
    }
  }
  for (const auto& name : files_under(data, "secrets")) {
    auto secret = read_file(data / name, kMaxSealed);
    if (!secret) return fail(secret.error());
    auto sealed = registry::sealed::seal(keys.value()->seal, *secret, rng);
    sodium_memzero(secret->data(), secret->size());
    if (!sealed) return fail(sealed.error());
    if (auto s = w.bytes(name, std::span(reinterpret_cast<const std::uint8_t*>(sealed->data()), sealed->size()), true);
        !s) {
      return fail(s.error());
    }
  }
  // The checkpoint first: the database copied after it is at least as new.
  if (fs::exists(data / "audit-head", ec)) {
    auto head = read_file(data / "audit-head", kMaxSealed);
    if (!head) return fail(head.error());
    if (auto s = w.bytes("audit-head", *head, false); !s) return fail(s.error());
  }
  if (postgres) {
    auto r = run_process({"pg_dump", "--no-owner", "--no-privileges", "--format=plain", "--dbname=" + *url}, snapshot);
    if (!r) return fail(r.error());
    if (r->exit_code != 0) return fail(tool_failed("pg_dump", *url, *r));
    if (auto s = w.file("database.sql", snapshot); !s) return fail(s.error());
  } else {
    if (auto s = store::snapshot_sqlite(data / "chungthu.db", snapshot); !s) return fail(s.error());
    if (auto s = w.file("chungthu.db", snapshot); !s) return fail(s.error());
  }

  nlohmann::json manifest{{"format", 1},
                          {"created_at", timefmt::iso8601_utc(ctx.clock().now())},
                          {"database", postgres ? "postgresql" : "sqlite"},
                          {"schema_version", schema},
                          {"key_backend", ctx.config().string("ca.key_backend", "software").value_or("software")},
                          {"entries", w.entries()}};
  const std::string manifest_text = manifest.dump();
  std::string trailer = "M";
  put_be(trailer, manifest_text.size(), 4);
  trailer += manifest_text;
  const std::string signed_text = header + "\n" + manifest_text;
  const Bytes mac = crypto::hmac(crypto::HashAlg::sha256, keys.value()->mac,
                                 std::span(reinterpret_cast<const std::uint8_t*>(signed_text.data()), signed_text.size()));
  trailer.append(mac.begin(), mac.end());
  w.raw(trailer);
  if (auto s = w.close(); !s) return fail(s.error());
  fs::rename(tmp, out, ec);
  if (ec) return fail(io_error(out));
  BackupReport report{out, postgres ? "postgresql" : "sqlite", w.entries().size(), fs::file_size(out, ec)};
  return report;
}

Result<BackupReport> restore_backup(const RestoreOptions& o) {
  std::error_code ec;
  if (fs::exists(o.data_dir, ec) && !fs::is_empty(o.data_dir, ec)) {
    return fail(ErrorCode::conflict, "Thư mục dữ liệu đích không trống: " + o.data_dir.string(),
                "The target data directory is not empty: " + o.data_dir.string(), "--data");
  }
  const auto file_size = fs::file_size(o.file, ec);
  if (ec) return fail(ErrorCode::invalid_input, "Không đọc được tệp sao lưu: " + o.file.string(),
                      "Cannot read the backup file: " + o.file.string(), o.file.string());
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return fail(io_error(o.file));
  auto frame = read_frame(in, file_size);
  if (!frame) return fail(frame.error());

  // The key derivation's limits come from the file: bounded, so a crafted file cannot exhaust the machine.
  const auto salt = from_hex(frame->header.value("salt", ""));
  const auto ops = frame->header.value("opslimit", std::uint64_t{0});
  const auto mem = frame->header.value("memlimit", std::uint64_t{0});
  if (frame->header.value("kdf", "") != "argon2id" || !salt || salt->size() != crypto_pwhash_SALTBYTES ||
      ops < crypto_pwhash_OPSLIMIT_MIN || ops > 16 || mem < crypto_pwhash_MEMLIMIT_MIN || mem > (std::uint64_t{1} << 30)) {
    return fail(damaged("tham số khóa không hợp lệ", "bad key derivation parameters"));
  }
  auto keys = derive(o.passphrase, *salt, ops, static_cast<std::size_t>(mem));
  if (!keys) return fail(keys.error());
  const std::string signed_text = frame->header_line + "\n" + frame->manifest_text;
  const Bytes mac = crypto::hmac(crypto::HashAlg::sha256, keys.value()->mac,
                                 std::span(reinterpret_cast<const std::uint8_t*>(signed_text.data()), signed_text.size()));
  if (mac.size() != frame->mac.size() || sodium_memcmp(mac.data(), frame->mac.data(), mac.size()) != 0) {
    return fail(damaged("mã xác thực bản kê không khớp", "the manifest's MAC does not match"));
  }
  const auto manifest = nlohmann::json::parse(frame->manifest_text, nullptr, false);
  if (manifest.is_discarded() || manifest.value("format", 0) != 1 || !manifest.contains("entries") ||
      !manifest["entries"].is_array() || manifest["entries"].size() != frame->entries.size()) {
    return fail(damaged("bản kê không khớp các mục", "the manifest does not match the entries"));
  }
  const int schema = manifest.value("schema_version", 0);
  if (schema > store::latest_schema_version()) {
    return fail(ErrorCode::conflict, "Bản sao lưu từ phiên bản chungthu mới hơn: hãy cập nhật chungthu",
                "The backup comes from a newer chungthu: upgrade chungthu", "backup");
  }
  const bool postgres = manifest.value("database", "") == "postgresql";
  for (std::size_t i = 0; i < frame->entries.size(); ++i) {
    const auto& e = frame->entries[i];
    const auto& meta = manifest["entries"][i];
    if (!meta.is_object() || meta.value("name", "") != e.name || meta.value("size", std::uint64_t{0}) != e.size ||
        !allowed_name(e.name)) {
      return fail(damaged("mục " + e.name + " không khớp bản kê", "entry " + e.name + " does not match the manifest"));
    }
  }

  // Built beside the target, renamed into place when complete.
  const fs::path parent = fs::absolute(o.data_dir, ec).parent_path();
  fs::create_directories(parent, ec);
  const fs::path staging = parent / (".restore-" + std::to_string(::getpid()) + "-" + o.data_dir.filename().string());
  fs::remove_all(staging, ec);
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code e;
      if (!dir.empty()) fs::remove_all(dir, e);
    }
  } cleanup{staging};
  fs::create_directories(staging, ec);
  ::chmod(staging.c_str(), 0700);
  for (std::size_t i = 0; i < frame->entries.size(); ++i) {
    if (auto s = write_restored(in, frame->entries[i], manifest["entries"][i], *keys.value(), staging / frame->entries[i].name);
        !s) {
      return fail(s.error());
    }
  }
  if (!fs::exists(staging / "chungthu.toml", ec) ||
      !fs::exists(staging / (postgres ? "database.sql" : "chungthu.db"), ec)) {
    return fail(damaged("thiếu cấu hình hoặc cơ sở dữ liệu", "the configuration or the database is missing"));
  }
  ::chmod((staging / "secrets").c_str(), 0700);
  ::chmod((staging / "keys").c_str(), 0700);

  if (postgres) {
    std::string url;
    if (o.database_url) {
      url = *o.database_url;
    } else {
      auto cfg = Config::load(staging / "chungthu.toml");
      if (!cfg) return fail(cfg.error());
      auto u = database_url(*cfg);
      if (!u) return fail(u.error());
      url = *u;
    }
    if (!store::is_postgres_url(url)) {
      return fail(ErrorCode::invalid_input,
                  "Bản sao lưu PostgreSQL cần --database postgresql://… (một cơ sở dữ liệu trống)",
                  "A PostgreSQL backup needs --database postgresql://… (an empty database)", "--database");
    }
    if (auto s = require_empty_postgres(url); !s) return fail(s.error());
    auto r = run_process({"psql", "--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1",
                          "--dbname=" + url, "--file=" + (staging / "database.sql").string()},
                         std::nullopt);
    if (!r) return fail(r.error());
    if (r->exit_code != 0) return fail(tool_failed("psql", url, *r));
    fs::remove(staging / "database.sql", ec);
  }
  if (fs::exists(o.data_dir, ec)) fs::remove(o.data_dir, ec);  // empty: checked above
  fs::rename(staging, o.data_dir, ec);
  if (ec) return fail(io_error(o.data_dir));
  cleanup.dir.clear();
  return BackupReport{o.file, postgres ? "postgresql" : "sqlite", frame->entries.size(), file_size};
}

}  // namespace ct::app
