# Conformance with Llama Stack's log.py: the expected entries and warnings were computed by running the seed
# itself (tests/data-gen/make_seed_vectors.py) and are committed as data.
BeforeDiscovery {
    $dataFolder = Join-Path $PSScriptRoot 'data/seed'
    $script:EnvironmentCases = Get-Content (Join-Path $dataFolder 'environment-vectors.json') -Raw | ConvertFrom-Json -NoEnumerate |
        ForEach-Object { $_ } | ForEach-Object -Begin { $i = 0 } -Process {
            @{ Index = $i++; Text = $_.input; Entries = @($_.entries); Warnings = @($_.warnings) }
        }
    $script:YamlCases = Get-Content (Join-Path $dataFolder 'yaml-vectors.json') -Raw | ConvertFrom-Json -NoEnumerate |
        ForEach-Object { $_ } | ForEach-Object -Begin { $i = 0 } -Process {
            @{ Index = $i++; Name = $_.name; Yaml = $_.yaml; Entries = @($_.entries); Warnings = @($_.warnings) }
        }
}

BeforeAll {
    # Lists are compared as one string, joined by a character no vector holds, so order and count both count.
    $script:Separator = [string][char]0x241E
    $dataFolder = Join-Path $PSScriptRoot 'data/seed'

    # The seed knows only its 22 categories, and 'all' expands to every known category: the results are
    # computed in a fresh process, where no test has registered a category of its own.
    $resultsPath = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-seed-$([guid]::NewGuid()).json"
    $script_ = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:LLAMALOG_TEST_MODULE'
function Get-Result(`$Arguments) {
    `$table = ConvertFrom-LlamaLogConfig @Arguments -AsHashtable -WarningVariable got -WarningAction SilentlyContinue
    @{ Entries = @(foreach (`$key in `$table.Keys) { "`$key=`$(`$table[`$key])" }); Warnings = @(`$got | ForEach-Object Message) }
}
`$environment = @(foreach (`$case in (Get-Content '$dataFolder/environment-vectors.json' -Raw | ConvertFrom-Json)) { Get-Result @{ Environment = `$case.input } })
`$yaml = @(foreach (`$case in (Get-Content '$dataFolder/yaml-vectors.json' -Raw | ConvertFrom-Json)) { Get-Result @{ Yaml = `$case.yaml } })
@{ Environment = `$environment; Yaml = `$yaml } | ConvertTo-Json -Depth 5 | Set-Content -Path '$resultsPath' -Encoding utf8
"@
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script_))
    & (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')) -NoProfile -NonInteractive -EncodedCommand $encoded
    $script:Results = Get-Content $resultsPath -Raw | ConvertFrom-Json
    Remove-Item $resultsPath
}

Describe 'LLAMA_STACK_LOGGING parsing matches the seed (parse_environment_config)' {
    It 'case <Index>: gives the seed''s dict' -ForEach $EnvironmentCases {
        @($Results.Environment[$Index].Entries) -join $Separator | Should -BeExactly (@($Entries | ForEach-Object { "$($_[0])=$($_[1])" }) -join $Separator)
    }

    It 'case <Index>: gives the seed''s warnings, word for word and in order' -ForEach $EnvironmentCases {
        @($Results.Environment[$Index].Warnings) -join $Separator | Should -BeExactly ($Warnings -join $Separator)
    }
}

Describe 'run.yaml category levels match the seed (parse_yaml_config)' {
    It '<Name>: gives the seed''s dict' -ForEach $YamlCases {
        @($Results.Yaml[$Index].Entries) -join $Separator | Should -BeExactly (@($Entries | ForEach-Object { "$($_[0])=$($_[1])" }) -join $Separator)
    }

    It '<Name>: gives the seed''s warnings, plus only LlamaLog''s own located ones' -ForEach $YamlCases {
        # Warnings that name a line are LlamaLog's own structural ones (several sections, duplicate keys).
        @($Results.Yaml[$Index].Warnings | Where-Object { $_ -notmatch '^YAML, line \d+, column \d+: ' }) -join $Separator |
            Should -BeExactly ($Warnings -join $Separator)
    }
}
