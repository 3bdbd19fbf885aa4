// End-to-end test of `jingzhun campaign`: a county self-check and a province spot-check on a
// generated registry with simulated findings, reports as table, CSV and JSON, every
// subcommand's help, and bad input with messages and exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/testing/read_table.h"
#include "cli/testing/run_jingzhun.h"
#include "tests/testutil/table_files.h"

namespace {

using jz::cli_testing::ReadTable;
using jz::cli_testing::Result;
using jz::cli_testing::RunJingzhun;

class CampaignCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / ("jz-campaign-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const std::string regions = std::string(JZ_SHARED_DATA_DIR) + "/regions";
    ASSERT_EQ(RunJingzhun("generate --out " + P("reg") + " --persons 6000 --seed 11 --regions " + regions)
                  .exit_code,
              0);
    ASSERT_EQ(RunJingzhun("regions load " + P("c.db") + " " + regions).exit_code, 0);
    ASSERT_EQ(RunJingzhun("import " + P("c.db") + " " + P("reg/registry.csv")).exit_code, 0);
  }
  static void TearDownTestSuite() { std::filesystem::remove_all(dir_); }
  static std::string P(const std::string& name) { return (dir_ / name).string(); }
  static std::filesystem::path dir_;
};
std::filesystem::path CampaignCliTest::dir_;

TEST_F(CampaignCliTest, EverySubcommandHasHelpWithExamples) {
  EXPECT_NE(RunJingzhun("--help").out.find("campaign"), std::string::npos);
  for (const char* sub : {"create", "sample", "record", "report", "simulate"}) {
    const Result r = RunJingzhun(std::string("campaign ") + sub + " --help");
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Examples"), std::string::npos) << sub;
  }
}

TEST_F(CampaignCliTest, CountySelfCheckAndProvinceSpotCheckWithSimulatedFindings) {
  const std::string db = P("c.db");
  const std::string policy = std::string(JZ_SOURCE_DIR) + "/policies/jilin-2024.toml";
  ASSERT_EQ(RunJingzhun("campaign create " + db +
                        " --code WQ --name 汪清县自查 --level county --region 222424 --policy " + policy)
                .exit_code,
            0);
  Result r =
      RunJingzhun("campaign create " + db +
                  " --code JL --name 省级抽查 --level province --region 22 --compare-to WQ --line 4000");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  r = RunJingzhun("campaign sample " + db + " WQ");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("全部农户"), std::string::npos) << r.out;
  r = RunJingzhun("campaign sample " + db + " JL --seed 42 --size 300 --strata county --out " + P("s1.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  r = RunJingzhun("--lang en campaign sample " + db + " JL --seed 42 --size 300 --strata county --out " +
                  P("s2.csv"));
  EXPECT_NE(r.out.find("stored draw 1"), std::string::npos) << r.out;
  std::ifstream a(P("s1.csv")), b(P("s2.csv"));
  const std::string first(std::istreambuf_iterator<char>(a), {}),
      second(std::istreambuf_iterator<char>(b), {});
  EXPECT_GT(first.size(), 1000u);
  // The header follows --lang (抽样顺序 / draw order); the households are the same.
  EXPECT_EQ(first.rfind("抽样顺序,户编号,", 0), 0u) << first.substr(0, 80);
  EXPECT_EQ(second.rfind("draw order,household no,", 0), 0u) << second.substr(0, 80);
  EXPECT_TRUE(first.substr(first.find('\n')) == second.substr(second.find('\n')))
      << "the same seed gave another sample list";
  ASSERT_EQ(RunJingzhun("campaign simulate " + db + " WQ --out " + P("wq.csv") +
                        " --problem-rate 0.2 --miss-rate 0.5")
                .exit_code,
            0);
  ASSERT_EQ(
      RunJingzhun("campaign simulate " + db + " JL --out " + P("jl.csv") + " --problem-rate 0.2").exit_code,
      0);
  ASSERT_EQ(RunJingzhun("campaign record " + db + " WQ " + P("wq.csv")).exit_code, 0);
  r = RunJingzhun("campaign record " + db + " JL " + P("jl.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("已录入 300 户"), std::string::npos) << r.out;
  EXPECT_EQ(RunJingzhun("campaign sample " + db + " JL --seed 43 --size 300 --strata county").exit_code,
            6);  // findings exist
  r = RunJingzhun("campaign report " + db + " JL --level prefecture");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  // The paired comparison replaces the lower level's own rates; the overlap is a few 汪清
  // households, so its figures are marked thin with the legend.
  for (const char* part :
       {"错退率", "漏评率", "上级错退率", "下级错退率", "差（上−下）", "两级均核查的", "不一致户",
        "延边朝鲜族自治州", "df", "95% 置信区间：logit", "† 所依据的已录入户少于 30 户"}) {
    EXPECT_NE(r.out.find(part), std::string::npos) << part << "\n" << r.out;
  }
  r = RunJingzhun("--lang en campaign report " + db + " JL --format csv");
  EXPECT_EQ(r.out.rfind("campaign,compare_to,region_code,region_name,population,metric,item,estimate,ci_low,"
                        "ci_high,se,df,households",
                        0),
            0u)
      << r.out;
  EXPECT_NE(r.out.find("households both levels checked"), std::string::npos) << r.out;
  // --interval reaches the estimates: the same figures with other bounds.
  auto without_method = [](const std::string& csv) {  // each line up to its last comma
    std::string out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) out += line.substr(0, line.rfind(',')) + "\n";
    return out;
  };
  const Result kg =
      RunJingzhun("--lang en campaign report " + db + " JL --format csv --interval korn-graubard");
  ASSERT_EQ(kg.exit_code, 0) << kg.out;
  EXPECT_NE(kg.out.find(",korn-graubard\n"), std::string::npos);
  EXPECT_NE(without_method(kg.out), without_method(r.out));
  r = RunJingzhun("campaign list " + db + " --format json");
  std::map<std::string, int64_t> recorded;  // each campaign's own recorded households
  for (const nlohmann::json& row : nlohmann::json::parse(r.out)) recorded[row["code"]] = row["recorded"];
  ASSERT_GT(recorded["WQ"], 0);
  r = RunJingzhun("campaign report " + db + " JL --format json");
  ASSERT_EQ(r.exit_code, 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["design"][0]["seed"], 42);
  EXPECT_EQ(j["design"][0]["compare_to"], "WQ");
  EXPECT_EQ(j["design"][0]["interval"], "logit");
  std::set<std::string> seen;
  for (const nlohmann::json& row : j["estimates"]) {
    if (row["region_code"] != "22") continue;
    const std::string metric = row["metric"], campaign = row["campaign"];
    seen.insert(campaign + " " + metric);
    if (metric == "wrongly_exited_rate") {
      EXPECT_EQ(row["recorded"], recorded[campaign]) << row;  // the campaign's own count
      EXPECT_TRUE(row["estimate"].is_number()) << row;
    }
    if (metric == "wrongly_exited_difference") {
      EXPECT_EQ(row["compare_to"], "WQ");
      EXPECT_NE(row["population"].get<std::string>().find("两级均核查的"), std::string::npos) << row;
      EXPECT_TRUE(row["df"].is_number()) << row;
      EXPECT_EQ(row["thin"], 1) << row;
    }
  }
  for (const char* want : {"JL wrongly_exited_rate", "WQ wrongly_exited_rate",
                           "JL wrongly_exited_rate_on_overlap", "WQ wrongly_exited_rate_on_overlap",
                           "JL wrongly_exited_difference", "JL missed_difference", "JL item_disagreement"}) {
    EXPECT_TRUE(seen.count(want)) << want << "\n" << r.out;
  }
  // The items the levels answered differently, as an English workbook.
  r = RunJingzhun("--lang en campaign report " + db + " JL --interval korn-graubard --disagreements " +
                  P("diff.xlsx"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("95% intervals: Korn–Graubard"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("items the levels answered differently to"), std::string::npos) << r.out;
  const std::vector<std::vector<std::string>> diff = ReadTable(P("diff.xlsx"));
  ASSERT_GE(diff.size(), 2u);
  EXPECT_EQ(diff[0], (std::vector<std::string>{"household no", "village code", "village", "item", "item name",
                                               "upper level's answer", "lower level's answer"}));
  EXPECT_NE(diff[1][5], diff[1][6]);
  r = RunJingzhun("campaign list " + db);
  EXPECT_NE(r.out.find("JL"), std::string::npos);

  // What the spot-check found goes into the rectification ledger, once.
  r = RunJingzhun("rectify from-campaign " + db +
                  " JL --unit '{county}乡村振兴局' --owner 分管副县长 --by 省核查组 --date 2025-04-01");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("新建账"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("新建账 0 个"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en rectify from-campaign " + db +
                  " JL --unit X --owner Y --by Z --date 2025-04-01");
  EXPECT_NE(r.out.find(": 0 added"), std::string::npos) << r.out;
  r = RunJingzhun("rectify list " + db + " --open --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("省级抽查（JL）核查"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("汪清县乡村振兴局"), std::string::npos) << r.out;
  EXPECT_EQ(RunJingzhun("rectify from-campaign " + db + " NOPE --unit X --owner Y --by Z").exit_code, 4);
}

// The sample list as an English workbook, filled in by a checker (an item and an answer
// added to each row; one answer is nonsense) and recorded as it is: every other household is
// stored, and the refused row comes back as an English workbook.
TEST_F(CampaignCliTest, AnEnglishSampleWorkbookFilledInIsRecorded) {
  const std::string db = P("c.db");
  ASSERT_EQ(
      RunJingzhun("campaign create " + db + " --code RT --name 往返 --level province --region 22 --line 4000")
          .exit_code,
      0);
  Result r = RunJingzhun("--lang en campaign sample " + db +
                         " RT --seed 5 --size 200 --strata county --out " + P("rt.xlsx"));
  ASSERT_EQ(r.exit_code, 0) << r.out;  // 62 counties need 199 for two households per cell
  const std::vector<std::vector<std::string>> list = ReadTable(P("rt.xlsx"));
  ASSERT_EQ(list.size(), 201u);
  EXPECT_EQ(list[0], (std::vector<std::string>{"draw order", "household no", "village code", "stratum",
                                               "household type code", "persons"}));
  std::string filled =
      "draw order,household no,village code,stratum,household type code,persons,item,answer\n";
  for (size_t i = 1; i < list.size(); ++i) {
    for (const std::string& cell : list[i]) filled += cell + ",";
    filled += i == 2 ? "food,perhaps\n" : "food,yes\n";
  }
  ::jz::testing::WriteCsvAsXlsx(P("rt-filled.xlsx"), filled);
  r = RunJingzhun("--lang en campaign record " + db + " RT " + P("rt-filled.xlsx") + " --report " +
                  P("rt-refused.xlsx"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("200 rows: 199 households stored (199 rows), 1 households refused"), std::string::npos)
      << r.out;
  const std::vector<std::vector<std::string>> refused = ReadTable(P("rt-refused.xlsx"));
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[0], (std::vector<std::string>{"file", "row", "field", "message"}));
  EXPECT_EQ(refused[1][1], "2");
  EXPECT_EQ(refused[1][2], "answer");
  EXPECT_NE(refused[1][3].find("unrecognised value \"perhaps\""), std::string::npos) << refused[1][3];
}

TEST_F(CampaignCliTest, BadInputIsReportedWithFileRowAndField) {
  const std::string db = P("c.db");
  ASSERT_EQ(RunJingzhun("campaign create " + db +
                        " --code BAD --name 测试 --level province --region 22 --line 4000")
                .exit_code,
            0);
  ASSERT_EQ(RunJingzhun("campaign sample " + db + " BAD --seed 1 --size 200 --strata county --out " +
                        P("bad-sample.csv"))
                .exit_code,
            0);
  std::ifstream sample(P("bad-sample.csv"));
  std::string header, first;
  std::getline(sample, header);
  std::getline(sample, first);
  const std::string household =
      first.substr(first.find(',') + 1, first.find(',', first.find(',') + 1) - first.find(',') - 1);
  std::ofstream(P("bad.csv")) << "household_no,item,answer,value,note\n" << household << ",food,perhaps,,\n";
  Result r = RunJingzhun("--lang en campaign record " + db + " BAD " + P("bad.csv") + " --report " +
                         P("refused.csv"));
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("row 1 answer: Finding answer: unrecognised value \"perhaps\""), std::string::npos)
      << r.out;
  EXPECT_TRUE(std::filesystem::exists(P("refused.csv")));
  EXPECT_EQ(RunJingzhun("campaign report " + db + " BAD --format xml").exit_code, 3);
  EXPECT_EQ(
      RunJingzhun("campaign create " + db + " --code X --name x --level district --region 22 --line 4000")
          .exit_code,
      3);
  EXPECT_EQ(
      RunJingzhun("campaign create " + db + " --code Y --name y --level province --region 22").exit_code,
      3);  // no line
  EXPECT_EQ(RunJingzhun("campaign report " + db + " NOPE").exit_code, 4);
  r = RunJingzhun("--lang en campaign report " + db + " BAD --interval wald");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--interval wald is not an interval method (use logit or korn-graubard)"),
            std::string::npos)
      << r.out;
  r = RunJingzhun("campaign report " + db + " BAD --interval normal");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("区间方法 --interval normal 无效"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en campaign report " + db + " BAD --disagreements " + P("none.csv"));
  EXPECT_NE(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("has no lower-level campaign"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en campaign sample " + db + " BAD --seed 2 --fraction 1.5");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.out.find("--fraction 1.5"), std::string::npos) << r.out;
}

// A sample too small for two households in every cell (stratum × registered) is refused in
// zh-Hans and in English, naming the smallest size accepted; that size is accepted, and `campaign show`
// says the draw was made by sampling rule 2.
TEST_F(CampaignCliTest, SampleBelowTheCellFloorsIsRefusedNamingTheMinimum) {
  const std::string db = P("c.db");
  ASSERT_EQ(RunJingzhun("campaign create " + db +
                        " --code FLOOR --name 每格两户 --level province --region 22 "
                        "--line 4000")
                .exit_code,
            0);
  Result r = RunJingzhun("campaign sample " + db + " FLOOR --seed 3 --size 100 --strata county");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("样本量 100 不足：62 层至少需要 199 户"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en campaign sample " + db + " FLOOR --seed 3 --size 198 --strata county");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("the sample size 198 is too small: 62 strata need at least 199 households"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("draw at least 199"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("样本量"), std::string::npos) << r.out;
  r = RunJingzhun("--lang en campaign sample " + db + " FLOOR --seed 3 --size 199 --strata county --out " +
                  P("floor.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(ReadTable(P("floor.csv")).size(), 200u);
  r = RunJingzhun("campaign show " + db + " FLOOR");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("sample=199"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sampling_rule=2"), std::string::npos) << r.out;
}

TEST_F(CampaignCliTest, FutureOrOutOfOrderDatesAndOutOfRangeNumbersAreRefused) {
  const std::string db = P("c.db");
  Result r = RunJingzhun("--lang en campaign create " + db +
                         " --code FUT --name x --level province --region 22 --line 4000 "
                         "--date 2199-01-01");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("date 2199-01-01 is after today"), std::string::npos) << r.out;
  ASSERT_EQ(RunJingzhun("campaign create " + db +
                        " --code GUARD --name 守卫 --level province --region 22 --line 4000 "
                        "--date 2025-01-02")
                .exit_code,
            0);
  r = RunJingzhun("--lang en campaign sample " + db + " GUARD --size 50 --strata county --date 2025-01-01");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("the draw date 2025-01-01 is before the campaign's creation date 2025-01-02"),
            std::string::npos)
      << r.out;
  const std::pair<std::string, std::string> refused[] = {
      {"sample " + db + " GUARD --size 2000000", "--size 2000000 is out of range (use 0 to 1000000)"},
      {"sample " + db + " GUARD --size 50 --seed 9007199254740992",
       "--seed 9007199254740992 is out of range"},
      {"sample " + db + " GUARD --size 50 --min-per-stratum 0", "--min-per-stratum 0 is out of range"},
      {"sample " + db + " GUARD --size 50 --registered-share 2",
       "--registered-share 2 must be a number in [0, 1]"},
      {"sample " + db + " GUARD --size 50 --strata district", "Strata: unrecognised value \"district\""},
  };
  for (const auto& [args, message] : refused) {
    r = RunJingzhun("--lang en campaign " + args);
    EXPECT_EQ(r.exit_code, 3) << args << "\n" << r.out;
    EXPECT_NE(r.out.find(message), std::string::npos) << args << "\n" << r.out;
  }
  ASSERT_EQ(
      RunJingzhun("campaign sample " + db + " GUARD --size 200 --strata county --date 2025-01-03").exit_code,
      0);
  r = RunJingzhun("--lang en campaign simulate " + db + " GUARD --out " + P("g.csv") + " --miss-rate 2");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("--miss-rate 2 must be in [0, 1]"), std::string::npos) << r.out;
  ASSERT_EQ(RunJingzhun("campaign simulate " + db + " GUARD --out " + P("g.csv")).exit_code, 0);
  r = RunJingzhun("--lang en campaign record " + db + " GUARD " + P("g.csv") + " --date 2025-01-02");
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_NE(r.out.find("the findings date 2025-01-02 is before the draw date 2025-01-03"), std::string::npos)
      << r.out;
  r = RunJingzhun("campaign list " + db + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  bool listed = false;
  for (const nlohmann::json& row : nlohmann::json::parse(r.out))
    listed |= row["code"] == "GUARD" && row["recorded"] == 0;
  EXPECT_TRUE(listed) << r.out;
}

}  // namespace
