// convert_opencc_test.cpp - zhtext's converter against the `opencc` program (Debian
// opencc 1.1.6), byte for byte, on every line: the project's own text
// (tests/data/convert_sample.txt) and generated text that stresses the rules, for all
// 14 configurations Debian ships; random configurations of random dictionaries over a
// small alphabet, where every rule shows (Debian's own data cannot tell a group's
// first-match rule from a longest-match rule: no key of a group's later dictionary
// extends a key of an earlier one); and the .ocd2 reader against `opencc_dict -f ocd2
// -t text` on every Debian dictionary. Skipped (exit 77) without the program.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <random>
#include <set>

#include "convert_support.hpp"

TEST_CASE("opencc program: project text, every configuration, every line", "[convert][opencc]") {
  convert_test::require_opencc_program();
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  REQUIRE(!sample.empty());
  zhtext_test::temp_dir dir("zhtext_convert_opencc");
  std::size_t total = 0;
  for (const std::string& name : convert_test::configs) {
    INFO(name);
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    total += convert_test::compare_lines(*c, sample, convert_test::run_opencc(name, sample, dir));
  }
  std::printf("convert_opencc: project text: %zu lines compared (14 configurations), all equal\n", total);
}

TEST_CASE("opencc program: generated text that stresses the rules, every configuration", "[convert][opencc]") {
  convert_test::require_opencc_program();
  zhtext_test::temp_dir dir("zhtext_convert_opencc");
  std::uint64_t seed = 1;
  for (const std::string& name : convert_test::configs) {
    INFO(name);
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    const std::vector<std::string> keys = convert_test::config_keys(name);
    std::size_t lines = 0;
    for (int round = 0; round < 3; ++round) {
      const std::string text = convert_test::generate_text(keys, 1500, seed++);
      lines += convert_test::compare_lines(*c, text, convert_test::run_opencc(name, text, dir));
    }
    std::printf("convert_opencc: generated text, %s: %zu lines compared, all equal\n", name.c_str(), lines);
  }
}

TEST_CASE("opencc program: random configurations where every rule shows", "[convert][opencc]") {
  convert_test::require_opencc_program();
  // Keys and values over a few characters, so that keys overlap, extend each other and
  // repeat across dictionaries; groups, chains of several steps, empty values, several
  // values, a segmentation dictionary that is or is not the first of step 1.
  const std::vector<std::string> alphabet = {"a", "b", "c", "中", "國", "学"};
  std::mt19937_64 rng(15);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto word = [&](std::size_t min, std::size_t max) {
    std::string w;
    const std::size_t n = min + pick(max - min + 1);
    for (std::size_t i = 0; i < n; ++i) w += alphabet[pick(alphabet.size())];
    return w;
  };
  std::size_t lines = 0, configs = 0;
  for (int round = 0; round < 120; ++round) {
    zhtext_test::temp_dir dir("zhtext_convert_random");
    const std::size_t n_dicts = 2 + pick(4);
    for (std::size_t d = 0; d < n_dicts; ++d) {
      std::set<std::string> keys;
      const std::size_t n_keys = 2 + pick(10);
      while (keys.size() < n_keys) keys.insert(word(1, 4));
      std::string text;
      for (const std::string& k : keys) {
        text += k + "\t" + word(0, 3);
        if (pick(5) == 0) text += " " + word(1, 2);
        text += "\n";
      }
      zhtext_test::write_file(dir.file("d" + std::to_string(d) + ".txt"), text);
    }
    auto dict = [&](std::size_t max_members) {
      const std::size_t members = 1 + pick(max_members);
      auto one = [&] { return "{\"type\": \"text\", \"file\": \"d" + std::to_string(pick(n_dicts)) + ".txt\"}"; };
      if (members == 1 && pick(2) == 0) return one();
      std::string g = "{\"type\": \"group\", \"dicts\": [";
      for (std::size_t m = 0; m < members; ++m) g += (m ? ", " : "") + one();
      return g + "]}";
    };
    const std::string seg = dict(2);
    std::string json = "{\"name\": \"random\", \"segmentation\": {\"type\": \"mmseg\", \"dict\": " + seg +
                       "}, \"conversion_chain\": [";
    const std::size_t steps = 1 + pick(3);
    for (std::size_t k = 0; k < steps; ++k) {
      // Step 1 often begins with the segmentation's dictionaries, as OpenCC's own do.
      std::string d = k == 0 && pick(2) == 0 && seg.rfind("{\"type\": \"text\"", 0) == 0
                          ? "{\"type\": \"group\", \"dicts\": [" + seg + ", " + dict(1) + "]}"
                          : dict(3);
      json += (k ? ", " : "") + std::string("{\"dict\": ") + d + "}";
    }
    json += "]}";
    const std::string config = dir.file("random.json");
    zhtext_test::write_file(config, json);
    std::string text;
    for (int l = 0; l < 150; ++l) text += word(0, 24) + (pick(6) == 0 ? "。x" + word(0, 6) : "") + "\n";
    INFO(json);
    zhtext::converter_options no_cache;  // temporary configurations: keep them out of the image cache
    no_cache.cache.enabled = false;
    auto c = zhtext::converter::load(config, no_cache);
    REQUIRE(c);
    zhtext_test::temp_dir io("zhtext_convert_random_io");
    lines += convert_test::compare_lines(*c, text, convert_test::run_opencc(config, text, io));
    ++configs;
  }
  std::printf("convert_opencc: %zu random configurations, %zu lines compared, all equal\n", configs, lines);
}

TEST_CASE("opencc_dict: zhtext reads every Debian .ocd2 dictionary as opencc_dict dumps it", "[convert][opencc]") {
  convert_test::require_opencc_program();
  zhtext_test::temp_dir dir("zhtext_convert_opencc");
  std::size_t files = 0, entries = 0;
  for (const auto& e : std::filesystem::directory_iterator(zhtext::opencc_data_dir())) {
    if (e.path().extension() != ".ocd2") continue;
    INFO(e.path());
    const std::string dump = dir.file("dump.txt");
    const std::string cmd = "opencc_dict -f ocd2 -t text -i " + zhtext_test::shell_quote(e.path().string()) + " -o " +
                            zhtext_test::shell_quote(dump);
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::multiset<std::string> theirs, ours;
    const std::string dumped = zhtext_test::read_file(dump);
    for (std::string_view line : convert_test::split_lines(dumped))
      if (!line.empty()) theirs.emplace(line);
    auto r = zhtext::detail::read_ocd2_entries(
        zhtext_test::read_file(e.path().string()), e.path().string(),
        [&](std::string_view key, const std::vector<std::string_view>& values) {
          std::string line(key);
          line += '\t';
          for (std::size_t i = 0; i < values.size(); ++i) (line += i ? " " : "") += values[i];
          ours.insert(line);
        });
    REQUIRE(r);
    CHECK(ours == theirs);
    ++files;
    entries += ours.size();
  }
  CHECK(files >= 16);
  std::printf("convert_opencc: %zu .ocd2 dictionaries, %zu entries, identical to opencc_dict's dumps\n", files, entries);
}
