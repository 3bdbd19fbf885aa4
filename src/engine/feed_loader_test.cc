// Tests of LoadFeed: on every file the fast path must give what the slow path (LoadFeedTable
// + FeedAccumulator::Add) gives — counts, problems with their lines, unmatched rows and the
// accumulated aggregates — for plain files, for each kind of bad row and layout CsvReader
// accepts (CRLF, BOM, blank lines, quotes, no final newline), with 1, 2 and 3 threads, and on
// a random file of good and bad rows (seed printed).
#include "engine/feed_loader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/money.h"
#include "rules/schema.h"
#include "tests/testutil/registry_builders.h"
#include "tests/testutil/status_matchers.h"
#include "tests/testutil/table_files.h"

namespace jz {
namespace {

const Date kAsOf = *Date::FromYmd(2024, 12, 31);

FeedSchema MedicalSchema() {
  return FeedSchema{"medical",
                    {{"out_of_pocket", Type{ValueKind::kMoney}},
                     {"inpatient", Type{ValueKind::kBool}},
                     {"visits", Type{ValueKind::kInt}}}};
}

SnapshotNeeds Needs() {
  SnapshotNeeds needs;
  needs.fields.assign(Fields().size(), false);
  needs.feed_keys = {FeedKey{0, 0, 365, true}, FeedKey{0, 1, 0, false}, FeedKey{0, -1, 30, false},
                     FeedKey{0, 2, 0, true}};
  return needs;
}

// Three households, the third's member with the same ID number as H1's second member; then
// `more` households X0, X1, ... of two members.
Snapshot MakeSnapshot(int more = 0) {
  SnapshotBuilder builder(Needs(), kAsOf);
  builder.Add(testing::TestHousehold("H1", 3, 0));
  builder.Add(testing::TestHousehold("H2", 2, 10));
  Household twin = testing::TestHousehold("H3", 1, 0);
  twin.members[0].id_number = testing::TestHousehold("H1", 3, 0).members[1].id_number;
  builder.Add(twin);
  for (int k = 0; k < more; ++k) builder.Add(testing::TestHousehold(fmt::format("X{}", k), 2, 20 + 2 * k));
  return std::move(builder).Finish();
}

std::string Id(const std::string& household, int members, int offset, size_t member) {
  return testing::TestHousehold(household, members, offset).members[member].id_number.ToString();
}

struct Loaded {
  StatusOr<FeedLoadResult> result;
  std::vector<FeedColumn> feed_values;
  size_t persons = 0;
};

Loaded Load(const std::string& path, FeedLoadOptions options) {
  Snapshot snapshot = MakeSnapshot();
  const std::vector<FeedSchema> feeds = {MedicalSchema()};
  FeedAccumulator acc(snapshot, feeds);
  StatusOr<FeedLoadResult> result = LoadFeed(path, feeds[0], 0, acc, options);
  return {std::move(result), snapshot.feed_values, snapshot.persons()};
}

void ExpectSameProblems(const std::vector<FeedProblem>& a, const std::vector<FeedProblem>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE(fmt::format("problem {}", i));
    EXPECT_EQ(a[i].file, b[i].file);
    EXPECT_EQ(a[i].line, b[i].line);
    EXPECT_EQ(a[i].column, b[i].column);
    EXPECT_EQ(a[i].value, b[i].value);
    EXPECT_EQ(a[i].reason, b[i].reason);
  }
}

void ExpectSameColumns(const std::vector<FeedColumn>& a, const std::vector<FeedColumn>& b, size_t persons) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].form(), b[k].form()) << "feed key " << k;
    for (size_t p = 0; p < persons; ++p) EXPECT_EQ(a[k][p], b[k][p]) << "feed key " << k << ", person " << p;
  }
}

// Loads `path` both ways (and the fast way with 1..3 threads) and expects the same; returns
// the slow result.
StatusOr<FeedLoadResult> LoadBothWays(const std::string& path, bool expect_fast = true) {
  FeedLoadOptions slow_options;
  slow_options.force_slow = true;
  Loaded slow = Load(path, slow_options);
  for (int threads : {1, 2, 3}) {
    SCOPED_TRACE(fmt::format("{} threads", threads));
    FeedLoadOptions options;
    options.threads = threads;
    Loaded fast = Load(path, options);
    EXPECT_EQ(fast.result.status(), slow.result.status());
    if (!fast.result.ok() || !slow.result.ok()) continue;
    const FeedLoadResult& f = *fast.result;
    const FeedLoadResult& s = *slow.result;
    EXPECT_EQ(f.fast_path, expect_fast);
    EXPECT_EQ(f.rows, s.rows);
    EXPECT_EQ(f.matched, s.matched);
    EXPECT_EQ(f.unmatched, s.unmatched);
    EXPECT_EQ(f.invalid_ids, s.invalid_ids);
    EXPECT_EQ(f.bad_rows, s.bad_rows);
    EXPECT_EQ(f.rows, f.matched + f.unmatched + f.invalid_ids + f.bad_rows);
    ExpectSameProblems(f.problems, s.problems);
    EXPECT_EQ(f.unmatched_rows, s.unmatched_rows);
    ExpectSameColumns(fast.feed_values, slow.feed_values, slow.persons);
  }
  return std::move(slow.result);
}

class FeedLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / fmt::format("jz-feed-loader-{}", ::getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& text) {
    const std::string path = (dir_ / fmt::format("medical-{}.csv", files_++)).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path dir_;
  int files_ = 0;
  const std::string a_ = Id("H1", 3, 0, 0);
  const std::string b_ = Id("H1", 3, 0, 1);  // also H3's member
  const std::string c_ = Id("H2", 2, 10, 1);
  const std::string outsider_ = IdNumber::FromParts(110102, *Date::FromYmd(1970, 1, 1), 11)->ToString();
};

TEST_F(FeedLoaderTest, PlainFileMatchesSumsAndCountsAsTheSlowPath) {
  const std::string path =
      Write("证件号码,日期,out_of_pocket,inpatient,visits\n" + a_ + ",2024-03-01,9000.00,是,2\n" + b_ +
            ",2024-12-20,7000.26,否,1\n" + b_ + ",2025-01-02,1.00,是,1\n" + c_ + ",2023-06-01,5.5,是,-3\n" +
            outsider_ + ",2024-05-01,100,否,0\n");
  ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(path));
  EXPECT_EQ(r.rows, 5);
  EXPECT_EQ(r.matched, 4);
  EXPECT_EQ(r.unmatched, 1);
  ASSERT_EQ(r.unmatched_rows.size(), 1u);
  EXPECT_EQ(r.unmatched_rows[0], (UnmatchedRow{6, IdNumber::Parse(outsider_)->Packed()}));
}

// A feed given as an Excel workbook (.xlsx or .xls) loads as the same CSV does: the fast
// path steps aside for it and the slow path reads it through TableReader.
TEST_F(FeedLoaderTest, WorkbooksLoadAsTheSameCsv) {
  const std::string csv = "证件号码,日期,out_of_pocket,inpatient,visits\n" + a_ +
                          ",2024-03-01,9000.00,是,2\n" + b_ + ",2024-12-20,7000.26,否,1\n" + c_ +
                          ",2023-06-01,5.5,是,x\n" + outsider_ + ",2024-05-01,100,否,0\n";
  FeedLoadOptions slow_options;
  slow_options.force_slow = true;
  const Loaded from_csv = Load(Write(csv), slow_options);
  ASSERT_OK(from_csv.result.status());
  const std::string xlsx = (dir_ / "medical.xlsx").string();
  const std::string xls = (dir_ / "medical.xls").string();
  ::jz::testing::WriteCsvAsXlsx(xlsx, csv);
  ::jz::testing::WriteCsvAsXls(xls, csv);
  for (const std::string& path : {xlsx, xls}) {
    SCOPED_TRACE(path);
    ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(path, /*expect_fast=*/false));
    const Loaded from_workbook = Load(path, slow_options);
    EXPECT_EQ(r.rows, 4);
    EXPECT_EQ(r.matched, from_csv.result->matched);
    EXPECT_EQ(r.unmatched, from_csv.result->unmatched);
    EXPECT_EQ(r.bad_rows, from_csv.result->bad_rows);
    EXPECT_EQ(r.unmatched_rows, from_csv.result->unmatched_rows);
    ASSERT_EQ(r.problems.size(), from_csv.result->problems.size());
    EXPECT_EQ(r.problems[0].line, from_csv.result->problems[0].line);  // the sheet's row is the CSV's line
    ExpectSameColumns(from_workbook.feed_values, from_csv.feed_values, from_csv.persons);
  }
}

TEST_F(FeedLoaderTest, BadCellsAreProblemsNamingFileLineAndColumn) {
  std::string bad_check = a_;
  bad_check.back() = bad_check.back() == '0' ? '1' : '0';
  const std::string legacy = a_.substr(0, 6) + a_.substr(8, 9);  // born 1960: a 15-digit form
  const std::string path =
      Write("id_number,date,visits,inpatient,out_of_pocket,extra\n" + a_ + ",2024-13-01,1,是,1.00,x\n" + a_ +
            ",2024-03-01,1,是,1.234,x\n" + bad_check + ",2024-03-01,1,是,1.00,x\n" + legacy +
            ",2024-03-01,1,是,1.00,x\n" + a_ + ",2024/3/1,1,有,¥1,234.5,x\n" + c_ +
            ",2024-03-01,1.5,是,1.00,x\n" + c_ + ",2024-03-01,1,maybe,1.00,x\n" + c_ + ",2024-03-01\n" + " " +
            b_ + " ,2024-03-01,1,否,2,x\n" + "12345,2024-03-01,1,否,2,x\n");
  ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(path));
  EXPECT_EQ(r.rows, 10);
  EXPECT_EQ(r.invalid_ids, 2);
  ASSERT_FALSE(r.problems.empty());
  EXPECT_EQ(r.problems[0].file, path);
  EXPECT_EQ(r.problems[0].line, 2);
  EXPECT_EQ(r.problems[0].column, "日期");
  EXPECT_EQ(r.problems[1].line, 3);
  EXPECT_EQ(r.problems[1].column, "out_of_pocket");
  EXPECT_EQ(r.problems[2].column, "证件号码");
  EXPECT_EQ(r.problems[2].value.find(a_.substr(6, 8)), std::string::npos) << "masked";
}

// Feed amounts are costs, losses and values: a negative one would lower a sum and hide a
// warning, so it is a bad row (file, line, column, value), on both paths alike.
TEST_F(FeedLoaderTest, NegativeAmountsAreBadRowsNamingLineAndColumn) {
  const std::string path =
      Write("证件号码,日期,out_of_pocket,inpatient,visits\n" + a_ + ",2024-03-01,9000.00,是,2\n" + b_ +
            ",2024-03-01,-7000.26,否,1\n" + c_ + ",2024-03-01,-0.5,否,1\n" + c_ + ",2024-03-01,0,否,-1\n");
  ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(path));
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.bad_rows, 2);
  EXPECT_EQ(r.matched, 2) << "zero is an amount; a negative int column is not money";
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].line, 3);
  EXPECT_EQ(r.problems[0].column, "out_of_pocket");
  EXPECT_EQ(r.problems[0].value, "-7000.26");
  EXPECT_NE(r.problems[0].reason.find("negative"), std::string::npos) << r.problems[0].reason;
  EXPECT_EQ(r.problems[1].line, 4);
}

TEST_F(FeedLoaderTest, LineEndsBomBlankLinesAndAMissingFinalNewline) {
  const std::string rows = a_ + ",2024-03-01,1.00,是,1\r\n\r\n" + c_ + ",2024-13-01,1.00,是,1\r\n\n\n" + b_ +
                           ",2024-04-01,2.00,否,1\r\n" + b_ + ",x,2.00,否,1";
  for (const std::string& text : {"证件号码,日期,out_of_pocket,inpatient,visits\r\n" + rows,
                                  "\xEF\xBB\xBF证件号码,日期,out_of_pocket,inpatient,visits\n" + rows,
                                  "证件号码,日期,out_of_pocket,inpatient,visits\n" + rows + "\n\r"}) {
    ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(Write(text)));
    EXPECT_EQ(r.rows, 4);
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0].line, 4);
    EXPECT_EQ(r.problems[1].line, 8);
  }
}

TEST_F(FeedLoaderTest, QuotedFilesAndOddLayoutsTakeTheSlowPath) {
  const std::string header = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  EXPECT_OK(
      LoadBothWays(Write(header + a_ + ",2024-03-01,\"1,234.00\",是,1\n"), /*expect_fast=*/false).status());
  EXPECT_OK(
      LoadBothWays(Write(header + a_ + ",2024-03-01,1.00,是,1\n" + c_ + ",\"2024-03-01\",1.00,是,1\n"), false)
          .status());
  EXPECT_OK(LoadBothWays(Write("\n" + header + a_ + ",2024-03-01,1.00,是,1\n"), false).status());
  EXPECT_OK(LoadBothWays(Write("证件号码\t日期\tout_of_pocket\tinpatient\tvisits\n" + a_ +
                               "\t2024-03-01\t1.00\t是\t1\n"),
                         false)
                .status());
  EXPECT_OK(LoadBothWays(Write(header), true).status());
}

// A quote or a bad byte several megabytes in, after the fast pass has added rows: they are
// taken back and the slow path's result stands, not the sum of both.
TEST_F(FeedLoaderTest, AQuoteFarIntoTheFileUndoesTheFastPass) {
  const std::string header = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  std::string good;
  for (int row = 0; row < 120000; ++row) good += (row % 2 ? a_ : c_) + ",2024-03-01,1.00,是,1\n";
  ASSERT_GT(good.size(), size_t{4} << 20);
  ASSERT_OK_AND_ASSIGN(FeedLoadResult quoted,
                       LoadBothWays(Write(header + good + b_ + ",2024-03-01,\"2.00\",否,1\n"),
                                    /*expect_fast=*/false));
  EXPECT_EQ(quoted.matched, 120001);
  EXPECT_STATUS(LoadBothWays(Write(header + good + c_ + ",2024-03-01,\xFF,是,1\n")).status(),
                StatusCode::kInvalidArgument, "line 120002");
}

TEST_F(FeedLoaderTest, FailuresAreTheSlowPathsFailures) {
  const std::string header = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  EXPECT_STATUS(
      LoadBothWays(Write("证件号码,日期,out_of_pocket,visits\n" + a_ + ",2024-03-01,1,1\n")).status(),
      StatusCode::kInvalidArgument, "inpatient");
  EXPECT_STATUS(LoadBothWays(Write("")).status(), StatusCode::kInvalidArgument, "empty");
  EXPECT_STATUS(LoadBothWays((dir_ / "missing.csv").string()).status(), StatusCode::kNotFound, "missing.csv");
  // Past the 64 KiB the encoding is guessed from, so the file is taken for UTF-8.
  std::string good;
  for (int row = 0; row < 3000; ++row) good += a_ + ",2024-03-01,1.00,是,1\n";
  EXPECT_STATUS(LoadBothWays(Write(header + good + c_ + ",2024-03-01,\xFF,是,1\n")).status(),
                StatusCode::kInvalidArgument, "line 3002");
  EXPECT_STATUS(LoadBothWays(Write(header + a_ + std::string(",2024-03-01,1.00,是,1\0\n", 24))).status(),
                StatusCode::kInvalidArgument, "line 2");
}

TEST_F(FeedLoaderTest, RandomFilesAgreeWithTheSlowPath) {
  constexpr uint64_t kSeed = 4242;
  SCOPED_TRACE(fmt::format("seed {}", kSeed));
  std::mt19937_64 random(kSeed);
  const std::vector<std::string> ids = {
      a_, b_, c_, outsider_, a_.substr(0, 17) + "x", "", "22242419600301001"};
  const std::vector<std::string> dates = {"2024-03-01", "2024-12-31", "2025-01-01", "2023-12-31",
                                          "2024-2-30",  "bad",        "20240301",   ""};
  const std::vector<std::string> money = {"1.00",      "0", "-5.25", "12345678.9",
                                          "1,234.00x", "",  "1.001", "99999999999999999999"};
  const std::vector<std::string> bools = {"是", "否", "Y", "no", "", "?"};
  const std::vector<std::string> ints = {"1", "-2", "0", "x", "", "99999999999999999999"};
  const std::vector<std::string> ends = {"\n", "\n", "\n", "\r\n", "\n\n"};
  auto pick = [&](const std::vector<std::string>& v, int good) {
    const size_t i = std::uniform_int_distribution<size_t>(0, 99)(random) < static_cast<size_t>(good)
                         ? std::uniform_int_distribution<size_t>(0, 1)(random)
                         : std::uniform_int_distribution<size_t>(0, v.size() - 1)(random);
    return v[i];
  };
  std::string text = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  for (int row = 0; row < 5000; ++row) {
    text += fmt::format("{},{},{},{},{}{}", pick(ids, 60), pick(dates, 90), pick(money, 95), pick(bools, 95),
                        pick(ints, 95), pick(ends, 0));
  }
  ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadBothWays(Write(text)));
  EXPECT_EQ(r.rows, 5000);
  EXPECT_GT(r.matched, 1000);
  EXPECT_GT(r.problems.size(), 100u);
}

// A feed whose rows can name at most one person in eight is kept sparse (FeedColumn): its
// values are those FeedAccumulator::Add gives on dense columns, by both paths, on 1..3 threads.
TEST_F(FeedLoaderTest, AFeedNamingFewPersonsIsKeptSparseWithTheSameValues) {
  constexpr int kMore = 200;  // 406 persons: a file of at most 50 rows' bytes is sparse
  auto x = [](int k, size_t member) { return Id(fmt::format("X{}", k), 2, 20 + 2 * k, member); };
  struct FeedRowText {
    std::string id, date, money, inpatient, visits;
  };
  const std::vector<FeedRowText> rows = {
      {a_, "2024-03-01", "9000.00", "是", "2"},
      {b_, "2024-12-20", "7000.26", "否", "1"},  // b_: two persons
      {x(0, 0), "2024-01-01", "5.25", "是", "1"},
      {x(0, 0), "2024-02-01", "0", "否", "-1"},  // visits sum to 0
      {x(7, 1), "2023-12-31", "80", "是", "1"},
      {x(7, 1), "2024-12-31", "1.5", "是", "3"},
      {x(63, 0), "2024-06-01", "2", "否", "0"},
      {x(64, 1), "2024-06-01", "3", "是", "5"},
      {x(199, 1), "2024-06-01", "4", "是", "1"},
      {x(199, 1), "2025-01-01", "9", "是", "1"},  // after as_of
      {outsider_, "2024-06-01", "4", "是", "1"},
      {c_, "2024-12-01", "0.01", "否", "2"},
      {x(64, 1), "2024-07-01", "3", "是", "5"},
  };
  std::string text = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  for (const FeedRowText& r : rows)
    text += fmt::format("{},{},{},{},{}\n", r.id, r.date, r.money, r.inpatient, r.visits);
  ASSERT_LE(static_cast<int64_t>(text.size()) / 24, (6 + 2 * kMore) / 8);
  const std::string path = Write(text);
  const std::vector<FeedSchema> feeds = {MedicalSchema()};

  Snapshot dense = MakeSnapshot(kMore);
  FeedAccumulator reference(dense, feeds);
  for (const FeedRowText& r : rows) {
    const std::vector<int64_t> values = {Money::Parse(r.money)->fen(), r.inpatient == "是",
                                         std::stoll(r.visits)};
    reference.Add(0, IdNumber::Parse(r.id)->Packed(), *Date::Parse(r.date), values);
  }
  ASSERT_OK(reference.status());
  for (int threads : {0, 1, 2, 3}) {  // 0: the slow path
    SCOPED_TRACE(threads == 0 ? std::string("slow") : fmt::format("{} threads", threads));
    Snapshot sparse = MakeSnapshot(kMore);
    FeedAccumulator acc(sparse, feeds);
    FeedLoadOptions options;
    options.force_slow = threads == 0;
    options.threads = std::max(threads, 1);
    ASSERT_OK_AND_ASSIGN(FeedLoadResult r, LoadFeed(path, feeds[0], 0, acc, options));
    EXPECT_EQ(r.matched, 12);
    ASSERT_OK(acc.status());
    int nonzero = 0;
    for (size_t k = 0; k < sparse.feed_values.size(); ++k) {
      EXPECT_EQ(dense.feed_values[k].form(), FeedColumn::Form::kDense);
      EXPECT_EQ(sparse.feed_values[k].form(), FeedColumn::Form::kSparse);
      for (size_t p = 0; p < sparse.persons(); ++p) {
        EXPECT_EQ(sparse.feed_values[k][p], dense.feed_values[k][p]) << "key " << k << ", person " << p;
        nonzero += sparse.feed_values[k][p] != 0;
      }
    }
    EXPECT_GT(nonzero, 15);
    EXPECT_LT(sparse.MemoryBytes(), dense.MemoryBytes());
  }
}

TEST(FeedColumnTest, SparseValuesAreSummedSealedAgainAndCleared) {
  FeedColumn c;
  EXPECT_EQ(c.form(), FeedColumn::Form::kZero);
  EXPECT_EQ(c[5], 0);
  c.MakeSparse(200);
  for (auto [p, delta] : std::vector<std::pair<uint32_t, int64_t>>{
           {3, 5}, {130, 7}, {3, 2}, {64, 1}, {64, -1}, {199, INT64_MAX}, {63, 0}}) {
    EXPECT_TRUE(c.Add(p, delta));
  }
  ASSERT_TRUE(c.Seal());
  EXPECT_EQ(c[3], 7);
  EXPECT_EQ(c[130], 7);
  EXPECT_EQ(c[64], 0);
  EXPECT_EQ(c[199], INT64_MAX);
  for (size_t p : {0u, 1u, 2u, 4u, 63u, 65u, 129u, 131u, 198u}) EXPECT_EQ(c[p], 0) << p;
  const FeedColumn copy = c;
  c.Add(3, 1);
  c.Add(0, 4);
  ASSERT_TRUE(c.Seal());  // the values sealed before join the new pairs
  EXPECT_EQ(c[0], 4);
  EXPECT_EQ(c[3], 8);
  EXPECT_EQ(c[130], 7);
  EXPECT_EQ(copy[3], 7);
  EXPECT_EQ(copy[0], 0);
  c.Add(199, 1);
  EXPECT_FALSE(c.Seal());  // INT64_MAX + 1
  c.Clear();
  EXPECT_EQ(c.form(), FeedColumn::Form::kSparse);
  for (size_t p = 0; p < 200; ++p) EXPECT_EQ(c[p], 0) << p;
  FeedColumn dense;
  dense.MakeDense(10, /*wide=*/false);
  EXPECT_TRUE(dense.Add(2, 3));
  EXPECT_FALSE(dense.Add(2, INT32_MAX));
  EXPECT_EQ(dense[2], 3);
}

TEST_F(FeedLoaderTest, KeepsAtMostMaxProblemsButCountsAll) {
  std::string text = "证件号码,日期,out_of_pocket,inpatient,visits\n";
  for (int row = 0; row < 50; ++row) text += "bad,2024-03-01,1,是,1\n" + outsider_ + ",2024-03-01,1,是,1\n";
  for (bool slow : {false, true}) {
    FeedLoadOptions options;
    options.force_slow = slow;
    options.max_problems = 7;
    options.max_unmatched = 5;
    options.threads = 2;
    Loaded loaded = Load(Write(text), options);
    ASSERT_OK(loaded.result.status());
    EXPECT_EQ(loaded.result->invalid_ids, 50);
    EXPECT_EQ(loaded.result->unmatched, 50);
    ASSERT_EQ(loaded.result->problems.size(), 7u);
    EXPECT_EQ(loaded.result->problems[6].line, 14);
    ASSERT_EQ(loaded.result->unmatched_rows.size(), 5u);
    EXPECT_EQ(loaded.result->unmatched_rows[4].line, 11);
  }
}

}  // namespace
}  // namespace jz
