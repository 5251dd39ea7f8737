#include "common/secret_file.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace ct {

std::filesystem::path file_in(const std::filesystem::path& dir, const std::string& name) {
  const std::filesystem::path given(name);
  return given.is_absolute() ? given : dir / given;
}

Result<std::string> read_secret_file(const std::filesystem::path& file, std::string_view what_vi,
                                     std::string_view what_en) {
  const std::string vi(what_vi);
  const std::string en(what_en);
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    return fail(ErrorCode::invalid_input, "Không đọc được " + vi + ": " + file.string(),
                "Cannot read the " + en + ": " + file.string(), file.string());
  }
  if ((st.st_mode & 077) != 0) {
    return fail(ErrorCode::invalid_input,
                "Tệp " + vi + " phải chỉ chủ sở hữu đọc được (chmod 600): " + file.string(),
                "The " + en + " file must be readable by its owner only (chmod 600): " + file.string(), file.string());
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string value = ss.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (!in.good() && !in.eof()) {
    return fail(ErrorCode::invalid_input, "Không đọc được " + vi + ": " + file.string(),
                "Cannot read the " + en + ": " + file.string(), file.string());
  }
  if (value.empty()) {
    return fail(ErrorCode::invalid_input, "Tệp " + vi + " rỗng: " + file.string(),
                "The " + en + " file is empty: " + file.string(), file.string());
  }
  return value;
}

}  // namespace ct
