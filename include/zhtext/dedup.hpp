// zhtext/dedup.hpp - near-duplicates and reprints: shingles, MinHash/LSH with exact
// verification, union-find clusters, a mergeable memory-mapped index, and SimHash.
//
// Definitions (issue 16; exact, so results reproduce anywhere):
// - Shingles of a text: full-width ASCII U+FF01..U+FF5E is folded to ASCII and U+3000
//   to a space; every code point whose General_Category is P*, Z* or C* (punctuation,
//   spaces, line breaks, controls, format characters, private use, unassigned) is
//   removed; what is left is the "shingle text" (shingle_text()). The shingles are
//   all windows of K consecutive code points of it (K = 5 by default); a shorter
//   non-empty shingle text is one shingle; an empty one has none.
// - Bytes that are not UTF-8: each maximal ill-formed subpart reads as U+FFFD
//   (General_Category So, so it is kept), as everywhere in zhtext: a text shingles
//   exactly as repair_utf8(text) does (the zhtext program repairs its input first).
// - Similarity: the Jaccard index |A n B| / |A u B| of two shingle sets, computed
//   exactly (0 when a document has no shingles: such a document pairs with nothing).
// - A pair is reported when its similarity, as the double intersection / union,
//   is >= the threshold (default 0.8).
//
// How pairs are found: each document gets a MinHash signature (one-permutation
// hashing with optimal densification, 128 slots by default, seeded, plain integer
// arithmetic: identical on every machine), cut into b bands of r rows chosen from
// the threshold so that a pair at the threshold becomes a candidate with probability
// >= 0.999 (lsh_banding: 25 x 5 for 0.8 and 128 hashes). Candidates are then verified
// with the exact Jaccard of their shingle sets, rolled from the stored shingle texts
// and compared by 64-bit key and, where keys agree, by bytes: every reported similarity is
// exact and >= the threshold; only recall is probabilistic (P[miss] <= 0.001 per pair
// at the threshold, less above it). The formulas are in detail/dedup/minhash.hpp.
//
// Cost: shingling and signing are one pass over the text, O(code points + hashes);
// an index stores per document its shingle text (about its size in UTF-8, less the
// punctuation), 8 bytes per band (200 for the default 25 bands), 16 bytes of offsets
// (an empty shingle text or name: a bit instead of 8 bytes) and its name (builder.build_candidates() gives the pairs without the band entries
// of documents whose keys no other shares). Pairs cost O(b * N) plus, per candidate pair, O(m) expected for m
// shingles (a hash table of the first document's shingles, probed with the other's).
// Thread safety: the free functions are pure; a dedup_index is immutable and shares
// its data (copies are cheap), so any number of threads may query it; a builder is
// for one thread at a time. To use several threads, index a shard per thread and
// merge them (or fill a dedup_batch per thread and add them in order), then verify
// with candidates(): its for_each_pair over ranges of first documents (dedup_range),
// any number of ranges per thread.
//
//   auto b = zhtext::dedup_index_builder::create().value();      // threshold 0.8, K = 5
//   for (const std::string& line : lines) b.add(line);
//   zhtext::dedup_index index = b.build().value();
//   for (const zhtext::dedup_pair& p : index.pairs())           // exact, p.first < p.second
//     std::cout << p.first << '\t' << p.second << '\t' << p.similarity << '\n';
//   index.save_image("corpus.dedup").value();                   // checksummed image, mmap'ed by load_image()
//   auto old = zhtext::dedup_index::load_image("corpus.dedup").value();
//   for (const zhtext::dedup_match& m : old.query(new_article)) ...
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/dedup/doc_offsets.hpp"
#include "detail/dedup/document.hpp"
#include "detail/dedup/exact_jaccard.hpp"
#include "detail/dedup/index_store.hpp"
#include "detail/dedup/minhash.hpp"
#include "detail/dedup/shingles.hpp"
#include "detail/dedup/union_find.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/storage/image.hpp"
#include "detail/storage/mapped_file.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

// ---------------------------------------------------------------------------------
// Shingles

/// The largest shingle size K.
inline constexpr std::size_t max_shingle_size = detail::max_shingle_size;

/// A shingle: its hash and where it lies in the text. Its code points are the kept
/// code points of text.substr(begin, end - begin) (shingle_text of that span).
struct shingle {
  std::uint64_t hash = 0;  ///< shingle_hash() of its code points
  std::size_t begin = 0;   ///< byte offset of its first code point
  std::size_t end = 0;     ///< byte offset just after its last code point
  std::size_t size = 0;    ///< code points: K, or fewer for the one shingle of a short text
  friend bool operator==(const shingle& a, const shingle& b) noexcept {
    return a.hash == b.hash && a.begin == b.begin && a.end == b.end && a.size == b.size;
  }
  friend bool operator!=(const shingle& a, const shingle& b) noexcept { return !(a == b); }
};

/// The 64-bit hash of a shingle of code points c_0 .. c_{m-1} (already folded):
/// mix64(raw ^ (m * 0x9E3779B97F4A7C15)) with raw = sum c_i * 0x100000001B3^(m-1-i)
/// mod 2^64 and mix64 the finaliser of detail/storage/checksum.hpp. Same on every platform.
inline std::uint64_t shingle_hash(std::u32string_view code_points) noexcept {
  std::uint64_t raw = 0;
  for (const char32_t c : code_points) raw = raw * detail::shingle_prime + c;
  return detail::mix64(detail::shingle_key(raw, code_points.size()));
}

/// A lazy range of the shingles of a text, in order, repeated shingles repeatedly
/// (the set is their distinct values). Holds a view: the text must outlive it.
/// Forward iterators (each about 400 bytes: the last K code points and offsets);
/// detail/ranges/lazy_range.hpp.
using shingle_range = detail::lazy_range<detail::shingle_cursor<shingle>>;

namespace detail {
/// k clamped to 1..max_shingle_size.
constexpr std::size_t clamp_shingle_size(std::size_t k) noexcept {
  return k < 1 ? 1 : k > max_shingle_size ? max_shingle_size : k;
}
}  // namespace detail

/// The shingles of `text` with K = k (clamped to 1..max_shingle_size), lazily.
/// Cost: O(bytes), no allocation.
inline shingle_range shingles(std::string_view text, std::size_t k = 5) noexcept {
  return shingle_range(detail::shingle_cursor<shingle>(text, detail::clamp_shingle_size(k)));
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
shingle_range shingles(S&&, std::size_t = 5) = delete;

/// Calls f(const shingle&) for each shingle of `text`, in order; no allocation.
template <class F>
void for_each_shingle(std::string_view text, F&& f, std::size_t k = 5) {
  k = detail::clamp_shingle_size(k);
  detail::for_each_shingle_key(text, k, [&](std::uint64_t key, std::size_t begin, std::size_t end, std::size_t m) {
    f(shingle{detail::mix64(key), begin, end, m});
  });
}

/// The shingles of `text` in a vector, in order.
inline std::vector<shingle> shingle_vector(std::string_view text, std::size_t k = 5) {
  std::vector<shingle> out;
  for_each_shingle(text, [&](const shingle& s) { out.push_back(s); }, k);
  return out;
}

/// The shingle text: the folded code points of `text` that shingling keeps, as UTF-8
/// (ill-formed input contributes U+FFFD). What a dedup_index stores per document.
inline std::string shingle_text(std::string_view text) {
  std::string out;
  detail::kept_text_writer w(out, text);
  detail::for_each_kept(text, [&](const detail::kept_unit& u, std::size_t begin) { w.add(u, begin); });
  w.flush();
  return out;
}

/// The exact Jaccard similarity of the shingle sets of two texts (K = k); 0 when
/// either has no shingles. Cost: O(m) expected for m shingles.
inline double shingle_similarity(std::string_view a, std::string_view b, std::size_t k = 5) {
  k = detail::clamp_shingle_size(k);
  const std::string ta = shingle_text(a), tb = shingle_text(b);
  return detail::exact_jaccard(ta, tb, k).similarity();
}

// ---------------------------------------------------------------------------------
// MinHash and LSH

/// Parameters of signatures and of an index.
struct dedup_options {
  double threshold = 0.8;        ///< J: pairs with similarity >= J are reported; in (0, 1]
  std::size_t shingle_size = 5;  ///< K, 1..max_shingle_size
  std::size_t hashes = 128;      ///< MinHash slots, 1..1024 (>= 128 recommended)
  std::uint64_t seed = 0;        ///< another seed gives other (equally good) hash functions
  std::size_t bands = 0;         ///< LSH bands; 0 (with rows 0): chosen by lsh_banding()
  std::size_t rows = 0;          ///< rows per band; bands * rows <= hashes
};

/// LSH bands x rows.
struct lsh_bands {
  std::size_t bands = 0, rows = 0;
};

/// The banding for a threshold: the largest r with b = floor(hashes / r) such that a
/// pair of similarity `threshold` is a candidate with probability >= `target` (the
/// curve is lsh_candidate_probability); fewer rows would only add false candidates.
/// With 128 hashes: 0.8 -> 25 x 5 (0.99995), 0.9 -> 16 x 8, 0.7 -> 32 x 4, 0.5 -> 64 x 2.
inline lsh_bands lsh_banding(double threshold, std::size_t hashes = 128, double target = 0.999) noexcept {
  const detail::banding b = detail::choose_banding(threshold, hashes < 1 ? 1 : hashes, target);
  return {b.bands, b.rows};
}

/// The probability 1 - (1 - s^rows)^bands that a pair of similarity s shares a band.
inline double lsh_candidate_probability(double s, std::size_t bands, std::size_t rows) noexcept {
  return detail::lsh_probability(s, bands, rows);
}

/// Checks `opt` and resolves its banding. Errors: errc::invalid_argument naming the
/// bad field.
inline result<lsh_bands> check_dedup_options(const dedup_options& opt) {
  auto bad = [](const std::string& why) { return make_error(errc::invalid_argument, "dedup options: " + why); };
  if (!(opt.threshold > 0 && opt.threshold <= 1)) return bad("threshold must be in (0, 1]");
  if (opt.shingle_size < 1 || opt.shingle_size > max_shingle_size)
    return bad("shingle size must be 1.." + std::to_string(max_shingle_size));
  if (opt.hashes < 1 || opt.hashes > detail::minhash_max_hashes)
    return bad("hashes must be 1.." + std::to_string(detail::minhash_max_hashes));
  if ((opt.bands == 0) != (opt.rows == 0)) return bad("give both bands and rows, or neither");
  if (opt.bands == 0) return lsh_banding(opt.threshold, opt.hashes);
  if (opt.bands > opt.hashes || opt.rows > opt.hashes / opt.bands) return bad("bands * rows exceeds hashes");
  return lsh_bands{opt.bands, opt.rows};
}

/// Makes MinHash signatures (see the top of this header and detail/dedup/minhash.hpp).
/// Immutable after construction: share one between threads.
class minhash_signer {
 public:
  /// Options out of range (see check_dedup_options) are clamped.
  explicit minhash_signer(const dedup_options& opt = {})
      : k_(detail::clamp_shingle_size(opt.shingle_size)),
        mh_(std::make_shared<const detail::minhasher>(clamp_hashes(opt.hashes), opt.seed)) {}

  /// The signature of `text` into `out` (hashes() values; all UINT64_MAX when the
  /// text has no shingles). Returns false in that case. Cost: O(bytes + hashes);
  /// O(hashes^1.5) at most for the densification of short texts.
  bool sign(std::string_view text, std::vector<std::uint64_t>& out) const {
    detail::minhash_scratch s;
    s.sig.swap(out);
    mh_->begin(s);
    detail::for_each_shingle_key(text, k_, [&](std::uint64_t key, std::size_t, std::size_t, std::size_t) { mh_->add(s, key); });
    const bool any = mh_->finish(s);
    out.swap(s.sig);
    return any;
  }
  /// The signature of `text`.
  std::vector<std::uint64_t> sign(std::string_view text) const {
    std::vector<std::uint64_t> out;
    sign(text, out);
    return out;
  }
  std::size_t hashes() const noexcept { return mh_->size(); }
  std::size_t shingle_size() const noexcept { return k_; }

  static std::size_t clamp_hashes(std::size_t n) noexcept {
    return n < 1 ? 1 : n > detail::minhash_max_hashes ? detail::minhash_max_hashes : n;
  }

 private:
  std::size_t k_;
  std::shared_ptr<const detail::minhasher> mh_;
};

/// The MinHash signature of `text` (opt.hashes values). Builds a minhash_signer each
/// call (O(hashes * 16) set-up): for many texts keep one signer.
inline std::vector<std::uint64_t> minhash_signature(std::string_view text, const dedup_options& opt = {}) {
  return minhash_signer(opt).sign(text);
}

/// The fraction of equal slots of two signatures: an unbiased estimate of the
/// similarity (standard deviation about sqrt(J(1-J)/hashes)). 0 if sizes differ or a
/// signature is empty or all sentinels.
inline double minhash_estimate(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) noexcept {
  if (a.size() != b.size() || a.empty() || a[0] == detail::minhash_empty_slot || b[0] == detail::minhash_empty_slot) return 0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}

// ---------------------------------------------------------------------------------
// The index

/// A verified pair: document numbers (first < second within one index; for
/// dedup_index::query(newer), first is in `newer` and second in the queried index),
/// the exact similarity and the counts it is the ratio of.
struct dedup_pair {
  std::uint32_t first = 0, second = 0;
  double similarity = 0;
  std::uint64_t intersection = 0, union_size = 0;
};

/// Documents [begin, end) of an index: the first documents of the pairs to find, to
/// split the verification between threads (each range's pairs, concatenated in the
/// order of the ranges, are the pairs of the whole).
struct dedup_range {
  std::size_t begin = 0, end = static_cast<std::size_t>(-1);
};

/// An indexed document similar to a queried text.
struct dedup_match {
  std::uint32_t doc = 0;
  double similarity = 0;
  std::uint64_t intersection = 0, union_size = 0;
};

class dedup_candidates;
class dedup_index;
class dedup_index_builder;

/// Documents prepared for a dedup_index_builder away from it: their shingle texts and
/// band keys, computed on any thread (each batch used by one thread at a time), then
/// appended in order by dedup_index_builder::add(batch). This is how a program indexes
/// on several threads and still numbers the documents in input order:
///
///   zhtext::dedup_batch batch = builder.batch();   // per block of input, on a worker
///   for (std::string_view line : block_lines) batch.add(line);
///   builder.add(batch).value();                    // the calling thread, in input order
///
/// Cost per add(): that of dedup_index_builder::add; memory: the shingle texts, the
/// names and 4 * bands bytes per document with shingles, 16 bytes per other document
/// (a bit for an empty shingle text or name).
class dedup_batch {
 public:
  /// Prepares a document (any bytes) with an optional name, as dedup_index_builder::add
  /// would index it.
  void add(std::string_view text, std::string_view name = {}) {
    const std::size_t old = keys_.size();
    keys_.resize(old + params_.bands);
    const bool any = detail::sign_document(*mh_, params_.shingle_size, {params_.bands, params_.rows}, scratch_, text,
                                           texts_, keys_.data() + old);
    if (!any) keys_.resize(old);
    signed_.push_back(any);
    text_ends_.push_back(texts_.size());
    names_.append(name.data(), name.size());
    name_ends_.push_back(names_.size());
  }
  /// Documents added.
  std::size_t size() const noexcept { return signed_.size(); }
  bool empty() const noexcept { return signed_.empty(); }
  /// Bytes of the documents' shingle texts (what adding the batch copies to an index).
  std::size_t text_bytes() const noexcept { return texts_.size(); }
  /// Forgets the documents (keeps the memory for reuse).
  void clear() noexcept {
    texts_.clear();
    names_.clear();
    text_ends_.clear();
    name_ends_.clear();
    keys_.clear();
    signed_.clear();
  }

 private:
  friend class dedup_index_builder;
  dedup_batch(const detail::dedup_params& p, std::shared_ptr<const detail::minhasher> mh) : params_(p), mh_(std::move(mh)) {}

  detail::dedup_params params_;
  std::shared_ptr<const detail::minhasher> mh_;
  detail::minhash_scratch scratch_;
  detail::big_chars texts_, names_;
  detail::doc_offsets text_ends_, name_ends_;  // relative to this batch; an empty one costs a bit
  std::vector<std::uint32_t> keys_;            // bands keys per document with shingles
  std::vector<bool> signed_;                   // true: the document has shingles
};

/// Adds documents, then build()s an immutable dedup_index. One thread at a time.
///
/// Cost per add(): one pass over the text (shingles, signature, band keys) and a copy
/// of its shingle text; memory grows by about the shingle text plus 4 * bands + 20
/// bytes, or about 2 bits for a document with an empty shingle text and name (a
/// blank line); build() makes the 8 * bands bytes of band entries a document.
class dedup_index_builder {
 public:
  /// A builder with options `opt`. Errors: those of check_dedup_options.
  static result<dedup_index_builder> create(const dedup_options& opt = {}) {
    auto bd = check_dedup_options(opt);
    if (!bd) return bd.error();
    return dedup_index_builder(opt, *bd);
  }

  /// Adds a document (any bytes; see the top of this header) with an optional name
  /// (kept in the index, e.g. a file name or a line number). Returns its number:
  /// 0, 1, 2, ... in the order of adding.
  /// (Between add_piece() and end_document(): `text` is the document's last piece.)
  std::size_t add(std::string_view text, std::string_view name = {}) {
    add_piece(text);
    return end_document(name);
  }

  /// Adds the next piece of a document given in pieces: add_piece() each piece in
  /// order, then end_document(). The pieces may be cut anywhere (even inside a UTF-8
  /// sequence); the index is that of add(their concatenation, name), byte for byte,
  /// and the builder keeps only the shingle text: a document read in blocks (a 50 MiB
  /// line, a file) is never held whole. Cost: that of add() over the piece.
  void add_piece(std::string_view piece) {
    if (!open_) {
      signer_.begin(*mh_, scratch_);
      open_ = true;
    }
    signer_.add(*mh_, scratch_, piece, texts_);
  }

  /// Ends the document of the add_piece() calls since the last document (none: an
  /// empty document) with an optional name; returns its number, as add() does.
  std::size_t end_document(std::string_view name = {}) {
    if (!open_) signer_.begin(*mh_, scratch_);
    open_ = false;
    const std::size_t doc = text_offsets_.size();
    const bool any = signer_.finish(*mh_, scratch_, {params_.bands, params_.rows}, texts_, band_keys_.data());
    text_offsets_.push_back(texts_.size());
    names_.append(name.data(), name.size());
    name_offsets_.push_back(names_.size());
    if (any) push_bands(band_keys_.data(), doc);
    return doc;
  }

  /// Adds the documents of `batch`, in its order, as add() would have added them (the
  /// same index, byte for byte); `batch` is left as it is. Returns the number of its
  /// first document. Cost: copying its shingle texts and names, and b band entries per
  /// document. Errors: errc::invalid_argument when the batch was made by a builder
  /// with other options, or between add_piece() and end_document().
  result<std::size_t> add(const dedup_batch& batch);

  /// An empty batch for this builder's options: fill it on any thread (dedup_batch::add),
  /// then add() it here.
  dedup_batch batch() const;

  /// Prepares for `documents` more documents of `bytes` bytes in all (an estimate is
  /// fine): their shingle texts and offsets are then stored without regrowing.
  void reserve(std::size_t documents, std::size_t bytes) {
    texts_.reserve(texts_.size() + bytes);
    text_offsets_.reserve(documents);
    name_offsets_.reserve(documents);
  }

  /// Documents added so far (a document given in pieces counts once ended).
  std::size_t size() const noexcept { return text_offsets_.size(); }
  /// Bytes of the shingle texts added so far, those of an open document's pieces
  /// included (what the index stores of them; see reserve()).
  std::size_t text_bytes() const noexcept { return texts_.size(); }
  const dedup_options& options() const noexcept { return options_; }

  /// The index of the documents added; leaves the builder empty (ready for new
  /// documents). Errors: errc::limit_exceeded above 2^32 - 2 documents;
  /// errc::invalid_argument between add_piece() and end_document().
  /// Cost: sorting b arrays of the indexed documents, O(b N log N).
  result<dedup_index> build();

  /// The candidate pairs among the documents added (those build().candidates() would
  /// give, verified to the same pairs), without an index: each band is sorted in
  /// turn and only its runs of shared keys are kept, so memory stays that of the
  /// builder (shingle texts, 4 * bands + 20 bytes a document) plus one band (8 bytes
  /// a document) and the runs, where an index takes 8 * bands bytes a document more
  /// (200 with 25 bands: 150 MB for 750,000 lines). For when the pairs are all that
  /// is wanted (no image to save, no query). Leaves the builder empty. Errors: those
  /// of build().
  result<dedup_candidates> build_candidates();

 private:
  dedup_index_builder(const dedup_options& opt, lsh_bands bd)
      : options_(opt), mh_(std::make_shared<const detail::minhasher>(opt.hashes, opt.seed)), signer_(opt.shingle_size) {
    options_.bands = bd.bands;
    options_.rows = bd.rows;
    params_ = {opt.shingle_size, opt.hashes, bd.bands, bd.rows, opt.seed, opt.threshold};
    band_keys_.resize(bd.bands);
    bands_ = detail::band_collectors(bd.bands);
  }

  // What build() and build_candidates() refuse: an unended document, too many documents.
  result<void> ready_to_build() const {
    if (open_) return make_error(errc::invalid_argument, "dedup index: a document given in pieces was not ended");
    if (size() > detail::dedup_max_documents)
      return make_error(errc::limit_exceeded, "dedup index: more than " + std::to_string(detail::dedup_max_documents) + " documents");
    return {};
  }

  // After build() / build_candidates() moved the documents out: empty again.
  void clear_documents() {
    indexed_ = 0;
    text_offsets_ = {};
    texts_.clear();
    name_offsets_ = {};
    names_.clear();
  }

  void push_bands(const std::uint32_t* keys, std::size_t doc) {
    ++indexed_;
    bands_.push(keys, static_cast<std::uint32_t>(doc));  // build() refuses more than 2^32 - 2 documents
  }

  dedup_options options_;
  detail::dedup_params params_;
  std::shared_ptr<const detail::minhasher> mh_;
  detail::minhash_scratch scratch_;
  detail::document_signer signer_;                   // the document being added
  bool open_ = false;                                // add_piece() began a document
  std::vector<std::uint32_t> band_keys_;             // one document's
  detail::band_collectors bands_;                    // per band: the keys; the documents
  std::size_t indexed_ = 0;                          // documents with shingles
  detail::doc_offsets text_offsets_;                 // an empty text or name costs a bit
  detail::big_chars texts_;
  detail::doc_offsets name_offsets_;
  detail::big_chars names_;
};

/// The candidate pairs of an index (or of a newer index against it), gathered once,
/// to verify by ranges of first documents from any number of threads: how a program
/// splits the verification between threads (dedup_index::for_each_pair with a range
/// passes over every band for each range; this passes once). Made by
/// dedup_index::candidates() / candidates_with(newer); immutable, shares the indexes'
/// data; memory: 12 bytes per (document, band) whose key another document shares.
class dedup_candidates {
 public:
  /// Calls f(const dedup_pair&) for every verified pair (as dedup_index::for_each_pair
  /// or for_each_pair_with gives it) whose first document is in `firsts`, ordered by
  /// first, then second. Any number of threads at once.
  template <class F>
  void for_each_pair(F&& f, dedup_range firsts = {}) const {
    auto by_doc = [](const detail::dedup_hit& h, std::size_t d) { return h.doc < d; };
    const detail::dedup_hit* b = std::lower_bound(hits_.data(), hits_.data() + hits_.size(), firsts.begin, by_doc);
    const detail::dedup_hit* e = std::lower_bound(b, hits_.data() + hits_.size(), firsts.end, by_doc);
    detail::verify_hits(*left_, *right_, threshold_, b, e, [&](std::uint32_t a, std::uint32_t d, const detail::jaccard_counts& c) {
      f(dedup_pair{a, d, c.similarity(), c.intersection, c.union_size});
    });
  }
  /// (document, band) hits gathered: a measure of the verification's work.
  std::size_t hits() const noexcept { return hits_.size(); }
  /// The documents of the first index (those the ranges of for_each_pair number).
  std::size_t documents() const noexcept { return left_->docs; }
  /// The name given to document `doc` (< documents()) of the first index.
  std::string_view name(std::size_t doc) const noexcept { return left_->name(doc); }

 private:
  friend class dedup_index;
  friend class dedup_index_builder;
  dedup_candidates(std::shared_ptr<const detail::dedup_store> left, std::shared_ptr<const detail::dedup_store> right,
                   double threshold)
      : left_(std::move(left)), right_(std::move(right)), threshold_(threshold),
        hits_(detail::gather_hits(*left_, *right_)) {}
  std::shared_ptr<const detail::dedup_store> left_, right_;
  double threshold_;
  std::vector<detail::dedup_hit> hits_;
};

/// An immutable near-duplicate index: documents' band keys and shingle texts (see
/// detail/dedup/index_store.hpp). Copies share the data; any thread may use it.
class dedup_index {
 public:
  /// An empty index with default options.
  dedup_index() : dedup_index(empty_store(dedup_options{})) {}

  /// Documents in the index.
  std::size_t size() const noexcept { return store_->docs; }
  /// The options it was built with (bands and rows resolved).
  const dedup_options& options() const noexcept { return options_; }
  /// The name given to add() for document `doc` (< size()).
  std::string_view name(std::size_t doc) const noexcept { return store_->name(doc); }
  /// The shingle text of document `doc` (< size()): what verification reads.
  std::string_view shingle_text(std::size_t doc) const noexcept { return store_->text(doc); }

  /// Calls f(const dedup_pair&) for every pair of documents with similarity >= the
  /// threshold, ordered by first, then second (first < second); with `firsts`, only
  /// the pairs whose first document is in that range. Cost: see the top.
  template <class F>
  void for_each_pair(F&& f, dedup_range firsts = {}) const {
    detail::for_each_verified_pair(
        *store_, *store_, options_.threshold,
        [&](std::uint32_t a, std::uint32_t b, const detail::jaccard_counts& c) {
          f(dedup_pair{a, b, c.similarity(), c.intersection, c.union_size});
        },
        firsts.begin, firsts.end);
  }
  /// The pairs of for_each_pair in a vector.
  std::vector<dedup_pair> pairs() const {
    std::vector<dedup_pair> out;
    for_each_pair([&](const dedup_pair& p) { out.push_back(p); });
    return out;
  }

  /// The candidate pairs of this index, to verify by ranges on several threads
  /// (dedup_candidates::for_each_pair gives exactly the pairs of for_each_pair).
  /// Cost: one pass over the bands and a sort of the hits.
  dedup_candidates candidates() const { return dedup_candidates(store_, store_, options_.threshold); }
  /// The candidate pairs of `newer`'s documents (first) against this index's (second),
  /// as for_each_pair_with gives them. Errors: those of for_each_pair_with.
  result<dedup_candidates> candidates_with(const dedup_index& newer) const {
    if (!newer.store_->params.same_hashing(store_->params))
      return make_error(errc::invalid_argument, "dedup index: the indexes were built with different options");
    return dedup_candidates(newer.store_, store_, options_.threshold);
  }

  /// Calls f(const dedup_pair&) for every pair of a document of `newer` (first) and a
  /// document of this index (second) with similarity >= this index's threshold,
  /// ordered by first, then second; with `firsts`, only those whose first document
  /// (of `newer`) is in that range. Errors: errc::invalid_argument when the two
  /// indexes differ in shingle size, hashes, seed, bands or rows.
  template <class F>
  result<void> for_each_pair_with(const dedup_index& newer, F&& f, dedup_range firsts = {}) const {
    if (!newer.store_->params.same_hashing(store_->params))
      return make_error(errc::invalid_argument, "dedup index: the indexes were built with different options");
    detail::for_each_verified_pair(
        *newer.store_, *store_, options_.threshold,
        [&](std::uint32_t a, std::uint32_t b, const detail::jaccard_counts& c) {
          f(dedup_pair{a, b, c.similarity(), c.intersection, c.union_size});
        },
        firsts.begin, firsts.end);
    return {};
  }
  /// The pairs of for_each_pair_with in a vector.
  result<std::vector<dedup_pair>> query(const dedup_index& newer) const {
    std::vector<dedup_pair> out;
    if (auto r = for_each_pair_with(newer, [&](const dedup_pair& p) { out.push_back(p); }); !r) return r.error();
    return out;
  }

  /// Calls f(const dedup_match&) for each indexed document whose similarity to `text`
  /// is >= the threshold, in document order. Cost: the signature, b binary searches,
  /// and a verification per candidate.
  template <class F>
  void for_each_match(std::string_view text, F&& f) const {
    const detail::dedup_params& p = store_->params;
    const detail::minhasher& mh = hasher();
    detail::minhash_scratch s;
    mh.begin(s);
    detail::for_each_shingle_key(text, p.shingle_size, [&](std::uint64_t key, std::size_t, std::size_t, std::size_t) { mh.add(s, key); });
    if (!mh.finish(s)) return;
    std::vector<std::uint32_t> keys(p.bands);
    mh.band_keys(s.sig.data(), {p.bands, p.rows}, keys.data());
    std::vector<std::uint32_t> candidates;
    for (std::size_t j = 0; j < p.bands; ++j) {
      const std::uint64_t* e = store_->entries(j);
      const std::uint64_t* at = std::lower_bound(e, e + store_->indexed, std::uint64_t{keys[j]} << 32);
      for (; at != e + store_->indexed && (*at >> 32) == keys[j]; ++at) candidates.push_back(static_cast<std::uint32_t>(*at));
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.empty()) return;
    const std::string kept = zhtext::shingle_text(text);
    detail::jaccard_prober prober;
    prober.assign(kept, p.shingle_size);
    detail::verify_candidates(0, prober, *store_, candidates, options_.threshold,
                              [&](std::uint32_t, std::uint32_t d, const detail::jaccard_counts& c) {
                                f(dedup_match{d, c.similarity(), c.intersection, c.union_size});
                              });
  }
  /// The matches of for_each_match in a vector.
  std::vector<dedup_match> query(std::string_view text) const {
    std::vector<dedup_match> out;
    for_each_match(text, [&](const dedup_match& m) { out.push_back(m); });
    return out;
  }

  /// The groups of documents joined by pairs (union-find over pairs()), each sorted,
  /// in order of their first document; groups smaller than min_size are left out
  /// (min_size 1: every document is in exactly one group).
  std::vector<std::vector<std::uint32_t>> clusters(std::size_t min_size = 2) const;

  /// The index as an image (see detail/dedup/index_store.hpp): load_image() and from_image()
  /// read it back. Cost: one copy of the index.
  std::string to_image() const {
    const detail::aligned_bytes b = store_->to_image();
    return std::string(b.view());
  }
  /// Writes the image (the bytes of to_image()) to `path`, streaming it from the
  /// index's arrays into a temporary file renamed over `path` (a reader never sees
  /// half an index): no copy of the index is made, memory stays bounded whatever its
  /// size. Errors: errc::io_error with the path.
  result<void> save_image(const std::string& path) const {
    const std::string err = store_->write_image(path);
    if (!err.empty()) return make_error(errc::io_error, err);
    return {};
  }
  /// Maps an image written by save_image(). Errors: errc::not_found, errc::io_error,
  /// errc::corrupt_data "'PATH': ..." (not an index, truncated, checksum mismatch,
  /// inconsistent sizes). Cost: one checksum pass and one pass over the band arrays.
  static result<dedup_index> load_image(const std::string& path) {
    auto s = detail::map_image_file(path);
    if (!s) return s.error();
    return open(std::move(*s), path);
  }
  /// Reads an image from memory (copied). `name` is used in error messages.
  static result<dedup_index> from_image(std::string_view bytes, std::string_view name = "<memory>") {
    return open(detail::image_storage(detail::copy_aligned(bytes)), std::string(name));
  }

  /// The index of the documents of `parts`, in order (documents of parts[1] numbered
  /// after those of parts[0], ...): exactly the index one builder would have made from
  /// all of them in that order, so shards indexed apart and merged give the same pairs.
  /// Errors: errc::invalid_argument (no parts, or options differ), errc::limit_exceeded.
  static result<dedup_index> merge(const std::vector<const dedup_index*>& parts);
  /// merge({&a, &b}).
  static result<dedup_index> merge(const dedup_index& a, const dedup_index& b) { return merge({&a, &b}); }

 private:
  friend class dedup_index_builder;
  const detail::minhasher& hasher() const {
    std::call_once(hasher_->once, [&] { hasher_->mh = std::make_unique<const detail::minhasher>(store_->params.hashes, store_->params.seed); });
    return *hasher_->mh;
  }
  explicit dedup_index(std::shared_ptr<const detail::dedup_store> s) : store_(std::move(s)) {
    const detail::dedup_params& p = store_->params;
    options_.threshold = p.threshold;
    options_.shingle_size = p.shingle_size;
    options_.hashes = p.hashes;
    options_.seed = p.seed;
    options_.bands = p.bands;
    options_.rows = p.rows;
  }
  static std::shared_ptr<const detail::dedup_store> empty_store(const dedup_options& opt) {
    const lsh_bands bd = lsh_banding(opt.threshold, opt.hashes);
    return detail::dedup_store::from_arrays({opt.shingle_size, opt.hashes, bd.bands, bd.rows, opt.seed, opt.threshold}, 0,
                                            {}, {}, {}, {}, {});
  }
  static result<dedup_index> open(detail::image_storage storage, const std::string& name) {
    auto s = detail::dedup_store::from_image(std::move(storage), name);
    if (!s) return s.error();
    return dedup_index(std::move(*s));
  }

  struct lazy_hasher {  // made on the first query(text), shared by copies
    std::once_flag once;
    std::unique_ptr<const detail::minhasher> mh;
  };
  std::shared_ptr<const detail::dedup_store> store_;
  std::shared_ptr<lazy_hasher> hasher_ = std::make_shared<lazy_hasher>();
  dedup_options options_;
};

inline result<dedup_index> dedup_index_builder::build() {
  if (auto ready = ready_to_build(); !ready) return ready.error();
  const std::size_t m = indexed_;
  detail::big_u64s entries(params_.bands * m);
  bands_.sorted_into(entries.data());
  auto store = detail::dedup_store::from_arrays(params_, m, std::move(entries), std::move(text_offsets_), std::move(texts_),
                                                std::move(name_offsets_), std::move(names_));
  clear_documents();
  return dedup_index(std::move(store));
}

inline result<dedup_candidates> dedup_index_builder::build_candidates() {
  if (auto ready = ready_to_build(); !ready) return ready.error();
  const std::size_t m = indexed_;
  detail::big_u64s band(m);
  // Room for every entry, written only as far as the runs go: the pages beyond are
  // never touched (big_allocator does not zero), so they take no memory.
  detail::big_u64s runs(params_.bands * m);
  std::vector<std::size_t> sizes;
  std::size_t at = 0;
  for (std::size_t j = 0; j < params_.bands; ++j) {
    bands_.sort_band(j, band.data());
    const std::size_t begin = at;
    for (std::size_t i = 0; i < m; ++i) {
      const std::uint64_t key = band[i] >> 32;
      if ((i > 0 && (band[i - 1] >> 32) == key) || (i + 1 < m && (band[i + 1] >> 32) == key)) runs[at++] = band[i];
    }
    sizes.push_back(at - begin);
  }
  bands_.clear();
  detail::big_u64s().swap(band);
  auto store = detail::dedup_store::from_runs(params_, m, std::move(runs), std::move(sizes), std::move(text_offsets_),
                                              std::move(texts_), std::move(name_offsets_), std::move(names_));
  clear_documents();
  return dedup_candidates(store, store, params_.threshold);
}

inline dedup_batch dedup_index_builder::batch() const { return dedup_batch(params_, mh_); }

inline result<std::size_t> dedup_index_builder::add(const dedup_batch& batch) {
  if (!batch.params_.same_hashing(params_))
    return make_error(errc::invalid_argument, "dedup batch: made by a builder with other options");
  if (open_) return make_error(errc::invalid_argument, "dedup batch: added while a document given in pieces is open");
  const std::size_t first = size();
  texts_.append(batch.texts_.data(), batch.texts_.size());
  names_.append(batch.names_.data(), batch.names_.size());
  const std::uint64_t text_base = text_offsets_.back(), name_base = name_offsets_.back();
  const std::uint32_t* keys = batch.keys_.data();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    text_offsets_.push_back(text_base + batch.text_ends_[i + 1]);
    name_offsets_.push_back(name_base + batch.name_ends_[i + 1]);
    if (batch.signed_[i]) {
      push_bands(keys, first + i);
      keys += params_.bands;
    }
  }
  return first;
}

/// Groups of documents 0..docs-1 joined by `pairs` (union-find), each sorted, in order
/// of their first document; groups smaller than min_size are left out. Pairs naming
/// a document >= docs are ignored. Cost: O(docs + pairs), near-linear.
inline std::vector<std::vector<std::uint32_t>> dedup_clusters(const std::vector<dedup_pair>& pairs, std::size_t docs,
                                                              std::size_t min_size = 2) {
  detail::union_find uf(docs);
  for (const dedup_pair& p : pairs)
    if (p.first < docs && p.second < docs) uf.unite(p.first, p.second);
  std::vector<std::uint32_t> size(docs, 0), group(docs, detail::dedup_none);
  for (std::size_t d = 0; d < docs; ++d) ++size[uf.find(static_cast<std::uint32_t>(d))];
  std::vector<std::vector<std::uint32_t>> out;
  for (std::size_t d = 0; d < docs; ++d) {
    const std::uint32_t root = uf.find(static_cast<std::uint32_t>(d));
    if (size[root] < min_size) continue;
    if (group[root] == detail::dedup_none) {
      group[root] = static_cast<std::uint32_t>(out.size());
      out.emplace_back();
    }
    out[group[root]].push_back(static_cast<std::uint32_t>(d));
  }
  return out;
}

inline std::vector<std::vector<std::uint32_t>> dedup_index::clusters(std::size_t min_size) const {
  return dedup_clusters(pairs(), size(), min_size);
}

inline result<dedup_index> dedup_index::merge(const std::vector<const dedup_index*>& parts) {
  if (parts.empty() || parts[0] == nullptr) return make_error(errc::invalid_argument, "dedup merge: no index to merge");
  const detail::dedup_params& p = parts[0]->store_->params;
  std::size_t docs = 0, indexed = 0, text_bytes = 0, name_bytes = 0;
  for (const dedup_index* x : parts) {
    if (x == nullptr) return make_error(errc::invalid_argument, "dedup merge: null index");
    const detail::dedup_store& s = *x->store_;
    if (!s.params.same_hashing(p) || s.params.threshold != p.threshold)
      return make_error(errc::invalid_argument, "dedup merge: the indexes were built with different options");
    docs += s.docs;
    indexed += s.indexed;
    text_bytes += s.all_texts().size();
    name_bytes += s.all_names().size();
    if (docs > detail::dedup_max_documents)
      return make_error(errc::limit_exceeded, "dedup merge: more than " + std::to_string(detail::dedup_max_documents) + " documents");
  }
  detail::doc_offsets text_offsets, name_offsets;
  text_offsets.reserve(docs);
  name_offsets.reserve(docs);
  detail::big_chars texts, names;
  texts.reserve(text_bytes);
  names.reserve(name_bytes);
  for (const dedup_index* x : parts) {
    const detail::dedup_store& s = *x->store_;
    const std::uint64_t text_base = texts.size(), name_base = names.size();
    for (std::size_t d = 1; d <= s.docs; ++d) {
      text_offsets.push_back(text_base + s.text_offset(d));
      name_offsets.push_back(name_base + s.name_offset(d));
    }
    texts.append(s.all_texts().data(), s.all_texts().size());
    names.append(s.all_names().data(), s.all_names().size());
  }
  // Each band: the parts' sorted runs, document numbers shifted, merged pairwise.
  detail::big_u64s entries;
  entries.reserve(p.bands * indexed);
  for (std::size_t j = 0; j < p.bands; ++j) {
    const std::size_t band_begin = entries.size();
    detail::big_u64s& run = entries;
    std::vector<std::size_t> bounds{band_begin};
    std::uint64_t offset = 0;
    for (const dedup_index* x : parts) {
      const detail::dedup_store& s = *x->store_;
      const std::uint64_t* e = s.entries(j);
      for (std::size_t i = 0; i < s.indexed; ++i) run.push_back(e[i] + offset);  // the document is the low half
      bounds.push_back(run.size());
      offset += s.docs;
    }
    while (bounds.size() > 2) {
      std::vector<std::size_t> next{band_begin};
      for (std::size_t i = 0; i + 2 < bounds.size(); i += 2) {
        std::inplace_merge(run.begin() + static_cast<std::ptrdiff_t>(bounds[i]), run.begin() + static_cast<std::ptrdiff_t>(bounds[i + 1]),
                           run.begin() + static_cast<std::ptrdiff_t>(bounds[i + 2]));
        next.push_back(bounds[i + 2]);
      }
      if (bounds.size() % 2 == 0) next.push_back(bounds.back());
      bounds.swap(next);
    }
  }
  return dedup_index(detail::dedup_store::from_arrays(p, indexed, std::move(entries), std::move(text_offsets),
                                                      std::move(texts), std::move(name_offsets), std::move(names)));
}

// ---------------------------------------------------------------------------------
// SimHash

/// SimHash parameters: the number of TF-IDF keywords that make the fingerprint.
struct simhash_options {
  std::size_t top = 20;  ///< jieba.analyse.extract_tags's topK (0: every keyword)
};

/// The 64-bit hash of a keyword in a SimHash: detail::checksum64 of its UTF-8 bytes
/// with seed 0x53696D48617368 ("SimHash"); the same on every platform.
inline std::uint64_t simhash_keyword_hash(std::string_view word) noexcept {
  return detail::checksum64(word.data(), word.size(), 0x53696D48617368ULL);
}

/// The SimHash of weighted keywords (items with `.word` and `.weight`, e.g. the
/// zhtext::keyword values of keyword_extractor::tfidf): bit i is set when the sum of
/// the weights of the keywords whose hash has bit i set exceeds the sum of the others'
/// (the convention of the SimHash companion of the jieba family: top keywords by
/// TF-IDF, weighted bit sums, near-duplicates at Hamming distance <= 3). No keyword: 0.
template <class Keywords>
std::uint64_t simhash_of(const Keywords& keywords) {
  double sum[64] = {};
  for (const auto& k : keywords) {
    const std::uint64_t h = simhash_keyword_hash(std::string_view(k.word));
    const double w = static_cast<double>(k.weight);
    for (int i = 0; i < 64; ++i) sum[i] += ((h >> i) & 1) ? w : -w;
  }
  std::uint64_t out = 0;
  for (int i = 0; i < 64; ++i)
    if (sum[i] > 0) out |= std::uint64_t{1} << i;
  return out;
}

/// The SimHash of `text` from its TF-IDF keywords: `extractor` is a
/// zhtext::keyword_extractor (keywords.hpp; this header does not include it), whose
/// for_each_tfidf gives the top opt.top keywords. Cost: the extraction.
template <class Extractor>
std::uint64_t simhash(const Extractor& extractor, std::string_view text, const simhash_options& opt = {}) {
  struct item {
    std::string_view word;
    double weight;
  };
  std::vector<item> items;
  extractor.for_each_tfidf(text, [&](const auto& k) { items.push_back({k.word, k.weight}); }, {opt.top, {}});
  return simhash_of(items);
}

/// The Hamming distance of two fingerprints (bits that differ).
inline int simhash_distance(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t x = a ^ b;
  int n = 0;
  for (; x != 0; x &= x - 1) ++n;
  return n;
}

/// True if two fingerprints differ in at most max_distance bits (3: the convention).
inline bool simhash_near(std::uint64_t a, std::uint64_t b, int max_distance = 3) noexcept {
  return simhash_distance(a, b) <= max_distance;
}

}  // namespace zhtext
