#include "zhishen/identity/uscc.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace zhishen::identity {
namespace {

const std::string kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

std::string id_of(const Result<Uscc>& r) { return r ? std::string() : r.error().id; }

struct Sample {
  const char* code;
  const char* expected_id;  // "" = valid
};

// Every entry of data/uscc_curated_samples.json, with what this validator answers.
const std::vector<Sample> kCurated{
    {"91350100M000100Y43", ""},
    {"9135010557098120XJ", ""},
    {"91120222MA06DG3067", ""},
    {"91120222MA0699U071", ""},
    {"91310000MA1K35Y38P", ""},
    {"91110108795101314G", ""},
    {"914403001922038216", ""},
    {"91330000704202479R", ""},
    {"91500105MA5UM6TF71", ""},
    {"913504001555807674", ""},
    {"9135020026015919XW", ""},
    {"913502006120495420", ""},
    // Early Xiamen pilot codes: really issued, but the check character does not conform.
    {"91350211M0000XUF46", "id.uscc.checksum"},
    {"91350100M0001TGQXM", "id.uscc.checksum"},
    {"91350203M0001FUE2P", "id.uscc.checksum"},
    {"91350211M00013FA1N", "id.uscc.checksum"},
    {"91310115591693856A", ""},
    {"91310110666007217T", ""},
    {"9135052155323005XL", ""},
    {"91110000600037341L", ""},
    // Valid per python-stdnum after its compact(); we do not strip spaces (the caller does).
    {"91 110000 600037341L", "id.uscc.length"},
    {"12345", "id.uscc.length"},
    // stdnum rejects the letter in position 1; GB 32100 allows it, but the check char is wrong.
    {"A1110000600037341L", "id.uscc.checksum"},
    {"9111000060003IOZSV", "id.uscc.charset"},
    {"91110000600037341N", "id.uscc.checksum"},
};

struct JsonSample {
  std::string code;
  std::string computed_check;  // empty when null
  bool org_check_matches = false;
};

// A minimal reader for the fixed layout of the samples file: one object per "code".
std::vector<JsonSample> read_json_samples() {
  std::ifstream in(std::string(ZHISHEN_SOURCE_DIR) +
                   "/tests/shared/identity/data/uscc_curated_samples.json");
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  auto string_after = [&](const std::string& key, std::size_t from, std::size_t& at) {
    at = text.find("\"" + key + "\": ", from);
    if (at == std::string::npos) return std::string();
    at += key.size() + 4;
    if (text[at] != '"') return std::string();
    return text.substr(at + 1, text.find('"', at + 1) - at - 1);
  };
  std::vector<JsonSample> out;
  std::size_t pos = 0;
  for (;;) {
    JsonSample s;
    std::size_t at = 0;
    s.code = string_after("code", pos, at);
    if (at == std::string::npos) break;
    pos = at;
    s.computed_check = string_after("computed_check_char", pos, at);
    const std::string org_key = "\"gb11714_orgcode_check_matches\": ";
    const std::size_t org = text.find(org_key, pos);
    s.org_check_matches = org != std::string::npos && text.compare(org + org_key.size(), 4, "true") == 0;
    out.push_back(s);
  }
  return out;
}

TEST(Uscc, OfficialExample) {
  const auto r = validate_uscc("91350100M000100Y43");
  ASSERT_TRUE(r) << r.error().id;
  EXPECT_EQ(r->code, "91350100M000100Y43");
  EXPECT_EQ(r->registration_authority, '9');
  EXPECT_EQ(r->entity_type, '1');
  EXPECT_EQ(r->region_code, "350100");
  EXPECT_EQ(r->org_code, "M000100Y4");
  EXPECT_EQ(uscc_check_char("91350100M000100Y4"), '3');
}

TEST(Uscc, EveryCuratedSample) {
  for (const Sample& s : kCurated) {
    EXPECT_EQ(id_of(validate_uscc(s.code)), s.expected_id) << s.code;
  }
  std::string compacted = "91 110000 600037341L";
  compacted.erase(std::remove(compacted.begin(), compacted.end(), ' '), compacted.end());
  EXPECT_EQ(id_of(validate_uscc(compacted)), "");
}

TEST(Uscc, CuratedTableCoversTheJsonFileAndAgreesWithItsCheckChars) {
  const auto json = read_json_samples();
  ASSERT_EQ(json.size(), kCurated.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    EXPECT_EQ(json[i].code, kCurated[i].code);
    std::string code = json[i].code;
    code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
    if (!json[i].computed_check.empty()) {
      EXPECT_EQ(std::string(1, uscc_check_char(code.substr(0, 17))), json[i].computed_check) << code;
    }
    if (json[i].org_check_matches) {
      EXPECT_EQ(org_code_check_char(code.substr(8, 8)), code[16]) << code;
    }
  }
}

TEST(Uscc, XiamenPilotCodesAreRejectedOnPurpose) {
  // Issued in the 2015 Xiamen pilot before the standard's check character was enforced. They fail
  // position 18 and we reject them (id.uscc.checksum), though their organisation codes are fine.
  for (const char* code : {"91350211M0000XUF46", "91350100M0001TGQXM", "91350203M0001FUE2P",
                           "91350211M00013FA1N"}) {
    EXPECT_EQ(id_of(validate_uscc(code)), "id.uscc.checksum") << code;
    EXPECT_NE(org_code_check_char(std::string_view(code).substr(8, 8)), '\0');
    EXPECT_EQ(org_code_check_char(std::string_view(code).substr(8, 8)), code[16]);
  }
}

TEST(Uscc, LowerCaseIsNormalized) {
  const auto r = validate_uscc("91350100m000100y43");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->code, "91350100M000100Y43");
}

TEST(Uscc, LettersAllowedInPositionsOneAndTwo) {
  for (const char* first17 : {"A1110000600037341", "N2110000600037341", "Y1110000600037341"}) {
    const std::string code = complete_uscc(first17);
    EXPECT_EQ(id_of(validate_uscc(code)), "") << code;
  }
}

TEST(Uscc, Charset) {
  const std::string good = "91350100M000100Y43";
  for (char c : std::string("IOZSVioz-* ")) {
    std::string bad = good;
    bad[9] = c;
    EXPECT_EQ(id_of(validate_uscc(bad)), "id.uscc.charset") << bad;
  }
}

TEST(Uscc, RegionMustBeDigits) {
  const std::string code = complete_uscc("91A50100M000100Y4");
  EXPECT_EQ(id_of(validate_uscc(code)), "id.uscc.region");
  EXPECT_EQ(id_of(validate_uscc("913501A0M000100Y43")), "id.uscc.region");
}

TEST(Uscc, OrgCodeCheckedAfterChecksum) {
  // Wrong org-code check char, but a matching position-18 check char.
  const std::string code = complete_uscc("91350100M000100Y5");
  EXPECT_EQ(id_of(validate_uscc(code)), "id.uscc.org_code");
  // Both wrong: the position-18 check is reported first.
  EXPECT_EQ(id_of(validate_uscc("91350100M000100Y53")), "id.uscc.checksum");
}

TEST(Uscc, WrongLengths) {
  for (const char* s : {"", "9", "91350100M000100Y4", "91350100M000100Y433", " 91350100M000100Y43"}) {
    EXPECT_EQ(id_of(validate_uscc(s)), "id.uscc.length") << s;
  }
}

TEST(Uscc, NonAsciiInputGivesLengthOrCharset) {
  EXPECT_EQ(id_of(validate_uscc("９１３５０１００Ｍ０００１００Ｙ４３")), "id.uscc.length");
  EXPECT_EQ(id_of(validate_uscc("91350100Ｍ000100Y")), "id.uscc.charset");  // 18 bytes
  EXPECT_EQ(id_of(validate_uscc(std::string("91350100M000100Y4\0", 18))), "id.uscc.charset");
  EXPECT_EQ(id_of(validate_uscc("91350100M000100Y4\xFF")), "id.uscc.charset");
}

std::vector<std::string> valid_samples() {
  std::vector<std::string> out;
  for (const Sample& s : kCurated) {
    if (std::string(s.expected_id).empty()) out.emplace_back(s.code);
  }
  return out;
}

TEST(Uscc, EverySingleSubstitutionIsDetected) {
  for (const std::string& code : valid_samples()) {
    for (std::size_t pos = 0; pos < 18; ++pos) {
      for (char c : kAlphabet) {
        if (c == code[pos]) continue;
        std::string bad = code;
        bad[pos] = c;
        EXPECT_FALSE(validate_uscc(bad)) << bad;
        if (pos < 17) {  // the MOD 31 check char alone catches it
          EXPECT_NE(uscc_check_char(std::string_view(bad).substr(0, 17)), code[17]) << bad;
        }
      }
    }
  }
}

TEST(Uscc, EveryAdjacentTranspositionIsDetected) {
  // MOD 31: w[i+1] = 3 w[i], so w[i] - w[i+1] = -2 w[i] is never 0 mod 31; the check char has
  // weight 1 and w[16] = 28. Swapping two different adjacent characters always changes the sum.
  for (const std::string& code : valid_samples()) {
    for (std::size_t pos = 0; pos + 1 < 18; ++pos) {
      if (code[pos] == code[pos + 1]) continue;
      std::string bad = code;
      std::swap(bad[pos], bad[pos + 1]);
      EXPECT_FALSE(validate_uscc(bad)) << bad;
    }
  }
}

TEST(Uscc, OrgCodeHelpers) {
  EXPECT_EQ(org_code_check_char("M000100Y"), '4');
  EXPECT_EQ(org_code_check_char("57098120"), 'X');  // 11 - S mod 11 = 10
  EXPECT_EQ(org_code_check_char("00000000"), '0');  // 11 - S mod 11 = 11
  EXPECT_EQ(complete_org_code("m000100y"), "M000100Y4");
  EXPECT_EQ(org_code_check_char("M000100"), '\0');
  EXPECT_EQ(org_code_check_char("M000100-"), '\0');
  EXPECT_EQ(complete_org_code("M00010０"), "");
}

TEST(Uscc, CompleteHelpers) {
  EXPECT_EQ(complete_uscc("91350100M000100Y4"), "91350100M000100Y43");
  EXPECT_EQ(complete_uscc("91350100m000100y4"), "91350100M000100Y43");
  EXPECT_EQ(complete_uscc("91350100M000100I4"), "");
  EXPECT_EQ(complete_uscc("91350100M000100Y"), "");
  EXPECT_EQ(uscc_check_char(""), '\0');
}

TEST(Uscc, PropertyRandomCompletedCodesValidate) {
  std::mt19937 rng(32100);
  std::uniform_int_distribution<std::size_t> any(0, kAlphabet.size() - 1);
  std::uniform_int_distribution<int> digit(0, 9);
  for (int i = 0; i < 2000; ++i) {
    std::string first8;
    for (int k = 0; k < 8; ++k) first8 += kAlphabet[any(rng)];
    std::string first17{kAlphabet[any(rng)], kAlphabet[any(rng)]};
    for (int k = 0; k < 6; ++k) first17 += static_cast<char>('0' + digit(rng));
    first17 += complete_org_code(first8);
    const std::string code = complete_uscc(first17);
    ASSERT_EQ(code.size(), 18u) << first17;
    EXPECT_EQ(id_of(validate_uscc(code)), "") << code;
  }
}

}  // namespace
}  // namespace zhishen::identity
