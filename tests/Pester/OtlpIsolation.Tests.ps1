# Another module's OpenTelemetry (1.12.0, with Microsoft.Extensions 9.0), loaded before or after LlamaLog's
# (1.20.1 with 8.0, in LlamaLog's private load context), must not break either side, and both see the session's
# Activity.Current.
BeforeAll {
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Dashboard = Start-OtlpDashboard

    $packages = @(
        'opentelemetry/1.12.0', 'opentelemetry.api/1.12.0', 'opentelemetry.api.providerbuilderextensions/1.12.0'
        'microsoft.extensions.configuration/9.0.0', 'microsoft.extensions.configuration.abstractions/9.0.0'
        'microsoft.extensions.configuration.binder/9.0.0', 'microsoft.extensions.dependencyinjection/9.0.0'
        'microsoft.extensions.dependencyinjection.abstractions/9.0.0', 'microsoft.extensions.diagnostics.abstractions/9.0.0'
        'microsoft.extensions.logging/9.0.0', 'microsoft.extensions.logging.abstractions/9.0.0'
        'microsoft.extensions.logging.configuration/9.0.0', 'microsoft.extensions.options/9.0.0'
        'microsoft.extensions.options.configurationextensions/9.0.0', 'microsoft.extensions.primitives/9.0.0'
    )
    $script:OtherAssemblies = foreach ($package in $packages) {
        $folder = Join-Path $env:LLAMALOG_NUGET_PACKAGES "$package/lib/net8.0"
        if (-not (Test-Path $folder)) { throw "$package was not restored by tools/Tools.csproj: '$folder'." }
        (Get-ChildItem $folder -Filter '*.dll').FullName
    }

    function Invoke-Fresh {
        param([string] $Script)
        $output = & $Pwsh -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    # The other module loads its OpenTelemetry into the default context and traces with it: its tracer provider
    # samples the 'other' source, so the activity below exists only if its SDK works.
    $script:LoadOther = "`$ErrorActionPreference = 'Stop'`n" + (($OtherAssemblies | ForEach-Object { "Add-Type -Path '$_'" }) -join "`n") + @'

$builder = [OpenTelemetry.Sdk]::CreateTracerProviderBuilder().AddSource('other')
$provider = [OpenTelemetry.Trace.TracerProviderBuilderExtensions]::Build($builder)
$source = [System.Diagnostics.ActivitySource]::new('other')
'other:' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo([OpenTelemetry.Sdk].Assembly.Location).FileVersion
'@
    $script:StartActivity = @'
$activity = $source.StartActivity('work')
'activity:' + $activity.TraceId.ToHexString()
'@
    $script:UseLlamaLog = @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
`$env:OTEL_SERVICE_NAME = `$service
Initialize-LlamaLog -Console None -OtlpEndpoint '$($Dashboard.HttpUrl)'
Write-LlamaLog -Category core 'from LlamaLog'
Initialize-LlamaLog -Console None
'llamalog:ok'
"@
    $script:ListOpenTelemetry = @'
# Every OpenTelemetry release has assembly version 1.0.0.0: the file version tells them apart.
$loaded = foreach ($a in [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'OpenTelemetry' }) {
    'loaded:' + [System.Diagnostics.FileVersionInfo]::GetVersionInfo($a.Location).FileVersion + ':' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).GetType().Name
}
$loaded | Sort-Object
'@
}

AfterAll {
    Stop-OtlpDashboard $Dashboard
}

Describe 'OpenTelemetry loaded by another module <_>' -ForEach @('before LlamaLog', 'after LlamaLog') {
    BeforeAll {
        $script:Service = "isolation-$([guid]::NewGuid().ToString('n'))"
        $prelude = "`$service = '$Service'`n"
        $script:Result = if ($_ -eq 'before LlamaLog') {
            Invoke-Fresh ($prelude + $LoadOther + "`n" + $StartActivity + "`n" + $UseLlamaLog + "`n" + $ListOpenTelemetry)
        }
        else {
            Invoke-Fresh ($prelude + "Import-Module '$env:LLAMALOG_TEST_MODULE'`n" + $UseLlamaLog.Replace("'from LlamaLog'", "'first'") + "`n" + $LoadOther + "`n" + $StartActivity + "`n" + $UseLlamaLog + "`n" + $ListOpenTelemetry)
        }
        $script:TraceId = ($Result.Output | Where-Object { $_ -like 'activity:*' }) -replace '^activity:', ''
    }

    It 'leaves both working' {
        $Result.ExitCode | Should -Be 0 -Because ($Result.Output -join "`n")
        $Result.Output | Should -Contain 'other:1.12.0.1644'
        $TraceId | Should -Match '^[0-9a-f]{32}$'
        $Result.Output | Should -Contain 'llamalog:ok'
    }

    It 'loads two OpenTelemetry versions: the other''s in the default context, LlamaLog''s in its own' {
        $Result.Output | Where-Object { $_ -like 'loaded:*' } | Should -Be @('loaded:1.12.0.1644:DefaultAssemblyLoadContext', 'loaded:1.20.1.2236:DependencyLoadContext')
    }

    It 'exports the record with the trace id of the other module''s current activity' {
        $records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 1 | Where-Object Body -EQ 'from LlamaLog')
        $records.Count | Should -Be 1
        $records[0].TraceId | Should -Be $TraceId
    }
}
