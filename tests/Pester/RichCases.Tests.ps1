# The conformance suite: every case captured from Rich 13.3.1 (data/rich-cases.jsonl, format in RICH_SPEC.md §7)
# becomes one test of the engine's public types or of ConvertFrom-LlamaLogMarkup.

BeforeDiscovery {
    $script:CasesPath = Join-Path $PSScriptRoot 'data/rich-cases.jsonl'

    # Cases that do not apply, keyed by kind, input and options (as written in the file), with the reason.
    # Every other case must pass.
    $script:NotApplicable = @{}

    function Get-CaseName {
        param($Case)
        $text = $Case.input | ConvertTo-Json -Compress
        if ($text.Length -gt 70) { $text = $text.Substring(0, 67) + '...' }
        $details = @()
        $options = $Case.options
        if ($Case.kind -eq 'rich_handler') {
            $details += "level $($options.level)"
            if ($options.ContainsKey('levelname_override')) { $details += "name $($options.levelname_override ?? 'default')" }
            $details += $options.formatter ? 'formatted' : 'message only'
        }
        if ($options.ContainsKey('console')) {
            $console = $options.console
            $details += $console.force_terminal ? "$($console.color_system) terminal" : 'not a terminal'
            if ($console.width -ne 120) { $details += "width $($console.width)" }
        }
        if ($options.ContainsKey('print') -and $options.print.highlight) { $details += 'highlight' }
        $suffix = $details.Count ? " ($($details -join ', '))" : ''
        "$($Case.kind): $text$suffix"
    }

    $script:AllCases = @(Get-Content $CasesPath -Encoding utf8 | Where-Object { $_ } | ForEach-Object {
            $case = $_ | ConvertFrom-Json -AsHashtable -DateKind String
            $case.Name = Get-CaseName $case
            $case.Key = "$($case.kind)|$($case.input)|$($case.options | ConvertTo-Json -Compress -Depth 5)"
            $case
        })
    $script:Applicable = @($AllCases | Where-Object { -not $NotApplicable.ContainsKey($_.Key) })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    $script:Esc = [char]27

    function Get-ColorSystem {
        # A forced terminal uses its colour system; a StringIO console is not a terminal.
        param($Console)
        if (-not $Console.force_terminal) { return [LlamaLog.Engine.Markup.ColorSystem]::None }
        switch ($Console.color_system) {
            'truecolor' { [LlamaLog.Engine.Markup.ColorSystem]::TrueColor }
            '256' { [LlamaLog.Engine.Markup.ColorSystem]::EightBit }
            'standard' { [LlamaLog.Engine.Markup.ColorSystem]::Standard }
            'windows' { [LlamaLog.Engine.Markup.ColorSystem]::Windows }
            default { throw "Unknown colour system '$_'." }
        }
    }

    function Hide-LinkId {
        # OSC 8 link ids are random on every render, in Rich as in the engine.
        param([string] $Text)
        $Text -replace "$Esc\]8;id=\d+;", "$Esc]8;id=<ID>;"
    }

    function Get-HandlerMessage {
        # What the handler receives: the record's message, or the line Llama Stack's formatter builds.
        param($Case)
        $options = $Case.options
        if (-not $options.formatter) { return $Case.input }
        $record = $options.record
        '{0} {1}:{2} {3}: {4}' -f $record.asctime, $record.name, $record.lineno, $record.category, $Case.input
    }

    function Get-HandlerLevel {
        # The level as a number and the name Python gives the record.
        param($Case)
        $level = $Case.options.level
        if ($level -is [string]) {
            $number = @{ NOTSET = 0; DEBUG = 10; INFO = 20; WARNING = 30; ERROR = 40; CRITICAL = 50 }[$level]
            return $number, $level
        }
        $name = $Case.options.ContainsKey('levelname_override') ? $Case.options.levelname_override : $null
        return [int] $level, $name
    }

    function Remove-PadCell {
        <#
            Rich pads every line to the console width with bare spaces; the engine does not write them. This
            removes them from a captured output. The spaces at the end of a line that belong to the message are
            read from its plain text: those that follow, there, the last visible character of the line. The rest
            of the line's trailing spaces are padding, and the bare ones among them are removed.
        #>
        param([string] $Output, [string] $Plain, [string] $LevelText)
        $lines = $Output.Split("`n")
        $result = [System.Text.StringBuilder]::new()
        $cursor = 0
        for ($i = 0; $i -lt $lines.Count - 1; $i++) {
            $raw = $lines[$i]
            $bare = $raw.Length - $raw.TrimEnd(' ').Length
            $visible = $raw -replace "$Esc\[[0-9;]*m", ''
            $message = $visible.Substring([Math]::Min($LevelText.Length + 1, $visible.Length))
            $trailing = $message.Length - $message.TrimEnd(' ').Length
            $own = 0
            if ($message.Trim(' ').Length) {
                foreach ($character in $message.TrimEnd(' ').ToCharArray()) {
                    if ($character -ne ' ') { $cursor = $Plain.IndexOf($character, $cursor) + 1 }
                }
                while ($cursor + $own -lt $Plain.Length -and $Plain[$cursor + $own] -eq ' ') { $own++ }
            }
            # A line with no message text is all padding, the continuation indent included.
            $remove = $message.Trim(' ').Length ? [Math]::Min($bare, [Math]::Max(0, $trailing - $own)) : $bare
            if ($i -eq 0) {
                # The level text is the record's own text (Python's ljust included), never padding.
                $levelEnd = $raw.Length -and $raw[0] -eq $Esc ? $raw.IndexOf("$Esc[0m", [StringComparison]::Ordinal) + 4 : $LevelText.Length
                $remove = [Math]::Min($remove, $raw.Length - $levelEnd)
            }
            [void] $result.Append($raw.Substring(0, $raw.Length - $remove)).Append("`n")
        }
        $result.ToString()
    }

    function Show-Control {
        # Failure messages (and the XML report) cannot hold raw control characters: show them escaped.
        param([string] $Text)
        $builder = [System.Text.StringBuilder]::new()
        foreach ($character in $Text.ToCharArray()) {
            if ($character -eq '\') { [void] $builder.Append('\\') }
            elseif ($character -eq $Esc) { [void] $builder.Append('\e') }
            elseif ($character -eq "`n") { [void] $builder.Append('\n') }
            elseif ([int] $character -lt 32 -or [int] $character -eq 127) { [void] $builder.Append(('\x{0:x2}' -f [int] $character)) }
            else { [void] $builder.Append($character) }
        }
        $builder.ToString()
    }

    function Invoke-HandlerCase {
        param($Case, [switch] $PadLines)
        $number, $name = Get-HandlerLevel $Case
        $console = $Case.options.console
        [LlamaLog.Engine.Markup.RichHandlerLayout]::Render($number, $name, (Get-HandlerMessage $Case), $true,
            [int] $console.width, (Get-ColorSystem $console), [bool] $PadLines)
    }
}

Describe 'The Rich 13.3.1 conformance data' {
    It 'is loaded whole: <Total> cases, <Excluded> of them listed as not applicable' -ForEach @(@{ Total = $AllCases.Count; Excluded = $NotApplicable.Count }) {
        $Total | Should -Be 284
        $Excluded | Should -Be 0
    }
}

Describe 'Text.from_markup' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'markup_parse') {
        $markup = $_.input
        $expected = $_.output
        if ($expected.ContainsKey('error') -and $expected.error -eq 'MarkupError') {
            $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup) } | Should -Throw -PassThru
            $thrown.Exception.InnerException | Should -BeOfType ([LlamaLog.Engine.Markup.MarkupException])
            $thrown.Exception.InnerException.Message | Should -BeExactly $expected.message
        }
        elseif ($expected.ContainsKey('error')) {
            # Rich crashes with a ValueError; the engine raises its own exception, naming the colour.
            $expected.error | Should -Be 'ValueError'
            $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup) } | Should -Throw -PassThru
            $failure = $thrown.Exception.InnerException
            $failure | Should -BeOfType ([LlamaLog.Engine.Markup.InvalidColorException])
            $failure.RichMessage | Should -BeExactly $expected.message
            $failure.Message | Should -BeLike "*'$($failure.Color)'*"
            $markup.Contains($failure.Color) | Should -BeTrue
        }
        else {
            $text = [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup)
            $text.Plain | Should -BeExactly $expected.plain
            $spans = @($text.Spans | ForEach-Object { '{0},{1},{2}' -f $_.Start, $_.End, $_.Style })
            $spans | Should -BeExactly @($expected.spans | ForEach-Object { '{0},{1},{2}' -f $_[0], $_[1], $_[2] })
        }
    }
}

Describe 'markup.escape' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'markup_escape') {
        $escaped = [LlamaLog.Engine.Markup.RichMarkup]::Escape($_.input)
        $escaped | Should -BeExactly $_.output.escaped
        [LlamaLog.Engine.Markup.RichMarkup]::Parse($escaped).Plain | Should -BeExactly $_.output.roundtrip_plain
    }
}

Describe 'Style.parse' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'style_parse') {
        $definition = $_.input
        $expected = $_.output
        if ($expected.ContainsKey('error')) {
            $expected.error | Should -Be 'StyleSyntaxError'
            $thrown = { [LlamaLog.Engine.Markup.TextStyle]::Parse($definition) } | Should -Throw -PassThru
            $thrown.Exception.InnerException | Should -BeOfType ([LlamaLog.Engine.Markup.StyleSyntaxException])
            $thrown.Exception.InnerException.Message | Should -BeExactly $expected.message
            return
        }
        $style = [LlamaLog.Engine.Markup.TextStyle]::Parse($definition)
        $style.ToString() | Should -BeExactly $expected.normalized
        [LlamaLog.Engine.Markup.TextStyle]::Normalize($definition) | Should -BeExactly $expected.normalized
        $style.GetSgr('TrueColor') | Should -BeExactly $expected.sgr.truecolor
        $style.GetSgr('EightBit') | Should -BeExactly $expected.sgr.'256'
        $style.GetSgr('Standard') | Should -BeExactly $expected.sgr.standard
        $style.GetSgr('Windows') | Should -BeExactly $expected.sgr.windows
        $style.Link | Should -Be ($expected.ContainsKey('link') ? $expected.link : $null)
    }
}

Describe 'Color.downgrade' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'color_downgrade') {
        $expected = $_.output
        $color = [LlamaLog.Engine.Markup.TerminalColor]::Parse($_.input)
        $color.Kind.ToString() | Should -Be ($expected.type -replace '_', '')
        foreach ($system in @{ truecolor = 'TrueColor'; '256' = 'EightBit'; standard = 'Standard'; windows = 'Windows' }.GetEnumerator()) {
            $color.GetSgr($true, $system.Value) | Should -BeExactly $expected[$system.Key].fg
            $color.GetSgr($false, $system.Value) | Should -BeExactly $expected[$system.Key].bg
        }
    }
}

Describe 'console.print' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'console_print') {
        $markup = $_.input
        $system = Get-ColorSystem $_.options.console
        $highlight = [bool] $_.options.print.highlight
        # Rich's print ends the line; the engine's rendering and the cmdlet do not.
        $expected = Hide-LinkId $_.output
        $expected | Should -Match "`n$"
        $expected = $expected.Substring(0, $expected.Length - 1)
        $rendered = [LlamaLog.Engine.Markup.ConsoleMarkupRenderer]::Render($markup, $system, $highlight)
        Show-Control (Hide-LinkId $rendered) | Should -BeExactly (Show-Control $expected)
        if ($system -eq 'TrueColor') {
            $converted = ConvertFrom-LlamaLogMarkup -Text $markup -As Ansi -Highlight:$highlight
            Show-Control (Hide-LinkId $converted) | Should -BeExactly (Show-Control $expected)
        }
        else {
            ConvertFrom-LlamaLogMarkup -Text $markup | Should -BeExactly $expected
        }
    }
}

Describe 'RichHandler as Llama Stack configures it' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'rich_handler') {
        # Rich's exact bytes, pad cells included, when asked for them.
        Show-Control (Invoke-HandlerCase $_ -PadLines) | Should -BeExactly (Show-Control $_.output)

        # The default layout: the same without the bare pad cells after each line's content.
        $number, $name = Get-HandlerLevel $_
        $levelText = ($name ?? [LlamaLog.Engine.Levels.LevelNames]::ToPythonName($number)).PadRight(8)
        $plain = [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText((Get-HandlerMessage $_))
        Show-Control (Invoke-HandlerCase $_) | Should -BeExactly (Show-Control (Remove-PadCell $_.output $plain $levelText))
    }

    It '<Name>, laid out as a file prefix and a message' -ForEach @($Applicable | Where-Object { $_.kind -eq 'rich_handler' -and $_.options.formatter }) {
        # The host path of Write-LlamaLog and loggers: the prefix's styled text is kept apart from the message's.
        $number, $name = Get-HandlerLevel $_
        $record = $_.options.record
        $prefix = '{0} {1}:{2} {3}: ' -f $record.asctime, $record.name, $record.lineno, $record.category
        $console = $_.options.console
        $output = [System.Text.StringBuilder]::new()
        [LlamaLog.Engine.Markup.RecordLineLayout]::Render($output, $number, $name, $prefix + $_.input, $prefix.Length, $_.input,
            $true, [int] $console.width, (Get-ColorSystem $console))
        $levelText = ($name ?? [LlamaLog.Engine.Levels.LevelNames]::ToPythonName($number)).PadRight(8)
        $plain = [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText((Get-HandlerMessage $_))
        Show-Control $output.ToString() | Should -BeExactly (Show-Control (Remove-PadCell $_.output $plain $levelText))
    }
}

Describe 'strip_rich_markup compared with the markup-aware plain text' {
    It '<Name>' -ForEach @($Applicable | Where-Object kind -EQ 'strip_diff') {
        $markup = $_.input
        $expected = $_.output
        if ($expected.ContainsKey('rich_error')) {
            # Invalid markup: Rich raises, the console shows the message literally, and so does the file.
            $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup) } | Should -Throw -PassThru
            "MarkupError: $($thrown.Exception.InnerException.Message)" | Should -BeExactly $expected.rich_error
            [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($markup) | Should -BeExactly $expected.rich_handler_displays
        }
        else {
            [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($markup) | Should -BeExactly $expected.rich_plain
        }
        # The seed's regex strip differs from it on every one of these inputs.
        [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($markup) | Should -Not -BeExactly $expected.llama_strip
    }
}
