// zhtext/detail/dedup/doc_offsets.hpp - the N + 1 offsets of N documents' texts (or
// names) laid end to end in one string, where a document with an empty text costs
// about 1 bit, not 8 bytes: the ends of the non-empty documents, a bit per document
// (set: not empty) and, per 64 documents, the non-empty documents before them (issue
// 14: 4 million empty lines took 64 MB of offsets for nothing).
//
// Cost: push_back O(1) amortised; offset i O(1) (a rank: a count and a popcount).
// Memory: 8 bytes per non-empty document plus 16 bytes per 64 documents.
// Thread safety: a value type; const reads from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "../platform/math.hpp"

namespace zhtext::detail {

class doc_offsets {
 public:
  /// Documents.
  std::size_t size() const noexcept { return docs_; }
  /// The end of the last document (0 when none).
  std::uint64_t back() const noexcept { return ends_.empty() ? 0 : ends_.back(); }
  /// Appends a document whose text ends at `end` (>= back(); equal: an empty text).
  void push_back(std::uint64_t end) {
    if (docs_ % 64 == 0) {
      bits_.push_back(0);
      before_.push_back(ends_.size());
    }
    if (end != back()) {
      bits_.back() |= std::uint64_t{1} << (docs_ % 64);
      ends_.push_back(end);
    }
    ++docs_;
  }
  /// Offset i, 0 <= i <= size(): where document i begins (size(): the end of all).
  std::uint64_t operator[](std::size_t i) const noexcept {
    const std::size_t w = i / 64;
    const std::size_t before = w == bits_.size() ? ends_.size()
                                                 : static_cast<std::size_t>(before_[w]) +
                                                       popcount64(bits_[w] & ((std::uint64_t{1} << (i % 64)) - 1));
    return before == 0 ? 0 : ends_[before - 1];
  }
  /// The offsets 0 .. size() as one array (what an index image stores).
  std::vector<std::uint64_t> expanded() const {
    std::vector<std::uint64_t> out;
    out.reserve(docs_ + 1);
    for (std::size_t i = 0; i <= docs_; ++i) out.push_back((*this)[i]);
    return out;
  }
  /// Room for `documents` more documents' bits (not their ends: those are paid per
  /// non-empty document as it comes).
  void reserve(std::size_t documents) {
    bits_.reserve((docs_ + documents) / 64 + 1);
    before_.reserve((docs_ + documents) / 64 + 1);
  }
  /// No documents (keeps the memory).
  void clear() noexcept {
    ends_.clear();
    bits_.clear();
    before_.clear();
    docs_ = 0;
  }

 private:
  std::vector<std::uint64_t> ends_;    // per non-empty document
  std::vector<std::uint64_t> bits_;    // per 64 documents: bit d set when document 64w+d is not empty
  std::vector<std::uint64_t> before_;  // per 64 documents: the non-empty documents before them
  std::size_t docs_ = 0;
};

}  // namespace zhtext::detail
