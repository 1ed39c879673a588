// Calls that return views into their text refuse a temporary std::string (issue 14
// defect 9: `keyword_extractor::tfidf(std::string(...))` compiled and its keywords
// viewed freed memory), and result<T>::value() on an error carries the error.
//
// Each refusal is checked at compile time: the call expression is ill-formed with a
// std::string prvalue (a deleted overload) and well-formed with a named string, a
// string_view or a literal. tests/temporaries_compile_test.sh compiles the reproducer
// itself and expects the compiler to name the deleted function.
#include <zhtext/zhtext.hpp>

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace {

// is_detected, C++17 style: true if Op<Args...> is a well-formed type.
template <class, template <class...> class Op, class... Args>
struct detector : std::false_type {};
template <template <class...> class Op, class... Args>
struct detector<std::void_t<Op<Args...>>, Op, Args...> : std::true_type {};
template <template <class...> class Op, class... Args>
constexpr bool compiles = detector<void, Op, Args...>::value;

template <class T>
T make();

// One alias per call that returns views into its text argument.
template <class S> using tfidf_call = decltype(make<const zhtext::keyword_extractor&>().tfidf(make<S>()));
template <class S> using textrank_call = decltype(make<const zhtext::keyword_extractor&>().textrank(make<S>()));
template <class S> using tag_call = decltype(make<const zhtext::pos_tagger&>().tag(make<S>()));
template <class S> using tagged_call = decltype(make<const zhtext::pos_tagger&>().tagged(make<S>()));
template <class S> using cut_call = decltype(make<const zhtext::segmenter&>().cut(make<S>()));
template <class S> using find_call = decltype(make<const zhtext::matcher&>().find(make<S>()));
template <class S> using entities_call = decltype(zhtext::entities(make<S>()));
template <class S> using extract_entities_call = decltype(zhtext::extract_entities(make<S>()));
template <class S> using sentences_call = decltype(zhtext::sentences(make<S>()));
template <class S> using split_sentences_call = decltype(zhtext::split_sentences(make<S>()));
template <class S> using code_points_call = decltype(zhtext::code_points(make<S>()));
template <class S> using graphemes_call = decltype(zhtext::graphemes(make<S>()));
template <class S> using split_graphemes_call = decltype(zhtext::split_graphemes(make<S>()));
template <class S> using unicode_words_call = decltype(zhtext::unicode_words(make<S>()));
template <class S> using split_unicode_words_call = decltype(zhtext::split_unicode_words(make<S>()));
template <class S> using unicode_sentences_call = decltype(zhtext::unicode_sentences(make<S>()));
template <class S> using split_unicode_sentences_call = decltype(zhtext::split_unicode_sentences(make<S>()));
template <class S> using char_ngrams_call = decltype(zhtext::char_ngrams(make<S>(), 2));
template <class S> using characters_call = decltype(zhtext::characters(make<S>()));
template <class S> using char_ngram_list_call = decltype(zhtext::char_ngram_list(make<S>(), 2));
template <class S> using shingles_call = decltype(zhtext::shingles(make<S>()));

// Refused for a temporary std::string, accepted for everything that outlives the call.
template <template <class> class Call>
constexpr bool refuses_temporaries() {
  return !compiles<Call, std::string> && !compiles<Call, std::string&&> && compiles<Call, const std::string&> &&
         compiles<Call, std::string&> && compiles<Call, std::string_view> && compiles<Call, const char*>;
}

static_assert(refuses_temporaries<tfidf_call>());
static_assert(refuses_temporaries<textrank_call>());
static_assert(refuses_temporaries<tag_call>());
static_assert(refuses_temporaries<tagged_call>());
static_assert(refuses_temporaries<cut_call>());
static_assert(refuses_temporaries<find_call>());
static_assert(refuses_temporaries<entities_call>());
static_assert(refuses_temporaries<extract_entities_call>());
static_assert(refuses_temporaries<sentences_call>());
static_assert(refuses_temporaries<split_sentences_call>());
static_assert(refuses_temporaries<code_points_call>());
static_assert(refuses_temporaries<graphemes_call>());
static_assert(refuses_temporaries<split_graphemes_call>());
static_assert(refuses_temporaries<unicode_words_call>());
static_assert(refuses_temporaries<split_unicode_words_call>());
static_assert(refuses_temporaries<unicode_sentences_call>());
static_assert(refuses_temporaries<split_unicode_sentences_call>());
static_assert(refuses_temporaries<char_ngrams_call>());
static_assert(refuses_temporaries<characters_call>());
static_assert(refuses_temporaries<char_ngram_list_call>());
static_assert(refuses_temporaries<shingles_call>());

// Calls that copy what they return keep accepting temporaries.
template <class S> using cut_strings_call = decltype(make<const zhtext::segmenter&>().cut_strings(make<S>()));
template <class S> using find_all_call = decltype(make<const zhtext::matcher&>().find_all(make<S>()));
template <class S> using normalize_call = decltype(zhtext::normalize(make<S>()));
static_assert(compiles<cut_strings_call, std::string>);
static_assert(compiles<find_all_call, std::string>);  // offsets, no views
static_assert(compiles<normalize_call, std::string>);

}  // namespace

TEST_CASE("view-returning calls refuse temporaries (checked at compile time)", "[api]") {
  // The static_asserts above are the test; here, the accepted forms still work.
  const std::string text = "本报讯（记者 林海）昨天，三千人参加。";
  CHECK(zhtext::extract_entities(text).size() == 3);
  CHECK(zhtext::split_sentences(text).size() == 1);
  CHECK(zhtext::split_graphemes(std::string_view(text)).size() == zhtext::count_code_points(text));
  CHECK(zhtext::char_ngram_list("甲乙丙", 2).size() == 2);
}

TEST_CASE("result::value() on an error throws the error itself", "[api]") {
  const zhtext::result<int> r = zhtext::make_error(zhtext::errc::parse_error, "user.dict:3: bad frequency");
  try {
    (void)r.value();
    FAIL("value() on an error did not throw");
  } catch (const zhtext::bad_result_access& e) {
    CHECK(std::string(e.what()) == "user.dict:3: bad frequency");
    CHECK(e.code() == zhtext::errc::parse_error);
  }
  // Also as a std::exception, and from an rvalue result.
  try {
    (void)zhtext::result<std::string>(zhtext::make_error(zhtext::errc::io_error, "x.txt: no such file")).value();
    FAIL("value() on an error did not throw");
  } catch (const std::exception& e) {
    CHECK(std::string(e.what()) == "x.txt: no such file");
  }
  const zhtext::result<int> ok = 7;
  CHECK(ok.value() == 7);
}
