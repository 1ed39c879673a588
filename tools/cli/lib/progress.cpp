// progress.cpp - the block engine's progress line (progress.hpp).
#include "progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace cli::detail {

progress_line::progress_line(const args& a, std::uint64_t total, bool total_known)
    : a_(a), total_(total), known_(total_known), start_(clock_type::now()) {
  enabled_ = !a.quiet() && ::isatty(STDERR_FILENO) == 1;
  stdout_tty_ = ::isatty(STDOUT_FILENO) == 1;
}

void progress_line::add(std::uint64_t bytes) {
  const std::lock_guard<std::mutex> lock(mutex_);
  done_ += bytes;
}

void progress_line::tick() {
  if (!enabled_) return;
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto now = clock_type::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (!(known_ && total_ > (std::uint64_t(8) << 20)) && elapsed < 1.0) return;
  if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  std::string s = "\r" + format(elapsed);
  const std::size_t len = s.size() - 1;
  if (len < width_) s.append(width_ - len, ' ');
  width_ = std::max(width_, len);
  if (stdout_tty_) std::fflush(stdout);
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  shown_ = true;
}

// "zhtext CMD: 3.1 MB of 12.0 MB (26%), 4.2 MB/s, ETA 0:00:02", or without a total
// "zhtext CMD: 3.1 MB, 4.2 MB/s".
std::string progress_line::format(double elapsed) const {
  char line[160];
  const double mb = 1e6;
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
  if (!(known_ && total_ > 0)) {
    std::snprintf(line, sizeof line, "zhtext %s: %.1f MB, %.1f MB/s", a_.name().c_str(),
                  static_cast<double>(done_) / mb, rate / mb);
    return line;
  }
  const double pct = 100.0 * static_cast<double>(done_) / static_cast<double>(total_);
  const int n = std::snprintf(line, sizeof line, "zhtext %s: %.1f MB of %.1f MB (%.0f%%), %.1f MB/s",
                              a_.name().c_str(), static_cast<double>(done_) / mb,
                              static_cast<double>(total_) / mb, pct, rate / mb);
  if (rate > 0 && done_ > 0 && n > 0 && static_cast<std::size_t>(n) < sizeof line) {
    const auto eta = static_cast<long>(static_cast<double>(total_ - std::min(done_, total_)) / rate + 0.5);
    std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", ETA %ld:%02ld:%02ld", eta / 3600,
                  eta / 60 % 60, eta % 60);
  }
  return line;
}

void progress_line::clear() {
  const std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
}

void progress_line::clear_locked() {
  if (!shown_) return;
  std::string s = "\r";
  s.append(width_, ' ');
  s += '\r';
  std::fputs(s.c_str(), stderr);
  std::fflush(stderr);
  shown_ = false;
  width_ = 0;
}

void progress_line::write_stdout(std::string_view s) {
  if (!stdout_tty_) {
    std::fwrite(s.data(), 1, s.size(), stdout);
    return;
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  clear_locked();
  std::fwrite(s.data(), 1, s.size(), stdout);
  std::fflush(stdout);
}

}  // namespace cli::detail
