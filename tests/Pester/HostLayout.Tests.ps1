# The host layout of a record, laid out as a file prefix and a message (RecordLineLayout, the fast path of
# Write-LlamaLog and loggers), against the layout of the whole line (RichHandlerLayout, checked against Rich itself
# in RichCases.Tests.ps1): byte for byte the same, for every message of the Rich cases and awkward prefixes.

BeforeDiscovery {
    $script:Widths = @(40, 80, 120)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    # Every text the Rich cases feed to markup, the console or the handler, and a few more that touch the prefix.
    $cases = Get-Content (Join-Path $PSScriptRoot 'data/rich-cases.jsonl') -Encoding utf8 | Where-Object { $_ } |
        ForEach-Object { $_ | ConvertFrom-Json -AsHashtable -DateKind String }
    $script:Messages = @($cases | Where-Object { $_.input -is [string] } | ForEach-Object input | Sort-Object -Unique -CaseSensitive) + @(
        '', ' ', 'm 1', '1', ':smile: up', 'smile:', '"quoted" start', "'single'", '=value', '(call)', 'x)', '> tag end',
        '< start', '\[escaped]', '[/]', '[bold]unclosed', 'ends with spaces   ', "two`nlines", "tab`there",
        ('w' * 200), 'GET /v1/models 200 OK', '/srv/models/llama.gguf', '10.0.0.1:8321', 'True None False', '…', '全角の文字'
    )
    $script:Prefixes = @(
        '2026-11-25 10:58:06,123 pwsh:12 core: '
        '2026-01-01 00:00:00,000 deadbeef:1 core::server: '
        '2026-11-25 10:58:06,999 GET:7 uncategorized: '
        '2026-11-25 10:58:06,123 x:smile:3 core: '
        '2026-11-25 10:58:06,123 it''s:3 core: '
        '2026-11-25 10:58:06,123 a[1]:3 core: '
        '2026-11-25 10:58:06,123 名前:3 core: '
        '2026-11-25 10:58:06,123 very-long-logger-name-that-fills-a-narrow-console-by-itself:12345 inference: '
    )
    $script:Colors = [enum]::GetValues([LlamaLog.Engine.Markup.ColorSystem])

    function Get-Normalized([string] $Text) {
        # Hyperlink ids are random per layout.
        $Text -replace 'id=\d+;', 'id=;'
    }
}

Describe 'A record laid out as a file prefix and a message' {
    It 'is byte for byte the layout of the whole line at width <_>, in every colour system, with and without markup' -ForEach $Widths {
        $width = $_
        $mismatches = [System.Collections.Generic.List[string]]::new()
        foreach ($prefix in $Prefixes) {
            foreach ($message in $Messages) {
                foreach ($colors in $Colors) {
                    foreach ($markup in $true, $false) {
                        $line = $prefix + $message
                        $split = [System.Text.StringBuilder]::new()
                        [LlamaLog.Engine.Markup.RecordLineLayout]::Render($split, 30, 'WARNING', $line, $prefix.Length, $message, $markup, $width, $colors)
                        $whole = [System.Text.StringBuilder]::new()
                        [LlamaLog.Engine.Markup.RichHandlerLayout]::Render($whole, 30, 'WARNING', $line, $markup, $width, $colors, $false)
                        if ((Get-Normalized $split.ToString()) -cne (Get-Normalized $whole.ToString())) {
                            $mismatches.Add("[$colors, markup $markup] $line")
                        }
                    }
                }
            }
        }
        $mismatches | Select-Object -First 5 | Should -BeNullOrEmpty
    }

    It 'lays out the line, not the message, when the message given is not the end of the line (same length)' {
        $line = '2026-11-25 10:58:06,123 pwsh:12 core: the real text'
        $output = [System.Text.StringBuilder]::new()
        [LlamaLog.Engine.Markup.RecordLineLayout]::Render($output, 20, 'INFO', $line, 38, 'the fake text', $true, 120, 'None')
        $output.ToString() | Should -BeExactly ([LlamaLog.Engine.Markup.RichHandlerLayout]::Render(20, 'INFO', $line, $true, 120, 'None'))
    }
}
