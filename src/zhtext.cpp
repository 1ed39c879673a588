// src/zhtext.cpp - the compiled part of zhtext (libzhtext_compiled.a, CMake target
// zhtext::compiled): the cold functions the headers only declare when
// ZHTEXT_SEPARATE_COMPILATION is defined (loading, parsing, compiling and caching the
// dictionary, the HMM, the POS model, the IDF table and the stop words; see
// include/zhtext/detail/platform/linkage.hpp). Compiled once here, instead of in every
// program that loads a model. Header-only users do not build this file.
#if !defined(ZHTEXT_SEPARATE_COMPILATION)
#error "src/zhtext.cpp is the compiled mode's source: build it with -DZHTEXT_SEPARATE_COMPILATION"
#endif
#define ZHTEXT_COMPILED_SOURCE 1

#include <zhtext/dictionary.hpp>
#include <zhtext/file.hpp>
#include <zhtext/hmm_model.hpp>
#include <zhtext/idf.hpp>
#include <zhtext/keywords.hpp>
#include <zhtext/pos.hpp>
#include <zhtext/pos_model.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/stop_words.hpp>
