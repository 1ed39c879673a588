// zhtext/dictionary.hpp - jieba-format dictionaries, compiled to a memory-mappable image.
//
// A dictionary maps words to a frequency and an optional POS tag. zhtext reads jieba's
// text format ("word freq [tag]" per line; detail/segment/dict_text.hpp has the exact rules and
// errors with file:line) and compiles it into a checksummed image (a double-array trie
// with precomputed log-frequencies, detail/segment/dict_image.hpp). `load()` keeps the image in
// the cache directory (see jieba_data.hpp), so later processes map it in about a
// millisecond instead of parsing 5 MB of text.
//
//   auto dict = zhtext::dictionary::load_default();           // jieba's dict.txt
//   if (!dict) { std::cerr << dict.error().message << '\n'; return 1; }
//   if (auto e = dict->find("中国")) std::cout << e->freq << ' ' << e->tag << '\n';
//   dict->save_image("dict.zhimg");                            // later: load_image (mmap)
//
// Thread safety: immutable after construction; share it (e.g. by shared_ptr) freely.
// Movable, not copyable; views returned (tags) live as long as the dictionary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/platform/linkage.hpp"
#include "detail/segment/dict_image.hpp"
#include "detail/segment/dict_text.hpp"
#include "detail/storage/compiled_image.hpp"
#include "jieba_data.hpp"
#include "result.hpp"

namespace zhtext {

class dictionary : public detail::compiled_image<dictionary> {
 public:
  /// A word's data: its frequency and POS tag (empty when the line had none).
  struct entry {
    std::int64_t freq = 0;
    std::string_view tag;
  };

  dictionary(dictionary&&) noexcept = default;
  dictionary& operator=(dictionary&&) noexcept = default;

  /// Parses jieba-format text and compiles it. `name` names the source in errors
  /// ("name:line: reason"). Errors: errc::parse_error, errc::limit_exceeded.
  static result<dictionary> parse(std::string_view text, std::string_view name = "<memory>");

  /// Loads a jieba-format dictionary file: from its cached image when one matches the
  /// file's path, size, mtime and inode, else by parsing it (then caching the image).
  /// Errors: errc::not_found / io_error (naming the path), errc::parse_error.
  static result<dictionary> load(const std::string& path, const cache_options& cache = {});

  /// jieba's default dictionary, <jieba_data_dir(jieba_dir)>/dict.txt, through the cache.
  /// A missing file is an errc::not_found error naming the path and how to install it.
  static result<dictionary> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {});

  // from_image, from_image_in_place, load_image, save_image, image() and report() are
  // those of every compiled model (detail/storage/compiled_image.hpp).

  /// The word's frequency and tag, or nullopt if `word` is not a word of the dictionary
  /// (a mere prefix of words is not). O(length).
  std::optional<entry> find(std::string_view word) const noexcept {
    const std::uint32_t node = tables_.find_node(word);
    if (node == detail::no_node || tables_.freq_class_of(node) == 0) return std::nullopt;
    return entry{static_cast<std::int64_t>(tables_.classes[tables_.freq_class_of(node)].freq), tables_.tag_of(node)};
  }

  /// jieba's `FREQ.get(s)`: the frequency of word s, 0 when s is only a prefix of
  /// words (jieba stores every prefix with frequency 0), nullopt when neither (and for
  /// the empty string).
  std::optional<std::int64_t> freq(std::string_view s) const noexcept {
    if (s.empty()) return std::nullopt;
    const std::uint32_t node = tables_.find_node(s);
    if (node == detail::no_node) return std::nullopt;
    return static_cast<std::int64_t>(tables_.classes[tables_.freq_class_of(node)].freq);
  }

  /// Sum of the frequencies of all lines (jieba's `total`; duplicates count twice).
  std::int64_t total() const noexcept { return tables_.total; }
  /// Number of distinct words.
  std::size_t size() const noexcept { return static_cast<std::size_t>(tables_.words); }

 private:
  friend class detail::compiled_image<dictionary>;
  friend struct detail::image_access;  // detail::view_of(dictionary) is the segmenter's dict_view
  static constexpr detail::image_format format{detail::dict_image_kind, detail::dict_image_version, 8};

  explicit dictionary(detail::image_tag) noexcept {}

  result<void> adopt_image(std::string_view bytes, const std::string& name, bool /*built*/) {
    auto img = open_container(bytes, name);
    if (!img) return img.error();
    auto view = detail::make_dict_view(*img, name);
    if (!view) return view.error();
    tables_ = *view;
    return {};
  }

  static result<dictionary> parse_impl(std::string_view text, const std::string& name, std::uint64_t fingerprint) {
    detail::dict_source words;
    std::int64_t total = 0;
    std::string failure;
    errc failure_code = errc::parse_error;
    detail::for_each_text_line(text, [&](std::string_view line, std::size_t number) {
      detail::dict_line parsed;
      bool blank = false;
      std::string why = detail::parse_dict_line(line, parsed, blank);
      if (why.empty() && !blank && total > INT64_MAX - parsed.freq) why = "total frequency overflows";
      if (!why.empty()) {
        failure = name + ":" + std::to_string(number) + ": " + why;
        return false;
      }
      if (blank) return true;
      if (!words.add(parsed.word, parsed.freq, parsed.tag)) {
        failure = name + ":" + std::to_string(number) + ": more than 2^32 - 2 characters in the words";
        failure_code = errc::limit_exceeded;
        return false;
      }
      total += parsed.freq;
      return true;
    });
    if (!failure.empty()) return make_error(failure_code, failure);
    auto bytes = detail::compile_dictionary(words, total, fingerprint);
    if (!bytes) return make_error(bytes.error().code, name + ": " + bytes.error().message);
    return from_built(std::move(*bytes));
  }

  detail::dict_view tables_;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<dictionary> dictionary::parse(std::string_view text, std::string_view name) {
  return parse_impl(text, std::string(name), 0);
}

ZHTEXT_DECL result<dictionary> dictionary::load(const std::string& path, const cache_options& cache) {
  return load_file(path, cache);
}

ZHTEXT_DECL result<dictionary> dictionary::load_default(std::string_view jieba_dir, const cache_options& cache) {
  return load_installed(jieba_data_dir(jieba_dir), "dict.txt", cache, jieba_install_hint);
}
#endif

}  // namespace zhtext
