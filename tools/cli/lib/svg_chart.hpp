// svg_chart.hpp - a standalone SVG bar chart of labelled values (keywords and
// their weights, words and their counts), readable at a glance with Chinese labels.
//
//   std::vector<cli::chart_bar> bars = {{"疫情", 42}, {"社区", 37}, {"防控", 21}};
//   cli::svg_chart_options opt;
//   opt.title = "Top keywords of news.txt";
//   std::ofstream("keywords.svg") << cli::svg_bar_chart(bars, opt);
//
// The chart: a title on top, one horizontal bar per value in the given order, the
// label right-aligned before its bar, the value printed at the bar's end. Bars are
// scaled to the largest value; zero, negative and non-finite values get no bar (their
// value is still printed). Text uses a CJK-first font list (Noto Sans CJK SC, Source
// Han Sans, PingFang, Microsoft YaHei, WenQuanYi, then sans-serif) and label widths
// are estimated in display columns (East Asian Wide characters take two, about one em),
// so the label column fits its longest label without measuring fonts. Labels longer
// than max_label_columns are shortened with "…".
//
// Every text is XML-escaped; invalid UTF-8 and characters XML 1.0 forbids become
// U+FFFD, tab and line breaks a space, so the document is always well-formed XML
// whatever the labels hold. Pure function; thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/utf8.hpp>

namespace cli {

/// One bar of a chart: a label (UTF-8; the view must be valid during the call) and
/// its value.
struct chart_bar {
  std::string_view label;
  double value = 0;
};

/// Appearance of svg_bar_chart(). Sizes are in SVG user units (pixels).
struct svg_chart_options {
  std::string_view title;              ///< on top, e.g. "Top 20 keywords of news.txt"
  int width = 720;                     ///< widened if the title needs more
  int font_size = 14;                  ///< labels and values; the title is 1.3 times this
  int bar_height = 22;
  int bar_gap = 6;
  int value_decimals = -1;             ///< -1: integers when all values are, else up to 3 decimals
  std::size_t max_label_columns = 24;  ///< longer labels end in "…"
  std::string_view bar_color = "#4e79a7";  ///< any CSS colour (escaped like text)
};

namespace detail {

/// Display columns of one code point as an SVG label takes them in a CJK font: 2 for
/// East Asian Wide and Fullwidth characters (Han, kana, Hangul, CJK punctuation and
/// symbols, full-width forms, most emoji), 0 for controls, else 1.
constexpr unsigned chart_columns(char32_t c) noexcept {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  if (zhtext::is_han(c) || zhtext::is_cjk_punctuation(c) || zhtext::is_fullwidth_form(c)) return 2;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
      (c >= 0xA960 && c <= 0xA97F) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x1F900 && c <= 0x1F9FF))
    return 2;
  return 1;
}

/// Display columns of `s` (lenient decoding; an ill-formed subpart counts as U+FFFD, 1).
inline std::size_t chart_columns(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const zhtext::code_point cp : zhtext::code_points(s)) n += chart_columns(cp.value);
  return n;
}

/// Appends `s` escaped as XML character data (see the top of this header).
inline void append_xml_text(std::string& out, std::string_view s) {
  for (const zhtext::code_point cp : zhtext::code_points(s)) {
    const char32_t c = cp.value;
    if (!cp.valid) {
      out += zhtext::replacement_utf8;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\'': out += "&apos;"; continue;
      case '\t': case '\n': case '\r': out += ' '; continue;
      default: break;
    }
    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) out += zhtext::replacement_utf8;  // not XML 1.0 characters
    else out.append(s.substr(cp.offset, cp.size));
  }
}

/// `s` cut to at most `columns` display columns, ending in "…" when cut.
inline std::string shorten_label(std::string_view s, std::size_t columns) {
  if (chart_columns(s) <= columns) return std::string(s);
  std::size_t used = 0, end = 0;
  for (const zhtext::code_point cp : zhtext::code_points(s)) {
    const unsigned w = chart_columns(cp.value);
    if (used + w + 1 > columns) break;  // keep a column for "…"
    used += w;
    end = cp.offset + cp.size;
  }
  return std::string(s.substr(0, end)) + "\xE2\x80\xA6";
}

/// Estimated width of `s` in user units at `font_size`: a two-column character takes
/// about one em, a one-column character at most 0.6 em in the fonts listed.
inline double chart_text_width(std::string_view s, double font_size) noexcept {
  double w = 0;
  for (const zhtext::code_point cp : zhtext::code_points(s)) {
    const unsigned c = chart_columns(cp.value);
    w += c == 2 ? font_size : c == 1 ? 0.6 * font_size : 0;
  }
  return w;
}

inline std::string format_chart_value(double v, int decimals) {
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : v > 0 ? "\xE2\x88\x9E" : "-\xE2\x88\x9E";  // ∞
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0") s = "0";
  return s;
}

inline std::string format_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

/// The values as text: integers when every value is one, else up to 3 decimals without
/// trailing zeros (or value_decimals, as asked).
inline std::vector<std::string> chart_values(const std::vector<chart_bar>& bars, const svg_chart_options& opt) {
  int decimals = opt.value_decimals;
  if (decimals < 0) {
    bool integral = true;
    for (const chart_bar& b : bars)
      if (std::isfinite(b.value) && (b.value != std::floor(b.value) || std::fabs(b.value) >= 1e15)) integral = false;
    decimals = integral ? 0 : 3;
  }
  decimals = std::min(decimals, 12);
  std::vector<std::string> values;
  for (const chart_bar& b : bars) {
    std::string v = format_chart_value(b.value, decimals);
    if (opt.value_decimals < 0 && decimals > 0 && v.find('.') != std::string::npos) {
      while (v.back() == '0') v.pop_back();  // 0.500 -> 0.5
      if (v.back() == '.') v.pop_back();
    }
    values.push_back(v);
  }
  return values;
}

}  // namespace detail

/// A standalone SVG document (UTF-8, with XML declaration) drawing `bars` as a
/// horizontal bar chart, in the given order (see the top of this header). An empty
/// `bars` gives a chart with the title and "(no data)". O(total label length).
inline std::string svg_bar_chart(const std::vector<chart_bar>& bars, const svg_chart_options& opt = {}) {
  using detail::format_number;
  const double fs = std::max(6, opt.font_size);
  const double title_fs = std::round(fs * 1.3);
  const double bar_h = std::max(4, opt.bar_height);
  const double gap = std::max(0, opt.bar_gap);
  const double margin = 16;

  const std::vector<std::string> values = detail::chart_values(bars, opt);
  std::vector<std::string> labels;
  double label_w = 0, value_w = 0, top = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const chart_bar& b = bars[i];
    labels.push_back(detail::shorten_label(b.label, std::max<std::size_t>(opt.max_label_columns, 2)));
    label_w = std::max(label_w, detail::chart_text_width(labels.back(), fs));
    value_w = std::max(value_w, detail::chart_text_width(values[i], fs));
    if (std::isfinite(b.value)) top = std::max(top, b.value);
  }
  const double title_w = detail::chart_text_width(opt.title, title_fs);
  const double min_bar_area = 120;
  double width = std::max<double>(opt.width, title_w + 2 * margin);
  width = std::max(width, margin + label_w + 8 + min_bar_area + 6 + value_w + margin);
  width = std::ceil(width);
  const double bar_x = margin + label_w + 8;
  const double bar_area = width - bar_x - 6 - value_w - margin;
  const double rows_y = margin + (opt.title.empty() ? 0 : title_fs + 12);
  const std::size_t rows = std::max<std::size_t>(bars.size(), 1);
  const double height = std::ceil(rows_y + static_cast<double>(rows) * (bar_h + gap) - gap + margin);

  std::string s;
  s.reserve(512 + bars.size() * 200);
  s += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + format_number(width) + "\" height=\"" +
       format_number(height) + "\" viewBox=\"0 0 " + format_number(width) + ' ' + format_number(height) + "\">\n";
  if (!opt.title.empty()) {
    s += "<title>";
    detail::append_xml_text(s, opt.title);
    s += "</title>\n";
  }
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
  s += "<g font-family=\"'Noto Sans CJK SC','Noto Sans SC','Source Han Sans SC','Source Han Sans CN','PingFang SC',"
       "'Hiragino Sans GB','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif\" font-size=\"" + format_number(fs) +
       "\" fill=\"#222222\">\n";
  if (!opt.title.empty()) {
    s += "<text x=\"" + format_number(margin) + "\" y=\"" + format_number(margin + title_fs) + "\" font-size=\"" +
         format_number(title_fs) + "\" font-weight=\"bold\">";
    detail::append_xml_text(s, opt.title);
    s += "</text>\n";
  }
  if (bars.empty()) {
    s += "<text x=\"" + format_number(margin) + "\" y=\"" + format_number(rows_y + bar_h * 0.7) +
         "\" fill=\"#888888\">(no data)</text>\n";
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = rows_y + static_cast<double>(i) * (bar_h + gap);
    const double text_y = y + bar_h / 2 + fs * 0.35;  // the middle of the bar
    const double v = bars[i].value;
    const double len = (top > 0 && std::isfinite(v) && v > 0) ? std::max(1.0, bar_area * v / top) : 0;
    s += "<text x=\"" + format_number(bar_x - 8) + "\" y=\"" + format_number(text_y) + "\" text-anchor=\"end\">";
    detail::append_xml_text(s, labels[i]);
    s += "</text>\n";
    if (len > 0) {
      s += "<rect x=\"" + format_number(bar_x) + "\" y=\"" + format_number(y) + "\" width=\"" + format_number(len) +
           "\" height=\"" + format_number(bar_h) + "\" fill=\"";
      detail::append_xml_text(s, opt.bar_color);
      s += "\"/>\n";
    }
    s += "<text x=\"" + format_number(bar_x + len + 6) + "\" y=\"" + format_number(text_y) + "\">";
    detail::append_xml_text(s, values[i]);
    s += "</text>\n";
  }
  s += "</g>\n</svg>\n";
  return s;
}

}  // namespace cli
