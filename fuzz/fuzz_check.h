// JZ_FUZZ_CHECK: the property check of the fuzz targets. A broken property prints the
// expression and its place, then traps, so libFuzzer reports a crash and writes the input.
#ifndef JZ_FUZZ_FUZZ_CHECK_H_
#define JZ_FUZZ_FUZZ_CHECK_H_

#include <cstdio>

#define JZ_FUZZ_CHECK(property)                                                            \
  do {                                                                                     \
    if (!(property)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #property); \
      __builtin_trap();                                                                    \
    }                                                                                      \
  } while (false)

#endif  // JZ_FUZZ_FUZZ_CHECK_H_
