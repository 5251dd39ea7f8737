#include "common/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <string>

namespace ct {
namespace {

Error cannot_write(const std::filesystem::path& path) {
  return Error::make(ErrorCode::invalid_input, "Không ghi được tệp: " + path.string(), "Cannot write file: " + path.string());
}

// "<path>.<pid>.<n>.tmp": unique among the threads and processes of this host.
std::filesystem::path temporary_beside(const std::filesystem::path& path) {
  static std::atomic<std::uint64_t> counter{0};
  return path.string() + "." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1)) + ".tmp";
}

}  // namespace

Result<Bytes> read_file(const std::filesystem::path& path, std::size_t limit) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(ErrorCode::invalid_input, "Không tìm thấy tệp: " + path.string(), "File not found: " + path.string());
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || size > limit) {
    return fail(ErrorCode::invalid_input,
                "Tệp quá lớn (tối đa " + std::to_string(limit) + " byte): " + path.string(),
                "File too large (at most " + std::to_string(limit) + " bytes): " + path.string());
  }
  std::ifstream in(path, std::ios::binary);
  Bytes data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return fail(ErrorCode::invalid_input, "Không đọc được tệp: " + path.string(), "Cannot read file: " + path.string());
  }
  return data;
}

Status write_file(const std::filesystem::path& path, std::string_view content, bool owner_only) {
  std::error_code ec;
  const auto st = std::filesystem::status(path, ec);
  if (std::filesystem::exists(st) && !std::filesystem::is_regular_file(st)) {
    if (std::filesystem::is_directory(st)) {
      return fail(ErrorCode::invalid_input, "Đường dẫn là thư mục: " + path.string(), "The path is a directory: " + path.string());
    }
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) return fail(cannot_write(path));
    return {};
  }
  const std::filesystem::path tmp = temporary_beside(path);
  // Created with its final mode (0600 when owner_only), never readable by others even for a moment.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, owner_only ? 0600 : 0644);
  if (fd < 0) return fail(cannot_write(path));
  ::close(fd);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) {
      std::filesystem::remove(tmp, ec);
      return fail(cannot_write(path));
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return fail(cannot_write(path));
  }
  return {};
}

}  // namespace ct
