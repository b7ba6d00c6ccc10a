# OTLP export against a real receiver (the Aspire dashboard, one for the file): what arrives, over both
# protocols; what happens when the receiver cannot keep up, cannot be reached, or stops for 5 s mid-run; many
# writers; the end of a process. The receiver's outage runs first (in BeforeAll), with two writer processes; the
# one with a retry folder is checked last, as the SDK's disk retry sends a minute after the exporter starts.
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

    $script:Folder = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-otlp-delivery-$([guid]::NewGuid())")
    $script:Children = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

    function Start-Child {
        # Starts pwsh on a script file with arguments and extra environment variables.
        param([string] $Script, [string[]] $Arguments, [hashtable] $Environment = @{})
        $start = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $Script) + $Arguments) { $start.ArgumentList.Add($a) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        foreach ($key in $Environment.Keys) { $start.Environment[$key] = $Environment[$key] }
        $process = [System.Diagnostics.Process]::Start($start)
        $Children.Add($process)
        # Read both streams as they come, so a full pipe never blocks the child.
        [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
    }

    function Wait-Child {
        # The child's exit code and output lines; a child still running after -TimeoutSeconds is a failure.
        param($Child, [int] $TimeoutSeconds = 60)
        if (-not $Child.Process.WaitForExit($TimeoutSeconds * 1000)) {
            $Child.Process.Kill()
            throw "The child process did not end within $TimeoutSeconds s."
        }
        [pscustomobject]@{ ExitCode = $Child.Process.ExitCode; Output = @($Child.Output.Result -split "`r?`n" | Where-Object { $_ }); Errors = $Child.Errors.Result }
    }

    # Writes 200 records, delivers them and says so (-Ready), waits for the -Go file, then writes 1,500 more, 5 ms
    # apart, and prints its counts. With -Sentinel it stays running until that file exists: the SDK's disk retry
    # sends from a running process.
    $script:Writer = Join-Path $Folder 'writer.ps1'
    Set-Content -Path $Writer -Value @'
param([string] $Endpoint, [string] $Service, [string] $Ready, [string] $Go, [string] $RetryPath, [string] $Sentinel)
$ErrorActionPreference = 'Stop'
Import-Module $env:LLAMALOG_TEST_MODULE
$env:OTEL_SERVICE_NAME = $Service
$setup = @{ Console = 'None'; OtlpEndpoint = $Endpoint }
if ($RetryPath) { $setup.OtlpRetryPath = $RetryPath }
Initialize-LlamaLog @setup
$lost = @()
for ($i = 0; $i -lt 200; $i++) { Write-LlamaLog -Category core "before $i" }
# Remove-Module delivers what is queued and keeps the exporter (and its counts, which the next import shows).
Remove-Module LlamaLog
Import-Module $env:LLAMALOG_TEST_MODULE
$null = New-Item -ItemType File -Path $Ready
while (-not (Test-Path $Go)) { Start-Sleep -Milliseconds 20 }
for ($i = 0; $i -lt 1500; $i++) {
    Write-LlamaLog -Category core "during $i" -WarningAction SilentlyContinue -WarningVariable +lost
    Start-Sleep -Milliseconds 5
}
Remove-Module LlamaLog
Import-Module $env:LLAMALOG_TEST_MODULE
$s = Get-LlamaLogSetting
"exported=$($s.OtlpExported) dropped=$($s.OtlpDropped) queued=$($s.OtlpQueued)"
$lost | Where-Object { "$_" -like 'OTLP export lost records:*' } | ForEach-Object { "warning: $_" }
if ($Sentinel) { while (-not (Test-Path $Sentinel)) { Start-Sleep -Milliseconds 200 } }
'@

    # Two writers, one with a retry folder and one without (whose exports give up after 1.5 s), deliver 200
    # records each; then the receiver stops for 5 s while they write 1,500 more. A restarted dashboard has
    # forgotten what it held, so the first 200 are counted before it stops.
    $script:OutageCount = 1700
    $script:RetryService = "retry-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:LossService = "loss-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:Sentinel = Join-Path $Folder 'retry-done'
    $go = Join-Path $Folder 'go'
    $ready = @((Join-Path $Folder 'retry-ready'), (Join-Path $Folder 'loss-ready'))
    $timeout = @{ OTEL_EXPORTER_OTLP_TIMEOUT = '1500' }
    $script:RetryWriter = Start-Child $Writer @($Dashboard.HttpUrl, $RetryService, $ready[0], $go, (Join-Path $Folder 'retry-store'), $Sentinel) $timeout
    $script:LossWriter = Start-Child $Writer @($Dashboard.HttpUrl, $LossService, $ready[1], $go, '', '') $timeout
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while (@($ready | Where-Object { -not (Test-Path $_) }).Count -gt 0) {
        if ([DateTime]::UtcNow -gt $deadline) { throw 'The writers did not get ready.' }
        Start-Sleep -Milliseconds 100
    }
    $script:RetryBefore = @(Get-OtlpDashboardLog $Dashboard $RetryService).Count
    $script:LossBefore = @(Get-OtlpDashboardLog $Dashboard $LossService).Count
    Stop-OtlpDashboard $Dashboard
    $null = New-Item -ItemType File -Path $go
    Start-Sleep -Seconds 5
    $script:Dashboard = Start-OtlpDashboard -GrpcPort $Dashboard.GrpcPort -HttpPort $Dashboard.HttpPort
    $script:LossResult = Wait-Child $LossWriter
}

AfterAll {
    $null = New-Item -ItemType File -Force -Path $Sentinel
    foreach ($child in $Children) { if (-not $child.HasExited) { $child.Kill() } }
    Stop-OtlpDashboard $Dashboard
    Remove-Item $Folder -Recurse -Force
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
        function Send-FromFunction { $log.Info('from a function') }
        Send-FromFunction
        try { throw [System.InvalidOperationException]::new('outer', [System.IO.IOException]::new('inner')) } catch { $_ | Write-LlamaLog -Category core }
        $activity = [System.Diagnostics.Activity]::new('otlp-test').Start()
        $script:ActivityTrace = $activity.TraceId.ToHexString()
        $script:ActivitySpan = $activity.SpanId.ToHexString()
        Write-LlamaLog -Category core 'in an activity'
        $log.Info('logger in an activity')
        $activity.Stop()
        # A new setup retires the exporter, delivering what it holds.
        Initialize-LlamaLog -Console None
        $script:Records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 12)
        function Get-Record([string] $Body) { $Records | Where-Object Body -EQ $Body }
    }

    It 'arrives, every one, once' {
        $Records.Count | Should -Be 12
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

    It 'has the caller''s script as code.file.path' {
        (Get-Record 'Loaded 3 providers').Attributes['code.file.path'] | Should -Be (Join-Path $PSScriptRoot 'Otlp.Tests.ps1')
    }

    It 'has a logger''s calling function as code.function.name' {
        (Get-Record 'from a function').Attributes['code.function.name'] | Should -Be 'Send-FromFunction'
    }

    It 'has the record''s properties as attributes, in order' {
        $record = Get-Record 'with properties'
        # aspire.log_id is the dashboard's own.
        @($record.Attributes.Keys | Where-Object { $_ -ne 'aspire.log_id' }) | Should -Be @('category', 'host', 'port', 'ratio', 'ok', 'tags', 'nested', 'code.file.path', 'code.line.number')
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
        # The receiver cannot be reached, and each export is retried for 1.5 s: LlamaLog's queue (50) and the SDK's
        # (50) fill and stay full until the first export gives up. Filled record by record, nothing is dropped.
        $script:Sink = New-TestSink -Endpoint $Unreachable -Environment @{ OTEL_BLRP_MAX_QUEUE_SIZE = '50'; OTEL_BLRP_MAX_EXPORT_BATCH_SIZE = '50'; OTEL_EXPORTER_OTLP_TIMEOUT = '1500' }
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

    It 'keeps the rest of the run counted, untold, while the last notice is less than NoticeInterval (10 s) old' {
        $null = $Sink.TryFlush([TimeSpan]::FromSeconds(15))
        $Sink.Emit((New-TestRecord 'fits, too soon to tell')) | Should -BeNullOrEmpty
        $Sink.Dropped | Should -BeGreaterOrEqual 10
    }

    It 'tells the rest of the run with the next record that fits once the interval has passed' {
        $null = $Sink.TryFlush([TimeSpan]::FromSeconds(15))
        $Sink.NoticeInterval = [TimeSpan]::Zero
        # The record the last test queued was not accepted either: 100 + 1.
        $notice = $Sink.Emit((New-TestRecord 'after'))
        $notice | Should -Match '^OTLP export lost records: 9 dropped because the export queue \(50 records, OTEL_BLRP_MAX_QUEUE_SIZE\) was full; 101 not accepted by http://127.0.0.1:9/v1/logs after retries'
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

Describe 'A receiver stopped for 5 s, without -OtlpRetryPath' {
    BeforeAll {
        $counts = $LossResult.Output | Where-Object { $_ -like 'exported=*' }
        $null = $counts -match 'exported=(\d+) dropped=(\d+) queued=(\d+)'
        $script:Exported = [int]$Matches[1]
        $script:Dropped = [int]$Matches[2]
        $script:Queued = [int]$Matches[3]
    }

    It 'loses the batches sent while it was down, and counts them' {
        $LossResult.ExitCode | Should -Be 0 -Because $LossResult.Errors
        $LossBefore | Should -Be 200
        $Dropped | Should -BeGreaterThan 0
        $Exported + $Dropped | Should -Be $OutageCount
        $Queued | Should -Be 0
    }

    It 'delivers every record it counts as exported' {
        $LossBefore + @(Wait-OtlpDashboardLog $Dashboard $LossService -Count ($Exported - $LossBefore)).Count | Should -Be $Exported
    }

    It 'warns of the loss on a following record' {
        @($LossResult.Output | Where-Object { $_ -like 'warning: OTLP export lost records:*not accepted by*' }).Count | Should -BeGreaterThan 0
    }
}

Describe 'Four processes writing 5,000 records each' {
    It 'deliver all 20,000' {
        $service = "multi-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $script = Join-Path $Folder 'many.ps1'
        Set-Content -Path $script -Value @'
param([string] $Endpoint, [string] $Service, [string] $Tag)
Import-Module $env:LLAMALOG_TEST_MODULE
$env:OTEL_SERVICE_NAME = $Service
Initialize-LlamaLog -Console None -OtlpEndpoint $Endpoint
$log = Get-LlamaLogger -Name many -Category core
for ($i = 0; $i -lt 2500; $i++) { Write-LlamaLog -Category core "$Tag w $i"; $log.Info("$Tag l $i") }
'@
        $writers = foreach ($tag in 'p1', 'p2', 'p3', 'p4') { Start-Child $script @($Dashboard.HttpUrl, $service, $tag) }
        foreach ($w in $writers) { (Wait-Child $w -TimeoutSeconds 120).ExitCode | Should -Be 0 }
        $records = @(Wait-OtlpDashboardLog $Dashboard $service -Count 20000 -TimeoutSeconds 60)
        $records.Count | Should -Be 20000
        @($records.Body | Sort-Object -Unique).Count | Should -Be 20000
    }
}

Describe 'The end of a process' {
    It 'delivers what is queued when a script calls exit' {
        $service = "exit-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        $script = Join-Path $Folder 'exit.ps1'
        # A 60 s schedule delay: nothing would be sent before the exit without the flush.
        Set-Content -Path $script -Value @'
param([string] $Endpoint)
Import-Module $env:LLAMALOG_TEST_MODULE
Initialize-LlamaLog -Console None -OtlpEndpoint $Endpoint
for ($i = 0; $i -lt 100; $i++) { Write-LlamaLog -Category core "exit $i" }
exit 3
'@
        $result = Wait-Child (Start-Child $script @($Dashboard.HttpUrl) @{ OTEL_SERVICE_NAME = $service; OTEL_BLRP_SCHEDULE_DELAY = '60000' })
        $result.ExitCode | Should -Be 3
        @(Wait-OtlpDashboardLog $Dashboard $service -Count 100).Count | Should -Be 100
    }

    It 'is not held up past the export timeout by an unreachable receiver' {
        $script = Join-Path $Folder 'unreachable.ps1'
        Set-Content -Path $script -Value @'
Import-Module $env:LLAMALOG_TEST_MODULE
Initialize-LlamaLog -Console None -OtlpEndpoint 'http://127.0.0.1:9'
for ($i = 0; $i -lt 1000; $i++) { Write-LlamaLog -Category core "nowhere $i" }
'done'
'@
        # Each export is retried for up to 2 s; the exit's flush is bounded by that timeout, not by the records left.
        $result = Wait-Child (Start-Child $script @() @{ OTEL_EXPORTER_OTLP_TIMEOUT = '2000' }) -TimeoutSeconds 30
        $result.ExitCode | Should -Be 0
        $result.Output | Should -Be @('done')
    }
}

Describe 'A receiver stopped for 5 s, with -OtlpRetryPath' {
    BeforeAll {
        $script:RetryRecords = @(Wait-OtlpDashboardLog $Dashboard $RetryService -Count ($OutageCount - 200) -TimeoutSeconds 90)
        $null = New-Item -ItemType File -Force -Path $Sentinel
        $script:RetryResult = Wait-Child $RetryWriter
    }

    It 'loses nothing: the stored batches are sent when it is back' {
        $RetryResult.ExitCode | Should -Be 0 -Because $RetryResult.Errors
        $RetryBefore | Should -Be 200
        $RetryRecords.Count | Should -Be 1500
        @($RetryRecords.Body | Sort-Object -Unique).Count | Should -Be 1500
    }

    It 'counts nothing as dropped' {
        $RetryResult.Output | Should -Contain "exported=$OutageCount dropped=0 queued=0"
    }
}
