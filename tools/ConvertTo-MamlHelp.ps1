#requires -Version 7.2
<#
.SYNOPSIS
    Converts docs/en-US (PlatyPS markdown schema 2.0.0) into the module's MAML help and about topics.
.DESCRIPTION
    Writes <OutputPath>/<external help file> (LlamaLog.PowerShell.dll-Help.xml) from the cmdlet pages and
    <OutputPath>/about_*.help.txt from the about topics. A page that leaves the schema stops the
    conversion with 'file:line: problem'.

    With -Update it first imports the module at -ModulePath and rewrites each page's SYNTAX section and
    parameter yaml blocks from Get-Command, adding placeholder sections for new parameters and pages for
    new cmdlets; prose is never touched. build.ps1 calls it (`build.ps1 Docs -Update`).
    The work is done by tools/LlamaLogDocs.psm1.
.EXAMPLE
    pwsh -File tools/ConvertTo-MamlHelp.ps1 -DocsPath docs/en-US -OutputPath out/LlamaLog/0.1.0/en-US -ModulePath out/LlamaLog/0.1.0/LlamaLog.psd1 -Update
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $DocsPath,
    [Parameter(Mandatory)] [string] $OutputPath,
    [string] $ModulePath,
    [switch] $Update
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'LlamaLogDocs.psm1') -Force
try {
    Export-ModuleHelp @PSBoundParameters | ForEach-Object { Write-Host "$($_.Action) $($_.Path)" }
}
catch {
    # The message already names the file and line; the error record's decoration would only bury it.
    [Console]::Error.WriteLine("ConvertTo-MamlHelp: $($_.Exception.Message)")
    exit 1
}
