// zhtext/text_span.hpp - a piece of a text: a view of its bytes and the byte offset in
// the text where it starts.
//
// What every producer of zhtext that cuts a text into pieces yields: words
// (zhtext::token, segment.hpp), UAX #29 segments (zhtext::segment, unicode.hpp),
// sentences (zhtext::sentence, sentence.hpp) and character n-grams (zhtext::ngram,
// ngram.hpp) are all this one type under names that read well where they are used.
// Producers that say more (tagged_token, match, entity) have their own types.
//
//   for (const zhtext::text_span& s : zhtext::sentences(text))
//     assert(s.text.data() == text.data() + s.offset);   // a view, no copy
//
// The view is valid as long as the text is (a token of jieba's full mode is the one
// exception, documented in segment.hpp). Trivially copyable; 24 bytes on 64-bit hosts.
#pragma once

#include <cstddef>
#include <string_view>

namespace zhtext {

/// A piece of a text: its bytes (a view into the text) and where it starts.
struct text_span {
  std::string_view text;    ///< the piece's bytes
  std::size_t offset = 0;   ///< byte offset of text[0] in the whole text

  /// Equal when both the offsets and the bytes are.
  friend bool operator==(const text_span& a, const text_span& b) noexcept {
    return a.offset == b.offset && a.text == b.text;
  }
  friend bool operator!=(const text_span& a, const text_span& b) noexcept { return !(a == b); }
};

}  // namespace zhtext
