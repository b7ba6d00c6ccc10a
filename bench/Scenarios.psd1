# The Bench scenarios, read by Invoke-Benchmarks.ps1 (what to compare, targets, checks) and by Invoke-Scenario.ps1
# (what to run, in a fresh pwsh per run). The [LlamaLogBench.*] types are EngineLoops.cs and FloorCommands.cs
# (with the floor cmdlets), loaded in every run.
#
# Each scenario runs as:  $x = Open (warm-up log)  ->  & Body $count $x until the warm-up
# time is spent  ->  Close  ->  $x = Open (measured log)  ->  & Body N $x, timed  ->  Close.
# Body is a script block `param($n, $x)`: everything it touches is a parameter or local, as in a script's own
# loop, so variable look-up through scopes is not part of the cost. Every message is "m $i" (the pipeline forms
# log the number itself, as `1..N | Write-Verbose` does), so the yardsticks build the same strings.
#
# Scale multiplies the run's N for scenarios of a few µs, so each timed run lasts long enough to measure.
# LinePattern: the scenario writes $logFile, which must hold exactly N lines, each matching the pattern whole.
# Targets: Target (a ratio to the yardstick's median), TargetMicroseconds (an absolute median), or
# TargetExtraMicroseconds (at most this much more per message than the yardstick's median: the cost of one feature).
# HostLines: 0 = nothing may reach the host; 'N' = at least N lines must (the host scenarios really wrote); 'Any' =
# not checked: an OTLP scenario writes faster than its receiver takes records (~12,000/s), so its queue fills during
# the warm-up and LlamaLog's notices of dropped records reach the host, as they should.
# Receiver: 'Otlp' when the scenario exports to an OTLP receiver: the harness starts the Aspire dashboard (as the
# tests do, tests/Pester/OtlpReceiver.ps1) and passes its http/protobuf URL as $env:LLAMALOG_BENCH_OTLP_ENDPOINT.
# Kind: Yardstick (PowerShell's or .NET's own), LlamaLog (with a target), or Floor: the same call shape as the
# LlamaLog scenario named by FloorOf, made to a cmdlet that takes Write-LlamaLog's parameters and does only the work
# no implementation can skip (FloorCommands.cs); no target, it shows how much of the scenario is PowerShell and the
# kernel. Platform: the scenario runs only there (the syscall floors copy the Linux file sink).
@{
    Scenarios = @(
        # ---- Yardsticks: PowerShell's own cmdlets and plain .NET writes, measured in the same Bench run.
        @{
            Id        = 'verbose-loop'
            Title     = 'Write-Verbose (off), foreach'
            Kind      = 'Yardstick'
            Scale     = 1
            Open      = ''
            Body      = 'param($n, $x) foreach ($i in 1..$n) { Write-Verbose "m $i" }'
            HostLines = 0
        }
        @{
            Id        = 'verbose-pipeline'
            Title     = 'Write-Verbose (off), 1..N | Write-Verbose'
            Kind      = 'Yardstick'
            Scale     = 1
            Open      = ''
            Body      = 'param($n, $x) 1..$n | Write-Verbose'
            HostLines = 0
        }
        @{
            # Goes through the host like LlamaLog's host scenarios: the child's standard output is a file.
            Id        = 'host-loop'
            Title     = 'Write-Host, foreach'
            Kind      = 'Yardstick'
            Scale     = 1
            Open      = ''
            Body      = 'param($n, $x) foreach ($i in 1..$n) { Write-Host "m $i" }'
            HostLines = 'N'
        }
        @{
            # Buffered, no flush per line: what a script that writes its own log file typically does.
            Id          = 'streamwriter-ps'
            Title       = '$sw.WriteLine() from PowerShell'
            Kind        = 'Yardstick'
            Scale       = 5
            Open        = '[System.IO.StreamWriter]::new($logFile, $false, [System.Text.UTF8Encoding]::new($false))'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.WriteLine("m $i") }'
            Close       = '$x.Dispose()'
            LinePattern = '^m \d+$'
            HostLines   = 0
        }
        @{
            Id          = 'csharp-flush'
            Title       = 'C# loop: formatted line, flush per line'
            Kind        = 'Yardstick'
            Scale       = 5
            Open        = '[LlamaLogBench.FlushPerLineRun]::new($logFile)'
            Body        = 'param($n, $x) $x.Run($n)'
            Close       = '$x.Dispose()'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:1 core: m \d+$'
            HostLines   = 0
        }

        # ---- LlamaLog: Write-LlamaLog.
        @{
            Id        = 'write-filtered-loop'
            Title     = 'Write-LlamaLog filtered out, foreach'
            Kind      = 'LlamaLog'
            Scale     = 1
            Open      = 'Initialize-LlamaLog'
            Body      = 'param($n, $x) foreach ($i in 1..$n) { Write-LlamaLog "m $i" -Level Debug -Category core }'
            HostLines = 0
            Yardstick = 'verbose-loop'
            Target    = 1.1
        }
        @{
            # The floor: a cmdlet with Write-LlamaLog's parameters that does nothing (FloorCommands.cs).
            Id        = 'floor-binding-loop'
            Title     = 'Floor: binding alone, foreach'
            Kind      = 'Floor'
            FloorOf   = 'write-filtered-loop'
            Scale     = 1
            Open      = ''
            Body      = 'param($n, $x) foreach ($i in 1..$n) { Write-FloorNop "m $i" -Level Debug -Category core }'
            HostLines = 0
            Yardstick = 'verbose-loop'
        }
        @{
            Id        = 'write-filtered-pipeline'
            Title     = 'Write-LlamaLog filtered out, pipeline'
            Kind      = 'LlamaLog'
            Scale     = 1
            Open      = 'Initialize-LlamaLog'
            Body      = 'param($n, $x) 1..$n | Write-LlamaLog -Level Debug -Category core'
            HostLines = 0
            Yardstick = 'verbose-pipeline'
            Target    = 1.1
        }
        @{
            Id          = 'write-file-loop'
            Title       = 'Write-LlamaLog file only, foreach'
            Kind        = 'LlamaLog'
            Scale       = 1
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { Write-LlamaLog "m $i" -Category core }'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: m \d+$'
            HostLines   = 0
            Yardstick   = 'verbose-loop'
            Target      = 1.3
        }
        @{
            # OTLP export on (issue 14): the record is also queued for the exporter's background thread. Against the
            # dashboard the harness starts (Receiver); the close delivers what is queued, untimed.
            Id          = 'write-file-otlp-loop'
            Title       = 'Write-LlamaLog file + OTLP, foreach'
            Kind        = 'LlamaLog'
            Receiver    = 'Otlp'
            Scale       = 1
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None -OtlpEndpoint $env:LLAMALOG_BENCH_OTLP_ENDPOINT'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { Write-LlamaLog "m $i" -Category core }'
            Close       = 'Initialize-LlamaLog -Console None'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: m \d+$'
            HostLines   = 'Any'
            Yardstick   = 'write-file-loop'
            Target      = 1.1
        }
        @{
            # The floor: Write-LlamaLog's parameters bound, then one ioctl (rotation watch) and one write per record.
            Id          = 'floor-syscalls-loop'
            Title       = 'Floor: binding + 2 syscalls, foreach'
            Kind        = 'Floor'
            FloorOf     = 'write-file-loop'
            Platform    = 'Linux'
            Scale       = 1
            Open        = '[LlamaLogBench.SyscallFloor]::Open($logFile)'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { Write-FloorSys "m $i" -Category core }'
            Close       = '$x.Dispose()'
            LinePattern = '^m \d+$'
            HostLines   = 0
            Yardstick   = 'verbose-loop'
        }
        @{
            Id          = 'write-file-pipeline'
            Title       = 'Write-LlamaLog file only, pipeline'
            Kind        = 'LlamaLog'
            Scale       = 1
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None'
            Body        = 'param($n, $x) 1..$n | Write-LlamaLog -Category core'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: \d+$'
            HostLines   = 0
            Yardstick   = 'verbose-pipeline'
            Target      = 2.0
        }
        @{
            Id          = 'floor-syscalls-pipeline'
            Title       = 'Floor: binding + 2 syscalls, pipeline'
            Kind        = 'Floor'
            FloorOf     = 'write-file-pipeline'
            Platform    = 'Linux'
            Scale       = 1
            Open        = '[LlamaLogBench.SyscallFloor]::Open($logFile)'
            Body        = 'param($n, $x) 1..$n | Write-FloorSys -Category core'
            Close       = '$x.Dispose()'
            LinePattern = '^\d+$'
            HostLines   = 0
            Yardstick   = 'verbose-pipeline'
        }
        @{
            Id          = 'write-hostfile-loop'
            Title       = 'Write-LlamaLog host + file, foreach'
            Kind        = 'LlamaLog'
            Scale       = 1
            Open        = 'Initialize-LlamaLog -LogFile $logFile'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { Write-LlamaLog "m $i" -Category core }'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: m \d+$'
            HostLines   = 'N'
            Yardstick   = 'host-loop'
            Target      = 1.3
        }
        @{
            # The floor: the file floor, then Write-Host's own work with the plain message (no rendering).
            Id          = 'floor-hostsyscalls-loop'
            Title       = 'Floor: binding + 2 syscalls + Write-Host, foreach'
            Kind        = 'Floor'
            FloorOf     = 'write-hostfile-loop'
            Platform    = 'Linux'
            Scale       = 1
            Open        = '[LlamaLogBench.SyscallFloor]::Open($logFile)'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { Write-FloorHst "m $i" -Category core }'
            Close       = '$x.Dispose()'
            LinePattern = '^m \d+$'
            HostLines   = 'N'
            Yardstick   = 'host-loop'
        }

        # ---- LlamaLog: logger objects (issue 8).
        @{
            Id        = 'logger-filtered'
            Title     = '$log.Debug() filtered out'
            Kind      = 'LlamaLog'
            Scale     = 5
            Open      = 'Initialize-LlamaLog; Get-LlamaLogger bench -Category core'
            Body      = 'param($n, $x) foreach ($i in 1..$n) { $x.Debug("m $i") }'
            HostLines = 0
            Yardstick = 'verbose-loop'
            Target    = 0.1
        }
        @{
            Id          = 'logger-file'
            Title       = '$log.Info() file only'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None; Get-LlamaLogger bench -Category core'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i") }'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:\d+ core: m \d+$'
            HostLines   = 0
            Yardstick   = 'verbose-loop'
            Target      = 0.5
        }
        @{
            Id          = 'logger-file-otlp'
            Title       = '$log.Info() file + OTLP'
            Kind        = 'LlamaLog'
            Receiver    = 'Otlp'
            Scale       = 5
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None -OtlpEndpoint $env:LLAMALOG_BENCH_OTLP_ENDPOINT; Get-LlamaLogger bench -Category core'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i") }'
            Close       = 'Initialize-LlamaLog -Console None'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:\d+ core: m \d+$'
            HostLines   = 'Any'
            Yardstick   = 'logger-file'
            Target      = 1.5
        }
        @{
            Id          = 'logger-hostfile'
            Title       = '$log.Info() host + file'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = 'Initialize-LlamaLog -LogFile $logFile; Get-LlamaLogger bench -Category core'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i") }'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:\d+ core: m \d+$'
            HostLines   = 'N'
            Yardstick   = 'host-loop'
            Target      = 0.6
        }

        # ---- LlamaLog: the engine alone, from C# (no PowerShell in the loop).
        @{
            Id          = 'engine-file'
            Title       = 'Engine (C#): format + markup + file'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = '[LlamaLogBench.EngineRun]::ForFile($logFile)'
            Body        = 'param($n, $x) $x.Run($n)'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:1 core: m \d+$'
            HostLines   = 0
            Yardstick   = 'csharp-flush'
            Target      = 2.0
        }
        @{
            # Rotation's size check (issue 16): the same records with -MaxSize set and never reached. The target is
            # what it may add to engine-file per record, not a ratio.
            Id          = 'engine-file-maxsize'
            Title       = 'Engine (C#): file with -MaxSize, not reached'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = '[LlamaLogBench.EngineRun]::ForFileWithMaxSize($logFile)'
            Body        = 'param($n, $x) $x.Run($n)'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:1 core: m \d+$'
            HostLines   = 0
            Yardstick   = 'engine-file'
            TargetExtraMicroseconds = 0.1
        }
        @{
            # Absolute target: no built-in renders Rich markup, so there is no yardstick.
            Id             = 'engine-host'
            Title          = 'Engine (C#): host rendering'
            Kind           = 'LlamaLog'
            Scale          = 5
            Open           = '[LlamaLogBench.EngineRun]::ForHost()'
            Body           = 'param($n, $x) $x.Run($n)'
            HostLines      = 0
            TargetMicroseconds = 10.0
        }
        # ---- LlamaLog: reading logs back (issue 15). Open compiles ReadingLoops.cs once per process unless the support
        # assembly already has it; the Bench's directory is the runner's $script:PSScriptRoot.
        @{
            Id                 = 'read-engine-text'
            Title              = 'Engine (C#): parse text lines'
            Kind               = 'LlamaLog'
            Scale              = 25
            Open               = '. { if (-not (''LlamaLogBench.ReadRun'' -as [type])) { $dll = Join-Path (Get-Module LlamaLog).ModuleBase ''LlamaLog.PowerShell.dll''; Add-Type -Path (Join-Path $script:PSScriptRoot ''ReadingLoops.cs'') -ReferencedAssemblies $dll, ''netstandard'', ''System.Runtime'', ''System.Runtime.Extensions'', ''System.Collections'', ''System.IO'', ''System.Text.Encoding.Extensions'' -CompilerOptions ''-optimize+'' } }; [LlamaLogBench.ReadRun]::Text()'
            Body               = 'param($n, $x) $null = $x.Run($n)'
            HostLines          = 0
            # 1,000,000 lines per second.
            TargetMicroseconds = 1.0
        }
        @{
            Id                 = 'read-engine-json'
            Title              = 'Engine (C#): parse JSON lines'
            Kind               = 'LlamaLog'
            Scale              = 25
            Open               = '. { if (-not (''LlamaLogBench.ReadRun'' -as [type])) { $dll = Join-Path (Get-Module LlamaLog).ModuleBase ''LlamaLog.PowerShell.dll''; Add-Type -Path (Join-Path $script:PSScriptRoot ''ReadingLoops.cs'') -ReferencedAssemblies $dll, ''netstandard'', ''System.Runtime'', ''System.Runtime.Extensions'', ''System.Collections'', ''System.IO'', ''System.Text.Encoding.Extensions'' -CompilerOptions ''-optimize+'' } }; [LlamaLogBench.ReadRun]::Json()'
            Body               = 'param($n, $x) $null = $x.Run($n)'
            HostLines          = 0
            # 500,000 lines per second.
            TargetMicroseconds = 2.0
        }
        @{
            # Reads a JSON file of as many records as the measured run counts ($script:Count, the runner's N; the
            # warm-up batches read the same file), its output discarded at the pipe (> $null), as the Import-LlamaLog scenario's is.
            Id        = 'read-getcontent-json'
            Title     = 'Get-Content | ConvertFrom-Json, JSON file'
            Kind      = 'Yardstick'
            Scale     = 50
            Open      = '. { if (-not (''LlamaLogBench.ReadRun'' -as [type])) { $dll = Join-Path (Get-Module LlamaLog).ModuleBase ''LlamaLog.PowerShell.dll''; Add-Type -Path (Join-Path $script:PSScriptRoot ''ReadingLoops.cs'') -ReferencedAssemblies $dll, ''netstandard'', ''System.Runtime'', ''System.Runtime.Extensions'', ''System.Collections'', ''System.IO'', ''System.Text.Encoding.Extensions'' -CompilerOptions ''-optimize+'' } }; [LlamaLogBench.ReadRun]::JsonFile("$logFile.jsonl", ($script:Count ?? 1000000))'
            Body      = 'param($n, $x) Get-Content -LiteralPath $x | ConvertFrom-Json > $null'
            HostLines = 0
        }
        @{
            Id        = 'read-import-json'
            Title     = 'Import-LlamaLog, JSON file'
            Kind      = 'LlamaLog'
            Scale     = 50
            Open      = '. { if (-not (''LlamaLogBench.ReadRun'' -as [type])) { $dll = Join-Path (Get-Module LlamaLog).ModuleBase ''LlamaLog.PowerShell.dll''; Add-Type -Path (Join-Path $script:PSScriptRoot ''ReadingLoops.cs'') -ReferencedAssemblies $dll, ''netstandard'', ''System.Runtime'', ''System.Runtime.Extensions'', ''System.Collections'', ''System.IO'', ''System.Text.Encoding.Extensions'' -CompilerOptions ''-optimize+'' } }; [LlamaLogBench.ReadRun]::JsonFile("$logFile.jsonl", ($script:Count ?? 1000000))'
            Body      = 'param($n, $x) Import-LlamaLog -LiteralPath $x > $null'
            HostLines = 0
            Yardstick = 'read-getcontent-json'
            # Ten times faster than PowerShell's own JSON reading.
            Target    = 0.1
        }
        # ---- LlamaLog: following a live log (issue 17). Import-LlamaLog -Follow runs in a runspace of its own on
        # $logFile; the loop appends one JSON line (a record complete on its own line: a text record waits for the
        # next record or 250 ms of quiet, by design) and spins until the follower has output it, so the time per
        # message is the latency from the write to the entry. The loop's thread spins, so its CPU time is that wall
        # time while it is not preempted; the wall column shows the latency itself. Scale: 100 records in a full
        # Bench, 10 with -Quick (each takes tens of milliseconds).
        @{
            Id                 = 'follow-latency'
            Title              = 'Import-LlamaLog -Follow: write to entry'
            Kind               = 'LlamaLog'
            Scale              = 0.005
            Open               = '. { $out = [System.Management.Automation.PSDataCollection[psobject]]::new(); [System.IO.File]::WriteAllText($logFile, "{`"event`": `"ready`"}`n"); $shell = [powershell]::Create(); $null = $shell.AddScript("Import-Module ''$((Get-Module LlamaLog).Path)''; Import-LlamaLog -LiteralPath ''$logFile'' -Follow -Format Json"); $null = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $out); while ($out.Count -lt 1) { Start-Sleep -Milliseconds 10 }; [pscustomobject]@{ Path = $logFile; Shell = $shell; Output = $out } }'
            Body               = 'param($n, $x) $line = "{`"category`": `"core`", `"event`": `"m`", `"level`": `"info`", `"logger`": `"bench`", `"timestamp`": `"2026-05-07T15:43:12.345678Z`"}`n"; $out = $x.Output; foreach ($i in 1..$n) { $target = $out.Count + 1; [System.IO.File]::AppendAllText($x.Path, $line); while ($out.Count -lt $target) { } }'
            Close              = '$x.Shell.Stop(); $x.Shell.Dispose()'
            HostLines          = 0
            # Median latency under 100 ms (each record within 250 ms in the issue).
            TargetMicroseconds = 100000
            # A build from before issue 17 has no -Follow.
            Baseline           = $false
        }
        # ---- end of the follow block.

        # ---- Issue 13 (structured records): JSON files and properties. Baseline = $false: a baseline module from
        # before issue 13 (Invoke-Benchmarks.ps1 -BaselineModule) has no JSON file and no properties to compare.
        # Kind Informational: a cost shown to users, with a yardstick for its ratio but no target.
        @{
            Id          = 'engine-json-file'
            Title       = 'Engine (C#): JSON file'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = '[LlamaLogBench.EngineRun]::ForJsonFile($logFile)'
            Body        = 'param($n, $x) $x.Run($n)'
            LinePattern = '^\{"category": "core", "event": "m \d+", "level": "info", "logger": "bench", "timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z", "lineno": 1\}$'
            HostLines   = 0
            Yardstick   = 'engine-file'
            Target      = 1.2
            Baseline    = $false
        }
        @{
            Id          = 'logger-json-file'
            Title       = '$log.Info() JSON file only'
            Kind        = 'LlamaLog'
            Scale       = 5
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None -FileFormat Json; Get-LlamaLogger bench -Category core'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i") }'
            LinePattern = '^\{"category": "core", "event": "m \d+", "level": "info", "logger": "bench", "timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z", "lineno": \d+\}$'
            HostLines   = 0
            Yardstick   = 'verbose-loop'
            Target      = 0.25
            Baseline    = $false
        }
        @{
            # The floor: the same method call on an object with a logger's overloads, then one ioctl and one write.
            Id          = 'floor-logger-syscalls'
            Title       = 'Floor: $x.Info() + 2 syscalls'
            Kind        = 'Floor'
            FloorOf     = 'logger-json-file'
            Platform    = 'Linux'
            Scale       = 5
            Open        = '[LlamaLogBench.LoggerFloor]::Open($logFile)'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i") }'
            Close       = '$x.Dispose()'
            LinePattern = '^\{"category": "core", "event": "m \d+", "level": "info", "logger": "bench", "timestamp": "2026-12-05T01:02:03\.456789Z", "lineno": 1\}$'
            HostLines   = 0
            Yardstick   = 'verbose-loop'
        }
        @{
            # What properties cost: a small ordered dictionary built by PowerShell at every call, as a script does.
            Id          = 'logger-properties-file'
            Title       = '$log.Info() with properties, file only'
            Kind        = 'Informational'
            Scale       = 5
            Open        = 'Initialize-LlamaLog -LogFile $logFile -Console None; Get-LlamaLogger bench -Category core'
            Body        = 'param($n, $x) foreach ($i in 1..$n) { $x.Info("m $i", [ordered]@{ host = ''localhost''; port = $i }) }'
            LinePattern = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} bench:\d+ core: m \d+   host=localhost port=\d+$'
            HostLines   = 0
            Yardstick   = 'logger-file'
            Baseline    = $false
        }
    )

    # The memory scenario: Records messages through Write-LlamaLog to the file only, in one process.
    Memory = @{
        Records      = 1000000
        QuickRecords = 100000
        Warmup       = 10000
        Samples      = 10
        Open         = 'Initialize-LlamaLog -LogFile $logFile -Console None'
        Body         = 'param($n, $x) foreach ($i in 1..$n) { Write-LlamaLog "m $i" -Category core }'
        LinePattern  = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: m \d+$'
        # "No growth after warm-up": a leak of even one small object per record is tens of MB over a million.
        MaxHeapGrowthBytes = 1048576
        MaxPeakAboveIdleBytes = 31457280
    }

    # ---- Issue 13: what declaring -Property costs a Write-LlamaLog call that does not use it. The floor with the
    # parameter (Write-FloorNop) and the floor without it (Write-FloorNpr), the filtered-out loop's call shape, in one
    # process: pairs of blocks of Block calls (A B, B A, ...), Calls calls each per run, Runs runs; a run's difference
    # per call (with minus without) is the median over its pairs. Target: at most MaxDifferenceNanoseconds.
    PropertyBinding = @{
        Calls      = 1000000
        QuickCalls = 100000
        Runs       = 5
        QuickRuns  = 3
        Block      = 10000
        With       = 'param($n, $x) foreach ($i in 1..$n) { Write-FloorNop "m $i" -Level Debug -Category core }'
        Without    = 'param($n, $x) foreach ($i in 1..$n) { Write-FloorNpr "m $i" -Level Debug -Category core }'
        MaxDifferenceNanoseconds = 80
    }
}
