// zhtext/frequency.hpp - frequency tables: count any token stream, per document and
// over a corpus; filter; merge; top-k; TSV and JSON.
//
// A frequency_table counts tokens document by document. For every distinct token it
// keeps the term frequency (`count`: occurrences over all documents), the document
// frequency (`df`: documents it occurs in) and its first position (`first`: the
// document index and the byte offset of its first occurrence, see first_position).
// Tokens come from anything iterable whose items are strings (`std::string_view`,
// `std::string`, `const char*`) or structs with a `.text` member, optionally `.offset`
// (byte offset in the document) and `.tag` (a part-of-speech tag): words from the
// segmenter, `characters(text)` and `char_ngrams(text, n)` (ngram.hpp), POS-tagged
// words. Filters (frequency_options) drop stop words, short tokens, non-Han tokens,
// punctuation and tokens outside a POS set before they are counted.
//
//   zhtext::frequency_options opt;
//   opt.stop_words = &zhtext::stop_words::builtin();
//   zhtext::frequency_table t(opt);
//   for (const std::string& doc : docs) t.add_document(zhtext::char_ngrams(doc, 2));
//   for (const auto& r : t.top(10)) std::cout << r.token << ' ' << r.count << ' ' << r.df << '\n';
//   std::string tsv = t.to_tsv();                  // token<TAB>count<TAB>df, count desc
//   auto back = zhtext::frequency_table::from_tsv(tsv);   // result<frequency_table>
//
// Merging: `a.merge(b)` equals counting a's and b's documents in one table, for count
// and df when a and b counted different documents, and for first positions when both
// numbered their documents in one global order (frequency_options::first_document, or
// `append` to number b's after a's). So counting can be split across threads,
// processes or machines and reduced in any order; TSV (count and df) and JSON (all of
// it) carry tables between them. The formats are specified at the serialisation
// functions below and in the README.
//
// Cost: counting a token is one hash of its bytes and one probe of an open-addressing
// table (detail/containers/flat_map.hpp); a new token also copies its bytes into an arena. Memory
// per distinct token: its bytes + 24 bytes of row (an 8-byte reference to the bytes and
// 32-bit count, df, first document and offset; a row whose numbers need more bits keeps
// them exactly in a side table) + 8 to 16 bytes of index + a bit for the document being
// counted. top(k) is O(n log k), sorted output O(n log n). Counts saturate at the largest Count instead of wrapping.
// Thread safety: const member functions may run concurrently; counting and merging
// need exclusive access (count per thread, then merge). Movable, not copyable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "chars.hpp"
#include "detail/platform/linkage.hpp"  // ZHTEXT_NOINLINE
#include "detail/containers/flat_map.hpp"
#include "detail/formats/frequency_io.hpp"
#include "detail/containers/rank_rows.hpp"
#include "detail/containers/string_arena.hpp"
#include "detail/keywords/token_filter.hpp"
#include "result.hpp"
#include "stop_words.hpp"
#include "utf8.hpp"
#include "word_id.hpp"

namespace zhtext {

/// Where a token first occurs: the index of the first document that contains it and
/// the byte offset of its first occurrence in that document (`.offset` of the token
/// item; for items without one, the sum of the sizes of the tokens before it in the
/// document, which is the byte offset when the tokens tile the text, as words do).
/// Positions compare by (document, offset). Tables read from TSV have none: both
/// fields are `unknown`, which compares after every known position.
struct first_position {
  static constexpr std::uint64_t unknown = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t document = unknown;
  std::uint64_t offset = unknown;
  bool known() const noexcept { return document != unknown; }
  friend bool operator<(const first_position& a, const first_position& b) noexcept {
    return a.document != b.document ? a.document < b.document : a.offset < b.offset;
  }
  friend bool operator==(const first_position& a, const first_position& b) noexcept {
    return a.document == b.document && a.offset == b.offset;
  }
  friend bool operator!=(const first_position& a, const first_position& b) noexcept { return !(a == b); }
};

/// What a table counts. The filters apply to tokens as they are counted (not to rows
/// merged in from other tables) and only to string-keyed tables; a token is counted
/// only if it passes all of them.
struct frequency_options {
  const zhtext::stop_words* stop_words = nullptr;  ///< drop tokens in this list (not owned; must outlive the table)
  std::size_t min_length = 0;      ///< drop tokens of fewer code points
  bool han_only = false;           ///< drop tokens with any code point that is not Han (is_han)
  bool skip_punctuation = false;   ///< drop tokens made only of punctuation, spaces and controls
  std::vector<std::string> pos;    ///< if not empty: count only items whose `.tag` is one of these
  std::uint64_t first_document = 0;  ///< global index of this table's first document
};

/// A frequency table over tokens of type Key (std::string_view: token bytes, kept in
/// the table's arena; or an unsigned integer type, e.g. word ids) with counts of type
/// Count (an unsigned integer type). See the top of this header.
template <class Key = std::string_view, class Count = std::uint64_t>
class basic_frequency_table {
  static_assert(std::is_unsigned_v<Count>, "Count must be an unsigned integer type");
  static_assert(std::is_same_v<Key, std::string_view> || std::is_unsigned_v<Key>,
                "Key must be std::string_view or an unsigned integer type");

 public:
  using key_type = Key;
  using count_type = Count;
  static constexpr bool string_keys = std::is_same_v<Key, std::string_view>;

  /// One row of the table. For string keys, `token` views the table's own storage:
  /// valid until the table is cleared or destroyed.
  struct row {
    Key token{};
    Count count = 0;
    Count df = 0;
    first_position first;
  };

  basic_frequency_table() = default;
  /// A table with filters and a first document index. Throws std::invalid_argument if
  /// text filters are set on an integer-keyed table (a programming error; without
  /// exceptions it aborts).
  explicit basic_frequency_table(frequency_options options) : options_(std::move(options)) {
    filtering_ = options_.stop_words != nullptr || options_.min_length > 1 || options_.han_only ||
                 options_.skip_punctuation || !options_.pos.empty();
    if (!string_keys && filtering_)
      detail::throw_or_abort(std::invalid_argument("zhtext::basic_frequency_table: filters need string keys"));
  }
  basic_frequency_table(basic_frequency_table&&) noexcept = default;
  basic_frequency_table& operator=(basic_frequency_table&&) noexcept = default;
  basic_frequency_table(const basic_frequency_table&) = delete;
  basic_frequency_table& operator=(const basic_frequency_table&) = delete;

  // ---- counting ----------------------------------------------------------------

  /// Starts a new document and returns its global index (first_document + number of
  /// documents before it). Tokens added next belong to it.
  std::uint64_t begin_document() noexcept {
    ++documents_;
    unmark_all();
    in_document_ = true;
    doc_bytes_ = 0;
    const std::uint64_t doc = current_document();
    const bool narrow_doc = doc <= max_narrow_document;
    doc_key_ = narrow_doc ? doc << 32 : 0;
    doc_room_ = narrow_doc ? std::uint64_t{1} << 32 : 0;
    return doc;
  }

  /// Counts every token of `tokens` in a new document; returns the document's index.
  template <class Tokens>
  std::uint64_t add_document(const Tokens& tokens) {
    const std::uint64_t doc = begin_document();
    add_tokens(tokens);
    return doc;
  }

  /// Counts every token of `tokens` in the current document (a new one if none was
  /// begun). Items: strings, or structs with `.text` and optionally `.offset`, `.tag`
  /// (integer-keyed tables: values convertible to Key, or structs with `.id`).
  template <class Tokens>
  void add_tokens(const Tokens& tokens) {
    for (auto&& item : tokens) add_item(item);
  }

  /// Counts one token at byte `offset` of the current document (a new one if none
  /// was begun); `tag` is its POS tag if it has one. Empty tokens are ignored.
  void add(Key token, std::uint64_t offset) { add_one(token, offset, nullptr); }
  void add(Key token, std::uint64_t offset, std::string_view tag) { add_one(token, offset, &tag); }
  /// add(token, offset) for a token that comes with its word id (word_id.hpp): a word
  /// counted before is found by its id, without hashing its text or filtering it again.
  /// All ids a table sees must come from one segmenter (word_id::none is always fine).
  template <class K = Key, std::enable_if_t<std::is_same_v<K, std::string_view>, int> = 0>
  void add(std::string_view token, std::uint64_t offset, word_id id) {
    if (id == word_id::none) {
      add_one(token, offset, nullptr);
      return;
    }
    const auto k = static_cast<std::uint32_t>(id);
    const auto [e, fresh] = by_id_.find_or_insert(k, detail::key_hash<std::uint32_t>{}(k), [&] { return k; });
    std::uint32_t& row = by_id_[e].value;  // 0: filtered out, else the entry number + 1
    if (fresh && !token.empty() && (!filtering_ || detail::token_passes(options_, token, nullptr)))
      row = static_cast<std::uint32_t>(entry_of(token) + 1);
    if (row == 0) return;
    if (!in_document_) begin_document();
    count_token(row - 1, offset);
  }

  /// Adds one row counted elsewhere (as add_tsv adds a line): `r.count` occurrences
  /// in `r.df` documents are summed into the token's row and its first position
  /// becomes the earlier of the two. No filter applies and documents() does not
  /// change; like merge, it closes the current document. Empty tokens are ignored.
  /// Folds a document counted in pieces (a file cut into blocks, each counted as a
  /// document) back into one: begin_document(), then its rows with df 1. O(1) expected.
  void add_row(const row& r) {
    if constexpr (string_keys) {
      if (r.token.empty()) return;
    }
    in_document_ = false;
    add_row(r.token, r.count, r.df, r.first, false);
  }

  /// Adds `other`'s rows: counts and dfs are summed, first positions take the
  /// earlier, document counts add up, first_document becomes the smaller. Closes the
  /// current document. Equal to one-pass counting when the two tables counted
  /// disjoint documents under one global numbering (see the top of this header).
  /// Defined in every case:
  ///  - sums saturate at the largest Count (counts, dfs, total) and at the largest
  ///    uint64 (documents) instead of wrapping;
  ///  - a table merged (or appended) into itself doubles: every count, df and the
  ///    documents (append numbers the copy's documents after the original's);
  ///  - this table keeps its options: `other`'s filters are not applied to its rows
  ///    (they were applied when it counted them), nor taken over, and only
  ///    first_document is read from `other`'s options (merge: the smaller one of
  ///    tables that counted documents; append: ignored, its documents are renumbered).
  void merge(const basic_frequency_table& other) { merge_impl(other, false); }
  /// merge(other), taking `other`'s storage instead of copying its rows when this
  /// table has no rows (the result is the same; `other` is left empty, its memory freed,
  /// with its options).
  void merge(basic_frequency_table&& other) { merge_moved(other, false); }

  /// Like merge, but renumbers `other`'s documents to follow this table's: its first
  /// document becomes first_document() + documents(). A document index that would
  /// pass the largest one a position can hold (first_position::unknown - 1) stays at
  /// it; a first position before `other`'s first document (only a table read from
  /// inconsistent JSON has one) goes to its first document.
  void append(const basic_frequency_table& other) { merge_impl(other, true); }
  /// append(other), taking `other`'s storage instead of copying its rows when this
  /// table has no rows (the result is the same; `other` is left empty, its memory freed,
  /// with its options).
  void append(basic_frequency_table&& other) { merge_moved(other, true); }

  /// Adds `other`'s rows as one new document of this table, as if that document had
  /// been counted here: begin_document(), then each row with df 1 and its first
  /// position moved into the new document (offset kept). For a document counted in
  /// pieces (a file cut into blocks, its parts merged into `other`). When this table
  /// has no rows, it takes `other`'s storage instead of copying it (no second copy of
  /// a large table; the rows keep their order). Closes the document; `other` is left
  /// empty (its memory freed), with its options. Returns the document's index.
  std::uint64_t add_document_rows(basic_frequency_table&& other) {
    const std::uint64_t doc = begin_document();
    in_document_ = false;
    if (this == &other || map_.empty()) {
      if (this != &other) take_rows(other);
      for (std::size_t i = 0; i < map_.size(); ++i) {
        const row r = to_row(i);
        put(i, r.count, 1, first_position{doc, r.first.offset});
      }
    } else {
      for (std::size_t i = 0; i < other.map_.size(); ++i) {
        const row r = other.to_row(i);
        add_row(r.token, r.count, 1, first_position{doc, r.first.offset}, false);
      }
    }
    if (this != &other) other.release();
    return doc;
  }

  /// Removes every row and document; keeps the options.
  void clear() noexcept {
    map_.clear();
    wide_.clear();
    by_id_.clear();
    arena_.clear();
    seen_.clear();
    seen_rows_.clear();
    unmark_every_ = false;
    documents_ = 0;
    total_ = 0;
    in_document_ = false;
  }

  // ---- reading -----------------------------------------------------------------

  std::size_t size() const noexcept { return map_.size(); }  ///< distinct tokens
  bool empty() const noexcept { return map_.empty(); }
  std::uint64_t documents() const noexcept { return documents_; }
  std::uint64_t first_document() const noexcept { return options_.first_document; }
  Count total() const noexcept { return total_; }  ///< sum of all counts
  const frequency_options& options() const noexcept { return options_; }

  /// The row of `token`, or a row with count 0 if it was never counted.
  row find(Key token) const noexcept {
    const std::size_t i = map_.find(token, detail::key_hash<Key>{}(token), key_of());
    return i == map_.npos ? row{token, 0, 0, {}} : to_row(i);
  }
  Count count(Key token) const noexcept { return find(token).count; }
  Count df(Key token) const noexcept { return find(token).df; }

  /// Calls f(const row&) for each row, in insertion order (deterministic for a
  /// given input, but not sorted).
  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < map_.size(); ++i) f(to_row(i));
  }

  /// The `k` rows with the highest counts, ties broken by token (bytes, unsigned,
  /// ascending; numbers for integer keys). O(n log k).
  std::vector<row> top(std::size_t k) const {
    std::vector<row> out;
    for_each_top(k, [&](const row& r) { out.push_back(r); });
    return out;
  }
  /// Calls f(const row&) for the rows of top(k), in that order, without a list of
  /// them: the memory is the sort's alone (16 bytes a row when k is more than a
  /// quarter of the table, see detail/containers/rank_rows.hpp; top(k) adds 48 a row).
  /// O(n log k).
  template <class F>
  void for_each_top(std::size_t k, F&& f) const {
    for_each_best(k, [&](std::size_t i) { f(to_row(i)); });
  }
  /// All rows in the order of top(): count descending, then token ascending.
  std::vector<row> sorted() const { return top(map_.size()); }

  /// Bytes of memory the table holds.
  std::size_t memory_bytes() const noexcept {
    return map_.memory_bytes() + wide_.memory_bytes() + by_id_.memory_bytes() + arena_.memory_bytes() +
           seen_.capacity() * sizeof(std::uint64_t) + seen_rows_.capacity() * sizeof(std::uint32_t);
  }

  // ---- serialisation -----------------------------------------------------------

  /// TSV, one row per line, no header: `token<TAB>count<TAB>df<LF>`, rows sorted by
  /// count descending then token bytes ascending, token escaped as in detail/formats/tsv.hpp
  /// (\\ \t \n \r, \xHH for control bytes and ill-formed UTF-8), numbers in decimal.
  /// With `limit`, only the first `limit` rows. Calls `sink(std::string_view)` with
  /// pieces of about 64 KiB.
  template <class Sink>
  void write_tsv(Sink&& sink, std::size_t limit = static_cast<std::size_t>(-1)) const {
    std::string buf;
    for_each_best(limit, [&](std::size_t i) {
      const row r = to_row(i);
      if constexpr (string_keys) detail::append_tsv_escaped(buf, r.token);
      else detail::append_unsigned(buf, r.token);
      buf += '\t';
      detail::append_unsigned(buf, r.count);
      buf += '\t';
      detail::append_unsigned(buf, r.df);
      buf += '\n';
      if (buf.size() >= (1 << 16)) {
        sink(std::string_view(buf));
        buf.clear();
      }
    });
    if (!buf.empty()) sink(std::string_view(buf));
  }
  std::string to_tsv(std::size_t limit = static_cast<std::size_t>(-1)) const {
    std::string out;
    write_tsv([&](std::string_view s) { out.append(s); }, limit);
    return out;
  }

  /// Adds the rows of TSV text (as written by write_tsv, in any order, possibly
  /// repeating tokens, CRLF line ends accepted, blank lines skipped) to this table:
  /// counts and dfs are summed; first positions stay unknown; documents() does not
  /// change. `first_line` numbers the first line of `text` in error messages.
  /// Errors (errc::parse_error, "name:line: ..."): not 3 fields, bad escape, empty
  /// token, a number that is not decimal or does not fit Count, count 0, df 0 or df >
  /// count. On error, the rows of the lines before the bad one have been added.
  result<void> add_tsv(std::string_view text, std::string_view name = "<tsv>", std::size_t first_line = 1) {
    std::string scratch;
    std::size_t line_no = first_line;
    for (; !text.empty(); ++line_no) {
      const std::size_t nl = text.find('\n');
      std::string_view line = text.substr(0, nl);
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      detail::tsv_row<Key, Count> r;
      if (const char* err = detail::parse_tsv_row(line, scratch, r))
        return make_error(errc::parse_error, std::string(name) + ":" + std::to_string(line_no) + ": " + err);
      add_row(r.token, r.count, r.df, first_position{}, false);
    }
    return {};
  }
  /// A table from TSV text (see add_tsv).
  static result<basic_frequency_table> from_tsv(std::string_view text, std::string_view name = "<tsv>") {
    basic_frequency_table t;
    if (auto r = t.add_tsv(text, name); !r) return r.error();
    return t;
  }

  /// JSON (RFC 8259), lossless; rows in the TSV order, one per line:
  ///   {"format":"zhtext-frequency","version":1,"documents":D,"first_document":F,"rows":[
  ///   {"token":"社区","count":12,"df":3,"first":[0,45]},
  ///   {"token_hex":"e4b8","count":1,"df":1,"first":[2,7]}
  ///   ]}
  /// `token` is the token as a JSON string (integer keys: a number); a token that is
  /// not well-formed UTF-8 is written as `token_hex` (lower-case hex of its bytes)
  /// instead. `first` ([document, byte offset]) is omitted when unknown. With
  /// `limit`, only the first `limit` rows (documents and first_document unchanged).
  /// Calls `sink(std::string_view)` with pieces of about 64 KiB.
  template <class Sink>
  void write_json(Sink&& sink, std::size_t limit = static_cast<std::size_t>(-1)) const {
    std::string buf = "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":";
    detail::append_unsigned(buf, documents_);
    buf += ",\"first_document\":";
    detail::append_unsigned(buf, options_.first_document);
    buf += ",\"rows\":[\n";
    bool first_row = true;
    for_each_best(limit, [&](std::size_t i) {
      if (!first_row) buf += ",\n";
      first_row = false;
      const row r = to_row(i);
      detail::append_json_row(buf, r.token, r.count, r.df, r.first.document, r.first.offset, r.first.known());
      if (buf.size() >= (1 << 16)) {
        sink(std::string_view(buf));
        buf.clear();
      }
    });
    buf += "\n]}\n";
    sink(std::string_view(buf));
  }
  /// write_json's text as one string.
  std::string to_json(std::size_t limit = static_cast<std::size_t>(-1)) const {
    std::string out;
    write_json([&](std::string_view s) { out.append(s); }, limit);
    return out;
  }

  /// A table from JSON as written by to_json (any white space and key order; rows in
  /// any order). Errors (errc::parse_error, "name:line: ..."): malformed JSON, a
  /// wrong format or version, unknown or repeated keys, a row without exactly one of
  /// token/token_hex, an empty or repeated token, count 0, df 0 or df > count.
  static result<basic_frequency_table> from_json(std::string_view text, std::string_view name = "<json>") {
    basic_frequency_table t;
    detail::json_table_reader<Key, Count> reader(text, name);
    std::uint64_t documents = 0, first_doc = 0;
    const bool ok = reader.read([&](const detail::tsv_row<Key, Count>& r, std::uint64_t fd, std::uint64_t fo) {
      const std::size_t before = t.map_.size();
      t.add_row(r.token, r.count, r.df, first_position{fd, fo}, false);
      return t.map_.size() != before;  // false: repeated token
    }, documents, first_doc);
    if (!ok) return reader.make_error();
    t.documents_ = documents;
    t.options_.first_document = first_doc;
    return t;
  }

 private:
  // A row as stored: a key (string keys: a string_arena ref of 8 bytes, its bytes in
  // the arena) and 16 bytes of numbers, a 32-bit count and df and the first position
  // as one 64-bit number, document << 32 | offset, that compares as positions do
  // (before: 48 bytes; 3.2M rows: 103 MB less). A row whose numbers do not all fit (a
  // count past narrow_max, 2^32 - 2 or the largest Count, a df past its count, a
  // document past 2^32 - 2, an offset past 2^32 - 1) keeps them all, exactly, in `wide_`
  // (count == wide_row) from then on: every result is that of 64-bit fields. So a row
  // with count < narrow_max takes one more token in 32 bits (count_token).
  struct stats {
    std::uint32_t count = 0;  // or wide_row
    std::uint32_t df = 0;     // <= count
    std::uint64_t first = no_position;  // document << 32 | offset, or no_position (after every other)
  };
  struct wide_stats {
    Count count;
    Count df;
    first_position first;
  };
  static constexpr std::uint64_t no_position = ~std::uint64_t{0}, max_narrow_document = 0xFFFFFFFEu;
  static constexpr std::uint32_t wide_row = 0xFFFFFFFFu;
  static constexpr std::uint32_t narrow_max =
      static_cast<std::uint32_t>(std::min<std::uint64_t>(wide_row - 1, std::numeric_limits<Count>::max()));
  using stored_key = std::conditional_t<string_keys, detail::string_arena::ref, Key>;

  // What a stored key stands for (see flat_map::find).
  auto key_of() const noexcept {
    if constexpr (string_keys) return [this](detail::string_arena::ref r) { return arena_.view(r); };
    else return [](Key k) { return k; };
  }
  Key key_at(std::size_t i) const noexcept { return key_of()(map_[i].key); }
  const wide_stats& wide(std::size_t i) const noexcept {
    const auto k = static_cast<std::uint32_t>(i);
    return wide_[wide_.find(k, detail::key_hash<std::uint32_t>{}(k))].value;
  }
  Count count_at(std::size_t i) const noexcept {
    const stats& s = map_[i].value;
    return s.count == wide_row ? wide(i).count : s.count;
  }
  static first_position narrow_first(const stats& s) noexcept {
    return s.first == no_position ? first_position{} : first_position{s.first >> 32, s.first & 0xFFFFFFFFu};
  }
  static bool fits(std::uint64_t document, std::uint64_t offset) noexcept {
    return document <= max_narrow_document && offset <= 0xFFFFFFFFu;
  }
  static bool fits(const first_position& f) noexcept { return f == first_position{} || fits(f.document, f.offset); }
  static std::uint64_t narrow(const first_position& f) noexcept {  // f fits
    return f.known() ? f.document << 32 | f.offset : no_position;
  }
  // Sets row i's numbers: in the row when they fit (and it is not wide), else in wide_.
  void put(std::size_t i, Count count, Count df, const first_position& first) {
    stats& s = map_[i].value;
    if (s.count != wide_row && count <= narrow_max && df <= count && fits(first)) {
      s.count = static_cast<std::uint32_t>(count);
      s.df = static_cast<std::uint32_t>(df);
      s.first = narrow(first);
      return;
    }
    const auto k = static_cast<std::uint32_t>(i);
    wide_[wide_.find_or_insert(k, detail::key_hash<std::uint32_t>{}(k), [&] { return k; }).first].value =
        wide_stats{count, df, first};
    s.count = wide_row;
  }

  template <class F>
  void for_each_best(std::size_t k, F&& f) const {
    detail::for_each_best(
        map_.size(), k, [this](std::size_t i) { return count_at(i); }, [this](std::size_t i) { return key_at(i); },
        f);
  }

  // The rows counted in the current document (for df): a bit a row, and the rows
  // marked, to unmark them at the next document. The list stops at one row per 64 of
  // the table (then every bit is cleared: no more work than unmarking the list), so
  // this costs ~0.2 bytes a row, and O(1) per row counted.
  ZHTEXT_ALWAYS_INLINE bool mark(std::size_t i) {  // true: not marked before
    std::uint64_t& word = seen_[i / 64];
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    if ((word & bit) != 0) return false;
    word |= bit;
    if (!unmark_every_) list_marked(i);
    return true;
  }
  ZHTEXT_NOINLINE void list_marked(std::size_t i) {
    if (seen_rows_.size() < seen_.size()) seen_rows_.push_back(static_cast<std::uint32_t>(i));
    else unmark_every_ = true;
  }
  void unmark_all() noexcept {
    if (unmark_every_) std::fill(seen_.begin(), seen_.end(), std::uint64_t{0});
    else
      for (const std::uint32_t i : seen_rows_) seen_[i / 64] = 0;  // (every marked row is listed)
    seen_rows_.clear();
    unmark_every_ = false;
  }

  // a + b, or the largest T when it would wrap (counts, dfs, the total: Count;
  // documents: uint64). b takes a's type (a non-deduced parameter: sat_add(df, 1)).
  template <class T>
  static T sat_add(T a, std::common_type_t<T> b) noexcept {
    return a > std::numeric_limits<T>::max() - b ? std::numeric_limits<T>::max() : static_cast<T>(a + b);
  }

  // The index `other`'s document `d` gets when other's documents (the first one
  // `other_first`) are renumbered from `base` (append): saturating at the largest
  // known index; a position before other_first (inconsistent JSON) goes to base.
  static std::uint64_t renumbered(std::uint64_t d, std::uint64_t other_first, std::uint64_t base) noexcept {
    constexpr std::uint64_t last = first_position::unknown - 1;
    const std::uint64_t rel = d > other_first ? d - other_first : 0;
    return base >= last || rel > last - base ? last : base + rel;
  }
  // Where appended documents start: after this table's (saturating).
  std::uint64_t append_base() const noexcept { return sat_add(options_.first_document, documents_); }

  std::uint64_t current_document() const noexcept { return options_.first_document + documents_ - 1; }

  row to_row(std::size_t i) const noexcept {
    const stats& s = map_[i].value;
    if (s.count != wide_row)
      return row{key_at(i), static_cast<Count>(s.count), static_cast<Count>(s.df), narrow_first(s)};
    const wide_stats& w = wide(i);
    return row{key_at(i), w.count, w.df, w.first};
  }

  template <class Item>
  void add_item(const Item& item) {
    if constexpr (string_keys && std::is_convertible_v<const Item&, std::string_view>) {
      add_one(std::string_view(item), next_offset(std::string_view(item).size()), nullptr);
    } else if constexpr (!string_keys && std::is_convertible_v<const Item&, Key>) {
      add_one(static_cast<Key>(item), next_offset(1), nullptr);
    } else {
      Key key{};
      std::size_t size = 1;
      if constexpr (string_keys) {
        static_assert(detail::has_text_member<Item>::value,
                      "token items must be strings or have a .text member (std::string_view)");
        key = std::string_view(item.text);
        size = key.size();
      } else {
        key = static_cast<Key>(item.id);
      }
      std::uint64_t offset;
      if constexpr (detail::has_offset_member<Item>::value) offset = static_cast<std::uint64_t>(item.offset);
      else offset = next_offset(size);
      if constexpr (detail::has_tag_member<Item>::value) {
        const std::string_view tag(item.tag);
        add_one(key, offset, &tag);
      } else {
        add_one(key, offset, nullptr);
      }
    }
  }

  std::uint64_t next_offset(std::size_t size) noexcept {
    if (!in_document_) begin_document();
    const std::uint64_t at = doc_bytes_;
    doc_bytes_ += size;
    return at;
  }

  void add_one(Key token, std::uint64_t offset, const std::string_view* tag) {
    if constexpr (string_keys) {
      if (token.empty()) return;
      if (filtering_ && !detail::token_passes(options_, token, tag)) return;
    }
    if (!in_document_) begin_document();
    count_token(entry_of(token), offset);
  }

  // Adds `count` occurrences; per_document: df counts the current document once,
  // else `df` is added as given.
  void add_row(Key token, Count count, Count df, first_position first, bool per_document) {
    count_at(entry_of(token), count, df, first, per_document);
  }
  // The entry of `token`, made if new.
  std::size_t entry_of(Key token) {
    const std::uint64_t h = detail::key_hash<Key>{}(token);
    return map_.find_or_insert(token, h, [&]() -> stored_key {
      if (seen_.size() * 64 <= map_.size()) seen_.push_back(0);  // a bit for the new row (mark), made first
      if constexpr (string_keys) return arena_.store_ref(token);
      else return token;
    }, key_of()).first;
  }
  void count_at(std::size_t i, Count count, Count df, const first_position& first, bool per_document) {
    total_ = sat_add(total_, count);
    if (per_document) df = mark(i) ? 1 : 0;
    stats& s = map_[i].value;
    if (s.count != wide_row && count <= narrow_max - s.count && df <= narrow_max - s.df &&
        s.df + df <= s.count + count && fits(first)) {
      s.count += static_cast<std::uint32_t>(count);
      s.df += static_cast<std::uint32_t>(df);
      s.first = std::min(s.first, narrow(first));
      return;
    }
    count_wide(i, count, df, first);
  }
  // count_at(i, 1, 0, {current_document(), offset}, true): one token of the current
  // document, at `offset`; its common case (a row and position of 32-bit numbers) inline.
  ZHTEXT_ALWAYS_INLINE void count_token(std::size_t i, std::uint64_t offset) {
    stats& s = map_[i].value;
    if (s.count < narrow_max && offset < doc_room_) {  // (a narrow row, df <= count: room for both)
      total_ = sat_add(total_, Count{1});
      ++s.count;
      if (mark(i)) ++s.df;
      s.first = std::min(s.first, doc_key_ | offset);
      return;
    }
    count_at(i, 1, 0, first_position{current_document(), offset}, true);
  }
  // count_at for a row whose numbers outgrow (or have outgrown) 32 bits: out of line,
  // so that the common case stays small enough to be inlined where tokens are counted.
  ZHTEXT_NOINLINE void count_wide(std::size_t i, Count count, Count df, const first_position& first) {
    const row r = to_row(i);
    put(i, sat_add(r.count, count), sat_add(r.df, df), first < r.first ? first : r.first);
  }

  // Takes other's rows and storage (this table has none); the ids other knew are
  // dropped (they are found again by their text). Unmarks every row: this table's
  // marks must not apply to other's rows.
  void take_rows(basic_frequency_table& other) {
    map_ = std::exchange(other.map_, {});
    wide_ = std::exchange(other.wide_, {});
    arena_ = std::move(other.arena_);
    by_id_.clear();
    other.by_id_.clear();
    seen_.assign((map_.size() + 63) / 64, 0);
    seen_rows_.clear();
    unmark_every_ = false;
    total_ = 0;
    for (std::size_t i = 0; i < map_.size(); ++i) total_ = sat_add(total_, count_at(i));
  }

  void merge_moved(basic_frequency_table& other, bool renumber) {
    if (this == &other || !map_.empty()) {
      merge_impl(other, renumber);
      if (this != &other) other.release();
      return;
    }
    in_document_ = false;
    const std::uint64_t base = append_base();
    const std::uint64_t other_first = other.options_.first_document, other_docs = other.documents_;
    take_rows(other);
    if (renumber) {
      for (std::size_t i = 0; i < map_.size(); ++i) {
        row r = to_row(i);
        if (r.first.known()) put(i, r.count, r.df, {renumbered(r.first.document, other_first, base), r.first.offset});
      }
    } else if (other_docs != 0) {
      options_.first_document = documents_ == 0 ? other_first : std::min(options_.first_document, other_first);
    }
    documents_ = sat_add(documents_, other_docs);
    other.release();
  }

  // clear(), and gives the memory back.
  void release() noexcept {
    clear();
    map_ = {};
    by_id_ = {};
  }

  void merge_impl(const basic_frequency_table& other, bool renumber) {
    in_document_ = false;
    const std::uint64_t base = append_base();
    if (this == &other) {  // merging a table with itself doubles it
      std::vector<row> rows;
      for_each([&](const row& r) { rows.push_back(r); });
      for (const row& r : rows) {
        first_position f = r.first;
        if (renumber && f.known()) f.document = renumbered(f.document, options_.first_document, base);
        add_row(r.token, r.count, r.df, f, false);
      }
      documents_ = sat_add(documents_, documents_);
      return;
    }
    for (std::size_t i = 0; i < other.map_.size(); ++i) {
      const row r = other.to_row(i);
      first_position f = r.first;
      if (renumber && f.known()) f.document = renumbered(f.document, other.options_.first_document, base);
      add_row(r.token, r.count, r.df, f, false);
    }
    if (!renumber && other.documents_ != 0)
      options_.first_document = documents_ == 0 ? other.options_.first_document
                                                : std::min(options_.first_document, other.options_.first_document);
    documents_ = sat_add(documents_, other.documents_);
  }

  frequency_options options_;
  bool filtering_ = false;
  detail::string_arena arena_;
  detail::flat_map<stored_key, stats> map_;
  detail::flat_map<std::uint32_t, wide_stats> wide_;  // entry -> its numbers, for rows that are too wide
  detail::flat_map<std::uint32_t, std::uint32_t> by_id_;  // word id -> entry + 1, 0: filtered out (add with an id)
  std::vector<std::uint64_t> seen_;        // bit per row: counted in the current document (a word per 64 rows or more)
  std::vector<std::uint32_t> seen_rows_;   // the rows marked, while at most seen_.size() of them
  bool unmark_every_ = false;              // more were marked: clear every bit
  std::uint64_t documents_ = 0;
  std::uint64_t doc_bytes_ = 0;
  std::uint64_t doc_key_ = 0;   // the current document << 32, if it fits a row (see stats)
  std::uint64_t doc_room_ = 0;  // offsets below it fit a row: 2^32, or 0 if the document does not
  bool in_document_ = false;
  Count total_ = 0;
};

/// The default table: string tokens, 64-bit counts.
using frequency_table = basic_frequency_table<>;

/// Counts `tokens` as one document: a per-document term-frequency table.
template <class Tokens>
frequency_table count_tokens(const Tokens& tokens, frequency_options options = {}) {
  frequency_table t(std::move(options));
  t.add_document(tokens);
  return t;
}

}  // namespace zhtext
