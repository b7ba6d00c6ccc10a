# Reading logs back (issue 15): every format, on the committed fixtures of data/logs (see its README for where
# each shape comes from) and on the Rich console captures of data/rich-cases.jsonl.

BeforeDiscovery {
    # Every captured RichHandler record laid out with the seed's formatter, with and without colours.
    $script:ConsoleCases = @(Get-Content (Join-Path $PSScriptRoot 'data/rich-cases.jsonl') -Encoding utf8 | ForEach-Object {
            $case = $_ | ConvertFrom-Json -AsHashtable -DateKind String
            if ($case.kind -eq 'rich_handler' -and $case.options.formatter -and $case.options.record) {
                @{
                    Name   = ($case.input | ConvertTo-Json -Compress) + ($case.options.console.force_terminal ? ' (colours)' : ' (plain)')
                    Text   = $case.input
                    Output = $case.output
                    Level  = $case.options.level
                    Record = $case.options.record
                }
            }
        })
}

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Logs = Join-Path $PSScriptRoot 'data/logs'
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    function Read-Fixture([string] $Name, [string] $Format = 'Auto') {
        @(Import-LlamaLog -LiteralPath (Join-Path $Logs $Name) -Format $Format)
    }

    function Get-LocalTime([datetime] $Time) {
        # What a time without an offset means: local time, with the offset the local zone had then.
        [datetimeoffset]::new($Time, [TimeZoneInfo]::Local.GetUtcOffset($Time))
    }
}

Describe 'Text: the seed''s file line, as LlamaLog writes it' {
    BeforeAll {
        $script:Entries = Read-Fixture 'llamalog-text.log'
    }

    It 'reads one entry per record' {
        $Entries.Count | Should -Be 5
        $Entries.Format | Sort-Object -Unique | Should -Be 'Text'
    }

    It 'reads the time as local time' {
        $Entries[0].Time | Should -Be (Get-LocalTime ([datetime]'2026-12-04 22:53:25.333'))
        $Entries[0].Time.Offset | Should -Be ([TimeZoneInfo]::Local.GetUtcOffset([datetime]'2026-12-04 22:53:25.333'))
    }

    It 'reads the logger name, line and category' {
        $Entries[0].Name | Should -Be 'my_script'
        $Entries[0].Line | Should -Be 5
        $Entries[0].Category | Should -Be 'core'
        $Entries[4].Category | Should -Be 'core::routers'
    }

    It 'has no level, since the line has none' {
        $Entries | Where-Object { $null -ne $_.Level } | Should -BeNullOrEmpty
    }

    It 'reads a message''s later lines into the message' {
        $Entries[1].Message | Should -BeExactly "two lines:`nsecond line"
    }

    It 'reads LlamaLog''s indented exception lines into Exception, without the indent' {
        $Entries[3].Message | Should -BeExactly 'provider not ready'
        $Entries[3].Exception | Should -BeExactly (@(
                'Traceback (most recent call last):'
                '  at <ScriptBlock>, /tmp/deploy/deploy.ps1: line 9'
                '  at Invoke-Failing, /tmp/deploy/deploy.ps1: line 8'
                'System.InvalidOperationException: provider not ready'
                'Caused by (inner exception):'
                'System.IO.IOException: socket closed') -join "`n")
    }

    It 'gives each entry the line number of its first line and the path' {
        $Entries.LineNumber | Should -Be @(1, 2, 4, 5, 12)
        $Entries[0].Path | Should -Be (Join-Path $Logs 'llamalog-text.log')
    }

    It 'reads the time in the reader''s local zone' {
        $script = "Import-Module '$env:LLAMALOG_TEST_MODULE'; (Import-LlamaLog -LiteralPath '$(Join-Path $Logs 'llamalog-text.log')')[0].Time.ToString('o')"
        $env:TZ, $saved = 'America/New_York', $env:TZ
        try { $text = & $Pwsh -NoProfile -NonInteractive -Command $script }
        finally { $env:TZ = $saved }
        $text | Should -Be '2026-12-04T22:53:25.3330000-05:00'
    }
}

Describe 'Text: properties after three spaces (issue 13)' {
    BeforeAll {
        $script:Entries = Read-Fixture 'llamalog-properties.log'
    }

    It 'takes the pairs off the message' {
        $Entries[0].Message | Should -BeExactly 'Listening on'
        @($Entries[0].Properties.Keys) | Should -Be @('host', 'port')
    }

    It 'reads an empty value as an empty string and digits as an integer' {
        $Entries[0].Properties['host'] | Should -BeExactly ''
        $Entries[0].Properties['port'] | Should -BeOfType [int]
        $Entries[0].Properties['port'] | Should -Be 8321
    }

    It 'reads Python''s str() of lists, dicts, True, None and floats back into values' {
        $properties = $Entries[1].Properties
        @($properties.Keys) | Should -Be @('dims', 'model', 'opts', 'ready', 'retries', 'timeout')
        $properties['dims'].Count | Should -Be 3
        $properties['dims'][0] | Should -Be 1
        $properties['dims'][1] | Should -BeExactly 'a'
        $properties['dims'][2] | Should -BeNullOrEmpty
        $properties['opts'] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        @($properties['opts'].Keys) | Should -Be @('k', 'n')
        $properties['opts']['n'] | Should -BeOfType [double]
        $properties['model'] | Should -BeExactly 'llama-3.2-1b'
        $properties['ready'] | Should -BeTrue
        $properties['retries'] | Should -Be 0
        $properties.Contains('timeout') | Should -BeTrue
        $properties['timeout'] | Should -BeNullOrEmpty
    }

    It 'takes the pairs after the last three spaces that are followed by key=' {
        $Entries[2].Message | Should -BeExactly 'Aligned   columns'
        $Entries[2].Properties['a'] | Should -Be 1
    }

    It 'reads the pairs at the end of a message''s last line' {
        $Entries[3].Message | Should -BeExactly "two lines`nand the second"
        $Entries[3].Properties['request'] | Should -Be 42
    }

    It 'reads the pairs before the exception lines' {
        $Entries[4].Message | Should -BeExactly 'failed'
        $Entries[4].Properties['attempt'] | Should -Be 3
        $Entries[4].Exception | Should -BeExactly 'System.Net.Http.HttpRequestException: connection refused'
    }

    It 'gives a record without pairs an empty property dictionary' {
        (Read-Fixture 'llamalog-text.log')[0].Properties.Count | Should -Be 0
    }

    It 'reads <Text> as <Expected>' -ForEach @(
        @{ Text = '007'; Expected = '007' }
        @{ Text = '-12'; Expected = -12 }
        @{ Text = '1e-05'; Expected = 1e-05 }
        @{ Text = '123456789012345678901234567890'; Expected = [bigint]::Parse('123456789012345678901234567890') }
        @{ Text = "'quoted \'x\''"; Expected = "quoted 'x'" }
        @{ Text = 'False'; Expected = $false }
        @{ Text = 'it''s [not a list'; Expected = 'it''s [not a list' }
        @{ Text = '12:30'; Expected = '12:30' }
    ) {
        $entry = '2026-05-07 15:43:12,345 x:1 core: m   v=' + $Text | ConvertFrom-LlamaLog
        $entry.Properties['v'] | Should -Be $Expected
        if ($Expected -is [string]) { $entry.Properties['v'] | Should -BeOfType [string] }
    }

    It 'ends a value where a later key begins, not at every " k="' {
        $entry = '2026-05-07 15:43:12,345 x:1 core: m   b=one a=two c=three' | ConvertFrom-LlamaLog
        @($entry.Properties.Keys) | Should -Be @('b', 'c')
        $entry.Properties['b'] | Should -BeExactly 'one a=two'
    }

    It 'keeps a bracketed value whole when it holds spaces and k=v' {
        $entry = "2026-05-07 15:43:12,345 x:1 core: m   a={'note': 'x   b=1'} z=2" | ConvertFrom-LlamaLog
        @($entry.Properties.Keys) | Should -Be @('a', 'z')
        $entry.Properties['a']['note'] | Should -BeExactly 'x   b=1'
    }
}

Describe 'Text: Llama Stack''s file (up to 2026-03)' {
    BeforeAll {
        $script:Entries = Read-Fixture 'llamastack-text.log'
    }

    It 'reads every record' {
        $Entries.Count | Should -Be 4
        $Entries[1].Name | Should -Be 'uvicorn.error'
        $Entries[1].Category | Should -Be 'uncategorized'
    }

    It 'reads the unindented Python traceback after a record into its Exception' {
        $Entries[2].Message | Should -BeExactly 'Error calling provider'
        $Entries[2].Exception | Should -BeLike 'Traceback (most recent call last):*ValueError: model not found'
        ($Entries[2].Exception -split "`n").Count | Should -Be 4
    }
}

Describe 'Json: LlamaLog''s JSON lines' {
    BeforeAll {
        $script:Entries = Read-Fixture 'llamalog.jsonl'
    }

    It 'reads the record keys into fields' {
        $e = $Entries[0]
        $e.Format | Should -Be 'Json'
        $e.Category | Should -Be 'core'
        $e.Message | Should -BeExactly 'Listening on'
        $e.Level | Should -Be ([LlamaLog.LogLevel]::Info)
        $e.Name | Should -Be 'my_script'
        $e.Line | Should -Be 12
    }

    It 'reads the UTC timestamp with its microseconds' {
        $Entries[0].Time | Should -Be ([datetimeoffset]::new(2026, 5, 7, 15, 43, 12, [timespan]::Zero).AddTicks(3456780))
        $Entries[0].Time.Offset | Should -Be ([timespan]::Zero)
        $Entries[3].Time.Ticks % 10000000 | Should -Be 10
    }

    It 'keeps the other keys as properties, in their order' {
        @($Entries[0].Properties.Keys) | Should -Be @('host', 'port')
        $Entries[0].Properties['host'] | Should -BeExactly ''
    }

    It 'reads nested values, big integers and exponents' {
        $request = $Entries[2].Properties['request']
        $request['tags'] | Should -Be @('a', 'b')
        $request['big'] | Should -BeOfType [bigint]
        $request['ratio'] | Should -Be 1e-05
    }

    It 'reads escapes: line breaks, U+2028 and astral characters' {
        $Entries[2].Message | Should -BeExactly "café $([char]0x2028) $([char]::ConvertFromUtf32(0x1F999)) line`nbreak"
    }

    It 'reads the trace context' {
        $Entries[1].TraceId | Should -Be '4bf92f3577b34da6a3ce929d0e0e4736'
        $Entries[1].SpanId | Should -Be '00f067aa0ba902b7'
    }

    It 'keeps the structured exception as written' {
        $exception = $Entries[3].Exception
        $exception.Count | Should -Be 2
        $exception[0]['exc_type'] | Should -Be 'InvalidOperationException'
        $exception[0]['frames'][0]['name'] | Should -Be 'Invoke-Failing'
        $exception[1]['is_cause'] | Should -BeTrue
    }
}

Describe 'Json: OGX''s JSON lines' {
    BeforeAll {
        $script:Entries = Read-Fixture 'ogx.jsonl'
    }

    It 'reads OGX''s own records' {
        $Entries[0].Name | Should -Be 'ogx.cli.stack.run'
        $Entries[0].Category | Should -Be 'cli'
        $Entries[0].Line | Should -BeNullOrEmpty
        $Entries[0].Properties['port'] | Should -Be 8321
    }

    It 'reads "exc_info": true as the Exception' {
        $Entries[2].Exception | Should -BeTrue
        $Entries[2].Properties.Count | Should -Be 0
    }

    It 'reads another library''s record with its extra keys' {
        $Entries[3].Name | Should -Be 'uvicorn.error'
        $Entries[3].Category | Should -Be 'server'
        @($Entries[3].Properties.Keys) | Should -Be @('color_message')
        $Entries[3].Properties['color_message'] | Should -BeLike "*$([char]27)``[1m*"
    }

    It 'reads another library''s exc_info list as the Exception' {
        $Entries[4].Exception | Should -Be @("<class 'ValueError'>", "ValueError('boom')", '<traceback object at 0x7f3a2c1b5e40>')
        $Entries[4].Level | Should -Be 'Error'
    }

    It 'keeps a level name that is no Python level as a property' {
        $entry = '{"event": "x", "level": "trace", "timestamp": "2026-05-07T15:43:12Z"}' | ConvertFrom-LlamaLog
        $entry.Level | Should -Be $null
        $entry.Properties['level'] | Should -BeExactly 'trace'
    }

    It 'makes a line that does not parse an Unknown entry with its text' {
        $Entries[6].Format | Should -Be 'Unknown'
        $Entries[6].Message | Should -BeExactly '{"event": "truncated", "level": "info", "logger": "ogx.core'
        $Entries[6].Level | Should -Be $null
        $Entries[6].LineNumber | Should -Be 7
    }
}

Describe 'Structlog: OGX''s text line since 2026-03' {
    BeforeAll {
        $script:Entries = Read-Fixture 'ogx-structlog.log'
    }

    It 'reads OGX''s own record: time, level, logger:line, message, category and properties' {
        $e = $Entries[0]
        $e.Format | Should -Be 'Structlog'
        $e.Time | Should -Be ([datetimeoffset]::new(2026, 5, 7, 15, 43, 12, [timespan]::Zero).AddTicks(3456780))
        $e.Level | Should -Be 'Info'
        $e.Name | Should -Be 'ogx.cli.stack.run'
        $e.Line | Should -Be 152
        $e.Message | Should -BeExactly 'Listening on'
        $e.Category | Should -Be 'cli'
        @($e.Properties.Keys) | Should -Be @('host', 'port')
    }

    It 'reads exc_info=True as the Exception, not as a property' {
        $Entries[2].Exception | Should -BeTrue
        $Entries[2].Properties.Count | Should -Be 0
        $Entries[2].Category | Should -Be 'core::routers'
    }

    It 'reads another library''s record: message, [logger] and category' {
        $e = $Entries[3]
        $e.Message | Should -BeExactly 'Uvicorn running on http://0.0.0.0:8321 (Press CTRL+C to quit)'
        $e.Name | Should -Be 'uvicorn.error'
        $e.Line | Should -BeNullOrEmpty
        $e.Category | Should -Be 'server'
    }

    It 'reads the boxed Rich traceback after a record into its Exception, without colours' {
        $Entries[4].Message | Should -BeExactly 'Exception in ASGI application'
        $Entries[4].Exception | Should -BeLike '╭*Traceback (most recent call last)*ValueError: boom'
        $Entries[4].Exception | Should -Not -Match ([char]27)
    }

    It 'reads values in Python''s str() form' {
        $Entries[6].Properties['retry']['after'] | Should -Be 1.5
        $Entries[6].Properties['models'].Count | Should -Be 0
    }
}

Describe 'Console: Llama Stack''s Rich console (captured from Rich 13.3.1)' {
    It 'reads <Name>' -ForEach $ConsoleCases {
        $entries = @($Output.TrimEnd("`n") -split "`n" | ConvertFrom-LlamaLog)
        $entries.Count | Should -Be 1
        $e = $entries[0]
        $e.Format | Should -Be 'Console'
        $e.Level | Should -Be ([LlamaLog.LogLevel]$Level)
        $e.Name | Should -Be $Record.name
        $e.Line | Should -Be $Record.lineno
        $e.Category | Should -Be $Record.category
        $e.Time | Should -Be (Get-LocalTime ([datetime]::ParseExact($Record.asctime, 'yyyy-MM-dd HH:mm:ss,fff', [cultureinfo]::InvariantCulture)))
        # What the console showed: the message with its markup resolved, or literally when Rich refused the markup.
        $shown = try { ConvertFrom-LlamaLogMarkup $Text -ErrorAction Stop } catch { $Text }
        $e.Message | Should -BeExactly $shown
    }

    It 'reads a whole capture, with colours, into one entry per record' {
        (Read-Fixture 'llamastack-console-ansi.txt').Count | Should -Be 10
        (Read-Fixture 'llamastack-console.txt').Count | Should -Be 10
    }
}

Describe 'Console: LlamaLog''s host and standard error' {
    BeforeAll {
        $script:Plain = Read-Fixture 'llamalog-console.txt'
        $script:Colours = Read-Fixture 'llamalog-console-ansi.txt'
    }

    It 'reads the level column and the line' {
        $Plain[2].Level | Should -Be 'Warning'
        $Plain[2].Message | Should -BeExactly 'Disk almost full'
        $Plain[2].Category | Should -Be 'server'
    }

    It 'reads the indented later lines of a message' {
        $Plain[1].Message | Should -BeExactly "two lines:`nsecond line"
    }

    It 'reads the traceback panel and exception lines into Exception' {
        $lines = $Plain[3].Exception -split "`n"
        $lines[0] | Should -BeLike '╭*Traceback (most recent call last)*╮'
        $lines[-1] | Should -BeExactly 'System.IO.IOException: socket closed'
        $lines.Count | Should -Be 7
    }

    It 'reads the same records with colours' {
        $Colours.Count | Should -Be 5
        $Colours[0].Message | Should -BeExactly 'Listening on 0.0.0.0:8321'
        $Colours[3].Exception | Should -Not -Match ([char]27)
    }
}

Describe 'Console: OGX''s Rich console' {
    BeforeAll {
        $script:Entries = Read-Fixture 'ogx-console.txt'
    }

    It 'reads the structlog line after the level column, where Rich took [info] for a markup tag' {
        $Entries[0].Level | Should -Be 'Info'
        $Entries[0].Time | Should -Be ([datetimeoffset]::new(2026, 5, 7, 15, 43, 12, [timespan]::Zero).AddTicks(3456780))
        $Entries[0].Name | Should -Be 'ogx.cli.stack.run'
        $Entries[0].Message | Should -BeExactly 'Listening on'
        $Entries[0].Category | Should -Be 'cli'
    }

    It 'reads another library''s record, whose [logger] column Rich also took for a tag' {
        $Entries[1].Message | Should -BeExactly 'Uvicorn running on http://0.0.0.0:8321 (Press CTRL+C to quit)'
        $Entries[1].Category | Should -Be 'server'
    }

    It 'joins wrapped lines back before reading the pairs' {
        $Entries[2].Message | Should -BeExactly 'Model list empty after the startup probe of the remote endpoint'
        $Entries[2].Properties['retry']['max'] | Should -Be 3
    }
}

Describe 'Auto: the format decided per record' {
    It 'reads a file written by a server upgraded twice' {
        $entries = Read-Fixture 'mixed.log'
        $entries.Format | Should -Be @('Text', 'Text', 'Structlog', 'Json')
    }

    It 'with -Format Text, reads other formats'' lines as later lines of a record' {
        $entries = Read-Fixture 'mixed.log' -Format Text
        $entries.Count | Should -Be 2
        ($entries[1].Message -split "`n").Count | Should -Be 3
    }

    It 'with -Format Json, makes every other line an Unknown entry' {
        $entries = Read-Fixture 'mixed.log' -Format Json
        $entries.Format | Should -Be @('Unknown', 'Unknown', 'Unknown', 'Json')
    }
}

Describe 'No line is dropped' {
    It 'accounts for every line of <File> in the message and exception of an entry' -ForEach @(
        @{ File = 'llamalog-text.log' }, @{ File = 'llamastack-text.log' }, @{ File = 'llamalog-properties.log' }
        @{ File = 'ogx-structlog.log' }, @{ File = 'unknown.txt' }, @{ File = 'mixed.log' }
    ) {
        $lines = [System.IO.File]::ReadAllLines((Join-Path $Logs $File)).Count
        $read = 0
        foreach ($entry in Read-Fixture $File) {
            $read += ($entry.Message -split "`n").Count
            if ($entry.Exception -is [string]) { $read += ($entry.Exception -split "`n").Count }
        }
        $read | Should -Be $lines
    }
}

Describe 'Unknown lines' {
    It 'makes each line of an unrecognised file an entry with its raw text' {
        $entries = Read-Fixture 'unknown.txt'
        $entries.Count | Should -Be 4
        $entries.Format | Sort-Object -Unique | Should -Be 'Unknown'
        $entries.Message | Should -Be @('Usage: llama stack run [OPTIONS] CONFIG', '', '  Start the server.', 'Error: no such option --prot')
        $entries | Where-Object { $null -ne $_.Level -or $null -ne $_.Time } | Should -BeNullOrEmpty
    }

    It 'makes the lines before the first record Unknown entries and keeps the record' {
        $entries = @('starting...', "with colour $([char]27)[1mbold$([char]27)[0m", '2026-05-07 15:43:12,345 x:1 core: first') | ConvertFrom-LlamaLog
        $entries.Format | Should -Be @('Unknown', 'Unknown', 'Text')
        $entries[1].Message | Should -BeExactly "with colour $([char]27)[1mbold$([char]27)[0m"
    }
}
