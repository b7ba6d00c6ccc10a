BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Definitions = Import-PowerShellDataFile (Join-Path $RepoRoot 'bench/Scenarios.psd1')
    $script:Scenarios = @($Definitions.Scenarios)
    $script:Ids = @($Scenarios | ForEach-Object Id)

    # The floor cmdlets, compiled as the Bench compiles them (bench/Invoke-Benchmarks.ps1).
    $moduleAssembly = Join-Path (Get-Module LlamaLog).ModuleBase 'LlamaLog.PowerShell.dll'
    $floorAssembly = Add-Type -Path (Join-Path $RepoRoot 'bench/FloorCommands.cs') -PassThru -CompilerOptions '-nowarn:CS1701' `
        -ReferencedAssemblies @($moduleAssembly, 'netstandard', 'System.Runtime', 'System.Text.Encoding.Extensions',
            'System.Runtime.InteropServices', [psobject].Assembly.Location, 'System.Collections') |
        Select-Object -First 1 -ExpandProperty Assembly
    Import-Module -Assembly $floorAssembly

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

Describe 'Bench scenarios (bench/Scenarios.psd1)' {
    It 'gives every scenario a unique id' {
        $Ids.Count | Should -Be (@($Ids | Select-Object -Unique).Count)
    }

    It 'names only existing scenarios as yardsticks' {
        $missing = @($Scenarios | Where-Object { $_['Yardstick'] -and $_.Yardstick -notin $Ids } | ForEach-Object Id)
        $missing | Should -BeNullOrEmpty
    }

    It 'gives every LlamaLog scenario a target' {
        $untargeted = @($Scenarios | Where-Object { $_.Kind -eq 'LlamaLog' -and -not $_['Target'] -and -not $_['TargetMicroseconds'] } | ForEach-Object Id)
        $untargeted | Should -BeNullOrEmpty
    }

    It 'ties every floor to a LlamaLog scenario with the same yardstick' {
        foreach ($floor in @($Scenarios | Where-Object Kind -EQ 'Floor')) {
            $of = $Scenarios | Where-Object Id -EQ $floor.FloorOf
            $of | Should -Not -BeNullOrEmpty -Because "$($floor.Id) names $($floor.FloorOf)"
            $of.Kind | Should -Be 'LlamaLog'
            $floor.Yardstick | Should -Be $of.Yardstick -Because "$($floor.Id) is compared with what $($of.Id) is compared with"
        }
    }

    It 'gives floors no target (a floor is a measurement, not a goal)' {
        @($Scenarios | Where-Object { $_.Kind -eq 'Floor' -and ($_['Target'] -or $_['TargetMicroseconds']) }) | Should -BeNullOrEmpty
    }

    It 'calls each floor cmdlet with the same arguments as the scenario it is the floor of' {
        foreach ($floor in @($Scenarios | Where-Object Kind -EQ 'Floor')) {
            $of = $Scenarios | Where-Object Id -EQ $floor.FloorOf
            ($floor.Body -replace 'Write-Bench\w+', 'Write-LlamaLog') | Should -Be $of.Body -Because $floor.Id
        }
    }
}

Describe 'Floor cmdlets (bench/FloorCommands.cs)' {
    It '<Command> declares exactly the parameters Write-LlamaLog declares' -ForEach @(
        @{ Command = 'Write-BenchBinding' }
        @{ Command = 'Write-BenchSyscalls' }
        @{ Command = 'Write-BenchHostSyscalls' }
    ) {
        Get-ParameterShape $Command | Should -Be @(Get-ParameterShape 'Write-LlamaLog')
    }

    It 'Write-BenchBinding does nothing with what it is given' {
        'a', 'b' | Write-BenchBinding -Category core -Level Debug | Should -BeNullOrEmpty
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
            'one', 'two' | Write-BenchSyscalls -Category core
            Write-BenchSyscalls 'thrée' -Category core
        }
        finally {
            $floor.Dispose()
        }
        [System.IO.File]::ReadAllLines($path) | Should -Be @('before', 'one', 'two', 'thrée')
    }

    It 'writes the host line as Write-Host does, as an information record tagged PSHOST' {
        $path = Join-Path $Folder 'host.log'
        $floor = [LlamaLogBench.SyscallFloor]::Open($path)
        try {
            $records = Write-BenchHostSyscalls 'to the host' -Category core 6>&1
        }
        finally {
            $floor.Dispose()
        }
        $records.MessageData.Message | Should -Be 'to the host'
        $records.Tags | Should -Contain 'PSHOST'
        [System.IO.File]::ReadAllLines($path) | Should -Be @('to the host')
    }

    It 'is no longer current once disposed' {
        $floor = [LlamaLogBench.SyscallFloor]::Open((Join-Path $Folder 'disposed.log'))
        $floor.Dispose()
        [LlamaLogBench.SyscallFloor]::Current | Should -BeNullOrEmpty
    }
}
