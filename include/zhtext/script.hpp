// zhtext/script.hpp - analysing traditional Chinese text in its own script: the text is
// converted to simplified with OpenCC's t2s (convert.hpp), analysed with jieba's models
// (segment, pos, keywords, entities), and every result is reported in the original
// characters, with byte offsets into the original text.
//
//   auto simp = zhtext::simplifier::load();                 // OpenCC's t2s (+ s2t for `automatic`)
//   zhtext::script_text st = simp->prepare(text, zhtext::text_script::automatic);
//   zhtext::for_each_token(*seg, st, [](const zhtext::token& t) { ... });   // t.text views `text`
//   zhtext::for_each_tagged_token(*tagger, st, f);   zhtext::for_each_tfidf(*kw, st, f);
//   zhtext::for_each_entity(st, f);
//
//   zhtext::script_lines lines(*simp, zhtext::text_script::traditional);  // many lines:
//   lines.reset(text);                              // converted a batch (1 MB) at a time
//   zhtext::for_each_token(*seg, lines.line(b, e), f);   // each line [b, e), in order
//
// The option: text_script. `simplified` analyses the text as it is (what jieba does);
// `traditional` converts every line with t2s first; `automatic` decides line by line
// (see simplifier::detect). The tools take a script_text - the original text, the text
// analysed and the map between them - in place of a string: each has the overload
// here, beside its own (segmenter::for_each_token, pos_tagger::for_each_tagged_token,
// keyword_extractor::for_each_tfidf / for_each_textrank, zhtext::for_each_entity).
//
// Contract: the tokens of for_each_token(seg, prepare(text, traditional), f) have
// exactly the boundaries of jieba's cut of OpenCC's t2s output, mapped back onto the
// original characters; tags are posseg's of that output; keywords are ranked on it.
// The map goes character by character: OpenCC's t2s replaces every key by a value of as
// many characters (all 4 390 entries of Debian's TSPhrases and TSCharacters; a test
// checks it, and converter::preserves_characters() tells), so every boundary in the
// simplified text is a boundary in the original. Where, moreover, every character
// keeps its byte length (the usual line), the boundaries are at the same bytes and
// the map is the identity. (With a t2s whose values change the number of characters
// - only a user's own data can - the text is mapped through the converter's offset
// map: a boundary inside a replaced phrase then goes to the phrase's start, an end to
// its end.) Keywords: one simplified word may stand for several original spellings (頭髮
// and 头发 in one text count as 头发); it is reported in the spelling of its first
// occurrence. Entities: the text and span are the original's; the value (numbers,
// dates, a byline's names) is read from the simplified text.
//
// Detection (`automatic`): a character is traditional-only when t2s changes it and s2t
// leaves it as it is (後, 頭, 髮, 說: 4 000-odd characters), simplified-only when s2t
// changes it and t2s leaves it (后, 头, 发, 说); each character is looked up alone,
// with the first value OpenCC gives. A line is traditional when it holds more
// traditional-only than simplified-only characters; otherwise (ties, and lines with
// neither, which t2s would leave almost unchanged) it is analysed as it is. Lines are
// the pieces between '\n'.
//
// Thread safety: a simplifier is immutable (copies share its data); its const member
// functions may run concurrently. A script_text views the original text (which must
// outlive it) and owns the simplified one. Cost: detection one table read per non-ASCII
// character; conversion as converter::convert_to, plus one comparison of the two texts
// 8 bytes at a time (and, where byte lengths differ, a pass that records the shifts;
// a map lookup is then a binary search over them). prepare() into a reused script_text
// allocates nothing once its buffers have grown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "convert.hpp"
#include "entities.hpp"
#include "keywords.hpp"
#include "pos.hpp"
#include "result.hpp"
#include "segment.hpp"
#include "utf8.hpp"

namespace zhtext {

/// The script a text is analysed in (--script).
enum class text_script : std::uint8_t {
  simplified,   ///< as it is (jieba's models are trained on simplified text)
  traditional,  ///< converted with t2s, results mapped back
  automatic,    ///< decided line by line (simplifier::detect)
};

/// "simplified", "traditional", "auto".
inline std::string_view to_string(text_script s) noexcept {
  return s == text_script::traditional ? "traditional" : s == text_script::automatic ? "auto" : "simplified";
}

/// The script named `name` ("auto", "simplified", "traditional"); false if none.
inline bool parse_text_script(std::string_view name, text_script& out) noexcept {
  for (text_script s : {text_script::automatic, text_script::simplified, text_script::traditional})
    if (name == to_string(s)) {
      out = s;
      return true;
    }
  return false;
}

class simplifier;

/// A text prepared for analysis: the original, the text analysed (the original itself
/// where nothing was converted) and the map back. Views the original; owns the rest.
class script_text {
 public:
  script_text() = default;
  /// `text` as it is: analysed() is `text`, the map the identity.
  explicit script_text(std::string_view text) { clear(text); }
  /// Deleted: it would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  explicit script_text(S&&) = delete;

  /// Makes this `text` as it is, keeping the buffers.
  void assign(std::string_view text) { clear(text); }

  /// The text as given.
  std::string_view original() const noexcept { return original_; }
  /// The text the tools analyse: simplified lines converted, the others as they are.
  std::string_view analysed() const noexcept {
    return converted_lines_ == 0 ? original_ : borrowed_ ? borrowed_text_ : std::string_view(text_);
  }
  /// Number of lines converted with t2s.
  std::size_t converted_lines() const noexcept { return converted_lines_; }

  /// Whether every character of analysed() is at the same bytes as in original()
  /// (nothing converted, or only characters of the same byte length: the usual case),
  /// so that offsets need no mapping. O(1).
  bool same_offsets() const noexcept { return converted_lines_ == 0 || runs_.size() == 1; }

  /// The original bytes that analysed()[begin, end) came from (begin and end at
  /// character boundaries of analysed()). O(1) when same_offsets(), else O(log map
  /// entries).
  byte_range to_original(std::size_t begin, std::size_t end) const noexcept {
    if (same_offsets()) return {begin, end};
    return {map(begin, false), map(end, true)};
  }
  /// The original of a view into analysed() (any other view is returned as it is).
  std::string_view original_of(std::string_view piece) const noexcept {
    const std::string_view a = analysed();
    if (converted_lines_ == 0 || piece.data() < a.data() || piece.data() + piece.size() > a.data() + a.size())
      return piece;
    const auto b = static_cast<std::size_t>(piece.data() - a.data());
    const byte_range r = to_original(b, b + piece.size());
    return original_.substr(r.begin, r.end - r.begin);
  }

 private:
  friend class simplifier;
  friend class script_lines;
  // From analysed position `out` on, position p maps to src + (p - out); a collapsed
  // entry (a phrase whose conversion has another number of characters) maps its inner
  // positions to src (a begin) or src_end (an end).
  struct run {
    std::size_t out, src, src_end;
    bool collapsed;
  };

  std::size_t map(std::size_t pos, bool is_end) const noexcept {
    std::size_t lo = 0, hi = runs_.size();  // the last run with out <= pos
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      if (runs_[mid].out <= pos) lo = mid;
      else hi = mid;
    }
    const run& r = runs_[lo];
    if (r.collapsed && pos > r.out) return is_end ? r.src_end : r.src;
    return r.src + (pos - r.out);
  }
  void add_run(std::size_t out, std::size_t src) {
    if (!runs_.empty()) {
      const run& last = runs_.back();
      if (!last.collapsed && out - last.out == src - last.src) return;  // the same shift
      if (last.out == out) runs_.pop_back();
    }
    runs_.push_back({out, src, src, false});
  }
  void clear(std::string_view original) {
    original_ = original;
    text_.clear();
    runs_.clear();
    runs_.push_back({0, 0, 0, false});
    converted_lines_ = 0;
    borrowed_ = false;
  }

  std::string_view original_;
  std::string text_;
  std::string_view borrowed_text_;  // analysed() when borrowed_: a piece of another script_text's (script_lines)
  bool borrowed_ = false;
  std::vector<run> runs_;
  std::size_t converted_lines_ = 0;
};

/// Options of simplifier::load.
struct simplifier_options {
  converter_options opencc;  ///< where OpenCC's data is, the image cache
  bool detection = true;     ///< load s2t too, for detect() and text_script::automatic
};

/// OpenCC's t2s, ready to prepare texts for analysis, and the character classes
/// `automatic` decides by. Immutable; copies share the data.
class simplifier {
 public:
  /// Loads t2s (and s2t, with options.detection) from OpenCC's data (see convert.hpp).
  /// Errors: those of converter::load.
  static result<simplifier> load(const simplifier_options& options = {}) {
    auto t2s = converter::load("t2s", options.opencc);
    if (!t2s) return t2s.error();
    simplifier s;
    s.t2s_ = std::make_shared<const converter>(std::move(*t2s));
    if (options.detection) {
      auto s2t = converter::load("s2t", options.opencc);
      if (!s2t) return s2t.error();
      s.classes_ = std::make_shared<const std::vector<std::uint8_t>>(char_classes(*s.t2s_, *s2t));
    }
    return s;
  }

  /// Traditional-only and simplified-only characters of `text` (see the top).
  struct script_counts {
    std::size_t traditional_only = 0, simplified_only = 0;
  };
  /// Counts them; all zero when the simplifier was loaded without detection. O(n).
  script_counts count(std::string_view text) const noexcept {
    script_counts c;
    if (!classes_) return c;
    const std::vector<std::uint8_t>& cls = *classes_;
    for (std::size_t i = 0; i < text.size();) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        ++i;
        continue;
      }
      const decoded d = detail::decode_at(detail::bytes(text) + i, detail::bytes(text) + text.size());
      i += d.size;
      if (d.value >= class_first && d.value < class_last) {
        const std::uint8_t k = cls[d.value - class_first];
        c.traditional_only += k == traditional_only;
        c.simplified_only += k == simplified_only;
      }
    }
    return c;
  }

  /// text_script::traditional when `line` holds more traditional-only than
  /// simplified-only characters, else text_script::simplified.
  text_script detect(std::string_view line) const noexcept {
    const script_counts c = count(line);
    return c.traditional_only > c.simplified_only ? text_script::traditional : text_script::simplified;
  }

  /// `text` prepared for analysis in script `s` (automatic: line by line). `text` must
  /// outlive the result. automatic needs a simplifier loaded with detection (without,
  /// it analyses every line as it is).
  script_text prepare(std::string_view text, text_script s) const {
    script_text st;
    prepare(text, s, st);
    return st;
  }
  /// Deleted: the result would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  script_text prepare(S&&, text_script) const = delete;

  /// The same into `st`, reusing its buffers.
  void prepare(std::string_view text, text_script s, script_text& st) const {
    st.clear(text);
    if (s == text_script::simplified) return;
    if (s == text_script::traditional) {
      convert_piece(text, 0, st);
      st.converted_lines_ = 1;
      if (st.text_ == text) st.converted_lines_ = 0;  // nothing changed: analyse the original
      return;
    }
    std::size_t pos = 0;
    bool any = false;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      end = end == std::string_view::npos ? text.size() : end + 1;
      const std::string_view line = text.substr(pos, end - pos);
      if (detect(line) == text_script::traditional) {
        convert_piece(line, pos, st);
        ++st.converted_lines_;
        any = true;
      } else {
        st.add_run(st.text_.size(), pos);
        st.text_ += line;
      }
      pos = end;
    }
    if (!any) st.converted_lines_ = 0;
  }

  /// The t2s converter.
  const converter& t2s() const noexcept { return *t2s_; }

 private:
  enum : std::uint8_t { neither = 0, traditional_only = 1, simplified_only = 2 };
  static constexpr char32_t class_first = 0x3400, class_last = 0x30000;

  simplifier() = default;

  // Each CJK code point converted alone by t2s and by s2t (one per line: no key holds
  // a line feed), classified as the top says.
  static std::vector<std::uint8_t> char_classes(const converter& t2s, const converter& s2t) {
    std::vector<std::uint8_t> cls(class_last - class_first, neither);
    std::string probe;
    std::vector<char32_t> cps;
    for (const auto& r : {std::pair<char32_t, char32_t>{0x3400, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FA1F}})
      for (char32_t c = r.first; c <= r.second; ++c) {
        cps.push_back(c);
        append_utf8(probe, c);
        probe += '\n';
      }
    std::string ts, st;
    t2s.convert_to(ts, probe);
    s2t.convert_to(st, probe);
    std::size_t p = 0, a = 0, b = 0;
    for (char32_t c : cps) {
      const std::size_t pe = probe.find('\n', p), ae = ts.find('\n', a), be = st.find('\n', b);
      if (ae == std::string::npos || be == std::string::npos) break;  // a value held a line feed
      const std::string_view orig(probe.data() + p, pe - p);
      const bool t_changes = std::string_view(ts.data() + a, ae - a) != orig;
      const bool s_changes = std::string_view(st.data() + b, be - b) != orig;
      cls[c - class_first] = t_changes && !s_changes ? traditional_only : s_changes && !t_changes ? simplified_only : neither;
      p = pe + 1, a = ae + 1, b = be + 1;
    }
    return cls;
  }

  static std::size_t char_count(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
  }
  static std::size_t lead_length(unsigned char b) noexcept { return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4; }

  // Whether `a` and `b` have the same length and their characters start at the same
  // bytes (the continuation bytes, 10xxxxxx, are at the same places): 8 bytes a step.
  static bool same_character_starts(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    std::size_t i = 0;
    for (; i + 8 <= a.size(); i += 8) {
      std::uint64_t x, y;
      std::memcpy(&x, a.data() + i, 8);
      std::memcpy(&y, b.data() + i, 8);
      // Bit 7 of each byte: bit 7 set and bit 6 clear (x << 1 moves bit 6 to bit 7 of
      // the same byte).
      if (((x & ~(x << 1)) ^ (y & ~(y << 1))) & high) return false;
    }
    for (; i < a.size(); ++i)
      if (detail::is_continuation(static_cast<unsigned char>(a[i])) !=
          detail::is_continuation(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  }

  // Converts `piece` (at `src` in the original) onto the end of st.text_, with its map.
  void convert_piece(std::string_view piece, std::size_t src, script_text& st) const {
    const std::size_t out = st.text_.size();
    if (t2s_->preserves_characters()) {
      // Character i of the conversion comes from character i of the piece (a maximal
      // ill-formed subpart, one U+FFFD in the conversion, counting as one).
      const bool aligned = t2s_->convert_to_aligned(st.text_, piece);
      const std::string_view conv(st.text_.data() + out, st.text_.size() - out);
      const std::size_t runs_before = st.runs_.size();
      st.add_run(out, src);
      // The usual case: every character kept its byte length, so the conversion's
      // characters start at the piece's: position p is position p, nothing to record.
      // The converter knows it (aligned), else the continuation bytes tell. (A stray
      // continuation byte, one character, has no start there: the check fails.)
      if (aligned || same_character_starts(piece, conv)) return;
      // Else one pass over both texts of well-formed UTF-8: the shift changes only
      // where a character's byte length does.
      if (is_valid_utf8(piece)) {
        std::size_t i = 0, j = 0;
        while (i < piece.size() && j < conv.size()) {
          const std::size_t li = lead_length(static_cast<unsigned char>(piece[i]));
          const std::size_t lj = lead_length(static_cast<unsigned char>(conv[j]));
          i += li, j += lj;
          if (li != lj) st.add_run(out + j, src + i);
        }
        if (i == piece.size() && j == conv.size()) return;  // always, unless the image lies
      }
      st.runs_.resize(runs_before);
      st.text_.resize(out);
    }
    // Values of another number of characters than their keys (a user's own t2s data),
    // or ill-formed UTF-8 whose characters moved: the converter's offset map.
    const converted_text c = t2s_->convert(piece);
    st.text_ += c.text;
    for (const offset_map::piece& p : c.map.pieces()) {
      if (p.copy) {
        st.add_run(out + p.out_begin, src + p.src_begin);
      } else if (char_count(c.text.substr(p.out_begin, p.out_size)) ==
                 char_count(piece.substr(p.src_begin, p.src_size)) && is_valid_utf8(piece.substr(p.src_begin, p.src_size))) {
        std::size_t i = p.src_begin, j = p.out_begin;
        while (i < p.src_begin + p.src_size) {
          st.add_run(out + j, src + i);
          i += lead_length(static_cast<unsigned char>(piece[i]));
          j += lead_length(static_cast<unsigned char>(c.text[j]));
        }
      } else {
        if (!st.runs_.empty() && st.runs_.back().out == out + p.out_begin) st.runs_.pop_back();
        st.runs_.push_back({out + p.out_begin, src + p.src_begin, src + p.src_begin + p.src_size, true});
      }
      st.add_run(out + p.out_begin + p.out_size, src + p.src_begin + p.src_size);
    }
  }

  std::shared_ptr<const converter> t2s_;
  std::shared_ptr<const std::vector<std::uint8_t>> classes_;
};

/// The lines of one text prepared for analysis, a batch of lines at a time: line(b, e)
/// gives the same script_text as simplifier::prepare(text.substr(b, e - b), script)
/// (the same analysed text, the same offsets) but converts about `batch_size` bytes of
/// whole lines in one call the first time it is asked for a line of them. A program
/// that converts each line and analyses it at once alternates the conversion's work
/// and the analyser's, and each evicts the other's tables and text from the caches;
/// converting a large batch first and then analysing its lines keeps each warm for a
/// while: the larger the batch, the less the two slow each other down (measured in
/// one process on 12 MB: batches of 1 MB, the default, cut the traditional side's
/// time by about a quarter against line by line; see benchmarks/README.md).
///
///   zhtext::script_lines lines(*simp, zhtext::text_script::traditional);
///   lines.reset(text);
///   for (each line [b, e) of text, in order) zhtext::for_each_token(*seg, lines.line(b, e), f);
///
/// Lines are asked for in increasing order. A piece that does not start after a '\n'
/// (or at 0) and end before one, before the "\r\n" of a CRLF line (the line without
/// its CR) or at the end, a batch whose map is not the identity (characters whose
/// byte length changed: rare), and every piece of a conversion that is not
/// line_independent() (a crafted dictionary with a line feed in a key; with a
/// carriage return in one, a line without its CR) is prepared alone, as prepare()
/// does; else a line converts alike alone and in its batch. Memory: the batch's conversion, at most batch_size bytes plus one line.
/// The result of line() views the text and this object's batch: valid until the next
/// call of line() or reset(). Not shareable between threads (one per thread); reuses
/// its buffers.
class script_lines {
 public:
  /// Lines of texts to prepare with `simp` (which must outlive this) in script `s`.
  explicit script_lines(const simplifier& simp, text_script s, std::size_t batch_size = std::size_t(1) << 20)
      : simp_(&simp), script_(s), batch_size_(batch_size) {}

  /// Starts on `text` (which must outlive the lines asked for).
  void reset(std::string_view text) noexcept {
    text_ = text;
    batch_begin_ = batch_end_ = 0;
  }
  /// Deleted: the lines would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  void reset(S&&) = delete;

  /// The line text[begin, end) prepared for analysis (see the class).
  const script_text& line(std::size_t begin, std::size_t end) {
    const std::string_view piece = text_.substr(begin, end - begin);
    if (script_ == text_script::simplified) {
      line_.assign(piece);
      return line_;
    }
    const bool whole_lines = (begin == 0 || text_[begin - 1] == '\n') && line_end_at(end) &&
                             simp_->t2s().line_independent();
    if (whole_lines && (begin < batch_begin_ || end > batch_end_ || batch_end_ == batch_begin_)) {
      // The next batch: whole lines from `begin` to the first line end at or after
      // begin + batch_size (or the text's end).
      std::size_t e = text_.size() - begin > batch_size_ ? begin + batch_size_ : text_.size();
      if (e < end) e = end;
      const std::size_t nl = text_.find('\n', e == 0 ? 0 : e - 1);
      e = nl == std::string_view::npos ? text_.size() : nl + 1;
      batch_begin_ = begin;
      batch_end_ = e;
      simp_->prepare(text_.substr(begin, e - begin), script_, batch_);
    }
    if (!whole_lines || !batch_.same_offsets() || begin < batch_begin_ || end > batch_end_) {
      simp_->prepare(piece, script_, line_);
      return line_;
    }
    // The batch's analysed bytes of the line are at the same places as the original's.
    line_.clear(piece);
    const std::string_view a = batch_.analysed().substr(begin - batch_begin_, end - begin);
    if (a != piece) {  // the line changed (else it is analysed as it is, as prepare does)
      line_.borrowed_text_ = a;
      line_.borrowed_ = true;
      line_.converted_lines_ = 1;
    }
    return line_;
  }

 private:
  // A line ends at `end`: the text ends there, a '\n' follows, or the CR of a CRLF line
  // (or of the text's end) that no dictionary key holds (then the line converts alike
  // without its CR).
  bool line_end_at(std::size_t end) const noexcept {
    if (end == text_.size() || text_[end] == '\n') return true;
    return text_[end] == '\r' && (end + 1 == text_.size() || text_[end + 1] == '\n') &&
           simp_->t2s().no_key_holds(U'\r');
  }

  const simplifier* simp_;
  text_script script_;
  std::size_t batch_size_;
  std::string_view text_;
  std::size_t batch_begin_ = 0, batch_end_ = 0;  // text_[batch_begin_, batch_end_) is in batch_
  script_text batch_, line_;
};

// ---------------------------------------------------------------------------------
// The tools on a script_text: results in the original characters, offsets into
// st.original().

/// segmenter::for_each_token on st.analysed(), each token mapped back: f(const token&)
/// (t.text views st.original()), or f(const token&, const byte_range&).
template <class F>
void for_each_token(const segmenter& seg, const script_text& st, F&& f, cut_options opt = {}) {
  const char* orig = st.original().data();
  if (st.same_offsets()) {  // the usual case: the bytes are the same bytes
    seg.for_each_token(
        st.analysed(),
        [&](const token& t) {
          const token ot{std::string_view(orig + t.offset, t.text.size()), t.offset};
          if constexpr (std::is_invocable_v<F&, const token&, const byte_range&>)
            f(ot, byte_range{t.offset, t.offset + t.text.size()});
          else f(ot);
        },
        opt);
    return;
  }
  seg.for_each_token(
      st.analysed(),
      [&](const token&, const byte_range& r) {
        const byte_range o = st.to_original(r.begin, r.end);
        const token ot{std::string_view(orig + o.begin, o.end - o.begin), o.begin};
        if constexpr (std::is_invocable_v<F&, const token&, const byte_range&>) f(ot, o);
        else f(ot);
      },
      opt);
}

/// pos_tagger::for_each_tagged_token on st.analysed(), each word mapped back (its tag is the
/// simplified word's): f(const tagged_token&).
template <class F>
void for_each_tagged_token(const pos_tagger& tagger, const script_text& st, F&& f, bool hmm = true) {
  const std::string_view orig = st.original();
  tagger.for_each_tagged_token(
      st.analysed(),
      [&](const tagged_token& t) {
        const byte_range o = st.to_original(t.offset, t.offset + t.text.size());
        f(tagged_token{orig.substr(o.begin, o.end - o.begin), o.begin, t.tag});
      },
      hmm);
}

/// keyword_extractor::for_each_tfidf ranked on st.analysed(); each keyword in the
/// spelling of its first occurrence in st.original().
template <class F>
void for_each_tfidf(const keyword_extractor& kw, const script_text& st, F&& f, const tfidf_options& opt) {
  kw.for_each_tfidf(st.analysed(), [&](const keyword& k) { f(keyword{st.original_of(k.word), k.weight}); }, opt);
}
/// for_each_tfidf(kw, st, f, tfidf_options{}): the same keywords, without compiling the
/// POS cutter (keyword_extractor::for_each_tfidf(text, f)).
template <class F>
void for_each_tfidf(const keyword_extractor& kw, const script_text& st, F&& f) {
  kw.for_each_tfidf(st.analysed(), [&](const keyword& k) { f(keyword{st.original_of(k.word), k.weight}); });
}

/// keyword_extractor::for_each_textrank ranked on st.analysed(); each keyword in the
/// spelling of its first occurrence in st.original().
template <class F>
void for_each_textrank(const keyword_extractor& kw, const script_text& st, F&& f, const textrank_options& opt = {}) {
  kw.for_each_textrank(st.analysed(), [&](const keyword& k) { f(keyword{st.original_of(k.word), k.weight}); }, opt);
}

/// for_each_entity on st.analysed(): each entity's offset and text are the original's,
/// its value is read from the simplified text (views in it are valid during the call).
template <class F>
void for_each_entity(const script_text& st, F&& f, const entity_options& options = {}) {
  const std::string_view orig = st.original();
  for_each_entity(
      st.analysed(),
      [&](const entity& e) {
        entity o = e;
        const byte_range r = st.to_original(e.offset, e.end());
        o.offset = r.begin;
        o.text = orig.substr(r.begin, r.end - r.begin);
        f(static_cast<const entity&>(o));
      },
      options);
}

}  // namespace zhtext
