# What LlamaLog writes (issue 13's text and JSON files, its console) reads back as it was written (issue 15).

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-roundtrip-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null
    $script:Properties = [ordered]@{
        port = 8321; host = ''; tags = @('a', 1, $null); opts = [ordered]@{ k = 'v'; n = 2.5 }; ok = $true
        big = [bigint]::Parse('123456789012345678901234567890')
    }

    function Write-Records([string] $Format) {
        $path = Join-Path $Folder "$Format.log"
        Initialize-LlamaLog -LogFile $path -FileFormat $Format -Console None -CategoryLevel @{ all = 'debug' }
        Write-LlamaLog -Category core 'Listening on' -Property $Properties
        $log = Get-LlamaLogger -Name roundtrip -Category inference
        $log.Warning("two lines`nsecond", [ordered]@{ attempt = 3 })
        try { throw [System.InvalidOperationException]::new('outer', [System.IO.IOException]::new('inner')) }
        catch { $_ | Write-LlamaLog -Category core::routers -Property @{ code = 7 } }
        Initialize-LlamaLog -CategoryLevel @{}
        $path
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Read back: <Format> file' -ForEach @(@{ Format = 'Text' }, @{ Format = 'Json' }) {
    BeforeAll {
        $script:Before = [datetimeoffset]::Now.AddSeconds(-1)
        $script:Entries = @(Import-LlamaLog -LiteralPath (Write-Records $Format))
        $script:After = [datetimeoffset]::Now.AddSeconds(1)
    }

    It 'reads one entry per record, in the format written' {
        $Entries.Count | Should -Be 3
        $Entries.Format | Sort-Object -Unique | Should -Be $Format
    }

    It 'reads the time, category, logger and message' {
        $Entries[0].Time | Should -BeGreaterThan $Before
        $Entries[0].Time | Should -BeLessThan $After
        $Entries.Category | Should -Be @('core', 'inference', 'core::routers')
        $Entries[1].Name | Should -Be 'roundtrip'
        $Entries[0].Message | Should -BeExactly 'Listening on'
        $Entries[1].Message | Should -BeExactly "two lines`nsecond"
    }

    It 'reads the properties back as the values written' {
        $read = $Entries[0].Properties
        @($read.Keys) | Sort-Object | Should -Be (@($Properties.Keys) | Sort-Object)
        $read['port'] | Should -Be 8321
        $read['host'] | Should -BeExactly ''
        $read['tags'][0] | Should -BeExactly 'a'
        $read['tags'][1] | Should -Be 1
        $read['tags'][2] | Should -Be $null
        $read['opts']['n'] | Should -Be 2.5
        $read['ok'] | Should -BeTrue
        $read['big'] | Should -Be $Properties.big
        $Entries[1].Properties['attempt'] | Should -Be 3
        $Entries[2].Properties['code'] | Should -Be 7
    }

    It 'reads the exception' {
        $exception = $Entries[2].Exception
        if ($Format -eq 'Text') {
            $exception | Should -BeLike 'Traceback (most recent call last):*System.InvalidOperationException: outer*System.IO.IOException: inner'
        }
        else {
            $exception[0]['exc_type'] | Should -Be 'InvalidOperationException'
            $exception[1]['exc_value'] | Should -Be 'inner'
        }
        $Entries[2].Message | Should -BeExactly 'outer'
    }

    It 'reads the level where the format has one' {
        if ($Format -eq 'Text') { $Entries | Where-Object { $null -ne $_.Level } | Should -BeNullOrEmpty }
        else { $Entries.Level | Should -Be @('Info', 'Warning', 'Error') }
    }
}

Describe 'Read back: LlamaLog''s console on standard error' -ForEach @(@{ Colours = $false }, @{ Colours = $true }) {
    BeforeAll {
        $long = 'A long message that wraps at the console width of 120 cells, so that the layout breaks it onto an indented second line'
        $script = @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
Initialize-LlamaLog -Console Stderr -CategoryLevel @{ all = 'debug' }
Write-LlamaLog -Category core -Level Warning '$long' -Property ([ordered]@{ port = 8321; host = '' })
Write-LlamaLog -Category server 'Second [bold]record[/bold]'
"@
        $saved = $env:NO_COLOR, $env:FORCE_COLOR, $env:TERM
        if ($Colours) { $env:NO_COLOR = $null; $env:FORCE_COLOR = '1'; $env:TERM = 'xterm-256color' } else { $env:NO_COLOR = '1'; $env:FORCE_COLOR = $null }
        try { $lines = & $Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" } }
        finally { $env:NO_COLOR, $env:FORCE_COLOR, $env:TERM = $saved }
        $script:Raw = $lines
        $script:Long = $long
        $script:Entries = @($lines | ConvertFrom-LlamaLog)
    }

    It 'wrote colours only when asked (the test''s own check)' {
        ($Raw -join "`n").Contains([char]27) | Should -Be $Colours
        $Raw.Count | Should -BeGreaterThan 2 -Because 'the first record wraps'
    }

    It 'reads one entry per record, with level, category and the wrapped message joined back' {
        $Entries.Count | Should -Be 2
        $Entries.Format | Sort-Object -Unique | Should -Be 'Console'
        $Entries[0].Level | Should -Be 'Warning'
        $Entries[0].Category | Should -Be 'core'
        $Entries[0].Message | Should -BeExactly $Long
        $Entries[1].Message | Should -BeExactly 'Second record'
    }

    It 'reads the properties after the message' {
        $Entries[0].Properties['port'] | Should -Be 8321
        $Entries[0].Properties['host'] | Should -BeExactly ''
    }
}
