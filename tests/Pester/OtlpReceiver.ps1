# The OTLP receiver of the tests, `build.ps1 Dashboard` and the Bench's OTLP scenarios (issue 14): the Aspire dashboard
# from NuGet (Aspire.Dashboard.Sdk.linux-x64, restored by tools/Tools.csproj into $env:LLAMALOG_NUGET_PACKAGES),
# started on loopback with ports chosen by the system, anonymous, with HOME and TMPDIR in a scratch folder; records
# are read back through its API. A watchdog shell kills it when the process that started it ends, so it never
# outlives a test run. It imports nothing, so the build and the Bench can dot-source it without loading the module.

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
        foreach ($a in @($resourceLogs.resource.attributes)) { $resource[$a.key] = Get-StringValue $a.value }
        foreach ($scopeLogs in @($resourceLogs.scopeLogs)) {
            foreach ($r in @($scopeLogs.logRecords)) {
                $attributes = [ordered]@{}
                foreach ($a in @($r.attributes)) { $attributes[$a.key] = Get-StringValue $a.value }
                [pscustomobject]@{
                    Scope          = $scopeLogs.scope.name
                    TimeUnixNano   = [decimal]$r.timeUnixNano
                    SeverityNumber = $r.severityNumber
                    SeverityText   = $r.severityText
                    Body           = Get-StringValue $r.body
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

function Get-StringValue($Value) {
    # An OTLP AnyValue's string (the dashboard returns every value as one); null for an empty value. Safe in strict mode.
    $property = $Value.PSObject.Properties['stringValue']
    if ($property) { $property.Value }
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
