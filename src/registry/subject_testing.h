#pragma once
// A valid person for tests of the registry and of the layers above (Mẫu 01 fields).

#include <string>

#include "registry/subject_data.h"

namespace ct::registry::testing {

inline SubjectData person(const std::string& name, const std::string& email, const std::string& cccd) {
  SubjectData d;
  d.full_name = name;
  d.dob = "15/06/1985";
  d.cccd = cccd;
  d.cccd_date = "10/05/2021";
  d.cccd_place = "C06";
  d.email = email;
  d.position = "Giáo viên";
  d.phone = "0912345678";
  d.device = "SOFT";
  return d;
}

}  // namespace ct::registry::testing
