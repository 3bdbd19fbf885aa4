#include "engine/file_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace jz {
namespace {

// The field starts of `line` by the plain definition: 0, then one past each comma.
std::vector<uint32_t> ReferenceStarts(const std::string& line) {
  std::vector<uint32_t> starts{0};
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == ',') starts.push_back(static_cast<uint32_t>(i + 1));
  }
  starts.push_back(static_cast<uint32_t>(line.size() + 1));
  return starts;
}

// SplitFields and SplitFieldsKeeping against the plain definition, for lines of every length
// around the 16-byte chunks, every field limit and every `keep`.
TEST(SplitFieldsKeeping, AgreesWithThePlainDefinition) {
  std::mt19937 rng(7);
  std::vector<uint32_t> all(65), kept(65);
  for (int i = 0; i < 20000; ++i) {
    std::string line(rng() % 90, 'a');
    for (char& c : line) c = rng() % 4 == 0 ? ',' : static_cast<char>('a' + rng() % 3);
    const size_t max_fields = 1 + rng() % 64;
    const size_t keep = rng() % 70;
    const std::vector<uint32_t> reference = ReferenceStarts(line);
    const size_t fields = reference.size() - 1;
    const size_t expected = fields > max_fields ? 0 : fields;
    const size_t n = SplitFields(line, all.data(), max_fields);
    ASSERT_EQ(n, expected) << line;
    for (size_t k = 0; k <= n; ++k) ASSERT_EQ(all[k], reference[k]) << line << " " << k;
    for (auto* split : {&SplitFieldsKeeping, &internal::SplitFieldsKeepingSse2}) {
      const size_t m = split(line, kept.data(), max_fields, std::min(keep, max_fields));
      ASSERT_EQ(m, expected) << line;
      for (size_t k = 0; k <= std::min({keep, max_fields, n}) && n > 0; ++k) {
        ASSERT_EQ(kept[k], reference[k]) << line << " " << k;
      }
    }
  }
}

TEST(HasQuoteOrNul, FindsEitherAnywhere) {
  for (const size_t size : std::vector<size_t>{0, 1, 15, 16, 63, 64, 65, 200}) {
    for (size_t at = 0; at < size; ++at) {
      for (const char c : {'"', '\0'}) {
        std::string block(size, 'x');
        EXPECT_FALSE(HasQuoteOrNul(block));
        block[at] = c;
        ASSERT_TRUE(HasQuoteOrNul(block)) << size << " " << at;
      }
    }
  }
}

}  // namespace
}  // namespace jz
