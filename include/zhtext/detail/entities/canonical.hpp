// zhtext/detail/entities/canonical.hpp - the pieces of an entity's canonical value
// (zhtext::append_canonical_value in entities.hpp): numbers with their qualifier, ISO
// dates with unknown parts as '-', hh:mm clock times, relative-time unit names.
//
// Pure functions appending to a string; thread-safe.
#pragma once

#include <string>

#include "types.hpp"

namespace zhtext::detail {

inline void append_two(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

inline void append_number(std::string& out, const number_value& v, bool percent) {
  const char* pct = percent ? "%" : "";
  if (v.shape == number_shape::plus || v.shape == number_shape::fraction) {
    out += v.value.to_string();
    out += v.shape == number_shape::plus ? '+' : '/';
    out += v.high.to_string();
    return;
  }
  out += approx_prefix(v.qualifier);
  out += v.value.to_string();
  out += pct;
  if (v.shape == number_shape::range) {
    out += "..";
    out += v.high.to_string();
    out += pct;
  }
}

inline void append_date(std::string& out, const calendar_date& d) {
  if (d.year != 0) {
    const unsigned y = static_cast<unsigned>(d.year);
    append_two(out, y / 100);
    append_two(out, y % 100);
    if (d.month != 0) {
      out += '-';
      append_two(out, d.month);
      if (d.day != 0) {
        out += '-';
        append_two(out, d.day);
      }
    }
    return;
  }
  if (d.month != 0) {
    out += "--";
    append_two(out, d.month);
    if (d.day != 0) {
      out += '-';
      append_two(out, d.day);
    }
    return;
  }
  out += "---";
  append_two(out, d.day);
}

inline void append_clock(std::string& out, const clock_time& t) {
  out += approx_prefix(t.qualifier);
  append_two(out, t.hour);
  out += ':';
  append_two(out, t.minute);
}

inline const char* relative_unit_name(relative_unit u) noexcept {
  switch (u) {
    case relative_unit::day: return "day";
    case relative_unit::week: return "week";
    case relative_unit::month: return "month";
    case relative_unit::year: return "year";
    case relative_unit::recent: return "recent";
    case relative_unit::ongoing: return "ongoing";
    case relative_unit::same_day: return "same_day";
    case relative_unit::next_day: return "next_day";
  }
  return "recent";
}

}  // namespace zhtext::detail
