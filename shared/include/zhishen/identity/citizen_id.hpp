#pragma once
// Citizen identity numbers (公民身份号码, GB 11643-1999): validation, 15-to-18 upgrade, and the
// MOD 11-2 check digit.
//
// Input is taken as is: leading/trailing whitespace is NOT accepted (the caller trims). A lower-case
// 'x' check character is accepted and upper-cased. Bad input yields an Error, never an exception.
// Error messages never echo the number itself (it is personal data).
//
// Thread-safety: pure functions over values; safe to call from any thread.

#include <string>
#include <string_view>

#include "zhishen/core/date.hpp"
#include "zhishen/core/error.hpp"

namespace zhishen::identity {

enum class Sex { female, male };

std::string_view to_string(Sex sex);  // "female" / "male"

struct CitizenId {
  std::string number;        // normalized 18 characters, check char '0'-'9' or upper-case 'X'
  Date birth_date;
  Sex sex = Sex::female;     // male when the sequence code's last digit is odd
  std::string region_code;   // the 6-digit address code
  bool upgraded_from_15 = false;

  friend bool operator==(const CitizenId&, const CitizenId&) = default;
};

// Validates an 18-character number (17 digits + check char [0-9Xx]) or a 15-digit first-generation
// number (birth date 19YYMMDD; upgraded to 18 characters in the result).
// Checks, in this order, each with its own error id:
//   id.citizen.length      not 15 or 18 characters (bytes)
//   id.citizen.charset     a non-digit where a digit is required, or a check char not in [0-9Xx]
//   id.citizen.region      first two digits are not a province-level code (11-15, 21-23, 31-37,
//                          41-46, 50-54, 61-65, 71, 81-83), nor '9' + a province code (2023
//                          foreigner permanent-residence ID)
//   id.citizen.birth_date  not a real calendar date, after `today`, or before 1800-01-01
//   id.citizen.checksum    the MOD 11-2 check character does not match (18-character form only)
Result<CitizenId> validate_citizen_id(std::string_view text, Date today);

// Upgrades a 15-digit number: inserts "19" before YYMMDD and appends the check digit
// (150102880730303 -> 150102198807303035). Checks only the shape (id.citizen.length,
// id.citizen.charset); use validate_citizen_id to check region and birth date too.
Result<std::string> upgrade_15_to_18(std::string_view text);

// The MOD 11-2 check character ('0'-'9' or 'X') for 17 digits; '\0' if `first17` is not 17 digits.
char citizen_check_char(std::string_view first17);

// `first17` followed by its check character; empty if `first17` is not 17 digits.
std::string complete_citizen_id(std::string_view first17);

}  // namespace zhishen::identity
