# What the server's loader refuses, LlamaLog refuses, with PyYAML's problem text and place (issue 18, item 10).
# The expectations come from running yaml.safe_load on each document (tests/data-gen/make_seed_vectors.py);
# what it accepts is in yaml-vectors.json, checked by SeedConformance.Tests.ps1.
BeforeDiscovery {
    $script:Refusals = Get-Content (Join-Path $PSScriptRoot 'data/seed/yaml-refusal-vectors.json') -Raw | ConvertFrom-Json -NoEnumerate |
        ForEach-Object { $_ } | ForEach-Object {
            @{ Name = $_.name; Yaml = $_.yaml; Problem = $_.problem; Line = $_.line; Column = $_.column
                ContextLine = $_.context_line; ContextColumn = $_.context_column }
        }
}

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force

    function Get-ConfigError([string] $Yaml) {
        try { $null = ConvertFrom-LlamaLogConfig -Yaml $Yaml -WarningAction SilentlyContinue; $null } catch { $_ }
    }
}

Describe 'Documents yaml.safe_load refuses' {
    It '<Name>: is an InvalidYaml error with PyYAML''s problem at its line and column' -ForEach $Refusals {
        $err = Get-ConfigError $Yaml
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml,*'
        $err.Exception.Message | Should -BeLike ('YAML, line {0}, column {1}: invalid YAML: {2}*' -f $Line, $Column, [WildcardPattern]::Escape($Problem))
    }

    It '<Name>: names the first occurrence where PyYAML does' -ForEach @($Refusals | Where-Object ContextLine) {
        (Get-ConfigError $Yaml).Exception.Message | Should -BeLike ('*first occurrence at line {0}, column {1}*' -f $ContextLine, $ContextColumn)
    }

    It '<Name>: fails Test-LlamaLogConfig' -ForEach $Refusals {
        Test-LlamaLogConfig -Yaml $Yaml -WarningAction SilentlyContinue | Should -BeFalse
    }
}
