BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Definitions = Import-PowerShellDataFile (Join-Path $RepoRoot 'bench/Scenarios.psd1')
    $script:Scenarios = @($Definitions.Scenarios)
    $script:Ids = @($Scenarios | ForEach-Object Id)

    # The floor cmdlets, compiled as the Bench compiles them.
    . (Join-Path $RepoRoot 'bench/BenchSupport.ps1')
    $compilation = Get-BenchSupportCompilation -ModuleManifest $env:LLAMALOG_TEST_MODULE
    $floorAssembly = Add-Type @compilation -PassThru | Select-Object -First 1 -ExpandProperty Assembly
    $script:FloorModule = Import-Module -Assembly $floorAssembly -PassThru

    # A parameter as the binder sees it: name, type, and every attribute with the properties that steer binding.
    function Get-ParameterShape([string] $Command) {
        foreach ($parameter in (Get-Command $Command).Parameters.Values) {
            $attributes = foreach ($attribute in $parameter.Attributes) {
                if ($attribute -is [System.Management.Automation.ParameterAttribute]) {
                    'Parameter(Set={0},Position={1},Mandatory={2},Pipeline={3},ByName={4})' -f $attribute.ParameterSetName,
                    $attribute.Position, $attribute.Mandatory, $attribute.ValueFromPipeline, $attribute.ValueFromPipelineByPropertyName
                }
                else {
                    $attribute.GetType().FullName
                }
            }
            '{0} [{1}] {2}' -f $parameter.Name, $parameter.ParameterType.FullName, (($attributes | Sort-Object) -join ' ')
        }
    }
}

AfterAll {
    Remove-Module $FloorModule -ErrorAction SilentlyContinue
}

Describe 'Bench scenarios (bench/Scenarios.psd1)' {
    It 'gives every scenario a unique id' {
        $Ids.Count | Should -Be (@($Ids | Select-Object -Unique).Count)
    }

    It 'names only existing scenarios as yardsticks' {
        $missing = @($Scenarios | Where-Object { $_['Yardstick'] -and $_.Yardstick -notin $Ids } | ForEach-Object Id)
        $missing | Should -BeNullOrEmpty
    }

    It 'gives every LlamaLog scenario a target' {
        $untargeted = @($Scenarios | Where-Object { $_.Kind -eq 'LlamaLog' -and -not $_['Target'] -and -not $_['TargetMicroseconds'] -and -not $_['TargetExtraMicroseconds'] } | ForEach-Object Id)
        $untargeted | Should -BeNullOrEmpty
    }

    It 'has floors' {
        @($Scenarios | Where-Object Kind -EQ 'Floor').Count | Should -BeGreaterThan 0
    }

    It 'ties every floor to a LlamaLog scenario with the same yardstick' {
        foreach ($floor in @($Scenarios | Where-Object Kind -EQ 'Floor')) {
            $of = $Scenarios | Where-Object Id -EQ $floor.FloorOf
            $of | Should -Not -BeNullOrEmpty -Because "$($floor.Id) names $($floor.FloorOf)"
            $of.Kind | Should -Be 'LlamaLog'
            $floor.Yardstick | Should -Be $of.Yardstick -Because "$($floor.Id) is compared with what $($of.Id) is compared with"
        }
    }

    It 'gives informational scenarios a yardstick and no target (they show a cost, they set no goal)' {
        foreach ($scenario in @($Scenarios | Where-Object Kind -EQ 'Informational')) {
            $scenario['Yardstick'] | Should -BeIn $Ids -Because $scenario.Id
            $scenario['Target'] | Should -BeNullOrEmpty -Because $scenario.Id
            $scenario['TargetMicroseconds'] | Should -BeNullOrEmpty -Because $scenario.Id
        }
    }

    It 'uses only the kinds the harness knows' {
        @($Scenarios | Where-Object { $_.Kind -notin 'Yardstick', 'LlamaLog', 'Floor', 'Informational' } | ForEach-Object Id) | Should -BeNullOrEmpty
    }

    It 'gives floors no target (a floor is a measurement, not a goal)' {
        @($Scenarios | Where-Object { $_.Kind -eq 'Floor' -and ($_['Target'] -or $_['TargetMicroseconds'] -or $_['TargetExtraMicroseconds']) }) | Should -BeNullOrEmpty
    }

    It 'makes each floor call a floor cmdlet where its scenario calls Write-LlamaLog, with the same arguments' {
        foreach ($floor in @($Scenarios | Where-Object { $_.Kind -eq 'Floor' -and $_.FloorOf -notlike 'logger-*' })) {
            $of = $Scenarios | Where-Object Id -EQ $floor.FloorOf
            $floor.Body | Should -Not -Match 'Write-LlamaLog' -Because $floor.Id
            $floor.Body | Should -MatchExactly 'Write-Floor(Nop|Sys|Hst)\b' -Because $floor.Id
            ($floor.Body -creplace 'Write-Floor(Nop|Sys|Hst)\b', 'Write-LlamaLog') | Should -BeExactly $of.Body -Because $floor.Id
        }
    }
}

Describe 'The logger floor (bench/Scenarios.psd1, FloorCommands.cs)' {
    It 'makes the same method call as the logger scenario it is the floor of' {
        $floors = @($Scenarios | Where-Object { $_.Kind -eq 'Floor' -and $_.FloorOf -like 'logger-*' })
        $floors.Count | Should -BeGreaterThan 0
        foreach ($floor in $floors) {
            $floor.Body | Should -BeExactly ($Scenarios | Where-Object Id -EQ $floor.FloorOf).Body -Because $floor.Id
            $floor.Open | Should -MatchExactly 'LlamaLogBench\.LoggerFloor' -Because $floor.Id
        }
    }

    It 'declares the same overloads as a logger for each level method it has, so the binder does the same work' {
        $signature = { param($method) $method.Name + '(' + (($method.GetParameters() | ForEach-Object { $_.ParameterType.FullName }) -join ',') + ')' }
        $floorMethods = [LlamaLogBench.LoggerFloor].GetMethods() | Where-Object { $_.Name -in 'Debug', 'Info', 'Warning' }
        $names = $floorMethods.Name | Sort-Object -Unique
        $names | Should -Be @('Debug', 'Info', 'Warning')
        $loggerMethods = [LlamaLog.Logger].GetMethods() | Where-Object Name -In $names
        @($floorMethods | ForEach-Object { & $signature $_ } | Sort-Object) | Should -Be @($loggerMethods | ForEach-Object { & $signature $_ } | Sort-Object)
    }
}

Describe 'The -Property measurement (bench/Scenarios.psd1, PropertyBinding)' {
    It 'calls the binding floor as the filtered-out loop scenario calls Write-LlamaLog' {
        $loop = $Scenarios | Where-Object Id -EQ 'write-filtered-loop'
        ($Definitions.PropertyBinding.With -creplace 'Write-FloorNop\b', 'Write-LlamaLog') | Should -BeExactly $loop.Body
    }

    It 'calls the floor without -Property exactly as it calls the one with it' {
        $Definitions.PropertyBinding.With | Should -MatchExactly 'Write-FloorNop\b'
        ($Definitions.PropertyBinding.With -creplace 'Write-FloorNop\b', 'Write-FloorNpr') | Should -BeExactly $Definitions.PropertyBinding.Without
    }
}

Describe 'Floor cmdlets (bench/FloorCommands.cs)' {
    It '<Command> declares exactly the parameters Write-LlamaLog declares' -ForEach @(
        @{ Command = 'Write-FloorNop' }
        @{ Command = 'Write-FloorSys' }
        @{ Command = 'Write-FloorHst' }
    ) {
        Get-ParameterShape $Command | Should -Be @(Get-ParameterShape 'Write-LlamaLog')
    }

    It 'Write-FloorNpr declares exactly the parameters Write-LlamaLog declares but -Property, in the same order' {
        $withoutProperty = @(Get-ParameterShape 'Write-LlamaLog' | Where-Object { $_ -notlike 'Property *' })
        $withoutProperty.Count | Should -Be (@(Get-ParameterShape 'Write-LlamaLog').Count - 1)
        Get-ParameterShape 'Write-FloorNpr' | Should -Be $withoutProperty
    }

    It '<Command> is declared as Write-LlamaLog is (parameter sets, positional binding, no dynamic parameters)' -ForEach @(
        @{ Command = 'Write-FloorNop' }
        @{ Command = 'Write-FloorNpr' }
        @{ Command = 'Write-FloorSys' }
        @{ Command = 'Write-FloorHst' }
    ) {
        $shape = {
            param($Type)
            $attribute = [System.Attribute]::GetCustomAttribute($Type, [System.Management.Automation.CmdletAttribute])
            '{0} {1} {2} {3}' -f $attribute.DefaultParameterSetName, $attribute.PositionalBinding, $attribute.SupportsShouldProcess,
                [System.Management.Automation.IDynamicParameters].IsAssignableFrom($Type)
        }
        & $shape (Get-Command $Command).ImplementingType | Should -Be (& $shape (Get-Command Write-LlamaLog).ImplementingType)
    }

    It '<Command> has a name as long as Write-LlamaLog (PowerShell''s per-call work grows with it)' -ForEach @(
        @{ Command = 'Write-FloorNop' }
        @{ Command = 'Write-FloorNpr' }
        @{ Command = 'Write-FloorSys' }
        @{ Command = 'Write-FloorHst' }
    ) {
        $Command.Length | Should -Be 'Write-LlamaLog'.Length
    }

    It '<Command> writes nothing to any stream' -ForEach @(
        @{ Command = 'Write-FloorNop' }
        @{ Command = 'Write-FloorNpr' }
    ) {
        'a', 'b' | & $Command -Category core -Level Debug *>&1 | Should -BeNullOrEmpty
    }
}

Describe 'SyscallFloor' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-floor-$([guid]::NewGuid())"
        New-Item -ItemType Directory -Path $Folder | Out-Null
    }

    AfterAll {
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'appends each message as one line, after what the file held' {
        $path = Join-Path $Folder 'append.log'
        Set-Content -Path $path -Value 'before'
        $floor = [LlamaLogBench.SyscallFloor]::Open($path)
        try {
            'one', 'two' | Write-FloorSys -Category core
            Write-FloorSys 'thrée' -Category core
        }
        finally {
            $floor.Dispose()
        }
        [System.IO.File]::ReadAllLines($path) | Should -Be @('before', 'one', 'two', 'thrée')
    }

    It 'writes the bare message to the host as an information record tagged PSHOST' {
        $path = Join-Path $Folder 'host.log'
        $floor = [LlamaLogBench.SyscallFloor]::Open($path)
        try {
            $records = Write-FloorHst 'to the host' -Category core 6>&1
        }
        finally {
            $floor.Dispose()
        }
        $records.MessageData.Message | Should -Be 'to the host'
        $records.Tags | Should -Contain 'PSHOST'
        [System.IO.File]::ReadAllLines($path) | Should -Be @('to the host')
    }

    It 'asks the watch at every record: after the file is renamed the next append finds an event queued' {
        $path = Join-Path $Folder 'watched.log'
        $floor = [LlamaLogBench.SyscallFloor]::Open($path)
        try {
            $before = $floor.Append('one')
            Rename-Item -Path $path -NewName 'watched.log.1'
            $after = $floor.Append('two')
        }
        finally {
            $floor.Dispose()
        }
        $before | Should -Be 0
        $after | Should -BeGreaterThan 0
    }

    It 'is no longer current once disposed' {
        $floor = [LlamaLogBench.SyscallFloor]::Open((Join-Path $Folder 'disposed.log'))
        $floor.Dispose()
        [LlamaLogBench.SyscallFloor]::Current | Should -BeNullOrEmpty
    }
}

Describe 'Bench harness (bench/Invoke-Benchmarks.ps1), one short filtered run' -Skip:(-not $IsLinux) {
    BeforeAll {
        # One run of one scenario: the harness brings its yardstick and its floor along. Times are not looked at.
        $script:Output = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-bench-test-$([guid]::NewGuid())"
        $pwsh = Join-Path $PSHOME 'pwsh'
        $script:HarnessText = & $pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'bench/Invoke-Benchmarks.ps1') `
            -ModuleManifest $env:LLAMALOG_TEST_MODULE -OutputPath $Output -Filter 'write-file-pipeline' -Runs 1 -Count 200 -NoBenchmarkDotNet 2>&1 | Out-String
        $script:HarnessExit = $LASTEXITCODE
        $script:Report = Get-Content (Join-Path $Output 'bench.json') -Raw -ErrorAction SilentlyContinue | ConvertFrom-Json
    }

    AfterAll {
        Remove-Item $Output -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'succeeds' {
        $HarnessExit | Should -Be 0 -Because $HarnessText
    }

    It 'runs the chosen scenario, its yardstick and its floor, and nothing else' {
        @($Report.scenarios.id | Sort-Object) | Should -Be @('floor-syscalls-pipeline', 'verbose-pipeline', 'write-file-pipeline')
    }

    It 'reports the floor with a ratio to the yardstick and no target or result' {
        $floor = $Report.scenarios | Where-Object id -EQ 'floor-syscalls-pipeline'
        $floor.kind | Should -Be 'Floor'
        $floor.ratio | Should -BeGreaterThan 0
        $floor.target | Should -BeNullOrEmpty
        $floor.result | Should -BeNullOrEmpty
    }

    It 'writes one line comparing the scenario with its floor' {
        @($Report.floors).Count | Should -Be 1
        $Report.floors[0] | Should -BeLike 'Write-LlamaLog file only, pipeline: *its floor (Floor: binding + 2 syscalls, pipeline)*LlamaLog''s own work *'
    }

    It 'marks the floor row "floor" in the Markdown table' {
        @(Get-Content (Join-Path $Output 'bench.md') | Where-Object { $_ -like '| Floor: binding + 2 syscalls, pipeline |*| floor |' }).Count | Should -Be 1
    }
}

Describe 'Bench harness with a baseline and the -Property measurement, one tiny run' -Skip:(-not $IsLinux) {
    BeforeAll {
        # The module under test is its own baseline here: what is checked is the report's shape, never a time.
        $script:Output = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-bench-test-$([guid]::NewGuid())"
        $pwsh = Join-Path $PSHOME 'pwsh'
        $script:HarnessText = & $pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'bench/Invoke-Benchmarks.ps1') `
            -ModuleManifest $env:LLAMALOG_TEST_MODULE -OutputPath $Output -Filter 'logger-filtered,logger-json-file,property-binding' `
            -Runs 1 -Count 200 -NoBenchmarkDotNet -BaselineModule $env:LLAMALOG_TEST_MODULE 2>&1 | Out-String
        $script:HarnessExit = $LASTEXITCODE
        $script:Report = Get-Content (Join-Path $Output 'bench.json') -Raw -ErrorAction SilentlyContinue | ConvertFrom-Json
        $script:Markdown = Get-Content (Join-Path $Output 'bench.md') -ErrorAction SilentlyContinue
    }

    AfterAll {
        Remove-Item $Output -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'succeeds' {
        $HarnessExit | Should -Be 0 -Because $HarnessText
    }

    It 'compares with the baseline only the LlamaLog scenarios a baseline can run' {
        @($Report.baseline.scenarios.id) | Should -Be @('logger-filtered')
    }

    It 'reports both builds'' runs, their ranges and the ratio of the medians' {
        $row = $Report.baseline.scenarios[0]
        @($row.runs).Count | Should -Be 1
        @($row.baselineRuns).Count | Should -Be 1
        $row.min | Should -BeLessOrEqual $row.max
        $row.baselineMin | Should -BeLessOrEqual $row.baselineMax
        [Math]::Abs($row.ratio - $row.median / $row.baselineMedian) | Should -BeLessThan 1e-9
        $row.verdict | Should -Not -BeNullOrEmpty
    }

    It 'pairs each round''s two runs into a ratio' {
        $row = $Report.baseline.scenarios[0]
        @($row.pairedRatios).Count | Should -Be 1
        [Math]::Abs($row.pairedRatios[0] - $row.runs[0] / $row.baselineRuns[0]) | Should -BeLessThan 1e-9
    }

    It 'names the baseline in the Markdown and gives the scenario a row there' {
        $intro = 'Against the baseline `{0}` in the same Bench' -f $env:LLAMALOG_TEST_MODULE
        @($Markdown | Where-Object { $_.StartsWith($intro, [StringComparison]::Ordinal) }).Count | Should -Be 1
        @($Markdown | Where-Object { $_ -like '| $log.Debug() filtered out | * | * | *× | *× (*) | * |' }).Count | Should -Be 1
    }

    It 'runs the -Property measurement with the calls and runs asked for' {
        $Report.propertyBinding.calls | Should -Be 200
        $Report.propertyBinding.runs | Should -Be 1
        @($Report.propertyBinding.withNanosecondsPerCall).Count | Should -Be 1
        @($Report.propertyBinding.withoutNanosecondsPerCall).Count | Should -Be 1
    }

    It 'reports the difference per call, with minus without (one pair of blocks here: 200 calls each), and a verdict against the target' {
        $binding = $Report.propertyBinding
        $binding.blockPairsPerRun | Should -Be 1
        [Math]::Abs($binding.differenceNanoseconds[0] - ($binding.withNanosecondsPerCall[0] - $binding.withoutNanosecondsPerCall[0])) | Should -BeLessThan 1e-6
        $binding.maxDifferenceNanoseconds | Should -Be $Definitions.PropertyBinding.MaxDifferenceNanoseconds
        $binding.result | Should -BeIn 'PASS', 'FAIL'
    }

    It 'writes the -Property line in the Markdown' {
        @($Markdown | Where-Object { $_ -like '-Property''s cost to a call without it*target ≤ 80 ns*' }).Count | Should -Be 1
    }
}
