# Issue 17, replay: Import-LlamaLog old.log | Write-LlamaLog writes each entry again, as it was, to every output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'llamalog-replay'

    function Get-Lines([string] $Path) { @([System.IO.File]::ReadAllLines($Path)) }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{} -Console Host
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Replaying entries read back from a log' {
    BeforeAll {
        # The original: text records with properties, a literal message, a multi-line message and an error.
        $script:Original = Join-Path $Folder 'original.log'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $Original -Console None
        Write-LlamaLog -Category core -Name server 'Listening on' -Property ([ordered]@{ port = 8321; host = '0.0.0.0' })
        Write-LlamaLog -Category inference -Name router -NoMarkup 'kept [bold]literal[/bold]'
        Write-LlamaLog -Category core::cache -Name cache "two`nlines"
        try { throw [System.InvalidOperationException]::new('outer', [System.ArgumentException]::new('inner')) } catch { $_ | Write-LlamaLog -Category providers -Name loader }
    }

    It 'gives exactly the same lines when a text file is replayed into a text file' {
        $copy = Join-Path $Folder 'copy.log'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $copy -Console None
        Import-LlamaLog -Path $Original | Write-LlamaLog
        Get-Lines $copy | Should -Be (Get-Lines $Original)
    }

    It 'keeps the time, category, logger name, line and properties in a JSON file' {
        $json = Join-Path $Folder 'copy.jsonl'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $json -Console None -FileFormat Json
        $entries = @(Import-LlamaLog -Path $Original)
        $entries | Write-LlamaLog
        $records = @(Get-Lines $json | ForEach-Object { ConvertFrom-Json $_ -AsHashtable -DateKind String })
        $records.Count | Should -Be 4
        $records[0].logger | Should -BeExactly 'server'
        $records[0].category | Should -BeExactly 'core'
        $records[0].lineno | Should -Be $entries[0].Line
        $records[0].port | Should -Be 8321
        $records[0].host | Should -BeExactly '0.0.0.0'
        [datetimeoffset]::Parse($records[0].timestamp, [cultureinfo]::InvariantCulture) | Should -Be $entries[0].Time
    }

    It 'never reads the message as markup' {
        $copy = Join-Path $Folder 'literal.log'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $copy -Console None
        Import-LlamaLog -Path $Original -Category inference | Write-LlamaLog
        @(Get-Lines $copy)[0] | Should -Match ([regex]::Escape('router:') + '\d+ inference: kept \[bold\]literal\[/bold\]$')
    }

    It 'writes an entry without a level (the seed''s text line has none) at INFO' {
        $json = Join-Path $Folder 'levels.jsonl'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $json -Console None -FileFormat Json
        Import-LlamaLog -Path $Original -Category inference | Write-LlamaLog
        (ConvertFrom-Json @(Get-Lines $json)[0]).level | Should -BeExactly 'info'
    }

    It 'keeps the level of an entry that has one' {
        $source = Join-Path $Folder 'leveled.jsonl'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $source -Console None -FileFormat Json
        Write-LlamaLog -Category core -Level Warning 'careful'
        $copy = Join-Path $Folder 'leveled-copy.jsonl'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $copy -Console None -FileFormat Json
        Import-LlamaLog -Path $source | Write-LlamaLog
        (ConvertFrom-Json @(Get-Lines $copy)[0]).level | Should -BeExactly 'warning'
    }

    It 'lets -Level, -Category and -Name given on the command line win' {
        $copy = Join-Path $Folder 'override.jsonl'
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -LogFile $copy -Console None -FileFormat Json
        Import-LlamaLog -Path $Original -Category inference | Write-LlamaLog -Level Error -Category server -Name replayed
        $record = ConvertFrom-Json @(Get-Lines $copy)[0]
        $record.level | Should -BeExactly 'error'
        $record.category | Should -BeExactly 'server'
        $record.logger | Should -BeExactly 'replayed'
    }

    It 'writes to the host too, as any record' {
        Initialize-LlamaLog -CategoryLevel @{ all = 'debug' } -Console Host -ConsoleFormat Rich -Width 200
        $shown = Import-LlamaLog -Path $Original -Category core | Select-Object -First 1 | Write-LlamaLog 6>&1
        Remove-Ansi "$shown" | Should -Match 'server:\d+ core: Listening on   host=0\.0\.0\.0 port=8321'
    }

    It 'filters replayed entries by the levels in force' {
        $copy = Join-Path $Folder 'filtered.log'
        Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -LogFile $copy -Console None
        Import-LlamaLog -Path $Original -Category core | Write-LlamaLog
        Test-Path $copy | Should -BeTrue
        Get-Lines $copy | Should -BeNullOrEmpty
    }

    It 'registers a category LlamaLog does not know, with one warning naming it' {
        $name = 'replay' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $source = Join-Path $Folder 'ogx.jsonl'
        $lines = 1..3 | ForEach-Object { '{"category": "' + $name + '", "event": "e' + $_ + '", "level": "info", "logger": "ogx.telemetry", "timestamp": "2026-12-04T21:00:0' + $_ + 'Z"}' }
        [System.IO.File]::WriteAllLines($source, $lines)
        $copy = Join-Path $Folder 'registered.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $copy -Console None
        Import-LlamaLog -Path $source | Write-LlamaLog -WarningVariable said -WarningAction SilentlyContinue
        $said.Count | Should -Be 1
        $said[0].Message | Should -Match "'$name'"
        Get-Messages $copy | Should -Be @('e1', 'e2', 'e3')
        (Get-LlamaLogLevel -Category $name).Category | Should -Be $name
    }

    It 'still writes piped text and error records as before' {
        Reset-Log
        'plain text' | Write-LlamaLog -Category core
        (Get-Records).Message | Should -BeExactly 'plain text'
    }
}
