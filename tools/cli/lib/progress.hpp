// progress.hpp - the block engine's progress line on stderr (see the README, "CLI
// reference", Progress): drawn when stderr is a terminal and the work is large (more
// than 8 MiB known up front, or running for more than a second), redrawn in place at
// most ten times a second, erased before any message and at the end. Internal to the
// engine. Thread-safe: a worker writing output to the same terminal erases it first.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "options.hpp"

namespace cli::detail {

class progress_line {
 public:
  progress_line(const args& a, std::uint64_t total, bool total_known);

  bool stdout_is_tty() const { return stdout_tty_; }
  /// Counts `bytes` more of the input as done.
  void add(std::uint64_t bytes);
  /// Redraws the line if it is due.
  void tick();
  /// Erases the line (before a message, or output to the same terminal).
  void clear();
  /// Writes `s` to stdout, erasing the line first when both are the same terminal.
  void write_stdout(std::string_view s);

 private:
  using clock_type = std::chrono::steady_clock;
  void clear_locked();
  std::string format(double elapsed) const;

  const args& a_;
  std::mutex mutex_;
  std::uint64_t total_, done_ = 0;
  bool known_;
  bool enabled_ = false, stdout_tty_ = false, shown_ = false;
  std::size_t width_ = 0;
  clock_type::time_point start_, last_;
};

}  // namespace cli::detail
