<#
.SYNOPSIS
    One side of the OTLP delivery-rate measure, in a fresh pwsh: -Side LlamaLog (a logger writes -Count records with
    OTLP export on, then Initialize-LlamaLog delivers them) or -Side Sdk (the bare SDK from C#, bench/OtlpRate.cs).
    Prints the seconds from the first record to the end of the delivery.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('LlamaLog', 'Sdk')] [string] $Side,
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $Endpoint,
    [Parameter(Mandatory)] [string] $Service,
    [Parameter(Mandatory)] [int] $Count
)

$ErrorActionPreference = 'Stop'
# Both sides queue every record: the rate is the receiver's and the exporter's, not a count of drops.
$queue = 1 + $Count

if ($Side -eq 'LlamaLog') {
    Import-Module $ModuleManifest
    $env:OTEL_SERVICE_NAME = $Service
    $env:OTEL_BLRP_MAX_QUEUE_SIZE = "$queue"
    $env:OTEL_EXPORTER_OTLP_TIMEOUT = '60000'
    Initialize-LlamaLog -Console None -OtlpEndpoint $Endpoint
    $log = Get-LlamaLogger -Name bench -Category core
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    # The bare SDK's records carry this call's file, line and function too (OtlpRate.cs).
    foreach ($i in 1..$Count) { $log.Info("m $i") }
    Initialize-LlamaLog -Console None
    $clock.Elapsed.TotalSeconds
}
else {
    # The module's own copies of OpenTelemetry and Microsoft.Extensions, loaded here into the default context (the
    # module is not imported in this process).
    $dependencies = Join-Path (Split-Path $ModuleManifest) 'Dependencies'
    $references = @(Get-ChildItem $dependencies -Filter '*.dll' | Where-Object Name -NotIn 'LlamaLog.Otlp.dll', 'YamlDotNet.dll' | ForEach-Object FullName)
    foreach ($path in $references) { Add-Type -Path $path }
    # -IgnoreWarnings: the packages reference System.Runtime 8.0, this runtime has 10.0 (CS1701, harmless).
    Add-Type -IgnoreWarnings -WarningAction SilentlyContinue -Path (Join-Path $PSScriptRoot 'OtlpRate.cs') -ReferencedAssemblies ($references + @('System.Diagnostics.DiagnosticSource', 'System.Collections', 'System.Runtime', 'netstandard'))
    $loggerLine = (Select-String -Path $PSCommandPath -SimpleMatch '{ $log.Info("m $i") }' | Select-Object -First 1).LineNumber
    [LlamaLogBench.BareSdkRate]::Run($Endpoint, $Service, $Count, $queue, $PSCommandPath, $loggerLine, '<ScriptBlock>')
}
