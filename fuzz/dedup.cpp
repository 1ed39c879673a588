// fuzz/dedup.cpp - zhtext/dedup.hpp (near-duplicates) on any bytes. The first byte
// picks the mode (bit 0) and the options; the rest is the input.
//  - mode 0, documents: the input's lines are the documents (shingle size 1..8 and a
//    threshold from the first byte). Shingles: the range, the callback and the vector
//    agree; each lies in the text, in order, and its hash is shingle_hash() of the
//    code points of its span's shingle_text (the rolling hash is the direct one); the
//    text shingles as repair_utf8(text) does. Similarity is symmetric, in [0, 1], 1
//    for a text with itself (0 without shingles). The index: pairs are ordered,
//    first < second < size(), at or above the threshold, with the exact similarity
//    shingle_similarity() gives (intersection / union); identical documents with
//    shingles always pair (their signatures are equal); for_each_pair over two ranges
//    gives pairs(), and so does build_candidates() (no index); the image loads back
//    to the same pairs; two halves indexed apart and merged give the same pairs;
//    query() of an indexed document finds it; clusters(1) puts each document in
//    exactly one group; the documents added in pieces (add_piece/end_document) give
//    add()'s index, byte for byte.
//  - mode 1, images: dedup_index::from_image on the bytes (size and checksum fields
//    rewritten when bit 1 is set, restamp_image): refused with errc::corrupt_data, or
//    an index whose pairs, queries and clusters stay in range.
#include <algorithm>
#include <cmath>

#include <zhtext/dedup.hpp>
#include <zhtext/utf8.hpp>

#include "fuzz_support.hpp"

namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size() && out.size() < 64) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

std::string show(const zhtext::dedup_pair& p) {
  return "(" + std::to_string(p.first) + ", " + std::to_string(p.second) + ", " + std::to_string(p.intersection) +
         "/" + std::to_string(p.union_size) + ")";
}

bool same_pairs(const std::vector<zhtext::dedup_pair>& a, const std::vector<zhtext::dedup_pair>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const zhtext::dedup_pair& x, const zhtext::dedup_pair& y) {
    return x.first == y.first && x.second == y.second && x.intersection == y.intersection &&
           x.union_size == y.union_size && x.similarity == y.similarity;
  });
}

void check_shingles(std::string_view text, std::size_t k) {
  const std::vector<zhtext::shingle> list = zhtext::shingle_vector(text, k);
  std::vector<zhtext::shingle> ranged, called;
  for (const zhtext::shingle& s : zhtext::shingles(text, k)) ranged.push_back(s);
  zhtext::for_each_shingle(text, [&](const zhtext::shingle& s) { called.push_back(s); }, k);
  FUZZ_CHECK(ranged == list && called == list, "the shingle range, callback and vector disagree");
  std::size_t last_begin = 0;
  for (const zhtext::shingle& s : list) {
    FUZZ_CHECK(s.begin >= last_begin && s.begin < s.end && s.end <= text.size() && s.size >= 1 && s.size <= k,
               "a shingle at [" + std::to_string(s.begin) + ", " + std::to_string(s.end) + ") of " +
                   std::to_string(s.size) + " code points");
    last_begin = s.begin;
    const std::u32string cps = zhtext::to_utf32(zhtext::shingle_text(text.substr(s.begin, s.end - s.begin)));
    FUZZ_CHECK(cps.size() == s.size && zhtext::shingle_hash(cps) == s.hash,
               "the shingle at [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
                   ") is not the hash of its span's " + std::to_string(cps.size()) + " kept code points");
  }
  FUZZ_CHECK(list.size() <= 1 || list.front().size == k, "several shingles shorter than K");
  const std::string repaired = zhtext::repair_utf8(text);
  const std::vector<zhtext::shingle> fixed = zhtext::shingle_vector(repaired, k);
  bool same = fixed.size() == list.size();
  for (std::size_t i = 0; same && i < list.size(); ++i) same = fixed[i].hash == list[i].hash;
  FUZZ_CHECK(same, "a text and repair_utf8 of it shingle differently");
}

void documents(std::uint8_t flags, std::string_view rest) {
  zhtext::dedup_options opt;
  opt.shingle_size = 1 + ((flags >> 1) & 7);
  static constexpr double thresholds[] = {0.8, 0.5, 1.0, 0.3};
  opt.threshold = thresholds[(flags >> 4) & 3];
  opt.hashes = flags & 0x40 ? 128 : 32;  // 32 mostly: a builder makes 2 x hashes^2 tables
  const std::size_t k = opt.shingle_size;
  const std::vector<std::string_view> docs = lines_of(rest);

  for (std::size_t i = 0; i < docs.size() && i < 8; ++i) check_shingles(docs[i], k);
  for (std::size_t i = 0; i + 1 < docs.size() && i < 8; ++i) {
    const double ab = zhtext::shingle_similarity(docs[i], docs[i + 1], k);
    const double ba = zhtext::shingle_similarity(docs[i + 1], docs[i], k);
    FUZZ_CHECK(ab == ba && ab >= 0 && ab <= 1, "similarity " + std::to_string(ab) + " one way, " + std::to_string(ba) +
                                                   " the other");
    const double self = zhtext::shingle_similarity(docs[i], docs[i], k);
    FUZZ_CHECK(self == (zhtext::shingle_vector(docs[i], k).empty() ? 0.0 : 1.0),
               "a text's similarity with itself is " + std::to_string(self));
  }

  auto builder = zhtext::dedup_index_builder::create(opt);
  FUZZ_CHECK(builder.ok(), "valid options refused: " + builder.error().message);
  auto half = zhtext::dedup_index_builder::create(opt), other = zhtext::dedup_index_builder::create(opt);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    builder->add(docs[i], "d" + std::to_string(i));
    (i < docs.size() / 2 ? *half : *other).add(docs[i], "d" + std::to_string(i));
  }
  auto index = builder->build();
  FUZZ_CHECK(index.ok(), "build failed: " + index.error().message);
  // The same documents given in pieces of 1..7 bytes (cut anywhere, even inside a
  // UTF-8 sequence): add_piece/end_document make add()'s index, byte for byte.
  auto pieces = zhtext::dedup_index_builder::create(opt);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    for (std::size_t at = 0, n = 1; at < docs[i].size(); at += n, n = 1 + (at + i) % 7)
      pieces->add_piece(docs[i].substr(at, n));
    pieces->end_document("d" + std::to_string(i));
  }
  auto pieced = pieces->build();
  FUZZ_CHECK(pieced.ok() && pieced->to_image() == index->to_image(),
             "documents added in pieces give another index than add()");
  FUZZ_CHECK(index->size() == docs.size(), "the index has " + std::to_string(index->size()) + " documents");
  const std::vector<zhtext::dedup_pair> pairs = index->pairs();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const zhtext::dedup_pair& p = pairs[i];
    FUZZ_CHECK(p.first < p.second && p.second < docs.size(), "a pair out of range: " + show(p));
    FUZZ_CHECK(i == 0 || pairs[i - 1].first < p.first || (pairs[i - 1].first == p.first && pairs[i - 1].second < p.second),
               "pairs out of order at " + show(p));
    FUZZ_CHECK(p.similarity >= opt.threshold && p.union_size > 0 &&
                   p.similarity == static_cast<double>(p.intersection) / static_cast<double>(p.union_size),
               "a pair below the threshold or with a similarity that is not its ratio: " + show(p));
    const double exact = zhtext::shingle_similarity(docs[p.first], docs[p.second], k);
    FUZZ_CHECK(exact == p.similarity, "pair " + show(p) + " says " + std::to_string(p.similarity) +
                                          ", shingle_similarity " + std::to_string(exact));
  }
  // Identical documents with shingles: equal signatures, so candidates in every band.
  for (std::size_t a = 0; a < docs.size(); ++a)
    for (std::size_t b = a + 1; b < docs.size(); ++b)
      if (docs[a] == docs[b] && !zhtext::shingle_vector(docs[a], k).empty())
        FUZZ_CHECK(std::any_of(pairs.begin(), pairs.end(),
                               [&](const zhtext::dedup_pair& p) { return p.first == a && p.second == b; }),
                   "identical documents " + std::to_string(a) + " and " + std::to_string(b) + " do not pair");

  std::vector<zhtext::dedup_pair> ranged;
  const std::size_t cut = docs.size() / 3;
  index->for_each_pair([&](const zhtext::dedup_pair& p) { ranged.push_back(p); }, {0, cut});
  index->for_each_pair([&](const zhtext::dedup_pair& p) { ranged.push_back(p); }, {cut, docs.size()});
  FUZZ_CHECK(same_pairs(ranged, pairs), "pairs over two ranges of first documents differ from pairs()");
  // The pairs without an index (build_candidates: only the runs of shared band keys).
  auto direct = zhtext::dedup_index_builder::create(opt);
  for (std::size_t i = 0; i < docs.size(); ++i) direct->add(docs[i], "d" + std::to_string(i));
  auto candidates = direct->build_candidates();
  FUZZ_CHECK(candidates.ok() && candidates->documents() == docs.size(), "build_candidates failed or lost documents");
  std::vector<zhtext::dedup_pair> direct_pairs;
  candidates->for_each_pair([&](const zhtext::dedup_pair& p) { direct_pairs.push_back(p); });
  FUZZ_CHECK(same_pairs(direct_pairs, pairs), "build_candidates gives other pairs than the index");

  auto back = zhtext::dedup_index::from_image(index->to_image());
  FUZZ_CHECK(back.ok(), "an index image does not load back: " + back.error().message);
  FUZZ_CHECK(back->size() == docs.size() && same_pairs(back->pairs(), pairs), "an index image gives other pairs");

  auto a = half->build(), b = other->build();
  FUZZ_CHECK(a.ok() && b.ok(), "a half index failed to build");
  auto merged = zhtext::dedup_index::merge(*a, *b);
  FUZZ_CHECK(merged.ok(), "merging two halves failed: " + merged.error().message);
  FUZZ_CHECK(merged->size() == docs.size() && same_pairs(merged->pairs(), pairs),
             "two halves merged give other pairs than one index");

  for (std::size_t i = 0; i < docs.size() && i < 4; ++i) {
    if (zhtext::shingle_vector(docs[i], k).empty()) continue;
    const std::vector<zhtext::dedup_match> found = index->query(docs[i]);
    FUZZ_CHECK(std::any_of(found.begin(), found.end(),
                           [&](const zhtext::dedup_match& m) { return m.doc == i && m.similarity == 1.0; }),
               "query() of indexed document " + std::to_string(i) + " does not find it");
  }
  std::vector<int> seen(docs.size(), 0);
  for (const auto& group : index->clusters(1))
    for (std::uint32_t d : group) {
      FUZZ_CHECK(d < docs.size(), "a cluster holds document " + std::to_string(d));
      ++seen[d];
    }
  FUZZ_CHECK(std::all_of(seen.begin(), seen.end(), [](int n) { return n == 1; }),
             "clusters(1) does not hold every document exactly once");
}

void image(std::uint8_t flags, std::string_view raw) {
  const std::vector<std::uint64_t> restamped = flags & 2 ? zhtext_fuzz::restamp_image(raw) : std::vector<std::uint64_t>();
  const std::string_view bytes = flags & 2 ? zhtext_fuzz::bytes_of(restamped, raw.size()) : raw;
  auto index = zhtext::dedup_index::from_image(bytes, "<fuzz>");
  if (!index) {
    FUZZ_CHECK(index.error().code == zhtext::errc::corrupt_data,
               "a bad image is refused with " + std::string(zhtext::to_string(index.error().code)) + ": " +
                   index.error().message);
    return;
  }
  const std::size_t n = index->size();
  for (const zhtext::dedup_pair& p : index->pairs())
    FUZZ_CHECK(p.first < p.second && p.second < n && p.similarity >= 0 && p.similarity <= 1,
               "an accepted image gives pair " + show(p));
  for (std::size_t d = 0; d < n && d < 8; ++d) {
    (void)index->name(d);
    for (const zhtext::dedup_match& m : index->query(index->shingle_text(d)))
      FUZZ_CHECK(m.doc < n && m.similarity >= 0 && m.similarity <= 1, "an accepted image matches document " +
                                                                           std::to_string(m.doc));
  }
  for (const zhtext::dedup_match& m : index->query("今天社区志愿者来到北京，为居民服务。"))
    FUZZ_CHECK(m.doc < n, "an accepted image matches document " + std::to_string(m.doc));
  for (const auto& group : index->clusters(1))
    for (std::uint32_t d : group) FUZZ_CHECK(d < n, "a cluster of an accepted image holds document " + std::to_string(d));
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  // Paragraphs as documents, some lines repeated and edited (near-duplicates).
  for (std::size_t i = 0; i < t.paragraphs.size(); ++i)
    out.push_back(std::string(1, static_cast<char>((i % 8) << 1 | (i & 3) << 4)) + t.paragraphs[i]);
  for (std::size_t i = 0; i + 1 < t.lines.size(); i += 2) {
    std::string docs = t.lines[i] + "\n" + t.lines[i + 1] + "\n" + t.lines[i] + "\n" + t.lines[i] + "。补充一句\n";
    out.push_back(std::string(1, static_cast<char>((i % 8) << 1)) + docs);
  }
  // Images of small indexes.
  for (std::size_t i = 0; i + 2 < t.lines.size() && i < 12; i += 3) {
    auto b = zhtext::dedup_index_builder::create();
    if (!b) continue;
    for (std::size_t j = i; j < i + 3; ++j) b->add(t.lines[j], "line" + std::to_string(j));
    b->add(t.lines[i]);
    if (auto index = b->build()) {
      out.push_back("\x01" + index->to_image());
      out.push_back("\x03" + index->to_image());
    }
  }
}

}  // namespace

ZHTEXT_FUZZ_TARGET(dedup, "near-duplicates: shingles, exact pairs, image/merge/query round trips; index images",
                   seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  if (flags & 1)
    image(flags, in.rest());
  else
    documents(flags, in.rest());
}
