# Conformance with Llama Stack's log.py: the expected entries and warnings were computed by running the seed
# itself (tests/data-gen/make_seed_vectors.py) and are committed as data.
BeforeDiscovery {
    $dataFolder = Join-Path $PSScriptRoot 'data/seed'
    $script:EnvironmentCases = Get-Content (Join-Path $dataFolder 'environment-vectors.json') -Raw | ConvertFrom-Json -NoEnumerate |
        ForEach-Object { $_ } | ForEach-Object -Begin { $i = 0 } -Process {
            @{ Index = $i++; Text = $_.input; Entries = @($_.entries); Warnings = @($_.warnings) }
        }
    $script:YamlCases = Get-Content (Join-Path $dataFolder 'yaml-vectors.json') -Raw | ConvertFrom-Json -NoEnumerate |
        ForEach-Object { $_ } | ForEach-Object {
            @{ Name = $_.name; Yaml = $_.yaml; Entries = @($_.entries); Warnings = @($_.warnings) }
        }
}

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force

    # Lists are compared as one string, joined by a character no vector holds, so order and count both count.
    $script:Separator = [string][char]0x241E

    function ConvertTo-EntryList {
        # The seed's dict as 'category=value' strings in order, for a readable comparison.
        param($Table)
        @(foreach ($key in $Table.Keys) { "$key=$($Table[$key])" })
    }

}

Describe 'LLAMA_STACK_LOGGING parsing matches the seed (parse_environment_config)' {
    It 'case <Index>: gives the seed''s dict' -ForEach $EnvironmentCases {
        $table = ConvertFrom-LlamaLogConfig -Environment $Text -AsHashtable -WarningAction SilentlyContinue
        (ConvertTo-EntryList $table) -join $Separator | Should -BeExactly (@($Entries | ForEach-Object { "$($_[0])=$($_[1])" }) -join $Separator)
    }

    It 'case <Index>: gives the seed''s warnings, word for word and in order' -ForEach $EnvironmentCases {
        $null = ConvertFrom-LlamaLogConfig -Environment $Text -WarningVariable got -WarningAction SilentlyContinue
        @($got | ForEach-Object Message) -join $Separator | Should -BeExactly ($Warnings -join $Separator)
    }
}

Describe 'run.yaml category levels match the seed (parse_yaml_config)' {
    It '<Name>: gives the seed''s dict' -ForEach $YamlCases {
        $table = ConvertFrom-LlamaLogConfig -Yaml $Yaml -AsHashtable -WarningAction SilentlyContinue
        (ConvertTo-EntryList $table) -join $Separator | Should -BeExactly (@($Entries | ForEach-Object { "$($_[0])=$($_[1])" }) -join $Separator)
    }

    It '<Name>: gives the seed''s warnings, plus only LlamaLog''s own located ones' -ForEach $YamlCases {
        $null = ConvertFrom-LlamaLogConfig -Yaml $Yaml -WarningVariable got -WarningAction SilentlyContinue
        # Warnings that name a line are LlamaLog's own structural ones (several sections, duplicate keys).
        @($got | ForEach-Object Message | Where-Object { $_ -notmatch '^YAML, line \d+, column \d+: ' }) -join $Separator |
            Should -BeExactly ($Warnings -join $Separator)
    }
}
