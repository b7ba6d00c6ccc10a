#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents, benchmarks and packages the LlamaLog module.
.DESCRIPTION
    The project's only entry point. Run it with the pinned PowerShell: `dotnet tool restore`, then
    `dotnet pwsh ./build.ps1 <Task>`. Tasks: Build (default), Test, Demo, Dashboard, Bench, Docs, Package, Clean.
    Dashboard starts the Aspire dashboard (an OTLP receiver with a web UI, from NuGet), runs the demo with OTLP
    export on, prints the dashboard's URL, and stops the dashboard on Ctrl+C.
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Dashboard', 'Bench', 'Docs', 'Package', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Test: run only the test files whose path matches (a wildcard).
    [string] $TestFilter = '*',

    # Bench: a short run.
    [switch] $Quick,

    # Bench: also run the LlamaLog scenarios against this other build's LlamaLog.psd1, interleaved, and compare.
    [string] $BaselineModule,

    # Docs: rewrite the SYNTAX and PARAMETERS blocks of docs/en-US from the built module.
    [switch] $Update
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$OutDir = Join-Path $Root 'out'
$Manifest = Import-PowerShellDataFile (Join-Path $Root 'module/LlamaLog.psd1')
$Version = $Manifest.ModuleVersion
$ModuleDir = Join-Path $OutDir "LlamaLog/$Version"
$ModuleManifest = Join-Path $ModuleDir 'LlamaLog.psd1'
$Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$PesterVersion = '5.7.1'

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([string] $FilePath, [string[]] $ArgumentList)
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    $publish = Join-Path $OutDir 'obj/publish'
    if (Test-Path $publish) { Remove-Item $publish -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/LlamaLog.PowerShell/LlamaLog.PowerShell.csproj'),
        '-c', $Configuration, '-o', $publish, "-p:Version=$Version", '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')

    if (Test-Path $ModuleDir) { Remove-Item $ModuleDir -Recurse -Force }
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleDir 'Dependencies')
    Copy-Item (Join-Path $Root 'module/*') $ModuleDir
    Copy-Item (Join-Path $publish 'LlamaLog.PowerShell.dll') $ModuleDir
    # Third-party assemblies stay out of the module root; the module's resolver loads them (docs/design.md).
    Get-ChildItem $publish -Filter '*.dll' | Where-Object Name -NE 'LlamaLog.PowerShell.dll' | Copy-Item -Destination $deps

    # The OTLP exporter bridge (net8.0) with OpenTelemetry and its Microsoft.Extensions assemblies, loaded into the
    # same private context. Assemblies of .NET's shared framework (System.Diagnostics.DiagnosticSource) are left
    # out: they must come from PowerShell's runtime, so that Activity.Current is the session's.
    $otlpPublish = Join-Path $OutDir 'obj/publish-otlp'
    Publish-OtlpBridge 'net8.0' $otlpPublish
    Get-ChildItem $otlpPublish -Filter '*.dll' | Where-Object { $_.Name -notlike 'System.*' } | Copy-Item -Destination $deps

    # Its netstandard2.0 build (http/protobuf only), for Windows PowerShell 5.1, in a folder of its own with every
    # assembly it needs, System.* included: .NET Framework has none of DiagnosticSource, System.Memory and the like.
    $otlpPublish = Join-Path $OutDir 'obj/publish-otlp-netstandard2.0'
    Publish-OtlpBridge 'netstandard2.0' $otlpPublish
    $netstandard = New-Item -ItemType Directory -Force -Path (Join-Path $deps 'netstandard2.0')
    Get-ChildItem $otlpPublish -Filter '*.dll' | Copy-Item -Destination $netstandard
    Invoke-Docs
    Write-Host "Built LlamaLog $Version into $ModuleDir"
}

function Publish-OtlpBridge {
    # Publishes one build of src/LlamaLog.Otlp (a target framework of its csproj) with its dependencies.
    param([string] $Framework, [string] $Path)
    if (Test-Path $Path) { Remove-Item $Path -Recurse -Force }
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/LlamaLog.Otlp/LlamaLog.Otlp.csproj'), '-f', $Framework,
        '-c', $Configuration, '-o', $Path, "-p:Version=$Version", '--nologo', '-v', 'quiet', '-clp:ErrorsOnly')
}

function Invoke-Docs {
    $converter = Join-Path $Root 'tools/ConvertTo-MamlHelp.ps1'
    if (-not (Test-Path $converter)) { return }
    $arguments = @('-NoProfile', '-NonInteractive', '-File', $converter, '-DocsPath', (Join-Path $Root 'docs/en-US'),
        '-OutputPath', (Join-Path $ModuleDir 'en-US'), '-ModulePath', $ModuleManifest)
    if ($Update) { $arguments += '-Update' }
    Invoke-Native $Pwsh $arguments
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/Tools.csproj'), '--nologo', '-v', 'quiet')
    $packages = (dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    # Tests find other packages restored by the tools project (e.g. other YamlDotNet versions) here.
    $env:LLAMALOG_NUGET_PACKAGES = $packages.Trim()
    $pester = Join-Path $packages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $PesterVersion was not restored to '$pester'." }
    $pester
}

function Invoke-Test {
    $pester = Get-PesterPath
    $runner = Join-Path $Root 'tests/Invoke-LlamaLogTests.ps1'
    # The filter travels in the environment: a bare '*' on a native command line would be globbed.
    $env:LLAMALOG_TEST_FILTER = $TestFilter
    & $Pwsh -NoProfile -NonInteractive -File $runner -PesterPath $pester -ModuleManifest $ModuleManifest
    # The runner's last line is the summary; leave it last, and fail with its exit code.
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Demo {
    Invoke-Native $Pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'examples/Demo.ps1'),
        '-ModuleManifest', $ModuleManifest)
}

function Invoke-Dashboard {
    # The test tools restore the dashboard; OtlpReceiver.ps1 knows how to start it (loopback, ports of the system's
    # choosing, anonymous, a scratch HOME) and stops it with this process at the latest.
    $null = Get-PesterPath
    . (Join-Path $Root 'tests/Pester/OtlpReceiver.ps1')
    $dashboard = Start-OtlpDashboard
    try {
        $env:OTEL_SERVICE_NAME = 'llamalog-demo'
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = $dashboard.HttpUrl
        try {
            Invoke-Demo
        }
        finally {
            Remove-Item Env:OTEL_SERVICE_NAME, Env:OTEL_EXPORTER_OTLP_ENDPOINT
        }
        Write-Host ''
        Write-Host "The demo's records are in the dashboard: $($dashboard.Url)/structuredlogs"
        Write-Host 'Press Ctrl+C to stop the dashboard.'
        while ($true) { Start-Sleep -Seconds 1 }
    }
    finally {
        Stop-OtlpDashboard $dashboard
    }
}

function Invoke-Bench {
    # Restores the test tools too: the OTLP scenarios run against the Aspire dashboard they bring.
    $null = Get-PesterPath
    $arguments = @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'bench/Invoke-Benchmarks.ps1'),
        '-ModuleManifest', $ModuleManifest, '-OutputPath', $OutDir)
    if ($Quick) { $arguments += '-Quick' }
    if ($BaselineModule) { $arguments += @('-BaselineModule', $BaselineModule) }
    Invoke-Native $Pwsh $arguments
}

function Invoke-Package {
    $staging = Join-Path $OutDir 'package'
    if (Test-Path $staging) { Remove-Item $staging -Recurse -Force }
    # Compress-PSResource names the package from the folder's manifest: LlamaLog.<version>.nupkg.
    Copy-Item $ModuleDir -Destination (Join-Path $staging 'LlamaLog') -Recurse
    Get-ChildItem $OutDir -Filter 'LlamaLog.*.nupkg' | Remove-Item -Force
    Compress-PSResource -Path (Join-Path $staging 'LlamaLog') -DestinationPath $OutDir
    $nupkg = Join-Path $OutDir "LlamaLog.$Version.nupkg"
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource did not write '$nupkg'." }
    Write-Host "Packaged $nupkg"
}

function Invoke-Clean {
    foreach ($path in @($OutDir) + (Get-ChildItem $Root -Recurse -Directory -Include 'bin', 'obj' | ForEach-Object FullName)) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

foreach ($name in $Task) {
    switch ($name) {
        'Build' { Invoke-Build }
        'Docs' { if (-not (Test-Path $ModuleManifest)) { Invoke-Build } else { Invoke-Docs } }
        'Test' { Invoke-Build; Invoke-Test }
        'Demo' { Invoke-Build; Invoke-Demo }
        'Dashboard' { Invoke-Build; Invoke-Dashboard }
        'Bench' { Invoke-Build; Invoke-Bench }
        'Package' { Invoke-Build; Invoke-Package }
        'Clean' { Invoke-Clean }
    }
}
