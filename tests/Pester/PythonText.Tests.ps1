BeforeDiscovery {
    # Python's results, from tests/data-gen/make_python_text.py; every value is a list of code points.
    $vectors = Get-Content -Raw -Encoding utf8 (Join-Path $PSScriptRoot 'data/seed/python-case-vectors.json') | ConvertFrom-Json
    $script:CodePointGroups = $vectors.codePoints | Group-Object group | ForEach-Object {
        @{ Group = $_.Name; Entries = $_.Group }
    }
    $script:Strings = $vectors.strings | ForEach-Object {
        @{ Label = $_.label; Text = $_.input; Upper = $_.upper; Lower = $_.lower; Strip = $_.strip }
    }
    $script:Whitespace = $vectors.whitespace
    # The culture's own casing is checked too, so the tr-TR run is known to have a Turkish i.
    $script:Cultures = @(
        @{ Culture = 'en-US'; UpperI = 'I' }
        @{ Culture = 'tr-TR'; UpperI = [string][char]0x130 }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:PythonText = [LlamaLog.Engine.Config.PythonText]

    function ConvertTo-Text([object[]] $CodePoints) {
        # [char] keeps a lone surrogate, which char.ConvertFromUtf32 refuses.
        $builder = [System.Text.StringBuilder]::new()
        foreach ($codePoint in $CodePoints) {
            if ($codePoint -ge 0x10000) { [void]$builder.Append([char]::ConvertFromUtf32($codePoint)) }
            else { [void]$builder.Append([char][int]$codePoint) }
        }
        $builder.ToString()
    }

    function ConvertTo-Hex([string] $Text) {
        ($Text.ToCharArray() | ForEach-Object { '{0:X4}' -f [int]$_ }) -join ' '
    }

    function Find-Mismatch([object[]] $Entries, [scriptblock] $Actual, [scriptblock] $Expected) {
        # Ordinal comparison: PowerShell's -eq and Should -Be compare by culture.
        foreach ($entry in $Entries) {
            $want = & $Expected $entry
            $got = & $Actual $entry
            if (-not [string]::Equals($got, $want, [System.StringComparison]::Ordinal)) {
                'U+{0:X4}: [{1}] instead of [{2}]' -f [int]$entry.cp, (ConvertTo-Hex $got), (ConvertTo-Hex $want)
            }
        }
    }
}

Describe 'PythonText under <Culture>' -ForEach $Cultures {
    BeforeAll {
        $script:SavedCulture = [cultureinfo]::CurrentCulture
        [cultureinfo]::CurrentCulture = $Culture
    }

    AfterAll {
        [cultureinfo]::CurrentCulture = $SavedCulture
    }

    It 'runs with a culture that upper-cases i to <UpperI>' {
        [cultureinfo]::CurrentCulture.Name | Should -Be $Culture
        [int][char]('i'.ToUpper()) | Should -Be ([int][char]$UpperI)
    }

    Context 'one code point at a time' {
        It 'Upper gives str.upper() for the <Group> code points' -ForEach $CodePointGroups {
            $wrong = @(Find-Mismatch $Entries { $PythonText::Upper((ConvertTo-Text $args[0].cp)) } { ConvertTo-Text $args[0].upper })
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join '; ')
        }

        It 'Lower gives str.lower() for the <Group> code points' -ForEach $CodePointGroups {
            $wrong = @(Find-Mismatch $Entries { $PythonText::Lower((ConvertTo-Text $args[0].cp)) } { ConvertTo-Text $args[0].lower })
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join '; ')
        }

        It 'Strip removes the <Group> code points exactly when str.strip() does' -ForEach $CodePointGroups {
            $wrong = @(Find-Mismatch $Entries { $PythonText::Strip((ConvertTo-Text $args[0].cp)) } {
                    if ($args[0].space) { '' } else { ConvertTo-Text $args[0].cp } })
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join '; ')
        }

        It 'Lower chooses the final sigma as Python does next to the <Group> code points' -ForEach $CodePointGroups {
            # The three probes are described in the vector file: 'A'+c+'Σ', '1'+c+'Σ' and 'AΣ'+c.
            $sigma = [string][char]0x3A3
            $wrong = @(Find-Mismatch $Entries {
                    $c = ConvertTo-Text $args[0].cp
                    $flags = @(
                        $PythonText::Lower('A' + $c + $sigma)[-1]
                        $PythonText::Lower('1' + $c + $sigma)[-1]
                        $PythonText::Lower('A' + $sigma + $c)[1]
                    ) | ForEach-Object { [int]([int]$_ -eq 0x3C2) }  # -eq on chars ignores case: σ -eq ς
                    $flags -join ','
                } { $args[0].sigma -join ',' })
            $wrong.Count | Should -Be 0 -Because (($wrong | Select-Object -First 10) -join '; ')
        }

        It 'Strip removes all of Python''s white space together' {
            $PythonText::Strip((ConvertTo-Text ($Whitespace + $Whitespace))) | Should -BeExactly ''
        }
    }

    Context 'whole strings' {
        It 'Upper gives str.upper() for <Label>' -ForEach $Strings {
            ConvertTo-Hex ($PythonText::Upper((ConvertTo-Text $Text))) | Should -Be (ConvertTo-Hex (ConvertTo-Text $Upper))
        }

        It 'Lower gives str.lower() for <Label>' -ForEach $Strings {
            ConvertTo-Hex ($PythonText::Lower((ConvertTo-Text $Text))) | Should -Be (ConvertTo-Hex (ConvertTo-Text $Lower))
        }

        It 'Strip gives str.strip() for <Label>' -ForEach $Strings {
            ConvertTo-Hex ($PythonText::Strip((ConvertTo-Text $Text))) | Should -Be (ConvertTo-Hex (ConvertTo-Text $Strip))
        }
    }

    It 'refuses a null string' {
        $thrown = { $PythonText::Upper([NullString]::Value) } | Should -Throw -PassThru
        $thrown.Exception.InnerException | Should -BeOfType ([System.ArgumentNullException])
    }
}
