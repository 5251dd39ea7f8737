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

namespace ct::registry {

// The authority's name for a code (case-sensitive, upper case), or nullopt when unknown.
[[nodiscard]] std::optional<std::string> issue_place_name(std::string_view code);

}  // namespace ct::registry
