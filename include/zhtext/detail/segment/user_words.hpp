// zhtext/detail/segment/user_words.hpp - the words added, re-weighted or deleted at run time
// (jieba's add_word / del_word / suggest_freq(tune=True) / load_userdict), kept beside
// the immutable dictionary image instead of inside it.
//
// A trie over code points: nodes in a vector, edges in a hash map keyed by
// (node << 21 | code point), and a 64 Ki-bit filter of first characters so that the
// segmenter skips the overlay with one bit test at positions where no user word starts.
// A node's `freq` is -1 when it is only a prefix (jieba's FREQ holds it with 0 and it
// is not an entry here); an entry with freq 0 is a deleted word. An entry overrides the
// dictionary's frequency for the same string; a tag, once given, is kept when a later
// change gives none (jieba's user_word_tag_tab).
// Cost: O(length) per lookup step or insertion; ~60 bytes per node.
// Thread safety: the segmenter copies it before changing it and publishes the copy
// (copy-on-write), so a published user_words is never modified: share freely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

  user_words() : nodes_(1), first_(1024, 0), tags_(1) {}

  std::size_t entries() const noexcept { return entries_; }
  /// Nodes, the root included; node numbers are below this and never change.
  std::size_t nodes() const noexcept { return nodes_.size(); }
  bool empty() const noexcept { return nodes_.size() == 1; }

  /// Might a user word start with cp? (false means certainly not)
  bool may_start(char32_t cp) const noexcept { return (first_[(cp >> 6) & 1023] >> (cp & 63)) & 1; }
  /// The child of node n by cp, or none.
  std::uint32_t child(std::uint32_t n, char32_t cp) const {
    const auto it = edges_.find(key(n, cp));
    return it == edges_.end() ? none : it->second;
  }
  const node& at(std::uint32_t n) const noexcept { return nodes_[n]; }
  std::string_view tag(std::uint32_t n) const noexcept { return tags_[nodes_[n].tag]; }

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
    for (const code_point& c : code_point_range(word)) {
      if (first) first_[(c.value >> 6) & 1023] |= std::uint64_t{1} << (c.value & 63);
      first = false;
      auto [it, inserted] = edges_.try_emplace(key(n, c.value), static_cast<std::uint32_t>(nodes_.size()));
      if (inserted) nodes_.emplace_back();
      n = it->second;
    }
    node& nd = nodes_[n];
    if (nd.freq < 0) ++entries_;
    nd.freq = freq;
    nd.log_freq = freq > 0 ? natural_log(static_cast<double>(freq)) : 0.0;
    if (!tag.empty()) {
      std::uint32_t t = 0;
      for (std::uint32_t i = 1; i < tags_.size(); ++i)
        if (tags_[i] == tag) t = i;
      if (t == 0) {
        t = static_cast<std::uint32_t>(tags_.size());
        tags_.emplace_back(tag);
      }
      nd.tag = t;
    }
  }

 private:
  static std::uint64_t key(std::uint32_t n, char32_t cp) noexcept { return (std::uint64_t{n} << 21) | cp; }

  std::vector<node> nodes_;
  std::unordered_map<std::uint64_t, std::uint32_t> edges_;
  std::vector<std::uint64_t> first_;  // bit (cp mod 65536)
  std::vector<std::string> tags_;
  std::size_t entries_ = 0;
};

}  // namespace zhtext::detail
