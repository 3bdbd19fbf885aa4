// Property tests of the generated registry, read back through the CSV reader and the
// export layout: every ID validates and agrees with birth date, sex and county; every
// person sits in a real village; households are internally consistent; same seed gives
// the same bytes; planted problems are recorded and present.
#include "synth/registry_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "io/csv_reader.h"
#include "io/region_files.h"
#include "io/registry_layout.h"
#include "synth/problem_planter.h"
#include "synth/village_plan.h"
#include "tests/testutil/status_matchers.h"

namespace jz {
namespace {

const std::string kRegionsDir = std::string(JZ_SHARED_DATA_DIR) + "/regions";

using Row = std::vector<std::string>;

// All rows of a CSV file (header excluded), as owned strings.
std::vector<Row> ReadAll(const std::string& path, Row* header = nullptr) {
  auto reader = CsvReader::Open(path);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<Row> rows;
  std::vector<std::string_view> fields;
  bool first = true;
  while (true) {
    auto more = (*reader)->Next(fields);
    EXPECT_TRUE(more.ok()) << more.status();
    if (!more.ok() || !*more) break;
    Row row(fields.begin(), fields.end());
    if (first && header != nullptr) *header = row;
    if (!first) rows.push_back(std::move(row));
    first = false;
  }
  return rows;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& Cell(const Row& row, RegistryColumn c) { return row[static_cast<size_t>(c)]; }

class GeneratorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("jz-gen-" + std::to_string(::getpid()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  GeneratorOptions Options(const std::string& sub, int64_t persons, uint64_t seed) {
    GeneratorOptions o;
    o.out_dir = (dir_ / sub).string();
    o.persons = persons;
    o.seed = seed;
    o.regions_dir = kRegionsDir;
    return o;
  }
  std::filesystem::path dir_;
};

TEST_F(GeneratorTest, CleanRegistryIsValidAndConsistent) {
  constexpr int64_t kPersons = 30000;
  ASSERT_OK_AND_ASSIGN(GeneratorSummary s, GenerateRegistry(Options("clean", kPersons, 7)));
  EXPECT_EQ(s.persons, kPersons);
  EXPECT_EQ(s.planted, 0);
  Row header;
  const std::vector<Row> rows = ReadAll(s.registry_path, &header);
  ASSERT_EQ(static_cast<int64_t>(rows.size()), kPersons);
  ASSERT_EQ(header.size(), RegistryColumns().size());
  for (size_t i = 0; i < header.size(); ++i)
    EXPECT_EQ(FindRegistryColumn(header[i]), RegistryColumns()[i].column);

  ASSERT_OK_AND_ASSIGN(RegionEdition edition, RegionEditionFor(2023));
  ASSERT_OK_AND_ASSIGN(std::vector<Region> regions, ReadRegionDirectory(kRegionsDir, edition));
  std::map<uint64_t, std::string> names;
  for (const Region& r : regions) names[r.code.value()] = r.name;

  std::set<uint64_t> ids;
  std::map<std::string, int> members, heads;
  std::map<std::string, int> declared_size;
  std::map<std::string, bool> korean;
  std::map<std::string, bool> farm_below_line;  // 一般农户 -> per capita < 7,500 yuan
  for (const Row& row : rows) {
    SCOPED_TRACE(Cell(row, RegistryColumn::kPersonNo));
    ASSERT_OK_AND_ASSIGN(IdNumber id, IdNumber::Parse(Cell(row, RegistryColumn::kIdNumber)));
    EXPECT_TRUE(ids.insert(id.Packed()).second) << "duplicate ID";
    EXPECT_EQ(id.BirthDate().ToString(), Cell(row, RegistryColumn::kBirthDate));
    EXPECT_EQ(id.IsMale() ? "男" : "女", Cell(row, RegistryColumn::kSex));
    ASSERT_OK_AND_ASSIGN(RegionCode village, RegionCode::Parse(Cell(row, RegistryColumn::kRegionCode)));
    ASSERT_EQ(village.level(), RegionLevel::kVillage);
    ASSERT_TRUE(names.contains(village.value())) << "person outside the region data";
    EXPECT_EQ(names[village.value()], Cell(row, RegistryColumn::kVillageName));
    EXPECT_EQ(names[village.AtLevel(RegionLevel::kCounty).value()], Cell(row, RegistryColumn::kCountyName));
    EXPECT_EQ(id.AddressCode(), village.County6());
    const std::string& household = Cell(row, RegistryColumn::kHouseholdNo);
    ++members[household];
    heads[household] += Cell(row, RegistryColumn::kRelationship) == "户主";
    declared_size[household] = std::stoi(Cell(row, RegistryColumn::kHouseholdSize));
    korean[household] = korean[household] || Cell(row, RegistryColumn::kEthnicity) == "朝鲜族";
    // Income arithmetic holds on every row.
    int64_t total = 0;
    for (auto c : {RegistryColumn::kWageIncome, RegistryColumn::kBusinessIncome,
                   RegistryColumn::kPropertyIncome, RegistryColumn::kTransferIncome}) {
      total += Money::Parse(Cell(row, c))->fen();
    }
    total -= Money::Parse(Cell(row, RegistryColumn::kBusinessExpense))->fen();
    const int size = declared_size[household];
    EXPECT_EQ(Money::FromFen(total).DivideRounded(size),
              *Money::Parse(Cell(row, RegistryColumn::kNetIncomePerCapita)));
    if (Cell(row, RegistryColumn::kHouseholdType) == "一般农户") {
      farm_below_line[household] = Money::FromFen(total).DivideRounded(size) < Money::FromYuan(7500);
    }
  }
  for (const auto& [household, count] : members) {
    EXPECT_EQ(heads[household], 1) << household;
    EXPECT_EQ(declared_size[household], count) << household;
  }
  // Korean households concentrate in Yanbian (2224).
  int korean_yanbian = 0, korean_elsewhere = 0;
  for (const auto& [household, is_korean] : korean) {
    if (!is_korean) continue;
    (household.rfind("2224", 0) == 0 ? korean_yanbian : korean_elsewhere)++;
  }
  EXPECT_GT(korean_yanbian, 4 * korean_elsewhere);
  // A few 一般农户 are below the monitoring line, not yet monitored: JL-W-INCOME-FARM's
  // 边缘易致贫户 candidates (about 2% of them; DOMAIN §3.3).
  const auto below = std::count_if(farm_below_line.begin(), farm_below_line.end(),
                                   [](const auto& entry) { return entry.second; });
  EXPECT_GT(farm_below_line.size(), members.size() / 40) << "一般农户 households";
  EXPECT_GT(below, 0);
  EXPECT_LT(below * 20, static_cast<int64_t>(farm_below_line.size())) << "under 5% of 一般农户";
}

TEST_F(GeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  ASSERT_OK_AND_ASSIGN(GeneratorSummary a, GenerateRegistry(Options("a", 5000, 11)));
  ASSERT_OK_AND_ASSIGN(GeneratorSummary b, GenerateRegistry(Options("b", 5000, 11)));
  ASSERT_OK_AND_ASSIGN(GeneratorSummary c, GenerateRegistry(Options("c", 5000, 12)));
  EXPECT_EQ(Slurp(a.registry_path), Slurp(b.registry_path));
  EXPECT_NE(Slurp(a.registry_path), Slurp(c.registry_path));
}

TEST_F(GeneratorTest, Gb18030OutputIsTheSameTextInAnotherEncoding) {
  GeneratorOptions utf8 = Options("u", 2000, 5);
  GeneratorOptions gbk = Options("g", 2000, 5);
  gbk.encoding = TextEncoding::kGb18030;
  ASSERT_OK_AND_ASSIGN(GeneratorSummary a, GenerateRegistry(utf8));
  ASSERT_OK_AND_ASSIGN(GeneratorSummary b, GenerateRegistry(gbk));
  const std::string gbk_bytes = Slurp(b.registry_path);
  EXPECT_FALSE(IsValidUtf8(gbk_bytes));
  ASSERT_OK_AND_ASSIGN(EncodingConverter to_utf8,
                       EncodingConverter::Create(TextEncoding::kGb18030, TextEncoding::kUtf8));
  std::string decoded;
  ASSERT_OK(to_utf8.Convert(gbk_bytes, decoded));
  EXPECT_EQ(decoded, Slurp(a.registry_path));
}

TEST_F(GeneratorTest, SyntheticTreeWhenNoRegionsGiven) {
  GeneratorOptions o = Options("synthetic", 3000, 2);
  o.regions_dir.clear();
  ASSERT_OK_AND_ASSIGN(GeneratorSummary s, GenerateRegistry(o));
  for (const Row& row : ReadAll(s.registry_path)) {
    ASSERT_EQ(Cell(row, RegistryColumn::kRegionCode).substr(0, 4), "2299");
  }
}

TEST_F(GeneratorTest, PlantedProblemsAreRecordedAndEveryKindOccurs) {
  GeneratorOptions o = Options("planted", 60000, 3);
  o.error_rate = 0.5;
  ASSERT_OK_AND_ASSIGN(GeneratorSummary s, GenerateRegistry(o));
  const std::vector<Row> truth = ReadAll(s.truth_path);
  EXPECT_EQ(s.persons, 60000) << "planted duplicates replace members, never add";
  EXPECT_EQ(static_cast<int64_t>(truth.size()), s.planted);
  EXPECT_GT(s.planted, 5000);
  std::map<std::string, int> per_kind;
  std::set<std::string> planted_households;
  for (const Row& row : truth) {
    ++per_kind[row[0]];
    EXPECT_TRUE(planted_households.insert(row[1]).second) << "two problems in one household " << row[1];
  }
  for (const gen::ProblemKindInfo& kind : gen::ProblemKinds())
    EXPECT_GT(per_kind[std::string(kind.id)], 0) << kind.id;

  // Spot-check that planted cells really are wrong in the file.
  std::map<std::string, const Row*> by_person;
  const std::vector<Row> rows = ReadAll(s.registry_path);
  std::map<std::string, int> rows_of_household;
  for (const Row& row : rows) {
    by_person[Cell(row, RegistryColumn::kPersonNo)] = &row;
    ++rows_of_household[Cell(row, RegistryColumn::kHouseholdNo)];
  }
  for (const Row& t : truth) {
    if (t[0] == "id.check_character" || t[0] == "id.length") {
      ASSERT_TRUE(by_person.contains(t[2]));
      EXPECT_FALSE(IdNumber::Parse(Cell(*by_person[t[2]], RegistryColumn::kIdNumber)).ok()) << t[2];
    }
    if (t[0] == "person.duplicate") {
      EXPECT_FALSE(t[5].empty());
      EXPECT_NE(t[5], t[1]);
    }
    if (t[0] == "household.size_mismatch") {
      const Row* any = nullptr;
      for (const Row& row : rows) {
        if (Cell(row, RegistryColumn::kHouseholdNo) == t[1]) {
          any = &row;
          break;
        }
      }
      ASSERT_NE(any, nullptr);
      EXPECT_NE(std::stoi(Cell(*any, RegistryColumn::kHouseholdSize)), rows_of_household[t[1]]);
    }
  }
}

// A registry too small to give every village several persons is allotted to fewer villages
// in blocks, so it still has families: heads with spouses and children, not only persons
// living alone (as every registry of 2,000 persons or fewer had before).
TEST_F(GeneratorTest, SmallRegistryHasFamilies) {
  ASSERT_OK_AND_ASSIGN(GeneratorSummary s, GenerateRegistry(Options("small", 500, 11)));
  EXPECT_EQ(s.persons, 500);
  std::map<std::string, int> size_of;
  std::map<std::string, int> relationships;
  for (const Row& row : ReadAll(s.registry_path)) {
    ++size_of[Cell(row, RegistryColumn::kHouseholdNo)];
    ++relationships[Cell(row, RegistryColumn::kRelationship)];
  }
  const auto multi =
      std::count_if(size_of.begin(), size_of.end(), [](const auto& h) { return h.second >= 2; });
  EXPECT_GT(multi, static_cast<long>(size_of.size() / 2)) << "households: " << size_of.size();
  EXPECT_EQ(relationships["户主"], static_cast<int>(size_of.size()));
  EXPECT_GT(relationships["配偶"], 20);
  EXPECT_GT(relationships["之子"] + relationships["之女"], 20);
}

TEST_F(GeneratorTest, RejectsBadOptions) {
  GeneratorOptions o = Options("bad", 0, 1);
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "--persons");
  o.persons = 10;
  o.error_rate = 1.5;
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "--error-rate");
  o.error_rate = 0.51;  // kMaxPlantedProblemShare
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "0 to 0.5");
  o.error_rate = 0;
  o.data_year = 2013;  // before kFirstDataYear
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "--year 2013");
  o.data_year = Date::Today().year() + 2;
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "--year");
  o.data_year = 2025;
  o.persons = 200'000'001;
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "1 to 200000000");
  o.persons = 10;
  o.out_dir.clear();
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kInvalidArgument, "--out");
  o = Options("bad", 10, 1);
  o.regions_dir = (dir_ / "no-such-dir").string();
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kNotFound, "no-such-dir");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "bad")) << "nothing written on bad input";
}

TEST_F(GeneratorTest, FullDiskIsDataLossNamingTheFile) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  GeneratorOptions o = Options("full", 20000, 1);
  std::filesystem::create_directories(o.out_dir);
  std::filesystem::create_symlink("/dev/full", std::filesystem::path(o.out_dir) / kRegistryFileName);
  EXPECT_STATUS(GenerateRegistry(o), StatusCode::kDataLoss, kRegistryFileName);
}

}  // namespace
}  // namespace jz

namespace jz {
namespace {

// Fewer persons than villages: the persons still spread over the province by weight.
TEST(VillagePlan, SmallRegistriesFollowTheWeightsNotTheCodeOrder) {
  ASSERT_OK_AND_ASSIGN(RegionEdition edition, RegionEditionFor(2023));
  ASSERT_OK_AND_ASSIGN(std::vector<Region> regions, ReadRegionDirectory(kRegionsDir, edition));
  ASSERT_OK_AND_ASSIGN(std::vector<gen::PlannedVillage> plan, gen::PlanVillages(regions, 2000, 8));
  std::map<uint64_t, int64_t> per_prefecture;
  int64_t total = 0;
  for (const gen::PlannedVillage& v : plan) {
    per_prefecture[v.code.AtLevel(RegionLevel::kPrefecture).value()] += v.persons;
    total += v.persons;
  }
  EXPECT_EQ(total, 2000);
  EXPECT_EQ(per_prefecture.size(), 9u);
  for (const auto& [prefecture, persons] : per_prefecture) EXPECT_GT(persons, 20) << prefecture;
}

}  // namespace
}  // namespace jz
