# Shared by the write-path tests: a fresh log file per test, and its records read back.
# Dot-source it in BeforeAll after setting $Folder; Reset-Log sets $LogFile.

$script:LinePattern = '^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) (?<name>\S+):(?<line>\d+) (?<category>\S+): (?<message>.*)$'

function Reset-Log {
    # Default levels (plus the given ones), a new log file, and the console target.
    param([hashtable] $Levels = @{}, [string] $Console = 'None')
    $script:LogFile = Join-Path $Folder "$([guid]::NewGuid()).log"
    Initialize-LlamaLog -CategoryLevel $Levels -LogFile $LogFile -Console $Console
}

function Get-Records {
    # The records of the current log file, as objects with the format's fields.
    if (-not (Test-Path $LogFile)) { return @() }
    foreach ($line in [System.IO.File]::ReadAllLines($LogFile)) {
        if ($line -match $LinePattern) {
            [pscustomobject]@{ Name = $Matches.name; Line = [int]$Matches.line; Category = $Matches.category; Message = $Matches.message }
        }
    }
}
