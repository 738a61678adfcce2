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
#include <string>

#include "zhishen/core/error.hpp"

namespace zhishen::desk {

void set_translator(std::function<std::string(const char*)> translate);
std::string tr(const char* msgid);

std::string error_text(const Error& e);

// A state, action, light, outcome or channel code as the user reads it (e.g. "manual_review" →
// "待人工审核"); the code itself when unknown.
std::string label(const std::string& code);

// "2026-10-20T00:00:00+08:00" → "2026-10-20 00:00": a server time as written (Beijing time).
std::string short_time(const std::string& iso);

}  // namespace zhishen::desk
