// zhtext/detail/segment/user_words.hpp - the words added, re-weighted or deleted at run time
// (jieba's add_word / del_word / suggest_freq(tune=True) / load_userdict), kept beside
// the immutable dictionary image instead of inside it.
//
// A trie over code points, lean because a user dictionary is hostile input (one word
// may be 50 MiB long) and jieba takes any word, so no length cap is needed:
//  - nodes are numbered in creation order; label_[n] holds node n's code point (21
//    bits) and a bit telling that its parent is node n - 1 (a "chained" node: the
//    nodes a new word appends are chained, so a word's new tail costs no edge);
//    entry_[n] is 0, or 1 + the number of its entry (frequency, log, tag) in nodes_;
//  - the other edges are in a hash map keyed by (parent << 21 | code point);
//  - a 64 Ki-bit filter of first characters lets the segmenter skip the overlay with
//    one bit test at positions where no user word starts.
// A node that is not an entry is only a prefix (jieba's FREQ holds it with 0); an
// entry with freq 0 is a deleted word. An entry overrides the dictionary's frequency
// for the same string; a tag, once given, is kept when a later change gives none
// (jieba's user_word_tag_tab).
// Cost: O(length) per lookup step or insertion; 8 bytes a node (a 50 MiB word of Han
// characters: 140 MB, grown without a second copy), 16-32 more for a node reached by
// an edge of the map (a word branching off an earlier one), 24 an entry.
// Thread safety: the segmenter copies it before changing it and publishes the copy
// (copy-on-write), so a published user_words is never modified: share freely.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../containers/flat_map.hpp"
#include "../containers/growable_array.hpp"
#include "../platform/math.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

class user_words {
 public:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  struct node {
    std::int64_t freq = -1;  ///< -1: prefix only
    double log_freq = 0;     ///< log(freq) when freq > 0
    std::uint32_t tag = 0;   ///< index into tags(); 0 = none
  };

  user_words() : first_(1024, 0), tags_(1) {
    label_.push_back(0);
    entry_.push_back(0);
  }

  std::size_t entries() const noexcept { return nodes_.size(); }
  /// Nodes, the root included; node numbers are below this and never change.
  std::size_t nodes() const noexcept { return label_.size(); }
  bool empty() const noexcept { return label_.size() == 1; }

  /// Might a user word start with cp? (false means certainly not)
  bool may_start(char32_t cp) const noexcept { return (first_[(cp >> 6) & 1023] >> (cp & 63)) & 1; }
  /// The child of node n by cp, or none.
  std::uint32_t child(std::uint32_t n, char32_t cp) const {
    const std::size_t m = std::size_t{n} + 1;
    if (m < label_.size() && label_[m] == (cp | chained_bit)) return static_cast<std::uint32_t>(m);
    if (edges_.empty()) return none;
    const std::uint64_t k = key(n, cp);
    const std::size_t e = edges_.find(k, key_hash<std::uint64_t>()(k));
    return e == edges_.npos ? none : edges_[e].value;
  }
  /// Node n's entry, or a node of frequency -1 when n is only a prefix.
  const node& at(std::uint32_t n) const noexcept {
    static const node prefix{};
    const std::uint32_t e = entry_[n];
    return e == 0 ? prefix : nodes_[e - 1];
  }
  std::string_view tag(std::uint32_t n) const noexcept { return tags_[at(n).tag]; }

  /// The node of a string (decoded; must be valid UTF-8), or none.
  std::uint32_t find(std::string_view word) const {
    std::uint32_t n = 0;
    for (const code_point& c : code_point_range(word)) {
      n = child(n, c.value);
      if (n == none) return none;
    }
    return n;
  }

  /// Sets `word`'s frequency (0 = deleted) and, when `tag` is not empty, its tag.
  /// `word` must be valid, non-empty UTF-8.
  void set(std::string_view word, std::int64_t freq, std::string_view tag) {
    std::uint32_t n = 0;
    bool first = true;
    bool grown = false;
    for (const code_point& c : code_point_range(word)) {
      if (first) first_[(c.value >> 6) & 1023] |= std::uint64_t{1} << (c.value & 63);
      first = false;
      const std::uint32_t m = child(n, c.value);
      if (m != none) {
        n = m;
        continue;
      }
      if (!grown) {  // room for the rest of the word at once (a long word: no doubling)
        grown = true;
        const std::size_t need = label_.size() + count_code_points_using(best_utf8_kernel(), word.substr(c.offset));
        if (need > label_.capacity()) {
          label_.reserve(std::max(need, label_.capacity() + label_.capacity() / 2));
          entry_.reserve(label_.capacity());
        }
      }
      const auto fresh = static_cast<std::uint32_t>(label_.size());
      if (fresh == n + 1) {
        label_.push_back(static_cast<std::uint32_t>(c.value) | chained_bit);
      } else {
        label_.push_back(static_cast<std::uint32_t>(c.value));
        const std::uint64_t k = key(n, c.value);
        edges_[edges_.find_or_insert(k, key_hash<std::uint64_t>()(k), [&] { return k; }).first].value = fresh;
      }
      entry_.push_back(0);
      n = fresh;
    }
    if (entry_[n] == 0) {
      nodes_.push_back(node{});
      entry_[n] = static_cast<std::uint32_t>(nodes_.size());
    }
    node& nd = nodes_[entry_[n] - 1];
    nd.freq = freq;
    nd.log_freq = freq > 0 ? natural_log(static_cast<double>(freq)) : 0.0;
    if (!tag.empty()) {
      // tag_index_ maps a hash of the tag to its index; a key taken by another tag
      // (a collision) sends the search on to the next key.
      for (std::uint64_t k = hash_bytes(tag);; ++k) {
        const auto [e, inserted] = tag_index_.find_or_insert(k, key_hash<std::uint64_t>()(k), [&] { return k; });
        if (inserted) {
          tag_index_[e].value = static_cast<std::uint32_t>(tags_.size());
          tags_.emplace_back(tag);
        }
        if (tags_[tag_index_[e].value] == tag) {
          nd.tag = tag_index_[e].value;
          break;
        }
      }
    }
  }

 private:
  static constexpr std::uint32_t chained_bit = 1u << 31;  // the parent is the previous node
  static std::uint64_t key(std::uint32_t n, char32_t cp) noexcept { return (std::uint64_t{n} << 21) | cp; }

  growable_array<std::uint32_t> label_;  // per node: code point | chained_bit
  growable_array<std::uint32_t> entry_;  // per node: 0, or 1 + its entry in nodes_
  growable_array<node> nodes_;           // the entries
  flat_map<std::uint64_t, std::uint32_t> edges_;  // the edges to nodes that are not chained
  std::vector<std::uint64_t> first_;  // bit (cp mod 65536)
  std::vector<std::string> tags_;
  flat_map<std::uint64_t, std::uint32_t> tag_index_;  // hash of a tag (+ collisions) -> its index in tags_
};

}  // namespace zhtext::detail
