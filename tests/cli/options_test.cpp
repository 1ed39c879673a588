// options_test.cpp - the `zhtext` program's command-line layer (tools/cli/lib/options.hpp)
// and record writer (output.hpp): what parse() accepts and returns, typed values with
// their defaults and bounds, the common option groups, comma lists, and one record
// written as TSV and as JSON Lines from the same calls, a field written in pieces, and
// where the block engine cuts a long line (engine.hpp's cut_near).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "lib/engine.hpp"
#include "lib/options.hpp"
#include "lib/output.hpp"

namespace {

int no_run(cli::args&) { return 0; }

const cli::command demo = {
    "demo", "a test command", "[options] [FILE...]", "Does nothing.",
    {{"top", "K", "rows"}, {"flag", "", "a flag"}, {"mode", "M", "a or b"}, {"x", "X", "a number"}},
    cli::common_engine | cli::common_format_tsv, no_run};

// Parses `argv` for `demo`; the result of parse().
int parse(cli::args& a) { return a.parse(); }

}  // namespace

TEST_CASE("parse: options, values, positional arguments") {
  cli::args a(demo, {"--top", "7", "in.txt", "--flag", "--mode=b", "-", "--", "--flag"});
  REQUIRE(parse(a) == -1);
  CHECK(a.get("top") == "7");
  CHECK(a.has("flag"));
  CHECK(a.get("mode") == "b");
  CHECK(a.positional() == std::vector<std::string>{"in.txt", "-", "--flag"});
  CHECK(a.name() == "demo");
  CHECK(a.glob() == "*.txt");
  CHECK(!a.quiet());
}

TEST_CASE("parse: usage errors return exit_usage, --help exit_ok") {
  for (const std::vector<std::string>& argv : std::vector<std::vector<std::string>>{
           {"--nope"}, {"-x"}, {"--flag=1"}, {"--top"}, {"--threads", "0x"}, {"--threads", "1025"},
           {"--threads", "1234567"}, {"--on-invalid", "ignore"}, {"--format", "jsonl"}, {"--glob", ""}}) {
    cli::args a(demo, argv);
    INFO(argv[0]);
    CHECK(parse(a) == cli::exit_usage);
  }
  cli::args help(demo, {"--help"});
  CHECK(parse(help) == cli::exit_ok);
  cli::args h(demo, {"-h"});
  CHECK(parse(h) == cli::exit_ok);
}

TEST_CASE("common groups: threads, on-invalid, format") {
  cli::args a(demo, {"--threads", "3", "--on-invalid", "skip", "--format", "tsv"});
  REQUIRE(parse(a) == -1);
  CHECK(a.threads() == 3);
  CHECK(a.on_invalid() == cli::invalid_policy::skip);
  CHECK(a.format() == cli::output_format::tsv);
  cli::args d(demo, {});
  REQUIRE(parse(d) == -1);
  CHECK(d.threads() >= 1);
  CHECK(d.on_invalid() == cli::invalid_policy::replace);
  CHECK(d.format() == cli::output_format::plain);
  cli::args all(demo, {"--threads", "0"});
  REQUIRE(parse(all) == -1);
  CHECK(all.threads() == d.threads());  // 0: all cores, the default
}

TEST_CASE("get_size, get_real, get_choice: defaults, bounds, bad values") {
  cli::args a(demo, {"--top", "12", "--x", "2.5", "--mode", "b"});
  REQUIRE(parse(a) == -1);
  std::size_t top = 99, missing = 5;
  CHECK(a.get_size("top", top));
  CHECK(top == 12);
  CHECK(a.get_size("nothing", missing));
  CHECK(missing == 5);
  CHECK(!a.get_size("top", top, 13));      // below the lower bound
  CHECK(!a.get_size("top", top, 0, 11));   // above the upper bound
  CHECK(top == 12);                        // untouched on failure
  double x = 0;
  CHECK(a.get_real("x", x));
  CHECK(x == 2.5);
  int mode = -1;
  CHECK(a.get_choice<int>("mode", {{"a", 1}, {"b", 2}}, mode));
  CHECK(mode == 2);
  CHECK(!a.get_choice<int>("mode", {{"a", 1}, {"c", 3}}, mode));
  int fallback = -1;
  CHECK(a.get_choice<int>("absent", {{"first", 7}, {"second", 8}}, fallback));
  CHECK(fallback == 7);
  cli::args bad(demo, {"--top", "-1", "--x", "nan"});
  REQUIRE(parse(bad) == -1);
  CHECK(!bad.get_size("top", top));
  CHECK(!bad.get_real("x", x));
  cli::args plus(demo, {"--top", "+3"});
  REQUIRE(parse(plus) == -1);
  CHECK(!plus.get_size("top", top));
}

TEST_CASE("an option declared by its --help line") {
  const cli::option flag = "--han-only                count only Han tokens";
  CHECK(flag.name == "han-only");
  CHECK(flag.value_name.empty());
  CHECK(flag.help == "count only Han tokens");
  const cli::option value = "--svg-bars N  bars in the chart (default 20)\n  second line";
  CHECK(value.name == "svg-bars");
  CHECK(value.value_name == "N");
  CHECK(value.help == "bars in the chart (default 20)\n  second line");
  const cli::command c = {"c", "", "", "", {"--top K  rows", {"flag", "", "a flag"}}, cli::common_inputs, no_run};
  cli::args a(c, {"--top=3", "--flag"});
  REQUIRE(parse(a) == -1);
  CHECK(a.get("top") == "3");
  CHECK(a.has("flag"));
}

TEST_CASE("split_list keeps empty items") {
  CHECK(cli::split_list("a,b") == std::vector<std::string>{"a", "b"});
  CHECK(cli::split_list("a,,b") == std::vector<std::string>{"a", "", "b"});
  CHECK(cli::split_list("") == std::vector<std::string>{""});
  CHECK(cli::split_list("a,") == std::vector<std::string>{"a", ""});
}

TEST_CASE("record: the same calls give a TSV row or a JSON Lines object") {
  std::string tsv, json;
  for (auto [out, f] : {std::pair<std::string*, cli::output_format>{&tsv, cli::output_format::tsv},
                        {&json, cli::output_format::jsonl}})
    cli::record(*out, f).str("file", "a\tb.txt").num("line", 3).raw("weight", "0.5").str("text", "说\"好\"\n").end();
  CHECK(tsv == "a\\tb.txt\t3\t0.5\t说\"好\"\\n\n");
  CHECK(json == "{\"file\":\"a\\tb.txt\",\"line\":3,\"weight\":0.5,\"text\":\"说\\\"好\\\"\\n\"}\n");
  std::string bad;
  cli::record(bad, cli::output_format::tsv).str("t", std::string_view("x\xff\x01", 3)).end();
  CHECK(bad == "x\\xFF\\x01\n");
}

TEST_CASE("field_writer and append_field_in_pieces: the field record::str writes, in bounded pieces") {
  // A value of ~200 KiB with characters of 1 to 4 bytes, quotes, tabs and line feeds.
  std::string value;
  while (value.size() < (200u << 10)) value += "说\"好\"\tab\n😀é";
  for (cli::output_format f : {cli::output_format::tsv, cli::output_format::jsonl, cli::output_format::plain}) {
    std::string whole;
    if (f == cli::output_format::plain) whole = value;
    else cli::record(whole, f).str("text", value);
    if (f == cli::output_format::jsonl) whole.erase(0, std::string("{\"text\":").size());
    std::string written, out;
    std::size_t flushes = 0, most = 0;
    cli::append_field_in_pieces(out, value, f, [&] {
      most = std::max(most, out.size());
      written += out;
      out.clear();
      ++flushes;
    });
    written += out;
    CHECK(written == whole);
    CHECK(flushes >= 2);  // written as it goes, not held whole
    CHECK(most < (std::size_t(1) << 16) * 3);  // a piece escapes to at most ~2x (JSON: \" \t \n)
    // Pieces added by hand, the way `sentences` adds normalized pieces.
    std::string by_hand;
    cli::field_writer w(by_hand, f);
    w.add("说\"");
    w.add("");
    w.add("好\"\n");
    w.end();
    std::string one;
    if (f == cli::output_format::plain) one = "说\"好\"\n";
    else cli::record(one, f).str("t", "说\"好\"\n");
    if (f == cli::output_format::jsonl) one.erase(0, std::string("{\"t\":").size());
    CHECK(by_hand == one);
  }
  std::string empty;
  cli::append_field_in_pieces(empty, "", cli::output_format::jsonl, [] {});
  CHECK(empty == "\"\"");
  // record::field then a field_writer: the record record::str writes.
  for (cli::output_format f : {cli::output_format::tsv, cli::output_format::jsonl}) {
    std::string a, b;
    cli::record ra(a, f);
    ra.num("n", 1).field("t");
    cli::field_writer w(a, f);
    w.add("甲\t");
    w.add("乙\"");
    w.end();
    ra.end();
    cli::record(b, f).num("n", 1).str("t", "甲\t乙\"").end();
    CHECK(a == b);
  }
}

TEST_CASE("cut_near: the last allowed place up to the limit, else the first after it") {
  const std::string_view text = "ab,cdefg,hij,k";
  auto after_comma = [](std::string_view t, std::size_t p) { return t[p - 1] == ','; };
  CHECK(cli::cut_near(text, 0, 10, text.size(), after_comma) == 9);   // back from 10
  CHECK(cli::cut_near(text, 0, 8, text.size(), after_comma) == 3);    // back from 8
  CHECK(cli::cut_near(text, 3, 8, text.size(), after_comma) == 9);    // none in (3, 8]: ahead
  CHECK(cli::cut_near(text, 3, 8, 8, after_comma) == std::string_view::npos);  // only back
  CHECK(cli::cut_near(text, 9, 9, text.size(), after_comma) == 13);   // only ahead
  CHECK(cli::cut_near(text, 13, 13, text.size(), after_comma) == std::string_view::npos);
}
