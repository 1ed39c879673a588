// zhtext/zhtext.hpp - includes every public zhtext header.
//
// The pipeline reads top to bottom: bytes are validated and decoded (utf8), classified
// (chars), cleaned (normalize), converted between traditional and simplified Chinese
// (convert), split into sentences (sentence) and words (dictionary,
// hmm_model, segment), tagged with parts of speech (pos_model, pos); numbers and
// entities are read (numerals, entities); match finds many literal patterns at once;
// tokens (ngram) are counted into frequency tables (stop_words, frequency), keywords
// ranked (keywords: TF-IDF, TextRank) and new words found (discover).
#pragma once

#include "version.hpp"
#include "result.hpp"
#include "text_span.hpp"
#include "file.hpp"
#include "formats.hpp"
#include "utf8.hpp"
#include "chars.hpp"
#include "unicode.hpp"
#include "normalize.hpp"
#include "sentence.hpp"
#include "jieba_data.hpp"
#include "convert.hpp"
#include "dictionary.hpp"
#include "hmm_model.hpp"
#include "segment.hpp"
#include "segment_parallel.hpp"
#include "pos_model.hpp"
#include "pos.hpp"
#include "numerals.hpp"
#include "entities.hpp"
#include "match.hpp"
#include "ngram.hpp"
#include "stop_words.hpp"
#include "frequency.hpp"
#include "idf.hpp"
#include "keywords.hpp"
#include "script.hpp"
#include "discover.hpp"
#include "dedup.hpp"
