# The one support file of the Pester suites: dot-source it in BeforeAll (`. (Join-Path $PSScriptRoot 'TestLog.ps1')`).
# It imports the built module and holds what several suites need: the child pwsh, the log line's pattern, escape-code
# stripping, fresh folders and log files, child processes, and a way to set environment variables for one block.

Import-Module $env:LLAMALOG_TEST_MODULE -Force

$script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$script:LinePattern = '^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (?<name>\S+):(?<line>\d+) (?<category>\S+): (?<message>.*)$'

# The variables that change what LlamaLog writes: a test that depends on one sets it (Invoke-WithEnvironment).
$script:LoggingVariables = @(
    'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR',
    'LLAMA_STACK_LOGGING', 'LLAMA_STACK_LOG_FILE', 'LLAMA_STACK_LOG_WIDTH', 'LLAMA_STACK_LOG_FORMAT',
    'OGX_LOGGING', 'OGX_LOG_FILE', 'OGX_LOG_WIDTH', 'OGX_LOG_FORMAT',
    'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL',
    'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_SERVICE_NAME', 'OTEL_RESOURCE_ATTRIBUTES',
    'OTEL_LOGS_EXPORTER', 'OTEL_SDK_DISABLED', 'OTEL_BLRP_SCHEDULE_DELAY', 'OTEL_BLRP_MAX_QUEUE_SIZE',
    'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', 'OTEL_BLRP_EXPORT_TIMEOUT', 'TRACEPARENT', 'TRACESTATE'
)

function Remove-Ansi {
    # The text without SGR escape codes and OSC 8 hyperlinks.
    param([Parameter(ValueFromPipeline)] [AllowEmptyString()] [string] $Text)
    process { $Text -replace '\x1b\[[0-9;]*m', '' -replace '\x1b\]8;[^\x1b]*\x1b\\', '' }
}

function New-TestFolder {
    param([string] $Prefix = 'llamalog-test')
    $path = Join-Path ([System.IO.Path]::GetTempPath()) "$Prefix-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Reset-Log {
    # Default levels (plus the given ones), a new log file in $Folder, and the console target.
    param([hashtable] $Levels = @{}, [string] $Console = 'None', [string] $FileFormat = 'Text', [string] $ConsoleFormat = 'Rich')
    $script:LogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
    Initialize-LlamaLog -CategoryLevel $Levels -LogFile $LogFile -Console $Console -FileFormat $FileFormat -ConsoleFormat $ConsoleFormat
}

function Get-Records {
    # The records of the current log file, as objects with the text line's fields.
    if (-not (Test-Path $LogFile)) { return @() }
    foreach ($line in [System.IO.File]::ReadAllLines($LogFile)) {
        if ($line -match $LinePattern) {
            [pscustomobject]@{ Name = $Matches.name; Line = [int]$Matches.line; Category = $Matches.category; Message = $Matches.message }
        }
    }
}

function Get-Messages {
    # The message part of every record line of a log file; a line that is not a record says so.
    param([string] $Path)
    foreach ($line in [System.IO.File]::ReadAllLines($Path)) {
        if ($line -match $LinePattern) { $Matches.message } else { "<not a record line: $line>" }
    }
}

function Start-PwshProcess {
    # A child pwsh running a script; Start-Process joins -ArgumentList without quoting, so the script travels encoded.
    param([string] $Script)
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Script))
    Start-Process -FilePath $Pwsh -PassThru -NoNewWindow -ArgumentList '-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded
}

function Invoke-Pwsh {
    # Runs a script in a child pwsh that has imported the module, with the given environment variables set (a $null
    # value removes one) and every other logging variable removed; returns its output (standard error merged).
    param([string] $Script, [hashtable] $Environment = @{})
    # On the script's first line, so the script's own line numbers are what a user would see.
    $command = "Import-Module '$($env:LLAMALOG_TEST_MODULE -replace "'", "''")'; " + $Script
    $child = $Pwsh
    Invoke-WithEnvironment $Environment { & $child -NoProfile -NonInteractive -Command $command 2>&1 }.GetNewClosure()
}

function Invoke-WithEnvironment {
    # Runs a block with the logging variables removed, then the given ones set (a $null value leaves one removed);
    # restores them all afterwards. Remove-Item, since PowerShell passes $null to a .NET string argument as "".
    param([hashtable] $Environment, [scriptblock] $Block)
    $saved = @{}
    foreach ($name in @($LoggingVariables) + @($Environment.Keys)) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue
    }

    try {
        foreach ($name in $Environment.Keys) {
            if ($null -ne $Environment[$name]) { Set-Item -LiteralPath "env:$name" -Value $Environment[$name] }
        }
        & $Block
    }
    finally {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item -LiteralPath "env:$name" -ErrorAction SilentlyContinue }
            else { Set-Item -LiteralPath "env:$name" -Value $saved[$name] }
        }
    }
}

function Invoke-InCulture([string] $Name, [scriptblock] $Script) {
    # Runs a block under another current culture, restored afterwards.
    $saved = [cultureinfo]::CurrentCulture
    try {
        [cultureinfo]::CurrentCulture = $Name
        & $Script
    }
    finally {
        [cultureinfo]::CurrentCulture = $saved
    }
}

function Test-PythonJson {
    # Each line read by CPython's json.loads; returns the lines it refused (none when all are valid JSON).
    param([string[]] $Lines)
    $check = 'import json,sys' + "`n" + 'for i,l in enumerate(sys.stdin.read().split("\n")):' + "`n" +
        ' if l:' + "`n" + '  try: json.loads(l)' + "`n" + '  except Exception as e: print(i, e)'
    $Lines -join "`n" | /usr/bin/python3 -c $check
}

# ---------------------------------------------------------------------------------------------------------------------
# OTLP receiver (issue 14): Start-OtlpDashboard, Stop-OtlpDashboard, Get-OtlpDashboardLog, Wait-OtlpDashboardLog.
# One dashboard per test file: start it in BeforeAll and stop it in AfterAll.
# ---------------------------------------------------------------------------------------------------------------------

. (Join-Path $PSScriptRoot 'OtlpReceiver.ps1')
