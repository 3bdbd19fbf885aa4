// Tests of IdNumber (DOMAIN §1.4 item 2, 证件号码异常): the GB 11643-1999 example, each
// rejection with the part it names and without the full number in the message, the
// 15-digit upgrade, FromParts and the packed form, and 100,000 random numbers checked for
// round trips, ordering and the detection of every single-digit error.
#include "core/id_number.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <sstream>
#include <string>
#include <unordered_set>

#include "tests/testutil/status_matchers.h"

#if defined(__SANITIZE_ADDRESS__)
#include <atomic>

// From the sanitizer runtime's allocator interface (GCC does not install its header).
extern "C" int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void*, size_t),
                                                         void (*free_hook)(const volatile void*));
#endif

namespace jz {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kExample = "11010519491231002X";  // the standard's own example

Date Ymd(int year, int month, int day) { return Date::FromYmd(year, month, day).value(); }

// A fixed "today" so that tests of the birth-date rule do not depend on the clock.
const Date kToday = Date::FromDays(19'904);  // 2024-06-30

// Returns the 17 digits followed by their check character.
std::string WithCheck(std::string_view first17) {
  return fmt::format("{}{}", first17, IdNumber::CheckCharacter(first17));
}

TEST(IdNumber, AcceptsTheStandardsExample) {
  ASSERT_EQ(kToday, Ymd(2024, 6, 30));
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(kExample, kToday));
  EXPECT_EQ(id.ToString(), kExample);
  EXPECT_EQ(id.AddressCode(), 110105u);
  EXPECT_EQ(id.BirthDate(), Ymd(1949, 12, 31));
  EXPECT_EQ(id.Sequence(), 2u);
  EXPECT_FALSE(id.IsMale());
  EXPECT_EQ(id.Masked(), "110105********002X");
  EXPECT_EQ(id.Packed(), 11010519491231002u);
}

TEST(IdNumber, SingleArgumentParseUsesTheClock) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(kExample));
  EXPECT_EQ(id.ToString(), kExample);
  const Date tomorrow = Date::Today().AddDays(1);
  const std::string born_tomorrow =
      WithCheck(fmt::format("110105{:04}{:02}{:02}001", tomorrow.year(), tomorrow.month(), tomorrow.day()));
  EXPECT_STATUS(IdNumber::Parse(born_tomorrow), StatusCode::kInvalidArgument, "is after today");
}

TEST(IdNumber, CheckCharacterFollowsMod11Dash2) {
  EXPECT_EQ(IdNumber::CheckCharacter("11010519491231002"), 'X');
  EXPECT_EQ(IdNumber::CheckCharacter("22242419900615123"), '7');
  EXPECT_EQ(IdNumber::CheckCharacter("00000000000000000"), '1');  // remainder 0
  EXPECT_EQ(IdNumber::CheckCharacter("10000000000000000"), '5');  // remainder 7
}

TEST(IdNumber, AcceptsLowercaseXAndSurroundingWhitespace) {
  ASSERT_OK_AND_ASSIGN(const IdNumber lower, IdNumber::Parse("11010519491231002x", kToday));
  EXPECT_EQ(lower.ToString(), kExample);
  ASSERT_OK_AND_ASSIGN(const IdNumber spaced, IdNumber::Parse(" 11010519491231002X\t", kToday));
  EXPECT_EQ(spaced, lower);
}

TEST(IdNumber, UpgradesLegacyFifteenDigitNumbers) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse("110105491231002", kToday));
  EXPECT_EQ(id.ToString(), "11010519491231002X");
  EXPECT_EQ(id.BirthDate(), Ymd(1949, 12, 31));
}

TEST(IdNumber, AcceptsABirthDateOfToday) {
  const std::string born_today = WithCheck("22242420240630001");
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(born_today, kToday));
  EXPECT_EQ(id.BirthDate(), kToday);
  EXPECT_TRUE(id.IsMale());
  ASSERT_OK(IdNumber::Parse(WithCheck("22242419000101000"), kToday));
}

TEST(IdNumber, RejectsTheWrongLengthSayingWhatIsAccepted) {
  EXPECT_STATUS(IdNumber::Parse("", kToday), StatusCode::kInvalidArgument, "ID number is empty");
  EXPECT_STATUS(IdNumber::Parse("1101051949123100", kToday), StatusCode::kInvalidArgument,
                "ID number has 16 characters; 18 characters (or 15 digits");
  EXPECT_STATUS(IdNumber::Parse("11010519491231002X1", kToday), StatusCode::kInvalidArgument,
                "has 19 characters");
  EXPECT_STATUS(IdNumber::Parse("1101", kToday), StatusCode::kInvalidArgument,
                "身份证号码长度为 4 位；应为 18 位，或 15 位旧号码");
  EXPECT_STATUS(IdNumber::Parse("11010519491231002Ｘ", kToday), StatusCode::kInvalidArgument,
                "character 18 \"Ｘ\" is not a digit");
}

TEST(IdNumber, RejectsNonDigitsNamingThePosition) {
  EXPECT_STATUS(IdNumber::Parse("11010519491231A02X", kToday), StatusCode::kInvalidArgument,
                "ID number: character 15 \"A\" is not a digit");
  EXPECT_STATUS(IdNumber::Parse("X1010519491231002X", kToday), StatusCode::kInvalidArgument,
                "character 1 \"X\"");
  EXPECT_STATUS(IdNumber::Parse("11010549123100X", kToday), StatusCode::kInvalidArgument,
                "character 15 \"X\"");
  EXPECT_STATUS(IdNumber::Parse("110105 9491231002X", kToday), StatusCode::kInvalidArgument,
                "character 7 \" \"");
  EXPECT_STATUS(IdNumber::Parse("１10105194912310021", kToday), StatusCode::kInvalidArgument,
                "身份证号码第 1 位“１”不是数字");
}

TEST(IdNumber, RejectsAddressCodesWithoutAProvince) {
  EXPECT_STATUS(IdNumber::Parse(WithCheck("10010519491231002"), kToday), StatusCode::kInvalidArgument,
                "the address code starts with 10, which is not a province code (11 to 82)");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("83010519491231002"), kToday), StatusCode::kInvalidArgument,
                "starts with 83");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("00000019491231002"), kToday), StatusCode::kInvalidArgument,
                "前两位 00 不是省级代码");
}

TEST(IdNumber, RejectsAddressCodesWithoutAPrefecture) {
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11000019491231002"), kToday), StatusCode::kInvalidArgument,
                "address code 110000 has 00 in digits 3-4, so it names no prefecture");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11000519491231002"), kToday), StatusCode::kInvalidArgument,
                "address code 110005 has 00");
}

TEST(IdNumber, AcceptsAPrefectureLevelAddressCode) {
  ASSERT_OK(IdNumber::Parse(WithCheck("11010019491231002"), kToday));
}

TEST(IdNumber, RejectsBirthDatesThatDoNotExist) {
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010520230229002"), kToday), StatusCode::kInvalidArgument,
                "birth date 20230229 is not a real date");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010519491301002"), kToday), StatusCode::kInvalidArgument,
                "birth date 19491301 is not a real date");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010519490000002"), kToday), StatusCode::kInvalidArgument,
                "出生日期 19490000 不是有效日期");
  EXPECT_STATUS(IdNumber::Parse("110105490230002", kToday), StatusCode::kInvalidArgument,
                "birth date 19490230 is not a real date");
}

// GB 11643 sets no earliest birth date: a number born before 1900 is valid, and only
// implausible for a living person, which the registry validator reports
// (id.implausible_birth). Dates before Date's range (1800) cannot be held and are refused.
TEST(IdNumber, AcceptsBirthDatesBefore1900) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(WithCheck("11010518991231002"), kToday));
  EXPECT_EQ(id.BirthDate(), Ymd(1899, 12, 31));
  ASSERT_OK(IdNumber::Parse(WithCheck("11010518000101002"), kToday));
}

TEST(IdNumber, RejectsBirthDatesBefore1800) {
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010517991231002"), kToday), StatusCode::kInvalidArgument,
                "birth date 17991231 is before 1800-01-01");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010500010101002"), kToday), StatusCode::kInvalidArgument,
                "birth date 00010101 is before 1800-01-01");
}

TEST(IdNumber, RejectsBirthDatesAfterToday) {
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010520240701002"), kToday), StatusCode::kInvalidArgument,
                "birth date 20240701 is after today (2024-06-30)");
  EXPECT_STATUS(IdNumber::Parse(WithCheck("11010599991231002"), kToday), StatusCode::kInvalidArgument,
                "出生日期 99991231 晚于今天（2024-06-30）");
}

TEST(IdNumber, RejectsAWrongCheckCharacterSayingWhichIsExpected) {
  EXPECT_STATUS(IdNumber::Parse("110105194912310021", kToday), StatusCode::kInvalidArgument,
                "the check character should be \"X\" but is \"1\"");
  EXPECT_STATUS(IdNumber::Parse("222424199006151239", kToday), StatusCode::kInvalidArgument,
                "校验码错误：应为“7”，实为“9”");
  EXPECT_STATUS(IdNumber::Parse("22242419900615123x", kToday), StatusCode::kInvalidArgument,
                "should be \"7\" but is \"x\"");
}

TEST(IdNumber, ErrorMessagesNeverContainTheFullNumber) {
  const std::string bad_inputs[] = {
      "110105194912310021",
      "11010519491231A02X",
      WithCheck("83010519491231002"),
      WithCheck("11000019491231002"),
      WithCheck("11010520230229002"),
      WithCheck("11010517991231002"),
      WithCheck("11010520240701002"),
      "830105491231002",
      "110105490230002",
      "1101051949123100",
      "11010519491231002X11",
  };
  for (const std::string& text : bad_inputs) {
    SCOPED_TRACE(text);
    const Status status = IdNumber::Parse(text, kToday).status();
    ASSERT_FALSE(status.ok()) << text;
    EXPECT_THAT(status.message(), Not(HasSubstr(text)));
    // Neither the 17 leading digits nor address and birth date together.
    EXPECT_THAT(status.message(), Not(HasSubstr(text.substr(0, 14))));
  }
}

TEST(IdNumber, FromPartsBuildsAValidNumber) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::FromParts(110105, Ymd(1949, 12, 31), 2));
  EXPECT_EQ(id.ToString(), kExample);
  ASSERT_OK_AND_ASSIGN(const IdNumber first, IdNumber::FromParts(222424, Ymd(1900, 1, 1), 0));
  EXPECT_EQ(first.ToString(), WithCheck("22242419000101000"));
  ASSERT_OK_AND_ASSIGN(const IdNumber last, IdNumber::FromParts(829999, Date::Today(), 999));
  EXPECT_EQ(last.Sequence(), 999u);
  EXPECT_TRUE(last.IsMale());
}

TEST(IdNumber, FromPartsRejectsPartsOutOfRange) {
  for (uint32_t address : {0u, 100101u, 830101u, 110000u, 110001u, 1101051u}) {
    SCOPED_TRACE(address);
    EXPECT_STATUS(IdNumber::FromParts(address, Ymd(1980, 1, 1), 1), StatusCode::kInvalidArgument,
                  fmt::format("address code {} is not valid", address));
  }
  EXPECT_STATUS(IdNumber::FromParts(110105, Date::Today().AddDays(1), 1), StatusCode::kInvalidArgument,
                "is after today");
  EXPECT_STATUS(IdNumber::FromParts(110105, Ymd(1980, 1, 1), 1000), StatusCode::kInvalidArgument,
                "sequence 1000 is outside 0 to 999");
}

TEST(IdNumber, UnpackAcceptsOnlyPackedValidNumbers) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(kExample, kToday));
  EXPECT_EQ(IdNumber::Unpack(id.Packed()), id);
  EXPECT_EQ(IdNumber::Unpack(0), std::nullopt);
  EXPECT_EQ(IdNumber::Unpack(1), std::nullopt);
  EXPECT_EQ(IdNumber::Unpack(100'000'000'000'000'000), std::nullopt);  // 18 digits
  EXPECT_EQ(IdNumber::Unpack(UINT64_MAX), std::nullopt);
  EXPECT_EQ(IdNumber::Unpack(83010519491231002), std::nullopt);  // province 83
  EXPECT_EQ(IdNumber::Unpack(11000019491231002), std::nullopt);  // prefecture 00
  EXPECT_EQ(IdNumber::Unpack(11010519491331002), std::nullopt);  // month 13
  EXPECT_EQ(IdNumber::Unpack(11010520230229002), std::nullopt);  // not a leap year
  EXPECT_EQ(IdNumber::Unpack(11010517991231002), std::nullopt);  // before Date's range
  ASSERT_TRUE(IdNumber::Unpack(11010518991231002).has_value());  // valid, if implausible
  EXPECT_EQ(IdNumber::Unpack(11010522010101002), std::nullopt);  // beyond Date's range
  ASSERT_TRUE(IdNumber::Unpack(11010522001231002).has_value());  // a future date, no clock
  EXPECT_EQ(IdNumber::Unpack(11010522001231002)->BirthDate(), Ymd(2200, 12, 31));
}

TEST(IdNumber, WritesOnlyTheMaskedFormToStreams) {
  ASSERT_OK_AND_ASSIGN(const IdNumber id, IdNumber::Parse(kExample, kToday));
  std::ostringstream os;
  os << id;
  EXPECT_EQ(os.str(), "110105********002X");
}

TEST(IdNumber, ComparesAndHashesByNumber) {
  ASSERT_OK_AND_ASSIGN(const IdNumber a, IdNumber::Parse(kExample, kToday));
  ASSERT_OK_AND_ASSIGN(const IdNumber b, IdNumber::Parse("110105491231002", kToday));
  ASSERT_OK_AND_ASSIGN(const IdNumber c, IdNumber::Parse(WithCheck("11010519491231003"), kToday));
  EXPECT_EQ(a, b);
  EXPECT_LT(a, c);
  std::unordered_set<IdNumber> ids = {a, b, c};
  EXPECT_EQ(ids.size(), 2u);
}

// The province codes in use (GB/T 2260), for generating realistic addresses.
constexpr std::array<uint32_t, 34> kProvinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
                                                 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
                                                 53, 54, 61, 62, 63, 64, 65, 71, 81, 82};

IdNumber RandomId(std::mt19937_64& random) {
  std::uniform_int_distribution<size_t> province(0, kProvinces.size() - 1);
  std::uniform_int_distribution<uint32_t> prefecture(1, 99);
  std::uniform_int_distribution<uint32_t> county(0, 99);
  std::uniform_int_distribution<int32_t> birth(Ymd(1900, 1, 1).days(), Ymd(2024, 12, 31).days());
  std::uniform_int_distribution<uint32_t> sequence(0, 999);
  const uint32_t address = kProvinces[province(random)] * 10000 + prefecture(random) * 100 + county(random);
  return IdNumber::FromParts(address, Date::FromDays(birth(random)), sequence(random)).value();
}

TEST(IdNumber, RandomNumbersRoundTripAndKeepTheirOrder) {
  constexpr uint64_t kSeed = 11643;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  std::optional<IdNumber> previous;
  for (int i = 0; i < 100'000; ++i) {
    const IdNumber id = RandomId(random);
    const std::string text = id.ToString();
    ASSERT_OK_AND_ASSIGN(const IdNumber parsed, IdNumber::Parse(text, kToday.AddDays(365)));
    ASSERT_EQ(parsed, id) << text;
    ASSERT_EQ(IdNumber::Unpack(id.Packed()), id) << text;
    ASSERT_LT(id.Packed(), uint64_t{1} << 57);
    ASSERT_EQ(text.substr(0, 17), fmt::format("{:017}", id.Packed()));
    if (previous) {
      const std::string previous_text = previous->ToString();
      ASSERT_EQ(previous->Packed() < id.Packed(), previous_text < text);
      ASSERT_EQ(*previous < id, previous_text < text);
    }
    previous = id;
  }
}

TEST(IdNumber, EverySingleCharacterErrorIsDetected) {
  constexpr uint64_t kSeed = 70642;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  constexpr std::string_view kAllCheckCharacters = "0123456789X";
  for (int i = 0; i < 2'000; ++i) {
    const std::string text = RandomId(random).ToString();
    for (size_t position = 0; position < text.size(); ++position) {
      const std::string_view alphabet =
          position == 17 ? kAllCheckCharacters : kAllCheckCharacters.substr(0, 10);
      for (char replacement : alphabet) {
        if (replacement == text[position]) continue;
        std::string corrupted = text;
        corrupted[position] = replacement;
        ASSERT_FALSE(IdNumber::Parse(corrupted, kToday.AddDays(365)).ok())
            << "position " << position << " replaced by " << replacement;
      }
    }
  }
}

TEST(IdNumber, RandomLegacyNumbersUpgradeToTheSameNumber) {
  constexpr uint64_t kSeed = 1999;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  for (int i = 0; i < 20'000; ++i) {
    const IdNumber id = RandomId(random);
    if (id.BirthDate().year() >= 2000) continue;
    const std::string text = id.ToString();
    const std::string legacy = text.substr(0, 6) + text.substr(8, 9);
    ASSERT_OK_AND_ASSIGN(const IdNumber upgraded, IdNumber::Parse(legacy, kToday));
    ASSERT_EQ(upgraded, id) << text;
  }
}

// FastPackIdNumber must agree with Parse wherever it answers, and answer for every valid
// number in the common form (18 bytes, uppercase X). Checked on random valid numbers, each
// with every single-character corruption, and on the forms only Parse reads.
void ExpectFastPackAgrees(std::string_view text, Date today) {
  const std::optional<uint64_t> fast = FastPackIdNumber(text, today);
  const StatusOr<IdNumber> parsed = IdNumber::Parse(text, today);
  const bool common_form = text.size() == IdNumber::kLength && text.back() != 'x' &&
                           text.substr(0, 17).find_first_not_of("0123456789") == std::string_view::npos;
  if (parsed.ok() && common_form) {
    ASSERT_EQ(fast, parsed->Packed()) << text;
  } else {
    ASSERT_EQ(fast, std::nullopt) << text;
  }
}

TEST(FastPackIdNumber, AgreesWithParseOnRandomAndCorruptedNumbers) {
  constexpr uint64_t kSeed = 17;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  constexpr std::string_view kCharacters = "0123456789Xx /";
  for (int i = 0; i < 2'000; ++i) {
    const std::string text = RandomId(random).ToString();
    ExpectFastPackAgrees(text, kToday);
    ExpectFastPackAgrees(text, kToday.AddDays(-20'000));
    for (size_t position = 0; position < text.size(); ++position) {
      for (char replacement : kCharacters) {
        std::string corrupted = text;
        corrupted[position] = replacement;
        ExpectFastPackAgrees(corrupted, kToday);
      }
    }
  }
}

TEST(FastPackIdNumber, LeavesOtherFormsToParse) {
  EXPECT_EQ(FastPackIdNumber(kExample, kToday), IdNumber::Parse(kExample, kToday)->Packed());
  EXPECT_EQ(FastPackIdNumber("11010519491231002x", kToday), std::nullopt);
  EXPECT_EQ(FastPackIdNumber(" 11010519491231002X", kToday), std::nullopt);
  EXPECT_EQ(FastPackIdNumber("110105491231002", kToday), std::nullopt);
  EXPECT_EQ(FastPackIdNumber("", kToday), std::nullopt);
  // Born on `today` is accepted, the day after is not, as by Parse.
  const std::string born_today = IdNumber::FromParts(220102, kToday, 11)->ToString();
  ExpectFastPackAgrees(born_today, kToday);
  EXPECT_NE(FastPackIdNumber(born_today, kToday), std::nullopt);
  EXPECT_EQ(FastPackIdNumber(born_today, kToday.AddDays(-1)), std::nullopt);
  for (std::string_view date :
       {"19000229", "20000229", "20230229", "18991231", "17991231", "18000101", "19000101", "20240431"}) {
    std::string first17 = "220102" + std::string(date) + "011";
    ExpectFastPackAgrees(first17 + IdNumber::CheckCharacter(first17), kToday);
  }
  for (std::string_view address : {"100102", "830102", "220002", "820101"}) {
    std::string first17 = std::string(address) + "19800101011";
    ExpectFastPackAgrees(first17 + IdNumber::CheckCharacter(first17), kToday);
  }
}

#if defined(__SANITIZE_ADDRESS__)
std::atomic<bool> g_counting_allocations{false};
std::atomic<int> g_allocations{0};

void CountAllocation(const volatile void*, size_t) {
  if (g_counting_allocations) ++g_allocations;
}
void IgnoreFree(const volatile void*) {}

// Returns how many allocations `parse` makes.
template <typename Function>
int AllocationsDuring(Function parse) {
  g_allocations = 0;
  g_counting_allocations = true;
  parse();
  g_counting_allocations = false;
  return g_allocations;
}

TEST(IdNumber, ParseDoesNotAllocateWhenItSucceeds) {
  static const int installed = __sanitizer_install_malloc_and_free_hooks(CountAllocation, IgnoreFree);
  ASSERT_NE(installed, 0);
  bool rejected = false;
  // The hook sees allocations: a rejection builds its message.
  EXPECT_GT(AllocationsDuring([&] { rejected = !IdNumber::Parse("110105194912310021").ok(); }), 0);
  EXPECT_TRUE(rejected);
  for (std::string_view text : {kExample, std::string_view("110105491231002")}) {
    SCOPED_TRACE(text);
    bool ok = false;
    EXPECT_EQ(AllocationsDuring([&] { ok = IdNumber::Parse(text, kToday).ok(); }), 0);
    EXPECT_TRUE(ok);
    EXPECT_EQ(AllocationsDuring([&] { ok = IdNumber::Parse(text).ok(); }), 0);
    EXPECT_TRUE(ok);
  }
}
#endif

}  // namespace
}  // namespace jz
