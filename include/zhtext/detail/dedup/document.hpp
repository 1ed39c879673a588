// zhtext/detail/dedup/document.hpp - one document's contribution to an index: its
// shingle text and its MinHash band keys, in one pass over its bytes. The one place
// that does it, for dedup_index_builder::add and dedup_batch::add (dedup.hpp).
//
// Thread safety: a pure function of its arguments; the scratch is the caller's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "minhash.hpp"
#include "shingles.hpp"

namespace zhtext::detail {

/// Appends the shingle text of `text` to `texts` and, when it has shingles, writes its
/// bd.bands band keys to keys[0..bands) and returns true (false: no shingles, no keys).
template <class String>
bool sign_document(const minhasher& mh, std::size_t shingle_size, banding bd, minhash_scratch& scratch,
                   std::string_view text, String& texts, std::uint32_t* keys) {
  mh.begin(scratch);
  basic_shingle_roller<false> roll(shingle_size);
  kept_text_writer w(texts, text);
  for_each_kept(text, [&](const kept_unit& u, std::size_t begin) {
    w.add(u, begin);
    roll.push(u.value, 0);
    if (roll.window_ready()) mh.add(scratch, roll.window_key());
  });
  w.flush();
  if (roll.short_remainder()) mh.add(scratch, roll.remainder_key());
  if (!mh.finish(scratch)) return false;
  mh.band_keys(scratch.sig.data(), bd, keys);
  return true;
}

}  // namespace zhtext::detail
