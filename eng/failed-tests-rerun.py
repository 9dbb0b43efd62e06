#!/usr/bin/env python3
"""Reads the .trx files of a run and prints, for each test assembly with failed tests, one line
"<assembly path>\t<test count>\t<vstest filter>" that selects exactly those tests for a second try.
Exits 3 (prints nothing) when the run cannot be trusted to retry: a test run that was aborted
or did not complete, or more failures than --max (a real breakage, not a flaky test)."""
import argparse
import re
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
XUNIT_FAILED_TEST = re.compile(r"\[xUnit\.net [0-9:.]+\]\s+\S.* \[FAIL\]")

parser = argparse.ArgumentParser()
parser.add_argument("--max", type=int, default=10)
parser.add_argument("trx", nargs="+")
args = parser.parse_args()

by_assembly = {}
count = 0
for path in args.trx:
    root = ET.parse(path).getroot()
    summary = root.find(NS + "ResultSummary")
    if summary is None or summary.get("outcome") not in ("Completed", "Failed"):
        raise SystemExit(3)
    # A test host that crashed or a run that was aborted leaves an error here: never retried. xUnit
    # also logs each plain failed test as an error line ("[xUnit.net 00:06:26.47]   Name [FAIL]"):
    # those are the failures counted below, not a broken run.
    for info in root.iter(NS + "RunInfo"):
        text = (info.findtext(NS + "Text") or "").strip()
        if info.get("outcome") == "Error" and not XUNIT_FAILED_TEST.fullmatch(text):
            raise SystemExit(3)
    # The test method's codeBase keeps the assembly path's case (the UnitTest's storage is lower-cased).
    storage = {t.get("id"): t.find(NS + "TestMethod").get("codeBase") for t in root.iter(NS + "UnitTest")}
    for result in root.iter(NS + "UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error"):
            continue
        count += 1
        # A theory's display name ends with its arguments; the filter takes the method's full name.
        name = re.sub(r"\(.*\)$", "", result.get("testName")).strip()
        by_assembly.setdefault(storage[result.get("testId")], set()).add(name)

if count == 0 or count > args.max:
    raise SystemExit(3)
for assembly, names in sorted(by_assembly.items()):
    # Escape the filter's own operators inside names (vstest uses \ as the escape).
    escaped = [re.sub(r"([()&|=!~\\,])", r"\\\1", n) for n in sorted(names)]
    print(assembly + "\t" + str(len(names)) + "\t" + "|".join("FullyQualifiedName=" + n for n in escaped))
