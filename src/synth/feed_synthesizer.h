// Synthesizes departmental feed rows (docs/feeds.md) for one generated household: medical
// claims, disability certificates, school rolls, disaster losses, deaths, payroll, vehicles,
// companies and commercial housing, at rates of the order of a rural Jilin county, plus
// rows for people outside the registry. Feeds are recognised by the name the policy gives
// them; a feed of another name gets rare generic rows, so any policy can be fed.
#ifndef JZ_SYNTH_FEED_SYNTHESIZER_H_
#define JZ_SYNTH_FEED_SYNTHESIZER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "rules/evaluator.h"
#include "rules/expr.h"
#include "synth/rng.h"
#include "synth/synthetic_household.h"

namespace jz::gen {

// What a feed is about, from its name in the policy.
enum class FeedKind : uint8_t {
  kMedical,
  kDisability,
  kSchoolRoll,
  kDisaster,
  kDeath,
  kPayroll,
  kVehicle,
  kCompany,
  kProperty,
  kOther
};

// A row for a person outside the registry: a valid ID of a non-registered person.
struct OutsideRow {
  std::string id_text;
  FeedRow row;  // row.member is meaningless
};

class FeedSynthesizer {
 public:
  // Returns the synthesizer for `feeds`, or InvalidArgumentError naming the feed and column
  // when a column type is not one the generator can fill (bool, money, int).
  // REQUIRES: `feeds` outlives the synthesizer.
  static StatusOr<FeedSynthesizer> Create(const std::vector<FeedSchema>& feeds, Date as_of);

  // Draws the rows of every feed for the members of `h` into `view` (cleared first), dated
  // in the 365 days up to as_of. The member whose ID cell is overridden (a planted problem)
  // gets none, since its export ID is not its ID.
  void Draw(Rng& rng, const SyntheticHousehold& h, FeedView& view) const;

  // Draws a row of feed `feed` for a person outside the registry.
  OutsideRow DrawOutside(Rng& rng, size_t feed) const;

  Date as_of() const { return as_of_; }
  Date window_start() const { return as_of_.AddDays(-364); }

 private:
  FeedSynthesizer(const std::vector<FeedSchema>& feeds, Date as_of);
  void DrawPerson(Rng& rng, const SyntheticHousehold& h, size_t member, FeedView& view) const;
  void Add(FeedView& view, FeedKind kind, size_t member, Date date, int64_t amount_fen, bool flag) const;
  FeedRow MakeRow(size_t feed, size_t member, Date date, int64_t amount_fen, bool flag) const;
  Date DrawDate(Rng& rng, Date last) const;

  const std::vector<FeedSchema>* feeds_;
  std::vector<FeedKind> kinds_;  // kinds_[i] for feeds_[i]
  Date as_of_;
};

// Returns `id_text` (18 characters) with its check character replaced by a wrong one, as a
// mistyped ID in a departmental system would have it.
std::string WithBadCheckCharacter(Rng& rng, std::string id_text);

}  // namespace jz::gen

#endif  // JZ_SYNTH_FEED_SYNTHESIZER_H_
