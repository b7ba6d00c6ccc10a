# The call site of a logger's record: InnermostScriptFrame reads the innermost script frame from PowerShell's script
# debugger instead of building the call stack (Debugger.GetCallStack()), and must read exactly what that gives.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'llamalog-callsite'

    $script:FrameType = [LlamaLog.Engine.LogEngine].Assembly.GetType('LlamaLog.InnermostScriptFrame')
    $script:TryRead = $FrameType.GetMethod('TryRead', [System.Reflection.BindingFlags]'Public, Static')

    # One line: TryRead, then GetCallStack's first frame, both on the same line of the same frame (a helper function
    # would be a frame of its own). Written in place of PROBE; $TryRead must be in reach there.
    $script:Probe = @(
        '$probe = [object[]]@([runspace]::DefaultRunspace.Debugger, 0, $null, $null)'
        '$probeOk = $TryRead.Invoke($null, $probe)'
        '$probeFrame = [runspace]::DefaultRunspace.Debugger.GetCallStack() | Select-Object -First 1'
        '$probeResult = [pscustomobject]@{ Ok = $probeOk; Read = "$($probe[1])|$($probe[2])|$($probe[3])"; ' +
        'Expected = "$($probeFrame.ScriptLineNumber)|$($probeFrame.ScriptName)|$($probeFrame.FunctionName)" }'
        '$probeResult'
    ) -join '; '

    function Invoke-Context([hashtable] $Files) {
        # Writes the files (PROBE replaced) to a new folder and runs its context.ps1; returns what it output.
        $path = Join-Path $TestDrive ([guid]::NewGuid())
        New-Item -ItemType Directory -Path $path | Out-Null
        foreach ($name in $Files.Keys) {
            [System.IO.File]::WriteAllText((Join-Path $path $name), $Files[$name].Replace('PROBE', $Probe))
        }

        & (Join-Path $path 'context.ps1')
    }

    function Get-JsonRecords([string] $Path) {
        foreach ($line in [System.IO.File]::ReadAllLines($Path)) { ConvertFrom-Json -InputObject $line -AsHashtable }
    }

    # A script that logs at its top level (line 2) and in a function (line 4).
    $script:LoggingScript = Join-Path $Folder 'logging.ps1'
    [System.IO.File]::WriteAllText($LoggingScript, (@(
                '$log = Get-LlamaLogger -Name callsite -Category core'
                '$log.Info(''top'')'
                'function Write-Inner {'
                '    $log.Warning(''inner'')'
                '}'
                'Write-Inner'
            ) -join "`n"))
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{} -Console Host
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'InnermostScriptFrame' {
    It 'is available on this PowerShell, so loggers do not fall back to GetCallStack' {
        $FrameType.GetProperty('IsAvailable').GetValue($null) | Should -BeTrue
    }

    It 'reads the line, script path and function that GetCallStack gives first, in <Context>' -ForEach @(
        @{ Context = 'a script file''s top level'; Files = @{
            'context.ps1' = @'
# top level

PROBE
'@
        } }
        @{ Context = 'a function'; Files = @{
            'context.ps1' = @'
function Get-Probe {
    PROBE
}
Get-Probe
'@
        } }
        @{ Context = 'an advanced function''s process block'; Files = @{
            'context.ps1' = @'
function Get-Probe {
    [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject)
    process {
        PROBE
    }
}
1 | Get-Probe
'@
        } }
        @{ Context = 'a nested script block (& { })'; Files = @{
            'context.ps1' = @'
& {
    PROBE
}
'@
        } }
        @{ Context = 'ForEach-Object''s script block'; Files = @{
            'context.ps1' = @'
1 | ForEach-Object {
    PROBE
}
'@
        } }
        @{ Context = 'a script block''s Invoke()'; Files = @{
            'context.ps1' = @'
$block = {
    PROBE
}
$block.Invoke()
'@
        } }
        @{ Context = 'a catch block'; Files = @{
            'context.ps1' = @'
try { throw 'x' }
catch {
    PROBE
}
'@
        } }
        @{ Context = 'a class method'; Files = @{
            'context.ps1' = @'
class Prober {
    [object] Probe([object] $TryRead) {
        PROBE
        return $probeResult
    }
}
[Prober]::new().Probe($TryRead)
'@
        } }
        @{ Context = 'a module''s function (New-Module)'; Files = @{
            'context.ps1' = @'
New-Module -Name LlamaLogCallSiteProbe -ArgumentList $TryRead -ScriptBlock {
    param($TryRead)
    function Get-Probe {
        PROBE
    }
} | Import-Module
Get-Probe
Remove-Module LlamaLogCallSiteProbe
'@
        } }
        @{ Context = 'a trap block'; Files = @{
            'context.ps1' = @'
trap {
    PROBE
    continue
}
throw 'x'
'@
        } }
        @{ Context = 'a script block as a .NET delegate'; Files = @{
            'context.ps1' = @'
[Array]::ConvertAll([object[]]@(1), [Converter[object, object]] {
    param($x)
    PROBE
})
'@
        } }
        @{ Context = 'a steppable pipeline'; Files = @{
            'context.ps1' = @'
$pipe = { ForEach-Object {
    PROBE
} }.GetSteppablePipeline()
$pipe.Begin($true)
$pipe.Process(1)
$pipe.End()
'@
        } }
        @{ Context = 'a script called from a script'; Files = @{
            'context.ps1' = @'
& (Join-Path $PSScriptRoot 'called.ps1')
'@
            'called.ps1' = @'
param()
PROBE
'@
        } }
        @{ Context = 'a thread job'; Files = @{
            'context.ps1' = @'
Start-ThreadJob -ArgumentList $TryRead -ScriptBlock {
    param($TryRead)
    PROBE
} | Receive-Job -Wait -AutoRemoveJob
'@
        } }
        @{ Context = 'ForEach-Object -Parallel'; Files = @{
            'context.ps1' = @'
1 | ForEach-Object -Parallel {
    $TryRead = $using:TryRead
    PROBE
}
'@
        } }
        @{ Context = 'a runspace of [powershell]::Create()'; Files = @{
            'context.ps1' = @'
$body = {
    param($TryRead)
    PROBE
}
$shell = [powershell]::Create()
try { $shell.AddScript($body.ToString()).AddArgument($TryRead).Invoke() }
finally { $shell.Dispose() }
'@
        } }
        @{ Context = 'a dot-sourced script'; Files = @{
            'context.ps1' = @'

. (Join-Path $PSScriptRoot 'dotted.ps1')
'@
            'dotted.ps1' = @'
# dot-sourced


PROBE
'@
        } }
        @{ Context = 'Invoke-Command -ScriptBlock'; Files = @{
            'context.ps1' = @'
Invoke-Command -ScriptBlock {
    PROBE
}
'@
        } }
        @{ Context = 'Invoke-Expression'; Files = @{
            'context.ps1' = @"
Invoke-Expression @'

PROBE
'@
"@
        } }
        @{ Context = 'a calculated property of Select-Object'; Files = @{
            'context.ps1' = @'
(1 | Select-Object -Property @{ Name = 'Probe'; Expression = {
    PROBE
} }).Probe
'@
        } }
    ) {
        $result = @(Invoke-Context $Files)
        $result.Count | Should -Be 1
        $result[0].Ok | Should -BeTrue
        $result[0].Read | Should -BeExactly $result[0].Expected
    }

    It 'reads nothing (false, 0 and nulls) from an opened runspace that runs nothing' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        try {
            $arguments = [object[]]@($runspace.Debugger, 7, 'set', 'set')
            $TryRead.Invoke($null, $arguments) | Should -BeFalse
            $arguments[1..3] | Should -Be @(0, $null, $null)
        }
        finally {
            $runspace.Dispose()
        }
    }

    It 'reads nothing from a runspace whose script has finished' {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        try {
            $shell.Runspace = $runspace
            $null = $shell.AddScript("function Get-One {`n    1`n}`nGet-One").Invoke()
            $arguments = [object[]]@($runspace.Debugger, 7, 'set', 'set')
            $TryRead.Invoke($null, $arguments) | Should -BeFalse
            $arguments[1..3] | Should -Be @(0, $null, $null)
        }
        finally {
            $shell.Dispose()
            $runspace.Dispose()
        }
    }

    It 'reads nothing while the debugger is in a breakpoint (an action that does not break), so callers use GetCallStack' {
        $target = Join-Path $TestDrive 'breakpoint-target.ps1'
        [System.IO.File]::WriteAllText($target, "`$a = 1`n`$b = 2")
        $seen = @{}
        $breakpoint = Set-PSBreakpoint -Script $target -Line 2 -Action {
            $arguments = [object[]]@([runspace]::DefaultRunspace.Debugger, 7, 'set', 'set')
            $seen.Ok = $TryRead.Invoke($null, $arguments)
            $seen.Read = $arguments[1..3]
        }
        try {
            & $target
        }
        finally {
            Remove-PSBreakpoint -Breakpoint $breakpoint
        }

        $seen.Ok | Should -BeFalse
        $seen.Read | Should -Be @(0, $null, $null)
    }
}

Describe 'A logger''s call site' {
    It 'is the calling line of a script file in a JSON log file''s lineno' {
        $json = Join-Path $Folder "$([guid]::NewGuid()).jsonl"
        Invoke-WithEnvironment @{} {
            Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $json -Console None -FileFormat Json
            & $LoggingScript
        }

        @(Get-JsonRecords $json | ForEach-Object { "$($_.event):$($_.lineno)" }) | Should -Be @('top:2', 'inner:4')
    }

    It 'is the calling line in a breakpoint''s action (read by GetCallStack there)' {
        $target = Join-Path $TestDrive 'breakpoint-logging.ps1'
        [System.IO.File]::WriteAllText($target, "`$a = 1`n`$b = 2")
        $seen = @{}
        $breakpoint = Set-PSBreakpoint -Script $target -Line 2 -Action {
            $log = Get-LlamaLogger -Name callsite -Category core
            $log.Info('in action'); $seen.Line = (Get-PSCallStack)[0].ScriptLineNumber
        }
        try {
            Invoke-WithEnvironment @{} {
                Reset-Log -Levels @{ all = 'debug' }
                & $target
            }
        }
        finally {
            Remove-PSBreakpoint -Breakpoint $breakpoint
        }

        @(Get-Records | ForEach-Object { "$($_.Message):$($_.Line)" }) | Should -Be @("in action:$($seen.Line)")
    }

    It 'is the calling line of a script file in a text log file''s line' {
        Invoke-WithEnvironment @{} {
            Reset-Log -Levels @{ all = 'debug' }
            & $LoggingScript
        }

        @(Get-Records | ForEach-Object { "$($_.Message):$($_.Line)" }) | Should -Be @('top:2', 'inner:4')
    }
}
