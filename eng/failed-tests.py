#!/usr/bin/env python3
"""Prints each failed test of the given .trx files with the head of its error, so the end of a
run's output (all that CI shows) names what failed and why."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
        if result.get("outcome") not in ("Failed", "Error"):
            continue
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        info = result.find(f"{NS}Output/{NS}ErrorInfo")
        if info is None:
            continue
        for part in ("Message", "StackTrace"):
            text = (info.findtext(NS + part) or "").strip().splitlines()
            for line in text[:12 if part == "Message" else 6]:
                print("    " + line[:300])
