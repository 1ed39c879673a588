// ngrams.hpp - character n-grams of text holding invalid UTF-8, for `zhtext count`.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

#include <zhtext/ngram.hpp>

namespace cli {

/// zhtext::for_each_repaired_char_ngram(text, n, f, options) with f(n-gram text, byte
/// offset in `text`): the n-grams of a line that a block holds as read (block::repair),
/// repaired 64 KiB at a time. Compiled here, in the library, not in the command: a
/// second caller of the n-gram cursor in cmd_count.cpp's translation unit made GCC
/// compile its usual loop differently (2-11 % more instructions on valid text).
void for_each_repaired_ngram(std::string_view text, std::size_t n, const zhtext::char_ngram_options& options,
                             const std::function<void(std::string_view, std::size_t)>& f);

}  // namespace cli
