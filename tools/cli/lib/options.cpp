// options.cpp - parsing a subcommand's command line, --help, typed values (options.hpp).
#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <thread>

namespace cli {

namespace {

bool declares(const command& cmd, std::string_view name) {
  for (const option& o : cmd.options)
    if (o.name == name) return true;
  return false;
}

// The common options, in the order --help lists them.
std::vector<option> common_option_list(const command& cmd) {
  const unsigned common = cmd.common;
  std::vector<option> v;
  if (common & common_threads) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    v.push_back({"threads", "N", "worker threads (default: all cores, here " + std::to_string(cores) + ")"});
  }
  if (common & common_formats) {
    std::string list = "plain (default)";
    if (common & common_format_tsv) list += ", tsv";
    if (common & common_format_jsonl) list += ", jsonl";
    v.push_back({"format", "FORMAT", "output format: " + list});
  }
  if ((common & common_format_jsonl) && !declares(cmd, "json"))
    v.push_back({"json", "", "the same as --format jsonl"});
  if (common & common_on_invalid)
    v.push_back({"on-invalid", "MODE", "invalid UTF-8: replace (default: U+FFFD and a warning),\n"
                                       "                            skip (the line, with a warning) or error (exit 1)"});
  v.push_back({"glob", "PATTERN", "files to read in directories (default *.txt)"});
  v.push_back({"quiet", "", "no warnings and no progress line"});
  return v;
}

// "a", "a or b", "a, b or c".
std::string one_of(const std::vector<std::string>& names) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) s += i + 1 == names.size() ? " or " : ", ";
    s += names[i];
  }
  return s;
}

// All of `s` as a decimal unsigned integer (digits only, no sign or space).
bool parse_unsigned(const std::string& s, std::size_t& out) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return false;
  out = v;
  return true;
}

void print_options(const std::vector<option>& opts) {
  for (const option& o : opts) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 28) left.resize(28, ' ');
    else left += "  ";
    std::cout << left << o.help << '\n';
  }
}

}  // namespace

option::option(const char* line) {
  const std::string_view l(line);
  const std::size_t gap = l.find("  ");
  const std::size_t help_at = l.find_first_not_of(' ', gap);
  if (l.substr(0, 2) != "--" || gap == std::string_view::npos || help_at == std::string_view::npos) {
    std::cerr << "zhtext: malformed option declaration '" << l << "'\n";
    std::abort();
  }
  const std::string_view left = l.substr(2, gap - 2);
  const std::size_t space = left.find(' ');
  name = std::string(left.substr(0, space));
  if (space != std::string_view::npos) value_name = std::string(left.substr(space + 1));
  help = std::string(l.substr(help_at));
}

int args::parse() {
  if (const int rc = parse_arguments(); rc >= 0) return rc;
  if (!parse_common()) return exit_usage;
  if (has("help")) {
    print_help();
    return exit_ok;
  }
  return -1;
}

// Options and positional arguments into values_ and positional_.
int args::parse_arguments() {
  const std::vector<option> commons = common_option_list(*cmd_);
  auto find = [&](std::string_view name) -> const option* {
    for (const std::vector<option>* list : {&cmd_->options, &commons})
      for (const option& o : *list)
        if (o.name == name) return &o;
    return nullptr;
  };
  bool only_positional = false;
  for (std::size_t i = 0; i < argv_.size(); ++i) {
    const std::string& arg = argv_[i];
    if (only_positional || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
    } else if (arg == "--") {
      only_positional = true;
    } else if (arg == "-h" || arg == "--help") {
      values_["help"] = "";
    } else {
      std::string name = arg.substr(arg[1] == '-' ? 2 : 1), value;
      const std::size_t eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
      }
      const option* o = find(name);
      if (o == nullptr || arg[1] != '-') {
        error("unknown option '" + arg + "' (see 'zhtext " + cmd_->name + " --help')");
        return exit_usage;
      }
      if (o->value_name.empty() && eq != std::string::npos) {
        error("option '--" + name + "' takes no value");
        return exit_usage;
      }
      if (!o->value_name.empty() && eq == std::string::npos) {
        if (i + 1 >= argv_.size()) {
          error("option '--" + name + "' needs a value " + o->value_name);
          return exit_usage;
        }
        value = argv_[++i];
      }
      values_[name] = value;
    }
  }
  return -1;
}

// The values of the common options.
bool args::parse_common() {
  const unsigned common = cmd_->common;
  if (common & common_threads) {
    threads_ = std::max(1u, std::thread::hardware_concurrency());
    std::size_t n = 0;
    if (has("threads") && (get("threads").size() > 6 || !parse_unsigned(get("threads"), n) || n > 1024)) {
      error("--threads must be a number from 1 to 1024 (0: all cores), not '" + get("threads") + "'");
      return false;
    }
    if (n != 0) threads_ = static_cast<unsigned>(n);
  }
  if ((common & common_on_invalid) &&
      !get_choice<invalid_policy>(
          "on-invalid",
          {{"replace", invalid_policy::replace}, {"skip", invalid_policy::skip}, {"error", invalid_policy::error}},
          on_invalid_))
    return false;
  if (common & common_formats) {
    std::vector<std::pair<std::string, output_format>> formats = {{"plain", output_format::plain}};
    if (common & common_format_tsv) formats.emplace_back("tsv", output_format::tsv);
    if (common & common_format_jsonl) formats.emplace_back("jsonl", output_format::jsonl);
    if (!get_choice("format", formats, format_)) return false;
    // --json and --format jsonl are one thing on every command that writes JSON Lines.
    if ((common & common_format_jsonl) && has("json")) {
      if (has("format") && format_ != output_format::jsonl) {
        error("--json contradicts --format " + get("format"));
        return false;
      }
      format_ = output_format::jsonl;
    }
  }
  if (has("glob") && get("glob").empty()) {
    error("--glob needs a pattern");
    return false;
  }
  return true;
}

bool args::get_size(const std::string& name, std::size_t& out, std::size_t lo, std::size_t hi) const {
  if (!has(name)) return true;
  const std::string v = get(name);
  std::size_t n = 0;
  if (parse_unsigned(v, n) && n >= lo && n <= hi) {
    out = n;
    return true;
  }
  const bool no_max = hi == std::numeric_limits<std::size_t>::max();
  const std::string what = lo == 0 && no_max ? "a non-negative integer"
                           : no_max          ? "an integer from " + std::to_string(lo) + " up"
                                             : "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  error("--" + name + " needs " + what + ", not '" + v + "'");
  return false;
}

bool args::get_real(const std::string& name, double& out) const {
  if (!has(name)) return true;
  const std::string v = get(name);
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end != v.c_str() + v.size() || std::isnan(d)) {
    error("--" + name + " needs a number, not '" + v + "'");
    return false;
  }
  out = d;
  return true;
}

std::size_t args::choice_index(const std::string& name, const std::vector<std::string>& choices) const {
  if (!has(name)) return 0;
  const std::string v = get(name);
  const auto it = std::find(choices.begin(), choices.end(), v);
  if (it == choices.end()) error("--" + name + " must be " + one_of(choices) + ", not '" + v + "'");
  return static_cast<std::size_t>(it - choices.begin());
}

void args::error(const std::string& message) const {
  std::cerr << "zhtext " << cmd_->name << ": " << message << '\n';
}

void args::warning(const std::string& message) const {
  if (!quiet()) std::cerr << "zhtext " << cmd_->name << ": warning: " << message << '\n';
}

void args::print_help() const {
  std::cout << "usage: zhtext " << cmd_->name << ' ' << cmd_->synopsis << "\n\n" << cmd_->description << "\n";
  if (!cmd_->options.empty()) {
    std::cout << "\noptions:\n";
    print_options(cmd_->options);
  }
  std::cout << "\ncommon options:\n";
  print_options(common_option_list(*cmd_));
  std::cout << "  -h, --help                show this help\n"
               "\nInputs: files, directories (recursively, files matching --glob, in sorted order)\n"
               "or - for standard input (the default). Exit codes: 0 ok, 1 an input failed a\n"
               "check, 2 usage error, 3 I/O error.\n";
}

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  for (std::size_t b = 0;;) {
    const std::size_t comma = list.find(',', b);
    if (comma == std::string::npos) {
      items.push_back(list.substr(b));
      return items;
    }
    items.push_back(list.substr(b, comma - b));
    b = comma + 1;
  }
}

}  // namespace cli
