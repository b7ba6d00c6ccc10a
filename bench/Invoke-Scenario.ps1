<#
.SYNOPSIS
    One run of one Bench scenario, in a fresh pwsh started by Invoke-Benchmarks.ps1.
.DESCRIPTION
    Imports the module (timed on its own), warms the scenario up on a separate log file, then times N messages
    and writes the result as JSON to -ResultPath. -Id memory runs the memory scenario; -Id idle measures an idle
    pwsh with the module imported; -Id property-binding times the two binding floors, with and without -Property,
    interleaved in this one process (-Count calls each per run, -Runs runs). Scenarios are defined in Scenarios.psd1.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Id,
    [Parameter(Mandatory)] [string] $ResultPath,
    [int] $Count = 1000,
    # The warm-up lasts at least this long, then until the speed stops improving, but no longer than the maximum.
    [double] $MinWarmupSeconds = 2.0,
    [double] $MaxWarmupSeconds = 8.0,
    [string] $LogFile,
    # The Bench's support assembly (EngineLoops.cs and ThreadClock.cs, compiled once by Invoke-Benchmarks.ps1);
    # without it, this script compiles them itself.
    [string] $SupportAssembly,
    # -Id property-binding: how many runs of -Count calls to each floor.
    [int] $Runs = 5
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$clock = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module $ModuleManifest
$importMs = $clock.Elapsed.TotalMilliseconds

$definitions = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'Scenarios.psd1')

function Invoke-Code {
    # Runs a Scenarios.psd1 snippet here, where $logFile is visible to it; returns what it outputs.
    param([string] $Code, [string] $logFile)
    if ([string]::IsNullOrWhiteSpace($Code)) { return $null }
    & ([scriptblock]::Create($Code))
}

if ($SupportAssembly) {
    Add-Type -Path $SupportAssembly
}
else {
    . (Join-Path $PSScriptRoot 'BenchSupport.ps1')
    $compilation = Get-BenchSupportCompilation -ModuleManifest $ModuleManifest
    Add-Type @compilation
}

# The loop's thread CPU time (ThreadClock.cs; -1 where there is none), read by direct method calls around the
# loop: a script function call there would add its own compilation to the time. Called once now to bind it.
$null = [LlamaLogBench.ThreadClock]::Nanoseconds()

function Clear-Heap {
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    [GC]::Collect()
}

function Write-Result([hashtable] $Result) {
    $Result.importMs = $importMs
    $Result | ConvertTo-Json -Depth 5 | Set-Content -Path $ResultPath -Encoding utf8NoBOM
}

if ($Id -eq 'idle') {
    Clear-Heap
    Write-Result @{
        id                = 'idle'
        heapBytes         = [GC]::GetTotalMemory($true)
        peakWorkingSet    = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    }
    return
}

if ($Id -eq 'memory') {
    $memory = $definitions.Memory
    $body = [scriptblock]::Create($memory.Body)
    $x = Invoke-Code $memory.Open "$LogFile.warmup"
    # At least the configured records and MinWarmupSeconds: compiled code and caches settle first (see below).
    $warmed = 0
    $clock.Restart()
    do {
        $null = & $body $memory.Warmup $x
        $warmed += $memory.Warmup
    } while ($clock.Elapsed.TotalSeconds -lt $MinWarmupSeconds)
    $x = Invoke-Code $memory.Open $LogFile
    $heapAfterWarmup = [GC]::GetTotalMemory($true)
    # The records go in equal chunks, with a full collection after each, so the heap's trend is visible.
    $chunk = [int][Math]::Ceiling($Count / $memory.Samples)
    $samples = [System.Collections.Generic.List[long]]::new()
    $written = 0
    $clock.Restart()
    while ($written -lt $Count) {
        $n = [Math]::Min($chunk, $Count - $written)
        $null = & $body $n $x
        $written += $n
        $samples.Add([GC]::GetTotalMemory($true))
    }
    $elapsed = $clock.Elapsed.TotalMilliseconds
    Write-Result @{
        id               = 'memory'
        count            = $Count
        warmup           = $warmed
        elapsedMs        = $elapsed
        heapAfterWarmup  = $heapAfterWarmup
        heapSamples      = $samples.ToArray()
        heapEnd          = $samples[$samples.Count - 1]
        peakWorkingSet   = [System.Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
    }
    return
}

# The floor scenarios' cmdlets (FloorCommands.cs); not in the idle and memory processes, which measure the module.
Import-Module -Assembly ([LlamaLogBench.SyscallFloor].Assembly)

if ($Id -eq 'property-binding') {
    # The two floors in blocks that alternate A B, B A, so a drift of the machine's speed within a run touches both
    # alike; each block is timed on the thread's CPU clock. Warm-up as below, on both floors, until their sum is steady.
    $binding = $definitions.PropertyBinding
    $with = [scriptblock]::Create($binding.With)
    $without = [scriptblock]::Create($binding.Without)
    $block = [Math]::Max(1, [Math]::Min($binding.Block, $Count))
    $warmBlock = [Math]::Min($block, 5000)
    $best = [double]::MaxValue
    $improved = 0.0
    $settled = $false
    $clock.Restart()
    while ($true) {
        $cpuStart = [LlamaLogBench.ThreadClock]::Nanoseconds()
        $null = & $with $warmBlock $null
        $null = & $without $warmBlock $null
        $perCall = ([LlamaLogBench.ThreadClock]::Nanoseconds() - $cpuStart) / $warmBlock
        $seconds = $clock.Elapsed.TotalSeconds
        if ($perCall -lt $best * 0.98) { $improved = $seconds }
        $best = [Math]::Min($best, $perCall)
        $settled = $seconds -ge $MinWarmupSeconds -and $seconds - $improved -ge 0.75
        if ($settled -or $seconds -ge $MaxWarmupSeconds) { break }
    }
    $warmupSeconds = $clock.Elapsed.TotalSeconds

    $measured = [System.Collections.Generic.List[object]]::new()
    for ($run = 1; $run -le $Runs; $run++) {
        [long] $withNs = 0; [long] $withoutNs = 0; [long] $calls = 0
        # Per pair of neighbouring blocks, the difference per call: their median is the run's difference, which a
        # burst of another process's load in one block cannot move much (the sums above are reported as well).
        $pairs = [System.Collections.Generic.List[double]]::new()
        $pairIndex = 0
        while ($calls -lt $Count) {
            $n = [int][Math]::Min($block, $Count - $calls)
            # A B, then B A: neither floor always runs first.
            $withFirst = $pairIndex % 2 -eq 0
            $cpu0 = [LlamaLogBench.ThreadClock]::Nanoseconds()
            $null = & ($withFirst ? $with : $without) $n $null
            $cpu1 = [LlamaLogBench.ThreadClock]::Nanoseconds()
            $null = & ($withFirst ? $without : $with) $n $null
            $cpu2 = [LlamaLogBench.ThreadClock]::Nanoseconds()
            $spentWith = $withFirst ? $cpu1 - $cpu0 : $cpu2 - $cpu1
            $spentWithout = $withFirst ? $cpu2 - $cpu1 : $cpu1 - $cpu0
            $withNs += $spentWith; $withoutNs += $spentWithout; $calls += $n
            $pairs.Add(($spentWith - $spentWithout) / $n)
            $pairIndex++
        }
        $sorted = [double[]]($pairs | Sort-Object)
        $middle = [int][Math]::Floor($sorted.Count / 2)
        $median = ($sorted.Count % 2) ? $sorted[$middle] : ($sorted[$middle - 1] + $sorted[$middle]) / 2
        $measured.Add(@{
                withNanosecondsPerCall = $withNs / $calls; withoutNanosecondsPerCall = $withoutNs / $calls
                differenceNanosecondsPerCall = $median; pairs = $pairs.Count
            })
    }

    Write-Result @{
        id            = 'property-binding'
        count         = $Count
        block         = $block
        warmupSeconds = $warmupSeconds
        warmupSettled = $settled
        runs          = $measured.ToArray()
    }
    return
}

$scenario = $definitions.Scenarios | Where-Object { $_.Id -eq $Id }
if (-not $scenario) { throw "No scenario '$Id' in Scenarios.psd1." }

$body = [scriptblock]::Create($scenario.Body)
$close = $scenario['Close']

# Warm-up, on its own log file, until the loop runs at its steady speed. After start-up, .NET recompiles the hot
# methods of PowerShell and of the module with full optimization (tiered compilation) in waves over a second or
# two, and a cmdlet call gets 3 to 5 times cheaper: Write-Verbose in a loop goes from ~40 µs to ~9 µs of CPU.
# Timing the first second would measure the JIT, not the code. So: at least MinWarmupSeconds, then until the
# speed per message has not improved by 2% for SettleSeconds (in time, not batches: a plateau between two waves
# of recompilation lasts a few hundred ms, many small batches), and no longer than MaxWarmupSeconds.
$SettleSeconds = 0.75
$x = Invoke-Code $scenario.Open "$LogFile.warmup"
$batch = [Math]::Max(200, [int]($Count / 10))
$warmed = 0
$best = [double]::MaxValue
$improved = 0.0
$firstBatch = $null
$settled = $false
$clock.Restart()
while ($true) {
    $cpuStart = [LlamaLogBench.ThreadClock]::Nanoseconds()
    $wallStart = $clock.Elapsed.TotalMilliseconds
    $null = & $body $batch $x
    $cpuEnd = [LlamaLogBench.ThreadClock]::Nanoseconds()
    $perMessage = $cpuStart -ge 0 ? ($cpuEnd - $cpuStart) / 1000 / $batch : ($clock.Elapsed.TotalMilliseconds - $wallStart) * 1000 / $batch
    if ($null -eq $firstBatch) { $firstBatch = $perMessage }
    $warmed += $batch
    $seconds = $clock.Elapsed.TotalSeconds
    if ($perMessage -lt $best * 0.98) { $improved = $seconds }
    $best = [Math]::Min($best, $perMessage)
    $settled = $seconds -ge $MinWarmupSeconds -and $seconds - $improved -ge $SettleSeconds
    if ($settled -or $seconds -ge $MaxWarmupSeconds) { break }
}
$warmupSeconds = $clock.Elapsed.TotalSeconds
if ($close) { Invoke-Code $close | Out-Null }

$x = Invoke-Code $scenario.Open $LogFile
Clear-Heap
$gen0 = [GC]::CollectionCount(0)
$gen2 = [GC]::CollectionCount(2)
$allocated = [GC]::GetTotalAllocatedBytes($true)
$cpuStart = [LlamaLogBench.ThreadClock]::Nanoseconds()
$clock.Restart()
$null = & $body $Count $x
$elapsed = $clock.Elapsed.TotalMilliseconds
$cpuEnd = [LlamaLogBench.ThreadClock]::Nanoseconds()
$cpu = $cpuStart -ge 0 ? ($cpuEnd - $cpuStart) / 1e6 : $null
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocated
$gen0 = [GC]::CollectionCount(0) - $gen0
$gen2 = [GC]::CollectionCount(2) - $gen2
if ($close) { Invoke-Code $close | Out-Null }

Write-Result @{
    id             = $Id
    count          = $Count
    warmup         = $warmed
    warmupSeconds  = $warmupSeconds
    warmupSettled  = $settled
    firstBatchUs   = $firstBatch
    elapsedMs      = $elapsed
    cpuMs          = $cpu
    allocatedBytes = $allocated
    gen0           = $gen0
    gen2           = $gen2
}
