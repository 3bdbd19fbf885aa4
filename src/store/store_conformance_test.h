// The fixture of the store conformance suite: a test is written once with TEST_P and
// runs for every back end given to INSTANTIATE_TEST_SUITE_P.
#ifndef JZ_STORE_STORE_CONFORMANCE_TEST_H_
#define JZ_STORE_STORE_CONFORMANCE_TEST_H_

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "store/store.h"

namespace jz {

struct StoreBackend {
  std::string name;
  // Opens a fresh, empty store; `dir` is a scratch directory owned by the test.
  std::function<std::unique_ptr<Store>(const std::string& dir)> open;
};

class StoreConformance : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override;
  void TearDown() override;
  std::unique_ptr<Store> Open() { return GetParam().open(dir_); }
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace jz

#endif  // JZ_STORE_STORE_CONFORMANCE_TEST_H_
