#pragma once
// Reading the parts of an Office Open XML package (ECMA-376 Part 2) with pugixml, for the XLSX
// and DOCX readers: element and attribute names without their namespace prefix (a part may use
// any prefix for its namespace), and a part parsed or found missing. pugixml expands no external
// or custom entities.

#include <pugixml.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "documents/zip_archive.h"

namespace ct::documents::ooxml {

// "x:row" → "row".
[[nodiscard]] std::string_view local(const char* name);
// The first child element called `name` in any namespace; an empty node when none.
[[nodiscard]] pugi::xml_node child(const pugi::xml_node& parent, std::string_view name);
// The attribute `name` in any namespace (r:id, relationships:id).
[[nodiscard]] pugi::xml_attribute attr_local(const pugi::xml_node& n, std::string_view name);
// The part `name` parsed; nullopt when the package has no such part; invalid_input (naming
// `where`, "xlsx" or "docx") when it is not well-formed XML.
[[nodiscard]] Result<std::optional<pugi::xml_document>> load_part(ZipArchive& zip, const std::string& name,
                                                                  std::string_view where);

}  // namespace ct::documents::ooxml
