#pragma once
// Unified social credit codes (统一社会信用代码, GB 32100-2015): validation, the MOD 31 check
// character, and the nested GB 11714 organisation-code check.
//
// Input is taken as is: whitespace and separators are NOT stripped (the caller compacts). ASCII
// letters are upper-cased; the alphabet is 0123456789ABCDEFGHJKLMNPQRTUWXY (never I O Z S V).
// Bad input yields an Error, never an exception.
//
// Thread-safety: pure functions over values; safe to call from any thread.

#include <string>
#include <string_view>

#include "zhishen/core/error.hpp"

namespace zhishen::identity {

struct Uscc {
  std::string code;                  // normalized: 18 characters, upper case
  char registration_authority = 0;   // position 1 (登记管理部门代码)
  char entity_type = 0;              // position 2 (机构类别代码)
  std::string region_code;           // positions 3-8, 6 digits (administrative division)
  std::string org_code;              // positions 9-17, GB 11714 organisation code incl. its check

  friend bool operator==(const Uscc&, const Uscc&) = default;
};

// Checks, in this order, each with its own error id:
//   id.uscc.length    not 18 characters (bytes)
//   id.uscc.charset   a character outside the 31-character alphabet (after upper-casing)
//   id.uscc.region    positions 3-8 are not all digits
//   id.uscc.checksum  position 18 is not the MOD 31 check character. Early Xiamen pilot codes
//                     (e.g. 91350211M0000XUF46) were really issued but fail here: we reject them.
//   id.uscc.org_code  position 17 is not the GB 11714 check character of positions 9-16
Result<Uscc> validate_uscc(std::string_view text);

// The MOD 31 check character for 17 alphabet characters (letters upper-cased first);
// '\0' if `first17` is not 17 characters of the alphabet.
char uscc_check_char(std::string_view first17);

// Upper-cased `first17` followed by its check character; empty if uscc_check_char gives '\0'.
// Positions 9-17 must already be a valid organisation code (see complete_org_code).
std::string complete_uscc(std::string_view first17);

// The GB 11714 check character ('0'-'9' or 'X') for 8 characters [0-9A-Za-z] (A..Z = 10..35);
// '\0' otherwise.
char org_code_check_char(std::string_view first8);

// Upper-cased `first8` followed by its check character; empty if org_code_check_char gives '\0'.
std::string complete_org_code(std::string_view first8);

}  // namespace zhishen::identity
