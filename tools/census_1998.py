"""Print the 1998 census rows of ``data/population.csv`` from the shared district table.

Source: Pakistan Bureau of Statistics, Population Census 2017, Table 1 ("Area,
population by sex, sex ratio, population density, urban proportion, household size and
annual growth rate"), whose districts carry the 1998 population within the 2017
boundaries (column ``pop_1998`` of ``shared/data/pakistan-census-2017-districts.csv``).
The districts sum to the national 1998 total of 132,352,279. Run:

    python tools/census_1998.py ../shared/data/pakistan-census-2017-districts.csv
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict

#: ``table`` values of the district file -> province names of data/population.csv.
PROVINCES = {
    "punjab": "Punjab",
    "sindh": "Sindh",
    "kpk": "Khyber Pakhtunkhwa",
    "fata": "Federally Administered Tribal Areas",
    "balochistan": "Balochistan",
    "islamabad": "Islamabad Capital Territory",
}
NATIONAL_1998 = 132_352_279
NOTE = "Pakistan Bureau of Statistics 1998 census; 2017 census Table 1 (1998 column) summed over districts"


def main(path: str) -> int:
    totals: dict[str, int] = defaultdict(int)
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            totals[PROVINCES[row["table"]]] += int(row["pop_1998"])
    national = sum(totals.values())
    if national != NATIONAL_1998:
        print(f"{path}: the districts sum to {national:,}, not {NATIONAL_1998:,}", file=sys.stderr)
        return 2
    w = csv.writer(sys.stdout, lineterminator="\n")
    for name in PROVINCES.values():
        w.writerow([1998, name, totals[name], NOTE + ("; excludes FATA" if name == "Khyber Pakhtunkhwa" else "")])
    w.writerow([1998, "Pakistan", national, NOTE + "; AJK and GB not enumerated"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/pakistan-census-2017-districts.csv"))
