# OTLP export against a real receiver (the Aspire dashboard): what arrives, over both protocols, and what happens
# when the receiver cannot keep up or cannot be reached.
BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Dashboard = Start-OtlpDashboard
    # Nothing listens on port 9 (discard) of the loopback interface: connections are refused.
    $script:Unreachable = 'http://127.0.0.1:9'

    function New-TestService { "otlp-test-$([guid]::NewGuid().ToString('n').Substring(0, 12))" }

    function New-TestSink {
        # An OTLP sink of the engine, as Initialize-LlamaLog builds it, with a fake environment.
        param([string] $Endpoint = $Dashboard.HttpUrl, [string] $Protocol, [hashtable] $Environment = @{}, [string] $RetryPath)
        $given = [LlamaLog.Engine.Otlp.OtlpParameters]::new()
        $given.Endpoint = $Endpoint
        if ($Protocol) { $given.Protocol = $Protocol }
        if ($RetryPath) { $given.RetryPath = $RetryPath }
        $warnings = [System.Collections.Generic.List[string]]::new()
        $read = [Func[string, string]] { param($name) $Environment[$name] }.GetNewClosure()
        $options = [LlamaLog.Engine.Otlp.OtlpOptions]::Resolve($given, $read, $warnings)
        [LlamaLog.Engine.Otlp.OtlpSink]::new($options, [LlamaLog.Engine.Isolation.OtlpIsolation]::Start($options))
    }

    function New-TestRecord {
        param([string] $Message, [int] $Level = 20, [string] $Name = 'otlp_test', [string] $Category = 'core', [int] $Line = 7,
            [switch] $Markup, [LlamaLog.Engine.Output.ExceptionDetails] $Exception, [datetime] $Time = [datetime]::Now)
        [LlamaLog.Engine.Output.LogRecord]::new($Time, $Name, $Line, $Category, $Level, $Message, [bool]$Markup, $Exception)
    }

    function Get-UnixNano([datetime] $Time) {
        ([decimal]($Time.ToUniversalTime().Ticks - [datetime]::UnixEpoch.Ticks)) * 100
    }
}

AfterAll {
    Stop-OtlpDashboard $Dashboard
}

Describe 'A record exported over <_>' -ForEach @('HttpProtobuf', 'Grpc') {
    BeforeAll {
        $script:Service = New-TestService
        $endpoint = $_ -eq 'Grpc' ? $Dashboard.GrpcUrl : $Dashboard.HttpUrl
        $sink = New-TestSink -Endpoint $endpoint -Protocol $_ -Environment @{ OTEL_SERVICE_NAME = $Service; OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment=test,team=ops' }
        $script:Time = [datetime]::new(2026, 1, 2, 3, 4, 5, 678, [System.DateTimeKind]::Local).AddTicks(1234)
        $script:Levels = @{ 10 = 5; 20 = 9; 30 = 13; 40 = 17; 50 = 21 }
        foreach ($level in 10, 20, 30, 40, 50) {
            $null = $sink.Emit((New-TestRecord "level $level" -Level $level -Time $Time), $null)
        }
        $null = $sink.Emit((New-TestRecord 'Loaded [bold]3[/bold] providers' -Markup -Name 'ogx.core.server' -Category 'core::routers' -Line 42), $null)
        $details = [LlamaLog.Engine.Output.ExceptionDetails]::From([System.InvalidOperationException]::new('outer', [System.IO.IOException]::new('inner')), "at <ScriptBlock>, /x.ps1: line 3")
        $null = $sink.Emit((New-TestRecord 'it failed' -Level 40 -Exception $details), $null)
        $trace = [LlamaLog.Engine.Records.TraceContext]::new('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 1, 'congo=t61')
        $null = $sink.Emit((New-TestRecord 'traced'), $trace)
        $script:Flushed = $sink.Flush([TimeSpan]::FromSeconds(20))
        $script:Exported = $sink.Exported
        $sink.Dispose()
        $script:Records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 8)
        function Get-Record([string] $Body) { $Records | Where-Object Body -EQ $Body }
    }

    It 'arrives, every one' {
        $Flushed | Should -BeTrue
        $Exported | Should -Be 8
        $Records.Count | Should -Be 8
    }

    It 'has the severity number of its level (DEBUG 5, INFO 9, WARNING 13, ERROR 17, CRITICAL 21)' {
        foreach ($level in 10, 20, 30, 40, 50) {
            (Get-Record "level $level").SeverityNumber | Should -Be $Levels[$level]
        }
    }

    It 'has the SDK''s severity text for the level' {
        (Get-Record 'level 30').SeverityText | Should -Be 'Warning'
    }

    It 'has the record''s own time, to the tick' {
        (Get-Record 'level 20').TimeUnixNano | Should -Be (Get-UnixNano $Time)
    }

    It 'has the message as plain text, markup resolved, as its body' {
        Get-Record 'Loaded 3 providers' | Should -Not -BeNullOrEmpty
    }

    It 'has the logger name as its instrumentation scope' {
        (Get-Record 'Loaded 3 providers').Scope | Should -Be 'ogx.core.server'
    }

    It 'has the category and the caller''s line as attributes' {
        $record = Get-Record 'Loaded 3 providers'
        $record.Attributes['category'] | Should -Be 'core::routers'
        $record.Attributes['code.line.number'] | Should -Be '42'
    }

    It 'has the exception''s type, message and stack trace as attributes' {
        $record = Get-Record 'it failed'
        $record.Attributes['exception.type'] | Should -Be 'System.InvalidOperationException'
        $record.Attributes['exception.message'] | Should -Be 'outer'
        $record.Attributes['exception.stacktrace'] | Should -Be ("Traceback (most recent call last):`n  at <ScriptBlock>, /x.ps1: line 3`nSystem.InvalidOperationException: outer`nCaused by (inner exception):`nSystem.IO.IOException: inner")
    }

    It 'has the trace id, span id and flags of its trace context' {
        $record = Get-Record 'traced'
        $record.TraceId | Should -Be '0af7651916cd43dd8448eb211c80319c'
        $record.SpanId | Should -Be 'b7ad6b7169203331'
        $record.Flags | Should -Be 1
    }

    It 'has no trace id without a trace context' {
        (Get-Record 'level 20').TraceId | Should -BeNullOrEmpty
    }

    It 'has the resource: service.name, OTEL_RESOURCE_ATTRIBUTES and process.pid' {
        $resource = (Get-Record 'level 20').Resource
        $resource['service.name'] | Should -Be $Service
        $resource['deployment.environment'] | Should -Be 'test'
        $resource['team'] | Should -Be 'ops'
        $resource['process.pid'] | Should -Be "$PID"
    }
}

Describe 'A burst of 20,000 records' {
    It 'arrives whole with the default queue' {
        $service = New-TestService
        $sink = New-TestSink -Environment @{ OTEL_SERVICE_NAME = $service }
        $record = New-TestRecord 'burst'
        for ($i = 0; $i -lt 20000; $i++) { $null = $sink.Emit($record, $null) }
        $null = $sink.Flush([TimeSpan]::FromSeconds(30))
        $sink.Dropped | Should -Be 0
        $sink.Dispose()
        @(Wait-OtlpDashboardLog $Dashboard $service -Count 20000).Count | Should -Be 20000
    }
}

Describe 'A full queue' {
    BeforeAll {
        # The receiver cannot be reached, and each export is retried for 3 s: LlamaLog's queue (50) and the SDK's
        # (50) fill and stay full until the first export gives up. Filled record by record, nothing is dropped.
        $script:Sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_BLRP_MAX_QUEUE_SIZE = '50'; OTEL_BLRP_MAX_EXPORT_BATCH_SIZE = '50'; OTEL_EXPORTER_OTLP_TIMEOUT = '3000' }
        $record = New-TestRecord 'overflow'
        while ($Sink.Queued -lt 100) { $null = $Sink.Emit($record, $null); Start-Sleep -Milliseconds 1 }
        $emitted = for ($i = 0; $i -lt 10; $i++) { $Sink.Emit($record, $null) }
        $script:Notices = @($emitted | Where-Object { $_ })
        $script:Dropped = $Sink.Dropped
    }

    AfterAll { $Sink.Dispose() }

    It 'drops the records that do not fit, and counts them' {
        $Dropped | Should -Be 10
    }

    It 'says so once, when the drops start' {
        $Notices.Count | Should -Be 1
        $Notices[0] | Should -BeExactly 'OTLP export lost records: 1 dropped because the export queue (50 records, OTEL_BLRP_MAX_QUEUE_SIZE) was full. Get-LlamaLogSetting shows the counts.'
    }

    It 'tells the rest of the run with the next record that fits' {
        $null = $Sink.Flush([TimeSpan]::FromSeconds(15))
        $notice = $Sink.Emit((New-TestRecord 'after'), $null)
        $notice | Should -Match '^OTLP export lost records: 9 dropped because the export queue \(50 records, OTEL_BLRP_MAX_QUEUE_SIZE\) was full; 100 not accepted by http://127.0.0.1:9/v1/logs after retries'
    }
}

Describe 'An unreachable receiver' {
    It 'never holds up the writer: a record is only queued' {
        # Each export attempt is retried for up to a minute: had writing waited for one, the loop could not have
        # ended with nothing lost yet. (The sink is left to the end of the process: its flush would wait that minute.)
        $sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_EXPORTER_OTLP_TIMEOUT = '60000' }
        for ($i = 0; $i -lt 100; $i++) { $null = $sink.Emit((New-TestRecord 'nowhere'), $null) }
        $sink.Exported | Should -Be 0
        $sink.Dropped | Should -Be 0
        $sink.Queued | Should -Be 100
    }

    It 'loses what the exporter gives up on, counted and told' {
        $sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_EXPORTER_OTLP_TIMEOUT = '500' }
        for ($i = 0; $i -lt 10; $i++) { $null = $sink.Emit((New-TestRecord 'lost'), $null) }
        $sink.Flush([TimeSpan]::FromSeconds(10)) | Should -BeTrue
        $sink.Dropped | Should -Be 10
        $sink.Emit((New-TestRecord 'next'), $null) | Should -Match "^OTLP export lost records: 10 not accepted by http://127.0.0.1:9/v1/logs after retries \(-OtlpRetryPath keeps"
        $sink.Dispose()
    }
}
