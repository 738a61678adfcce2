#pragma once
// Translation for code that knows no wx: `tr("English text")` answers the text in the user's
// language (Simplified Chinese by default). The msgids are English; the catalogs are
// desktop/po/<lang>.po, extracted with xgettext --keyword=tr. The wx app installs wx's catalog
// lookup with set_translator() once at start, before any other thread runs; until then (and in
// tests) tr() answers the msgid.
//
// error_text() turns an Error into a sentence for the user: a known id gets its translated
// explanation, any other id the server's message; both end with the id in brackets, which staff
// quote to the help desk.

#include <functional>
#include <initializer_list>
#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::desk {

void set_translator(std::function<std::string(const char*)> translate);
std::string tr(const char* msgid);

std::string error_text(const Error& e);

// A state, action, light, outcome or channel code as the user reads it (e.g. "manual_review" →
// "待人工审核"); the code itself when unknown.
std::string label(const std::string& code);

// "2026-10-20T00:00:00+08:00" → "2026-10-20 00:00": a server time in Beijing time (an instant
// with another offset, e.g. "2026-11-22T03:10:00Z", is converted); anything else as written.
std::string short_time(const std::string& iso);
// The same for a deadline: one at Beijing midnight is the end of the day before,
// "2026-11-28T00:00:00+08:00" → "2026-11-27 24:00".
std::string short_deadline(const std::string& iso);

// "%1 of %2" with the arguments in order (one pass: an argument's own text is never replaced):
// translated sentences keep their own word order.
std::string fill(const std::string& text, std::initializer_list<std::string> args);

}  // namespace zhishen::desk
