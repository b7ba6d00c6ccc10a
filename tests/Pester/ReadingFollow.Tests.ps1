# Live and historical logs (issue 17): Import-LlamaLog -Tail, -Follow, and rotated sets read in time order.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'llamalog-follow'
    $script:Utf8 = [System.Text.UTF8Encoding]::new($false)

    function New-LogFile([string] $Name, [string[]] $Lines) {
        $path = Join-Path $Folder $Name
        [System.IO.File]::WriteAllText($path, ($Lines -join "`n") + "`n", $Utf8)
        $path
    }

    function Add-Text([string] $Path, [string] $Text) {
        [System.IO.File]::AppendAllText($Path, $Text, $Utf8)
    }

    function Get-TextLine([int] $Number, [string] $Category = 'core', [string] $Message = "message $Number") {
        "2026-05-07 15:43:12,345 app:$Number ${Category}: $Message"
    }

    function Get-JsonLine([int] $Number, [string] $Level = 'info') {
        '{"category": "core", "event": "event ' + $Number + '", "level": "' + $Level + '", "logger": "app", "timestamp": "2026-05-07T15:43:12.345678Z"}'
    }

    function New-GzipFile([string] $Name, [string[]] $Lines) {
        $path = Join-Path $Folder $Name
        $file = [System.IO.File]::Create($path)
        try {
            $gzip = [System.IO.Compression.GZipStream]::new($file, [System.IO.Compression.CompressionMode]::Compress)
            $bytes = $Utf8.GetBytes(($Lines -join "`n") + "`n")
            $gzip.Write($bytes, 0, $bytes.Length)
            $gzip.Dispose()
        }
        finally { $file.Dispose() }
        $path
    }

    # Import-LlamaLog -Follow in a runspace of its own, its output collected as it comes; .Stop() ends it.
    function Start-Follow([string] $Arguments) {
        $shell = [powershell]::Create()
        $null = $shell.AddScript("Import-Module '$($env:LLAMALOG_TEST_MODULE -replace "'", "''")'; Import-LlamaLog $Arguments")
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $handle = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        [pscustomobject]@{ Shell = $shell; Output = $output; Handle = $handle }
    }

    function Wait-Output($Follow, [int] $Count, [int] $Seconds = 10) {
        # Waits (generously) until the follower has output $Count entries; returns their messages. By index: an
        # open PSDataCollection's enumerator waits for the collection to be closed.
        $deadline = [datetime]::UtcNow.AddSeconds($Seconds)
        while ($Follow.Output.Count -lt $Count -and [datetime]::UtcNow -lt $deadline -and $Follow.Shell.InvocationStateInfo.State -eq 'Running') {
            Start-Sleep -Milliseconds 20
        }
        @(Get-Entry $Follow | ForEach-Object Message)
    }

    function Get-Entry($Follow) {
        for ($i = 0; $i -lt $Follow.Output.Count; $i++) { $Follow.Output[$i] }
    }

    function Stop-Follow($Follow) {
        $Follow.Shell.Stop()
        $Follow.Shell.Dispose()
    }
}

AfterAll {
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-LlamaLog -Tail' {
    BeforeAll {
        $lines = foreach ($i in 1..20000) {
            Get-TextLine $i -Category ($i % 10 -eq 0 ? 'inference' : 'core')
            if ($i % 1000 -eq 0) { '    System.InvalidOperationException: failed ' + $i; '    at <ScriptBlock>, x.ps1: line 3' }
        }
        $script:Big = New-LogFile 'big.log' $lines
    }

    It 'returns the last N records of a big file, oldest first' {
        (Import-LlamaLog -LiteralPath $Big -Tail 3).Message | Should -Be @('message 19998', 'message 19999', 'message 20000')
    }

    It 'reads the file from its end, only as far as the records it returns' {
        $reader = [LlamaLog.Engine.Reading.LogTailReader]::new($Big, 'Auto', $null)
        $null = $reader.Read(3, $false)
        $reader.BytesRead | Should -BeLessThan (128KB)
        (Get-Item $Big).Length | Should -BeGreaterThan (1MB)
    }

    It 'reads the end of a file whose start is unreadable (a gigabyte of NUL bytes, sparse)' {
        $path = Join-Path $Folder 'hole.log'
        $file = [System.IO.File]::Open($path, 'Create')
        try {
            $file.SetLength(1GB)
            $file.Position = 1GB
            $bytes = $Utf8.GetBytes("`n" + ((1..200 | ForEach-Object { Get-TextLine $_ }) -join "`n") + "`n")
            $file.Write($bytes, 0, $bytes.Length)
        }
        finally { $file.Dispose() }
        Import-LlamaLog -LiteralPath $path -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'BinaryFile*'
        (Import-LlamaLog -LiteralPath $path -Tail 2).Message | Should -Be @('message 199', 'message 200')
    }

    It 'counts the records the filters keep, reading further back until N pass' {
        $entries = Import-LlamaLog -LiteralPath $Big -Tail 3 -Category inference
        $entries.Message | Should -Be @('message 19980', 'message 19990', 'message 20000')
        (Import-LlamaLog -LiteralPath $Big -Tail 2 -Match '^message 1?9000$').Message | Should -Be @('message 9000', 'message 19000')
    }

    It 'keeps a multi-line record whole, its exception included' {
        $last = Import-LlamaLog -LiteralPath $Big -Tail 1
        $last.Message | Should -BeExactly 'message 20000'
        $last.Exception | Should -BeExactly "System.InvalidOperationException: failed 20000`nat <ScriptBlock>, x.ps1: line 3"
    }

    It 'gives the records a forward read gives, lines before the first record included' {
        $path = New-LogFile 'small.log' @('before any record', (Get-TextLine 1), 'second line', '', (Get-JsonLine 2), 'after json', (Get-TextLine 3))
        $all = Import-LlamaLog -LiteralPath $path
        $tail = Import-LlamaLog -LiteralPath $path -Tail 100
        ($tail | ForEach-Object { "$($_.Format)|$($_.LineNumber)|$($_.Message)" }) | Should -Be ($all | ForEach-Object { "$($_.Format)|$($_.LineNumber)|$($_.Message)" })
    }

    It 'numbers lines from the start only when it read the file to its start (else 0)' {
        (Import-LlamaLog -LiteralPath $Big -Tail 1).LineNumber | Should -Be 0
        $path = New-LogFile 'numbered.log' @((Get-TextLine 1), (Get-TextLine 2), 'more', (Get-TextLine 3))
        (Import-LlamaLog -LiteralPath $path -Tail 10).LineNumber | Should -Be @(1, 2, 4)
    }

    It 'takes a last line without its line end, as a forward read does' {
        $path = Join-Path $Folder 'unended.log'
        [System.IO.File]::WriteAllText($path, (Get-TextLine 1) + "`n" + (Get-TextLine 2), $Utf8)
        (Import-LlamaLog -LiteralPath $path -Tail 1).Message | Should -BeExactly 'message 2'
    }

    It 'returns nothing for -Tail 0' {
        Import-LlamaLog -LiteralPath $Big -Tail 0 | Should -BeNullOrEmpty
    }

    It 'scans a .gz file from its start' {
        $path = New-GzipFile 'tail.log.1.gz' (1..50 | ForEach-Object { Get-TextLine $_ })
        (Import-LlamaLog -LiteralPath $path -Tail 2).Message | Should -Be @('message 49', 'message 50')
    }

    It 'applies to each file of a rotated set' {
        $set = New-TestFolder 'llamalog-tailset'
        [System.IO.File]::WriteAllText((Join-Path $set 'app.log.1'), ((1..5 | ForEach-Object { Get-TextLine $_ }) -join "`n") + "`n")
        [System.IO.File]::WriteAllText((Join-Path $set 'app.log'), ((6..9 | ForEach-Object { Get-TextLine $_ }) -join "`n") + "`n")
        (Import-LlamaLog -Path (Join-Path $set 'app.log*') -Tail 1).Message | Should -Be @('message 5', 'message 9')
        Remove-Item $set -Recurse -Force
    }
}

Describe 'Rotated sets: the order rule on names' {
    It 'reads <Names> as <Expected>' -ForEach @(
        @{ Names = 'server.log', 'server.log.1', 'server.log.3', 'server.log.2'; Expected = 'server.log.3', 'server.log.2', 'server.log.1', 'server.log' }
        @{ Names = 'server.log.10', 'server.log.9', 'server.log.1'; Expected = 'server.log.10', 'server.log.9', 'server.log.1' }
        @{ Names = 'server.log.2.gz', 'server.log.1', 'server.log'; Expected = 'server.log.2.gz', 'server.log.1', 'server.log' }
        @{ Names = 'server.log', 'server.log.2026-12-04', 'server.log.2026-12-03'; Expected = 'server.log.2026-12-03', 'server.log.2026-12-04', 'server.log' }
        @{ Names = 'server.log.2026-12-04_21', 'server.log.2026-12-04_09', 'server.log.2026-12-03_23.gz'; Expected = 'server.log.2026-12-03_23.gz', 'server.log.2026-12-04_09', 'server.log.2026-12-04_21' }
        @{ Names = 'server.log.2026-12-04.2', 'server.log.2026-12-04.1', 'server.log.2026-12-03.1.gz'; Expected = 'server.log.2026-12-03.1.gz', 'server.log.2026-12-04.1', 'server.log.2026-12-04.2' }
        @{ Names = 'server.log-20261204', 'server.log-20261203.gz', 'server.log'; Expected = 'server.log-20261203.gz', 'server.log-20261204', 'server.log' }
        @{ Names = 'server.log.1', '.server.log.lock', 'server.log.2.gz.tmp', 'server.log.2'; Expected = 'server.log.2', 'server.log.1' }
        @{ Names = 'b.log', 'a.log.1', 'b.log.1', 'a.log'; Expected = 'b.log.1', 'b.log', 'a.log.1', 'a.log' }
        @{ Names = 'server.log.gz', 'notes.txt'; Expected = 'server.log.gz', 'notes.txt' }
        @{ Names = 'server.log.2', 'server.log.2.gz', 'server.log.1'; Expected = 'server.log.2.gz', 'server.log.1' }
    ) {
        $folder = [System.IO.Path]::GetTempPath()
        $ordered = [LlamaLog.Engine.Reading.RotatedSetOrder]::Order([string[]]($Names | ForEach-Object { Join-Path $folder $_ }))
        @($ordered | ForEach-Object { Split-Path $_ -Leaf }) | Should -Be $Expected
    }
}

Describe 'Rotated sets: -Path server.log*' {
    BeforeAll {
        $script:Set = Join-Path $Folder 'set'
        New-Item -ItemType Directory $Set | Out-Null
        # Written newest to oldest, so no time stamp or name order of the file system can give the right order.
        [System.IO.File]::WriteAllText((Join-Path $Set 'server.log'), (Get-TextLine 7) + "`n")
        [System.IO.File]::WriteAllText((Join-Path $Set 'server.log.1'), (Get-TextLine 5) + "`n" + (Get-TextLine 6) + "`n")
        $null = New-GzipFile 'set/server.log.2.gz' @((Get-TextLine 3), (Get-TextLine 4))
        [System.IO.File]::WriteAllText((Join-Path $Set 'server.log.10'), (Get-TextLine 1) + "`n" + (Get-TextLine 2) + "`n")
        [System.IO.File]::WriteAllText((Join-Path $Set '.server.log.lock'), '')
        [System.IO.File]::WriteAllBytes((Join-Path $Set 'server.log.3.gz.tmp'), [byte[]](0x1F, 0x8B, 0, 0))
    }

    It 'reads the set oldest first, so the records come out in time order' {
        (Import-LlamaLog -Path (Join-Path $Set 'server.log*')).Message | Should -Be (1..7 | ForEach-Object { "message $_" })
    }

    It 'skips the lock sidecar and a compression under way, with no error' {
        $entries = Import-LlamaLog -Path (Join-Path $Set '*'), (Join-Path $Set '.server.log.lock') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $entries.Count | Should -Be 7
    }

    It 'decompresses a .gz file as it reads it' {
        (Import-LlamaLog -LiteralPath (Join-Path $Set 'server.log.2.gz')).Message | Should -Be @('message 3', 'message 4')
    }

    It 'reads the date-suffixed names of time rotation in time order' {
        $dated = Join-Path $Folder 'dated'
        New-Item -ItemType Directory $dated | Out-Null
        [System.IO.File]::WriteAllText((Join-Path $dated 'app.log'), (Get-TextLine 4) + "`n")
        [System.IO.File]::WriteAllText((Join-Path $dated 'app.log.2026-12-04.1'), (Get-TextLine 3) + "`n")
        [System.IO.File]::WriteAllText((Join-Path $dated 'app.log.2026-12-04'), (Get-TextLine 2) + "`n")
        $null = New-GzipFile 'dated/app.log.2026-12-03.gz' @((Get-TextLine 1))
        (Import-LlamaLog -Path (Join-Path $dated 'app.log*')).Message | Should -Be (1..4 | ForEach-Object { "message $_" })
    }
}

Describe 'Rotated sets: what LlamaLog''s own rotation writes' {
    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
    }

    It 'reads a set rotated by size<Compress> in the order written' -ForEach @(@{ Compress = '' }, @{ Compress = ', compressed' }) {
        $folder = New-TestFolder 'llamalog-ownset'
        $path = Join-Path $folder 'server.log'
        Initialize-LlamaLog -LogFile $path -Console None -MaxSize 1KB -MaxFiles 0 -Compress:($Compress -ne '')
        1..100 | ForEach-Object { Write-LlamaLog -Category core "record $_" }
        Initialize-LlamaLog -Console None
        # Compression runs off the writer's thread: wait (generously) until every rotated file is compressed.
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while ($Compress -and (Get-ChildItem $folder -File | Where-Object { $_.Name -ne 'server.log' -and $_.Name -notlike '*.gz' }) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        (Get-ChildItem $folder -File).Count | Should -BeGreaterThan 5
        (Import-LlamaLog -Path (Join-Path $folder 'server.log*')).Message | Should -Be (1..100 | ForEach-Object { "record $_" })
        Remove-Item $folder -Recurse -Force
    }
}

Describe 'Import-LlamaLog -Follow' {
    It 'outputs what exists, then the records another process writes' {
        $path = New-LogFile 'other-process.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 1 | Should -Be @('message 1')
            $escaped = $path -replace "'", "''"
            Invoke-Pwsh "Initialize-LlamaLog -LogFile '$escaped' -Console None; Write-LlamaLog -Category core 'from a child'; Write-LlamaLog -Category core 'and another'" | Should -BeNullOrEmpty
            Wait-Output $follow 3 | Should -Be @('message 1', 'from a child', 'and another')
        }
        finally { Stop-Follow $follow }
    }

    It 'outputs every record of a big file that exists, in order' {
        $path = New-LogFile 'big-follow.log' (1..40000 | ForEach-Object { Get-TextLine $_ })
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            $messages = Wait-Output $follow 40000 -Seconds 30
            $messages.Count | Should -Be 40000
            $messages[0] | Should -Be 'message 1'
            $messages[39999] | Should -Be 'message 40000'
        }
        finally { Stop-Follow $follow }
    }

    It 'outputs the records another runspace writes' {
        $path = Join-Path $Folder 'runspace.log'
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            $null = Start-ThreadJob {
                Import-Module $using:env:LLAMALOG_TEST_MODULE
                Initialize-LlamaLog -LogFile $using:path -Console None
                1..3 | ForEach-Object { Write-LlamaLog -Category core "from a runspace $_" }
                Initialize-LlamaLog
            } | Wait-Job
            Wait-Output $follow 3 | Should -Be @('from a runspace 1', 'from a runspace 2', 'from a runspace 3')
        }
        finally { Stop-Follow $follow }
    }

    It 'with -Tail N outputs only the last N records, then new ones' {
        $path = New-LogFile 'tail-follow.log' (1..100 | ForEach-Object { Get-TextLine $_ })
        $follow = Start-Follow "-LiteralPath '$path' -Follow -Tail 2"
        try {
            Wait-Output $follow 2 | Should -Be @('message 99', 'message 100')
            Add-Text $path ((Get-TextLine 101) + "`n")
            Wait-Output $follow 3 | Should -Be @('message 99', 'message 100', 'message 101')
        }
        finally { Stop-Follow $follow }
    }

    It 'applies the filters to new records' {
        $path = New-LogFile 'filtered.log' (Get-JsonLine 1 'warning')
        $follow = Start-Follow "-LiteralPath '$path' -Follow -Level Warning"
        try {
            Wait-Output $follow 1 | Should -Be @('event 1')
            Add-Text $path ((Get-JsonLine 2 'info'), (Get-JsonLine 3 'error'), '' -join "`n")
            Wait-Output $follow 2 | Should -Be @('event 1', 'event 3')
        }
        finally { Stop-Follow $follow }
    }

    It 'follows the path across mv and a new file, as logrotate rotates' {
        $path = New-LogFile 'logrotate.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 1 | Should -Be @('message 1')
            Move-Item $path "$path.1"
            Add-Text "$path.1" ((Get-TextLine 2) + "`n")
            Add-Text $path ((Get-TextLine 3) + "`n")
            Wait-Output $follow 3 | Sort-Object | Should -Be @('message 1', 'message 2', 'message 3')
            Add-Text $path ((Get-TextLine 4) + "`n")
            (Wait-Output $follow 4)[3] | Should -Be 'message 4'
        }
        finally { Stop-Follow $follow }
    }

    It 'loses and repeats no record when the file is moved away under a writing process' {
        $path = Join-Path $Folder 'moved-under-writer.log'
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        $escaped = $path -replace "'", "''"
        $writer = Start-PwshProcess "Import-Module '$($env:LLAMALOG_TEST_MODULE -replace "'", "''")'; Initialize-LlamaLog -LogFile '$escaped' -Console None; foreach (`$i in 1..60) { Write-LlamaLog -Category core `"record `$i`"; Start-Sleep -Milliseconds 20 }"
        try {
            $null = Wait-Output $follow 10 -Seconds 20
            # As logrotate does: the writer notices at its next record and creates the file again at the path.
            Move-Item $path "$path.1"
            $writer.WaitForExit(20000) | Should -BeTrue
            $messages = Wait-Output $follow 60 -Seconds 10
            $messages.Count | Should -Be 60
            $messages | Sort-Object { [int]($_ -replace '\D') } | Should -Be (1..60 | ForEach-Object { "record $_" })
        }
        finally { Stop-Follow $follow; if (-not $writer.HasExited) { $writer.Kill() } }
    }

    It 'loses and repeats no record across LlamaLog''s own size rotation in the writing process' {
        $path = Join-Path $Folder 'own-rotation.log'
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        $escaped = $path -replace "'", "''"
        $writer = Start-PwshProcess "Import-Module '$($env:LLAMALOG_TEST_MODULE -replace "'", "''")'; Initialize-LlamaLog -LogFile '$escaped' -Console None -MaxSize 1KB -MaxFiles 0; foreach (`$i in 1..100) { Write-LlamaLog -Category core `"record `$i`"; Start-Sleep -Milliseconds 10 }"
        try {
            $writer.WaitForExit(30000) | Should -BeTrue
            $messages = Wait-Output $follow 100 -Seconds 10
            (Get-ChildItem "$path.*").Count | Should -BeGreaterThan 2
            $messages.Count | Should -Be 100
            $messages | Sort-Object { [int]($_ -replace '\D') } | Should -Be (1..100 | ForEach-Object { "record $_" })
        }
        finally { Stop-Follow $follow; if (-not $writer.HasExited) { $writer.Kill() } }
    }

    It 'follows the path across delete and a new file' {
        $path = New-LogFile 'deleted.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 1 | Should -Be @('message 1')
            Remove-Item $path
            Start-Sleep -Milliseconds 300
            Add-Text $path ((Get-TextLine 2) + "`n")
            Wait-Output $follow 2 | Should -Be @('message 1', 'message 2')
            (Get-Entry $follow)[-1].LineNumber | Should -Be 1
        }
        finally { Stop-Follow $follow }
    }

    It 'waits for a file that does not exist yet' {
        $path = Join-Path $Folder 'later.log'
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Start-Sleep -Milliseconds 300
            Add-Text $path ((Get-TextLine 1) + "`n")
            Wait-Output $follow 1 | Should -Be @('message 1')
        }
        finally { Stop-Follow $follow }
    }

    It 'starts over from the beginning when the file is truncated' {
        $path = New-LogFile 'truncated.log' @((Get-TextLine 1), (Get-TextLine 2))
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 2 | Should -Be @('message 1', 'message 2')
            [System.IO.File]::WriteAllText($path, (Get-TextLine 3) + "`n", $Utf8)
            Wait-Output $follow 3 | Should -Be @('message 1', 'message 2', 'message 3')
            [System.IO.File]::WriteAllText($path, '', $Utf8)
            # Written again past where reading was, before a poll may have seen it empty.
            Add-Text $path ((Get-TextLine 4 -Message 'a longer message than the one before it') + "`n")
            (Wait-Output $follow 4)[3] | Should -Be 'a longer message than the one before it'
        }
        finally { Stop-Follow $follow }
    }

    It 'waits for the end of a partial line' {
        $path = New-LogFile 'partial.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 1 | Should -Be @('message 1')
            Add-Text $path '2026-05-07 15:43:12,345 app:2 core: par'
            # Longer than the quiet period, so a follower that took the partial line would have output it.
            Start-Sleep -Milliseconds 600
            Add-Text $path "tial`n"
            Wait-Output $follow 2 | Should -Be @('message 1', 'partial')
            $follow.Output.Count | Should -Be 2
        }
        finally { Stop-Follow $follow }
    }

    It 'outputs a multi-line record whole, and the last record once the file is quiet' {
        $path = New-LogFile 'multiline.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        try {
            Wait-Output $follow 1 | Should -Be @('message 1')
            Add-Text $path ((Get-TextLine 2 -Message 'failed') + "`n")
            Add-Text $path "Traceback (most recent call last):`n  File `"x.py`", line 1`nValueError: boom`n"
            # No record follows: only the quiet rule completes it.
            Wait-Output $follow 2 | Should -Be @('message 1', 'failed')
            (Get-Entry $follow)[1].Exception | Should -BeExactly "Traceback (most recent call last):`n  File `"x.py`", line 1`nValueError: boom"
        }
        finally { Stop-Follow $follow }
    }

    It 'stops on Stop() (Ctrl+C) without an error' {
        $path = New-LogFile 'stopped.log' (Get-TextLine 1)
        $follow = Start-Follow "-LiteralPath '$path' -Follow"
        Wait-Output $follow 1 | Should -Be @('message 1')
        $follow.Shell.Stop()
        $follow.Shell.InvocationStateInfo.State | Should -Be 'Stopped'
        $follow.Shell.Streams.Error | Should -BeNullOrEmpty
        $follow.Shell.Dispose()
    }

    It 'works in a thread job' {
        $path = New-LogFile 'job.log' (Get-TextLine 1)
        $job = Start-ThreadJob { Import-Module $using:env:LLAMALOG_TEST_MODULE; Import-LlamaLog -LiteralPath $using:path -Follow | Select-Object -First 2 }
        Start-Sleep -Milliseconds 300
        Add-Text $path ((Get-TextLine 2) + "`n")
        $null = $job | Wait-Job -Timeout 10
        $job.State | Should -Be 'Completed'
        ($job | Receive-Job).Message | Should -Be @('message 1', 'message 2')
        $job | Remove-Job
    }

    It 'stops in a thread job with Stop-Job' {
        $path = New-LogFile 'stop-job.log' (Get-TextLine 1)
        $job = Start-ThreadJob { Import-Module $using:env:LLAMALOG_TEST_MODULE; Import-LlamaLog -LiteralPath $using:path -Follow }
        $deadline = [datetime]::UtcNow.AddSeconds(10)
        while (-not $job.HasMoreData -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $job | Stop-Job
        $job.State | Should -Be 'Stopped'
        ($job | Receive-Job).Message | Should -Be 'message 1'
        $job.ChildJobs[0].Error | Should -BeNullOrEmpty
        $job | Remove-Job
    }

    It 'refuses more than one file, naming them' {
        $first = New-LogFile 'one-of-two.log' (Get-TextLine 1)
        $second = New-LogFile 'two-of-two.log' (Get-TextLine 2)
        { Import-LlamaLog -LiteralPath $first, $second -Follow } | Should -Throw "*-Follow follows one file*one-of-two.log*two-of-two.log*"
    }
}
