// A one-line progress bar on a terminal; nothing when stderr is not one.
#pragma once

#include <chrono>
#include <cstdint>

namespace newsdex {

class Progress {
 public:
  // `enabled`: draw at all (the caller checks isatty and --quiet).
  Progress(bool enabled, std::uint64_t total_files);
  ~Progress();

  // One more file done (redraws at most 10 times a second).
  void file_done(std::uint64_t articles_so_far);
  // Erases the bar so the summary line starts clean.
  void finish();

 private:
  void draw(bool force);

  bool enabled_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  std::uint64_t articles_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace newsdex
