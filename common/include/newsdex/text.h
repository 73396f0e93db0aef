// Small text utilities shared by every stage: one definition each.
#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// `text` made safe to write to a terminal: every control character (C0
// except '\n' and '\t', DEL, and the C1 range U+0080..U+009F, which holds
// the 8-bit CSI and OSC introducers) and every bidirectional override or
// isolate (U+202A..U+202E, U+2066..U+2069) becomes U+FFFD, as does each
// byte that is not part of valid UTF-8, so an article field cannot move
// the cursor, clear the screen, retitle the window, open a hyperlink (OSC
// 8) or reorder what is shown. With `keep_newlines` false, '\n' and '\t'
// become spaces too (for one-line output such as diagnostics).
std::string terminal_safe(std::string_view text, bool keep_newlines = true);

}  // namespace newsdex
