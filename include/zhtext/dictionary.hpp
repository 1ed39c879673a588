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

#include "detail/segment/dict_image.hpp"
#include "detail/segment/dict_text.hpp"
#include "detail/storage/image.hpp"
#include "detail/storage/image_cache.hpp"
#include "detail/storage/mapped_file.hpp"
#include "jieba_data.hpp"
#include "result.hpp"

namespace zhtext {

class dictionary {
 public:
  /// A word's data: its frequency and POS tag (empty when the line had none).
  struct entry {
    std::int64_t freq = 0;
    std::string_view tag;
  };

  dictionary(const dictionary&) = delete;
  dictionary& operator=(const dictionary&) = delete;
  dictionary(dictionary&&) noexcept = default;
  dictionary& operator=(dictionary&&) noexcept = default;

  /// Parses jieba-format text and compiles it. `name` names the source in errors
  /// ("name:line: reason"). Errors: errc::parse_error, errc::limit_exceeded.
  static result<dictionary> parse(std::string_view text, std::string_view name = "<memory>") {
    return parse_impl(text, std::string(name), 0);
  }

  /// Loads a jieba-format dictionary file: from its cached image when one matches the
  /// file's path, size, mtime and inode, else by parsing it (then caching the image).
  /// Errors: errc::not_found / io_error (naming the path), errc::parse_error.
  static result<dictionary> load(const std::string& path, const cache_options& cache = {}) {
    return detail::load_through_cache<dictionary>(
        detail::dict_image_kind, detail::dict_image_version, {path}, cache, from_storage,
        [&](const std::vector<detail::mapped_file>& f, std::uint64_t fp) { return parse_impl(f[0].bytes(), path, fp); },
        [](const dictionary& d) { return d.fingerprint_; }, [](dictionary& d) -> load_report& { return d.report_; });
  }

  /// jieba's default dictionary, <jieba_data_dir(jieba_dir)>/dict.txt, through the cache.
  /// A missing file is an errc::not_found error naming the path and how to install it.
  static result<dictionary> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {}) {
    const std::string path = detail::join_path(jieba_data_dir(jieba_dir), "dict.txt");
    return detail::with_install_hint(load(path, cache), jieba_install_hint);
  }

  /// A compiled image held in memory (copied). Errors: errc::corrupt_data.
  static result<dictionary> from_image(std::string_view bytes, std::string_view name = "<memory>") {
    return from_storage(detail::image_storage(detail::copy_aligned(bytes)), std::string(name));
  }

  /// A compiled image file, memory-mapped. Errors: errc::not_found, io_error, corrupt_data.
  static result<dictionary> load_image(const std::string& path) {
    auto f = detail::mapped_file::open(path);
    if (!f) return f.error();
    if (reinterpret_cast<std::uintptr_t>(f->data()) % 8 != 0)
      return from_storage(detail::image_storage(detail::copy_aligned(f->bytes())), path);
    auto d = from_storage(detail::image_storage(std::move(*f)), path);
    if (d) d->report_.origin = load_report::origin_kind::image_file;
    return d;
  }

  /// The compiled image; save it and load it back with load_image()/from_image().
  std::string_view image() const noexcept { return storage_.bytes(); }

  /// Writes the image to `path` atomically. Errors: errc::io_error.
  result<void> save_image(const std::string& path) const {
    const std::string err = detail::write_file_atomically(path, image());
    if (!err.empty()) return make_error(errc::io_error, err);
    return {};
  }

  /// The word's frequency and tag, or nullopt if `word` is not a word of the dictionary
  /// (a mere prefix of words is not). O(length).
  std::optional<entry> find(std::string_view word) const noexcept {
    const std::uint32_t node = view_.find_node(word);
    if (node == detail::no_node || view_.freq_class_of(node) == 0) return std::nullopt;
    return entry{static_cast<std::int64_t>(view_.classes[view_.freq_class_of(node)].freq), view_.tag_of(node)};
  }

  /// jieba's `FREQ.get(s)`: the frequency of word s, 0 when s is only a prefix of
  /// words (jieba stores every prefix with frequency 0), nullopt when neither (and for
  /// the empty string).
  std::optional<std::int64_t> freq(std::string_view s) const noexcept {
    if (s.empty()) return std::nullopt;
    const std::uint32_t node = view_.find_node(s);
    if (node == detail::no_node) return std::nullopt;
    return static_cast<std::int64_t>(view_.classes[view_.freq_class_of(node)].freq);
  }

  /// Sum of the frequencies of all lines (jieba's `total`; duplicates count twice).
  std::int64_t total() const noexcept { return view_.total; }
  /// Number of distinct words.
  std::size_t size() const noexcept { return static_cast<std::size_t>(view_.words); }
  /// Where this dictionary came from (built, cache hit, image file) and cache notes.
  const load_report& report() const noexcept { return report_; }

  /// Internal tables, for the segmenter.
  const detail::dict_view& view() const noexcept { return view_; }

 private:
  dictionary() = default;

  static result<dictionary> from_storage(detail::image_storage storage, const std::string& name) {
    dictionary d;
    d.storage_ = std::move(storage);
    auto img = detail::open_image(d.storage_.bytes(), detail::dict_image_kind, detail::dict_image_version, 8, name);
    if (!img) return img.error();
    auto view = detail::make_dict_view(*img, name);
    if (!view) return view.error();
    d.view_ = *view;
    d.fingerprint_ = img->fingerprint;
    return d;
  }

  static result<dictionary> parse_impl(std::string_view text, const std::string& name, std::uint64_t fingerprint) {
    std::vector<detail::dict_source_entry> entries;
    std::int64_t total = 0;
    std::string failure;
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
      entries.push_back({parsed.word, parsed.freq, parsed.tag});
      total += parsed.freq;
      return true;
    });
    if (!failure.empty()) return make_error(errc::parse_error, failure);
    auto bytes = detail::compile_dictionary(entries, total, fingerprint);
    if (!bytes) return make_error(bytes.error().code, name + ": " + bytes.error().message);
    auto d = from_storage(detail::image_storage(std::move(*bytes)), name);
    if (d) d->report_.origin = load_report::origin_kind::memory;
    return d;
  }

  detail::image_storage storage_;
  detail::dict_view view_;
  std::uint64_t fingerprint_ = 0;
  load_report report_;
};

}  // namespace zhtext
