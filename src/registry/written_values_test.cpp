// The values people write in lists and forms, brought to the forms' format (subject_data.h
// normalized): issue places as printed on cards or abbreviated, dates in the usual day-first
// forms, phones with separators or +84, and the old 9-digit identity card number reported as such.
#include <gtest/gtest.h>

#include "common/text.h"
#include "registry/form_dates.h"
#include "registry/issue_places.h"
#include "registry/subject_data.h"
#include "registry/validation.h"

namespace ct::registry {
namespace {

TEST(IssuePlaces, SpellingsOfficialsWrite) {
  const std::vector<std::pair<const char*, const char*>> table{
      {"C06", "C06"},
      {"c06", "C06"},
      {"Cục Cảnh sát quản lý hành chính về trật tự xã hội", "C06"},
      {"CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", "C06"},
      {"Cục trưởng Cục Cảnh sát quản lý hành chính về trật tự xã hội", "C06"},
      {"Cục CS QLHC về TTXH", "C06"},
      {"Cuc CS QLHC ve TTXH", "C06"},
      {"Cục CSQLHC về TTXH", "C06"},
      {"Cục Cảnh sát QLHC về TTXH", "C06"},
      {"Cục Cảnh sát ĐKQL cư trú và DLQG về dân cư", "DKQLCT"},
      {"Cục Cảnh sát đăng ký, quản lý cư trú và dữ liệu quốc gia về dân cư", "DKQLCT"},
      {"cuc canh sat dkql cu tru va dlqg ve dan cu", "DKQLCT"},
      {"Bộ Công an", "BCA"},
      {"BO CONG AN", "BCA"},
      {"Công an tỉnh Nam Định", "CA036"},
      {"CA tỉnh Nam Định", "CA036"},
      {"Công an Bắc Ninh", "CA027"},
      {"Giám đốc Công an tỉnh Bắc Ninh", "CA027"},
      {"CA TP Hồ Chí Minh", "CA079"},
      {"Công an thành phố Hà Nội", "CA001"},
      {"Công an tỉnh Bà Rịa - Vũng Tàu", "CA077"},
      {"ca036", "CA036"},
  };
  for (const auto& [written, code] : table) {
    const auto got = issue_place_code(written);
    ASSERT_TRUE(got) << written;
    EXPECT_EQ(*got, code) << written;
    EXPECT_TRUE(issue_place_name(*got)) << written;
  }
  for (const char* unknown : {"", "Cục Cảnh sát ABC", "Công an huyện Gia Bình", "CA999", "Công an tỉnh Atlantis", "Hà Nội"})
    EXPECT_FALSE(issue_place_code(unknown)) << unknown;
}

TEST(IssuePlaces, AnUnknownOneGetsTheClosestKnownNames) {
  const auto near = closest_issue_places("Cục Cảnh sát quản lý hành chính");
  ASSERT_EQ(near.size(), 3U);
  EXPECT_EQ(near.front(), "C06 — Cục Cảnh sát quản lý hành chính về trật tự xã hội");
  const auto province = closest_issue_places("Công an tỉnh Nam Đinh Thành");
  EXPECT_EQ(province.front().substr(0, 5), "CA036");
}

TEST(WrittenDates, DayFirstFormsAndIso) {
  const std::vector<std::pair<const char*, const char*>> good{
      {"15/06/1985", "15/06/1985"}, {"5/6/1985", "05/06/1985"}, {"15-06-1985", "15/06/1985"},
      {"15.06.1985", "15/06/1985"}, {"1985-06-15", "15/06/1985"}, {"29/2/2024", "29/02/2024"},
  };
  for (const auto& [written, vn] : good) {
    const auto d = parse_written_date(written);
    ASSERT_TRUE(d) << written;
    EXPECT_EQ(format_vn_date(*d), vn) << written;
  }
  for (const char* bad : {"", "31/02/1990", "29/02/2023", "15/06/85", "1985/06/15", "15/06-1985", "06/15/1985",
                          "15 tháng 6 năm 1985", "1985-6-15", "15//1985", "015/06/1985", "15/06/1985 "})
    EXPECT_FALSE(parse_written_date(bad)) << bad;
}

TEST(WrittenPhones, SeparatorsAndCountryCode) {
  EXPECT_EQ(canonical_vn_phone("0912 345 678"), "0912345678");
  EXPECT_EQ(canonical_vn_phone("+84 912.345.678"), "0912345678");
  EXPECT_EQ(canonical_vn_phone("0912-345-678"), "0912345678");
  EXPECT_EQ(canonical_vn_phone("0222 3812 345"), "02223812345");
  for (const char* bad : {"912345678", "0112345678", "+1 202 555 0100", "0912 345 67a", ""})
    EXPECT_FALSE(canonical_vn_phone(bad)) << bad;
}

TEST(WrittenValues, NormalizedSubjectTakesWhatPeopleWrite) {
  SubjectData d;
  d.full_name = "Nguyễn Văn An";
  d.dob = "3/7/1990";
  d.cccd = "027 085 000 101";
  d.cccd_date = "2021-04-20";
  d.cccd_place = "Cục CS QLHC về TTXH";
  d.phone = "+84 912.345.679";
  d.device = "token";
  auto n = normalized(d);
  ASSERT_TRUE(n) << n.error().describe();
  EXPECT_EQ(n->dob, "03/07/1990");
  EXPECT_EQ(n->cccd, "027085000101");
  EXPECT_EQ(n->cccd_date, "20/04/2021");
  EXPECT_EQ(n->cccd_place, "C06");
  EXPECT_EQ(n->phone, "0912345679");
  EXPECT_EQ(n->device, "TOKEN");
  // What is not understood stays as written, never upper-cased byte by byte.
  d.cccd_place = "Cục Cảnh sát QLHC tỉnh X";
  d.dob = "ngày 3 tháng 7";
  d.device = "thẻ";
  n = normalized(d);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->cccd_place, "Cục Cảnh sát QLHC tỉnh X");
  EXPECT_EQ(n->dob, "ngày 3 tháng 7");
  EXPECT_EQ(n->device, "THẺ");
}

}  // namespace
}  // namespace ct::registry
