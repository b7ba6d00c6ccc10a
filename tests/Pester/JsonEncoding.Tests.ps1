BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Writer = [LlamaLog.Engine.Formatting.JsonValueWriter]
    # Test support in C#: plain .NET values (no PSObject wrapping), the golden set read exactly, random values.
    $references = @($Writer.Assembly.Location, 'System.Text.Json', 'System.Collections', 'System.Runtime',
        'System.Runtime.Numerics', 'System.Memory', 'netstandard', 'System.Linq', 'System.Text.Encodings.Web')
    if (-not ('LlamaLog.Tests.JsonEncodingCases' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'JsonEncodingCases.cs') -ReferencedAssemblies $references
    }
    $script:Cases = [LlamaLog.Tests.JsonEncodingCases]
    $script:GoldenPath = Join-Path $PSScriptRoot 'data/json-golden.jsonl'
    $script:Python = '/usr/bin/python3'

    function Get-Json([object] $Value) { $Cases::Json($Value) }
    function Get-Text([object] $Value) { $Cases::Text($Value) }

    function New-Nested([int] $Depth) {
        # $Depth lists, one inside the other, the innermost holding 1.
        [object] $value = 1
        for ($i = 0; $i -lt $Depth; $i++) { $value = [object[]]@(, $value) }
        , $value
    }
}

Describe 'JsonValueWriter: CPython json.dumps' {
    Context 'the golden set (tests/data-gen/make_json_golden.py)' {
        It 'holds at least 10,000 values' {
            @([System.IO.File]::ReadLines($GoldenPath)).Count | Should -BeGreaterOrEqual 10000
        }

        It 'writes every golden value as json.dumps does' {
            $count = 0
            $wrong = @($Cases::GoldenMismatches($GoldenPath, 'json', [ref]$count))
            $count | Should -BeGreaterOrEqual 10000
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join "`n")
        }

        It 'writes every golden value the same under a culture with another minus sign and decimal separator' {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = 'sv-SE'
                [int][char][cultureinfo]::CurrentCulture.NumberFormat.NegativeSign | Should -Be 0x2212
                $count = 0
                $wrong = @($Cases::GoldenMismatches($GoldenPath, 'json', [ref]$count))
            }
            finally {
                [cultureinfo]::CurrentCulture = $saved
            }
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join "`n")
        }
    }

    Context 'floats, as Python repr' {
        It 'writes 1e16 in exponent form: 1e+16' { Get-Json ([double]1e16) | Should -BeExactly '1e+16' }
        It 'writes 1e15 positionally: 1000000000000000.0' { Get-Json ([double]1e15) | Should -BeExactly '1000000000000000.0' }
        It 'writes 0.00001 in exponent form: 1e-05' { Get-Json ([double]0.00001) | Should -BeExactly '1e-05' }
        It 'writes 0.0001 positionally' { Get-Json ([double]0.0001) | Should -BeExactly '0.0001' }
        It 'writes an integral double with .0: 100.0' { Get-Json ([double]100) | Should -BeExactly '100.0' }
        It 'keeps the sign of negative zero: -0.0' { Get-Json ([BitConverter]::Int64BitsToDouble([long]::MinValue)) | Should -BeExactly '-0.0' }
        It 'writes the smallest subnormal as 5e-324' { Get-Json ([double]::Epsilon) | Should -BeExactly '5e-324' }
        It 'writes the largest double as 1.7976931348623157e+308' { Get-Json ([double]::MaxValue) | Should -BeExactly '1.7976931348623157e+308' }
        It 'writes the shortest digits that round-trip: 0.1 + 0.2' { Get-Json (0.1 + 0.2) | Should -BeExactly '0.30000000000000004' }
        It 'writes a mantissa with digits in exponent form: 1.5e+300' { Get-Json ([double]1.5e300) | Should -BeExactly '1.5e+300' }
        It 'widens a float (single) first: [single]0.1 is 0.10000000149011612' { Get-Json ([single]0.1) | Should -BeExactly '0.10000000149011612' }
        It 'writes NaN as the string "NaN"' { Get-Json ([double]::NaN) | Should -BeExactly '"NaN"' }
        It 'writes infinity as the string "Infinity"' { Get-Json ([double]::PositiveInfinity) | Should -BeExactly '"Infinity"' }
        It 'writes negative infinity as the string "-Infinity"' { Get-Json ([single]::NegativeInfinity) | Should -BeExactly '"-Infinity"' }
    }

    Context 'other numbers' {
        It 'writes 2**64 as a BigInteger with all its digits' { Get-Json ([System.Numerics.BigInteger]::Pow(2, 64)) | Should -BeExactly '18446744073709551616' }
        It 'writes -2**100 as a BigInteger with all its digits' { Get-Json (-[System.Numerics.BigInteger]::Pow(2, 100)) | Should -BeExactly '-1267650600228229401496703205376' }
        It 'writes long.MinValue and ulong.MaxValue' { Get-Json ([object[]]@([long]::MinValue, [ulong]::MaxValue)) | Should -BeExactly '[-9223372036854775808, 18446744073709551615]' }
        It 'writes a decimal with its scale: 1.10' { Get-Json ([decimal]::Parse('1.10', [cultureinfo]::InvariantCulture)) | Should -BeExactly '1.10' }
        It 'writes a negative decimal: -0.5' { Get-Json ([decimal]::Parse('-0.5', [cultureinfo]::InvariantCulture)) | Should -BeExactly '-0.5' }
        It 'writes booleans and null as true, false and null' { Get-Json ([object[]]@($true, $false, $null)) | Should -BeExactly '[true, false, null]' }
    }

    Context 'strings (ensure_ascii)' {
        It 'escapes U+007F as \u007f, as CPython does' { Get-Json ([string][char]0x7F) | Should -BeExactly '"\u007f"' }
        It 'escapes U+2028 and U+2029' { Get-Json "a$([char]0x2028)b$([char]0x2029)" | Should -BeExactly '"a\u2028b\u2029"' }
        It 'writes an astral character as its surrogate pair' { Get-Json ([char]::ConvertFromUtf32(0x1F600)) | Should -BeExactly '"\ud83d\ude00"' }
        It 'writes a lone high surrogate as itself' { Get-Json ([string][char]0xD800) | Should -BeExactly '"\ud800"' }
        It 'writes a lone low surrogate as itself' { Get-Json "x$([char]0xDFFF)" | Should -BeExactly '"x\udfff"' }
        It 'writes other non-ASCII characters as lowercase \uXXXX' { Get-Json "caf$([char]0xE9) $([char]0x4E2D)" | Should -BeExactly '"caf\u00e9 \u4e2d"' }
        It 'uses the short escapes for quote, backslash, \n, \r, \t, \b and \f' {
            Get-Json "`"\`n`r`t`b`f" | Should -BeExactly '"\"\\\n\r\t\b\f"'
        }
        It 'writes other control characters as \u00XX' { Get-Json "$([char]0)$([char]7)$([char]0x1B)$([char]0x1F)" | Should -BeExactly '"\u0000\u0007\u001b\u001f"' }
        It 'writes a char as a one-character string' { Get-Json ([char]'"') | Should -BeExactly '"\""' }
        It 'writes a 10 MB string whole' {
            $text = ('a' * (10MB - 2)) + "$([char]0xE9)`n"
            $json = Get-Json $text
            $json.Length | Should -Be (10MB - 2 + 6 + 2 + 2)
            $json.Substring($json.Length - 11) | Should -BeExactly 'aa\u00e9\n"'
        }
        It 'WriteString writes a null string as null' {
            $builder = [System.Text.StringBuilder]::new()
            $Writer::WriteString($builder, [NullString]::Value)
            $builder.ToString() | Should -BeExactly 'null'
        }
        It 'WriteString writes a string as WriteValue does' {
            $builder = [System.Text.StringBuilder]::new('x=')
            $Writer::WriteString($builder, "a`"$([char]0x2028)")
            $builder.ToString() | Should -BeExactly 'x="a\"\u2028"'
        }
    }

    Context 'dates, as isoformat()' {
        It 'writes a UTC DateTime with +00:00 and microseconds, dropping the 100 ns ticks' {
            Get-Json ([datetime]::new(639320148001234567, 'Utc')) | Should -BeExactly '"2026-12-04T21:00:00.123456+00:00"'
        }
        It 'leaves out zero microseconds' {
            Get-Json ([datetime]::new(639320148000000009, 'Utc')) | Should -BeExactly '"2026-12-04T21:00:00+00:00"'
        }
        It 'writes an unspecified DateTime without an offset' {
            Get-Json ([datetime]::new(2026, 12, 4, 21, 0, 0, [DateTimeKind]::Unspecified)) | Should -BeExactly '"2026-12-04T21:00:00"'
        }
        It 'writes a local DateTime with the local offset of that moment' {
            $time = [datetime]::new(2026, 7, 1, 12, 0, 0, [DateTimeKind]::Local)
            $offset = [TimeZoneInfo]::Local.GetUtcOffset($time)
            $sign = if ($offset -lt [timespan]::Zero) { '-' } else { '+' }
            Get-Json $time | Should -BeExactly ('"2026-07-01T12:00:00{0}{1:hh\:mm}"' -f $sign, $offset)
        }
        It 'writes a DateTimeOffset with its +HH:MM offset' {
            Get-Json ([datetimeoffset]::new(2026, 12, 4, 21, 0, 0, [timespan]'-05:30')) | Should -BeExactly '"2026-12-04T21:00:00-05:30"'
        }
    }

    Context 'containers' {
        It 'writes a dictionary in its enumeration order with ", " and ": "' {
            Get-Json ([ordered]@{ b = 1; a = [object[]]@('x', $null) }) | Should -BeExactly '{"b": 1, "a": ["x", null]}'
        }
        It 'writes keys as json.dumps does: 1 as "1", True as "true", None as "null", floats by repr' {
            $dictionary = [LlamaLog.Tests.PairListDictionary]::new()
            $dictionary.Add(1, 'int'); $dictionary.Add($true, 'bool'); $dictionary.Add($null, 'none')
            $dictionary.Add([double]1e16, 'float'); $dictionary.Add([double]::NaN, 'nan'); $dictionary.Add([double]-0.5, 'negative')
            Get-Json $dictionary | Should -BeExactly '{"1": "int", "true": "bool", "null": "none", "1e+16": "float", "NaN": "nan", "-0.5": "negative"}'
        }
        It 'writes any enumerable but a string as an array' {
            $list = [System.Collections.Generic.List[int]]::new(); $list.AddRange([int[]](1, 2))
            Get-Json $list | Should -BeExactly '[1, 2]'
        }
        It 'writes empty containers as [] and {}' { Get-Json ([object[]]@([object[]]@(), @{})) | Should -BeExactly '[[], {}]' }
        It 'writes another value as its invariant text' {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = 'de-DE'
                Get-Json ([System.Half]1.5) | Should -BeExactly '"1.5"'
                Get-Json ([version]'1.2') | Should -BeExactly '"1.2"'
            }
            finally { [cultureinfo]::CurrentCulture = $saved }
        }
    }

    Context 'the depth cut' {
        It 'writes a value with 64 levels of containers whole' {
            Get-Json (New-Nested 64) | Should -BeExactly (('[' * 64) + '1' + (']' * 64))
        }
        It 'writes the container at depth 65 as the string of the cut marker' {
            Get-Json (New-Nested 65) | Should -BeExactly (('[' * 64) + '"<max depth>"' + (']' * 64))
        }
        It 'writes a 10,000-deep array as valid JSON, cut at depth 65' {
            $json = Get-Json (New-Nested 10000)
            $json | Should -BeExactly (('[' * 64) + '"<max depth>"' + (']' * 64))
            { $json | ConvertFrom-Json -AsHashtable -DateKind String -Depth 100 } | Should -Not -Throw
        }
        It 'writes a dictionary that holds itself with the cut marker where it recurs, and the rest whole' {
            $dictionary = [ordered]@{ a = 1 }
            $dictionary.self = $dictionary
            $dictionary.b = 2
            $json = Get-Json $dictionary
            $json | Should -BeExactly '{"a": 1, "self": "<max depth>", "b": 2}'
            ($json | ConvertFrom-Json -AsHashtable).b | Should -Be 2
        }
        It 'writes a list that holds itself twice without expanding it' {
            $list = [System.Collections.ArrayList]::new()
            [void]$list.Add($list); [void]$list.Add($list)
            Get-Json $list | Should -BeExactly '["<max depth>", "<max depth>"]'
        }
        It 'writes a list shared by two branches in each' {
            $shared = [object[]]@(1)
            Get-Json ([object[]]@($shared, $shared)) | Should -BeExactly '[[1], [1]]'
        }
    }
}

Describe 'PythonValueText: Python str()' {
    It 'writes every golden value as str() does' {
        $count = 0
        $wrong = @($Cases::GoldenMismatches($GoldenPath, 'str', [ref]$count))
        $count | Should -BeGreaterOrEqual 10000
        $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join "`n")
    }

    It 'writes every golden value as repr() does, with AppendRepr' {
        $count = 0
        $wrong = @($Cases::GoldenMismatches($GoldenPath, 'repr', [ref]$count))
        $count | Should -BeGreaterOrEqual 10000
        $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join "`n")
    }

    It 'writes a top-level string as is' { Get-Text "it's`n$([char]0x2028)" | Should -BeExactly "it's`n$([char]0x2028)" }
    It 'writes None, True and False' { Get-Text ([object[]]@($null, $true, $false)) | Should -BeExactly '[None, True, False]' }
    It 'writes floats by repr: inf, -inf, nan, 1e+16, 100.0' {
        Get-Text ([object[]]@([double]::PositiveInfinity, [double]::NegativeInfinity, [double]::NaN, [double]1e16, [double]100)) |
            Should -BeExactly '[inf, -inf, nan, 1e+16, 100.0]'
    }
    It 'writes a top-level float as its repr' { Get-Text ([double]::NaN) | Should -BeExactly 'nan' }
    It 'AppendRepr quotes a top-level string' { $Cases::Repr("it's") | Should -BeExactly "`"it's`"" }
    It 'writes a list with its strings quoted: [''a'', 1, None]' { Get-Text ([object[]]@('a', 1, $null)) | Should -BeExactly "['a', 1, None]" }
    It 'writes a dict: {''k'': ''v'', 1: 2}' { Get-Text ([ordered]@{ k = 'v'; 1 = 2 }) | Should -BeExactly "{'k': 'v', 1: 2}" }
    It 'quotes a string with a single quote and no double quote in double quotes' { Get-Text ([object[]]@("it's")) | Should -BeExactly "[`"it's`"]" }
    It 'escapes the single quote of a string that also holds a double quote' { Get-Text ([object[]]@("'`"")) | Should -BeExactly "['\'`"']" }
    It 'escapes \n, \t and the backslash' { Get-Text ([object[]]@("a`nb`tc\")) | Should -BeExactly "['a\nb\tc\\']" }
    It 'escapes non-printable characters as \x07, \x7f, \xa0, \u2028 and \U000e0001' {
        Get-Text ([object[]]@("$([char]7)$([char]0x7F)$([char]0xA0)$([char]0x2028)$([char]::ConvertFromUtf32(0xE0001))")) |
            Should -BeExactly "['\x07\x7f\xa0\u2028\U000e0001']"
    }
    It 'keeps printable non-ASCII characters, astral ones too' {
        $text = "caf$([char]0xE9) $([char]::ConvertFromUtf32(0x1F600))"
        Get-Text ([object[]]@($text)) | Should -BeExactly "['$text']"
    }
    It 'escapes a lone surrogate as \udXXX' { Get-Text ([object[]]@("$([char]0xD800)x")) | Should -BeExactly "['\ud800x']" }
    It 'writes a UTC DateTime as str(datetime): 2026-12-04 21:00:00.123456+00:00' {
        Get-Text ([datetime]::new(639320148001234567, 'Utc')) | Should -BeExactly '2026-12-04 21:00:00.123456+00:00'
    }
    It 'writes a DateTime inside a list as its repr' {
        Get-Text ([object[]]@([datetimeoffset]::new(2026, 12, 4, 21, 0, 0, [timespan]'-05:00'))) |
            Should -BeExactly '[datetime.datetime(2026, 12, 4, 21, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=68400)))]'
    }
    It 'writes a decimal as str(Decimal) at the top and Decimal(''...'') inside a list' {
        $small = [decimal]::Parse('0.00000010', [cultureinfo]::InvariantCulture)
        Get-Text $small | Should -BeExactly '1.0E-7'
        Get-Text ([object[]]@([decimal]::Parse('1.10', [cultureinfo]::InvariantCulture))) | Should -BeExactly "[Decimal('1.10')]"
    }
    It 'writes the container at depth 65 as the quoted cut marker' {
        Get-Text (New-Nested 65) | Should -BeExactly (('[' * 64) + "'<max depth>'" + (']' * 64))
    }
    It 'writes a 10,000-deep list cut at depth 65' {
        Get-Text (New-Nested 10000) | Should -BeExactly (('[' * 64) + "'<max depth>'" + (']' * 64))
    }
    It 'writes a dictionary that holds itself as Python does: {...}' {
        $dictionary = [ordered]@{ a = 1 }
        $dictionary.self = $dictionary
        Get-Text $dictionary | Should -BeExactly "{'a': 1, 'self': {...}}"
    }
    It 'writes a 10 MB string inside a list whole' {
        $text = 'a' * 10MB
        (Get-Text ([object[]]@($text))).Length | Should -Be (10MB + 4)
    }
}

Describe 'JsonValueWriter: random values (fixed seed)' {
    BeforeAll {
        # Each case: the value's type tree and the writer's JSON.
        $script:Fuzz = $Cases::Fuzz(20261204, 3000)
    }

    It 'writes JSON that ConvertFrom-Json reads, for every value' {
        $wrong = foreach ($case in $Fuzz) {
            try { $null = $case[1] | ConvertFrom-Json -AsHashtable -DateKind String -Depth 100 }
            catch { "$($case[1]): $_" }
        }
        @($wrong).Count | Should -Be 0 -Because (($wrong | Select-Object -First 5) -join "`n")
    }

    It 'writes JSON that Python''s json.loads reads back as the value written, for every value' {
        # One Python for the batch: each stdin line is "type tree<TAB>JSON"; it prints one line per mismatch,
        # then how many it checked.
        $check = @'
import datetime, decimal, json, math, struct, sys

INTEGERS = {"sbyte", "byte", "short", "ushort", "int", "uint", "long", "ulong", "big"}
EPOCH = datetime.datetime(1, 1, 1)

def text(field):
    if isinstance(field, str):
        return field
    data = bytes.fromhex(field["u16"])
    return b"".join(data[i:i + 2][::-1] for i in range(0, len(data), 2)).decode("utf-16-le", "surrogatepass")

def double(tag, bits):
    if tag == "d":
        return struct.unpack(">d", bytes.fromhex(bits))[0]
    return struct.unpack(">f", bytes.fromhex(bits))[0]

def key(tree):
    # What json.dumps makes of a key, then json.loads reads: a string.
    if tree is None:
        return "null"
    if tree is True or tree is False:
        return "true" if tree else "false"
    tag = tree[0]
    if tag == "s":
        return text(tree[1])
    if tag in INTEGERS:
        return str(int(tree[1]))
    x = double(tag, tree[1])
    return "NaN" if math.isnan(x) else ("Infinity" if x == math.inf else "-Infinity" if x == -math.inf else repr(x))

def moment(ticks, tz):
    value = EPOCH + datetime.timedelta(microseconds=ticks // 10)
    return (value.replace(tzinfo=tz) if tz else value).isoformat()

def same(tree, got):
    """Whether json.loads' value (numbers kept as their text) is the value the tree describes."""
    if tree is None or tree is True or tree is False:
        return got is tree
    tag, data = tree[0], tree[1]
    if tag == "s":
        return got == text(data)
    if tag == "c":
        return got == struct.pack("<H", data).decode("utf-16-le", "surrogatepass")
    if tag in INTEGERS:
        return got == ("number", str(int(data)))
    if tag in ("d", "f"):
        x = double(tag, data)
        if not math.isfinite(x):
            return got == ("NaN" if math.isnan(x) else "Infinity" if x > 0 else "-Infinity")
        return isinstance(got, tuple) and struct.pack("<d", float(got[1])) == struct.pack("<d", x)
    if tag == "m":
        return isinstance(got, tuple) and decimal.Decimal(got[1]).as_tuple() == decimal.Decimal(data).as_tuple()
    if tag == "t":
        return got == moment(data, datetime.timezone.utc if tree[2] == "utc" else None)
    if tag == "o":
        return got == moment(data, datetime.timezone(datetime.timedelta(minutes=tree[2])))
    if tag == "l":
        return isinstance(got, list) and len(got) == len(data) and all(same(t, g) for t, g in zip(data, got))
    if tag == "h":
        return (isinstance(got, dict) and len(got) == len(data)
                and all(key(k) in got and same(v, got[key(k)]) for k, v in data))
    return False

count = 0
for line in sys.stdin:
    tree_text, written = line.rstrip("\n").split("\t")
    number = lambda s: ("number", s)
    try:
        got = json.loads(written, parse_int=number, parse_float=number, parse_constant=lambda s: ("bare", s))
        ok = same(json.loads(tree_text), got)
    except ValueError as e:
        ok = False
    if not ok:
        print(written)
    count += 1
print(f"checked {count}")
'@
        $lines = foreach ($case in $Fuzz) { "$($case[0])`t$($case[1])" }
        $output = @($lines | & $Python -c $check)
        $LASTEXITCODE | Should -Be 0
        $output[-1] | Should -BeExactly "checked $($Fuzz.Count)"
        $wrong = @($output | Select-Object -SkipLast 1)
        $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 5) -join "`n")
    }

    It 'writes only ASCII, so no output depends on an encoding' {
        $wrong = @($Fuzz | Where-Object { $_[1] -match '[^\x20-\x7E]' })
        $wrong.Count | Should -Be 0
    }
}
