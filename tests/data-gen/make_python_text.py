#!/usr/bin/env python3
"""Writes PythonText's Unicode tables and its test vectors from this Python's str methods.

Usage (from the repository root, with Python 3.11, whose Unicode data is version 14.0.0):

    dotnet pwsh tests/data-gen/Export-DotNetCasing.ps1 -OutputPath /tmp/dotnet-casing.tsv
    /usr/bin/python3 tests/data-gen/make_python_text.py --dotnet-casing /tmp/dotnet-casing.tsv

--dotnet-casing  optional: .NET's invariant casing for the code points where it does anything, from
                 Export-DotNetCasing.ps1. Those code points are added to the vectors, and the code points
                 where .NET and Python disagree are counted, so the vectors cover every disagreement.

Writes:
  src/LlamaLog.PowerShell/Engine/Config/PythonText.Tables.cs   str.upper()/str.lower() mappings, and the
      Cased and Case_Ignorable properties that str.lower() uses for the final sigma
  tests/Pester/data/seed/python-case-vectors.json             what Python gives, to check PythonText against
"""

import argparse
import json
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TABLES = os.path.join(ROOT, "src", "LlamaLog.PowerShell", "Engine", "Config", "PythonText.Tables.cs")
VECTORS = os.path.join(ROOT, "tests", "Pester", "data", "seed", "python-case-vectors.json")

ALL = range(0x110000)
SIGMA = "\u03a3"
FINAL_SIGMA = "\u03c2"


def is_surrogate(cp):
    return 0xD800 <= cp <= 0xDFFF


# ---------------------------------------------------------------------------------------------------------
# What Python does

def sigma_probes(c):
    """Whether the capital sigma in 'A'+c+'Σ', '1'+c+'Σ' and 'AΣ'+c lower-cases to the final form."""
    return [
        ("A" + c + SIGMA).lower()[-1] == FINAL_SIGMA,
        ("1" + c + SIGMA).lower()[-1] == FINAL_SIGMA,
        ("A" + SIGMA + c).lower()[1] == FINAL_SIGMA,
    ]


def case_properties():
    """Cased and Case_Ignorable as CPython's final-sigma rule sees them (unicodedata does not expose them).

    Scanning back from the sigma, case-ignorable characters are skipped and the first other one must be cased:
    so 'A'+c+'Σ' is final when c is ignorable or cased, and '1'+c+'Σ' only when c is cased and not ignorable.
    Whether an ignorable character is also cased is never consulted, so it is recorded as not cased.
    """
    cased, ignorable = [], []
    for cp in ALL:
        after_letter, after_digit, _ = sigma_probes(chr(cp))
        if after_letter and not after_digit:
            ignorable.append(cp)
        if after_digit:
            cased.append(cp)
    return cased, ignorable


def ranges(code_points):
    out = []
    for cp in code_points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def mapping(function):
    """Single-code-point results as deltas, longer results as text."""
    simple, special = {}, {}
    for cp in ALL:
        c = chr(cp)
        result = function(c)
        if result == c:
            continue
        if len(result) == 1:
            simple[cp] = ord(result) - cp
        else:
            special[cp] = result
    return simple, special


def runs(simple):
    """Groups code points into [first, last, step, delta] runs: step 1, or 2 for alternating upper/lower pairs."""
    out = []
    done = set()
    for cp in sorted(simple):
        if cp in done:
            continue
        delta = simple[cp]
        step = 1 if simple.get(cp + 1) == delta else 2
        last = cp
        while simple.get(last + step) == delta and last + step not in done:
            last += step
        if last == cp:
            step = 1
        out.append([cp, last, step, delta])
        done.update(range(cp, last + 1, step))
    return out


def whitespace():
    return [cp for cp in ALL if chr(cp).strip() == ""]


# ---------------------------------------------------------------------------------------------------------
# The C# tables

def cs_int(value):
    return ("-0x%X" % -value) if value < 0 else ("0x%X" % value)


def cs_string(text):
    return '"' + "".join("\\u%04X" % ord(c) for c in text) + '"'


def cs_rows(items, per_line, indent="            "):
    lines = []
    for i in range(0, len(items), per_line):
        lines.append(indent + ", ".join(items[i:i + per_line]) + ",")
    return "\n".join(lines)


def write_tables(upper, lower, cased, ignorable):
    upper_simple, upper_special = upper
    lower_simple, lower_special = lower
    for special in (upper_special, lower_special):
        # The C# side keys special results by one UTF-16 unit, and cs_string writes BMP characters only.
        assert all(cp < 0x10000 and not is_surrogate(cp) for cp in special)
        assert all(ord(c) < 0x10000 for result in special.values() for c in result)

    def run_rows(simple):
        return cs_rows(["%s, %s, %d, %s" % (cs_int(a), cs_int(b), s, cs_int(d)) for a, b, s, d in runs(simple)], 4)

    def special_rows(special):
        return cs_rows([cs_string(chr(cp) + result) for cp, result in sorted(special.items())], 4)

    def range_rows(code_points):
        return cs_rows(["%s, %s" % (cs_int(a), cs_int(b)) for a, b in ranges(code_points)], 6)

    text = f"""// <auto-generated>
// Written by tests/data-gen/make_python_text.py from Python {sys.version.split()[0]} (Unicode {unicodedata.unidata_version}).
// Do not edit: change the generator and run it again.
// </auto-generated>

namespace LlamaLog.Engine.Config
{{
    public static partial class PythonText
    {{
        // str.upper() where the result is one code point: runs of (first, last, step, delta); first,
        // first + step, ... last map to the code point plus delta.
        private static readonly int[] UpperRuns =
        {{
{run_rows(upper_simple)}
        }};

        // str.upper() where the result is longer (SpecialCasing.txt): the code point, then its result.
        private static readonly string[] UpperSpecial =
        {{
{special_rows(upper_special)}
        }};

        // str.lower() where the result is one code point, as UpperRuns. U+03A3 is decided in context.
        private static readonly int[] LowerRuns =
        {{
{run_rows(lower_simple)}
        }};

        // str.lower() where the result is longer, as UpperSpecial.
        private static readonly string[] LowerSpecial =
        {{
{special_rows(lower_special)}
        }};

        // Cased code points that are not also Case_Ignorable: (first, last) ranges.
        private static readonly int[] CasedRanges =
        {{
{range_rows(cased)}
        }};

        // Case_Ignorable code points: (first, last) ranges.
        private static readonly int[] CaseIgnorableRanges =
        {{
{range_rows(ignorable)}
        }};
    }}
}}
"""
    with open(TABLES, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)


# ---------------------------------------------------------------------------------------------------------
# The vectors

def read_dotnet(path):
    """{code point: (upper text, lower text, is white space)} from Export-DotNetCasing.ps1."""
    result = {}
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if line.startswith("#") or not line.strip():
                continue
            cp, upper, lower, space = line.rstrip("\n").split("\t")
            as_text = lambda field: "".join(chr(int(x, 16)) for x in field.split())
            result[int(cp, 16)] = (as_text(upper), as_text(lower), space == "1")
    return result


STRINGS = [
    "",
    "core",
    "CORE",
    "Core=Debug",
    "ASCII only: The Quick Brown Fox 0123 _-=[]",
    " \t core \u3000",
    "\x1c\x1d\x1e\x1fX\x1f",
    "\x85\xa0\u1680\u2000\u200a x \u2028\u2029\u202f\u205f\u3000",
    "\u200bx\u200b",
    "\ufeffx\ufeff",
    "\u180ex\u180e",
    "\x00x\x00",
    " \x00 ",
    "a b\tc",
    "stra\u00dfe",
    "\u0149 \u01f0 \u0390 \u03b0 \u0587 \u1e96 \u1e9a \ufb00 \ufb01 \ufb06 \ufb13 \ufb17",
    "\u1f80\u1fb3\u1fbc\u1ff3\u1ffc",
    "\u0130stanbul",
    "\u0131nfo",
    "\u212a\u212b\u2126",
    "\u017f\u1e9b",
    "\u01c4\u01c5\u01c6\u01f1\u01f2\u01f3",
    "\u039f\u0394\u039f\u03a3",
    "\u039f\u0394\u039f\u03a3 \u039f\u0394\u039f\u03a3",
    "\u03a3",
    "\u03a3\u0391",
    "\u0391\u03a3\u0391",
    "\u0391\u03a3\u03a3",
    "\u0391\u03a3.",
    "\u0391.\u03a3",
    "\u0391\u03a3.\u0391",
    "1\u03a3",
    "\u0391\u03a3\u0345",
    "\u0391\u0345\u03a3",
    "\u0391\u03a3'",
    "\u0391'\u03a3'\u0391",
    "\U0001d400\u03a3",
    "\u0391\u03a3\U0001d400",
    "\u0391\u03a3\U0001d7ce",
    "\U00010400\u03a3",
    "\U00010400\U00010428",
    "\U0001e900\U0001e922",
    "\U0001f999 llama \U0001f999",
    "\ud800",
    "a\udc00b",
    "\u0391\u03a3\ud800",
    "\udbff\u03a3",
    "\u0391\ud83e\u03a3",
    "\u2c2f\u2c5f",
    "\ua7c0\ua7c1\ua7d0\ua7d1",
    "\u1c89\u1c8a",
]


def sample_code_points():
    chosen = set(range(0x250))  # ASCII, Latin-1, Latin Extended-A and -B
    chosen.update(range(0, 0x110000, 509))
    chosen.update([0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xFFFF, 0x10FFFF])
    return chosen


def write_vectors(upper, lower, cased, ignorable, spaces, dotnet):
    groups = {}

    def add(group, code_points):
        for cp in code_points:
            groups.setdefault(cp, group)

    differs = []
    if dotnet is not None:
        # A code point missing from the dump is one .NET leaves alone and does not count as white space.
        candidates = set(dotnet) | set(upper[0]) | set(upper[1]) | set(lower[0]) | set(lower[1]) | set(spaces)
        for cp in sorted(candidates):
            c = chr(cp)
            dn_upper, dn_lower, dn_space = dotnet.get(cp, (c, c, False))
            if dn_upper != c.upper() or dn_lower != c.lower() or dn_space != (c.strip() == ""):
                differs.append(cp)
        add("dotnet-differs", differs)
    add("python-special", list(upper[1]) + list(lower[1]))
    add("python-mapped", list(upper[0]) + list(lower[0]))
    add("whitespace", spaces)
    if dotnet is not None:
        add("dotnet-mapped", dotnet)
    bounds = set()
    for a, b in ranges(cased) + ranges(ignorable):
        bounds.update([a - 1, a, b, b + 1])
    add("case-property-bounds", [cp for cp in bounds if 0 <= cp < 0x110000])
    add("sample", sample_code_points())

    lines = []
    for cp in sorted(groups):
        c = chr(cp)
        entry = {
            "cp": cp,
            "group": groups[cp],
            "upper": [ord(x) for x in c.upper()],
            "lower": [ord(x) for x in c.lower()],
            "space": int(c.strip() == ""),
            "sigma": [int(x) for x in sigma_probes(c)],
        }
        lines.append("    " + json.dumps(entry, ensure_ascii=True))

    strings = []
    for text in STRINGS:
        # Code points, not JSON strings: ConvertFrom-Json turns a lone surrogate into U+FFFD.
        points = lambda value: [ord(c) for c in value]
        entry = {"label": ascii(text), "input": points(text), "upper": points(text.upper()),
                 "lower": points(text.lower()), "strip": points(text.strip())}
        strings.append("    " + json.dumps(entry, ensure_ascii=True))

    header = {
        "python": sys.version.split()[0],
        "unicode": unicodedata.unidata_version,
        "about": "Python's str.upper(), str.lower() and str.strip(), as code points. codePoints: "
                 "space: 1 when str.strip() removes it; sigma: 1 when the capital sigma in 'A'+c+'\u03a3', "
                 "'1'+c+'\u03a3' and 'A\u03a3'+c lower-cases to the final form; group: why the code point is here. "
                 "strings: label is Python's ascii() of the input.",
    }
    body = json.dumps(header, ensure_ascii=True, indent=2)[:-2]
    text = (body + ',\n  "whitespace": ' + json.dumps(spaces) + ',\n  "codePoints": [\n' + ",\n".join(lines) + '\n  ],\n  "strings": [\n'
            + ",\n".join(strings) + "\n  ]\n}\n")
    parsed = json.loads(text)
    assert len(parsed["codePoints"]) == len(groups) and len(parsed["strings"]) == len(STRINGS)
    with open(VECTORS, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)

    counts = {}
    for group in groups.values():
        counts[group] = counts.get(group, 0) + 1
    return counts, differs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dotnet-casing", help="output of Export-DotNetCasing.ps1")
    args = parser.parse_args()

    if sys.version_info[:2] != (3, 11):
        print("warning: PythonText follows Python 3.11; this is " + sys.version.split()[0], file=sys.stderr)

    upper = mapping(str.upper)
    lower = mapping(str.lower)
    cased, ignorable = case_properties()
    spaces = whitespace()
    write_tables(upper, lower, cased, ignorable)
    dotnet = read_dotnet(args.dotnet_casing) if args.dotnet_casing else None
    counts, differs = write_vectors(upper, lower, cased, ignorable, spaces, dotnet)

    print(f"upper: {len(upper[0])} simple in {len(runs(upper[0]))} runs, {len(upper[1])} special; "
          f"lower: {len(lower[0])} simple in {len(runs(lower[0]))} runs, {len(lower[1])} special")
    print(f"cased: {len(ranges(cased))} ranges, case-ignorable: {len(ranges(ignorable))} ranges, "
          f"whitespace: {len(spaces)} code points")
    print("vectors: " + ", ".join(f"{k} {v}" for k, v in counts.items()) + f"; {len(STRINGS)} strings")
    if dotnet is not None:
        print(f".NET invariant casing or IsWhiteSpace differs from Python at {len(differs)} code points")


if __name__ == "__main__":
    sys.exit(main())
