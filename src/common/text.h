#pragma once
// Vietnamese text: stored as UTF-8 NFC (SPEC §2); searched through a folded form that ignores
// case and diacritics, so "nguyen van an" finds "Nguyễn Văn An".

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace ct::text {

[[nodiscard]] bool is_valid_utf8(std::string_view s) noexcept;
// NFC of valid UTF-8; an invalid_input error naming `field` otherwise.
[[nodiscard]] Result<std::string> to_nfc(std::string_view s, std::string_view field = {});
// Search key: NFD, combining marks removed, đ/Đ → d, lower case, runs of white space → one space,
// trimmed. Invalid UTF-8 folds to its bytes lower-cased (never fails: it is a search key).
[[nodiscard]] std::string fold(std::string_view s);
// Upper case by the Vietnamese rules of ICU («Cục cảnh sát» → «CỤC CẢNH SÁT»), never byte by
// byte. Invalid UTF-8 comes back unchanged.
[[nodiscard]] std::string upper(std::string_view s);
// White space (space, tab, CR, LF, FF, VT) removed from both ends.
[[nodiscard]] std::string trim(std::string_view s);
// ASCII letters lower-cased, every other byte kept: for protocol tokens (media types, header
// values, file extensions), e-mail addresses and hex digits. Never for names: fold() is for those.
[[nodiscard]] std::string ascii_lower(std::string_view s);
// The parts joined by `separator`.
[[nodiscard]] std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace ct::text
