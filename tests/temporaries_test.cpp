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
template <class S> using tagged_token_vector_call = decltype(make<const zhtext::pos_tagger&>().tagged_token_vector(make<S>()));
template <class S> using tagged_tokens_call = decltype(make<const zhtext::pos_tagger&>().tagged_tokens(make<S>()));
template <class S> using tokens_call = decltype(make<const zhtext::segmenter&>().tokens(make<S>()));
template <class S> using matches_call = decltype(make<const zhtext::matcher&>().matches(make<S>()));
template <class S> using entities_call = decltype(zhtext::entities(make<S>()));
template <class S> using entity_vector_call = decltype(zhtext::entity_vector(make<S>()));
template <class S> using sentences_call = decltype(zhtext::sentences(make<S>()));
template <class S> using sentence_vector_call = decltype(zhtext::sentence_vector(make<S>()));
template <class S> using code_points_call = decltype(zhtext::code_points(make<S>()));
template <class S> using graphemes_call = decltype(zhtext::graphemes(make<S>()));
template <class S> using grapheme_vector_call = decltype(zhtext::grapheme_vector(make<S>()));
template <class S> using unicode_words_call = decltype(zhtext::unicode_words(make<S>()));
template <class S> using unicode_word_vector_call = decltype(zhtext::unicode_word_vector(make<S>()));
template <class S> using unicode_sentences_call = decltype(zhtext::unicode_sentences(make<S>()));
template <class S> using unicode_sentence_vector_call = decltype(zhtext::unicode_sentence_vector(make<S>()));
template <class S> using char_ngrams_call = decltype(zhtext::char_ngrams(make<S>(), 2));
template <class S> using characters_call = decltype(zhtext::characters(make<S>()));
template <class S> using char_ngram_vector_call = decltype(zhtext::char_ngram_vector(make<S>(), 2));
template <class S> using shingles_call = decltype(zhtext::shingles(make<S>()));
template <class S> using token_vector_call = decltype(make<const zhtext::segmenter&>().token_vector(make<S>()));
template <class S> using character_vector_call = decltype(zhtext::character_vector(make<S>()));

// Refused for a temporary std::string, accepted for everything that outlives the call.
template <template <class> class Call>
constexpr bool refuses_temporaries() {
  return !compiles<Call, std::string> && !compiles<Call, std::string&&> && compiles<Call, const std::string&> &&
         compiles<Call, std::string&> && compiles<Call, std::string_view> && compiles<Call, const char*>;
}

static_assert(refuses_temporaries<tfidf_call>());
static_assert(refuses_temporaries<textrank_call>());
static_assert(refuses_temporaries<tagged_token_vector_call>());
static_assert(refuses_temporaries<tagged_tokens_call>());
static_assert(refuses_temporaries<tokens_call>());
static_assert(refuses_temporaries<matches_call>());
static_assert(refuses_temporaries<entities_call>());
static_assert(refuses_temporaries<entity_vector_call>());
static_assert(refuses_temporaries<sentences_call>());
static_assert(refuses_temporaries<sentence_vector_call>());
static_assert(refuses_temporaries<code_points_call>());
static_assert(refuses_temporaries<graphemes_call>());
static_assert(refuses_temporaries<grapheme_vector_call>());
static_assert(refuses_temporaries<unicode_words_call>());
static_assert(refuses_temporaries<unicode_word_vector_call>());
static_assert(refuses_temporaries<unicode_sentences_call>());
static_assert(refuses_temporaries<unicode_sentence_vector_call>());
static_assert(refuses_temporaries<char_ngrams_call>());
static_assert(refuses_temporaries<characters_call>());
static_assert(refuses_temporaries<char_ngram_vector_call>());
static_assert(refuses_temporaries<shingles_call>());
static_assert(refuses_temporaries<token_vector_call>());
static_assert(refuses_temporaries<character_vector_call>());

// Calls that copy what they return keep accepting temporaries.
template <class S> using word_strings_call = decltype(make<const zhtext::segmenter&>().word_strings(make<S>()));
template <class S> using match_vector_call = decltype(make<const zhtext::matcher&>().match_vector(make<S>()));
template <class S> using normalize_call = decltype(zhtext::normalize(make<S>()));
static_assert(compiles<word_strings_call, std::string>);
static_assert(compiles<match_vector_call, std::string>);  // offsets, no views
static_assert(compiles<normalize_call, std::string>);

}  // namespace

TEST_CASE("view-returning calls refuse temporaries (checked at compile time)", "[api]") {
  // The static_asserts above are the test; here, the accepted forms still work.
  const std::string text = "本报讯（记者 林海）昨天，三千人参加。";
  CHECK(zhtext::entity_vector(text).size() == 3);
  CHECK(zhtext::sentence_vector(text).size() == 1);
  CHECK(zhtext::grapheme_vector(std::string_view(text)).size() == zhtext::count_code_points(text));
  CHECK(zhtext::char_ngram_vector("甲乙丙", 2).size() == 2);
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
