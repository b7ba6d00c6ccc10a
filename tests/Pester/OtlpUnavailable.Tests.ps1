# When the OTLP exporter cannot start (here: a copy of the module without its bridge assembly, as a broken install or a
# PowerShell without .NET 8 would be), a setup asking for export fails whole, and one from the environment warns.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'otlp-unavailable'
    $script:Module = Join-Path $Folder 'module'
    Copy-Item (Split-Path $env:LLAMALOG_TEST_MODULE) $Module -Recurse
    Remove-Item (Join-Path $Module 'Dependencies/LlamaLog.Otlp.dll')
    $script:Manifest = Join-Path $Module 'LlamaLog.psd1'

    function Invoke-BrokenModule {
        # Runs a script in a child pwsh that imports the copy without the bridge; returns what the child printed before
        # its last line (the host's lines: import warnings are written there) and the last line read as JSON.
        param([string] $Script, [hashtable] $Environment = @{})
        $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$($Manifest -replace "'", "''")'; " + $Script
        $child = $Pwsh
        $output = @(Invoke-WithEnvironment $Environment { & $child -NoProfile -NonInteractive -Command $command 2>&1 }.GetNewClosure() | ForEach-Object { "$_" })
        $result = $output[-1] | ConvertFrom-Json
        $result | Add-Member -NotePropertyName HostLines -NotePropertyValue @($output | Select-Object -SkipLast 1) -PassThru
    }
}

AfterAll {
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Initialize-LlamaLog when the OTLP exporter cannot start' {
    BeforeAll {
        $kept = Join-Path $Folder 'kept.log'
        $new = Join-Path $Folder 'new.log'
        $script:Result = Invoke-BrokenModule @"
Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -LogFile '$kept' -Console None
try { Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -LogFile '$new' -Console None -OtlpEndpoint 'http://127.0.0.1:9' ; `$failure = `$null }
catch { `$failure = `$_ }
Write-LlamaLog 'after the refusal' -Level Error -Category core
[pscustomobject]@{
    ErrorId  = `$failure.FullyQualifiedErrorId
    Category = "`$(`$failure.CategoryInfo.Category)"
    Message  = `$failure.Exception.Message
    Level    = "`$((Get-LlamaLogLevel -Category core).Level)"
    LogFile  = (Get-LlamaLogSetting).LogFile
    Exported = [bool](Get-LlamaLogSetting).OtlpEndpoint
} | ConvertTo-Json -Compress
"@
        $script:Kept = $kept
        $script:New = $new
    }

    It 'fails with OtlpExporterUnavailable, a connection error' {
        $Result.ErrorId | Should -BeLike 'OtlpExporterUnavailable,*'
        $Result.Category | Should -Be 'ConnectionError'
    }

    It 'names the endpoint it could not export to' {
        $Result.Message | Should -BeLike 'Cannot export to http://127.0.0.1:9/v1/logs:*'
    }

    It 'creates no new log file' {
        Test-Path $New | Should -BeFalse
    }

    It 'keeps the levels and the log file of the setup before' {
        $Result.Level | Should -Be 'ERROR'
        $Result.LogFile | Should -Be $Kept
    }

    It 'goes on writing to the log file of the setup before' {
        Get-Content $Kept | Should -Match 'core: after the refusal$'
    }
}

Describe 'An OTLP endpoint in the environment when the exporter cannot start' {
    BeforeAll {
        $log = Join-Path $Folder 'from-environment.log'
        $script:Result = Invoke-BrokenModule -Environment @{ OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:9'; LLAMA_STACK_LOG_FILE = $log } @"
Write-LlamaLog 'written' -Category core
[pscustomobject]@{ LogFile = (Get-LlamaLogSetting).LogFile } | ConvertTo-Json -Compress
"@
        $script:Log = $log
    }

    It 'gives one warning at import that records are not exported' {
        @($Result.HostLines | Where-Object { $_ -like '*Cannot export to http://127.0.0.1:9/v1/logs*Records are not exported.*' }).Count | Should -Be 1
    }

    It 'applies the rest of the environment''s setup' {
        $Result.LogFile | Should -Be $Log
        Get-Content $Log | Should -Match 'core: written$'
    }
}
