#pragma once
// Whole files in and out: read with a size limit, replaced atomically.

#include <cstddef>
#include <filesystem>
#include <string_view>

#include "common/error.h"
#include "common/hex.h"  // Bytes

namespace ct {

// The file's bytes; a missing file, a directory, one over `limit` bytes or one that cannot be
// read is invalid_input naming the file.
[[nodiscard]] Result<Bytes> read_file(const std::filesystem::path& path, std::size_t limit);
// A regular file is replaced atomically (written beside it under a name no other writer uses,
// then renamed over it), so concurrent writers of the same content never see a torn file;
// `owner_only` creates it 0600 from the start (a handover letter with a PIN in it). A device or
// pipe (/dev/stdout, a FIFO) is written in place.
[[nodiscard]] Status write_file(const std::filesystem::path& path, std::string_view content, bool owner_only = false);

}  // namespace ct
