// zhtext/detail/dedup/document.hpp - one document's contribution to an index: its
// shingle text and its MinHash band keys, in one pass over its bytes, given whole or
// in pieces. The one place that does it, for dedup_index_builder::add / add_piece and
// dedup_batch::add (dedup.hpp).
//
// Pieces may be cut anywhere, even inside a UTF-8 sequence: a piece that ends with
// the beginning of a sequence (at most 3 bytes, which the next piece may complete)
// keeps those bytes for the next piece, so the pieces give the shingle text and the
// keys of their concatenation, byte for byte, holding only the last K code points,
// the signature and those few bytes.
//
// Thread safety: a value type for one document at a time; the minhasher is shared
// (const), the scratch is the caller's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "minhash.hpp"
#include "shingles.hpp"

namespace zhtext::detail {

/// Shingles and signs one document given in pieces: begin(), add() each piece in
/// order, finish(). Between documents it keeps nothing but its shingle size.
class document_signer {
 public:
  explicit document_signer(std::size_t shingle_size) noexcept : k_(shingle_size), roll_(shingle_size) {}

  /// Starts a document.
  void begin(const minhasher& mh, minhash_scratch& scratch) {
    roll_ = basic_shingle_roller<false>(k_);
    held_size_ = 0;
    mh.begin(scratch);
  }

  /// Appends the shingle text of the next piece of the document to `texts`.
  template <class String>
  void add(const minhasher& mh, minhash_scratch& scratch, std::string_view piece, String& texts) {
    const unsigned char* p = bytes(piece);
    const std::size_t n = piece.size();
    std::size_t i = held_size_ == 0 ? 0 : complete_held(mh, scratch, p, n, texts);
    kept_text_writer<String> w(texts, piece);
    while (i < n) {
      const kept_unit u = kept_unit_at(p, n, i);
      if (!u.verbatim && i + u.size == n && n - i < sequence_length(p[i])) {  // may go on in the next piece
        for (std::size_t j = i; j < n; ++j) held_[held_size_++] = p[j];
        break;
      }
      if (u.kept) {
        w.add(u, i);
        push(mh, scratch, u.value);
      }
      i += u.size;
    }
    w.flush();
  }

  /// Ends the document: an incomplete sequence held is one U+FFFD (as at the end of
  /// a whole text). When the document has shingles, writes its bd.bands band keys to
  /// keys[0..bands) and returns true (false: no shingles, no keys).
  template <class String>
  bool finish(const minhasher& mh, minhash_scratch& scratch, banding bd, String& texts, std::uint32_t* keys) {
    for (std::size_t i = 0; i < held_size_;) {
      const kept_unit u = kept_unit_at(held_, held_size_, i);
      emit(mh, scratch, u, held_ + i, texts);
      i += u.size;
    }
    held_size_ = 0;
    if (roll_.short_remainder()) mh.add(scratch, roll_.remainder_key());
    if (!mh.finish(scratch)) return false;
    mh.band_keys(scratch.sig.data(), bd, keys);
    return true;
  }

 private:
  // Bytes of the well-formed sequence a byte leads (1 for a byte that leads none).
  static std::size_t sequence_length(unsigned char b) noexcept {
    return b < 0xC2 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 1;
  }

  void push(const minhasher& mh, minhash_scratch& scratch, char32_t c) {
    roll_.push(c, 0);
    if (roll_.window_ready()) mh.add(scratch, roll_.window_key());
  }

  // A unit read outside the piece (from held bytes): kept, it is written as it is or
  // as its folded code point, as kept_text_writer writes it.
  template <class String>
  void emit(const minhasher& mh, minhash_scratch& scratch, const kept_unit& u, const unsigned char* at, String& texts) {
    if (!u.kept) return;
    if (u.verbatim) texts.append(reinterpret_cast<const char*>(at), u.size);
    else utf8::unchecked::append(static_cast<std::uint32_t>(u.value), std::back_inserter(texts));
    push(mh, scratch, u.value);
  }

  // Reads the held bytes with the first bytes of the piece p[0, n): the unit they
  // begin, which takes all the held bytes (they are a maximal subpart so far). Returns
  // the bytes of the piece it takes; all of them when the sequence is still not
  // complete (then they are held too).
  template <class String>
  std::size_t complete_held(const minhasher& mh, minhash_scratch& scratch, const unsigned char* p, std::size_t n,
                            String& texts) {
    unsigned char buf[8];
    std::size_t len = 0;
    for (; len < held_size_; ++len) buf[len] = held_[len];
    const std::size_t take = n < 4 - held_size_ ? n : 4 - held_size_;
    for (std::size_t j = 0; j < take; ++j) buf[len++] = p[j];
    const kept_unit u = kept_unit_at(buf, len, 0);
    if (u.size == len && len < sequence_length(buf[0])) {  // the piece ended first: hold on
      for (std::size_t j = 0; j < len; ++j) held_[j] = buf[j];
      held_size_ = len;
      return n;
    }
    emit(mh, scratch, u, buf, texts);
    const std::size_t used = u.size - held_size_;
    held_size_ = 0;
    return used;
  }

  std::size_t k_;
  basic_shingle_roller<false> roll_;
  unsigned char held_[4] = {};
  std::size_t held_size_ = 0;
};

/// Appends the shingle text of `text` to `texts` and, when it has shingles, writes its
/// bd.bands band keys to keys[0..bands) and returns true (false: no shingles, no keys).
template <class String>
bool sign_document(const minhasher& mh, std::size_t shingle_size, banding bd, minhash_scratch& scratch,
                   std::string_view text, String& texts, std::uint32_t* keys) {
  document_signer s(shingle_size);
  s.begin(mh, scratch);
  s.add(mh, scratch, text, texts);
  return s.finish(mh, scratch, bd, texts, keys);
}

}  // namespace zhtext::detail
