// cli.cpp - implementation of the shared plumbing declared in cli.hpp.
#include "cli.hpp"

#include <fstream>
#include <iostream>

namespace cli {

bool args::parse(const std::vector<option>& options) {
  auto find = [&](std::string_view name) -> const option* {
    for (const option& o : options)
      if (o.name == name) return &o;
    return nullptr;
  };
  bool only_positional = false;
  for (std::size_t i = 0; i < argv_.size(); ++i) {
    const std::string& arg = argv_[i];
    if (only_positional || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      values_["help"] = "";
      continue;
    }
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    const option* o = find(name);
    if (o == nullptr || arg[1] != '-') {
      error("unknown option '" + arg + "' (see 'zhtext " + command_ + " --help')");
      return false;
    }
    if (o->value_name.empty()) {
      if (has_value) {
        error("option '--" + name + "' takes no value");
        return false;
      }
    } else if (!has_value) {
      if (i + 1 >= argv_.size()) {
        error("option '--" + name + "' needs a value " + o->value_name);
        return false;
      }
      value = argv_[++i];
    }
    values_[name] = value;
  }
  return true;
}

void args::error(const std::string& message) const {
  std::cerr << "zhtext " << command_ << ": " << message << '\n';
}

void args::print_help(const std::string& synopsis, const std::string& description,
                      const std::vector<option>& options) const {
  std::cout << "usage: zhtext " << command_ << ' ' << synopsis << "\n\n" << description << "\n";
  if (!options.empty()) std::cout << "\noptions:\n";
  for (const option& o : options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 26) left.resize(26, ' ');
    else left += "  ";
    std::cout << left << o.help << '\n';
  }
  std::cout << "  -h, --help                show this help\n";
}

int for_each_input(const args& a, const std::function<int(const std::string&, std::istream&)>& f) {
  std::vector<std::string> names = a.positional();
  if (names.empty()) names.push_back("-");
  int worst = exit_ok;
  for (const std::string& name : names) {
    int rc;
    if (name == "-") {
      rc = f("<stdin>", std::cin);
    } else {
      std::ifstream in(name, std::ios::binary);
      if (!in) {
        a.error("cannot open '" + name + "'");
        return exit_io;
      }
      rc = f(name, in);
      if (in.bad()) {
        a.error("error reading '" + name + "'");
        return exit_io;
      }
    }
    if (rc > worst) worst = rc;
  }
  return worst;
}

void for_each_paragraph_block(std::istream& in, const std::function<void(std::string_view)>& f) {
  constexpr std::size_t chunk = 1 << 20;
  std::string buf;
  std::size_t scanned = 0;  // bytes of buf already searched for a blank line
  for (;;) {
    const std::size_t old = buf.size();
    buf.resize(old + chunk);
    in.read(&buf[old], static_cast<std::streamsize>(chunk));
    buf.resize(old + static_cast<std::size_t>(in.gcount()));
    if (buf.size() == old) break;
    // Cut after the last "\n\n" (or "\n\r\n"): paragraphs never straddle blocks.
    std::size_t cut = std::string::npos;
    for (std::size_t i = buf.size(); i > scanned + 1; --i) {
      if (buf[i - 1] != '\n') continue;
      std::size_t j = i - 1;
      if (j > 0 && buf[j - 1] == '\r') --j;
      if (j > 0 && buf[j - 1] == '\n') {
        cut = i;
        break;
      }
    }
    if (cut == std::string::npos) {
      scanned = buf.size() > 2 ? buf.size() - 2 : 0;
      continue;
    }
    f(std::string_view(buf).substr(0, cut));
    buf.erase(0, cut);
    scanned = 0;
  }
  if (!buf.empty()) f(buf);
}

std::string read_all(std::istream& in) {
  std::string s;
  char tmp[1 << 16];
  while (in.read(tmp, sizeof tmp) || in.gcount() > 0) s.append(tmp, static_cast<std::size_t>(in.gcount()));
  return s;
}

}  // namespace cli
