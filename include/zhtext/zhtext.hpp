// zhtext/zhtext.hpp - includes every public zhtext header.
//
// The pipeline reads top to bottom: bytes are validated and decoded (utf8), classified
// (chars), cleaned (normalize) and split into sentences (sentence); numbers and
// entities are read (numerals, entities); tokens (ngram)
// are counted into frequency tables (stop_words, frequency) and new words found
// (discover); svg_chart draws the results.
#pragma once

#include "version.hpp"
#include "result.hpp"
#include "utf8.hpp"
#include "chars.hpp"
#include "normalize.hpp"
#include "sentence.hpp"
#include "svg_chart.hpp"
#include "numerals.hpp"
#include "entities.hpp"
#include "ngram.hpp"
#include "stop_words.hpp"
#include "frequency.hpp"
#include "discover.hpp"
