// zhtext/detail/entities/types.hpp - the types of zhtext/entities.hpp: what an entity
// is (entity_kind), its value (numbers, quantities, dates, times, named days, relative
// times, bylines) and the options of a scan.
//
// They are public types (namespace zhtext; entities.hpp documents the recognisers and
// the canonical values); they live here because the recognisers (text.hpp ...
// scanner.hpp) produce them. Plain values; thread-safe.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "decimal.hpp"

namespace zhtext {

/// What an entity is. The names (to_string) are the CLI's first column.
enum class entity_kind : std::uint8_t { number, percent, quantity, date, time, named_day, relative, byline };
inline constexpr std::size_t entity_kind_count = 8;

constexpr const char* to_string(entity_kind k) noexcept {
  switch (k) {
    case entity_kind::number: return "number";
    case entity_kind::percent: return "percent";
    case entity_kind::quantity: return "quantity";
    case entity_kind::date: return "date";
    case entity_kind::time: return "time";
    case entity_kind::named_day: return "named_day";
    case entity_kind::relative: return "relative";
    case entity_kind::byline: return "byline";
  }
  return "unknown";
}

/// How exact a number or time is.
enum class approx : std::uint8_t { exact, about, above, below, at_least, at_most };

/// The canonical prefix of a qualifier: "", "~", ">", "<", ">=", "<=".
constexpr std::string_view approx_prefix(approx a) noexcept {
  switch (a) {
    case approx::exact: return "";
    case approx::about: return "~";
    case approx::above: return ">";
    case approx::below: return "<";
    case approx::at_least: return ">=";
    case approx::at_most: return "<=";
  }
  return "";
}

enum class number_shape : std::uint8_t {
  single,    ///< value
  range,     ///< value..high (六七, 3至5, 十几)
  plus,      ///< value+high (5+2)
  fraction,  ///< value/high (1/4, 三分之一)
};

/// A number, a range, a sum or a fraction, with its qualifier.
struct number_value {
  decimal value{};  ///< the number; the low end; the first addend; the numerator
  decimal high{};   ///< == value for `single`; the high end; the second addend; the denominator
  number_shape shape = number_shape::single;
  approx qualifier = approx::exact;
};

/// A number with its measure word.
struct quantity_value {
  number_value number{};
  std::string_view unit;  ///< canonical measure word (static storage, not the input): "名", "个月"
};

/// A calendar date, possibly partial: 0 means unknown.
struct calendar_date {
  std::int16_t year = 0;
  std::uint8_t month = 0;
  std::uint8_t day = 0;
  friend bool operator==(const calendar_date& a, const calendar_date& b) noexcept {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
};

/// A date, a date range (from..to) or an open range (from.., written 起).
struct date_value {
  calendar_date from{};
  calendar_date to{};  ///< == from unless `range`
  bool range = false;
  bool open_end = false;
};

/// A time of day on the 24-hour clock.
struct clock_time {
  std::uint8_t hour = 0;  ///< 0..24 (24:00 only when written so)
  std::uint8_t minute = 0;
  approx qualifier = approx::exact;
  bool has_period = false;  ///< a time-of-day word (上午, 晚上, ...) fixed AM/PM
};

/// A time or a time range.
struct time_value {
  clock_time from{};
  clock_time to{};  ///< == from unless `range`
  bool range = false;
};

enum class day_calendar : std::uint8_t { gregorian, lunar, solar_term, weekday };

/// A festival or weekday: no calendar date of its own in a given year.
struct named_day_value {
  std::string_view key;  ///< "spring_festival", "monday", ... (static storage)
  day_calendar calendar = day_calendar::gregorian;
  std::uint8_t month = 0;  ///< fixed month in `calendar` (0 for weekdays and solar terms)
  std::uint8_t day = 0;    ///< fixed day in `calendar`; weekdays: 1 = Monday .. 7 = Sunday
};

enum class relative_unit : std::uint8_t { day, week, month, year, recent, ongoing, same_day, next_day };

/// A time relative to the moment of writing (or, for same_day/next_day, to the day
/// the text last spoke of).
struct relative_value {
  relative_unit unit = relative_unit::recent;
  std::int8_t offset = 0;  ///< for day/week/month/year: -1 = yesterday, last week, ...
};

enum class byline_role : std::uint8_t {
  author, reporter, special_reporter, correspondent, intern, photographer, editor, writer, contributor, agency
};

constexpr const char* to_string(byline_role r) noexcept {
  switch (r) {
    case byline_role::author: return "author";
    case byline_role::reporter: return "reporter";
    case byline_role::special_reporter: return "special_reporter";
    case byline_role::correspondent: return "correspondent";
    case byline_role::intern: return "intern";
    case byline_role::photographer: return "photographer";
    case byline_role::editor: return "editor";
    case byline_role::writer: return "writer";
    case byline_role::contributor: return "contributor";
    case byline_role::agency: return "agency";
  }
  return "author";
}

/// Who wrote or photographed: up to `capacity` names, each with its role.
struct byline_value {
  static constexpr std::size_t capacity = 8;
  std::array<std::string_view, capacity> names{};  ///< views into the input
  std::array<byline_role, capacity> roles{};
  std::uint8_t count = 0;
};

/// The value of an entity; the alternative follows the kind (number and percent share
/// number_value).
using entity_value =
    std::variant<number_value, quantity_value, date_value, time_value, named_day_value, relative_value, byline_value>;

/// One entity: its kind, where it is (byte offset and a view into the input) and its
/// value. Valid as long as the input is.
struct entity {
  entity_kind kind = entity_kind::number;
  std::size_t offset = 0;
  std::string_view text;
  entity_value value{};
  std::size_t end() const noexcept { return offset + text.size(); }
};

/// Which kinds to report. Filtering never changes what is found: 2020年 is a date
/// whether or not dates are asked for, never a quantity.
struct entity_options {
  std::uint32_t kinds = (1u << entity_kind_count) - 1;
  static constexpr std::uint32_t bit(entity_kind k) noexcept { return 1u << static_cast<unsigned>(k); }
  bool wants(entity_kind k) const noexcept { return (kinds & bit(k)) != 0; }
};

}  // namespace zhtext
