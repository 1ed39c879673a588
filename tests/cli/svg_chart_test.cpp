// svg_chart_test.cpp - the `zhtext` program's SVG bar chart (tools/cli/lib/svg_chart.hpp,
// what count --svg and keywords --svg draw): the document is well-formed XML (parsed
// by Python's xml.etree), holds the labels, values and title, escapes anything, and
// renders with rsvg-convert (librsvg2-bin, fonts-noto-cjk) to a non-blank PNG whose
// label column has ink.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <zhtext/utf8.hpp>

#include "../test_support.hpp"
#include "lib/svg_chart.hpp"

namespace {

// Runs a shell command; returns its exit status and standard output.
std::pair<int, std::string> run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return {-1, out};
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int st = ::pclose(p);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

struct temp_dir {
  std::string path;
  temp_dir() {
    std::string t = "/tmp/zhtext-svg-XXXXXX";
    path = ::mkdtemp(&t[0]) ? t : "";
  }
  ~temp_dir() {
    if (!path.empty()) run("rm -rf '" + path + "'");
  }
};

void write(const std::string& path, const std::string& s) { std::ofstream(path, std::ios::binary) << s; }

// The text content of every <text> element, one per line, via Python's XML parser
// (exit status 1 and a message if the document is not well-formed).
std::pair<int, std::string> xml_texts(const std::string& svg_path) {
  return run("python3 -c \"import sys, xml.etree.ElementTree as ET\n"
             "root = ET.parse(sys.argv[1]).getroot()\n"
             "assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag\n"
             "for e in root.iter('{http://www.w3.org/2000/svg}text'): sys.stdout.write((e.text or '') + '\\n')\" '" +
             svg_path + "' 2>&1");
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("svg_bar_chart: labels, values and title in order; bars scaled to the largest value") {
  const std::vector<cli::chart_bar> bars = {{"疫情", 42}, {"社区", 21}, {"防控", 0}};
  cli::svg_chart_options opt;
  opt.title = "Top keywords of news.txt";
  const std::string svg = cli::svg_bar_chart(bars, opt);
  CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("Noto Sans CJK SC") != std::string::npos);
  CHECK(svg.find(">疫情</text>") < svg.find(">社区</text>"));
  CHECK(svg.find(">社区</text>") < svg.find(">防控</text>"));
  CHECK(svg.find(">42</text>") != std::string::npos);
  CHECK(svg.find(">21</text>") != std::string::npos);
  CHECK(svg.find(">0</text>") != std::string::npos);
  CHECK(count(svg, "Top keywords of news.txt") == 2);  // <title> and the heading
  // Two bars (the zero value has none); the second is half as long as the first.
  CHECK(count(svg, "<rect x=") == 2);
  auto bar_width = [&](std::size_t nth) {
    std::size_t at = 0;
    for (std::size_t i = 0; i <= nth; ++i) at = svg.find("<rect x=", at + 1);
    const std::size_t w = svg.find("width=\"", at) + 7;
    return std::stod(svg.substr(w, svg.find('"', w) - w));
  };
  CHECK(bar_width(1) == Approx(bar_width(0) / 2).margin(0.11));
}

TEST_CASE("svg_bar_chart: values print as integers only when all are") {
  CHECK(cli::svg_bar_chart({{"a", 0.5}, {"b", 0.125}, {"c", 2}}).find(">0.5</text>") != std::string::npos);
  CHECK(cli::svg_bar_chart({{"a", 0.5}, {"b", 0.125}, {"c", 2}}).find(">0.125</text>") != std::string::npos);
  CHECK(cli::svg_bar_chart({{"a", 0.5}, {"b", 0.125}, {"c", 2}}).find(">2</text>") != std::string::npos);
  CHECK(cli::svg_bar_chart({{"a", 1234567}}).find(">1234567</text>") != std::string::npos);
  cli::svg_chart_options opt;
  opt.value_decimals = 2;
  CHECK(cli::svg_bar_chart({{"a", 3}}, opt).find(">3.00</text>") != std::string::npos);
  // Negative and non-finite values: no bar, the value is still shown.
  const std::string odd = cli::svg_bar_chart({{"a", -3}, {"b", std::nan("")}, {"c", 1}});
  CHECK(count(odd, "<rect x=") == 1);
  CHECK(odd.find(">-3</text>") != std::string::npos);
  CHECK(odd.find(">NaN</text>") != std::string::npos);
}

TEST_CASE("svg_bar_chart: the label column is as wide as the widest label, CJK counted double") {
  auto bar_x = [](const std::string& label) {
    const std::string svg = cli::svg_bar_chart({{label, 1}});
    const std::size_t at = svg.find("<rect x=\"") + 9;
    return std::stod(svg.substr(at, svg.find('"', at) - at));
  };
  // Four Han characters take about as much room as eight Latin letters at 0.5 em,
  // more than four Latin letters; full-width forms count as wide too.
  CHECK(bar_x("社区防控") > bar_x("abcd"));
  CHECK(bar_x("社区防控") == Approx(bar_x("ＡＢＣＤ")));
  CHECK(bar_x("社区防控") - bar_x("") == Approx(4 * 14.0));
  CHECK(bar_x("abcd") - bar_x("") == Approx(4 * 0.6 * 14));
  CHECK(cli::detail::chart_columns("社区a，ｂ") == 9);
  CHECK(cli::detail::chart_columns("한글かな") == 8);
}

TEST_CASE("svg_bar_chart: long labels are shortened with an ellipsis at a character boundary") {
  cli::svg_chart_options opt;
  opt.max_label_columns = 7;
  const std::string svg = cli::svg_bar_chart({{"中华人民共和国", 1}, {"abcdefghij", 2}, {"abc", 3}}, opt);
  CHECK(svg.find(">中华人…</text>") != std::string::npos);  // 6 columns + 1
  CHECK(svg.find(">abcdef…</text>") != std::string::npos);
  CHECK(svg.find(">abc</text>") != std::string::npos);
}

TEST_CASE("svg_bar_chart: text is escaped; invalid UTF-8 and XML-forbidden characters become U+FFFD") {
  cli::svg_chart_options opt;
  opt.title = "<b>\"A&B\" 'c'</b>";
  const std::string svg =
      cli::svg_bar_chart({{"a<b>&c", 1}, {std::string_view("x\xff\x01y\tz\xe4\xb8", 8), 2}}, opt);
  CHECK(svg.find(">&lt;b&gt;&quot;A&amp;B&quot; &apos;c&apos;&lt;/b&gt;</text>") != std::string::npos);
  CHECK(svg.find(">a&lt;b&gt;&amp;c</text>") != std::string::npos);
  CHECK(svg.find(">x\xEF\xBF\xBD\xEF\xBF\xBDy z\xEF\xBF\xBD</text>") != std::string::npos);
  CHECK(zhtext::is_valid_utf8(svg));
}

TEST_CASE("svg_bar_chart: no bars gives a chart that says so") {
  cli::svg_chart_options opt;
  opt.title = "empty";
  const std::string svg = cli::svg_bar_chart({}, opt);
  CHECK(svg.find("(no data)") != std::string::npos);
  CHECK(count(svg, "<rect x=") == 0);
}

TEST_CASE("svg_bar_chart: parses as XML and renders to a non-blank PNG with rsvg-convert") {
  temp_dir dir;
  REQUIRE(!dir.path.empty());
  const std::vector<std::string> words = {"疫情防控", "社区", "党员", "志愿者", "居民", "COVID-19", "口罩", "A&B <c>"};
  std::vector<cli::chart_bar> bars;
  for (std::size_t i = 0; i < words.size(); ++i) bars.push_back({words[i], 100.0 / static_cast<double>(i + 1)});
  cli::svg_chart_options opt;
  opt.title = "zhtext count — 新闻 news/000.txt";
  const std::string svg = cli::svg_bar_chart(bars, opt);
  const std::string svg_path = dir.path + "/chart.svg", png_path = dir.path + "/chart.png";
  write(svg_path, svg);

  // Well-formed XML whose text elements are the title, then label and value per bar.
  const auto [xml_rc, texts] = xml_texts(svg_path);
  INFO(texts);
  REQUIRE(xml_rc == 0);
  std::istringstream lines(texts);
  std::vector<std::string> got;
  for (std::string l; std::getline(lines, l);) got.push_back(l);
  REQUIRE(got.size() == 1 + 2 * words.size());
  CHECK(got[0] == "zhtext count — 新闻 news/000.txt");
  for (std::size_t i = 0; i < words.size(); ++i) CHECK(got[1 + 2 * i] == words[i]);
  CHECK(got[2] == "100");
  CHECK(got[4] == "50");

  // Renders without errors (the CJK font must be there for the check to mean much).
  const auto [fc_rc, font] = run("fc-match 'Noto Sans CJK SC' 2>&1");
  INFO("fc-match: " << font);
  CHECK(font.find("Noto Sans CJK") != std::string::npos);
  const auto [rc, log] = run("rsvg-convert -o '" + png_path + "' '" + svg_path + "' 2>&1");
  INFO("rsvg-convert (Debian librsvg2-bin): " << log);
  REQUIRE(rc == 0);
  CHECK(log.empty());

  // Non-blank: the image varies, and the label column (left of the bars, over the
  // rows) and the bar area both have dark or coloured pixels.
  const std::string stats = std::string("python3 '") + ZHTEXT_SOURCE_DIR + "/tests/cli/png_stats.py' '" + png_path + "'";
  const auto [st_rc, whole] = run(stats);
  INFO("png_stats: " << whole);
  REQUIRE(st_rc == 0);
  int w = 0, h = 0, dark = 0;
  double mean = 0, sd = 0;
  REQUIRE(std::sscanf(whole.c_str(), "%d %d %lf %lf %d", &w, &h, &mean, &sd, &dark) == 5);
  const std::size_t at = svg.find("width=\"") + 7;
  CHECK(w == static_cast<int>(std::stod(svg.substr(at, svg.find('"', at) - at))));
  CHECK(sd > 20);
  CHECK(dark > 1000);
  const std::size_t bx = svg.find("<rect x=\"") + 9;
  const int bar_x = static_cast<int>(std::stod(svg.substr(bx, svg.find('"', bx) - bx)));
  const std::size_t by = svg.find("\" y=\"", bx) + 5;
  const int rows_y = static_cast<int>(std::stod(svg.substr(by, svg.find('"', by) - by)));
  const auto [lc_rc, labels] = run(stats + " 0 " + std::to_string(rows_y) + " " + std::to_string(bar_x - 4) + " " +
                                   std::to_string(h));
  INFO("label column: " << labels);
  int lw = 0, lh = 0, ldark = 0;
  double lmean = 0, lsd = 0;
  REQUIRE(std::sscanf(labels.c_str(), "%d %d %lf %lf %d", &lw, &lh, &lmean, &lsd, &ldark) == 5);
  CHECK(ldark > 300);  // the glyphs of 8 labels
}
