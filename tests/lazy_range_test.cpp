// lazy_range_test.cpp - the one range template (detail/ranges/lazy_range.hpp) and the
// one {text, offset} type (text_span.hpp), with cursors written for the test.
#include <catch2/catch.hpp>

#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <zhtext/detail/ranges/lazy_range.hpp>
#include <zhtext/text_span.hpp>

namespace {

// Light state: the words of a text separated by single spaces. Copyable, so a forward range.
class word_cursor {
 public:
  using value_type = zhtext::text_span;
  word_cursor() = default;
  explicit word_cursor(std::string_view s) : s_(s) {}
  bool next(zhtext::text_span& out) {
    if (pos_ > s_.size()) return false;
    const std::size_t e = std::min(s_.find(' ', pos_), s_.size());
    out = {s_.substr(pos_, e - pos_), pos_};
    pos_ = e + 1;
    return true;
  }
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Heavy state: counts down from n, with a counter shared with the test to see how far
// the range has produced. Move-only, so an input range.
class countdown_cursor {
 public:
  using value_type = int;
  countdown_cursor(int n, int* produced) : n_(std::make_unique<int>(n)), produced_(produced) {}
  bool next(int& out) {
    if (*n_ == 0) return false;
    out = (*n_)--;
    ++*produced_;
    return true;
  }

 private:
  std::unique_ptr<int> n_;
  int* produced_;
};

using word_range = zhtext::detail::lazy_range<word_cursor>;
using countdown_range = zhtext::detail::lazy_range<countdown_cursor>;

static_assert(std::is_same_v<std::iterator_traits<word_range::iterator>::iterator_category, std::forward_iterator_tag>);
static_assert(std::is_same_v<std::iterator_traits<countdown_range::iterator>::iterator_category, std::input_iterator_tag>);
static_assert(std::is_copy_constructible_v<word_range>);
static_assert(!std::is_copy_constructible_v<countdown_range> && std::is_nothrow_move_constructible_v<countdown_range>);
static_assert(std::is_same_v<decltype(*std::declval<word_range::iterator>()), const zhtext::text_span&>);

std::vector<std::string> texts(const std::vector<zhtext::text_span>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.emplace_back(s.text);
  return out;
}

}  // namespace

TEST_CASE("text_span compares offset and bytes", "[ranges]") {
  const std::string_view s = "ab ab";
  CHECK(zhtext::text_span{s.substr(0, 2), 0} == zhtext::text_span{s.substr(3, 2), 0});  // bytes, not addresses
  CHECK(zhtext::text_span{s.substr(0, 2), 0} != zhtext::text_span{s.substr(3, 2), 3});
  CHECK(zhtext::text_span{"ab", 0} != zhtext::text_span{"a", 0});
  CHECK(zhtext::text_span{} == zhtext::text_span{"", 0});
}

TEST_CASE("a copyable cursor makes a forward range that starts over at each begin()", "[ranges]") {
  const std::string s = "one two three";
  const word_range r{word_cursor(s)};
  const std::vector<zhtext::text_span> all(r.begin(), r.end());
  CHECK(texts(all) == std::vector<std::string>{"one", "two", "three"});
  CHECK(all[1].offset == 4);
  CHECK(all[1].text.data() == s.data() + 4);
  CHECK(std::distance(r.begin(), r.end()) == 3);  // again: begin() starts over

  auto it = r.begin();
  auto copy = it++;  // iterators are independent copies
  CHECK(copy->text == "one");
  CHECK(it->text == "two");
  CHECK(copy != it);
  CHECK(++copy == it);  // equal by position
  CHECK(std::next(it, 2) == r.end());
  CHECK_FALSE(r.empty());

  std::vector<std::string> seen;
  zhtext::detail::for_each_item(word_cursor(s), [&](const zhtext::text_span& w) { seen.emplace_back(w.text); });
  CHECK(seen == texts(all));
  CHECK(zhtext::detail::collect_items(word_cursor(s)) == all);

  const word_range none{word_cursor()};  // the default cursor yields one empty word
  CHECK(std::distance(none.begin(), none.end()) == 1);
  CHECK(word_range::iterator() == r.end());  // a default iterator is an end iterator
}

TEST_CASE("a move-only cursor makes a single-pass input range that produces on demand", "[ranges]") {
  int produced = 0;
  countdown_range r{countdown_cursor(3, &produced)};
  CHECK(produced == 0);  // nothing before begin()
  auto it = r.begin();
  CHECK(produced == 1);
  CHECK(*it == 3);
  CHECK(r.begin() == it);  // a second begin() does not start over
  CHECK(*r.begin() == 3);
  ++it;
  CHECK(*it == 2);
  CHECK(produced == 2);
  std::vector<int> rest;
  for (; it != r.end(); ++it) rest.push_back(*it);
  CHECK(rest == std::vector<int>{2, 1});
  CHECK(produced == 3);
  CHECK(r.begin() == r.end());

  countdown_range empty{countdown_cursor(0, &produced)};
  CHECK(empty.begin() == empty.end());
  CHECK(empty.end() == r.end());  // every end iterator is equal

  int total = 0;
  for (int v : countdown_range{countdown_cursor(4, &produced)}) total += v;
  CHECK(total == 10);
}
