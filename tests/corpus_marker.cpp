// corpus_marker.cpp - linked into <name>_corpus_test executables only: tells the
// shared test main (main.cpp) that this test needs the news corpus.
extern "C" bool zhtext_test_needs_corpus() { return true; }
