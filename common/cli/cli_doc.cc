#include "cli_doc.h"

#include <iostream>
#include <sstream>

#include <boost/program_options/cmdline.hpp>

namespace newsdex::cli {

namespace po = boost::program_options;

namespace {

// The "--name" and "-n" of an option ("" for one that has none).
std::string long_flag(const po::option_description& o) {
  return o.long_name().empty() ? std::string() : "--" + o.long_name();
}

std::string short_flag(const po::option_description& o) {
  const std::string shown = o.canonical_display_name(po::command_line_style::allow_dash_for_short);
  return shown.size() == 2 && shown[0] == '-' && shown[1] != '-' ? shown : std::string();
}

// The option's value name ("" for a switch), without Boost's " (=default)".
std::string value_name(const po::option_description& o) {
  if (o.semantic()->max_tokens() == 0) return {};
  std::string v = o.semantic()->name();
  if (const std::size_t p = v.find(" (="); p != std::string::npos) v.erase(p);
  return v;
}

// The default Boost shows after the value name, or "".
std::string default_of(const po::option_description& o) {
  if (o.semantic()->max_tokens() == 0) return {};  // a switch: off unless given
  const std::string v = o.semantic()->name();
  const std::size_t p = v.find(" (=");
  return p == std::string::npos ? std::string() : v.substr(p + 3, v.size() - p - 4);
}

// Text for roff: backslashes escaped, a leading '.' or '\'' made literal,
// '-' written as a minus sign where it is one in options.
std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// Paragraphs of `text` (separated by blank lines) as roff paragraphs.
std::string roff_paragraphs(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line, para;
  auto flush = [&] {
    if (para.empty()) return;
    out += ".PP\n" + para + "\n";
    para.clear();
  };
  // An indented line starts a line of its own (.br); others fill.
  while (std::getline(in, line)) {
    if (line.empty()) {
      flush();
    } else if (line[0] == ' ') {
      para += (para.empty() ? "" : "\n.br\n") + roff(line.substr(line.find_first_not_of(' ')));
    } else {
      para += (para.empty() ? "" : " ") + roff(line);
    }
  }
  flush();
  return out;
}

// `text` with every line longer than `width` broken at spaces, the
// continuation lines indented like the line they continue.
std::string wrapped(const std::string& text, std::size_t width = 76) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const std::string indent(line.find_first_not_of(' ') == std::string::npos ? 0 : line.find_first_not_of(' '), ' ');
    while (line.size() > width) {
      const std::size_t cut = line.rfind(' ', width);
      if (cut == std::string::npos || cut <= indent.size()) break;
      out += line.substr(0, cut) + "\n";
      line = indent + line.substr(cut + 1);
    }
    out += line + "\n";
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return s;
}

// A shell function name for a program name: "_newsdex_index".
std::string function_name(const std::string& program) {
  std::string out = "_";
  for (char c : program) out.push_back((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
  return out;
}

}  // namespace

std::string help_text(const ProgramDoc& doc, const po::options_description& options) {
  std::ostringstream out;
  for (std::size_t i = 0; i < doc.synopsis.size(); ++i) {
    out << (i == 0 ? "Usage: " : "       ") << doc.name << ' ' << doc.synopsis[i] << '\n';
  }
  out << '\n' << wrapped(doc.description);
  out << '\n' << options;
  if (!doc.exit_status.empty()) {
    out << "\nExit status:\n";
    for (const auto& [code, meaning] : doc.exit_status) {
      out << "  " << code << std::string(code.size() < 4 ? 4 - code.size() : 1, ' ') << meaning << '\n';
    }
  }
  if (!doc.environment.empty()) {
    out << "\nEnvironment:\n";
    for (const auto& [name, meaning] : doc.environment) out << "  " << name << "  " << meaning << '\n';
  }
  if (!doc.examples.empty()) {
    out << "\nExamples:\n";
    for (const auto& [command, meaning] : doc.examples) out << "  " << command << "\n      " << meaning << '\n';
  }
  return out.str();
}

std::string man_page(const ProgramDoc& doc, const po::options_description& options, const std::string& version) {
  std::string out = ".TH " + upper(doc.name) + " 1 \"\" \"" + doc.name + " " + version + "\" \"User Commands\"\n";
  out += ".SH NAME\n" + roff(doc.name) + " \\- " + roff(doc.summary) + "\n";
  out += ".SH SYNOPSIS\n";
  for (const std::string& s : doc.synopsis) out += ".B " + roff(doc.name) + "\n" + roff(s) + "\n.br\n";
  out += ".SH DESCRIPTION\n" + roff_paragraphs(doc.description);
  out += ".SH OPTIONS\n";
  for (const auto& o : options.options()) {
    std::string head;
    if (const std::string s = short_flag(*o); !s.empty()) head += "\\fB" + roff(s) + "\\fR, ";
    head += "\\fB" + roff(long_flag(*o)) + "\\fR";
    if (const std::string v = value_name(*o); !v.empty()) head += " \\fI" + roff(v) + "\\fR";
    std::string text = o->description();
    if (const std::string d = default_of(*o); !d.empty()) text += " (default: " + d + ")";
    out += ".TP\n" + head + "\n" + roff(text) + "\n";
  }
  if (!doc.exit_status.empty()) {
    out += ".SH \"EXIT STATUS\"\n";
    for (const auto& [code, meaning] : doc.exit_status) out += ".TP\n.B " + roff(code) + "\n" + roff(meaning) + "\n";
  }
  if (!doc.environment.empty()) {
    out += ".SH ENVIRONMENT\n";
    for (const auto& [name, meaning] : doc.environment) out += ".TP\n.B " + roff(name) + "\n" + roff(meaning) + "\n";
  }
  if (!doc.examples.empty()) {
    out += ".SH EXAMPLES\n";
    for (const auto& [command, meaning] : doc.examples) {
      out += ".TP\n.B " + roff(command) + "\n" + roff(meaning) + "\n";
    }
  }
  if (!doc.see_also.empty()) {
    out += ".SH \"SEE ALSO\"\n";
    for (std::size_t i = 0; i < doc.see_also.size(); ++i) {
      out += (i ? ",\n" : "") + std::string(".BR ") + roff(doc.see_also[i].substr(0, doc.see_also[i].find('('))) +
             " " + doc.see_also[i].substr(doc.see_also[i].find('('));
    }
    out += "\n";
  }
  return out;
}

std::string bash_completion(const ProgramDoc& doc, const po::options_description& options) {
  std::string flags, file_options, word_cases, other_options;
  for (const auto& o : options.options()) {
    const std::string flag = long_flag(*o);
    if (flag.empty()) continue;
    flags += (flags.empty() ? "" : " ") + flag;
    if (const std::string s = short_flag(*o); !s.empty()) flags += " " + s;
    const std::string v = value_name(*o);
    if (v.empty()) continue;
    std::string names = flag;
    if (const std::string s = short_flag(*o); !s.empty()) names += "|" + s;
    if (v.find('|') != std::string::npos) {
      std::string words = v;
      for (char& c : words) c = c == '|' ? ' ' : c;
      word_cases += "    " + names + ") COMPREPLY=($(compgen -W '" + words + "' -- \"$cur\")); return ;;\n";
    } else if (v == "FILE" || v == "DIR" || v == "PATH" || v == "DB") {
      file_options += (file_options.empty() ? "" : "|") + names;
    } else {
      other_options += (other_options.empty() ? "" : "|") + names;
    }
  }
  const std::string fn = function_name(doc.name);
  std::string out = "# bash completion for " + doc.name + ", generated from its options (" + doc.name +
                    " --bash-completion).\n";
  out += fn + "() {\n";
  out += "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n";
  out += "  case $prev in\n";
  out += word_cases;
  if (!file_options.empty()) out += "    " + file_options + ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
  if (!other_options.empty()) out += "    " + other_options + ") COMPREPLY=(); return ;;\n";
  out += "  esac\n";
  out += "  if [[ $cur == -* ]]; then\n";
  out += "    COMPREPLY=($(compgen -W '" + flags + "' -- \"$cur\"))\n";
  out += "  else\n";
  out += "    COMPREPLY=($(compgen -f -- \"$cur\"))\n";
  out += "  fi\n";
  out += "}\n";
  out += "complete -o filenames -F " + fn + " " + doc.name + "\n";
  return out;
}

void add_doc_options(po::options_description& hidden) {
  hidden.add_options()
      ("man", "print the man page (roff) and exit")
      ("bash-completion", "print the bash completion script and exit");
}

bool print_requested_doc(const po::variables_map& vm, const ProgramDoc& doc, const po::options_description& options,
                         const std::string& version) {
  if (vm.count("help")) {
    std::cout << help_text(doc, options);
  } else if (vm.count("version")) {
    std::cout << doc.name << ' ' << version << '\n';
  } else if (vm.count("man")) {
    std::cout << man_page(doc, options, version);
  } else if (vm.count("bash-completion")) {
    std::cout << bash_completion(doc, options);
  } else {
    return false;
  }
  return true;
}

}  // namespace newsdex::cli
