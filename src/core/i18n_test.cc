// Tests for language tags and the OpenCC simplified → traditional conversion (i18n.h).
#include "core/i18n.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

using ::jz::testing::IsInvalidArgumentWith;

using ::testing::HasSubstr;

TEST(ParseLang, AcceptsCanonicalTagsInAnyCase) {
  EXPECT_EQ(*ParseLang("zh-Hans"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("ZH-HANS"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh-Hant"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("zh-hant"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("en"), Lang::kEn);
  EXPECT_EQ(*ParseLang("EN"), Lang::kEn);
}

TEST(ParseLang, AcceptsRegionalTagsWithDashOrUnderscore) {
  EXPECT_EQ(*ParseLang("zh"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh_CN"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh-CN"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh-SG"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh-Hans-CN"), Lang::kZhHans);
  EXPECT_EQ(*ParseLang("zh-TW"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("zh_HK"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("zh-MO"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("zh-Hant-TW"), Lang::kZhHant);
  EXPECT_EQ(*ParseLang("en-US"), Lang::kEn);
  EXPECT_EQ(*ParseLang("en_GB"), Lang::kEn);
  EXPECT_EQ(*ParseLang("  en  "), Lang::kEn);
}

TEST(ParseLang, RejectsOtherTagsNamingTheValue) {
  for (std::string_view bad : {"", "fr", "english", "zh-XX", "zhHans", "en-", "-en"}) {
    EXPECT_TRUE(IsInvalidArgumentWith(ParseLang(bad).status(), "zh-Hans")) << bad;
  }
  EXPECT_TRUE(IsInvalidArgumentWith(ParseLang("fr-FR").status(), "\"fr-FR\""));
  const std::string too_long(200, 'e');
  EXPECT_TRUE(IsInvalidArgumentWith(ParseLang(too_long).status(), "accepted"));
}

TEST(ParseLang, RoundTripsLangTag) {
  for (Lang lang : {Lang::kZhHans, Lang::kZhHant, Lang::kEn}) {
    EXPECT_EQ(*ParseLang(LangTag(lang)), lang) << LangTag(lang);
  }
  EXPECT_EQ(LangTag(Lang::kZhHant), "zh-Hant");
}

TEST(ToTraditional, ConvertsWithOpenCcS2t) {
  ASSERT_TRUE(TraditionalAvailable()) << "OpenCC s2t.json not found in /usr/share/opencc";
  EXPECT_EQ(ToTraditional("长期慢性病"), "長期慢性病");
  EXPECT_EQ(ToTraditional("与户主关系"), "與戶主關係");
  EXPECT_EQ(ToTraditional("乡(镇)外县内务工"), "鄉(鎮)外縣內務工");
  EXPECT_EQ(ToTraditional("脱贫不稳定户"), "脫貧不穩定戶");
}

TEST(ToTraditional, PassesThroughNonChineseAndEmptyText) {
  EXPECT_EQ(ToTraditional(""), "");
  EXPECT_EQ(ToTraditional("Grade A, 2024-06-30"), "Grade A, 2024-06-30");
  // Text that is already traditional stays as it is.
  EXPECT_EQ(ToTraditional("與戶主關係"), "與戶主關係");
}

// Malformed UTF-8 (a request path echoed into a message) is returned as it is, never read
// past its end: OpenCC trusts lead bytes (server_request_fuzz's crash, under ASan).
TEST(ToTraditional, LeavesMalformedUtf8AsItIs) {
  const std::string truncated = std::string("路径 .a") + std::string(13, '\xD0');
  EXPECT_EQ(ToTraditional(truncated), truncated);
  const std::string overlong = "\xC0\xAF 与户主关系";
  EXPECT_EQ(ToTraditional(overlong), overlong);
  EXPECT_EQ(ToTraditional("与户主关系 \xED\xA0\x80"), "与户主关系 \xED\xA0\x80") << "a surrogate";
  EXPECT_EQ(ToTraditional("与户主关系 ok"), "與戶主關係 ok");
}

TEST(ToTraditional, KeepsEmbeddedNulBytes) {
  const std::string input("户主\0配偶", 13);
  const std::string expected("戶主\0配偶", 13);
  EXPECT_EQ(ToTraditional(input), expected);
}

TEST(ToTraditional, ReturnsInvalidUtf8Unchanged) {
  // OpenCC rejects a stray 0xFF; the caller gets its own text back rather than nothing.
  const std::string bad = "汉\xff字";
  EXPECT_EQ(ToTraditional(bad), bad);
}

TEST(ChineseConverter, MissingConfigurationPassesTextThrough) {
  ChineseConverter converter("/nonexistent/jz-no-such-config.json");
  EXPECT_FALSE(converter.available());
  EXPECT_EQ(converter.Convert("长期慢性病"), "长期慢性病");
  // The failure is remembered: asking again gives the same answer.
  EXPECT_FALSE(converter.available());
}

TEST(ChineseConverter, OtherConfigurationsWork) {
  ChineseConverter t2s("t2s.json");
  ASSERT_TRUE(t2s.available());
  EXPECT_EQ(t2s.Convert("與戶主關係"), "与户主关系");
}

TEST(ToTraditional, IsThreadSafe) {
  // Run under ASan/UBSan (and TSan when available): four threads share the one converter.
  constexpr int kThreads = 4;
  constexpr int kRounds = 200;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &mismatches] {
      for (int i = 0; i < kRounds; ++i) {
        if (ToTraditional("长期慢性病") != "長期慢性病") ++mismatches[static_cast<size_t>(t)];
        if (ToTraditional("与户主关系") != "與戶主關係") ++mismatches[static_cast<size_t>(t)];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[static_cast<size_t>(t)], 0) << t;
}

TEST(ChineseConverter, FirstUseFromManyThreadsOpensOnce) {
  ChineseConverter converter("s2t.json");
  constexpr int kThreads = 4;
  std::vector<std::string> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        [t, &converter, &results] { results[static_cast<size_t>(t)] = converter.Convert("监测对象类型"); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::string& result : results) EXPECT_EQ(result, "監測對象類型");
}

}  // namespace
}  // namespace jz
