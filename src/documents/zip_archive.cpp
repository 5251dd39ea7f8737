#include "documents/zip_archive.h"

#include <zip.h>

#include <algorithm>

namespace ct::documents {
namespace {

struct ZipCloser {
  void operator()(zip_t* z) const noexcept { zip_discard(z); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const noexcept { zip_fclose(f); }
};
struct SourceFree {
  void operator()(zip_source_t* s) const noexcept { zip_source_free(s); }
};

std::string mib(std::size_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

Error refused(std::string vi, std::string en) {
  return Error::make(ErrorCode::invalid_input, std::move(vi), std::move(en), "xlsx");
}

}  // namespace

struct ZipArchive::Impl {
  std::unique_ptr<zip_t, ZipCloser> zip;
  ZipLimits limits;
  std::size_t inflated = 0;
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::open(std::span<const std::uint8_t> data, const ZipLimits& limits) {
  if (data.size() > limits.max_archive_bytes) {
    return fail(refused("Tệp quá lớn (" + std::to_string(data.size()) + " byte, tối đa " + mib(limits.max_archive_bytes) + ")",
                        "The file is too large (" + std::to_string(data.size()) + " bytes, at most " +
                            mib(limits.max_archive_bytes) + ")"));
  }
  zip_error_t err;
  zip_error_init(&err);
  std::unique_ptr<zip_source_t, SourceFree> src(zip_source_buffer_create(data.data(), data.size(), 0, &err));
  zip_error_fini(&err);
  if (!src) return fail(ErrorCode::internal, "Không mở được bộ đọc ZIP", "Cannot create a ZIP reader", "xlsx");
  zip_error_init(&err);
  zip_t* z = zip_open_from_source(src.get(), ZIP_RDONLY, &err);
  zip_error_fini(&err);
  if (z == nullptr) {
    return fail(refused("Tệp không phải bảng tính XLSX (không đọc được cấu trúc ZIP)",
                        "The file is not an XLSX spreadsheet (not a readable ZIP archive)"));
  }
  (void)src.release();  // owned by the archive now
  auto impl = std::make_unique<Impl>();
  impl->zip.reset(z);
  impl->limits = limits;
  const zip_int64_t n = zip_get_num_entries(z, 0);
  if (n < 0 || static_cast<std::size_t>(n) > limits.max_entries) {
    return fail(refused("Tệp có quá nhiều thành phần (" + std::to_string(n) + ", tối đa " +
                            std::to_string(limits.max_entries) + ")",
                        "The file has too many entries (" + std::to_string(n) + ", at most " +
                            std::to_string(limits.max_entries) + ")"));
  }
  return ZipArchive(std::move(impl));
}

bool ZipArchive::contains(std::string_view name) const {
  const std::string n(name);
  return zip_name_locate(impl_->zip.get(), n.c_str(), ZIP_FL_NOCASE) >= 0;
}

Result<std::optional<std::string>> ZipArchive::read(std::string_view name) {
  const std::string n(name);
  const zip_int64_t index = zip_name_locate(impl_->zip.get(), n.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(impl_->zip.get(), static_cast<zip_uint64_t>(index), 0, &st) != 0) {
    return fail(refused("Thành phần " + n + " của tệp bị hỏng", "Entry " + n + " of the file is damaged"));
  }
  const ZipLimits& lim = impl_->limits;
  const std::size_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) != 0U ? static_cast<std::size_t>(st.comp_size) : 0;
  const std::size_t by_ratio = std::max(lim.ratio_exempt_bytes, compressed * lim.max_ratio);
  const std::size_t by_total = lim.max_total_inflated - std::min(lim.max_total_inflated, impl_->inflated);
  const std::size_t allowed = std::min(by_ratio, by_total);
  std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(impl_->zip.get(), static_cast<zip_uint64_t>(index), 0));
  if (!f) {
    return fail(refused("Không đọc được thành phần " + n + " (mã hóa hoặc nén không hỗ trợ)",
                        "Cannot read entry " + n + " (encrypted or unsupported compression)"));
  }
  std::string out;
  char buf[64 * 1024];
  while (true) {
    const zip_int64_t got = zip_fread(f.get(), buf, sizeof buf);
    if (got < 0) return fail(refused("Thành phần " + n + " bị hỏng", "Entry " + n + " is damaged"));
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > allowed) {
      if (allowed == by_total) {
        return fail(refused("Tệp giải nén vượt quá " + mib(lim.max_total_inflated) + " (nghi là bom nén)",
                            "The file inflates beyond " + mib(lim.max_total_inflated) + " (a zip bomb?)"));
      }
      return fail(refused("Thành phần " + n + " có tỉ lệ nén vượt " + std::to_string(lim.max_ratio) +
                              ":1 (nghi là bom nén)",
                          "Entry " + n + " inflates more than " + std::to_string(lim.max_ratio) +
                              ":1 (a zip bomb?)"));
    }
    out.append(buf, static_cast<std::size_t>(got));
  }
  impl_->inflated += out.size();
  return std::optional<std::string>(std::move(out));
}

}  // namespace ct::documents
