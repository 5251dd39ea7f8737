#include "registry/subject_name.h"

namespace ct::registry {

Result<crypto::DistinguishedName> subject_name(store::Connection& c, const Organization& org, const SubjectData& s) {
  auto chain = organization_chain(c, org);
  if (!chain) return fail(chain.error());
  if (chain->empty()) return fail(ErrorCode::integrity, "Cây cơ quan bị hỏng", "The organization tree is broken");
  if (s.kind == SubjectKind::organization && chain->size() > 1) chain->pop_back();
  crypto::DistinguishedName dn{{"C", "VN"}, {"ST", chain->front().province}, {"O", chain->front().name}};
  for (std::size_t i = 1; i < chain->size(); ++i) dn.push_back({"OU", (*chain)[i].name});
  dn.push_back({"CN", s.full_name});
  return dn;
}

}  // namespace ct::registry
