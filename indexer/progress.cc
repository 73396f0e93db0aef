#include "progress.h"

#include <cstdio>
#include <string>

namespace newsdex {

Progress::Progress(bool enabled, std::uint64_t total_files)
    : enabled_(enabled && total_files > 1), total_(total_files),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

Progress::~Progress() { finish(); }

void Progress::file_done(std::uint64_t articles_so_far) {
  ++done_;
  articles_ = articles_so_far;
  draw(false);
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(articles_) / elapsed : 0;
  const double fraction = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 1;
  const double eta = fraction > 0 ? elapsed / fraction - elapsed : 0;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(fraction * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '=');
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r[%s] %llu/%llu files, %llu articles, %.0f articles/s, ETA %d:%02d  ", bar.c_str(),
               static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
               static_cast<unsigned long long>(articles_), rate, static_cast<int>(eta) / 60,
               static_cast<int>(eta) % 60);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[K");
  std::fflush(stderr);
  drawn_ = false;
}

}  // namespace newsdex
