# OTLP export as Windows PowerShell 5.1 does it: the netstandard2.0 bridge from Dependencies/netstandard2.0, loaded
# into the default context with an AssemblyResolve handler, http/protobuf only. This project's machines have no .NET
# Framework, so each child pwsh sets OtlpIsolation's non-public ForceNetFrameworkPath (by reflection, before the
# module's import) and takes that path on .NET; .NET Framework itself is not tested here.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Dashboard = Start-OtlpDashboard
    $script:NetStandardFolder = Join-Path (Split-Path $env:LLAMALOG_TEST_MODULE) 'Dependencies/netstandard2.0'
    $script:Folder = New-TestFolder 'llamalog-otlp-netstandard'

    function New-TestService { "netstandard-$([guid]::NewGuid().ToString('n').Substring(0, 12))" }

    function Invoke-FrameworkPath {
        # Runs a script in a child pwsh whose LlamaLog loads OTLP as on .NET Framework, with the given environment
        # variables and no other logging variable; returns its output lines (standard error merged).
        param([string] $Script, [hashtable] $Environment = @{})
        $module = Split-Path $env:LLAMALOG_TEST_MODULE
        $prelude = @"
`$ErrorActionPreference = 'Stop'
`$assembly = [System.Reflection.Assembly]::LoadFrom('$module/LlamaLog.PowerShell.dll')
`$assembly.GetType('LlamaLog.Engine.Isolation.OtlpIsolation').GetProperty('ForceNetFrameworkPath', [System.Reflection.BindingFlags]'NonPublic, Static').SetValue(`$null, `$true)
Import-Module '$env:LLAMALOG_TEST_MODULE'

"@
        $command = $prelude + $Script
        $child = $Pwsh
        Invoke-WithEnvironment $Environment { & $child -NoProfile -NonInteractive -Command $command 2>&1 | ForEach-Object { "$_" } }.GetNewClosure()
    }

    function Get-Line([string[]] $Output, [string] $Prefix) {
        # The text after a prefix on the output lines that have it.
        $Output | Where-Object { $_.StartsWith($Prefix, [StringComparison]::Ordinal) } | ForEach-Object { $_.Substring($Prefix.Length) }
    }

    # Lists the given assemblies loaded in the child, as name|location|load context.
    $script:ListLoaded = @'
foreach ($a in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
    if ($a.GetName().Name -in $names) { 'loaded:' + $a.GetName().Name + '|' + $a.Location + '|' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).GetType().Name }
}
'@
}

AfterAll {
    Stop-OtlpDashboard $Dashboard
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Dependencies/netstandard2.0 in the built module' {
    It 'holds every assembly its bridge references, but netstandard itself (.NET Framework 4.7.1 and later have it)' {
        $files = Get-ChildItem $NetStandardFolder -Filter '*.dll'
        $missing = foreach ($file in $files) {
            $stream = [System.IO.File]::OpenRead($file.FullName)
            try {
                $reader = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader([System.Reflection.PortableExecutable.PEReader]::new($stream))
                foreach ($handle in $reader.AssemblyReferences) {
                    $name = $reader.GetString($reader.GetAssemblyReference($handle).Name)
                    if ($name -notin $files.BaseName) { $name }
                }
            }
            finally {
                $stream.Dispose()
            }
        }
        @($missing | Sort-Object -Unique) | Should -Be @('netstandard')
    }

    It 'has the bridge and the assemblies .NET Framework lacks, DiagnosticSource and System.Memory among them' {
        foreach ($name in 'LlamaLog.Otlp', 'OpenTelemetry.Exporter.OpenTelemetryProtocol', 'System.Diagnostics.DiagnosticSource', 'System.Memory') {
            Join-Path $NetStandardFolder "$name.dll" | Should -Exist
        }
    }
}

Describe 'A record exported by the netstandard2.0 bridge over http/protobuf' {
    BeforeAll {
        $script:Service = New-TestService
        $script:Output = @(Invoke-FrameworkPath -Environment @{ OTEL_SERVICE_NAME = $Service; OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment=test,team=ops' } -Script (@"
Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -Console None -OtlpEndpoint '$($Dashboard.HttpUrl)' -TraceParent '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
foreach (`$level in 'Debug', 'Info', 'Warning', 'Error', 'Critical') { Write-LlamaLog -Category core -Level `$level "level `$level" }
Write-LlamaLog -Category core 'Loaded [bold]3[/bold] providers' -Property ([ordered]@{ host = 'h1'; port = 8321 })
(Get-LlamaLogger -Name ogx.core.server -Category core).Info('from a logger')
'uses-load-context:' + [LlamaLog.Engine.Isolation.OtlpIsolation]::UsesLoadContext
'pid:' + `$PID
`$names = 'LlamaLog.Otlp', 'OpenTelemetry', 'OpenTelemetry.Exporter.OpenTelemetryProtocol', 'Microsoft.Extensions.Logging'
"@ + "`n" + $ListLoaded + @'
# A new setup retires the exporter, delivering what it holds.
Initialize-LlamaLog -Console None
'done'
'@))
        $script:Loaded = @(Get-Line $Output 'loaded:' | ForEach-Object { $name, $location, $context = $_ -split '\|'; [pscustomobject]@{ Name = $name; Location = $location; Context = $context } })
        $script:Records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 7)
        function Get-Record([string] $Body) { $Records | Where-Object Body -EQ $Body }
    }

    It 'runs the child to its end, on the path Windows PowerShell takes' {
        $Output | Should -Contain 'done' -Because ($Output -join "`n")
        Get-Line $Output 'uses-load-context:' | Should -Be 'False'
    }

    It 'loads the bridge from Dependencies/netstandard2.0 into the default load context' {
        $bridge = @($Loaded | Where-Object Name -EQ 'LlamaLog.Otlp')
        $bridge.Count | Should -Be 1
        $bridge[0].Location | Should -Be (Join-Path $NetStandardFolder 'LlamaLog.Otlp.dll')
        $bridge[0].Context | Should -Be 'DefaultAssemblyLoadContext'
    }

    It 'loads OpenTelemetry and Microsoft.Extensions from the same folder, not from Dependencies' {
        foreach ($name in 'OpenTelemetry', 'OpenTelemetry.Exporter.OpenTelemetryProtocol', 'Microsoft.Extensions.Logging') {
            ($Loaded | Where-Object Name -EQ $name).Location | Should -Be (Join-Path $NetStandardFolder "$name.dll")
        }
    }

    It 'arrives, every one, once' {
        $Records.Count | Should -Be 7
    }

    It 'has the severity number of its level (DEBUG 5, INFO 9, WARNING 13, ERROR 17, CRITICAL 21)' {
        @('Debug', 'Info', 'Warning', 'Error', 'Critical' | ForEach-Object { (Get-Record "level $_").SeverityNumber }) | Should -Be @(5, 9, 13, 17, 21)
    }

    It 'has the message as plain text, markup resolved, as its body' {
        Get-Record 'Loaded 3 providers' | Should -Not -BeNullOrEmpty
    }

    It 'has the logger name as its instrumentation scope' {
        (Get-Record 'from a logger').Scope | Should -Be 'ogx.core.server'
    }

    It 'has the category and the record''s properties as attributes' {
        $record = Get-Record 'Loaded 3 providers'
        $record.Attributes['category'] | Should -Be 'core'
        $record.Attributes['host'] | Should -Be 'h1'
        $record.Attributes['port'] | Should -Be '8321'
    }

    It 'has the -TraceParent trace id, span id and flags' {
        $record = Get-Record 'level Info'
        $record.TraceId | Should -Be '4bf92f3577b34da6a3ce929d0e0e4736'
        $record.SpanId | Should -Be '00f067aa0ba902b7'
        $record.Flags | Should -Be 1
    }

    It 'has the resource: service.name, OTEL_RESOURCE_ATTRIBUTES and process.pid' {
        $resource = (Get-Record 'level Info').Resource
        $resource['service.name'] | Should -Be $Service
        $resource['deployment.environment'] | Should -Be 'test'
        $resource['team'] | Should -Be 'ops'
        $resource['process.pid'] | Should -Be (Get-Line $Output 'pid:')
    }
}

Describe 'Initialize-LlamaLog -OtlpProtocol Grpc where the netstandard2.0 bridge runs' {
    BeforeAll {
        # A working setup (debug levels, a log file, export over http/protobuf), then a gRPC one that changes all three.
        $script:Service = New-TestService
        $script:LogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
        $script:OtherLogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
        $script:Output = @(Invoke-FrameworkPath -Environment @{ OTEL_SERVICE_NAME = $Service } -Script @"
Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -Console None -LogFile '$LogFile' -OtlpEndpoint '$($Dashboard.HttpUrl)'
Write-LlamaLog -Category core 'before'
try {
    Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -Console None -LogFile '$OtherLogFile' -OtlpEndpoint '$($Dashboard.GrpcUrl)' -OtlpProtocol Grpc
    'refused:no'
}
catch {
    'error-id:' + `$_.FullyQualifiedErrorId
    'category:' + `$_.CategoryInfo.Category
    'message:' + `$_.Exception.Message
}
'level:' + (Get-LlamaLogLevel -Category core).Value
`$s = Get-LlamaLogSetting
'protocol:' + `$s.OtlpProtocol + '|' + `$s.OtlpEndpoint
Write-LlamaLog -Category core -Level Debug 'after'
Initialize-LlamaLog -Console None
'done'
"@)
        $script:Records = @(Wait-OtlpDashboardLog $Dashboard $Service -Count 2)
    }

    It 'fails with the error OtlpProtocolUnsupported' {
        $Output | Should -Contain 'done' -Because ($Output -join "`n")
        Get-Line $Output 'error-id:' | Should -Be 'OtlpProtocolUnsupported,LlamaLog.Cmdlets.InitializeLlamaLogCommand'
        Get-Line $Output 'category:' | Should -Be 'InvalidArgument'
    }

    It 'names gRPC and where it was asked for, and says http/protobuf works' {
        Get-Line $Output 'message:' | Should -BeExactly 'OTLP over gRPC (-OtlpProtocol) is not supported on Windows PowerShell (.NET Framework), whose HttpClient has no HTTP/2; http/protobuf (-OtlpProtocol HttpProtobuf, usually port 4318) works.'
    }

    It 'leaves the levels as they were' {
        Get-Line $Output 'level:' | Should -Be '10'
    }

    It 'leaves the log file as it was, and opens not the new one' {
        Get-Messages $LogFile | Should -Be @('before', 'after')
        $OtherLogFile | Should -Not -Exist
    }

    It 'leaves the running exporter sending, over http/protobuf' {
        Get-Line $Output 'protocol:' | Should -Be "HttpProtobuf|$($Dashboard.HttpUrl)/v1/logs"
        @($Records.Body) | Should -Be @('before', 'after')
    }
}

Describe 'OTEL_EXPORTER_OTLP_PROTOCOL=grpc at import where the netstandard2.0 bridge runs' {
    BeforeAll {
        $script:Service = New-TestService
        $script:LogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
        $environment = @{
            OTEL_SERVICE_NAME = $Service; OTEL_EXPORTER_OTLP_ENDPOINT = $Dashboard.GrpcUrl; OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc'
            LLAMA_STACK_LOGGING = 'core=debug'; LLAMA_STACK_LOG_FILE = $LogFile
        }
        $script:Output = @(Invoke-FrameworkPath -Environment $environment -Script @'
Write-LlamaLog -Category core -Level Debug 'at import'
'otlp-sinks:' + @([LlamaLog.Engine.LogEngine]::Pipeline.Sinks | Where-Object { $_ -is [LlamaLog.Engine.Otlp.OtlpSink] }).Count
'done'
'@)
    }

    It 'warns once, naming the variable and saying http/protobuf works' {
        $Output | Should -Contain 'done' -Because ($Output -join "`n")
        @($Output | Where-Object { $_ -like '*gRPC*' } | Remove-Ansi) | Should -Be @('WARNING: LlamaLog: OTLP over gRPC (OTEL_EXPORTER_OTLP_PROTOCOL) is not supported on Windows PowerShell (.NET Framework), whose HttpClient has no HTTP/2; http/protobuf (-OtlpProtocol HttpProtobuf, usually port 4318) works. Records are not exported.')
    }

    It 'exports nothing' {
        Get-Line $Output 'otlp-sinks:' | Should -Be '0'
        @(Get-OtlpDashboardLog $Dashboard $Service).Count | Should -Be 0
    }

    It 'sets up the rest from the environment: levels and log file' {
        Get-Messages $LogFile | Should -Be @('at import')
    }
}

Describe '-OtlpRetryPath with the netstandard2.0 bridge' {
    BeforeAll {
        # Nothing listens on port 9 (discard) of the loopback interface: each export fails after 0.5 s of retries.
        $script:RetryPath = Join-Path $Folder 'retry-store'
        $script:Output = @(Invoke-FrameworkPath -Environment @{ OTEL_EXPORTER_OTLP_TIMEOUT = '500' } -Script @"
Initialize-LlamaLog -Console None -OtlpEndpoint 'http://127.0.0.1:9' -OtlpRetryPath '$RetryPath'
for (`$i = 0; `$i -lt 10; `$i++) { Write-LlamaLog -Category core "stored `$i" }
# Remove-Module delivers what is queued and keeps the exporter, whose counts the next import shows.
Remove-Module LlamaLog
Import-Module '$env:LLAMALOG_TEST_MODULE'
`$s = Get-LlamaLogSetting
'counts:' + `$s.OtlpExported + '|' + `$s.OtlpDropped + '|' + `$s.OtlpQueued
'done'
"@)
    }

    It 'stores the batches the receiver did not take in the folder, counted as delivered' {
        $Output | Should -Contain 'done' -Because ($Output -join "`n")
        Get-Line $Output 'counts:' | Should -Be '10|0|0'
        @(Get-ChildItem $RetryPath -Recurse -File).Count | Should -BeGreaterThan 0
    }
}

Describe 'The AssemblyResolve handlers of the .NET Framework path' {
    # On .NET, the runtime finds the bridge's dependencies next to it before any AssemblyResolve handler is asked,
    # so the handlers are called directly here, as .NET Framework calls them when a version has no binding redirect.
    BeforeAll {
        $script:Output = @(Invoke-FrameworkPath -Script @'
$flags = [System.Reflection.BindingFlags]'NonPublic, Static'
$otlp = [LlamaLog.Engine.Isolation.OtlpIsolation].GetMethod('ResolveFromNetStandardFolder', $flags)
$yaml = [LlamaLog.Engine.Isolation.YamlIsolation].GetMethod('ResolveFromDependencies', $flags)
function Resolve($method, [string] $name) {
    $assembly = $method.Invoke($null, @($null, [System.ResolveEventArgs]::new($name)))
    if ($assembly) { $assembly.Location } else { '(none)' }
}
'otlp-any-version:' + (Resolve $otlp 'Microsoft.Extensions.Primitives, Version=99.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60')
'otlp-other:' + (Resolve $otlp 'YamlDotNet, Version=16.0.0.0, Culture=neutral, PublicKeyToken=ec19458f3c15af5e')
'yaml-otlp:' + (Resolve $yaml 'Microsoft.Extensions.Logging, Version=8.0.0.0, Culture=neutral, PublicKeyToken=adb9793829ddae60')
'done'
'@)
    }

    It 'answers a request for any version of an assembly in Dependencies/netstandard2.0 with the one there' {
        $Output | Should -Contain 'done' -Because ($Output -join "`n")
        Get-Line $Output 'otlp-any-version:' | Should -Be (Join-Path $NetStandardFolder 'Microsoft.Extensions.Primitives.dll')
    }

    It 'answers nothing for an assembly that folder does not hold' {
        Get-Line $Output 'otlp-other:' | Should -Be '(none)'
    }

    It 'never hands out the net8.0 OTLP assemblies of Dependencies: the YAML handler answers for YamlDotNet only' {
        Get-Line $Output 'yaml-otlp:' | Should -Be '(none)'
    }
}
