# Every YAML error names its place and says what was wrong there, in the reader's own words (issue 18, item 3).
# A seeded generator breaks run.yaml-shaped documents the ways a hand edit does: truncated, a stray bracket, a
# line indented wrong, a tab, an unclosed quote, a line lost or doubled. Whatever the reader makes of each, an
# error must have a line and a column and must not be a .NET exception's message.
BeforeDiscovery {
    $script:Shapes = 'a block section', 'the starter run.yaml', 'a flow section', 'providers with anchors'
}

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force

    $starter = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot 'data/starter-run.yaml'))
    $script:BaseDocuments = @{
        'a block section'        = "version: 2`nlogging_config:`n  category_levels:`n    core: debug`n    server: 'info'`n    tools: `"warn`"`n    all: `${env.LEVEL:=error}`n"
        'the starter run.yaml'   = $starter + "logging_config:`n  category_levels:`n    core: debug`n    inference: warning`n"
        'a flow section'         = "apis: [agents, inference,`n  safety]`nlogging_config:`n  category_levels: {core: debug, server: info,`n    tools: warn}`n"
        'providers with anchors' = "defaults: &level debug`nproviders:`n  inference:`n  - provider_id: `${env.X:+x}`n    config: {url: 'http://h:1/v1', keys: [a, b]}`n  - provider_id: y`n    config:`n      nested:`n        deep: `"q`"`nlogging:`n  category_levels:`n    core: *level`n    <<: {server: info}`n"
    }

    # The messages .NET gives the exceptions a parser can leak, and YamlDotNet's own internal ones.
    $script:DotNetMessages = @(
        [InvalidOperationException]::new().Message
        [ArgumentException]::new().Message
        [ArgumentOutOfRangeException]::new().Message
        [IndexOutOfRangeException]::new().Message
        [NullReferenceException]::new().Message
        [FormatException]::new().Message
        [InvalidCastException]::new().Message
        [System.Collections.Generic.KeyNotFoundException]::new().Message
        '(Parameter '''
        'Exception of type '''
        'The queue is empty'
        'Not at a break'
        'The scanner should contain no more tokens'
        'Cannot read the Value of'
        'Anchor cannot be empty'
        'Tag value must not be empty'
        'Global tags must be valid URIs'
        'Tag handle must start'
    ) | Sort-Object -Unique

    # One broken document: 1 to 3 edits of a base document, all chosen by $Random.
    function New-BrokenDocument([string] $Text, [System.Random] $Random) {
        $edits = $Random.Next(1, 4)
        for ($e = 0; $e -lt $edits; $e++) {
            $lines = [System.Collections.Generic.List[string]]::new([string[]]($Text -split "`n"))
            $at = $Random.Next(0, $Text.Length + 1)
            $line = $Random.Next(0, $lines.Count)
            switch ($Random.Next(0, 9)) {
                0 { $Text = $Text.Substring(0, $at) }                                                   # truncated
                1 { $Text = $Text.Insert($at, [string]'[]{},'[$Random.Next(0, 5)]) }                   # stray bracket or comma
                2 { $lines[$line] = (' ' * $Random.Next(1, 4)) + $lines[$line]; $Text = $lines -join "`n" } # indented more
                3 { $lines[$line] = $lines[$line] -replace '^ {1,3}', ''; $Text = $lines -join "`n" }   # indented less
                4 { $lines[$line] = $lines[$line] -replace '^ {1,2}', "`t"; $Text = $lines -join "`n" } # tab as indentation
                5 { $Text = $Text.Insert($at, "`t") }                                                   # a tab anywhere
                6 { $Text = $Text.Insert($at, [string]'''"'[$Random.Next(0, 2)]) }                      # unclosed quote
                7 { $lines.RemoveAt($line); $Text = $lines -join "`n" }                                 # a line lost
                8 { $lines.Insert($line, $lines[$line]); $Text = $lines -join "`n" }                      # a line doubled
            }
        }
        $Text
    }

    # Reads each broken document and keeps the errors, with the document they came from.
    $script:Outcomes = foreach ($shape in $BaseDocuments.Keys | Sort-Object) {
        $random = [System.Random]::new(18 + $shape.Length)
        for ($i = 0; $i -lt 400; $i++) {
            $text = New-BrokenDocument $BaseDocuments[$shape] $random
            $message = $null
            try {
                $null = [LlamaLog.Engine.Config.YamlConfigParser]::Parse($text, 'fuzz', [Func[string, string]] { param($name) 'info' })
            }
            catch [LlamaLog.Engine.Config.ConfigurationException] {
                $message = $_.Exception.Message
            }
            catch {
                $message = $_.Exception.InnerException ? $_.Exception.InnerException.Message : $_.Exception.Message
                if (-not ($_.Exception.InnerException -is [LlamaLog.Engine.Config.ConfigurationException])) { $message = "NOT A CONFIGURATION ERROR: $message" }
            }
            [pscustomobject]@{ Shape = $shape; Text = $text; Message = $message; Lines = ($text -split "`r`n|`r|`n").Count }
        }
    }
}

Describe 'YAML errors from broken run.yaml documents (seeded)' {
    It 'breaks <_> into documents that fail in many ways' -ForEach $Shapes {
        $shape = $_
        $failed = @($Outcomes | Where-Object { $_.Shape -eq $shape -and $_.Message })
        $failed.Count | Should -BeGreaterThan 100
        @($failed.Message -replace '^fuzz, line \d+, column \d+: ', '' | Sort-Object -Unique).Count | Should -BeGreaterThan 5
    }

    It 'gives every error a ConfigurationException' {
        @($Outcomes | Where-Object { $_.Message -like 'NOT A CONFIGURATION ERROR*' } | ForEach-Object { "$($_.Message) <- $($_.Text)" }) |
            Should -BeNullOrEmpty
    }

    It 'names a line and a column in every error' {
        @($Outcomes | Where-Object { $_.Message -and $_.Message -notmatch '^fuzz, line [1-9]\d*, column [1-9]\d*: ' } |
                ForEach-Object { "$($_.Message) <- $($_.Text)" }) | Should -BeNullOrEmpty
    }

    It 'names a line of the document' {
        @($Outcomes | Where-Object { $_.Message -match '^fuzz, line (\d+),' -and [int]$Matches[1] -gt $_.Lines } |
                ForEach-Object { "$($_.Message) <- $($_.Text)" }) | Should -BeNullOrEmpty
    }

    It 'never gives a .NET exception''s message' {
        @($Outcomes | Where-Object { $m = $_.Message; $m -and @($DotNetMessages | Where-Object { $m.Contains($_) }).Count -gt 0 } |
                ForEach-Object { "$($_.Message) <- $($_.Text)" }) | Should -BeNullOrEmpty
    }
}
