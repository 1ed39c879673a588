// compiled_image_test.cpp - the one image API of the compiled models (dictionary,
// hmm_model, pos_model, idf_table, matcher; detail/storage/compiled_image.hpp):
// from_image, from_image_in_place, load_image, save_image, image(), report(), the same
// on every type, and the engines' door to the tables (detail::view_of).
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

#include <unistd.h>

#include <zhtext/dictionary.hpp>
#include <zhtext/hmm_model.hpp>
#include <zhtext/idf.hpp>
#include <zhtext/match.hpp>
#include <zhtext/pos_model.hpp>

namespace {

std::string temp_file(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("zhtext_image_test_" + std::to_string(::getpid()) + "_" + name))
      .string();
}

template <class T>
using has_view = decltype(std::declval<const T&>().view());
template <class T, class = void>
struct exposes_view : std::false_type {};
template <class T>
struct exposes_view<T, std::void_t<has_view<T>>> : std::true_type {};

// The same checks for every model type: `same(a, b)` compares what the model says.
template <class T, class Same>
void check_image_api(const T& model, const std::string& name, Same same) {
  static_assert(!std::is_copy_constructible_v<T> && std::is_nothrow_move_constructible_v<T>);
  static_assert(!exposes_view<T>::value, "the engine tables are reached through detail::view_of only");
  const std::string bytes(model.image());
  REQUIRE(bytes.size() > 64);

  auto copy = T::from_image(bytes, name);
  REQUIRE(copy);
  CHECK(copy->image() == bytes);
  CHECK(copy->image().data() != bytes.data());  // copied
  CHECK(copy->report().origin == zhtext::load_report::origin_kind::memory);
  same(model, *copy);

  const std::string path = temp_file(name);
  REQUIRE(model.save_image(path));
  auto mapped = T::load_image(path);
  REQUIRE(mapped);
  CHECK(mapped->image() == bytes);
  CHECK(mapped->report().origin == zhtext::load_report::origin_kind::image_file);
  same(model, *mapped);
  T moved = std::move(*mapped);  // the image stays where it is
  same(model, moved);
  std::filesystem::remove(path);
  const auto missing = T::load_image(path);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == zhtext::errc::not_found);

  std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), bytes.data(), bytes.size());
  const std::string_view in_place(reinterpret_cast<const char*>(aligned.data()), bytes.size());
  auto borrowed = T::from_image_in_place(in_place, name);
  REQUIRE(borrowed);
  CHECK(borrowed->image().data() == in_place.data());  // zero copy
  same(model, *borrowed);
  const std::string shifted = " " + bytes;
  const auto misaligned = T::from_image_in_place(std::string_view(shifted).substr(1), name);
  if (reinterpret_cast<std::uintptr_t>(shifted.data() + 1) % 8 != 0) {
    REQUIRE_FALSE(misaligned);
    CHECK(misaligned.error().code == zhtext::errc::invalid_argument);
  }

  std::string damaged = bytes;
  damaged[damaged.size() - 1] ^= 0x40;
  const auto bad = T::from_image(damaged, name);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == zhtext::errc::corrupt_data);
  CHECK_THAT(bad.error().message, Catch::Contains(name));
  const auto cut = T::from_image(std::string_view(bytes).substr(0, 40), name);
  REQUIRE_FALSE(cut);
  CHECK(cut.error().code == zhtext::errc::corrupt_data);
}

}  // namespace

TEST_CASE("dictionary: the compiled-image API", "[image][dictionary]") {
  auto d = zhtext::dictionary::parse("中国 1000 ns\n中国人 300 n\n人民 800\n", "small.txt");
  REQUIRE(d);
  check_image_api(*d, "small.zhimg", [](const zhtext::dictionary& a, const zhtext::dictionary& b) {
    CHECK(a.size() == b.size());
    CHECK(a.total() == b.total());
    CHECK(b.find("中国人")->freq == 300);
    CHECK(b.find("中国")->tag == "ns");
    CHECK(&zhtext::detail::view_of(b) != &zhtext::detail::view_of(a));
    CHECK(zhtext::detail::view_of(b).total == a.total());
  });
}

TEST_CASE("hmm_model: the compiled-image API", "[image][hmm]") {
  auto m = zhtext::hmm_model::load_default();
  REQUIRE(m);
  check_image_api(*m, "finalseg.zhimg", [](const zhtext::hmm_model& a, const zhtext::hmm_model& b) {
    CHECK(b.start(zhtext::hmm_model::B) == a.start(zhtext::hmm_model::B));
    CHECK(b.emit(U'龢')[3] == a.emit(U'龢')[3]);
    CHECK(zhtext::detail::view_of(b).emit(U'一')[0] == a.emit(U'一')[0]);
  });
}

TEST_CASE("pos_model: the compiled-image API", "[image][pos]") {
  auto m = zhtext::pos_model::load_default();
  REQUIRE(m);
  check_image_api(*m, "posseg.zhimg", [](const zhtext::pos_model& a, const zhtext::pos_model& b) {
    CHECK(b.states() == a.states());
    CHECK(b.tags() == a.tags());
    CHECK(b.find_tag("n") == "n");
    CHECK(b.emit(3, U'中') == a.emit(3, U'中'));
    CHECK(zhtext::detail::view_of(b).states() == a.states());
  });
}

TEST_CASE("idf_table: the compiled-image API", "[image][idf]") {
  auto t = zhtext::idf_table::parse("社区 8.5\n新闻 6.25\n居民 7\n", "small_idf.txt");
  REQUIRE(t);
  check_image_api(*t, "small_idf.zhimg", [](const zhtext::idf_table& a, const zhtext::idf_table& b) {
    CHECK(b.size() == 3);
    CHECK(*b.find("新闻") == 6.25);
    CHECK(b.median() == a.median());
    CHECK(b.find("没有") == nullptr);
  });
  CHECK(zhtext::idf_table().image().empty());  // the empty table has no image
}

TEST_CASE("matcher: the compiled-image API", "[image][match]") {
  zhtext::matcher_builder b;
  REQUIRE(b.add("社区", 7));
  REQUIRE(b.add("居民"));
  auto m = b.build();
  REQUIRE(m);
  check_image_api(*m, "words.zhm", [](const zhtext::matcher& a, const zhtext::matcher& c) {
    CHECK(c.size() == a.size());
    CHECK(c.match_vector("社区居民") == a.match_vector("社区居民"));
    CHECK(c.match_vector("社区居民").size() == 2);
  });
}
