#pragma once
// Auto-detection of an identity code: a citizen ID (GB 11643) or a unified social credit code
// (GB 32100), validated with the matching rules.
//
// Input is taken as is (no trimming). Bad input yields an Error, never an exception.
//
// Thread-safety: pure functions over values; safe to call from any thread.

#include <string>
#include <string_view>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::identity {

enum class CodeKind { citizen_id, uscc };

std::string_view to_string(CodeKind kind);  // "citizen_id" / "uscc"

struct IdentityCode {
  CodeKind kind = CodeKind::citizen_id;
  std::string normalized;  // 18 characters (a 15-digit citizen ID comes back upgraded)

  friend bool operator==(const IdentityCode&, const IdentityCode&) = default;
};

// Detection rules:
//   empty                                  -> error id.empty
//   15 characters                          -> citizen ID
//   18 characters, 17 digits + [0-9Xx]     -> citizen ID if valid as one; else USCC if valid as
//                                             one; else the citizen-ID error
//   otherwise, only digits and X/x         -> citizen ID (a 17-digit typo says id.citizen.length)
//   otherwise                              -> USCC (e.g. "ABC" says id.uscc.length)
// Error ids are those of validate_citizen_id / validate_uscc, plus id.empty.
Result<IdentityCode> validate_identity_code(std::string_view text, Date today);

}  // namespace zhishen::identity
