// The flags `screen` and `whatif` share, parsed into app's ScreeningInputs
// (app/screening/screening_requests.h): policy, feeds, as-of date, scope, data year,
// threads, and the two consents (--allow-missing-feeds, --ignore-policy-period).
#ifndef JZ_CLI_COMMANDS_SCREENING_FLAGS_H_
#define JZ_CLI_COMMANDS_SCREENING_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>

#include "app/screening/screening_requests.h"

namespace jz::cli {

class ScreeningFlags {
 public:
  void Setup(CLI::App& app) {
    app.add_option("--policy", inputs_.policy_path, "政策文件 policy file")->required();
    app.add_option("--feeds", inputs_.feeds_dir, "部门数据目录 feed directory")->required();
    app.add_option("--as-of", as_of_,
                   "基准日 YYYY-MM-DD as-of date (default: 31 Dec of last year; not after today)");
    app.add_option("--region", region_, "范围区划代码 scope region code (default: the database's province)");
    app.add_option("--year", inputs_.data_year,
                   "--registry 收入数据年度 data year of the export's incomes (default: the as-of year)");
    app.add_option("--threads", inputs_.threads, "线程数 threads (0: every core)")->capture_default_str();
    app.add_flag("--allow-missing-feeds", inputs_.allow_missing_feeds,
                 "缺数据源文件时继续，读取它们的规则计为无法判定 go on when declared feeds have no file; "
                 "their rules are undecidable");
    app.add_flag("--ignore-policy-period", inputs_.ignore_policy_period,
                 "允许基准日在政策有效期外 accept an as-of date outside the policy's effective period");
  }

  // The inputs with the as-of date and region parsed strictly (2025-02-30 is an error).
  StatusOr<ScreeningInputs> Inputs() const {
    ScreeningInputs inputs = inputs_;
    if (!as_of_.empty()) {
      ASSIGN_OR_RETURN(inputs.as_of, Date::Parse(as_of_));
    }
    if (!region_.empty()) {
      ASSIGN_OR_RETURN(inputs.scope, RegionCode::Parse(region_));
    }
    return inputs;
  }

 private:
  ScreeningInputs inputs_;
  std::string as_of_, region_;
};

}  // namespace jz::cli

#endif  // JZ_CLI_COMMANDS_SCREENING_FLAGS_H_
