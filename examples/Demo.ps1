<#
.SYNOPSIS
    The README's main job: the built module used on the example run.yaml.
.DESCRIPTION
    Reads the category levels of examples/run.yaml, applies them, writes categorized messages with Rich
    markup and properties to the host and to a log file, shows one record as OGX's JSON line, then prints the
    file. Run through `build.ps1 Demo`.
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest
)

$ErrorActionPreference = 'Stop'
Import-Module $ModuleManifest

$runYaml = Join-Path $PSScriptRoot 'run.yaml'
$logFile = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-demo-$PID/server.log"

Write-Host "== Validate $runYaml"
Test-LlamaLogConfig -Path $runYaml | ForEach-Object { "valid: $_" }

Write-Host "`n== Levels from its logging_config.category_levels section"
ConvertFrom-LlamaLogConfig -Path $runYaml | Format-Table -AutoSize | Out-String | Write-Host

Write-Host "== Apply them, and log to $logFile"
Initialize-LlamaLog -LogFile $logFile -Width 100
ConvertFrom-LlamaLogConfig -Path $runYaml | Set-LlamaLogLevel
Get-LlamaLogLevel -Category core, server, inference, providers | Format-Table -AutoSize | Out-String | Write-Host

Write-Host "== Messages (a DEBUG in 'core' passes; a DEBUG in 'server' and an INFO in 'inference' are filtered out)"
Write-LlamaLog -Category core -Level Debug 'Loaded [bold]3[/bold] providers from [green]run.yaml[/green]'
Write-LlamaLog -Category server 'Starting server on port 8321'
Write-LlamaLog -Category server -Level Debug 'not shown: server is at INFO'
Write-LlamaLog -Category inference 'not shown: inference is at WARNING'
Write-LlamaLog -Category inference -Level Warning "[yellow]Model[/yellow] 'llama3.2:3b' is slow to answer: 12.5 s"
Write-LlamaLog -Category core::server -Level Info 'GET http://localhost:8321/v1/models 200 True None'
Write-LlamaLog -Category server -Level Info 'A long line wraps at the console width, with continuation lines indented by nine cells under the message column, as Rich lays it out.'
try {
    Get-Item -Path (Join-Path $PSScriptRoot 'no-such-file.yaml') -ErrorAction Stop
}
catch {
    $_ | Write-LlamaLog -Category providers 'Could not read [bold red]a provider file[/]'
}

Write-Host "`n== Properties follow the message as key=value pairs, as OGX's renderer writes them"
Write-LlamaLog -Category server 'Listening on' -Property ([ordered]@{ port = 8321; host = '0.0.0.0' })

Write-Host "`n== The console as an OGX server prints it with OGX_LOG_FORMAT=json: one JSON line per record"
Initialize-LlamaLog -LogFile $logFile -Width 100 -ConsoleFormat Json
$log = Get-LlamaLogger -Name demo -Category server
$log.With(@{ request = 'r-42' }).Info('Served [bold]GET /v1/models[/bold]', [ordered]@{ status = 200; ms = 12.5 })
Initialize-LlamaLog -LogFile $logFile -Width 100

Write-Host "`n== The log file: clean text, one line per record"
Get-Content -Path $logFile | Write-Host
Remove-Item -Path (Split-Path $logFile) -Recurse -Force
