#include "documents/ooxml.h"

namespace ct::documents::ooxml {

std::string_view local(const char* name) {
  std::string_view n(name);
  const auto colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (auto c = parent.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local(c.name()) == name) return c;
  return {};
}

pugi::xml_attribute attr_local(const pugi::xml_node& n, std::string_view name) {
  for (auto a = n.first_attribute(); a; a = a.next_attribute())
    if (local(a.name()) == name) return a;
  return {};
}

Result<std::optional<pugi::xml_document>> load_part(ZipArchive& zip, const std::string& name, std::string_view where) {
  auto content = zip.read(name);
  if (!content) return fail(content.error());
  if (!*content) return std::optional<pugi::xml_document>();
  pugi::xml_document doc;
  const auto res = doc.load_buffer((*content)->data(), (*content)->size(), pugi::parse_default, pugi::encoding_utf8);
  if (!res) {
    return fail(ErrorCode::invalid_input,
                "Thành phần " + name + " không phải XML hợp lệ (vị trí " + std::to_string(res.offset) + ")",
                "Part " + name + " is not well-formed XML (offset " + std::to_string(res.offset) + ")", std::string(where));
  }
  return std::optional<pugi::xml_document>(std::move(doc));
}

}  // namespace ct::documents::ooxml
