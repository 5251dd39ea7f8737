#pragma once
// A ZIP archive in memory (the OPC package of an XLSX file, ECMA-376 Part 2), read through
// libzip with hard limits, so a hostile file cannot exhaust memory: the archive's own size, the
// number of entries, and for what is inflated: each entry's size against its compressed size
// (the ratio of a zip bomb) and the total of everything read. Sizes in the directory are not
// trusted: the limits apply to the bytes actually inflated.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.h"

namespace ct::documents {

struct ZipLimits {
  std::size_t max_archive_bytes = 10 * 1024 * 1024;
  std::size_t max_entries = 1000;
  std::size_t max_total_inflated = 100 * 1024 * 1024;
  std::size_t max_ratio = 100;                  // inflated : compressed, per entry
  std::size_t ratio_exempt_bytes = 1024 * 1024; // entries smaller than this are not ratio-checked
};

class ZipArchive final {
 public:
  // Opens `data` (borrowed: it must outlive the archive). Refuses what is not a ZIP archive,
  // is larger than the limit or has too many entries.
  [[nodiscard]] static Result<ZipArchive> open(std::span<const std::uint8_t> data, const ZipLimits& limits);
  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  [[nodiscard]] bool contains(std::string_view name) const;
  // The inflated content of entry `name` (names compared without case, as Office does);
  // nullopt when absent. Errors: a limit exceeded, an encrypted or damaged entry.
  [[nodiscard]] Result<std::optional<std::string>> read(std::string_view name);

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ct::documents
