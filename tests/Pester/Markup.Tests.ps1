# The markup engine beyond the captured cases: the cmdlet, robustness on extreme input, culture independence,
# concurrent use, and a seeded fuzz run.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    $script:Esc = [char]27

    function Render-Record {
        param([string] $Message, [string] $ColorSystem = 'None', [int] $Width = 120)
        [LlamaLog.Engine.Markup.RichHandlerLayout]::Render(20, 'INFO', $Message, $true, $Width, $ColorSystem)
    }
}

Describe 'ConvertFrom-LlamaLogMarkup' {
    It 'returns the plain text of the markup by default' {
        ConvertFrom-LlamaLogMarkup -Text '[bold red]Error:[/bold red] disk :smile: full' | Should -BeExactly 'Error: disk 😄 full'
    }

    It 'returns the true-colour ANSI text Rich prints, without a trailing newline, with -As Ansi' {
        ConvertFrom-LlamaLogMarkup '[bold red]Error:[/] disk full' -As Ansi | Should -BeExactly "$Esc[1;31mError:$Esc[0m disk full"
    }

    It 'applies the repr highlighter under the markup only with -Highlight' {
        ConvertFrom-LlamaLogMarkup 'port 8321' -As Ansi | Should -BeExactly 'port 8321'
        ConvertFrom-LlamaLogMarkup 'port 8321' -As Ansi -Highlight | Should -BeExactly "port $Esc[1;36m8321$Esc[0m"
    }

    It 'takes the text from the pipeline, by value and by property name' {
        'a', '[b]b[/b]' | ConvertFrom-LlamaLogMarkup | Should -BeExactly @('a', 'b')
        [pscustomobject]@{ Text = '[i]c[/i]' } | ConvertFrom-LlamaLogMarkup | Should -BeExactly 'c'
    }

    It 'accepts an empty string' {
        ConvertFrom-LlamaLogMarkup '' | Should -BeExactly ''
    }

    It 'declares that it outputs strings' {
        (Get-Command ConvertFrom-LlamaLogMarkup).OutputType.Type | Should -Contain ([string])
    }

    It "reports invalid markup as a non-terminating MarkupError with Rich's message, and goes on with the next input" {
        $output = '[bold]x[/italic]', 'ok' | ConvertFrom-LlamaLogMarkup -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeExactly 'ok'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MarkupError,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].Exception.Message | Should -BeExactly "closing tag '[/italic]' at position 7 doesn't match any open tag"
        $failures[0].TargetObject | Should -BeExactly '[bold]x[/italic]'
    }

    It 'reports an rgb colour with an empty component as an InvalidStyle error naming the colour' {
        $output = ConvertFrom-LlamaLogMarkup '[rgb(,,)]x' -ErrorVariable failures -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStyle,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failures[0].Exception.Message | Should -BeLike "*'rgb(,,)'*"
    }

    It 'reports an invalid colour that only rendering reaches as InvalidStyle in -As Ansi' {
        ConvertFrom-LlamaLogMarkup '[bold=rgb(1,,3)]x' | Should -BeExactly 'x'
        ConvertFrom-LlamaLogMarkup '[bold=rgb(1,,3)]x' -As Ansi -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidStyle,*'
        $failures[0].Exception.Message | Should -BeLike "*'rgb(1,,3)'*"
    }
}

Describe 'The log layout with invalid styles' {
    It 'shows a message with an rgb(,,) tag literally, without throwing' {
        Render-Record '[rgb(,,)]x [bold]y[/bold]' | Should -BeExactly "INFO     [rgb(,,)]x [bold]y[/bold]`n"
    }

    It 'shows a message whose invalid colour only rendering reaches literally, without throwing' {
        Render-Record '[bold=rgb(,,)]x[/]' | Should -BeExactly "INFO     [bold=rgb(,,)]x[/]`n"
    }

    It 'keeps highlighting the literal text' {
        Render-Record '[rgb(,,)]x' -ColorSystem TrueColor | Should -BeExactly "$Esc[34mINFO    $Esc[0m $Esc[1m[$Esc[0m$Esc[1;35mrgb$Esc[0m$Esc[1m($Esc[0m,,$Esc[1m)$Esc[0m$Esc[1m]$Esc[0mx`n"
    }

    It 'writes the same literal text to the file' {
        [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText('[rgb(,,)]x') | Should -BeExactly '[rgb(,,)]x'
        [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText('[bold=rgb(,,)]x') | Should -BeExactly '[bold=rgb(,,)]x'
    }
}

Describe 'Extreme input' {
    It 'parses markup nested 10,000 deep' {
        $markup = ('[bold]' * 10000) + 'x' + ('[/bold]' * 10000)
        $text = [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup)
        $text.Plain | Should -BeExactly 'x'
        $text.Spans.Count | Should -Be 10000
    }

    It 'closes 10,000 crossed tags by name, the outermost first' {
        $markup = ('[b][i]' * 5000) + 'x' + ('[/b]' * 5000) + 'y'
        $text = [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup)
        $text.Plain | Should -BeExactly 'xy'
        $text.Spans.Where({ $_.Style -eq 'bold' -and $_.End -eq 1 }).Count | Should -Be 5000
        $text.Spans.Where({ $_.Style -eq 'italic' -and $_.End -eq 2 }).Count | Should -Be 5000
    }

    It 'lays out a record nested 10,000 deep' {
        $markup = ('[red]' * 10000) + 'x' + ('[/]' * 10000)
        Render-Record $markup -ColorSystem TrueColor | Should -BeExactly "$Esc[34mINFO    $Esc[0m $Esc[31mx$Esc[0m`n"
    }

    It 'reports a closing tag that matches nothing even under 10,000 open tags' {
        $markup = ('[red]' * 10000) + '[/blue]'
        $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse($markup) } | Should -Throw -PassThru
        $thrown.Exception.InnerException.Message | Should -BeExactly "closing tag '[/blue]' at position 50000 doesn't match any open tag"
    }

    It 'handles a tag of a million characters' {
        $name = 'x' * 1000000
        [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText("[$name]y[/$name]") | Should -BeExactly 'y'
        $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse("[/$name]") } | Should -Throw -PassThru
        $thrown.Exception.InnerException.Message.Length | Should -BeGreaterThan 1000000
    }

    It 'lays out and strips a 10 MB message with markup, numbers, strings and paths' {
        $unit = "[bold]word[/bold] 12345 'str' /a/b.py x=1 GET [1, 2] "
        $message = $unit * [Math]::Ceiling(10MB / $unit.Length)
        $plain = [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($message)
        $plain.Length | Should -Be ($message.Length - 13 * ($message.Length / $unit.Length))
        $layout = Render-Record $message -ColorSystem TrueColor
        $layout.Length | Should -BeGreaterThan (2 * $plain.Length)
        $layout.StartsWith("$Esc[34mINFO    $Esc[0m $Esc[1mword$Esc[0m $Esc[1;36m12345$Esc[0m $Esc[32m'str'$Esc[0m", [StringComparison]::Ordinal) | Should -BeTrue
    }

    It 'lays out a 10 MB word and a 10 MB run of digits' {
        $word = 'w' * 10MB
        $lines = (Render-Record $word).Split("`n")
        $lines[0] | Should -BeExactly ('INFO     ' + ('w' * 111))
        $lines.Count | Should -Be ([Math]::Ceiling(10MB / 111) + 1)
        $digits = Render-Record ('1' * 10MB) -ColorSystem TrueColor
        $digits.Length | Should -BeGreaterThan 10MB
    }

    It 'strips a 10 MB message of unclosed brackets and colons' {
        $message = '[a:' * [Math]::Ceiling(10MB / 3)
        [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($message) | Should -BeExactly $message
    }

    It 'checks meta-tag parameters of 200,000 operators or 100,000 brackets without recursing deeply' {
        $chain = '1' + ('+1' * 200000)
        $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse("[@click=$chain]x[/]") } | Should -Throw -PassThru
        $thrown.Exception.InnerException.Message | Should -BeLike "*; malformed node or string on line 1: <ast.BinOp object>"
        $brackets = '[@click=' + ('(' * 100000) + '1]x[/]'
        $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse($brackets) } | Should -Throw -PassThru
        $thrown.Exception.InnerException.Message | Should -BeLike '*; too many nested parentheses'
    }

    It 'gives up nothing at widths below the level column: every line still ends in a newline' {
        foreach ($width in 1..12) {
            $text = Render-Record 'a message that wraps 中文 😀' -Width $width
            $text | Should -Match "`n$"
        }
        Render-Record 'x' -Width 0 | Should -BeExactly ''
    }
}

Describe 'Culture independence' {
    BeforeAll {
        $script:SavedCulture = [System.Globalization.CultureInfo]::CurrentCulture
        [System.Globalization.CultureInfo]::CurrentCulture = 'tr-TR'
        [System.Globalization.CultureInfo]::CurrentUICulture = 'tr-TR'
    }

    AfterAll {
        [System.Globalization.CultureInfo]::CurrentCulture = $SavedCulture
        [System.Globalization.CultureInfo]::CurrentUICulture = $SavedCulture
    }

    It 'lower-cases style words without the Turkish dotless i' {
        [LlamaLog.Engine.Markup.TextStyle]::Parse('ITALIC BLINK LINK http://I').ToString() | Should -BeExactly 'italic blink link http://I'
        [LlamaLog.Engine.Markup.TerminalColor]::Parse('LIGHT_SLATE_GRAY').Number | Should -Be 103
    }

    It 'matches closing tags and emoji codes with invariant casing' {
        $text = [LlamaLog.Engine.Markup.RichMarkup]::Parse('[iTALIC]:SMILE:[/ITALIC]')
        $text.Plain | Should -BeExactly '😄'
        $text.Spans[0].Style | Should -BeExactly 'italic'
    }

    It 'styles the INFO level as blue' {
        Render-Record 'x' -ColorSystem TrueColor | Should -BeExactly "$Esc[34mINFO    $Esc[0m x`n"
    }

    It "formats Rich's error messages with invariant digits" {
        $thrown = { [LlamaLog.Engine.Markup.RichMarkup]::Parse('ab[/]') } | Should -Throw -PassThru
        $thrown.Exception.InnerException.Message | Should -BeExactly "closing tag '[/]' at position 2 has nothing to close"
    }
}

Describe 'Concurrent use' {
    It 'renders the same output on 8 threads at once as on one' {
        $messages = @(
            '[bold]Loaded[/bold] [green]3[/green] providers from /etc/x.yaml'
            'GET http://localhost:8321/v1/models 200 ''ok'' True None from 10.0.0.1'
            '[link=https://example.com]here[/link] [on red]aaa bbb ccc ddd eee fff ggg hhh iii[/on red] tail'
            ('中文字符测试' * 30) + ' [/] ' + ("x`ty" * 20)
        )
        $expected = foreach ($message in $messages) {
            Remove-Ansi ([LlamaLog.Engine.Markup.RichHandlerLayout]::Render(30, 'WARNING', $message, $true, 80, 'EightBit'))
        }
        $results = 1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            $messages = $using:messages
            foreach ($round in 1..200) {
                foreach ($message in $messages) {
                    [LlamaLog.Engine.Markup.RichHandlerLayout]::Render(30, 'WARNING', $message, $true, 80, 'EightBit')
                }
            }
        }
        # Workers interleave their output, so compare as counts: each message rendered 1,600 times, identically.
        $results.Count | Should -Be (8 * 200 * $messages.Count)
        $groups = @($results | ForEach-Object { Remove-Ansi $_ } | Group-Object -CaseSensitive -NoElement)
        $groups.Count | Should -Be $messages.Count
        foreach ($group in $groups) {
            $expected | Should -Contain $group.Name
            $group.Count | Should -Be (8 * 200)
        }
    }
}

Describe 'Fuzzing (seeded, a few seconds)' {
    BeforeAll {
        $script:Atoms = @(
            '[bold]', '[/bold]', '[/]', '[red]', '[/red]', '[on blue]', '[link=http://x.y/z]', '[/link]', '[i]', '[b]', '[/b]',
            '[not bold]', '[#ff8800]', '[rgb(1,2,3)]', '[rgb(,,)]', '[bold=rgb(1,,2)]', '[color(100)]', '[notastyle]', '[@click]',
            '[@click=f(1)]', '[@click=bad(]', '[a-b]', '\', '\[', '[', ']', ':', ':smile:', ':b:', ':rocket-text:', ' ', '  ', 'a', 'abc',
            'True', 'None', 'GET', "'q'", '"s"', '123', '-4.5e3', '0x1f', '1+2j', '10.0.0.1', 'fe80::1:2', '/usr/lib/x.py',
            'http://a.b/c?d=1', 'x=1', '<tag a=1>', '...', 'f(x)', '中', '😀', 'é', [string][char]0x301, '_', '-', '.', '(', ')', '{', '}'
        )
        $script:Controls = @("`t", "`n", [string]$Esc, [string][char]7, "`r", [string][char]0x1c)
        $script:Random = [System.Random]::new(20250101)

        function New-FuzzText {
            param([switch] $WithControls)
            $builder = [System.Text.StringBuilder]::new()
            foreach ($i in 1..$Random.Next(0, 16)) {
                $pick = $WithControls -and $Random.Next(0, 5) -eq 0 ? $Controls[$Random.Next(0, $Controls.Count)] : $Atoms[$Random.Next(0, $Atoms.Count)]
                [void] $builder.Append($pick)
            }
            $builder.ToString()
        }

        function Test-EngineException {
            param($Exception)
            $Exception -is [LlamaLog.Engine.Markup.MarkupException] -or $Exception -is [LlamaLog.Engine.Markup.InvalidColorException]
        }
    }

    It 'parses, renders and lays out random markup raising only the engine''s documented exceptions' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $unexpected = [System.Collections.Generic.List[string]]::new()
        $runs = 0
        while ($clock.Elapsed.TotalSeconds -lt 2 -and $runs -lt 20000) {
            $text = New-FuzzText -WithControls
            $runs++
            foreach ($call in @(
                    { [LlamaLog.Engine.Markup.RichMarkup]::Parse($text) }
                    { [LlamaLog.Engine.Markup.ConsoleMarkupRenderer]::Render($text, 'Standard', $true) })) {
                try { [void] (& $call) }
                catch {
                    if (-not (Test-EngineException $_.Exception.InnerException)) { $unexpected.Add("$($_.Exception.InnerException.GetType()): $text") }
                }
            }
            try {
                [void] [LlamaLog.Engine.Markup.RichHandlerLayout]::Render($runs % 60, $null, $text, $true, 20 + $runs % 100, 'TrueColor')
                [void] [LlamaLog.Engine.Markup.RichMarkup]::ToPlainText($text)
            }
            catch { $unexpected.Add("layout: $($_.Exception.InnerException.GetType()): $text") }
        }
        $runs | Should -BeGreaterThan 100
        $unexpected | Should -BeNullOrEmpty
    }

    It 'renders random markup without control characters as its plain text plus escape sequences' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $mismatches = [System.Collections.Generic.List[string]]::new()
        $runs = 0
        while ($clock.Elapsed.TotalSeconds -lt 2 -and $runs -lt 20000) {
            $text = New-FuzzText
            $runs++
            try {
                $plain = [LlamaLog.Engine.Markup.RichMarkup]::Parse($text).Plain
                $ansi = [LlamaLog.Engine.Markup.ConsoleMarkupRenderer]::Render($text, 'TrueColor', [bool]($runs % 2))
            }
            catch {
                if (Test-EngineException $_.Exception.InnerException) { continue }
                throw
            }
            if ((Remove-Ansi $ansi) -cne $plain) { $mismatches.Add($text) }
        }
        $runs | Should -BeGreaterThan 100
        $mismatches | Should -BeNullOrEmpty
    }
}
