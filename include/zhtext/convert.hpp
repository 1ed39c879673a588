// zhtext/convert.hpp - traditional <-> simplified Chinese conversion, byte for byte what
// OpenCC 1.1.6 produces, with an offset map back to the input.
//
//   auto t2s = zhtext::converter::load("t2s");              // /usr/share/opencc/t2s.json
//   if (!t2s) { std::cerr << t2s.error().message << '\n'; return 1; }
//   std::string out;
//   t2s->convert_to(out, "「開放中文轉換」是完全由程式自動轉換");   // 「开放中文转换」是完全由程式自动转换
//   zhtext::converted_text c = t2s->convert("著作權");       // c.text "著作权"
//   zhtext::byte_range src = c.map.to_source(6, 9);          // bytes [6, 9) of the input: "權"
//
// Data: OpenCC's own configurations and dictionaries (Debian package libopencc-data,
// which the `opencc` package pulls in): every configuration Debian ships works - s2t,
// t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t - and
// so do users' own (JSON naming .ocd2 or OpenCC text dictionaries). zhtext reads those
// files itself (detail/convert/: the JSON, the .ocd2 marisa-trie, the text format) and
// never runs a program. The data directory is, first match wins: the directory passed
// in converter_options::opencc_dir; $ZHTEXT_OPENCC_DIR when set and not empty;
// ZHTEXT_DEFAULT_OPENCC_DIR, fixed at configure time (CMake cache variable
// ZHTEXT_OPENCC_DIR, /usr/share/opencc by default).
//
// Rules (detail/convert/convert_engine.hpp has them in full, with OpenCC's sources):
// the segmentation takes the longest key of its dictionary at each position, runs of
// unmatched characters form one segment; each step of the chain converts each segment
// on its own by longest match, a group of dictionaries answering with the first one
// that matches; the first value of an entry is used. Line ends are ordinary characters
// no key holds, so text converts the same whole or line by line.
// Differences from the `opencc` program, all on input it mishandles: ill-formed UTF-8
// (opencc prints "Invalid UTF8" and writes nothing for that text, or passes stray bytes
// through) becomes U+FFFD, one per maximal ill-formed subpart, before conversion; a NUL
// byte (where opencc stops reading) is an ordinary character. Dictionary files are not
// looked up in the working directory (opencc tries it before the configuration's
// directory and the data directory). And `opencc -i FILE` converts its input in 1 MiB
// pieces (CommandLine.cpp), so a phrase straddling a piece boundary converts in halves
// (头发 at byte 1048573: 頭發, not 頭髮); zhtext converts a text whole, as opencc does
// line by line when it reads standard input.
//
// Loading: the configuration and its dictionaries compile into one checksummed image
// (detail/convert/convert_image.hpp), cached like jieba's dictionary (see
// jieba_data.hpp): later loads map it (t2s: 0.5 MB, s2t: 4.9 MB) in about a millisecond.
// The cache key covers the configuration and every dictionary it names. Malformed
// files are errors naming the file and line (JSON, text dictionaries) or the file and
// what is wrong (.ocd2); a corrupt cached image is rebuilt.
//
// Thread safety: a converter is immutable; every const member function may run
// concurrently from any number of threads. A convert_stream is one stream's state: use
// one per thread. Movable, not copyable; a convert_stream refers to its converter,
// which must outlive it and stay in place.
// Cost: one pass over the text per step of the chain, one trie walk per character
// position (a table read and a unit per character); 23-36x libopencc on one thread
// (benchmarks/README.md). convert_to appends to the caller's string (multi-step chains
// also hold two intermediate texts); convert() builds the offset map too (one piece per
// change, ~5x slower); a convert_stream holds back at most the longest key per step.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/convert/config.hpp"
#include "detail/convert/convert_engine.hpp"
#include "detail/convert/convert_image.hpp"
#include "detail/convert/ocd2.hpp"
#include "detail/convert/opencc_text.hpp"
#include "detail/storage/cache_dir.hpp"  // cache_options, load_report
#include "detail/storage/data_dirs.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/storage/image.hpp"
#include "detail/storage/image_cache.hpp"
#include "detail/storage/mapped_file.hpp"
#include "normalize.hpp"  // offset_map
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

/// What missing-file errors for OpenCC's data suggest.
inline constexpr std::string_view opencc_install_hint = detail::opencc_location.install_hint;

/// The directory holding OpenCC's data: `override_dir` when not empty, else
/// $ZHTEXT_OPENCC_DIR when set and not empty, else ZHTEXT_DEFAULT_OPENCC_DIR.
inline std::string opencc_data_dir(std::string_view override_dir = {}) {
  return detail::opencc_location.dir(override_dir);
}

/// How a converter is loaded.
struct converter_options {
  std::string opencc_dir;  ///< OpenCC's data directory; empty: opencc_data_dir()
  cache_options cache;     ///< the image cache (see jieba_data.hpp)
};

/// A converted text and the map from its byte offsets back to the input's: every
/// output byte range maps to the input bytes it came from (a dictionary match maps to
/// its whole key, a copied character to itself, a U+FFFD to the ill-formed bytes).
struct converted_text {
  std::string text;
  offset_map map;
};

class convert_stream;

/// An OpenCC conversion (one configuration), ready to convert.
class converter : public detail::compiled_image<converter> {
 public:
  converter(converter&&) noexcept = default;
  converter& operator=(converter&&) noexcept = default;

  /// Loads configuration `config`: a name looked up in the OpenCC data directory
  /// ("t2s" or "t2s.json"), or, when it contains a '/', the path of a JSON file
  /// ("./mine.json"). Through the image cache. Errors: errc::not_found (naming what
  /// was looked for, with how to install OpenCC's data), errc::parse_error ("file:line:
  /// why" for the JSON and text dictionaries), errc::corrupt_data (an .ocd2 file),
  /// errc::io_error, errc::limit_exceeded, errc::invalid_argument (empty name).
  static result<converter> load(std::string_view config, const converter_options& options = {}) {
    if (config.empty()) return make_error(errc::invalid_argument, "empty OpenCC configuration name");
    if (config.find('/') != std::string_view::npos) return load_config_file(std::string(config), options);
    const std::string dir = opencc_data_dir(options.opencc_dir);
    std::string path = detail::join_path(dir, config);
    if (!detail::is_regular_file(path) && (config.size() < 5 || config.substr(config.size() - 5) != ".json")) {
      std::string with_json = path + ".json";
      if (detail::is_regular_file(with_json)) path = std::move(with_json);
    }
    if (!detail::is_regular_file(path))
      return make_error(errc::not_found, "OpenCC configuration '" + std::string(config) + "' not found in " + dir +
                                             " (" + std::string(opencc_install_hint) + ")");
    return load_config_file(path, options);
  }

  // from_image(bytes, name), load_image(path), save_image(path), image() and report()
  // come from detail::compiled_image (detail/storage/compiled_image.hpp).

  /// Converts `text` and maps the result back to it. Any bytes: each maximal
  /// ill-formed UTF-8 subpart becomes U+FFFD (mapped to those bytes). O(n).
  converted_text convert(std::string_view text) const {
    if (is_valid_utf8(text)) return detail::convert_mapped<converted_text>(view_, text);
    const auto repaired = detail::repair_utf8_mapped<converted_text>(text);
    converted_text out = detail::convert_mapped<converted_text>(view_, repaired.text);
    out.map = detail::compose_offset_maps(out.map, repaired.map);
    return out;
  }

  /// Appends the conversion of `text` to `out`, without a map (the fast form). Any
  /// bytes, as convert(). O(n).
  void convert_to(std::string& out, std::string_view text) const { convert_to_aligned(out, text); }

  /// convert_to(), telling whether every character of the conversion starts at the same
  /// byte offset (counted from out's old end) as the character of `text` it came from,
  /// so that offsets into the conversion are offsets into `text`: each character was
  /// replaced by one of its byte length (OpenCC's t2s and s2t, on most text). False
  /// when that is not known: ill-formed input (repaired first), a chain of several
  /// steps, or a character that changed its length. O(n).
  bool convert_to_aligned(std::string& out, std::string_view text) const {
    if (is_valid_utf8(text)) return detail::convert_text(view_, text, out);
    detail::convert_text(view_, repair_utf8(text), out);
    return false;
  }

  /// Whether no dictionary key holds a line feed, so that converting line by line, or
  /// in blocks cut after line feeds (in parallel), gives exactly the conversion of the
  /// whole text. True for OpenCC's dictionaries and any text dictionary; only a crafted
  /// .ocd2 file can make it false. O(1).
  bool line_independent() const noexcept { return view_.label(U'\n') == 0; }

  /// Whether no dictionary key of any step holds the character `c`, so that no match
  /// can span a cut just after it: a text cut after `c` converts as its two parts do
  /// (`zhtext convert` cuts very long lines there). O(1).
  bool no_key_holds(char32_t c) const noexcept { return c < 0x110000 && view_.label(c) == 0; }

  /// Whether the conversion keeps the text's characters in place: every value of the
  /// chain's dictionaries has as many characters as its key, so character i of the
  /// output is the conversion of the input's character i (each maximal ill-formed
  /// subpart counting as one character). True for OpenCC's t2s and s2t; analysis in
  /// the original script (script.hpp) maps results back by it. O(1).
  bool preserves_characters() const noexcept { return view_.same_characters; }

  /// The configuration's "name" (empty if it has none).
  std::string_view name() const noexcept { return view_.name; }
  /// Number of conversion steps in the chain.
  std::size_t steps() const noexcept { return view_.steps(); }

 private:
  friend class convert_stream;
  /// OpenCC ships 14 configurations: the cache keeps this many images of the kind.
  static constexpr std::size_t cached_configurations = 32;

  friend class detail::compiled_image<converter>;
  static constexpr detail::image_format format{detail::convert_image_kind, detail::convert_image_version, 7};

  explicit converter(detail::image_tag) noexcept {}

  // compiled_image's adopt_image: check the image and point view_ into it.
  result<void> adopt_image(std::string_view bytes, const std::string& name, bool /*built*/) {
    auto img = open_container(bytes, name);
    if (!img) return img.error();
    auto view = detail::make_convert_view(*img, name);
    if (!view) return view.error();
    view_ = std::move(*view);
    return {};
  }

  // The configuration in JSON file `path`; its dictionaries are looked up in its
  // directory, then in the OpenCC data directory. Through the image cache, keyed by
  // the configuration and every dictionary file. Errors: as load().
  static result<converter> load_config_file(const std::string& path, const converter_options& options) {
    auto cfg = read_config(path, options);
    if (!cfg) return cfg.error();
    std::vector<std::string> sources{path};
    for (const detail::opencc_dict_ref* d : dict_refs(*cfg))
      if (std::find(sources.begin() + 1, sources.end(), d->path) == sources.end()) sources.push_back(d->path);
    return load_sources(
        sources, options.cache,
        [&](const std::vector<detail::mapped_file>& files, std::uint64_t fp) {
          return compile(path, options, sources, files, fp);
        },
        cached_configurations);
  }

  // The configuration at `path`, its dictionaries resolved.
  static result<detail::opencc_config> read_config(const std::string& path, const converter_options& options) {
    auto file = detail::mapped_file::open(path);
    if (!file) return file.error();
    auto cfg = detail::parse_opencc_config(file->bytes(), path);
    if (!cfg) return cfg.error();
    if (auto r = detail::resolve_opencc_dicts(*cfg, path, opencc_data_dir(options.opencc_dir)); !r) return r.error();
    return cfg;
  }

  static std::vector<detail::opencc_dict_ref*> dict_refs(detail::opencc_config& cfg) {
    std::vector<detail::opencc_dict_ref*> refs;
    for (detail::opencc_dict_ref& d : cfg.segmentation) refs.push_back(&d);
    for (detail::opencc_dict_list& step : cfg.chain)
      for (detail::opencc_dict_ref& d : step) refs.push_back(&d);
    return refs;
  }

  // Builds the image from the mapped sources: files[0] is the configuration (read
  // again: it is what the cache key was taken from), files[k] the dictionary sources[k].
  static result<converter> compile(const std::string& path, const converter_options& options,
                                   const std::vector<std::string>& sources,
                                   const std::vector<detail::mapped_file>& files, std::uint64_t fingerprint) {
    auto cfg = detail::parse_opencc_config(files[0].bytes(), path);
    if (!cfg) return cfg.error();
    if (auto r = detail::resolve_opencc_dicts(*cfg, path, opencc_data_dir(options.opencc_dir)); !r) return r.error();
    std::vector<detail::opencc_dict> dicts(sources.size());
    std::vector<std::string> types(sources.size());
    detail::convert_source src;
    src.name = cfg->name;
    auto index_of = [&](const detail::opencc_dict_ref& d) -> result<std::uint32_t> {
      const auto it = std::find(sources.begin() + 1, sources.end(), d.path);
      if (it == sources.end())
        return make_error(errc::io_error, path + ": changed while it was being loaded; load it again");
      const auto k = static_cast<std::size_t>(it - sources.begin());
      if (types[k].empty()) {
        auto parsed = d.type == "text" ? detail::parse_opencc_text(files[k].bytes(), d.path)
                                       : detail::read_ocd2(files[k].bytes(), d.path);
        if (!parsed) return parsed.error();
        dicts[k] = std::move(*parsed);
        types[k] = d.type;
      } else if (types[k] != d.type) {
        return make_error(errc::parse_error, path + ":" + std::to_string(d.line) + ": '" + d.file +
                                                 "' is named as both \"" + types[k] + "\" and \"" + d.type + "\"");
      }
      return static_cast<std::uint32_t>(k);
    };
    auto add_matcher = [&](const detail::opencc_dict_list& list) -> result<void> {
      std::vector<std::uint32_t> m;
      for (const detail::opencc_dict_ref& d : list) {
        auto k = index_of(d);
        if (!k) return k.error();
        m.push_back(*k);
      }
      src.matchers.push_back(std::move(m));
      return {};
    };
    if (auto r = add_matcher(cfg->segmentation); !r) return r.error();
    for (const detail::opencc_dict_list& step : cfg->chain)
      if (auto r = add_matcher(step); !r) return r.error();
    for (const detail::opencc_dict& d : dicts) src.dicts.push_back(&d);
    auto bytes = detail::compile_converter(src, fingerprint);
    if (!bytes) return make_error(bytes.error().code, path + ": " + bytes.error().message);
    return from_storage(detail::image_storage(std::move(*bytes)), path);
  }

  detail::convert_view view_;
};

/// Converts a text that arrives in pieces (a file read in blocks, a socket): the
/// output equals converter::convert_to() of the whole text, however it is cut - even
/// inside a UTF-8 sequence. Memory is bounded by the chunk size plus the longest key of
/// each step, whatever the text's length.
///
///   zhtext::convert_stream s(*t2s);
///   std::string out;
///   while (read(block)) { s.feed(block, out); write(out); out.clear(); }
///   s.finish(out); write(out);
///
/// Not thread-safe (one stream's state); many streams may share one converter.
class convert_stream {
 public:
  /// A stream converting with `c`, which must outlive the stream and stay in place.
  explicit convert_stream(const converter& c) : pipeline_(&c.view_) {}
  convert_stream(const converter&&) = delete;  // a temporary converter would dangle

  /// Feeds the next piece of text; appends to `out` what is now decided (the text
  /// whose conversion later bytes cannot change). O(chunk + held-back bytes).
  void feed(std::string_view chunk, std::string& out) { pipeline_.feed(chunk, out); }

  /// Ends the text: appends the conversion of everything held back. The stream can
  /// then convert a new text.
  void finish(std::string& out) { pipeline_.finish(out); }

 private:
  detail::convert_pipeline pipeline_;
};

}  // namespace zhtext
