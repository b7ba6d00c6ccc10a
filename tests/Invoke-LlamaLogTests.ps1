<#
.SYNOPSIS
    Runs the Pester suite against the built module and ends with 'N passed, N failed[, N skipped]'.
.DESCRIPTION
    Called by build.ps1 Test in a child pwsh, so the build's own process never loads the module.
    Failed blocks and containers (a broken BeforeAll, a file that does not parse) count as failures.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [string] $Filter = ($env:LLAMALOG_TEST_FILTER ?? '*')
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force

# Tests import the built module from here; child processes they start inherit it.
$env:LLAMALOG_TEST_MODULE = (Resolve-Path $ModuleManifest).Path

$files = Get-ChildItem (Join-Path $PSScriptRoot 'Pester') -Recurse -Filter '*.Tests.ps1' |
    Where-Object { $_.Name -like $Filter }

$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
try {
    $result = Invoke-Pester -Configuration $config
}
catch {
    # Pester itself broke (a plugin, a report): that is a failed run, never a silent pass.
    Write-Host "Pester failed: $_"
    $result = $null
}

if ($null -eq $result) {
    Write-Host '0 passed, 1 failed'
    exit 1
}

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
$line = "$($result.PassedCount) passed, $failed failed"
if ($result.SkippedCount -gt 0) { $line += ", $($result.SkippedCount) skipped" }
if ($result.PassedCount -eq 0) { Write-Host 'No test ran.' }
Write-Host $line
exit ([int]($failed -gt 0 -or $result.PassedCount -eq 0))
