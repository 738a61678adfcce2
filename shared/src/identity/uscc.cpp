#include "zhishen/identity/uscc.hpp"

#include <array>
#include <cstddef>

namespace zhishen::identity {
namespace {

// Value of a character = its index here (31 characters; no I O Z S V).
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// W[i] = 3^i mod 31 for the first 17 characters; the check character has weight 1.
constexpr std::array<int, 17> kWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
// GB 11714 organisation code: weights of the 8 body characters.
constexpr std::array<int, 8> kOrgWeights{3, 7, 9, 10, 5, 8, 4, 2};

char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Index in kAlphabet, or -1.
int alphabet_value(char c) {
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// GB 11714 value: digits 0..9, letters A..Z 10..35; -1 otherwise. Expects upper case.
int org_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return -1;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_upper(c);
  return out;
}

Error uscc_error(const char* what, std::string message) {
  return make_error(std::string("id.uscc.") + what, "unified social credit code: " + std::move(message));
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = alphabet_value(to_upper(first17[i]));
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  return kAlphabet[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

std::string complete_uscc(std::string_view first17) {
  const char check = uscc_check_char(first17);
  if (check == '\0') return {};
  std::string out = upper(first17);
  out += check;
  return out;
}

char org_code_check_char(std::string_view first8) {
  if (first8.size() != 8) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const int v = org_value(to_upper(first8[i]));
    if (v < 0) return '\0';
    sum += v * kOrgWeights[i];
  }
  const int check = 11 - sum % 11;
  if (check == 10) return 'X';
  if (check == 11) return '0';
  return static_cast<char>('0' + check);
}

std::string complete_org_code(std::string_view first8) {
  const char check = org_code_check_char(first8);
  if (check == '\0') return {};
  std::string out = upper(first8);
  out += check;
  return out;
}

Result<Uscc> validate_uscc(std::string_view text) {
  if (text.size() != 18) {
    return uscc_error("length", "expected 18 characters, got " + std::to_string(text.size()));
  }
  std::string code = upper(text);
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (alphabet_value(code[i]) < 0) {
      return uscc_error("charset", "character " + std::to_string(i + 1) +
                                       " is not in 0-9 A-H J-N P-R T U W-Y");
    }
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (!is_digit(code[i])) {
      return uscc_error("region", "positions 3-8 (administrative division) must be digits");
    }
  }
  const std::string_view c = code;
  if (uscc_check_char(c.substr(0, 17)) != code[17]) {
    return uscc_error("checksum", "the check character (18th) does not match (MOD 31)");
  }
  if (org_code_check_char(c.substr(8, 8)) != code[16]) {
    return uscc_error("org_code", "positions 9-17 are not a valid GB 11714 organisation code");
  }
  Uscc out;
  out.registration_authority = code[0];
  out.entity_type = code[1];
  out.region_code = code.substr(2, 6);
  out.org_code = code.substr(8, 9);
  out.code = std::move(code);
  return out;
}

}  // namespace zhishen::identity
