// The numbers of the domain that the rules of several modules share: ages, limits in days and
// months. Each is written once here, with the section of ../shared/docs/DOMAIN.md it comes
// from, so that validation, cases, the generator and the reports cannot drift apart. Numbers
// a province sets in its policy file (lines, thresholds) are not here: they are data.
#ifndef JZ_CORE_DOMAIN_CONSTANTS_H_
#define JZ_CORE_DOMAIN_CONSTANTS_H_

namespace jz {

// Working (labour) age, 劳动年龄: 16 to 65 inclusive (DOMAIN §1.4 items 3, 5 and 6). Used by the
// mandatory 劳动技能 field, the 特困供养 labour check, the 整户无劳动力 test of risk elimination
// (§3.7) and the generator.
inline constexpr int kWorkingAgeFrom = 16;
inline constexpr int kWorkingAgeTo = 65;

// Compulsory-education (义务教育) ages for the dropout check (DOMAIN §1.4 item 1, §2.3).
inline constexpr int kCompulsoryAgeFrom = 6;
inline constexpr int kCompulsoryAgeTo = 15;

// Ages at which 在校生状况 is mandatory: 6 to 23 inclusive (DOMAIN §1.4 item 3).
inline constexpr int kSchoolStatusAgeFrom = 6;
inline constexpr int kSchoolStatusAgeTo = 23;

// From the day a lead is found to completed identification, normally at most 15 days
// (DOMAIN §3.5, Qin'an). Later identifications are accepted but reported as overdue.
inline constexpr int kIdentificationLimitDays = 15;

// A village public notice (公示) runs at least 5 days, first and last day included (DOMAIN §3.5).
inline constexpr int kMinNoticeDays = 5;

// Risk elimination: income stably above the line for at least half a year, and the case
// identified at least half a year before (DOMAIN §3.7), counted in calendar months.
inline constexpr int kEliminationMinMonths = 6;

}  // namespace jz

#endif  // JZ_CORE_DOMAIN_CONSTANTS_H_
