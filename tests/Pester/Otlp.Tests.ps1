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
            [switch] $Markup, [LlamaLog.Engine.Records.ExceptionDetails] $Exception, [datetime] $Time = [datetime]::Now,
            [System.Collections.Generic.KeyValuePair[string, object][]] $Properties, [LlamaLog.Engine.Records.TraceContext] $Trace)
        [LlamaLog.Engine.Records.LogRecord]::new($Time, $Name, $Line, $Category, $Level, $Message, [bool]$Markup, $Exception, $Properties, $Trace)
    }

    function Get-UnixNano([datetime] $Time) {
        ([decimal]($Time.ToUniversalTime().Ticks - [datetime]::UnixEpoch.Ticks)) * 100
    }
}

AfterAll {
    Stop-OtlpDashboard $Dashboard
}

Describe 'A record written over <_>' -ForEach @('HttpProtobuf', 'Grpc') {
    BeforeAll {
        $script:Service = New-TestService
        $endpoint = $_ -eq 'Grpc' ? $Dashboard.GrpcUrl : $Dashboard.HttpUrl
        $env:OTEL_SERVICE_NAME = $Service
        $env:OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment=test,team=ops'
        try {
            Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -Console None -OtlpEndpoint $endpoint -OtlpProtocol $_ -TraceParent '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
        }
        finally {
            Remove-Item Env:OTEL_SERVICE_NAME, Env:OTEL_RESOURCE_ATTRIBUTES
        }
        foreach ($level in 'Debug', 'Info', 'Warning', 'Error', 'Critical') {
            Write-LlamaLog -Category core -Level $level "level $level"
        }
        $script:MarkupLine = (Get-PSCallStack)[0].ScriptLineNumber; Write-LlamaLog -Category core 'Loaded [bold]3[/bold] providers'
        Write-LlamaLog -Category core 'with properties' -Property ([ordered]@{ host = 'h1'; port = 8321; ratio = 0.5; ok = $true; tags = @('a', 'b'); nested = @{ k = 'v' } })
        $log = Get-LlamaLogger -Name ogx.core.server -Category core
        $log.Info('from a logger', [ordered]@{ request = 'r-1' })
        try { throw [System.InvalidOperationException]::new('outer', [System.IO.IOException]::new('inner')) } catch { $_ | Write-LlamaLog -Category core }
        $activity = [System.Diagnostics.Activity]::new('otlp-test').Start()
        $script:ActivityTrace = $activity.TraceId.ToHexString()
        $script:ActivitySpan = $activity.SpanId.ToHexString()
        Write-LlamaLog -Category core 'in an activity'
        $log.Info('logger in an activity')
        $activity.Stop()
        # A new setup retires the exporter, delivering what it holds.
        Initialize-LlamaLog -Console None
        $script:Records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 11)
        function Get-Record([string] $Body) { $Records | Where-Object Body -EQ $Body }
    }

    It 'arrives, every one, once' {
        $Records.Count | Should -Be 11
    }

    It 'has the severity number of its level (DEBUG 5, INFO 9, WARNING 13, ERROR 17, CRITICAL 21)' {
        @('Debug', 'Info', 'Warning', 'Error', 'Critical' | ForEach-Object { (Get-Record "level $_").SeverityNumber }) | Should -Be @(5, 9, 13, 17, 21)
    }

    It 'has the SDK''s severity text for the level' {
        (Get-Record 'level Warning').SeverityText | Should -Be 'Warning'
    }

    It 'has the message as plain text, markup resolved, as its body' {
        Get-Record 'Loaded 3 providers' | Should -Not -BeNullOrEmpty
    }

    It 'has the logger name as its instrumentation scope' {
        (Get-Record 'from a logger').Scope | Should -Be 'ogx.core.server'
    }

    It 'has the category and the caller''s line as attributes' {
        $record = Get-Record 'Loaded 3 providers'
        $record.Attributes['category'] | Should -Be 'core'
        $record.Attributes['code.line.number'] | Should -Be "$MarkupLine"
    }

    It 'has the record''s properties as attributes, in order' {
        $record = Get-Record 'with properties'
        # aspire.log_id is the dashboard's own.
        @($record.Attributes.Keys | Where-Object { $_ -ne 'aspire.log_id' }) | Should -Be @('category', 'host', 'port', 'ratio', 'ok', 'tags', 'nested', 'code.line.number')
        $record.Attributes['host'] | Should -Be 'h1'
        $record.Attributes['port'] | Should -Be '8321'
        $record.Attributes['ok'] | Should -Be 'true'
        $record.Attributes['nested'] | Should -Be '{k: v}'
        (Get-Record 'from a logger').Attributes['request'] | Should -Be 'r-1'
    }

    It 'has the exception''s type, message and stack trace as attributes' {
        $record = Get-Record 'outer'
        $record.Attributes['exception.type'] | Should -Be 'System.InvalidOperationException'
        $record.Attributes['exception.message'] | Should -Be 'outer'
        $record.Attributes['exception.stacktrace'] | Should -Match 'Traceback \(most recent call last\):(.|\n)*System\.InvalidOperationException: outer(.|\n)*System\.IO\.IOException: inner'
    }

    It 'has the current activity''s trace id, span id and flags, from Write-LlamaLog and loggers alike' {
        foreach ($body in 'in an activity', 'logger in an activity') {
            $record = Get-Record $body
            $record.TraceId | Should -Be $ActivityTrace
            $record.SpanId | Should -Be $ActivitySpan
        }
    }

    It 'has the -TraceParent context when no activity is current' {
        $record = Get-Record 'level Info'
        $record.TraceId | Should -Be '4bf92f3577b34da6a3ce929d0e0e4736'
        $record.SpanId | Should -Be '00f067aa0ba902b7'
        $record.Flags | Should -Be 1
    }

    It 'has the resource: service.name, OTEL_RESOURCE_ATTRIBUTES and process.pid' {
        $resource = (Get-Record 'level Info').Resource
        $resource['service.name'] | Should -Be $Service
        $resource['deployment.environment'] | Should -Be 'test'
        $resource['team'] | Should -Be 'ops'
        $resource['process.pid'] | Should -Be "$PID"
    }
}

Describe 'A record made by the engine' {
    It 'is exported with its own time, to the tick' {
        $service = New-TestService
        $sink = New-TestSink -Environment @{ OTEL_SERVICE_NAME = $service }
        $time = [datetime]::new(2026, 1, 2, 3, 4, 5, 678, [System.DateTimeKind]::Local).AddTicks(1234)
        $null = $sink.Emit((New-TestRecord 'timed' -Time $time))
        $sink.Dispose()
        (Wait-OtlpDashboardLog $Dashboard $service -Count 1).TimeUnixNano | Should -Be (Get-UnixNano $time)
    }
}

Describe 'A burst of 20,000 records' {
    It 'arrives whole with the default queue' {
        $service = New-TestService
        $sink = New-TestSink -Environment @{ OTEL_SERVICE_NAME = $service }
        $record = New-TestRecord 'burst'
        for ($i = 0; $i -lt 20000; $i++) { $null = $sink.Emit($record) }
        $null = $sink.TryFlush([TimeSpan]::FromSeconds(30))
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
        while ($Sink.Queued -lt 100) { $null = $Sink.Emit($record); Start-Sleep -Milliseconds 1 }
        $emitted = for ($i = 0; $i -lt 10; $i++) { $Sink.Emit($record) }
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
        $null = $Sink.TryFlush([TimeSpan]::FromSeconds(15))
        $notice = $Sink.Emit((New-TestRecord 'after'))
        $notice | Should -Match '^OTLP export lost records: 9 dropped because the export queue \(50 records, OTEL_BLRP_MAX_QUEUE_SIZE\) was full; 100 not accepted by http://127.0.0.1:9/v1/logs after retries'
    }
}

Describe 'An unreachable receiver' {
    It 'never holds up the writer: a record is only queued' {
        # Each export attempt is retried for up to a minute: had writing waited for one, the loop could not have
        # ended with nothing lost yet. (The sink is left to the end of the process: its flush would wait that minute.)
        $sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_EXPORTER_OTLP_TIMEOUT = '60000' }
        for ($i = 0; $i -lt 100; $i++) { $null = $sink.Emit((New-TestRecord 'nowhere')) }
        $sink.Exported | Should -Be 0
        $sink.Dropped | Should -Be 0
        $sink.Queued | Should -Be 100
    }

    It 'loses what the exporter gives up on, counted and told' {
        $sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_EXPORTER_OTLP_TIMEOUT = '500' }
        for ($i = 0; $i -lt 10; $i++) { $null = $sink.Emit((New-TestRecord 'lost')) }
        $sink.TryFlush([TimeSpan]::FromSeconds(10)) | Should -BeTrue
        $sink.Dropped | Should -Be 10
        $sink.Emit((New-TestRecord 'next')) | Should -Match "^OTLP export lost records: 10 not accepted by http://127.0.0.1:9/v1/logs after retries \(-OtlpRetryPath keeps"
        $sink.Dispose()
    }
}
