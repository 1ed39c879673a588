// zhtext/zhtext.hpp - includes every public zhtext header.
//
// The pipeline reads top to bottom: bytes are validated and decoded (utf8), classified
// (chars), cleaned (normalize), split into sentences (sentence) and words (dictionary,
// hmm_model, segment); match finds many literal patterns at once.
#pragma once

#include "version.hpp"
#include "result.hpp"
#include "utf8.hpp"
#include "chars.hpp"
#include "unicode.hpp"
#include "normalize.hpp"
#include "sentence.hpp"
#include "jieba_data.hpp"
#include "dictionary.hpp"
#include "hmm_model.hpp"
#include "segment.hpp"
#include "svg_chart.hpp"
#include "numerals.hpp"
#include "entities.hpp"
#include "match.hpp"
