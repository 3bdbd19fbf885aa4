#!/usr/bin/env python3
"""An independent implementation of the campaign sampling algorithm, written from the text of
docs/campaigns.md ("Sampling algorithm") and the algorithm comment of src/engine/sampling.h
alone (not from sampling.cc), standard library only. It prints the samples that
src/engine/sampling_test.cc and sampling_design_test.cc pin; if the C++ and this script ever
disagree, either the code or the text is wrong.

    python3 tests/sampling/reference_sample.py
"""

MASK = (1 << 64) - 1


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, state):
        self.state = state

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        return mix(self.state)

    def bounded(self, k):
        threshold = ((1 << 64) - k) % k
        while True:
            x = self.next()
            if x >= threshold:
                return x % k


def cell_seed(seed, stratum, registered):
    return mix(seed ^ mix((stratum * 2 + (1 if registered else 0)) & MASK))


def apportion(total, weights, caps):
    """Largest remainder with caps (step 5)."""
    out = [0] * len(weights)
    active = list(range(len(weights)))
    left = total
    while left > 0 and active:
        wsum = sum(weights[i] for i in active)
        if wsum == 0:
            break
        capped = [i for i in active if left * weights[i] // wsum >= caps[i]]
        if capped:
            i = capped[0]  # the first one leaves; the others' quotas are recomputed
            out[i] = caps[i]
            left -= caps[i]
            active.remove(i)
            continue
        rems = []
        for i in active:
            out[i] = left * weights[i] // wsum
            rems.append((-(left * weights[i] % wsum), i))
        extra = left - sum(out[i] for i in active)
        for _, i in sorted(rems):  # largest remainder first, ties: lower index
            if extra == 0:
                break
            if out[i] < caps[i]:
                out[i] += 1
                extra -= 1
        break
    return out


def draw(frame, size=0, fraction_bp=0, equal=False, share_bp=5000, min_per_stratum=2, seed=0,
         rule=2):
    """frame: list of (key, stratum, registered). Returns the keys in draw order."""
    units = sorted(frame, key=lambda u: (u[1], 0 if u[2] else 1, u[0].encode()))
    cells = []  # [stratum, registered, [keys]]
    for key, stratum, registered in units:
        if not cells or cells[-1][0] != stratum or cells[-1][1] != registered:
            cells.append([stratum, registered, []])
        cells[-1][2].append(key)
    big_n = len(units)
    n = size if size > 0 else (big_n * fraction_bp + 9999) // 10000
    n = min(n, big_n)
    strata = []  # lists of cell indices
    for c, cell in enumerate(cells):
        if not strata or cells[strata[-1][0]][0] != cell[0]:
            strata.append([])
        strata[-1].append(c)
    sizes = [sum(len(cells[c][2]) for c in h) for h in strata]
    floors = [min(2, len(cell[2])) for cell in cells] if rule == 2 else [0] * len(cells)
    if rule == 2:
        minimum = [max(min(min_per_stratum, sizes[i]), sum(floors[c] for c in h))
                   for i, h in enumerate(strata)]
        if n < sum(minimum):
            raise ValueError(f"refused: n {n} below {sum(minimum)}")
    else:
        if n < len(strata) * min_per_stratum:
            raise ValueError("refused")
        minimum = [min(min_per_stratum, s) for s in sizes]
    weights = [1 if equal else s for s in sizes]
    caps = [s - m for s, m in zip(sizes, minimum)]
    extra = apportion(n - sum(minimum), weights, caps)
    counts = [0] * len(cells)
    for i, h in enumerate(strata):
        n_h = minimum[i] + extra[i]
        if len(h) == 1:
            counts[h[0]] = n_h
            continue
        r, o = h  # registered cell first
        n_reg_frame, n_non_frame = len(cells[r][2]), len(cells[o][2])
        if share_bp < 0:
            reg, non = apportion(n_h, [n_reg_frame, n_non_frame], [n_reg_frame, n_non_frame])
        else:
            t = (n_h * share_bp + 5000) // 10000
            reg = min(t, n_reg_frame)
            non = min(n_h - reg, n_non_frame)
            reg = min(n_h - non, n_reg_frame)
        if reg < floors[r]:
            reg, non = floors[r], n_h - floors[r]
        elif non < floors[o]:
            reg, non = n_h - floors[o], floors[o]
        counts[r], counts[o] = reg, non
    keys = []
    for c, (stratum, registered, cell_keys) in enumerate(cells):
        rng = SplitMix64(cell_seed(seed, stratum, registered))
        a = list(range(len(cell_keys)))
        for i in range(counts[c]):
            j = i + rng.bounded(len(cell_keys) - i)
            a[i], a[j] = a[j], a[i]
            keys.append(cell_keys[a[i]])
    return keys, counts


def test_frame(strata):
    """sampling_test.cc's TestFrame: stratum s has 10 + 5 s registered and as many not."""
    frame = []
    for s in range(strata):
        size = 10 + 5 * s
        for i in range(2 * size):
            frame.append((f"H{s:03}{i:05}", 222424100200 + s, i % 2 == 0))
    return frame


def floor_frame():
    """sampling_design_test.cc's FloorFrame: three strata whose cells are uneven."""
    frame = []
    for s, (reg, non) in enumerate([(1, 9), (3, 12), (20, 2)]):
        stratum = 220105100000 + s * 1000
        frame += [(f"S{s}R{i:02}", stratum, True) for i in range(reg)]
        frame += [(f"S{s}N{i:02}", stratum, False) for i in range(non)]
    return frame


def show(name, result):
    keys, counts = result
    print(f"{name}: cells {counts}")
    print("  " + ", ".join(f'"{k}"' for k in keys))


if __name__ == "__main__":
    show("PinnedSampleForSeed2024 (rule 2)", draw(test_frame(2), size=8, seed=2024))
    show("PinnedSampleForSeed2024 (rule 1)", draw(test_frame(2), size=8, seed=2024, rule=1))
    show("FloorFrame size 12 share 0.2 seed 2025 (rule 2)",
         draw(floor_frame(), size=12, share_bp=2000, seed=2025))
    show("FloorFrame size 12 share 0.2 seed 2025 (rule 1)",
         draw(floor_frame(), size=12, share_bp=2000, seed=2025, rule=1))
    show("FloorFrame size 14 equal, proportional share, seed 7 (rule 2)",
         draw(floor_frame(), size=14, equal=True, share_bp=-1, seed=7))
    show("FloorFrame size 14 equal, proportional share, seed 7 (rule 1)",
         draw(floor_frame(), size=14, equal=True, share_bp=-1, seed=7, rule=1))
