// The signed head file: its text form, reading it, and moving it forward under a lock.
#include "audit/signed_head.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

namespace ct::audit {
namespace {

constexpr std::string_view kMagic = "chungthu-audit-head 1";

Error malformed() {
  return Error::make(ErrorCode::invalid_input, "Tệp đầu chuỗi nhật ký kiểm toán sai định dạng",
                     "The audit head file is malformed");
}

Error cannot_write(const std::filesystem::path& file) {
  return Error::make(ErrorCode::unavailable, "Không ghi được tệp đầu chuỗi nhật ký kiểm toán",
                     "Cannot write the audit head file", file.string());
}

// "<name> <value>" → value.
std::optional<std::string_view> field(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() + 1 || line.substr(0, name.size()) != name || line[name.size()] != ' ') {
    return std::nullopt;
  }
  return line.substr(name.size() + 1);
}

std::optional<std::int64_t> number(std::string_view text) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) return std::nullopt;
  return v;
}

// An open file descriptor, closed (and its flock released) when it goes.
class Fd final {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const noexcept { return fd_; }
  // Closes now; false when close reports an error (a write that did not reach the file).
  bool close() noexcept {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string format_signed_head(const Checkpoint& cp) {
  return std::string(kMagic) + "\nseq " + std::to_string(cp.seq) + "\nhash " + cp.hash + "\nat " +
         std::to_string(to_unix(cp.at)) + "\nsignature " + to_hex(cp.signature) + "\n";
}

Result<Checkpoint> parse_signed_head(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    if (end == std::string_view::npos) return fail(malformed());  // the last line ends with '\n'
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  if (lines.size() != 5 || lines[0] != kMagic) return fail(malformed());
  const auto seq = field(lines[1], "seq");
  const auto hash = field(lines[2], "hash");
  const auto at = field(lines[3], "at");
  const auto sig = field(lines[4], "signature");
  if (!seq || !hash || !at || !sig) return fail(malformed());
  const auto seq_n = number(*seq);
  const auto at_n = number(*at);
  auto sig_bytes = from_hex(*sig);
  if (!seq_n || *seq_n == 0 || !at_n || !sig_bytes || sig_bytes->empty() || !from_hex(*hash)) return fail(malformed());
  return Checkpoint{*seq_n, std::string(*hash), from_unix(*at_n), std::move(*sig_bytes)};
}

Result<std::optional<Checkpoint>> read_signed_head(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (ec) {
      return fail(ErrorCode::integrity, "Không đọc được tệp đầu chuỗi nhật ký kiểm toán",
                  "Cannot read the audit head file", file.string());
    }
    return std::optional<Checkpoint>();
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) {
    return fail(ErrorCode::integrity, "Không đọc được tệp đầu chuỗi nhật ký kiểm toán",
                "Cannot read the audit head file", file.string());
  }
  auto cp = parse_signed_head(ss.str());
  if (!cp) {
    return fail(ErrorCode::integrity, cp.error().message_vi + " (đã bị sửa?)",
                cp.error().message_en + " (was it changed?)", file.string());
  }
  return std::optional<Checkpoint>(std::move(*cp));
}

Status advance_signed_head(const std::filesystem::path& file, const Checkpoint& cp) {
  const std::string lock_name = file.string() + ".lock";
  Fd lock(::open(lock_name.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (lock.get() < 0) return fail(cannot_write(lock_name));
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR) return fail(cannot_write(lock_name));
  }
  auto current = read_signed_head(file);
  if (!current) return fail(current.error());
  if (*current && (*current)->seq >= cp.seq) return {};

  const std::string tmp = file.string() + ".tmp";
  Fd out(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) return fail(cannot_write(tmp));
  if (!write_all(out.get(), format_signed_head(cp)) || ::fsync(out.get()) != 0 || !out.close()) {
    return fail(cannot_write(tmp));
  }
  if (::rename(tmp.c_str(), file.c_str()) != 0) return fail(cannot_write(file));
  // The rename itself reaches the disk with the directory.
  Fd dir(::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) (void)::fsync(dir.get());
  return {};
}

}  // namespace ct::audit
