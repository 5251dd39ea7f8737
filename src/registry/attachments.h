#pragma once
// Attachments of a request (SPEC §5): PDF or image only (content-sniffed, not trusted from the
// name), size-limited, stored content-addressed by SHA-256 in the store (so any node serves
// them), with their metadata (kind, sanitized name, hash, size, type).

#include <chrono>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "store/database.h"

namespace ct::registry {

// request_letter, appointment_decision, seal_registration, superior_confirmation, other.
[[nodiscard]] bool known_attachment_kind(std::string_view kind) noexcept;

struct Attachment {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string kind;
  std::string name;        // sanitized
  std::string sha256;      // lower-case hex
  std::int64_t size = 0;
  std::string media_type;  // application/pdf, image/png, image/jpeg
  std::string uploaded_by;
  TimePoint created_at;
};

// "application/pdf" (%PDF-), "image/png" (\x89PNG\r\n\x1a\n), "image/jpeg" (FF D8 FF); anything
// else is refused (invalid_input).
[[nodiscard]] Result<std::string> sniff_media_type(std::span<const std::uint8_t> content);
// The last path component, without control characters or <>:"/\|?*, trimmed of spaces and dots,
// NFC, at most 120 characters (the extension kept); Vietnamese letters are kept. A name left
// empty becomes "tai-lieu" + the extension of `media_type`.
[[nodiscard]] std::string sanitize_filename(std::string_view name, std::string_view media_type);

// Checks type and size of an upload and names it by its SHA-256; nothing is written.
struct StoredBlob {
  std::string sha256;  // lower-case hex
  std::string media_type;
  std::int64_t size = 0;
};
[[nodiscard]] Result<StoredBlob> check_blob(std::span<const std::uint8_t> content, std::int64_t max_bytes);
// Keeps the content in the store (table `attachment_blobs`, shared by every node), once per
// SHA-256, in the caller's transaction: the attachment row that refers to it commits with it.
[[nodiscard]] Status put_blob(store::Connection& c, const StoredBlob& blob, std::span<const std::uint8_t> content,
                              TimePoint now);
// The content of a blob; nullopt when neither the store nor (for uploads from before the store
// kept contents) the data directory's attachments/ folder holds it.
[[nodiscard]] Result<std::optional<Bytes>> read_blob(store::Connection& c, const std::filesystem::path& data_dir,
                                                     const std::string& sha256);
// Where contents were kept before: <data>/attachments/ab/cdef….bin.
[[nodiscard]] std::filesystem::path legacy_blob_path(const std::filesystem::path& data_dir, const std::string& sha256);

[[nodiscard]] Result<std::int64_t> insert_attachment(store::Connection& c, const Attachment& a);
[[nodiscard]] Result<std::vector<Attachment>> list_attachments(store::Connection& c, std::int64_t request_id);
// Deletes the row of attachment `id` of request `request_id` and returns it; nullopt when that
// request has no such attachment. The blob stays (content-addressed, maybe shared) until
// collect_orphan_blobs finds that nothing refers to it.
[[nodiscard]] Result<std::optional<Attachment>> remove_attachment(store::Connection& c, std::int64_t request_id,
                                                                  std::int64_t id);

// Deletes the blobs last stored before `now` - `grace` that no attachment refers to (documents
// removed from a draft), and in the legacy attachments/ folder the files (and temporary files
// left by a write cut short) last written more than `grace` ago that nothing refers to (file
// times are the file system's, real time). Returns how many blobs and files were deleted.
[[nodiscard]] Result<std::int64_t> collect_orphan_blobs(store::Database& db, const std::filesystem::path& data_dir,
                                                        TimePoint now, std::chrono::seconds grace);

}  // namespace ct::registry
