# Issue 13: structured records. JSON lines with OGX's keys, properties on every record, the console and file formats.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'llamalog-structured'

    function Get-JsonRecords {
        # The records of the current (JSON) log file, as ordered dictionaries, keys in the order written.
        foreach ($line in [System.IO.File]::ReadAllLines($LogFile)) {
            ConvertFrom-Json -InputObject $line -AsHashtable -DateKind String
        }
    }

    function Get-JsonLine {
        # The last line of the current log file.
        @([System.IO.File]::ReadAllLines($LogFile))[-1]
    }

    function New-Record {
        # A record made directly, as the engine receives it.
        param([string] $Message = 'm', [object] $Exception = $null, [object] $Trace = $null, [object] $Properties = $null,
            [datetime] $Time = [datetime]::new(2026, 12, 4, 21, 0, 5, [DateTimeKind]::Utc))
        [LlamaLog.Engine.Records.LogRecord]::new($Time, 'bench', 7, 'core', 20, $Message, $true, $Exception, $Properties, $Trace)
    }

    function Format-Json([object] $Record) {
        $builder = [System.Text.StringBuilder]::new()
        [LlamaLog.Engine.Formatting.JsonRecordFormatter]::AppendObject($Record, $builder)
        $builder.ToString()
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{} -Console Host
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A JSON log file (-FileFormat Json)' {
    BeforeEach {
        Reset-Log -Levels @{ all = 'debug' } -FileFormat Json
    }

    It 'writes one JSON object per record, with OGX''s keys in OGX''s order and lineno after them' {
        Write-LlamaLog -Category core -Name app 'hello'
        @(@(Get-JsonRecords)[0].Keys) | Should -Be @('category', 'event', 'level', 'logger', 'timestamp', 'lineno')
    }

    It 'puts the properties, in their order, between category and event' {
        Write-LlamaLog -Category core 'hello' -Property ([ordered]@{ zeta = 1; alpha = 'a' })
        @(@(Get-JsonRecords)[0].Keys) | Should -Be @('category', 'zeta', 'alpha', 'event', 'level', 'logger', 'timestamp', 'lineno')
    }

    It 'encodes with Python''s json.dumps separators: '', '' and '': ''' {
        Write-LlamaLog -Category core -Name app 'hello' -Property ([ordered]@{ n = 1 })
        Get-JsonLine | Should -Match '^\{"category": "core", "n": 1, "event": "hello", "level": "info", "logger": "app", "timestamp": "[^"]+", "lineno": \d+\}$'
    }

    It 'writes the level in lowercase as structlog names it: <name>' -ForEach @(
        @{ Level = 'Debug'; Name = 'debug' }, @{ Level = 'Info'; Name = 'info' }, @{ Level = 'Warning'; Name = 'warning' },
        @{ Level = 'Error'; Name = 'error' }, @{ Level = 'Critical'; Name = 'critical' }
    ) {
        Write-LlamaLog -Category core -Level $Level 'x'
        @(Get-JsonRecords)[0].level | Should -BeExactly $Name
    }

    It 'writes the message as plain text, markup resolved as in the text file' {
        Write-LlamaLog -Category core 'Loaded [bold]3[/bold] providers'
        @(Get-JsonRecords)[0].event | Should -BeExactly 'Loaded 3 providers'
    }

    It 'keeps a message with line breaks on one line' {
        Write-LlamaLog -Category core "one`ntwo`r`nthree"
        @([System.IO.File]::ReadAllLines($LogFile)).Count | Should -Be 1
        # As in the text file, the plain text has no carriage returns (Rich drops them).
        @(Get-JsonRecords)[0].event | Should -BeExactly "one`ntwo`nthree"
    }

    It 'writes the caller''s line as lineno' {
        Write-LlamaLog -Category core 'where'; $line = (Get-PSCallStack)[0].ScriptLineNumber
        @(Get-JsonRecords)[0].lineno | Should -Be $line
    }

    It 'writes the logger name as logger' {
        $log = Get-LlamaLogger -Name 'ogx.core.server' -Category core
        $log.Info('x')
        @(Get-JsonRecords)[0].logger | Should -BeExactly 'ogx.core.server'
    }

    It 'writes the time in UTC, ISO 8601 with Z' {
        $before = [datetime]::UtcNow
        Write-LlamaLog -Category core 'when'
        $text = @(Get-JsonRecords)[0].timestamp
        $text | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$'
        $time = [datetime]::Parse($text, [cultureinfo]::InvariantCulture, 'AdjustToUniversal')
        ($time - $before).TotalSeconds | Should -BeGreaterOrEqual -1
        ($time - $before).TotalSeconds | Should -BeLessThan 60
    }

    It 'writes an exception in structlog''s dict_tracebacks shape' {
        try { throw [System.InvalidOperationException]::new('outer', [System.ArgumentException]::new('inner')) } catch { $_ | Write-LlamaLog -Category core }
        $exception = @(Get-JsonRecords)[0].exception
        $exception.Count | Should -Be 2
        @($exception[0].Keys) | Should -Be @('exc_type', 'exc_value', 'exc_notes', 'syntax_error', 'is_cause', 'frames', 'is_group', 'exceptions')
        $exception[0].exc_type | Should -BeExactly 'InvalidOperationException'
        $exception[0].exc_value | Should -BeExactly 'outer'
        $exception[0].is_cause | Should -BeFalse
        $exception[1].exc_type | Should -BeExactly 'ArgumentException'
        $exception[1].is_cause | Should -BeTrue
    }

    It 'writes the script stack trace as frames with filename, lineno and name, outermost call first' {
        function Invoke-Failing { throw 'deep' }
        try { Invoke-Failing } catch { $_ | Write-LlamaLog -Category core }
        $frames = @(Get-JsonRecords)[0].exception[0].frames
        @($frames[0].Keys) | Should -Be @('filename', 'lineno', 'name')
        $frames[-1].name | Should -BeExactly 'Invoke-Failing'
        $frames[-1].filename | Should -BeExactly (Join-Path $PSScriptRoot 'StructuredRecords.Tests.ps1')
        $frames[-1].lineno | Should -BeGreaterThan 0
    }

    It 'writes an aggregate exception as a group, each inner exception a trace of its own' {
        $aggregate = [System.AggregateException]::new([Exception[]]@([System.TimeoutException]::new('a'), [System.IO.IOException]::new('b', [System.FormatException]::new('c'))))
        Write-LlamaLog -Category core -Exception $aggregate
        $group = @(Get-JsonRecords)[0].exception[0]
        $group.is_group | Should -BeTrue
        $group.exceptions.Count | Should -Be 2
        $group.exceptions[0][0].exc_type | Should -BeExactly 'TimeoutException'
        $group.exceptions[1][0].exc_type | Should -BeExactly 'IOException'
        $group.exceptions[1][1].exc_type | Should -BeExactly 'FormatException'
        $group.exceptions[1][1].is_cause | Should -BeTrue
    }

    It 'writes its own notices (records dropped while the file could not be written) as JSON records' {
        $nested = Join-Path $Folder "json-fault/app.log"
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $nested -Console None -FileFormat Json
        Write-LlamaLog 'before'
        Remove-Item (Join-Path $Folder 'json-fault') -Recurse -Force
        Set-Content -Path (Join-Path $Folder 'json-fault') -Value 'in the way'
        1..10005 | ForEach-Object { Write-LlamaLog "held $_" -WarningAction SilentlyContinue }
        Remove-Item (Join-Path $Folder 'json-fault') -Force
        Write-LlamaLog 'after' -WarningAction SilentlyContinue
        $lines = [System.IO.File]::ReadAllLines($nested)
        $lines.Count | Should -Be 10002
        $notice = ConvertFrom-Json $lines[0] -AsHashtable
        $notice.event | Should -Match '^5 records were dropped'
        $notice.logger | Should -BeExactly 'LlamaLog'
        $notice.level | Should -BeExactly 'warning'
        (ConvertFrom-Json $lines[1]).event | Should -BeExactly 'held 6'
    }

    It 'writes lines that CPython''s json.loads and ConvertFrom-Json both read' {
        $log = Get-LlamaLogger -Name t -Category core
        $log.Info("tab`t quote`" back\ nul$([char]0) bell$([char]7) del$([char]0x7f) ls$([char]0x2028) é 😀", [ordered]@{ list = @(1, 'two', $null, $true); map = @{ k = 1.5 } })
        $lines = [System.IO.File]::ReadAllLines($LogFile)
        { $lines | ForEach-Object { ConvertFrom-Json $_ -DateKind String } } | Should -Not -Throw
        Test-PythonJson $lines | Should -BeNullOrEmpty
    }

    It 'keeps every line whole and valid when 4 processes write one file' {
        $shared = Join-Path $Folder 'shared.jsonl'
        $script = "Import-Module '$env:LLAMALOG_TEST_MODULE'; Initialize-LlamaLog -LogFile '$shared' -Console None -FileFormat Json; " +
            '$log = Get-LlamaLogger -Name ("p" + $PID) -Category core; for ($i = 0; $i -lt 2000; $i++) { $log.Info("record $i " + ("x" * ($i % 300)), @{ i = $i }) }'
        $processes = 1..4 | ForEach-Object { Start-PwshProcess $script }
        $processes | Wait-Process -Timeout 120
        $lines = [System.IO.File]::ReadAllLines($shared)
        $lines.Count | Should -Be 8000
        Test-PythonJson $lines | Should -BeNullOrEmpty
        $records = $lines | ForEach-Object { ConvertFrom-Json $_ }
        ($records | Group-Object logger | ForEach-Object { ($_.Group.i -join ',') -eq ((0..1999) -join ',') }) | Should -Not -Contain $false
    }
}

Describe 'The JSON record formatter' {
    It 'writes the timestamp without microseconds when they are zero, as Python''s isoformat does' {
        Format-Json (New-Record) | Should -Match '"timestamp": "2026-12-04T21:00:05Z"'
    }

    It 'writes six digits of microseconds when there are some' {
        $time = [datetime]::new(2026, 12, 4, 21, 0, 5, [DateTimeKind]::Utc).AddTicks(1234560)
        Format-Json (New-Record -Time $time) | Should -Match '"timestamp": "2026-12-04T21:00:05.123456Z"'
    }

    It 'converts a local time to UTC' {
        $utc = [datetime]::new(2026, 12, 4, 21, 0, 5, [DateTimeKind]::Utc)
        Format-Json (New-Record -Time $utc.ToLocalTime()) | Should -Match '"timestamp": "2026-12-04T21:00:05Z"'
    }

    It 'writes trace_id and span_id after lineno when the record has a trace context' {
        $trace = [LlamaLog.Engine.Records.TraceContext]::new('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 1, $null)
        Format-Json (New-Record -Trace $trace) | Should -Match '"lineno": 7, "trace_id": "0af7651916cd43dd8448eb211c80319c", "span_id": "b7ad6b7169203331"\}$'
    }

    It 'writes no trace keys without a trace context' {
        Format-Json (New-Record) | Should -Not -Match 'trace_id|span_id'
    }
}

Describe 'Properties in the text file and on the Rich console' {
    BeforeEach {
        Reset-Log -Levels @{ all = 'debug' }
    }

    It 'follow the message after three spaces as key=value pairs sorted by key' {
        Write-LlamaLog -Category core 'Listening on' -Property ([ordered]@{ port = 8321; host = '' })
        (Get-Records)[0].Message | Should -BeExactly 'Listening on   host= port=8321'
    }

    It 'are written as Python''s str() writes them: <expected>' -ForEach @(
        @{ Value = $null; Expected = 'v=None' }
        @{ Value = $true; Expected = 'v=True' }
        @{ Value = 'text'; Expected = 'v=text' }
        @{ Value = 42; Expected = 'v=42' }
        @{ Value = 1.5; Expected = 'v=1.5' }
        @{ Value = @('a', 1); Expected = "v=['a', 1]" }
        @{ Value = [ordered]@{ k = 'v' }; Expected = "v={'k': 'v'}" }
    ) {
        Write-LlamaLog -Category core 'm' -Property @{ v = $Value }
        (Get-Records)[0].Message | Should -BeExactly "m   $Expected"
    }

    It 'leave a record without properties byte for byte as before' {
        Write-LlamaLog -Category core -Name app 'plain'
        $line = [System.IO.File]::ReadAllLines($LogFile)[0]
        $line | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} app:\d+ core: plain$'
    }

    It 'follow the message on the Rich console too, never read as markup' {
        Initialize-LlamaLog -CategoryLevel @{} -Console Host -ConsoleFormat Rich -Width 200
        $shown = Write-LlamaLog -Category core 'up' -Property @{ tag = '[bold]x[/bold]' } 6>&1
        (Remove-Ansi "$shown") | Should -Match ([regex]::Escape('up   tag=[bold]x[/bold]'))
    }

    It 'are refused, with nothing written, when a key is the record''s own: <key>' -ForEach @(
        'category', 'event', 'level', 'logger', 'timestamp', 'lineno', 'trace_id', 'span_id', 'exception' | ForEach-Object { @{ Key = $_ } }
    ) {
        $properties = @{ $Key = 1 }
        $failure = { Write-LlamaLog -Category core 'refused' -Property $properties } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'ReservedPropertyName,*'
        $failure.Exception.Message | Should -Match "'$Key'"
        Get-Records | Should -BeNullOrEmpty
    }

    It 'are refused for a reserved key even when the record is filtered out' {
        { Write-LlamaLog -Category core -Level Debug 'x' -Property @{ event = 1 } } | Should -Throw -ErrorId 'ReservedPropertyName*'
    }

    It 'are copied when the record is made: a later change of the dictionary changes nothing' {
        Reset-Log -FileFormat Json
        $properties = [ordered]@{ list = [System.Collections.ArrayList]@(1) }
        Write-LlamaLog -Category core 'm' -Property $properties
        $properties.list.Add(2)
        @(Get-JsonRecords)[0].list | Should -Be @(1)
    }
}

Describe 'Logger properties' {
    BeforeEach {
        Reset-Log -Levels @{ all = 'debug' } -FileFormat Json
        $script:Log = Get-LlamaLogger -Name svc -Category core
    }

    It 'takes a properties argument at every level: <method>' -ForEach @('Debug', 'Info', 'Warning', 'Error', 'Critical' | ForEach-Object { @{ Method = $_ } }) {
        $Log.$Method('m', @{ k = 'v' })
        @(Get-JsonRecords)[0].k | Should -BeExactly 'v'
    }

    It 'takes a properties argument with Log and Exception' {
        $Log.Log('Warning', 'a', @{ k = 1 })
        $Log.Exception([System.Exception]::new('boom'), 'b', @{ k = 2 })
        (Get-JsonRecords).k | Should -Be @(1, 2)
    }

    It 'adds bound properties to every record (With)' {
        $bound = $Log.With(@{ request = 'r1' })
        $bound.Info('one')
        $bound.Info('two')
        (Get-JsonRecords).request | Should -Be @('r1', 'r1')
    }

    It 'lets the call''s own properties win over bound ones, in the bound key''s place' {
        $Log.With([ordered]@{ a = 1; b = 2 }).Info('m', [ordered]@{ c = 3; a = 9 })
        $record = @(Get-JsonRecords)[0]
        @($record.Keys) | Should -Be @('category', 'a', 'b', 'c', 'event', 'level', 'logger', 'timestamp', 'lineno')
        $record.a | Should -Be 9
    }

    It 'chains With, the later binding winning' {
        $Log.With(@{ a = 1 }).With(@{ a = 2; b = 3 }).Info('m')
        $record = @(Get-JsonRecords)[0]
        $record.a | Should -Be 2
        $record.b | Should -Be 3
    }

    It 'leaves the original logger without the bound properties' {
        $null = $Log.With(@{ a = 1 })
        $Log.Info('m')
        @(Get-JsonRecords)[0].Keys | Should -Not -Contain 'a'
    }

    It 'refuses a reserved key in With' {
        { $Log.With(@{ level = 1 }) } | Should -Throw '*''level''*'
    }

    It 'refuses a reserved key in a call, whatever the level' {
        Set-LlamaLogLevel -Category core -Level Error
        { $Log.Debug('m', @{ logger = 1 }) } | Should -Throw '*''logger''*'
    }
}

Describe 'The console format' {
    It 'is Rich by default' {
        Invoke-Pwsh '(Get-LlamaLogSetting).ConsoleFormat; (Get-LlamaLogSetting).ConsoleFormatSource' | Should -Be @('Rich', 'Default')
    }

    It 'is JSON with OGX_LOG_FORMAT=json, read at import' {
        Invoke-Pwsh '(Get-LlamaLogSetting).ConsoleFormat; (Get-LlamaLogSetting).ConsoleFormatSource' @{ OGX_LOG_FORMAT = 'json' } | Should -Be @('Json', 'OGX_LOG_FORMAT')
    }

    It 'is JSON with LLAMA_STACK_LOG_FORMAT=JSON (any case), which wins over OGX_LOG_FORMAT' {
        Invoke-Pwsh '(Get-LlamaLogSetting).ConsoleFormat; (Get-LlamaLogSetting).ConsoleFormatSource' @{ LLAMA_STACK_LOG_FORMAT = 'JSON'; OGX_LOG_FORMAT = 'text' } |
            Should -Be @('Json', 'LLAMA_STACK_LOG_FORMAT')
    }

    It 'stays Rich for any other value of the variable' {
        Invoke-Pwsh '(Get-LlamaLogSetting).ConsoleFormat' @{ OGX_LOG_FORMAT = 'jsonl' } | Should -Be 'Rich'
    }

    It 'is read again by Initialize-LlamaLog' {
        Invoke-Pwsh '$env:OGX_LOG_FORMAT = "json"; Initialize-LlamaLog; (Get-LlamaLogSetting).ConsoleFormat' | Should -Be 'Json'
    }

    It 'leaves the file as it is: the variable changes only the console' {
        Invoke-Pwsh '(Get-LlamaLogSetting).FileFormat; (Get-LlamaLogSetting).FileFormatSource' @{ OGX_LOG_FORMAT = 'json' } | Should -Be @('Text', 'Default')
    }

    It 'writes JSON lines to the host with -ConsoleFormat Json, one line per record' {
        Initialize-LlamaLog -CategoryLevel @{} -Console Host -ConsoleFormat Json
        $shown = @(Write-LlamaLog -Category core -Name app "two`nlines" 6>&1)
        $shown.Count | Should -Be 1
        (ConvertFrom-Json "$shown").event | Should -BeExactly "two`nlines"
    }

    It 'writes JSON lines to standard error with -Console Stderr -ConsoleFormat Json' {
        $output = Invoke-Pwsh 'Initialize-LlamaLog -Console Stderr -ConsoleFormat Json; Write-LlamaLog -Category core -Name app "to stderr"'
        (ConvertFrom-Json ("$output".Trim())).event | Should -BeExactly 'to stderr'
    }

    It 'gives a parameter precedence over the variable, and says so' {
        Invoke-Pwsh 'Initialize-LlamaLog -ConsoleFormat Rich; (Get-LlamaLogSetting).ConsoleFormatSource' @{ OGX_LOG_FORMAT = 'json' } | Should -Be '-ConsoleFormat'
    }

    It 'shows the file format and its source in Get-LlamaLogSetting' {
        Reset-Log -FileFormat Json
        $settings = Get-LlamaLogSetting
        $settings.FileFormat | Should -Be 'Json'
        $settings.FileFormatSource | Should -Be '-FileFormat'
    }
}
