// zhtext/detail/dedup/index_store.hpp - what a near-duplicate index stores, its image,
// and the walks over its bands that produce verified pairs.
//
// An index of N documents, M of them with at least one shingle ("indexed"), b bands:
//   band entries u64[b * M]   band-major; key << 32 | document, each band sorted (so
//                             by key, then document)
//   text offsets u64[N + 1], texts   each document's shingle text (its folded code
//                                    points that are not P*/Z*/C*, as UTF-8)
//   name offsets u64[N + 1], names   each document's name (may be empty)
// The shingle texts are what exact verification reads: a document's shingles are
// rolled from its text and probed against the other's (exact_jaccard.hpp). They take
// about 3 bytes per Han character, against 8 bytes per shingle for 64-bit shingle hashes, and unlike
// hashes they compare exactly. Per document the bands add 8 * b bytes (200 for the
// default 25 bands), and the offsets 16 (held in memory as doc_offsets.hpp: an empty
// text or name takes a bit; an image stores every offset, u64[N + 1]).
//
// Image (detail/storage/image.hpp container, kind "dedupidx", version 1), 6 sections:
//   0  parameters: u64 shingle size, hashes, bands, rows, seed, threshold (IEEE-754
//      bits), N, M
//   1  band entries   2  text offsets   3  texts   4  name offsets   5  names
// Opening checks the container (size, checksum), then every size, that offsets are
// monotonic and in bounds, that band documents are < N and each band is sorted: a
// crafted image with a valid checksum is refused or read safely, never out of bounds.
//
// Pairs: in each band, the documents of a run of equal keys are candidates for each
// other. The walk gathers, for every document that shares a key with a later document
// in some band, where those runs are (memory proportional to such collisions, not to
// N * b), visits the documents in order, and verifies each distinct candidate once.
// Between two indexes (a query), a merge-join of each band's sorted keys does the same.
// A walk within one store reads only the runs: a store of runs (from_runs: what
// dedup_index_builder::build_candidates makes) keeps only them, and the documents'
// texts, so that pairs among many short documents (lines) need neither the 8 * b
// bytes a document of band entries nor a copy of the keys (~100 B a line, 75 MB for
// 750,000 lines of Han text).
//
// Thread safety: a store is immutable once made; the walks use their own scratch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../result.hpp"
#include "../storage/image.hpp"
#include "big_allocator.hpp"
#include "bucket_sort.hpp"
#include "doc_offsets.hpp"
#include "exact_jaccard.hpp"
#include "minhash.hpp"

namespace zhtext::detail {

inline constexpr char dedup_image_kind[] = "dedupidx";
inline constexpr std::uint32_t dedup_image_version = 1;
inline constexpr std::uint32_t dedup_none = 0xFFFFFFFFu;
inline constexpr std::size_t dedup_max_documents = 0xFFFFFFFEu;

/// The parameters that make two indexes comparable (and the threshold).
struct dedup_params {
  std::size_t shingle_size = 5, hashes = 128, bands = 0, rows = 0;
  std::uint64_t seed = 0;
  double threshold = 0.8;
  bool same_hashing(const dedup_params& o) const noexcept {
    return shingle_size == o.shingle_size && hashes == o.hashes && bands == o.bands && rows == o.rows && seed == o.seed;
  }
};

/// The band keys of all bands as a builder collects them, to become band entries
/// (key << 32 | document): each band's 32-bit keys in pieces of 32,768 cut from 2 MiB
/// slabs, so that growing never copies and never holds twice the memory, and the documents once (4 + 4 * bands bytes a document: half the
/// entries' size);
/// sorted_into() then writes each band's entries sorted (the keys are uniform hash
/// bits: bucket_sort) into one band-major array.
class band_collectors {
 public:
  explicit band_collectors(std::size_t bands = 0) : pieces_(bands) {}

  /// Appends the keys of document `doc`, keys[0, bands).
  void push(const std::uint32_t* keys, std::uint32_t doc) {
    if (count_ % piece_size == 0)
      for (auto& band : pieces_) band.push_back(take_piece());
    const std::size_t at = count_ % piece_size;
    for (std::size_t j = 0; j < pieces_.size(); ++j) pieces_[j].back()[at] = keys[j];
    docs_.push_back(doc);
    ++count_;
  }
  /// Entries per band.
  std::size_t size() const noexcept { return count_; }
  /// Writes band j's entries (key << 32 | document), sorted, to out[0, size()).
  void sort_band(std::size_t j, std::uint64_t* out) const {
    const std::vector<std::uint32_t*>& band = pieces_[j];
    bucket_sort_to(
        [&](auto&& f) {
          const std::uint32_t* doc = docs_.data();
          for (std::size_t p = 0; p < band.size(); ++p) {
            const std::size_t n = p + 1 < band.size() ? piece_size : count_ - p * piece_size;
            for (std::size_t i = 0; i < n; ++i) f((std::uint64_t{band[p][i]} << 32) | *doc++);
          }
        },
        count_, out, [](std::uint64_t x) { return x; });
  }
  /// Writes band j, sorted, to out[j * size(), (j + 1) * size()) for every j; then
  /// forgets the keys.
  void sorted_into(std::uint64_t* out) {
    for (std::size_t j = 0; j < pieces_.size(); ++j) sort_band(j, out + j * count_);
    clear();
  }
  /// Forgets the keys (and frees their memory).
  void clear() noexcept {
    for (auto& band : pieces_) band.clear();
    slabs_.clear();
    std::vector<std::uint32_t>().swap(docs_);
    slab_used_ = slab_pieces;
    count_ = 0;
  }

 private:
  static constexpr std::size_t piece_size = std::size_t(1) << 15;
  static constexpr std::size_t slab_pieces = 16;  // 2 MiB of keys
  struct slab_free {
    void operator()(std::uint32_t* p) const noexcept { big_allocator<std::uint32_t>().deallocate(p, piece_size * slab_pieces); }
  };
  std::uint32_t* take_piece() {
    if (slab_used_ == slab_pieces) {
      slabs_.emplace_back(big_allocator<std::uint32_t>().allocate(piece_size * slab_pieces));
      slab_used_ = 0;
    }
    return slabs_.back().get() + piece_size * slab_used_++;
  }
  std::vector<std::vector<std::uint32_t*>> pieces_;  // per band
  std::vector<std::unique_ptr<std::uint32_t[], slab_free>> slabs_;
  std::vector<std::uint32_t> docs_;  // the document of each entry
  std::size_t slab_used_ = slab_pieces;
  std::size_t count_ = 0;
};

class dedup_store {
 public:
  dedup_params params;
  std::size_t docs = 0, indexed = 0;

  dedup_store() = default;
  dedup_store(const dedup_store&) = delete;
  dedup_store& operator=(const dedup_store&) = delete;

  std::string_view text(std::size_t doc) const noexcept {
    const std::uint64_t b = text_offset(doc);
    return {texts_ + b, static_cast<std::size_t>(text_offset(doc + 1) - b)};
  }
  std::string_view name(std::size_t doc) const noexcept {
    const std::uint64_t b = name_offset(doc);
    return {names_ + b, static_cast<std::size_t>(name_offset(doc + 1) - b)};
  }
  /// Offset doc (0 .. docs) of the texts: an image's array, or the compact offsets.
  std::uint64_t text_offset(std::size_t doc) const noexcept {
    return text_offsets_ != nullptr ? text_offsets_[doc] : own_text_offsets_[doc];
  }
  std::uint64_t name_offset(std::size_t doc) const noexcept {
    return name_offsets_ != nullptr ? name_offsets_[doc] : own_name_offsets_[doc];
  }
  std::string_view all_texts() const noexcept { return {texts_, static_cast<std::size_t>(text_offset(docs))}; }
  std::string_view all_names() const noexcept { return {names_, static_cast<std::size_t>(name_offset(docs))}; }
  /// Band j's entries, key << 32 | document, sorted: M of them (band_size(j)).
  const std::uint64_t* entries(std::size_t band) const noexcept { return bands_[band]; }
  /// The entries of band j: M, or in a store of runs only those whose key another
  /// document of the band shares.
  std::size_t band_size(std::size_t band) const noexcept { return run_sizes_.empty() ? indexed : run_sizes_[band]; }

  /// A store owning its arrays: params.bands sorted bands of `indexed` entries each,
  /// one after the other in `entries`; offsets of N documents.
  static std::shared_ptr<const dedup_store> from_arrays(const dedup_params& params, std::size_t indexed,
                                                        big_u64s entries, doc_offsets text_offsets,
                                                        big_chars texts, doc_offsets name_offsets,
                                                        big_chars names) {
    entries.resize(params.bands * indexed);
    return from_runs(params, indexed, std::move(entries), {}, std::move(text_offsets), std::move(texts),
                     std::move(name_offsets), std::move(names));
  }

  /// A store of the runs only, for pairs among its own documents (gather_hits and
  /// verify_hits with the store as both sides; never an image, never queried): band j
  /// holds the run_sizes[j] entries of its sorted band whose key another of its
  /// entries shares, one band after the other in `runs` (`runs` may be longer: the
  /// rest is ignored). The pairs are those of the store of all the entries. Empty
  /// run_sizes: every band holds all its `indexed` entries (from_arrays).
  static std::shared_ptr<const dedup_store> from_runs(const dedup_params& params, std::size_t indexed, big_u64s runs,
                                                      std::vector<std::size_t> run_sizes,
                                                      doc_offsets text_offsets, big_chars texts,
                                                      doc_offsets name_offsets, big_chars names) {
    auto ptr = std::make_shared<dedup_store>();
    dedup_store& s = *ptr;
    s.params = params;
    s.docs = text_offsets.size();
    s.indexed = indexed;
    s.own_entries_ = std::move(runs);
    s.run_sizes_ = std::move(run_sizes);
    for (std::size_t j = 0, at = 0; j < params.bands; at += s.band_size(j++))
      s.bands_.push_back(s.own_entries_.data() + at);
    s.own_arrays(std::move(text_offsets), std::move(texts), std::move(name_offsets), std::move(names));
    return ptr;
  }

 private:
  void own_arrays(doc_offsets text_offsets, big_chars texts, doc_offsets name_offsets, big_chars names) {
    dedup_store& s = *this;
    s.own_text_offsets_ = std::move(text_offsets);
    s.own_texts_ = std::move(texts);
    s.own_name_offsets_ = std::move(name_offsets);
    s.own_names_ = std::move(names);
    s.texts_ = s.own_texts_.data();
    s.names_ = s.own_names_.data();
  }

 public:

  /// The image of this store (see the top of this file).
  aligned_bytes to_image() const {
    std::uint64_t head[8] = {params.shingle_size, params.hashes, params.bands, params.rows, params.seed, 0, docs, indexed};
    std::memcpy(&head[5], &params.threshold, 8);
    image_writer w(dedup_image_kind, dedup_image_version, 0);
    w.add(head, sizeof head);
    std::vector<std::uint64_t> all;  // the bands in one section
    all.reserve(params.bands * indexed);
    for (const std::uint64_t* b : bands_) all.insert(all.end(), b, b + indexed);
    w.add_view(all.data(), all.size() * 8);
    const offset_arrays off(*this);
    w.add_view(off.texts, (docs + 1) * 8);
    w.add_view(texts_, text_offset(docs));
    w.add_view(off.names, (docs + 1) * 8);
    w.add_view(names_, name_offset(docs));
    return w.finish();
  }

  /// Writes the image of this store (the bytes of to_image()) to `path`, streaming:
  /// section after section from the store's arrays, the checksum computed on the way
  /// and written last, into a temporary file renamed over `path` (a reader never sees
  /// half an index). Memory: a few hundred bytes whatever the index's size. Returns an
  /// error message or "".
  std::string write_image(const std::string& path) const {
    std::uint64_t head[8] = {params.shingle_size, params.hashes, params.bands, params.rows, params.seed, 0, docs, indexed};
    std::memcpy(&head[5], &params.threshold, 8);
    struct piece {
      const void* data;
      std::size_t size;
    };
    const offset_arrays off(*this);
    std::vector<std::vector<piece>> sections = {
        {{head, sizeof head}}, {}, {{off.texts, (docs + 1) * 8}}, {{texts_, static_cast<std::size_t>(text_offset(docs))}},
        {{off.names, (docs + 1) * 8}}, {{names_, static_cast<std::size_t>(name_offset(docs))}}};
    for (const std::uint64_t* b : bands_) sections[1].push_back({b, indexed * 8});
    auto align = [](std::size_t n) { return (n + image_alignment - 1) / image_alignment * image_alignment; };
    const std::size_t n = sections.size();
    unsigned char header[image_fixed_header + 16 * 6 + image_alignment] = {};
    const std::size_t header_size = align(image_fixed_header + 16 * n);
    std::size_t pos = header_size;
    std::memcpy(header, "ZHTXIMG1", 8);
    std::memcpy(header + 8, dedup_image_kind, 8);
    put_u32(header + 16, dedup_image_version);
    put_u32(header + 20, static_cast<std::uint32_t>(n));
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t size = 0;
      for (const piece& p : sections[i]) size += p.size;
      put_u64(header + image_fixed_header + 16 * i, pos);
      put_u64(header + image_fixed_header + 16 * i + 8, size);
      pos = align(pos + size);
    }
    put_u64(header + 24, pos);  // the total size; the fingerprint (40) stays 0
    return write_file_atomically_by(path, [&](int fd) -> std::string {
      checksum64_stream sum;
      sum.update(header + 40, header_size - 40);
      std::string why = write_all(fd, header, header_size);
      std::size_t at = header_size;
      static const unsigned char zeros[image_alignment] = {};
      for (std::size_t i = 0; i < n && why.empty(); ++i) {
        for (const piece& p : sections[i]) {
          if (p.size == 0 || !why.empty()) continue;
          sum.update(p.data, p.size);
          why = write_all(fd, p.data, p.size);
          at += p.size;
        }
        const std::size_t pad = align(at) - at;
        sum.update(zeros, pad);
        if (why.empty()) why = write_all(fd, zeros, pad);
        at += pad;
      }
      if (!why.empty()) return why;
      unsigned char check[8];
      put_u64(check, sum.value());
      if (::pwrite(fd, check, 8, 32) != 8) return std::strerror(errno);
      return {};
    });
  }

  /// Opens an image held by `storage`; `name` is used in error messages.
  static result<std::shared_ptr<const dedup_store>> from_image(image_storage storage, const std::string& name) {
    auto ptr = std::make_shared<dedup_store>();
    dedup_store& s = *ptr;
    s.image_ = std::move(storage);
    auto img = open_image(s.image_.bytes(), dedup_image_kind, dedup_image_version, 6, name);
    if (!img) return img.error();
    auto bad = [&](const std::string& why) {
      return make_error(errc::corrupt_data, "'" + name + "': near-duplicate index: " + why);
    };
    const auto& sec = img->sections;
    if (sec[0].size != 64) return bad("bad parameter section");
    std::uint64_t head[8];
    std::memcpy(head, sec[0].data, 64);
    dedup_params& p = s.params;
    std::memcpy(&p.threshold, &head[5], 8);
    if (head[0] < 1 || head[0] > max_shingle_size || head[1] < 1 || head[1] > minhash_max_hashes || head[2] < 1 ||
        head[3] < 1 || head[2] > head[1] || head[3] > head[1] / head[2] || !(p.threshold > 0 && p.threshold <= 1))
      return bad("bad parameters");
    p.shingle_size = static_cast<std::size_t>(head[0]);
    p.hashes = static_cast<std::size_t>(head[1]);
    p.bands = static_cast<std::size_t>(head[2]);
    p.rows = static_cast<std::size_t>(head[3]);
    p.seed = head[4];
    if (head[6] > dedup_max_documents || head[7] > head[6]) return bad("bad document counts");
    s.docs = static_cast<std::size_t>(head[6]);
    s.indexed = static_cast<std::size_t>(head[7]);
    const std::uint64_t cells = std::uint64_t{p.bands} * s.indexed;  // < 2^10 * 2^32: no overflow
    if (sec[1].size != cells * 8 || sec[2].size != (s.docs + 1) * 8 || sec[4].size != (s.docs + 1) * 8)
      return bad("section sizes do not match the document counts");
    const auto* all = reinterpret_cast<const std::uint64_t*>(sec[1].data);
    for (std::size_t j = 0; j < p.bands; ++j) s.bands_.push_back(all + j * s.indexed);
    s.text_offsets_ = reinterpret_cast<const std::uint64_t*>(sec[2].data);
    s.texts_ = reinterpret_cast<const char*>(sec[3].data);
    s.name_offsets_ = reinterpret_cast<const std::uint64_t*>(sec[4].data);
    s.names_ = reinterpret_cast<const char*>(sec[5].data);
    if (!monotonic(s.text_offsets_, s.docs, sec[3].size)) return bad("text offsets out of order or out of bounds");
    if (!monotonic(s.name_offsets_, s.docs, sec[5].size)) return bad("name offsets out of order or out of bounds");
    for (std::size_t j = 0; j < p.bands; ++j) {
      const std::uint64_t* e = s.entries(j);
      for (std::size_t i = 0; i < s.indexed; ++i) {
        if ((e[i] & 0xFFFFFFFFu) >= s.docs) return bad("band document out of range");
        if (i > 0 && e[i - 1] >= e[i]) return bad("band not sorted");
      }
    }
    return std::shared_ptr<const dedup_store>(std::move(ptr));
  }

 private:
  static bool monotonic(const std::uint64_t* off, std::size_t n, std::size_t size) noexcept {
    if (off[0] != 0 || off[n] != size) return false;
    for (std::size_t i = 0; i < n; ++i)
      if (off[i] > off[i + 1]) return false;
    return true;
  }

  // The offsets as an image stores them, u64[docs + 1]: the image's own, or expanded
  // from the compact ones for the time of writing an image.
  struct offset_arrays {
    std::vector<std::uint64_t> own_texts, own_names;
    const std::uint64_t *texts, *names;
    explicit offset_arrays(const dedup_store& s) {
      if (s.text_offsets_ == nullptr) own_texts = s.own_text_offsets_.expanded();
      if (s.name_offsets_ == nullptr) own_names = s.own_name_offsets_.expanded();
      texts = s.text_offsets_ != nullptr ? s.text_offsets_ : own_texts.data();
      names = s.name_offsets_ != nullptr ? s.name_offsets_ : own_names.data();
    }
  };

  std::vector<const std::uint64_t*> bands_;
  const std::uint64_t* text_offsets_ = nullptr;  // an image's; null: own_text_offsets_
  const char* texts_ = nullptr;
  const std::uint64_t* name_offsets_ = nullptr;
  const char* names_ = nullptr;

  image_storage image_;  // a loaded image, or the arrays below
  big_u64s own_entries_;  // the bands, one after the other
  std::vector<std::size_t> run_sizes_;  // a store of runs: the entries of each band
  doc_offsets own_text_offsets_;  // when text_offsets_ is null (not an image)
  big_chars own_texts_;
  doc_offsets own_name_offsets_;
  big_chars own_names_;
};

/// Verifies candidates `cands` (sorted, distinct documents of `right`) against the
/// document a whose set `prober` holds; calls f(a, b, counts) for those at or above
/// the threshold, in the order of `cands`.
template <class F>
void verify_candidates(std::size_t a, jaccard_prober& prober, const dedup_store& right,
                       const std::vector<std::uint32_t>& cands, double threshold, F&& f) {
  const std::size_t k = right.params.shingle_size;
  const double need = threshold * static_cast<double>(prober.size());
  jaccard_counts c;
  for (const std::uint32_t b : cands) {
    const std::string_view tb = right.text(b);
    if (static_cast<double>(shingle_positions(tb, k)) < need) continue;  // |B| too small for J >= threshold
    if (prober.compare(tb, threshold, c)) f(static_cast<std::uint32_t>(a), b, c);
  }
}

/// Where a left document meets right documents with its key: in band `band`, the run
/// of right entries from `start` on (self walks: the later documents of its own run).
struct dedup_hit {
  std::uint32_t doc, band, start;
};

/// The hits of the left documents in [first, last), sorted by document (stable: band
/// order within a document): one pass over each band (a merge-join of the two sorted bands for two stores). Memory: one hit
/// per (document, band) that shares its key, not N * b.
inline std::vector<dedup_hit> gather_hits(const dedup_store& left, const dedup_store& right, std::size_t first = 0,
                                          std::size_t last = dedup_none) {
  const bool self = &left == &right;
  std::vector<dedup_hit> hits;
  auto in = [&](std::uint64_t entry) {
    const std::size_t doc = static_cast<std::uint32_t>(entry);
    return doc >= first && doc < last;
  };
  for (std::size_t j = 0; j < left.params.bands; ++j) {
    const std::uint64_t* le = left.entries(j);
    const std::uint64_t* re = right.entries(j);
    const auto band = static_cast<std::uint32_t>(j);
    if (self) {  // the documents after p in its run are the later ones with its key
      for (std::size_t p = 0, n = left.band_size(j); p + 1 < n; ++p)
        if ((le[p] >> 32) == (le[p + 1] >> 32) && in(le[p]))
          hits.push_back({static_cast<std::uint32_t>(le[p]), band, static_cast<std::uint32_t>(p + 1)});
      continue;
    }
    std::size_t r = 0;  // merge-join of the two sorted bands
    const std::size_t ln = left.band_size(j), rn = right.band_size(j);
    for (std::size_t l = 0; l < ln; ++l) {
      const std::uint64_t key = le[l] >> 32;
      while (r < rn && (re[r] >> 32) < key) ++r;
      if (r < rn && (re[r] >> 32) == key && in(le[l]))
        hits.push_back({static_cast<std::uint32_t>(le[l]), band, static_cast<std::uint32_t>(r)});
    }
  }
  // By document: a counting sort (documents are dense numbers), O(hits + documents).
  std::size_t top = 0;
  for (const dedup_hit& h : hits) top = std::max<std::size_t>(top, h.doc + 1);
  std::vector<std::size_t> at(top + 1, 0);
  for (const dedup_hit& h : hits) ++at[h.doc + 1];
  for (std::size_t d = 1; d <= top; ++d) at[d] += at[d - 1];
  std::vector<dedup_hit> sorted(hits.size());
  for (const dedup_hit& h : hits) sorted[at[h.doc]++] = h;
  return sorted;
}

/// Verifies the hits [begin, end) (gathered by gather_hits, whole documents): calls
/// f(a, b, counts) ordered by a, then b. Any number of threads may verify disjoint
/// (or the same) ranges of one hit list at once.
template <class F>
void verify_hits(const dedup_store& left, const dedup_store& right, double threshold, const dedup_hit* begin,
                 const dedup_hit* end, F&& f) {
  const bool self = &left == &right;
  jaccard_prober prober;
  std::vector<std::uint32_t> cands;
  for (const dedup_hit* h = begin; h != end;) {
    const std::uint32_t a = h->doc;
    cands.clear();
    for (; h != end && h->doc == a; ++h) {
      const std::uint64_t* re = right.entries(h->band);
      const std::uint64_t key = re[h->start] >> 32;
      for (std::size_t q = h->start, n = right.band_size(h->band); q < n && (re[q] >> 32) == key; ++q)
        cands.push_back(static_cast<std::uint32_t>(re[q]));
    }
    std::sort(cands.begin(), cands.end());
    cands.erase(std::unique(cands.begin(), cands.end()), cands.end());
    if (self)  // a crafted image could hold a document twice in a run
      cands.erase(std::remove_if(cands.begin(), cands.end(), [&](std::uint32_t b) { return b <= a; }), cands.end());
    if (cands.empty()) continue;
    prober.assign(left.text(a), left.params.shingle_size);
    verify_candidates(a, prober, right, cands, threshold, f);
  }
}

/// The verified pairs between the documents of `left` (a) and those of `right` (b),
/// or within one store when both are the same object (then a < b): calls
/// f(a, b, counts) ordered by a, then b, for a in [first, last). The stores must
/// share same_hashing(). Cost: a pass over every band, then the verification.
template <class F>
void for_each_verified_pair(const dedup_store& left, const dedup_store& right, double threshold, F&& f,
                            std::size_t first = 0, std::size_t last = dedup_none) {
  const std::vector<dedup_hit> hits = gather_hits(left, right, first, last);
  verify_hits(left, right, threshold, hits.data(), hits.data() + hits.size(), f);
}

}  // namespace zhtext::detail
