// Writes a national 19-column sheet (XLSX) of N realistic rows for bench/import.sh: Vietnamese
// names with diacritics, unique 12-digit CCCDs, dates dd/MM/yyyy, official e-mails, spread over
// the schools "Trường THPT số 01" … "Trường THPT số 20" under "Sở Giáo dục và Đào tạo" of
// "UBND tỉnh Bắc Ninh" (import.sh creates that tree).
// Usage: gen_sheet OUT.xlsx [N]
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "common/text.h"
#include "documents/national_sheet.h"
#include "documents/xlsx_writer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: gen_sheet OUT.xlsx [N]\n";
    return 1;
  }
  const int n = argc > 2 ? std::stoi(argv[2]) : 10000;
  const char* family[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                          "Hồ", "Ngô", "Dương", "Lý"};
  const char* middle[] = {"Văn", "Thị", "Đức", "Minh", "Ngọc", "Thu", "Quốc", "Hữu", "Thị Ánh", "Xuân"};
  const char* given[] = {"An", "Bình", "Cường", "Dũng", "Hương", "Lan", "Phượng", "Quỳnh", "Thắng", "Tuyết", "Việt",
                         "Yến", "Ẩn", "Đạt", "Hưởng", "Ỷ"};
  const char* positions[] = {"Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Kế toán", "Văn thư", "Tổ trưởng chuyên môn"};
  const char* devices[] = {"TOKEN", "TOKEN", "TOKEN", "SIM", "RSSP"};
  ct::documents::SheetSpec s;
  s.name = "Danh sách";
  for (const auto& c : ct::documents::columns()) s.headers.emplace_back(c.header);
  for (int i = 0; i < n; ++i) {
    const std::string name = std::string(family[i % 16]) + " " + middle[(i / 16) % 10] + " " + given[(i / 160) % 16];
    std::string local = ct::text::fold(given[(i / 160) % 16]) + "." + std::to_string(100000 + i);
    char cccd[16], dob[16], phone[16], ordinal[16];
    std::snprintf(cccd, sizeof cccd, "027%c%02d%06d", i % 2 ? '1' : '0', 60 + i % 40, i);
    std::snprintf(dob, sizeof dob, "%02d/%02d/19%02d", 1 + i % 28, 1 + i % 12, 60 + i % 40);
    std::snprintf(phone, sizeof phone, "09%08d", i);
    std::snprintf(ordinal, sizeof ordinal, "%d", i + 1);
    char school[32];
    std::snprintf(school, sizeof school, "Trường THPT số %02d", 1 + i % 20);
    const std::string device = devices[i % 5];
    s.rows.push_back({ordinal, name, dob, cccd, "C06", "10/05/2021", local + "@bacninh.gov.vn", "UBND tỉnh Bắc Ninh",
                      "Sở Giáo dục và Đào tạo", school, "", "Bắc Ninh", positions[i % 6], phone, "",
                      device == "SIM" ? "Viettel" : "", device == "SIM" ? "Có" : "", device, "cấp mới"});
  }
  auto bytes = ct::documents::write_xlsx({s}, "Danh sách đề nghị (benchmark)");
  if (!bytes) {
    std::cerr << bytes.error().describe() << "\n";
    return 3;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes->data()), static_cast<std::streamsize>(bytes->size()));
  std::cerr << n << " rows, " << bytes->size() << " bytes → " << argv[1] << "\n";
  return out ? 0 : 3;
}
