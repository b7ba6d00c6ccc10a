# Dot-sourced by Invoke-Benchmarks.ps1, Invoke-Scenario.ps1 and tests/Pester/Bench.Tests.ps1: how the Bench's support
# assembly (EngineLoops.cs, ThreadClock.cs, FloorCommands.cs) is compiled, in one place so all of them compile it alike.

function Get-BenchSupportCompilation {
    # Add-Type arguments to splat, for the module built as $ModuleManifest.
    # Naming any reference replaces Add-Type's defaults, so the framework assemblies the code uses are named too.
    # Add-Type compiles for debugging unless told to optimize; the floors' pointers need unsafe code. The module was
    # built against PowerShell Standard (System.Management.Automation 3.0), the floor cmdlets against this pwsh's:
    # CS1701 notes that one stands for the other, which it does at run time.
    param([Parameter(Mandatory)] [string] $ModuleManifest)
    @{
        Path                 = @('EngineLoops.cs', 'ThreadClock.cs', 'FloorCommands.cs' | ForEach-Object { Join-Path $PSScriptRoot $_ })
        ReferencedAssemblies = @((Join-Path (Split-Path $ModuleManifest) 'LlamaLog.PowerShell.dll'), 'netstandard', 'System.Runtime',
            'System.Text.Encoding.Extensions', 'System.Runtime.InteropServices', [psobject].Assembly.Location, 'System.Collections')
        CompilerOptions      = @('-optimize+', '-unsafe', '-nowarn:CS1701')
    }
}
