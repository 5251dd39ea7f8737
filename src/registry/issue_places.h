#pragma once
// Authorities that issue citizen identity cards (CCCD / căn cước), by the code the national
// 19-column import sheet uses in its "ID issue place" column.
//   C06      Cục Cảnh sát quản lý hành chính về trật tự xã hội (chip CCCD, 2021–2024)
//   DKQLCT   Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư (bar-code CCCD, 2016–2021)
//   BCA      Bộ Công an (thẻ căn cước, Luật Căn cước 2023, from 01/07/2024)
//   CA<nnn>  Công an tỉnh/thành phố — older CMND/CCCD issued by provincial police; nnn is the
//            province code of Thông tư 07/2016/TT-BCA (001 Hà Nội … 027 Bắc Ninh … 096 Cà Mau),
//            the same code that opens a CCCD number.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ct::registry {

// The authority's name for a code (case-sensitive, upper case), or nullopt when unknown.
[[nodiscard]] std::optional<std::string> issue_place_name(std::string_view code);

// Every known authority as (code, name), the national ones first: for the template's list.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> issue_places();

// The authority code of what people write in the issue-place cell: the code in any case
// ("c06", "CA036"), the name as printed on the card, with its usual abbreviations and with or
// without diacritics («Cục Cảnh sát quản lý hành chính về trật tự xã hội», «Cục CS QLHC về
// TTXH», «Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư», «Bộ Công an», «Công an tỉnh Nam Định»,
// «CA TP Hồ Chí Minh», «Cục trưởng Cục …» as the card's signature line reads). nullopt when it is
// none of them.
[[nodiscard]] std::optional<std::string> issue_place_code(std::string_view written);

// The known authorities closest to what was written (at most `n`, nearest first), each as
// "CODE — name", for a message about an unknown one.
[[nodiscard]] std::vector<std::string> closest_issue_places(std::string_view written, std::size_t n = 3);

}  // namespace ct::registry
