#pragma once
// Internal to notify: the parsed form of a mail template, which templates.cpp builds (reading and
// checking a file) and template_render.cpp renders.

#include <string>
#include <vector>

namespace ct::notify::detail {

// One node of a parsed section: literal text, a value, or a (possibly inverted) section.
struct Node {
  enum class Type { text, value, section, inverted };
  Type type = Type::text;
  std::string content;  // the text, or the variable's name
  std::vector<Node> children;
};

struct ParsedTemplate {
  std::vector<Node> subject;
  std::vector<Node> text;
  std::vector<Node> html;
};

}  // namespace ct::notify::detail
