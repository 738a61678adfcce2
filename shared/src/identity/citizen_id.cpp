#include "zhishen/identity/citizen_id.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <utility>

namespace zhishen::identity {
namespace {

// W[i] = 2^(17-i) mod 11 for the first 17 digits; the check character has weight 1.
constexpr std::array<int, 17> kWeights{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// Check character indexed by S mod 11: (12 - S mod 11) mod 11, 10 written 'X'.
constexpr std::string_view kCheckChars = "10X98765432";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

bool is_province(int code) {
  return (code >= 11 && code <= 15) || (code >= 21 && code <= 23) || (code >= 31 && code <= 37) ||
         (code >= 41 && code <= 46) || (code >= 50 && code <= 54) || (code >= 61 && code <= 65) ||
         code == 71 || code == 81 || code == 82 || code == 83;
}

// Province-level code in digits 1-2, or '9' + a province code (2023 foreigner permanent residence).
bool is_valid_region(std::string_view region) {
  if (region[0] == '9') return is_province(to_int(region.substr(1, 2)));
  return is_province(to_int(region.substr(0, 2)));
}

std::optional<Date> calendar_date(int y, int m, int d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{std::chrono::sys_days{ymd}};
}

Error citizen_error(const char* what, std::string message) {
  return make_error(std::string("id.citizen.") + what, "citizen ID: " + std::move(message));
}

// Length and charset, shared by validation and the 15-to-18 upgrade. On success fills `number`
// with the text, a lower-case 'x' check character upper-cased.
std::optional<Error> check_shape(std::string_view text, std::string& number) {
  if (text.size() != 15 && text.size() != 18) {
    return citizen_error("length", "expected 15 or 18 characters, got " +
                                       std::to_string(text.size()));
  }
  number.assign(text);
  const std::size_t digit_count = number.size() == 18 ? 17 : 15;
  for (std::size_t i = 0; i < digit_count; ++i) {
    if (!is_digit(number[i])) {
      return citizen_error("charset", "character " + std::to_string(i + 1) + " is not a digit");
    }
  }
  if (number.size() == 18) {
    if (number[17] == 'x') number[17] = 'X';
    if (!is_digit(number[17]) && number[17] != 'X') {
      return citizen_error("charset", "check character (18th) is not a digit or X");
    }
  }
  return std::nullopt;
}

std::string insert_century(std::string_view number15) {
  std::string out(number15.substr(0, 6));
  out += "19";
  out += number15.substr(6);
  return out;
}

}  // namespace

std::string_view to_string(Sex sex) { return sex == Sex::male ? "male" : "female"; }

char citizen_check_char(std::string_view first17) {
  if (first17.size() != 17 || !all_digits(first17)) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

std::string complete_citizen_id(std::string_view first17) {
  const char check = citizen_check_char(first17);
  if (check == '\0') return {};
  std::string out(first17);
  out += check;
  return out;
}

Result<std::string> upgrade_15_to_18(std::string_view text) {
  if (text.size() != 15) {
    return citizen_error("length", "expected 15 digits to upgrade, got " +
                                       std::to_string(text.size()) + " characters");
  }
  std::string number;
  if (auto error = check_shape(text, number)) return *error;
  return complete_citizen_id(insert_century(number));
}

Result<CitizenId> validate_citizen_id(std::string_view text, Date today) {
  std::string number;
  if (auto error = check_shape(text, number)) return *error;
  const bool old_form = number.size() == 15;

  if (!is_valid_region(number)) {
    return citizen_error("region", "the address code does not start with a province-level code");
  }

  const std::string_view n = number;
  const int year = old_form ? 1900 + to_int(n.substr(6, 2)) : to_int(n.substr(6, 4));
  const std::size_t md = old_form ? 8 : 10;  // offset of MMDD
  const auto birth = calendar_date(year, to_int(n.substr(md, 2)), to_int(n.substr(md + 2, 2)));
  if (!birth) return citizen_error("birth_date", "the birth date is not a calendar date");
  if (*birth < Date{1800, 1, 1}) {
    return citizen_error("birth_date", "the birth date is before 1800-01-01");
  }
  if (*birth > today) {
    return citizen_error("birth_date", "the birth date is after today (" + today.to_string() + ")");
  }

  if (old_form) {
    number = complete_citizen_id(insert_century(number));
  } else if (citizen_check_char(n.substr(0, 17)) != number[17]) {
    return citizen_error("checksum", "the check character (18th) does not match (MOD 11-2)");
  }

  CitizenId id;
  id.region_code = number.substr(0, 6);
  id.birth_date = *birth;
  id.sex = (number[16] - '0') % 2 == 1 ? Sex::male : Sex::female;
  id.upgraded_from_15 = old_form;
  id.number = std::move(number);
  return id;
}

}  // namespace zhishen::identity
