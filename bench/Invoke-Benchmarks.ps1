#requires -Version 7.2
<#
.SYNOPSIS
    LlamaLog's Bench: LlamaLog's write paths against PowerShell's own cmdlets, each run in a fresh pwsh.
.DESCRIPTION
    Called by `dotnet pwsh ./build.ps1 Bench [-Quick]`. For every scenario of Scenarios.psd1 it starts a fresh
    pwsh per run (Invoke-Scenario.ps1: module import timed on its own, warm-up, then N timed messages), runs the
    scenarios round-robin so slow drifts of the machine touch all of them alike, and reports per scenario the
    µs per message (median, min, max over the runs), the allocation per message, and the ratio of its median to
    its yardstick's median from the same Bench run, against the targets of issues 6 and 8.

    Then the memory scenario (a million records through Write-LlamaLog in one process, against an idle pwsh with
    the module imported), the -Property measurement (the binding floor with and without -Property, interleaved in
    one process) and, on a full run, the engine's BenchmarkDotNet micro-benchmarks.

    With -BaselineModule, every LlamaLog scenario that a baseline can run (not those marked Baseline = $false)
    also runs against that other build of the module, its run right next to this build's in each round, and the
    report shows both ranges and the ratio of the medians.

    Writes the table to the host, as JSON to <OutputPath>/bench.json, as Markdown to <OutputPath>/bench.md, and
    a chart to docs/bench.svg (a -Quick or filtered run writes <OutputPath>/bench.svg instead, so the committed
    chart always shows a full run).

    Exits non-zero only when the harness breaks (a child pwsh fails, BenchmarkDotNet fails) or a line check
    fails; a missed performance target is a FAIL in the table, not an error.
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Quick
.EXAMPLE
    pwsh -File bench/Invoke-Benchmarks.ps1 -ModuleManifest out/LlamaLog/0.1.0/LlamaLog.psd1 -OutputPath out -Filter logger-* -NoBenchmarkDotNet
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench -Quick -BaselineModule /tmp/bench-old/out/LlamaLog/0.1.0/LlamaLog.psd1
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $OutputPath,

    # Small N, 3 runs, 100,000 records for memory, no BenchmarkDotNet.
    [switch] $Quick,

    # Only the scenarios whose id matches one of these wildcards ('memory' for the memory scenario, 'otlp-rate' for the
    # OTLP delivery rate); their yardsticks run too.
    [string[]] $Filter = @('*'),

    [switch] $NoBenchmarkDotNet,

    # Overrides, for profiling: runs per scenario, and N per run before the scenario's scale. -Count also sets the
    # calls per run of the -Property measurement, -Runs its runs.
    [int] $Runs,
    [int] $Count,

    # Another build's LlamaLog.psd1 (e.g. the commit before a change, built aside): its runs interleave with this
    # build's, and the report compares the two.
    [string] $BaselineModule,

    # The bench/ folder whose C# scenarios (EngineLoops.cs, ...) fit the baseline's engine; by default the one in
    # the baseline's source tree (found above its manifest), else this one.
    [string] $BaselineBench
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Invariant = [System.Globalization.CultureInfo]::InvariantCulture
$BenchDir = $PSScriptRoot
$Root = Split-Path $BenchDir
$ModuleManifest = (Resolve-Path $ModuleManifest).Path
$null = New-Item -ItemType Directory -Force -Path $OutputPath
$OutputPath = (Resolve-Path $OutputPath).Path
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$Definitions = Import-PowerShellDataFile (Join-Path $BenchDir 'Scenarios.psd1')
# pwsh -File passes 'a,b' as one string: split it here.
$Filter = @($Filter | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
function Test-Filter([string] $Id) { @($Filter | Where-Object { $Id -like $_ }).Count -gt 0 }
$Full = -not $Quick -and ($Filter -join ',') -eq '*' -and -not $Runs -and -not $Count

# N is per run; scenarios of a few µs multiply it by their Scale so a run lasts long enough to time well.
$BaseCount = $Count -gt 0 ? $Count : ($Quick ? 2000 : 20000)
$Runs = $Runs -gt 0 ? $Runs : ($Quick ? 3 : 5)
# Warm-up per run (Invoke-Scenario.ps1): at least the minimum, then until the speed is steady.
$MinWarmupSeconds = 2.0
$MaxWarmupSeconds = $Quick ? 4.0 : 8.0
$MemoryCount = $Quick ? $Definitions.Memory.QuickRecords : $Definitions.Memory.Records
$IdleRuns = 3
# The time measured: the CPU time of the thread running the loop where the platform gives it (other sessions on a
# shared machine preempt the child, which inflates its wall time but not its CPU time); the wall time elsewhere.
# Both are in bench.json; on a quiet machine they agree within a few per cent.
$ThreadClock = $IsLinux -or $IsMacOS
$ClockName = $ThreadClock ? 'thread CPU time' : 'wall time'

Add-Type -Path (Join-Path $BenchDir 'LineCheck.cs')

$Work = Join-Path ([System.IO.Path]::GetTempPath()) ('llamalog-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 12))
$null = New-Item -ItemType Directory -Path $Work

# The C# loops, the floors and the thread clock, compiled once here rather than in each of the ~80 child processes.
. (Join-Path $BenchDir 'BenchSupport.ps1')
$SupportAssembly = Join-Path $Work 'LlamaLogBench.dll'
$compilation = Get-BenchSupportCompilation -ModuleManifest $ModuleManifest
Add-Type @compilation -OutputAssembly $SupportAssembly -OutputType Library

# Line-check failures and broken runs: any of them makes the Bench fail.
$Problems = [System.Collections.Generic.List[string]]::new()

function Format-Number([double] $Value, [string] $Format = '0.00') {
    $Value.ToString($Format, $Invariant)
}

function Get-Median([double[]] $Values) {
    $sorted = [double[]]($Values | Sort-Object)
    $middle = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { return $sorted[$middle] }
    ($sorted[$middle - 1] + $sorted[$middle]) / 2
}

function Start-Child {
    # Starts a fresh pwsh whose standard output and error go to files; returns its exit code.
    param([string[]] $Arguments, [string] $StdoutPath, [string] $StderrPath, [int] $TimeoutSeconds)

    if ($IsWindows) {
        # Untested here: the child's output comes through pipes, copied to the files by this process.
        $info = [System.Diagnostics.ProcessStartInfo]::new($Pwsh)
        foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
    }
    else {
        # The shell gives the child real files as standard output and error, so the host scenarios' writes cost
        # what they cost a script whose output goes to a file, and this process copies nothing while it runs.
        $info = [System.Diagnostics.ProcessStartInfo]::new('/bin/sh')
        $shell = @('-c', 'out=$1; err=$2; shift 2; exec "$@" >"$out" 2>"$err" </dev/null', 'sh', $StdoutPath, $StderrPath, $Pwsh)
        foreach ($argument in $shell + $Arguments) { $info.ArgumentList.Add($argument) }
    }

    $info.UseShellExecute = $false
    # Every child starts from the same logging setup: no level, file or width from this environment; colours on,
    # so the host scenarios pay for escape codes as a terminal user does.
    foreach ($name in @($info.Environment.Keys)) {
        if ($name -like 'LLAMA_STACK_*' -or $name -like 'OGX_*' -or $name -eq 'NO_COLOR') { $null = $info.Environment.Remove($name) }
    }
    $info.Environment['TERM'] = 'xterm-256color'

    $process = [System.Diagnostics.Process]::Start($info)
    $copies = @()
    if ($IsWindows) {
        $outFile = [System.IO.File]::Create($StdoutPath)
        $errFile = [System.IO.File]::Create($StderrPath)
        $copies = @($process.StandardOutput.BaseStream.CopyToAsync($outFile), $process.StandardError.BaseStream.CopyToAsync($errFile))
    }

    try {
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "A child pwsh ran longer than $TimeoutSeconds s: $($Arguments -join ' ')"
        }

        $process.WaitForExit()
        foreach ($copy in $copies) { $copy.Wait() }
        $process.ExitCode
    }
    finally {
        if ($IsWindows) { $outFile.Dispose(); $errFile.Dispose() }
        $process.Dispose()
    }
}

function Invoke-Child {
    # One run of Invoke-Scenario.ps1; returns its result with the host line count, or $null after noting a problem.
    param([string] $Id, [int] $Count, [string] $Label, [int] $TimeoutSeconds = 600, [string] $Manifest = $ModuleManifest,
        [string] $Support = $SupportAssembly, [string[]] $Extra = @())

    $result = Join-Path $Work "$Label.json"
    $stdout = Join-Path $Work "$Label.out"
    $stderr = Join-Path $Work "$Label.err"
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $BenchDir 'Invoke-Scenario.ps1'),
        '-ModuleManifest', $Manifest, '-Id', $Id, '-ResultPath', $result, '-Count', [string]$Count,
        '-MinWarmupSeconds', (Format-Number $MinWarmupSeconds '0.###'), '-MaxWarmupSeconds', (Format-Number $MaxWarmupSeconds '0.###'),
        '-LogFile', (Join-Path $Work "$Label.log"),
        '-SupportAssembly', $Support) + $Extra
    $exit = Start-Child $arguments $stdout $stderr $TimeoutSeconds
    if ($exit -ne 0 -or -not (Test-Path $result)) {
        $errors = (Test-Path $stderr) ? (Get-Content $stderr -Raw) : ''
        $Problems.Add("${Label}: the child pwsh failed (exit code $exit). $errors")
        return $null
    }

    $data = Get-Content $result -Raw | ConvertFrom-Json
    $data | Add-Member -NotePropertyName hostLines -NotePropertyValue ([LlamaLogBench.LineCheck]::CountLines($stdout))
    $data
}

function Remove-RunFiles([string] $Label) {
    Get-ChildItem $Work -Filter "$Label.*" | Remove-Item -Force
}

function Get-MachineText {
    $cpu = $null
    if (Test-Path /proc/cpuinfo) {
        $cpu = (Select-String -Path /proc/cpuinfo -Pattern '^model name\s*:\s*(.+)$' | Select-Object -First 1).Matches.Groups[1].Value
    }
    $cpu = $cpu ?? $env:PROCESSOR_IDENTIFIER ?? 'unknown CPU'
    $memory = [GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB
    '{0}, {1} cores, {2} GB; {3}; PowerShell {4}, {5}' -f $cpu.Trim(), [Environment]::ProcessorCount, (Format-Number $memory '0'),
        [System.Runtime.InteropServices.RuntimeInformation]::OSDescription, $PSVersionTable.PSVersion, [System.Runtime.InteropServices.RuntimeInformation]::FrameworkDescription
}

function Get-Load {
    # The 1-minute load average (Linux): other processes on the machine make every number noisier.
    if (Test-Path /proc/loadavg) { [double]::Parse((Get-Content /proc/loadavg -Raw).Split(' ')[0], $Invariant) } else { $null }
}

function ConvertTo-Xml([string] $Text) {
    [System.Security.SecurityElement]::Escape($Text)
}

function New-Chart {
    # A horizontal bar chart of µs per message: median bars, min-max whiskers, each target as a tick.
    param([object[]] $Rows, [string[]] $Subtitle)

    $rows = @($Rows | Where-Object { $null -ne $_.median })
    $labelWidth = 330; $plotLeft = 340; $plotWidth = 540; $rowHeight = 26; $top = 90
    $height = $top + $rows.Count * $rowHeight + 70
    $values = @($rows | ForEach-Object { $_.min; $_.max; if ($null -ne $_.targetMicroseconds) { $_.targetMicroseconds } })
    $low = ($values | Measure-Object -Minimum).Minimum
    $high = ($values | Measure-Object -Maximum).Maximum
    # Log scale when the values span more than a factor of 20 (they do: 0.1 µs to 100 µs), else linear from 0.
    $logScale = $high / [Math]::Max($low, 1e-9) -gt 20
    if ($logScale) {
        $from = [Math]::Floor([Math]::Log10($low)); $to = [Math]::Ceiling([Math]::Log10($high))
        $x = { param($v) $plotLeft + ([Math]::Log10([Math]::Max($v, [Math]::Pow(10, $from))) - $from) / ($to - $from) * $plotWidth }
        $ticks = @($from..$to | ForEach-Object { [Math]::Pow(10, $_) })
    }
    else {
        $step = [Math]::Pow(10, [Math]::Floor([Math]::Log10($high)))
        $end = [Math]::Ceiling($high / $step) * $step
        $x = { param($v) $plotLeft + $v / $end * $plotWidth }
        $ticks = @(0..([int]($end / $step)) | ForEach-Object { $_ * $step })
    }
    $px = { param($v) Format-Number (& $x $v) '0.0' }

    $svg = [System.Text.StringBuilder]::new()
    $null = $svg.AppendLine("<svg xmlns=`"http://www.w3.org/2000/svg`" width=`"960`" height=`"$height`" viewBox=`"0 0 960 $height`" font-family=`"sans-serif`" font-size=`"12`">")
    $null = $svg.AppendLine("<rect width=`"960`" height=`"$height`" fill=`"#ffffff`"/>")
    $null = $svg.AppendLine("<text x=`"16`" y=`"26`" font-size=`"16`" font-weight=`"bold`">LlamaLog Bench: µs per message ($ClockName; bars: medians, whiskers: min–max$($logScale ? '; log scale' : ''))</text>")
    $subtitleY = 46
    foreach ($line in $Subtitle) {
        $null = $svg.AppendLine("<text x=`"16`" y=`"$subtitleY`" fill=`"#555555`">$(ConvertTo-Xml $line)</text>")
        $subtitleY += 16
    }
    $plotBottom = $top + $rows.Count * $rowHeight
    foreach ($tick in $ticks) {
        $tx = & $px $tick
        $null = $svg.AppendLine("<line x1=`"$tx`" y1=`"$($top - 6)`" x2=`"$tx`" y2=`"$plotBottom`" stroke=`"#e5e7eb`"/>")
        $null = $svg.AppendLine("<text x=`"$tx`" y=`"$($plotBottom + 16)`" text-anchor=`"middle`" fill=`"#555555`">$(Format-Number $tick '0.###') µs</text>")
    }

    $y = $top
    foreach ($row in $rows) {
        $color = $row.kind -eq 'Yardstick' ? '#9ca3af' : ($row.kind -eq 'Floor' ? '#d6c7a1' : ($row.kind -eq 'Informational' ? '#93c5fd' :
                ($row.result -eq 'PASS' ? '#2563eb' : '#dc2626')))
        $barY = $y + 5; $mid = $y + 13
        $null = $svg.AppendLine("<text x=`"$labelWidth`" y=`"$($mid + 4)`" text-anchor=`"end`">$(ConvertTo-Xml $row.title)</text>")
        $null = $svg.AppendLine("<rect x=`"$plotLeft`" y=`"$barY`" width=`"$(Format-Number ((& $x $row.median) - $plotLeft) '0.0')`" height=`"16`" fill=`"$color`"><title>$(ConvertTo-Xml $row.title): $(Format-Number $row.median) µs</title></rect>")
        $null = $svg.AppendLine("<line x1=`"$(& $px $row.min)`" y1=`"$mid`" x2=`"$(& $px $row.max)`" y2=`"$mid`" stroke=`"#111111`"/>")
        if ($null -ne $row.targetMicroseconds) {
            $tx = & $px $row.targetMicroseconds
            $null = $svg.AppendLine("<line x1=`"$tx`" y1=`"$($y + 2)`" x2=`"$tx`" y2=`"$($y + 24)`" stroke=`"#111111`" stroke-width=`"2`" stroke-dasharray=`"3,2`"><title>target: $(Format-Number $row.targetMicroseconds) µs</title></line>")
        }
        # The value goes right of the bar and its whisker, or right of the target tick when that is just there.
        $rightmost = [Math]::Max((& $x $row.max), (& $x $row.median))
        if ($null -ne $row.targetMicroseconds) {
            $tickX = & $x $row.targetMicroseconds
            if ($tickX -ge $rightmost - 2 -and $tickX -le $rightmost + 40) { $rightmost = $tickX }
        }
        $valueX = Format-Number ($rightmost + 6) '0.0'
        $null = $svg.AppendLine("<text x=`"$valueX`" y=`"$($mid + 4)`">$(Format-Number $row.median)</text>")
        $y += $rowHeight
    }

    $legendY = $plotBottom + 44
    $legend = @(@('#9ca3af', 'yardstick (PowerShell, .NET)'), @('#d6c7a1', 'floor'), @('#93c5fd', 'LlamaLog, no target'), @('#2563eb', 'LlamaLog, meets its target'), @('#dc2626', 'LlamaLog, misses its target'))
    $lx = 16
    foreach ($item in $legend) {
        $null = $svg.AppendLine("<rect x=`"$lx`" y=`"$($legendY - 10)`" width=`"12`" height=`"12`" fill=`"$($item[0])`"/><text x=`"$($lx + 18)`" y=`"$legendY`">$($item[1])</text>")
        $lx += $item[1].Length * 7 + 22
    }
    $null = $svg.AppendLine("<line x1=`"$lx`" y1=`"$($legendY - 11)`" x2=`"$lx`" y2=`"$($legendY + 3)`" stroke=`"#111111`" stroke-width=`"2`" stroke-dasharray=`"3,2`"/><text x=`"$($lx + 8)`" y=`"$legendY`">target (yardstick × ratio)</text>")
    $null = $svg.AppendLine('</svg>')
    $svg.ToString()
}

# ---- The baseline's support assembly: its own bench sources where they are found, since the engine scenarios use
# the engine's types, which change between builds.
$Baseline = $null
if ($BaselineModule) {
    $BaselineModule = (Resolve-Path $BaselineModule).Path
    if (-not $BaselineBench) {
        for ($folder = Split-Path $BaselineModule; $folder; $folder = Split-Path $folder) {
            if (Test-Path (Join-Path $folder 'bench/BenchSupport.ps1')) { $BaselineBench = Join-Path $folder 'bench'; break }
        }
    }
    $BaselineBench = $BaselineBench ? (Resolve-Path $BaselineBench).Path : $BenchDir
    # In a child scope, so this script's Get-BenchSupportCompilation stays its own.
    $baselineCompilation = & { . (Join-Path $BaselineBench 'BenchSupport.ps1'); Get-BenchSupportCompilation -ModuleManifest $BaselineModule }
    $BaselineSupport = Join-Path $Work 'LlamaLogBench.Baseline.dll'
    Add-Type @baselineCompilation -OutputAssembly $BaselineSupport -OutputType Library
    $Baseline = [ordered]@{ module = $BaselineModule; bench = $BaselineBench }
}

# ---- The timed scenarios, round-robin.
$platform = $IsLinux ? 'Linux' : ($IsMacOS ? 'macOS' : 'Windows')
$all = @($Definitions.Scenarios | Where-Object { -not $_['Platform'] -or $_.Platform -eq $platform })
# A chosen scenario brings its yardstick and its floor (and the floor's yardstick, the same one).
$chosen = @($all | Where-Object { (Test-Filter $_.Id) -or ($_['FloorOf'] -and (Test-Filter $_.FloorOf)) })
$needed = @(@($chosen | ForEach-Object { $_.Id; if ($_['Yardstick']) { $_.Yardstick } }) | Select-Object -Unique)
# A yardstick may itself have one (the JSON engine scenario is measured against the text one): bring the whole chain.
do {
    $neededBefore = $needed.Count
    $needed = @(@($needed + @($all | Where-Object { $_.Id -in $needed -and $_['Yardstick'] } | ForEach-Object Yardstick)) | Select-Object -Unique)
} while ($needed.Count -gt $neededBefore)
$selected = @($all | Where-Object { $_.Id -in $needed })
$results = @{}
foreach ($scenario in $selected) { $results[$scenario.Id] = [System.Collections.Generic.List[object]]::new() }
# With a baseline: the LlamaLog scenarios it can run, and their runs against it.
$compared = @($Baseline ? @($selected | Where-Object { $_.Kind -eq 'LlamaLog' -and $_['Baseline'] -ne $false }) : @())
$baselineResults = @{}
foreach ($scenario in $compared) { $baselineResults[$scenario.Id] = [System.Collections.Generic.List[object]]::new() }
$importTimes = [System.Collections.Generic.List[double]]::new()
$started = [System.Diagnostics.Stopwatch]::StartNew()
$loadStart = Get-Load

# Scenarios that export over OTLP need a receiver: the Aspire dashboard the tests use, one for the whole Bench.
$Receiver = $null
if (@($selected | Where-Object { $_['Receiver'] -eq 'Otlp' }).Count -gt 0) {
    . (Join-Path $Root 'tests/Pester/OtlpReceiver.ps1')
    $Receiver = Start-OtlpDashboard
    $env:LLAMALOG_BENCH_OTLP_ENDPOINT = $Receiver.HttpUrl
}

function Invoke-Run {
    # One timed run of a scenario, against this build or the baseline: its line checks, and its result added to $Into.
    param([hashtable] $Scenario, [int] $Round, [bool] $OfBaseline, [System.Collections.Generic.List[object]] $Into)

    $runCount = $BaseCount * $Scenario.Scale
    $label = "$($Scenario.Id)-$round$($OfBaseline ? '-baseline' : '')"
    $childArguments = @{ Id = $Scenario.Id; Count = $runCount; Label = $label }
    if ($OfBaseline) { $childArguments.Manifest = $BaselineModule; $childArguments.Support = $BaselineSupport }
    $data = Invoke-Child @childArguments
    if ($data) {
        if (-not $OfBaseline) { $importTimes.Add($data.importMs) }
        $wall = $data.elapsedMs * 1000 / $data.count
        $us = ($ThreadClock -and $null -ne $data.cpuMs) ? $data.cpuMs * 1000 / $data.count : $wall
        $check = $null
        if ($Scenario['LinePattern']) {
            $check = [LlamaLogBench.LineCheck]::Check((Join-Path $Work "$label.log"), $runCount, $Scenario.LinePattern)
        }
        if ($Scenario.HostLines -eq 0 -and $data.hostLines -ne 0) {
            $check = "$($data.hostLines) lines reached the host, where none should"
        }
        elseif ($Scenario.HostLines -eq 'N' -and $data.hostLines -lt $runCount) {
            $check = "only $($data.hostLines) lines reached the host, fewer than the $runCount messages"
        }
        if ($check) { $Problems.Add("${label}: line check failed: $check") }
        $Into.Add([pscustomobject]@{
                us = $us; wall = $wall; bytes = $data.allocatedBytes / $data.count; gen0 = $data.gen0; gen2 = $data.gen2
                warmupSeconds = $data.warmupSeconds; warmupSettled = $data.warmupSettled; firstBatchUs = $data.firstBatchUs
            })
        Write-Host ('  run {0}/{1}  {2,-24} {3,10} µs/msg  (wall {4}){5}' -f $round, $Runs, ($Scenario.Id + ($OfBaseline ? ' (baseline)' : '')),
            (Format-Number $us), (Format-Number $wall), ($check ? "  LINE CHECK FAILED: $check" : ''))
    }
    Remove-RunFiles $label
}

Write-Host "LlamaLog Bench$($Quick ? ' (quick)' : ''): $($selected.Count) scenarios × $Runs runs, N = $BaseCount per run (× the scenario's scale), each run a fresh pwsh."
if ($Baseline) { Write-Host "Baseline: $($compared.Count) LlamaLog scenarios also run against $BaselineModule, each run next to this build's." }
try {
    for ($round = 1; $round -le $Runs; $round++) {
        foreach ($scenario in $selected) {
            if ($baselineResults.ContainsKey($scenario.Id)) {
                # This build and the baseline back to back, taking turns at going first.
                $order = ($round % 2) ? @($false, $true) : @($true, $false)
                foreach ($ofBaseline in $order) {
                    Invoke-Run $scenario $round $ofBaseline ($ofBaseline ? $baselineResults[$scenario.Id] : $results[$scenario.Id])
                }
            }
            else {
                Invoke-Run $scenario $round $false $results[$scenario.Id]
            }
        }
    }

    # ---- OTLP delivery rate (issue 14): records per second the dashboard receives from LlamaLog (a logger, export
    # on) against the bare SDK exporter driven from C# (OtlpRate.cs), same version and batch settings, on a fresh
    # dashboard, in alternating order; every record must arrive (counted through the dashboard's API).
    $otlpRate = $null
    if (Test-Filter 'otlp-rate') {
        if (-not $env:LLAMALOG_NUGET_PACKAGES) { throw 'The OTLP rate needs the test tools restored (build.ps1 Bench does it).' }
        . (Join-Path $Root 'tests/Pester/OtlpReceiver.ps1')
        $rateCount = $Quick ? 20000 : 60000
        $rateRuns = @{ LlamaLog = [System.Collections.Generic.List[double]]::new(); Sdk = [System.Collections.Generic.List[double]]::new() }
        Write-Host "OTLP delivery rate: $rateCount records per run, LlamaLog against the bare SDK, into a fresh dashboard."
        $rateReceiver = Start-OtlpDashboard
        try {
            $order = @('Sdk', 'LlamaLog', 'LlamaLog', 'Sdk', 'Sdk', 'LlamaLog')
            for ($i = 0; $i -lt $order.Count; $i++) {
                $side = $order[$i]
                $service = "rate-$($side.ToLowerInvariant())-$i"
                $output = & $Pwsh -NoProfile -NonInteractive -File (Join-Path $BenchDir 'Measure-OtlpRate.ps1') -Side $side -ModuleManifest $ModuleManifest -Endpoint $rateReceiver.HttpUrl -Service $service -Count $rateCount
                if ($LASTEXITCODE -ne 0) { throw "The OTLP rate run ($side) failed: $output" }
                $seconds = [double]::Parse("$(@($output)[-1])", $Invariant)
                $arrived = @(Wait-OtlpDashboardLog $rateReceiver $service -Count $rateCount -TimeoutSeconds 60).Count
                if ($arrived -ne $rateCount) { $Problems.Add("otlp-rate: $side delivered $arrived of $rateCount records") }
                $rateRuns[$side].Add($rateCount / $seconds)
                Write-Host ('  run {0}/{1}  {2,-9} {3,8:N0} records/s' -f ($i + 1), $order.Count, $side, ($rateCount / $seconds))
            }
        }
        finally {
            Stop-OtlpDashboard $rateReceiver
        }
        $llamaRate = Get-Median $rateRuns.LlamaLog.ToArray()
        $sdkRate = Get-Median $rateRuns.Sdk.ToArray()
        $otlpRate = [ordered]@{
            records = $rateCount; llamaLogPerSecond = $llamaRate; sdkPerSecond = $sdkRate; ratio = $llamaRate / $sdkRate
            target = 0.9; result = ($llamaRate / $sdkRate) -ge 0.9 ? 'PASS' : 'FAIL'
        }
    }

    # ---- Memory: a million records in one process, against idle pwsh processes with the module imported.
    $memory = $null
    if (Test-Filter 'memory') {
        Write-Host "Memory: $MemoryCount records through Write-LlamaLog (file only) in one process; $IdleRuns idle pwsh for reference."
        $idle = [System.Collections.Generic.List[double]]::new()
        for ($i = 1; $i -le $IdleRuns; $i++) {
            $data = Invoke-Child -Id idle -Count 0 -Label "idle-$i"
            if ($data) { $idle.Add($data.peakWorkingSet); $importTimes.Add($data.importMs) }
            Remove-RunFiles "idle-$i"
        }
        $data = Invoke-Child -Id memory -Count $MemoryCount -Label 'memory' -TimeoutSeconds 3600
        if ($data -and $idle.Count -gt 0) {
            $check = [LlamaLogBench.LineCheck]::Check((Join-Path $Work 'memory.log'), $MemoryCount, $Definitions.Memory.LinePattern)
            if ($check) { $Problems.Add("memory: line check failed: $check") }
            $idlePeak = Get-Median $idle.ToArray()
            $growth = $data.heapEnd - $data.heapAfterWarmup
            $above = $data.peakWorkingSet - $idlePeak
            $memory = [ordered]@{
                records                 = $MemoryCount
                microsecondsPerRecord   = $data.elapsedMs * 1000 / $MemoryCount
                heapAfterWarmupBytes    = $data.heapAfterWarmup
                heapEndBytes            = $data.heapEnd
                heapGrowthBytes         = $growth
                heapSamplesBytes        = @($data.heapSamples)
                maxHeapGrowthBytes      = $Definitions.Memory.MaxHeapGrowthBytes
                heapResult              = $growth -le $Definitions.Memory.MaxHeapGrowthBytes ? 'PASS' : 'FAIL'
                peakWorkingSetBytes     = $data.peakWorkingSet
                idlePeakWorkingSetBytes = $idlePeak
                peakAboveIdleBytes      = $above
                maxPeakAboveIdleBytes   = $Definitions.Memory.MaxPeakAboveIdleBytes
                peakResult              = $above -le $Definitions.Memory.MaxPeakAboveIdleBytes ? 'PASS' : 'FAIL'
                lineCheck               = $check ?? 'ok'
            }
        }
        Remove-RunFiles 'memory'
    }

    # ---- -Property's cost to a call that does not use it: the binding floor with and without it, in one process.
    $propertyBinding = $null
    if ((Test-Filter 'property-binding') -and $ThreadClock) {
        $binding = $Definitions.PropertyBinding
        $calls = $Count -gt 0 ? $Count : ($Quick ? $binding.QuickCalls : $binding.Calls)
        $bindingRuns = $PSBoundParameters.ContainsKey('Runs') ? $Runs : ($Quick ? $binding.QuickRuns : $binding.Runs)
        Write-Host ("-Property: Write-FloorNop (with it) and Write-FloorNpr (without), interleaved in one process, {0:N0} calls each × {1} runs." -f $calls, $bindingRuns)
        $data = Invoke-Child -Id property-binding -Count $calls -Label 'property-binding' -TimeoutSeconds 3600 -Extra @('-Runs', [string]$bindingRuns)
        if ($data) {
            $with = @($data.runs | ForEach-Object withNanosecondsPerCall)
            $without = @($data.runs | ForEach-Object withoutNanosecondsPerCall)
            $differences = @($data.runs | ForEach-Object differenceNanosecondsPerCall)
            $median = Get-Median $differences
            $propertyBinding = [ordered]@{
                calls                     = $calls
                runs                      = $bindingRuns
                block                     = $data.block
                blockPairsPerRun          = @($data.runs)[0].pairs
                warmupSeconds             = $data.warmupSeconds
                withNanosecondsPerCall    = $with
                withoutNanosecondsPerCall = $without
                differenceNanoseconds     = $differences
                medianDifference          = $median
                minDifference             = ($differences | Measure-Object -Minimum).Minimum
                maxDifference             = ($differences | Measure-Object -Maximum).Maximum
                withMedian                = Get-Median $with
                withoutMedian             = Get-Median $without
                maxDifferenceNanoseconds  = $binding.MaxDifferenceNanoseconds
                # The verdict is on the median of the runs' differences; the range is reported beside it.
                result                    = [Math]::Abs($median) -le $binding.MaxDifferenceNanoseconds ? 'PASS' : 'FAIL'
            }
        }
        Remove-RunFiles 'property-binding'
    }
}
finally {
    if ($Receiver) { Stop-OtlpDashboard $Receiver }
    Remove-Item $Work -Recurse -Force -ErrorAction SilentlyContinue
}
$scenarioSeconds = $started.Elapsed.TotalSeconds
$loadEnd = Get-Load

# ---- The table.
$rows = foreach ($scenario in $selected) {
    $scenarioRuns = $results[$scenario.Id]
    $row = [ordered]@{
        id = $scenario.Id; title = $scenario.Title; kind = $scenario.Kind; n = $BaseCount * $scenario.Scale
        runs = @($scenarioRuns | ForEach-Object us); wallRuns = @($scenarioRuns | ForEach-Object wall)
        median = $null; min = $null; max = $null; wallMedian = $null; bytesPerMessage = $null
        yardstick = $scenario['Yardstick']; yardstickTitle = $null; yardstickMedian = $null; ratio = $null
        target = $scenario['Target']; targetMicroseconds = $null; targetText = ''; result = ''
    }
    if ($scenarioRuns.Count -gt 0) {
        $row.median = Get-Median $row.runs
        $row.min = ($row.runs | Measure-Object -Minimum).Minimum
        $row.max = ($row.runs | Measure-Object -Maximum).Maximum
        $row.wallMedian = Get-Median $row.wallRuns
        $row.bytesPerMessage = Get-Median @($scenarioRuns | ForEach-Object bytes)
    }
    if ($scenario['Yardstick']) {
        $yardstick = $all | Where-Object { $_.Id -eq $scenario.Yardstick }
        $row.yardstickTitle = $yardstick.Title
        $yardRuns = $results[$scenario.Yardstick]
        if ($scenario['Target']) { $row.targetText = "≤ $($scenario.Target)×" }
        if ($scenario['TargetExtraMicroseconds']) { $row.targetText = "≤ +$($scenario.TargetExtraMicroseconds) µs" }
        if ($yardRuns.Count -gt 0 -and $null -ne $row.median) {
            $row.yardstickMedian = Get-Median @($yardRuns | ForEach-Object us)
            $row.ratio = $row.median / $row.yardstickMedian
            if ($scenario['Target']) {
                $row.targetMicroseconds = $row.yardstickMedian * $scenario.Target
                $row.result = $row.ratio -le $scenario.Target ? 'PASS' : 'FAIL'
            }
            elseif ($scenario['TargetExtraMicroseconds']) {
                $row.targetMicroseconds = $row.yardstickMedian + $scenario.TargetExtraMicroseconds
                $row.result = $row.median -le $row.targetMicroseconds ? 'PASS' : 'FAIL'
            }
        }
    }
    elseif ($scenario['TargetMicroseconds']) {
        $row.targetMicroseconds = $scenario.TargetMicroseconds
        $row.targetText = "< $($scenario.TargetMicroseconds) µs"
        if ($null -ne $row.median) { $row.result = $row.median -lt $scenario.TargetMicroseconds ? 'PASS' : 'FAIL' }
    }
    [pscustomobject]$row
}

$machine = Get-MachineText
$command = 'dotnet pwsh ./build.ps1 Bench' + ($Quick ? ' -Quick' : '') + ($Baseline ? " -BaselineModule $BaselineModule" : '')
$importMedian = $importTimes.Count ? (Get-Median $importTimes.ToArray()) : 0
$importMin = $importTimes.Count ? ($importTimes | Measure-Object -Minimum).Minimum : 0
$importMax = $importTimes.Count ? ($importTimes | Measure-Object -Maximum).Maximum : 0

$format = '{0,-50} {1,7} {2,9} {3,9} {4,9} {5,9} {6,8}  {7,-18} {8,7} {9,8}  {10}'
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add(($format -f 'Scenario', 'N', 'median', 'min', 'max', 'wall', 'B/msg', 'yardstick', 'ratio', 'target', 'result'))
$lines.Add(($format -f '', '', 'µs/msg', 'µs/msg', 'µs/msg', 'median', '', '', '', '', ''))
foreach ($row in $rows) {
    $lines.Add(($format -f $row.title, $row.n,
            ($null -ne $row.median ? (Format-Number $row.median) : 'n/a'), ($null -ne $row.min ? (Format-Number $row.min) : ''),
            ($null -ne $row.max ? (Format-Number $row.max) : ''), ($null -ne $row.wallMedian ? (Format-Number $row.wallMedian) : ''),
            ($null -ne $row.bytesPerMessage ? (Format-Number $row.bytesPerMessage '0') : ''),
            ($row.yardstick ?? ''), ($null -ne $row.ratio ? (Format-Number $row.ratio) + '×' : ''), $row.targetText,
            ($row.kind -eq 'Yardstick' ? 'yardstick' : ($row.kind -eq 'Floor' ? 'floor' : ($row.kind -eq 'Informational' ? 'info' : $row.result)))))
}

Write-Host ''
Write-Host "LlamaLog Bench — $machine"
Write-Host "$command; $Runs runs per scenario, each a fresh pwsh, timed at its steady speed after a warm-up; ratios are of medians from this run."
Write-Host "µs per message: $ClockName of the loop$($ThreadClock ? ' (user + system, clock_gettime); wall: the median wall-clock time' : '')."
if ($null -ne $loadStart) {
    Write-Host "Load average (1 min) at the start $(Format-Number $loadStart), at the end $(Format-Number $loadEnd)$(($loadStart -gt [Environment]::ProcessorCount -or $loadEnd -gt [Environment]::ProcessorCount) ? ': other processes were busy, the numbers are noisier than usual' : '')."
}
Write-Host ''
$lines | ForEach-Object { Write-Host $_ }
Write-Host ''

# Each scenario against its floor: what is left of the ratio once binding and the kernel's part are taken out. The
# two come from separate processes, so where their ranges of runs overlap the difference is within the noise.
$floorLines = [System.Collections.Generic.List[string]]::new()
foreach ($floor in @($rows | Where-Object { $_.kind -eq 'Floor' -and $null -ne $_.ratio })) {
    $scenarioId = ($all | Where-Object { $_.Id -eq $floor.id }).FloorOf
    $of = $rows | Where-Object { $_.id -eq $scenarioId -and $null -ne $_.ratio }
    if ($of) {
        $own = $of.median - $floor.median
        $overlap = $of.min -le $floor.max -and $floor.min -le $of.max
        $ownText = ($overlap -or $own -le 0) ? 'within the noise (the two ranges overlap)' :
            ('{0}× ({1} µs per message)' -f (Format-Number ($of.ratio - $floor.ratio)), (Format-Number $own))
        $floorLines.Add(('{0}: {1}× its yardstick ({2}–{3} µs); its floor ({4}) {5}× ({6}–{7} µs); LlamaLog''s own work {8}.' -f
                $of.title, (Format-Number $of.ratio), (Format-Number $of.min), (Format-Number $of.max), $floor.title,
                (Format-Number $floor.ratio), (Format-Number $floor.min), (Format-Number $floor.max), $ownText))
    }
}
if ($floorLines.Count) {
    $floorLines | ForEach-Object { Write-Host $_ }
    Write-Host ''
}
function Format-PairedRatio($Row) {
    if ($null -eq $Row.pairedMedian) { return '' }
    '{0}× ({1}–{2})' -f (Format-Number $Row.pairedMedian), (Format-Number $Row.pairedMin), (Format-Number $Row.pairedMax)
}

# Against the baseline: both builds' runs of a scenario came from the same rounds, one right after the other.
$baselineRows = @(foreach ($scenario in $compared) {
        $current = @($results[$scenario.Id] | ForEach-Object us)
        $before = @($baselineResults[$scenario.Id] | ForEach-Object us)
        if ($current.Count -eq 0 -or $before.Count -eq 0) { continue }
        $row = [ordered]@{
            id = $scenario.Id; title = $scenario.Title
            runs = $current; median = Get-Median $current
            min = ($current | Measure-Object -Minimum).Minimum; max = ($current | Measure-Object -Maximum).Maximum
            baselineRuns = $before; baselineMedian = Get-Median $before
            baselineMin = ($before | Measure-Object -Minimum).Minimum; baselineMax = ($before | Measure-Object -Maximum).Maximum
            ratio = $null; pairedRatios = @(); pairedMedian = $null; pairedMin = $null; pairedMax = $null; verdict = ''
        }
        $row.ratio = $row.median / $row.baselineMedian
        # Each round's two runs came one right after the other: their ratio leaves out what drifts between rounds.
        if ($current.Count -eq $before.Count) {
            $row.pairedRatios = @(0..($current.Count - 1) | ForEach-Object { $current[$_] / $before[$_] })
            $row.pairedMedian = Get-Median $row.pairedRatios
            $row.pairedMin = ($row.pairedRatios | Measure-Object -Minimum).Minimum
            $row.pairedMax = ($row.pairedRatios | Measure-Object -Maximum).Maximum
        }
        $row.verdict = ($row.min -le $row.baselineMax -and $row.baselineMin -le $row.max) ? 'within the noise (the ranges overlap)' :
            ($row.min -gt $row.baselineMax ? 'slower (every run above the baseline''s)' : 'faster (every run below the baseline''s)')
        [pscustomobject]$row
    })
if ($Baseline) {
    $Baseline.scenarios = $baselineRows
    Write-Host "Against the baseline $BaselineModule (same Bench, runs interleaved; µs/msg median (min–max); ratio of medians, this build / baseline; paired: each round's two runs' ratio, median (min–max)):"
    $baselineFormat = '{0,-44} {1,22} {2,22} {3,7} {4,20}  {5}'
    Write-Host ($baselineFormat -f 'Scenario', 'this build', 'baseline', 'ratio', 'paired', '')
    foreach ($row in $baselineRows) {
        Write-Host ($baselineFormat -f $row.title, ('{0} ({1}–{2})' -f (Format-Number $row.median), (Format-Number $row.min), (Format-Number $row.max)),
                ('{0} ({1}–{2})' -f (Format-Number $row.baselineMedian), (Format-Number $row.baselineMin), (Format-Number $row.baselineMax)),
                ((Format-Number $row.ratio) + '×'), (Format-PairedRatio $row), $row.verdict)
    }
    Write-Host ''
}

$warmups = @($results.Values | ForEach-Object { $_ } | Where-Object { $null -ne $_.warmupSeconds })
if ($warmups.Count) {
    $unsettled = @($warmups | Where-Object { -not $_.warmupSettled }).Count
    Write-Host "Warm-up before each timed run: median $(Format-Number (Get-Median @($warmups.warmupSeconds)) '0.0') s (at least $MinWarmupSeconds s, then until the speed settles; $unsettled of $($warmups.Count) runs reached the $MaxWarmupSeconds s limit first)."
}
Write-Host "Module import (Import-Module, fresh pwsh): median $(Format-Number $importMedian '0.0') ms (min $(Format-Number $importMin '0.0'), max $(Format-Number $importMax '0.0')) over $($importTimes.Count) processes."
if ($otlpRate) {
    Write-Host ("OTLP delivery rate, {0:N0} records per run (median of 3): LlamaLog {1:N0}/s, bare SDK from C# {2:N0}/s: {3}× (target ≥ 0.9×)  {4}" -f $otlpRate.records, $otlpRate.llamaLogPerSecond, $otlpRate.sdkPerSecond, (Format-Number $otlpRate.ratio), $otlpRate.result)
}
if ($memory) {
    Write-Host ("Memory, {0:N0} records through Write-LlamaLog (file only, {1} µs/record) in one process:" -f $memory.records, (Format-Number $memory.microsecondsPerRecord))
    Write-Host ("  managed heap after warm-up {0:N0} B, at the end {1:N0} B: growth {2:N0} B (target ≤ {3:N0} B, i.e. none per record)  {4}" -f $memory.heapAfterWarmupBytes, $memory.heapEndBytes, $memory.heapGrowthBytes, $memory.maxHeapGrowthBytes, $memory.heapResult)
    Write-Host ("  peak working set {0:N1} MB, idle pwsh with the module {1:N1} MB: {2:N1} MB above (target ≤ {3:N0} MB)  {4}" -f ($memory.peakWorkingSetBytes / 1MB), ($memory.idlePeakWorkingSetBytes / 1MB), ($memory.peakAboveIdleBytes / 1MB), ($memory.maxPeakAboveIdleBytes / 1MB), $memory.peakResult)
}
$propertyText = $null
if ($propertyBinding) {
    $propertyText = ('-Property''s cost to a call without it (the binding floor with and without the parameter, interleaved in one process, {0:N0} calls each × {1} runs; a run''s difference is the median over its pairs of blocks): {2} ns per call, median of the runs (min {3}, max {4}; with {5} µs, without {6} µs per call); target ≤ {7} ns  {8}' -f
        $propertyBinding.calls, $propertyBinding.runs, (Format-Number $propertyBinding.medianDifference '0'), (Format-Number $propertyBinding.minDifference '0'),
        (Format-Number $propertyBinding.maxDifference '0'), (Format-Number ($propertyBinding.withMedian / 1000)), (Format-Number ($propertyBinding.withoutMedian / 1000)),
        $propertyBinding.maxDifferenceNanoseconds, $propertyBinding.result)
    Write-Host $propertyText
}

# ---- BenchmarkDotNet, full runs only: the engine's pieces, with allocations.
$bdn = $null
if (-not $Quick -and -not $NoBenchmarkDotNet) {
    Write-Host ''
    Write-Host 'BenchmarkDotNet (bench/LlamaLog.Benchmarks, --job short): a few minutes…'
    Write-Host ''
    $artifacts = Join-Path $OutputPath 'BenchmarkDotNet.Artifacts'
    if (Test-Path $artifacts) { Remove-Item $artifacts -Recurse -Force }
    $bdnLog = Join-Path $OutputPath 'benchmarkdotnet.log'
    $bdnClock = [System.Diagnostics.Stopwatch]::StartNew()
    # The filter is a quoted literal: PowerShell on Unix globs a bare word or a variable's '*' against the files here.
    # The short job with 250 ms iterations keeps the 26 benchmarks to about two and a half minutes here.
    & dotnet run -c Release --project (Join-Path $BenchDir 'LlamaLog.Benchmarks') -- --filter "*" --job short --iterationTime 250 --artifacts $artifacts *> $bdnLog
    $bdnExit = $LASTEXITCODE
    $reports = @(Get-ChildItem (Join-Path $artifacts 'results') -Filter '*-report-github.md' -ErrorAction SilentlyContinue | Sort-Object Name)
    if ($bdnExit -ne 0 -or $reports.Count -eq 0) {
        $Problems.Add("BenchmarkDotNet failed (exit code $bdnExit); its output is in $bdnLog.")
    }
    else {
        # Each report repeats the environment block: show it once, then each class's table under its name.
        $first = Get-Content $reports[0].FullName
        $fences = @(0..($first.Count - 1) | Where-Object { $first[$_].StartsWith('```') })
        $summary = [System.Collections.Generic.List[string]]::new()
        if ($fences.Count -ge 2) { $first[($fences[0] + 1)..($fences[1] - 1)] | Where-Object { $_.Trim() } | ForEach-Object { $summary.Add($_) } }
        foreach ($report in $reports) {
            $summary.Add('')
            $summary.Add(($report.Name -replace '^LlamaLog\.Benchmarks\.', '' -replace '-report-github\.md$', ''))
            Get-Content $report.FullName | Where-Object { $_ -like '|*' } | ForEach-Object { $summary.Add(($_ -replace '\*\*', '')) }
        }
        $bdn = [ordered]@{ seconds = $bdnClock.Elapsed.TotalSeconds; log = $bdnLog; reports = @($reports.FullName); summary = ($summary -join "`n") }
        $summary | ForEach-Object { Write-Host $_ }
    }
}

# ---- JSON, Markdown, chart.
$report = [ordered]@{
    schema          = 1
    date            = [DateTime]::UtcNow.ToString('o', $Invariant)
    machine         = $machine
    cores           = [Environment]::ProcessorCount
    command         = $command
    quick           = [bool]$Quick
    filter          = @($Filter)
    runsPerScenario = $Runs
    baseCount       = $BaseCount
    warmupSeconds   = [ordered]@{ min = $MinWarmupSeconds; max = $MaxWarmupSeconds }
    clock           = $ClockName
    seconds         = $scenarioSeconds
    loadAverage     = [ordered]@{ start = $loadStart; end = $loadEnd }
    importMs        = [ordered]@{ median = $importMedian; min = $importMin; max = $importMax; processes = $importTimes.Count }
    scenarios       = @($rows)
    memory          = $memory
    otlpRate        = $otlpRate
    propertyBinding = $propertyBinding
    baseline        = $Baseline
    benchmarkDotNet = $bdn
    floors          = @($floorLines)
    problems        = @($Problems)
}
$report | ConvertTo-Json -Depth 6 | Set-Content -Path (Join-Path $OutputPath 'bench.json') -Encoding utf8NoBOM

$markdown = [System.Collections.Generic.List[string]]::new()
$markdown.Add("Machine: $machine. Command: ``$command`` ($Runs runs per scenario, each a fresh pwsh; N per run as shown; µs per message: $ClockName of the loop, median (min–max) of the runs, and the median wall time).")
$markdown.Add('')
$markdown.Add('| Scenario | N | µs/msg median (min–max) | wall µs/msg | B/msg | Yardstick | Ratio | Target | Result |')
$markdown.Add('|---|---:|---:|---:|---:|---|---:|---|---|')
foreach ($row in $rows) {
    $cell = $null -ne $row.median ? ('{0} ({1}–{2})' -f (Format-Number $row.median), (Format-Number $row.min), (Format-Number $row.max)) : 'n/a'
    $markdown.Add(('| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7} | {8} |' -f ($row.title -replace '\|', '\|'), $row.n, $cell,
            ($null -ne $row.wallMedian ? (Format-Number $row.wallMedian) : ''),
            ($null -ne $row.bytesPerMessage ? (Format-Number $row.bytesPerMessage '0') : ''), (($row.yardstickTitle ?? '') -replace '\|', '\|'),
            ($null -ne $row.ratio ? (Format-Number $row.ratio) + '×' : ''), $row.targetText, ($row.kind -eq 'Yardstick' ? '' : ($row.kind -eq 'Floor' ? 'floor' : ($row.kind -eq 'Informational' ? 'info' : $row.result)))))
}
if ($memory) {
    $markdown.Add('')
    $markdown.Add(('Memory, {0:N0} records (Write-LlamaLog, file only, one process): managed heap growth after warm-up {1:N0} B ({2}); peak working set {3:N1} MB above an idle pwsh with the module imported ({4}).' -f $memory.records, $memory.heapGrowthBytes, $memory.heapResult, ($memory.peakAboveIdleBytes / 1MB), $memory.peakResult))
}
if ($propertyText) {
    $markdown.Add('')
    $markdown.Add($propertyText)
}
if ($floorLines.Count) {
    $markdown.Add('')
    $floorLines | ForEach-Object { $markdown.Add("- $_") }
}
if ($Baseline) {
    $markdown.Add('')
    $markdown.Add("Against the baseline ``$BaselineModule`` in the same Bench, runs interleaved (µs/msg median (min–max); ratio of medians, this build / baseline; paired: the ratio of each round's two runs, median (min–max)):")
    $markdown.Add('')
    $markdown.Add('| Scenario | This build | Baseline | Ratio | Paired ratio | |')
    $markdown.Add('|---|---:|---:|---:|---:|---|')
    foreach ($row in $baselineRows) {
        $markdown.Add(('| {0} | {1} ({2}–{3}) | {4} ({5}–{6}) | {7}× | {8} | {9} |' -f ($row.title -replace '\|', '\|'), (Format-Number $row.median), (Format-Number $row.min),
                (Format-Number $row.max), (Format-Number $row.baselineMedian), (Format-Number $row.baselineMin), (Format-Number $row.baselineMax),
                (Format-Number $row.ratio), (Format-PairedRatio $row), $row.verdict))
    }
}
$markdown | Set-Content -Path (Join-Path $OutputPath 'bench.md') -Encoding utf8NoBOM

$chartPath = $Full ? (Join-Path $Root 'docs/bench.svg') : (Join-Path $OutputPath 'bench.svg')
$null = New-Item -ItemType Directory -Force -Path (Split-Path $chartPath)
$subtitle = @($machine, "$command, $Runs runs per scenario, each a fresh pwsh; $([DateTime]::UtcNow.ToString('yyyy-MM-dd', $Invariant))")
# A run of only the memory or -Property measurements has no scenario rows to chart.
if (@($rows).Count) { New-Chart -Rows $rows -Subtitle $subtitle | Set-Content -Path $chartPath -Encoding utf8NoBOM -NoNewline } else { $chartPath = 'no chart' }

Write-Host ''
Write-Host "Wrote $(Join-Path $OutputPath 'bench.json'), $(Join-Path $OutputPath 'bench.md') and $chartPath ($(Format-Number $started.Elapsed.TotalSeconds '0') s)."

if ($Problems.Count -gt 0) {
    Write-Host ''
    Write-Host "Bench FAILED: $($Problems.Count) problem(s):"
    $Problems | ForEach-Object { Write-Host "  $_" }
    exit 1
}
