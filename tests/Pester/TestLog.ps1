# The one support file of the Pester suites: dot-source it in BeforeAll (`. (Join-Path $PSScriptRoot 'TestLog.ps1')`).
# It imports the built module and holds what several suites need: the child pwsh, the log line's pattern, escape-code
# stripping, fresh folders and log files, child processes, and a way to set environment variables for one block.

Import-Module $env:LLAMALOG_TEST_MODULE -Force

$script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$script:LinePattern = '^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (?<name>\S+):(?<line>\d+) (?<category>\S+): (?<message>.*)$'

# The variables that change what LlamaLog writes: a test that depends on one sets it (Invoke-WithEnvironment).
$script:LoggingVariables = @(
    'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR',
    'LLAMA_STACK_LOGGING', 'LLAMA_STACK_LOG_FILE', 'LLAMA_STACK_LOG_WIDTH', 'LLAMA_STACK_LOG_FORMAT',
    'OGX_LOGGING', 'OGX_LOG_FILE', 'OGX_LOG_WIDTH', 'OGX_LOG_FORMAT'
)

function Remove-Ansi {
    # The text without SGR escape codes and OSC 8 hyperlinks.
    param([Parameter(ValueFromPipeline)] [AllowEmptyString()] [string] $Text)
    process { $Text -replace '\x1b\[[0-9;]*m', '' -replace '\x1b\]8;[^\x1b]*\x1b\\', '' }
}

function New-TestFolder {
    param([string] $Prefix = 'llamalog-test')
    $path = Join-Path ([System.IO.Path]::GetTempPath()) "$Prefix-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Reset-Log {
    # Default levels (plus the given ones), a new log file in $Folder, and the console target.
    param([hashtable] $Levels = @{}, [string] $Console = 'None', [string] $FileFormat = 'Text', [string] $ConsoleFormat = 'Rich')
    $script:LogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
    Initialize-LlamaLog -CategoryLevel $Levels -LogFile $LogFile -Console $Console -FileFormat $FileFormat -ConsoleFormat $ConsoleFormat
}

function Get-Records {
    # The records of the current log file, as objects with the text line's fields.
    if (-not (Test-Path $LogFile)) { return @() }
    foreach ($line in [System.IO.File]::ReadAllLines($LogFile)) {
        if ($line -match $LinePattern) {
            [pscustomobject]@{ Name = $Matches.name; Line = [int]$Matches.line; Category = $Matches.category; Message = $Matches.message }
        }
    }
}

function Get-Messages {
    # The message part of every record line of a log file; a line that is not a record says so.
    param([string] $Path)
    foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
        if ($line -match $LinePattern) { $Matches.message } else { "<not a record line: $line>" }
    }
}

function Start-PwshProcess {
    # A child pwsh running a script; Start-Process joins -ArgumentList without quoting, so the script travels encoded.
    param([string] $Script)
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
    Start-Process -FilePath $Pwsh -PassThru -NoNewWindow -ArgumentList '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded
}

function Invoke-Pwsh {
    # Runs a script in a child pwsh that has imported the module, with the given environment variables set (a $null
    # value removes one) and every other logging variable removed; returns its output (standard error merged).
    param([string] $Script, [hashtable] $Environment = @{})
    # On the script's first line, so the script's own line numbers are what a user would see.
    $command = "Import-Module '$($env:LLAMALOG_TEST_MODULE -replace "'", "''")'; " + $Script
    $child = $Pwsh
    Invoke-WithEnvironment $Environment { & $child -NoProfile -NonInteractive -Command $command 2>&1 }.GetNewClosure()
}

function Invoke-WithEnvironment {
    # Runs a block with the logging variables removed, then the given ones set (a $null value leaves one removed);
    # restores them all afterwards. Remove-Item, since PowerShell passes $null to a .NET string argument as "".
    param([hashtable] $Environment, [scriptblock] $Block)
    $saved = @{}
    foreach ($name in @($LoggingVariables) + @($Environment.Keys)) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
    }

    try {
        foreach ($name in $Environment.Keys) {
            if ($null -ne $Environment[$name]) { Set-Item -LiteralPath "env:$name" -Value $Environment[$name] }
        }
        & $Block
    }
    finally {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue }
            else { Set-Item -LiteralPath "env:$name" -Value $saved[$name] }
        }
    }
}

function Test-PythonJson {
    # Each line read by CPython's json.loads; returns the lines it refused (none when all are valid JSON).
    param([string[]] $Lines)
    $check = 'import json,sys' + "`n" + 'for i,l in enumerate(sys.stdin.read().split("\n")):' + "`n" +
        ' if l:' + "`n" + '  try: json.loads(l)' + "`n" + '  except Exception as e: print(i, e)'
    $Lines -join "`n" | /usr/bin/python3 -c $check
}

# ---------------------------------------------------------------------------------------------------------------------
# OTLP receiver (issue 14): the Aspire dashboard from NuGet (Aspire.Dashboard.Sdk.linux-x64, restored by
# tools/Tools.csproj), started on loopback with ports chosen by the system, anonymous, with HOME and TMPDIR in a
# scratch folder; records are read back through its API. One dashboard per test file: start it in BeforeAll and
# stop it in AfterAll. A watchdog shell kills it when the test process ends, so it never outlives the run.
# ---------------------------------------------------------------------------------------------------------------------

$script:OtlpDashboardVersion = '13.6.5'

function Start-OtlpDashboard {
    # Starts a dashboard and waits until it prints its ports. -GrpcPort/-HttpPort restart one on the same ports.
    param([int] $GrpcPort = 0, [int] $HttpPort = 0, [int] $TimeoutSeconds = 60)
    $executable = Join-Path $env:LLAMALOG_NUGET_PACKAGES "aspire.dashboard.sdk.linux-x64/$OtlpDashboardVersion/tools/Aspire.Dashboard"
    if (-not (Test-Path $executable)) { throw "The Aspire dashboard $OtlpDashboardVersion was not restored by tools/Tools.csproj: '$executable'." }
    $scratch = New-Item -ItemType Directory -Force -Path (Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-dashboard-$([guid]::NewGuid())")
    $output = Join-Path $scratch 'dashboard.log'

    $start = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
    # $0 dashboard, $1 output file, $2 the test process: kill the dashboard when the test process is gone.
    $watchdog = '"$0" > "$1" 2>&1 & child=$!; echo $child; while kill -0 "$2" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; kill $child 2>/dev/null; wait $child'
    foreach ($argument in @('-c', $watchdog, $executable, $output, "$PID")) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $start.Environment['HOME'] = $scratch.FullName
    $start.Environment['TMPDIR'] = $scratch.FullName
    $start.Environment['ASPNETCORE_URLS'] = 'http://127.0.0.1:0'
    $start.Environment['ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL'] = "http://127.0.0.1:$GrpcPort"
    $start.Environment['ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL'] = "http://127.0.0.1:$HttpPort"
    $start.Environment['ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS'] = 'true'
    $start.Environment['Dashboard__TelemetryLimits__MaxLogCount'] = '200000'
    $start.Environment['DOTNET_CLI_TELEMETRY_OPTOUT'] = '1'
    $shell = [System.Diagnostics.Process]::Start($start)
    $dashboardId = [int]$shell.StandardOutput.ReadLine()

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $ports = @{}
    while ($ports.Count -lt 3) {
        if ([DateTime]::UtcNow -gt $deadline -or $shell.HasExited) {
            $text = (Test-Path $output) ? (Get-Content $output -Raw) : ''
            Stop-Process -Id $dashboardId -Force -ErrorAction SilentlyContinue
            throw "The dashboard did not print its ports: $text"
        }
        Start-Sleep -Milliseconds 100
        if (-not (Test-Path $output)) { continue }
        foreach ($line in [System.IO.File]::ReadAllLines($output)) {
            if ($line -match 'Now listening on: (http://\S+)') { $ports.Api = $Matches[1] }
            if ($line -match 'OTLP/gRPC listening on: (http://\S+)') { $ports.Grpc = $Matches[1] }
            if ($line -match 'OTLP/HTTP listening on: (http://\S+)') { $ports.Http = $Matches[1] }
        }
    }

    [pscustomobject]@{
        ProcessId = $dashboardId
        Shell     = $shell
        Url       = $ports.Api
        GrpcUrl   = $ports.Grpc
        HttpUrl   = $ports.Http
        GrpcPort  = ([uri]$ports.Grpc).Port
        HttpPort  = ([uri]$ports.Http).Port
        Folder    = $scratch.FullName
    }
}

function Stop-OtlpDashboard {
    # Stops the dashboard (and its watchdog) and removes its scratch folder.
    param($Dashboard)
    if ($null -eq $Dashboard) { return }
    Stop-Process -Id $Dashboard.ProcessId -Force -ErrorAction SilentlyContinue
    if (-not $Dashboard.Shell.WaitForExit(10000)) { $Dashboard.Shell.Kill() }
    Remove-Item $Dashboard.Folder -Recurse -Force -ErrorAction SilentlyContinue
}

function Get-OtlpDashboardLog {
    # The log records the dashboard holds for a service, one object per record; attribute values are strings.
    param($Dashboard, [string] $Service)
    $uri = "$($Dashboard.Url)/api/telemetry/logs?resource=$([uri]::EscapeDataString($Service))&limit=100000"
    $response = Invoke-RestMethod -Uri $uri -SkipHttpErrorCheck -StatusCodeVariable status
    # A service that has sent nothing yet is unknown to the dashboard: 404.
    if ($status -eq 404) { return }
    if ($status -ne 200) { throw "GET $uri answered $status." }
    foreach ($resourceLogs in @($response.data.resourceLogs)) {
        if ($null -eq $resourceLogs) { continue }
        $resource = [ordered]@{}
        foreach ($a in @($resourceLogs.resource.attributes)) { $resource[$a.key] = $a.value.stringValue }
        foreach ($scopeLogs in @($resourceLogs.scopeLogs)) {
            foreach ($r in @($scopeLogs.logRecords)) {
                $attributes = [ordered]@{}
                foreach ($a in @($r.attributes)) { $attributes[$a.key] = $a.value.stringValue }
                [pscustomobject]@{
                    Scope          = $scopeLogs.scope.name
                    TimeUnixNano   = [decimal]$r.timeUnixNano
                    SeverityNumber = $r.severityNumber
                    SeverityText   = $r.severityText
                    Body           = $r.body.stringValue
                    Attributes     = $attributes
                    TraceId        = $r.PSObject.Properties['traceId'] ? $r.traceId : $null
                    SpanId         = $r.PSObject.Properties['spanId'] ? $r.spanId : $null
                    Flags          = $r.PSObject.Properties['flags'] ? $r.flags : 0
                    Resource       = $resource
                }
            }
        }
    }
}

function Wait-OtlpDashboardLog {
    # The service's records once at least -Count have arrived, or what arrived within -TimeoutSeconds.
    param($Dashboard, [string] $Service, [int] $Count, [int] $TimeoutSeconds = 30)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $records = @(Get-OtlpDashboardLog $Dashboard $Service)
        if ($records.Count -ge $Count -or [DateTime]::UtcNow -gt $deadline) { return $records }
        Start-Sleep -Milliseconds 250
    }
}
