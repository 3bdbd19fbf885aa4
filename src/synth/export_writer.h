// Writes synthetic households as rows of the registry export layout (io/registry_layout.h),
// one row per person with the household's facts repeated, labels in zh-Hans as the national
// system exports them. Hot path: household cells are formatted once per household.
#ifndef JZ_SYNTH_EXPORT_WRITER_H_
#define JZ_SYNTH_EXPORT_WRITER_H_

#include <string>

#include "io/csv_writer.h"
#include "synth/synthetic_household.h"
#include "synth/village_plan.h"

namespace jz::gen {

class ExportWriter {
 public:
  explicit ExportWriter(CsvWriter* csv) : csv_(csv) {}
  void WriteHeader();
  void Write(const PlannedVillage& village, const SyntheticHousehold& h);

 private:
  CsvWriter* csv_;
};

}  // namespace jz::gen

#endif  // JZ_SYNTH_EXPORT_WRITER_H_
