# How the OTLP settings are resolved (parameters > OTEL_* variables > defaults) and how trace context is read.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    function Resolve-Otlp {
        # Resolves with the given parameters and a fake environment; returns the options and the warnings.
        param([hashtable] $Parameters = @{}, [hashtable] $Environment = @{})
        $given = [LlamaLog.Engine.Otlp.OtlpParameters]::new()
        foreach ($key in $Parameters.Keys) { $given.$key = $Parameters[$key] }
        $warnings = [System.Collections.Generic.List[string]]::new()
        $read = [Func[string, string]] { param($name) $Environment[$name] }.GetNewClosure()
        $options = [LlamaLog.Engine.Otlp.OtlpOptions]::Resolve($given, $read, $warnings)
        [pscustomobject]@{ Options = $options; Warnings = @($warnings) }
    }

    function Resolve-Trace {
        param([string] $TraceParent, [hashtable] $Environment = @{})
        $warnings = [System.Collections.Generic.List[string]]::new()
        $read = [Func[string, string]] { param($name) $Environment[$name] }.GetNewClosure()
        $source = [LlamaLog.Engine.Otlp.TraceContextSource]::Resolve($TraceParent, $read, $warnings)
        [pscustomobject]@{ Source = $source; Warnings = @($warnings) }
    }
}

Describe 'The OTLP endpoint' {
    It 'is off when neither a parameter nor a variable sets one' {
        $r = Resolve-Otlp
        $r.Options.IsEnabled | Should -BeFalse
        $r.Options.EndpointSource | Should -Be 'None'
    }

    It 'is a base URL to which /v1/logs is appended for http/protobuf' {
        $r = Resolve-Otlp -Parameters @{ Endpoint = 'http://collector:4318' }
        $r.Options.LogsEndpoint.AbsoluteUri | Should -Be 'http://collector:4318/v1/logs'
        $r.Options.EndpointSource | Should -Be '-OtlpEndpoint'
        $r.Options.IsEnabled | Should -BeTrue
    }

    It 'keeps a base path, adding one slash' {
        (Resolve-Otlp -Parameters @{ Endpoint = 'https://host/otlp/' }).Options.LogsEndpoint.AbsoluteUri | Should -Be 'https://host/otlp/v1/logs'
    }

    It 'is used as it is for gRPC' {
        $r = Resolve-Otlp -Parameters @{ Endpoint = 'http://collector:4317'; Protocol = 'Grpc' }
        $r.Options.LogsEndpoint.AbsoluteUri | Should -Be 'http://collector:4317/'
    }

    It 'comes from OTEL_EXPORTER_OTLP_ENDPOINT' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_ENDPOINT = 'http://env:4318' }
        $r.Options.LogsEndpoint.AbsoluteUri | Should -Be 'http://env:4318/v1/logs'
        $r.Options.EndpointSource | Should -Be 'OTEL_EXPORTER_OTLP_ENDPOINT'
    }

    It 'takes OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as it is, before OTEL_EXPORTER_OTLP_ENDPOINT' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_ENDPOINT = 'http://env:4318'; OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = 'http://logs:9999/custom' }
        $r.Options.LogsEndpoint.AbsoluteUri | Should -Be 'http://logs:9999/custom'
        $r.Options.EndpointSource | Should -Be 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT'
    }

    It 'from a parameter wins over the variables' {
        $r = Resolve-Otlp -Parameters @{ Endpoint = 'http://param:4318' } -Environment @{ OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = 'http://logs:1/x' }
        $r.Options.LogsEndpoint.AbsoluteUri | Should -Be 'http://param:4318/v1/logs'
    }

    It 'refuses a parameter that is not an absolute http(s) URI, naming it' {
        { Resolve-Otlp -Parameters @{ Endpoint = 'ftp://host/' } } | Should -Throw "*-OtlpEndpoint 'ftp://host/' is not an absolute http or https URI*"
        { Resolve-Otlp -Parameters @{ Endpoint = 'collector:4318' } } | Should -Throw "*'collector:4318'*"
    }

    It 'ignores a malformed variable with a warning that names it' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_ENDPOINT = 'not a url' }
        $r.Options.IsEnabled | Should -BeFalse
        $r.Warnings | Should -Be @("OTEL_EXPORTER_OTLP_ENDPOINT='not a url' is not an absolute http or https URI. It is ignored.")
    }
}

Describe 'The OTLP protocol' {
    It 'is http/protobuf by default' {
        $r = Resolve-Otlp
        $r.Options.Protocol | Should -Be 'HttpProtobuf'
        $r.Options.ProtocolSource | Should -Be 'Default'
    }

    It 'comes from OTEL_EXPORTER_OTLP_PROTOCOL' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc' }
        $r.Options.Protocol | Should -Be 'Grpc'
        $r.Options.ProtocolSource | Should -Be 'OTEL_EXPORTER_OTLP_PROTOCOL'
    }

    It 'from -OtlpProtocol wins over the variable' {
        $r = Resolve-Otlp -Parameters @{ Protocol = 'HttpProtobuf' } -Environment @{ OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc' }
        $r.Options.Protocol | Should -Be 'HttpProtobuf'
        $r.Options.ProtocolSource | Should -Be '-OtlpProtocol'
    }

    It 'warns about an unknown protocol variable and keeps http/protobuf' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json' }
        $r.Options.Protocol | Should -Be 'HttpProtobuf'
        $r.Warnings | Should -Be @("OTEL_EXPORTER_OTLP_PROTOCOL='http/json' is not grpc or http/protobuf; using http/protobuf.")
    }
}

Describe 'OTLP headers' {
    It 'come from -OtlpHeader, in order' {
        $r = Resolve-Otlp -Parameters @{ Headers = [ordered]@{ 'x-api-key' = 'k 1%'; authorization = 'Bearer t' } }
        $r.Options.Headers.Key | Should -Be @('x-api-key', 'authorization')
        $r.Options.HeadersSource | Should -Be '-OtlpHeader'
    }

    It 'come from OTEL_EXPORTER_OTLP_HEADERS, percent-decoded' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_HEADERS = 'api-key=a%20b,tenant=t1' }
        $r.Options.Headers.Value | Should -Be @('a b', 't1')
        $r.Options.HeadersSource | Should -Be 'OTEL_EXPORTER_OTLP_HEADERS'
    }

    It 'refuse a parameter header with a bad name, naming it' {
        { Resolve-Otlp -Parameters @{ Headers = @{ 'bad name' = 'v' } } } | Should -Throw "*-OtlpHeader 'bad name' is not a valid header name*"
    }

    It 'refuse a parameter header value with a comma, which the SDK cannot carry' {
        { Resolve-Otlp -Parameters @{ Headers = @{ tags = 'a,b' } } } | Should -Throw "*-OtlpHeader 'tags' has a value with a comma*"
    }

    It 'ignore a malformed variable with a warning' {
        $r = Resolve-Otlp -Environment @{ OTEL_EXPORTER_OTLP_HEADERS = 'novalue' }
        $r.Options.Headers.Count | Should -Be 0
        $r.Warnings | Should -Be @("OTEL_EXPORTER_OTLP_HEADERS has 'novalue', which is not name=value. The variable is ignored.")
    }
}

Describe 'The OTLP resource' {
    It 'names the service unknown_service:pwsh by default' {
        $r = Resolve-Otlp
        $r.Options.ServiceName | Should -Be 'unknown_service:pwsh'
        $r.Options.ServiceNameSource | Should -Be 'Default'
    }

    It 'takes service.name from OTEL_RESOURCE_ATTRIBUTES, and OTEL_SERVICE_NAME over it' {
        (Resolve-Otlp -Environment @{ OTEL_RESOURCE_ATTRIBUTES = 'service.name=from-attrs,deployment.environment=test' }).Options.ServiceName | Should -Be 'from-attrs'
        $r = Resolve-Otlp -Environment @{ OTEL_RESOURCE_ATTRIBUTES = 'service.name=from-attrs'; OTEL_SERVICE_NAME = 'from-name' }
        $r.Options.ServiceName | Should -Be 'from-name'
        $r.Options.ServiceNameSource | Should -Be 'OTEL_SERVICE_NAME'
    }

    It 'keeps OTEL_RESOURCE_ATTRIBUTES in order, percent-decoded' {
        $r = Resolve-Otlp -Environment @{ OTEL_RESOURCE_ATTRIBUTES = 'team=ops%2Cdev,region=eu' }
        $r.Options.ResourceAttributes.Key | Should -Be @('team', 'region')
        $r.Options.ResourceAttributes.Value | Should -Be @('ops,dev', 'eu')
    }
}

Describe 'Whether records are exported' {
    It 'is no when OTEL_LOGS_EXPORTER is none' {
        $r = Resolve-Otlp -Parameters @{ Endpoint = 'http://c:4318' } -Environment @{ OTEL_LOGS_EXPORTER = 'none' }
        $r.Options.IsEnabled | Should -BeFalse
        $r.Options.ExporterSource | Should -Be 'OTEL_LOGS_EXPORTER'
    }

    It 'is no when OTEL_SDK_DISABLED is true' {
        (Resolve-Otlp -Parameters @{ Endpoint = 'http://c:4318' } -Environment @{ OTEL_SDK_DISABLED = 'TRUE' }).Options.IsEnabled | Should -BeFalse
    }

    It 'is yes when OTEL_LOGS_EXPORTER names otlp among others' {
        (Resolve-Otlp -Parameters @{ Endpoint = 'http://c:4318' } -Environment @{ OTEL_LOGS_EXPORTER = 'console,otlp' }).Options.IsEnabled | Should -BeTrue
    }
}

Describe 'The batch settings' {
    It 'default to a 65,536-record queue, 512-record batches, 1 s delay, 30 s export timeout, 10 s request timeout' {
        $o = (Resolve-Otlp).Options
        @($o.MaxQueueSize, $o.MaxExportBatchSize, $o.ScheduleDelayMilliseconds, $o.ExportTimeoutMilliseconds, $o.TimeoutMilliseconds) |
            Should -Be @(65536, 512, 1000, 30000, 10000)
        $o.BatchSource | Should -Be 'Default'
    }

    It 'come from OTEL_BLRP_* and OTEL_EXPORTER_OTLP_TIMEOUT' {
        $o = (Resolve-Otlp -Environment @{ OTEL_BLRP_MAX_QUEUE_SIZE = '100'; OTEL_BLRP_MAX_EXPORT_BATCH_SIZE = '10'; OTEL_BLRP_SCHEDULE_DELAY = '50'; OTEL_BLRP_EXPORT_TIMEOUT = '700'; OTEL_EXPORTER_OTLP_TIMEOUT = '800' }).Options
        @($o.MaxQueueSize, $o.MaxExportBatchSize, $o.ScheduleDelayMilliseconds, $o.ExportTimeoutMilliseconds, $o.TimeoutMilliseconds) |
            Should -Be @(100, 10, 50, 700, 800)
        $o.BatchSource | Should -Be 'OTEL_BLRP_*'
        $o.TimeoutSource | Should -Be 'OTEL_EXPORTER_OTLP_TIMEOUT'
    }

    It 'ignore a value that is not a positive whole number, with a warning' {
        $r = Resolve-Otlp -Environment @{ OTEL_BLRP_MAX_QUEUE_SIZE = '-5' }
        $r.Options.MaxQueueSize | Should -Be 65536
        $r.Warnings | Should -Be @("OTEL_BLRP_MAX_QUEUE_SIZE='-5' is not a positive whole number; using 65536.")
    }

    It 'cap the batch at the queue size' {
        $r = Resolve-Otlp -Environment @{ OTEL_BLRP_MAX_QUEUE_SIZE = '100'; OTEL_BLRP_MAX_EXPORT_BATCH_SIZE = '500' }
        $r.Options.MaxExportBatchSize | Should -Be 100
        $r.Warnings.Count | Should -Be 1
    }
}

Describe 'The trace context given at setup' {
    It 'comes from -TraceParent' {
        $r = Resolve-Trace -TraceParent '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
        $r.Source.FallbackSource | Should -Be '-TraceParent'
        $r.Source.Fallback.TraceId | Should -Be '0af7651916cd43dd8448eb211c80319c'
        $r.Source.Fallback.SpanId | Should -Be 'b7ad6b7169203331'
        $r.Source.Fallback.Flags | Should -Be 1
    }

    It 'comes from TRACEPARENT and TRACESTATE when no parameter is given' {
        $r = Resolve-Trace -Environment @{ TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00'; TRACESTATE = 'congo=t61rcWkgMzE' }
        $r.Source.FallbackSource | Should -Be 'TRACEPARENT'
        $r.Source.Fallback.TraceState | Should -Be 'congo=t61rcWkgMzE'
        $r.Source.Fallback.Flags | Should -Be 0
    }

    It 'accepts a future version with more fields' {
        (Resolve-Trace -TraceParent '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra').Source.Fallback.TraceId | Should -Be '0af7651916cd43dd8448eb211c80319c'
    }

    It 'ignores <Case> with one warning' -ForEach @(
        @{ Case = 'uppercase hex'; Value = '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01'; Why = 'its trace id is not 32 lowercase hex digits, not all zero' }
        @{ Case = 'version ff'; Value = 'ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'; Why = "its version 'ff' is not two lowercase hex digits other than ff" }
        @{ Case = 'an all-zero trace id'; Value = '00-00000000000000000000000000000000-b7ad6b7169203331-01'; Why = 'its trace id is not 32 lowercase hex digits, not all zero' }
        @{ Case = 'an all-zero span id'; Value = '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01'; Why = 'its parent id is not 16 lowercase hex digits, not all zero' }
        @{ Case = 'a short value'; Value = '00-0af7651916cd43dd-b7ad6b7169203331-01'; Why = 'it is not of the form 00-<32 hex digits>-<16 hex digits>-<2 hex digits>' }
        @{ Case = 'extra fields for version 00'; Value = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-x'; Why = 'version 00 has exactly four fields' }
    ) {
        $r = Resolve-Trace -Environment @{ TRACEPARENT = $Value }
        $r.Source.Fallback | Should -BeNullOrEmpty
        $r.Warnings | Should -Be @("TRACEPARENT '$Value' is ignored: $Why.")
    }

    It 'is the current activity''s when there is one' {
        $r = Resolve-Trace -TraceParent '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
        $activity = [System.Diagnostics.Activity]::new('otlp-settings-test').Start()
        try {
            $current = $r.Source.Current()
            $current.TraceId | Should -Be $activity.TraceId.ToHexString()
            $current.SpanId | Should -Be $activity.SpanId.ToHexString()
        }
        finally { $activity.Stop() }
        $r.Source.Current().TraceId | Should -Be '0af7651916cd43dd8448eb211c80319c'
    }
}

Describe 'A property value as an OTLP attribute' {
    It 'keeps <Case>' -ForEach @(
        @{ Case = 'a string'; Value = 'text'; Expected = 'text'; Type = [string] }
        @{ Case = 'an int as a 64-bit integer'; Value = [int]7; Expected = 7; Type = [long] }
        @{ Case = 'a double'; Value = 2.5; Expected = 2.5; Type = [double] }
        @{ Case = 'a bool'; Value = $true; Expected = $true; Type = [bool] }
    ) {
        $converted = [LlamaLog.Engine.Otlp.OtlpAttributeValue]::From($Value)
        $converted | Should -Be $Expected
        $converted | Should -BeOfType $Type
    }

    It 'makes a list an array of its converted items' {
        $converted = [LlamaLog.Engine.Otlp.OtlpAttributeValue]::From(@('a', 1, $false))
        $converted.GetType() | Should -Be ([object[]])
        $converted[1] | Should -BeOfType [long]
    }

    It 'writes a dictionary as text' {
        [LlamaLog.Engine.Otlp.OtlpAttributeValue]::From([ordered]@{ k = 'v'; n = 1 }) | Should -Be '{k: v, n: 1}'
    }

    It 'writes a self-referencing list without hanging, cut at the depth limit' {
        $list = [System.Collections.ArrayList]::new()
        $null = $list.Add($list)
        [LlamaLog.Engine.Otlp.OtlpAttributeValue]::From($list) | Should -Match '<max depth>'
    }
}

Describe 'Initialize-LlamaLog with OTLP settings' {
    BeforeAll {
        Import-Module $env:LLAMALOG_TEST_MODULE -Force
        $script:Folder = New-Item -ItemType Directory -Path (Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-otlp-settings-$([guid]::NewGuid())")
        # Nothing listens on 127.0.0.1:9: a replaced exporter's flush gives up after this.
        $env:OTEL_EXPORTER_OTLP_TIMEOUT = '300'
    }

    AfterAll {
        Initialize-LlamaLog -Console None
        Remove-Item Env:OTEL_EXPORTER_OTLP_TIMEOUT
        Remove-Item $Folder -Recurse -Force
    }

    It 'refuses <Case> with error <ErrorId>, naming it, and changes nothing else' -ForEach @(
        @{ Case = 'an endpoint that is not an absolute http(s) URI'; Parameters = @{ OtlpEndpoint = 'collector:4318' }; Message = "*-OtlpEndpoint 'collector:4318' is not an absolute http or https URI*" }
        @{ Case = 'a header with a bad name'; Parameters = @{ OtlpEndpoint = 'http://127.0.0.1:4318'; OtlpHeader = @{ 'a b' = 'v' } }; Message = "*-OtlpHeader 'a b' is not a valid header name*" }
    ) {
        $log = Join-Path $Folder 'kept.log'
        Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -LogFile $log -Console None
        $failure = { Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -Console None @Parameters } | Should -Throw -PassThru -ExpectedMessage $Message
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidOtlpSetting,*'
        (Get-LlamaLogLevel -Category core).Level | Should -Be 'ERROR'
        (Get-LlamaLogSetting).LogFile | Should -Be $log
    }

    It 'stops the exporter it started when the log file cannot be opened' {
        $output = Invoke-Pwsh @'
$threads = { @(Get-ChildItem /proc/self/task | Where-Object { (Get-Content (Join-Path $_.FullName 'comm')) -like 'LlamaLog OTLP*' }).Count }
$before = & $threads
try { Initialize-LlamaLog -LogFile '/proc/llamalog-no-such-folder/x.log' -Console None -OtlpEndpoint 'http://127.0.0.1:9' } catch { "refused: $($_.FullyQualifiedErrorId)" }
Start-Sleep -Milliseconds 500
"export threads: $before before, $(& $threads) after"
'@
        $output | Should -Contain 'export threads: 0 before, 0 after'
        $output | Should -Contain 'refused: LogFileUnavailable,LlamaLog.Cmdlets.InitializeLlamaLogCommand'
    }

    It 'refuses an unknown protocol by its parameter type' {
        { Initialize-LlamaLog -OtlpEndpoint 'http://127.0.0.1:4318' -OtlpProtocol 'HttpJson' } | Should -Throw -ErrorId 'CannotConvertArgumentNoMessage,*' -ExpectedMessage '*HttpJson*'
    }

    It 'shows the endpoint, protocol and trace context with their sources' {
        Initialize-LlamaLog -Console None -OtlpEndpoint 'http://127.0.0.1:9' -OtlpProtocol Grpc -TraceParent '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
        $s = Get-LlamaLogSetting
        $s.OtlpEndpoint | Should -Be 'http://127.0.0.1:9/'
        $s.OtlpEndpointSource | Should -Be '-OtlpEndpoint'
        $s.OtlpProtocol | Should -Be 'Grpc'
        $s.OtlpProtocolSource | Should -Be '-OtlpProtocol'
        $s.TraceParent | Should -Be '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
        $s.TraceParentSource | Should -Be '-TraceParent'
        $s.Otlp.MaxQueueSize | Should -Be 65536
    }

    It 'reads the OTEL_ variables, and a parameter wins over them' {
        $env:OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:9'
        $env:OTEL_EXPORTER_OTLP_PROTOCOL = 'grpc'
        try {
            Initialize-LlamaLog -Console None -OtlpProtocol HttpProtobuf
            $s = Get-LlamaLogSetting
            $s.OtlpEndpoint | Should -Be 'http://127.0.0.1:9/v1/logs'
            $s.OtlpEndpointSource | Should -Be 'OTEL_EXPORTER_OTLP_ENDPOINT'
            $s.OtlpProtocolSource | Should -Be '-OtlpProtocol'
        }
        finally {
            Remove-Item Env:OTEL_EXPORTER_OTLP_ENDPOINT, Env:OTEL_EXPORTER_OTLP_PROTOCOL
        }
    }

    It 'counts queued records until they are exported or lost' {
        Initialize-LlamaLog -Console None -OtlpEndpoint 'http://127.0.0.1:9'
        for ($i = 0; $i -lt 5; $i++) { Write-LlamaLog -Category core "queued $i" }
        $s = Get-LlamaLogSetting
        $s.OtlpExported + $s.OtlpDropped + $s.OtlpQueued | Should -Be 5
    }

    It 'exports nothing without an endpoint' {
        Initialize-LlamaLog -Console None
        $s = Get-LlamaLogSetting
        $s.OtlpEndpoint | Should -BeNullOrEmpty
        $s.OtlpEndpointSource | Should -Be 'None'
        $s.OtlpExported + $s.OtlpQueued | Should -Be 0
    }

    It 'warns once about a malformed TRACEPARENT and ignores it' {
        $env:TRACEPARENT = '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01'
        try {
            Initialize-LlamaLog -Console None -WarningVariable warnings -WarningAction SilentlyContinue
        }
        finally { Remove-Item Env:TRACEPARENT }
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "TRACEPARENT '00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01' is ignored:*"
        (Get-LlamaLogSetting).TraceParentSource | Should -Be 'None'
    }
}
