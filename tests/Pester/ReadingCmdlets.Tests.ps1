# Import-LlamaLog and ConvertFrom-LlamaLog (issue 15): input, paths, errors, filters, bad input, memory.

BeforeAll {
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $script:Logs = Join-Path $PSScriptRoot 'data/logs'
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-reading-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null

    function New-LogFile([string] $Name, [string[]] $Lines) {
        $path = Join-Path $Folder $Name
        [System.IO.File]::WriteAllText($path, ($Lines -join "`n") + "`n", [System.Text.UTF8Encoding]::new($false))
        $path
    }
}

AfterAll {
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The cmdlets'' declarations' {
    It 'declares LlamaLog.LogEntry as <Command>''s output' -ForEach @(@{ Command = 'Import-LlamaLog' }, @{ Command = 'ConvertFrom-LlamaLog' }) {
        (Get-Command $Command).OutputType.Type | Should -Be ([LlamaLog.LogEntry])
    }

    It 'shows entries in a table shaped like the console' {
        $rendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try { $text = Import-LlamaLog -LiteralPath (Join-Path $Logs 'llamastack-console.txt') | Select-Object -First 1 | Format-Table | Out-String -Width 200 }
        finally { $PSStyle.OutputRendering = $rendering }
        $lines = $text -split "`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Time\s+Level\s+Category\s+Name:Line\s+Message'
        $lines[2] | Should -Match ('^' + [regex]::Escape(([datetime]'2026-01-01 00:00:00.123').ToString('yyyy-MM-dd HH:mm:ss,fff', [cultureinfo]::InvariantCulture)) + '\s+Info\s+core::server\s+…_stack\.core\.server:42\s+Starting server on port 8321')
    }
}

Describe 'ConvertFrom-LlamaLog' {
    It 'reads what Get-Content gives as Import-LlamaLog reads the file' {
        $path = Join-Path $Logs 'llamalog-text.log'
        $fromLines = Get-Content $path | ConvertFrom-LlamaLog
        $fromFile = Import-LlamaLog -LiteralPath $path
        ($fromLines | ForEach-Object { "$($_.Time)|$($_.Name)|$($_.Message)|$($_.Exception)|$($_.LineNumber)" }) |
            Should -Be ($fromFile | ForEach-Object { "$($_.Time)|$($_.Name)|$($_.Message)|$($_.Exception)|$($_.LineNumber)" })
        $fromLines[0].Path | Should -BeNullOrEmpty
    }

    It 'reads a string of several lines as its lines' {
        $entries = @("2026-05-07 15:43:12,345 x:1 core: first`r`nmore`n2026-05-07 15:43:12,346 x:2 core: second" | ConvertFrom-LlamaLog)
        $entries.Count | Should -Be 2
        $entries[0].Message | Should -BeExactly "first`nmore"
        $entries[1].LineNumber | Should -Be 3
    }

    It 'writes the last record when the input ends' {
        $entries = @('2026-05-07 15:43:12,345 x:1 core: only' | ConvertFrom-LlamaLog)
        $entries.Count | Should -Be 1
    }

    It 'reads the standard error of a native command through 2>&1 (docker logs)' {
        $line = '2026-05-07T15:43:12.345678Z [warning] ogx.core.server:9 Slow start   category=core'
        $entries = @(& $Pwsh -NoProfile -NonInteractive -Command "[Console]::Error.WriteLine('$line')" 2>&1 | ConvertFrom-LlamaLog)
        $entries.Count | Should -Be 1
        $entries[0].Format | Should -Be 'Structlog'
        $entries[0].Level | Should -Be 'Warning'
        $entries[0].Category | Should -Be 'core'
    }
}

Describe 'Import-LlamaLog paths' {
    BeforeAll {
        $script:First = New-LogFile 'a1.log' '2026-05-07 15:43:12,345 x:1 core: from a1'
        $script:Second = New-LogFile 'a2.log' '2026-05-07 15:43:12,345 x:1 core: from a2'
        $script:Bracketed = New-LogFile 'b[1].log' '2026-05-07 15:43:12,345 x:1 core: from b[1]'
    }

    It 'reads every file a wildcard -Path matches' {
        (Import-LlamaLog -Path (Join-Path $Folder 'a*.log')).Message | Sort-Object | Should -Be @('from a1', 'from a2')
    }

    It 'reads -LiteralPath without wildcards' {
        (Import-LlamaLog -LiteralPath $Bracketed).Message | Should -Be 'from b[1]'
    }

    It 'reads FileInfo objects from the pipeline, and names each entry''s file' {
        $entries = Get-ChildItem $Folder -Filter 'a*.log' | Import-LlamaLog
        $entries.Path | Sort-Object | Should -Be @($First, $Second)
    }

    It 'reads paths from the pipeline' {
        ($First, $Second | Import-LlamaLog).Count | Should -Be 2
    }

    It 'resolves a relative path against the PowerShell location' {
        Push-Location $Folder
        try { (Import-LlamaLog a1.log).Message | Should -Be 'from a1' }
        finally { Pop-Location }
    }

    It 'gives a non-terminating error for a missing path and still reads the others' {
        $missing = Join-Path $Folder 'missing.log'
        $entries = Import-LlamaLog -LiteralPath $First, $missing, $Second -ErrorVariable problems -ErrorAction SilentlyContinue
        $entries.Message | Should -Be @('from a1', 'from a2')
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be $missing
    }

    It 'gives the same error for a -Path that matches nothing' {
        $null = Import-LlamaLog -Path (Join-Path $Folder 'nothing-*.log'), $First -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
    }

    It 'refuses a folder with its own error' {
        $null = Import-LlamaLog -LiteralPath $Folder -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'PathIsFolder,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'refuses a path of another provider' {
        $null = Import-LlamaLog -LiteralPath 'env:PATH' -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
    }
}

Describe 'Bad input' {
    It 'reads invalid UTF-8 as U+FFFD and goes on' {
        $path = Join-Path $Folder 'invalid-utf8.log'
        $bytes = [System.Text.Encoding]::UTF8.GetBytes("2026-05-07 15:43:12,345 x:1 core: bad `n2026-05-07 15:43:12,346 x:2 core: after`n")
        $bytes = $bytes[0..36] + [byte[]](0xC3, 0x28, 0xFF) + $bytes[37..($bytes.Length - 1)]
        [System.IO.File]::WriteAllBytes($path, [byte[]]$bytes)
        $entries = Import-LlamaLog -LiteralPath $path
        $entries.Count | Should -Be 2
        $entries[0].Message | Should -BeExactly "bad$([char]0xFFFD)($([char]0xFFFD) "
        $entries[1].Message | Should -BeExactly 'after'
    }

    It 'gives one error that names a binary file, and no entries' {
        $path = Join-Path $Folder 'binary.bin'
        [System.IO.File]::WriteAllBytes($path, [byte[]](0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00) * 100)
        $entries = @(Import-LlamaLog -LiteralPath $path -ErrorVariable problems -ErrorAction SilentlyContinue)
        $entries.Count | Should -Be 0
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'BinaryFile,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].Exception.Message | Should -BeLike "*$path*"
    }

    It 'reads a UTF-16 file with a byte order mark as text' {
        $path = Join-Path $Folder 'utf16.log'
        [System.IO.File]::WriteAllText($path, "2026-05-07 15:43:12,345 x:1 core: wide`n", [System.Text.Encoding]::Unicode)
        (Import-LlamaLog -LiteralPath $path).Message | Should -BeExactly 'wide'
    }

    It 'reads a line of 10 MB' {
        $message = 'x' * (10 * 1024 * 1024)
        $path = New-LogFile 'long-line.log' @("2026-05-07 15:43:12,345 x:1 core: $message", '2026-05-07 15:43:12,346 x:2 core: next')
        $entries = Import-LlamaLog -LiteralPath $path
        $entries[0].Message.Length | Should -Be $message.Length
        $entries[1].Message | Should -Be 'next'
    }

    It 'reads a file of one byte' {
        $path = Join-Path $Folder 'one-byte.log'
        [System.IO.File]::WriteAllBytes($path, [byte[]](0x78))
        $entries = @(Import-LlamaLog -LiteralPath $path)
        $entries.Count | Should -Be 1
        $entries[0].Format | Should -Be 'Unknown'
        $entries[0].Message | Should -BeExactly 'x'
    }

    It 'reads an empty file as no entries' {
        $path = Join-Path $Folder 'empty.log'
        [System.IO.File]::WriteAllBytes($path, [byte[]]@())
        @(Import-LlamaLog -LiteralPath $path).Count | Should -Be 0
    }

    It 'completes a record at its line limit and keeps the lines after it as Unknown entries' {
        $limit = [LlamaLog.Engine.Reading.LogRecordReader]::MaxContinuationLines
        $lines = @('2026-05-07 15:43:12,345 x:1 core: head') + @(1..($limit + 3) | ForEach-Object { "more $_" })
        $entries = @($lines | ConvertFrom-LlamaLog)
        $entries.Count | Should -Be 4
        ($entries[0].Message -split "`n").Count | Should -Be ($limit + 1)
        $entries[1..3].Message | Should -Be @("more $($limit + 1)", "more $($limit + 2)", "more $($limit + 3)")
        $entries[1].Format | Should -Be 'Unknown'
    }
}

Describe 'Selecting entries' {
    BeforeAll {
        $script:Lines = @(
            'not a record'
            '2026-05-07T10:00:00Z [debug] ogx.core.server:1 boot   category=core'
            '2026-05-07T10:05:00Z [info] ogx.core.routers.inference:2 routed   category=core::routers'
            '2026-05-07T10:10:00Z [warning] ogx.providers.vllm:3 slow reply   category=providers'
            '2026-05-07T10:15:00Z [error] uvicorn.error:4 Request failed   category=server'
            '2026-05-07 10:20:00,000 my_script:5 core: text line without a level'
        )
    }

    It 'keeps a category and its sub-categories with -Category' {
        ($Lines | ConvertFrom-LlamaLog -Category core).Message | Should -Be @('boot', 'routed', 'text line without a level')
    }

    It 'takes wildcards in -Category' {
        ($Lines | ConvertFrom-LlamaLog -Category 'prov*', 'serv?r').Message | Should -Be @('slow reply', 'Request failed')
    }

    It 'keeps the given level and above with -Level, leaving out entries without a level' {
        ($Lines | ConvertFrom-LlamaLog -Level Warning).Message | Should -Be @('slow reply', 'Request failed')
        ($Lines | ConvertFrom-LlamaLog -Level warn).Count | Should -Be 2
    }

    It 'keeps entries from -Since to -Until, inclusive' {
        $since = [datetimeoffset]'2026-05-07T10:05:00Z'
        $until = [datetimeoffset]'2026-05-07T10:10:00Z'
        ($Lines | ConvertFrom-LlamaLog -Since $since -Until $until).Message | Should -Be @('routed', 'slow reply')
    }

    It 'reads a [datetime] without a kind as local time' {
        $local = [datetime]'2026-05-07 10:20:00'
        ($Lines | ConvertFrom-LlamaLog -Since $local -Until $local).Message | Should -Be 'text line without a level'
    }

    It 'takes a [timespan] as "that long ago"' {
        $recent = (Get-Date).AddMinutes(-5).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.ffffffZ')
        $old = (Get-Date).AddHours(-2).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ss.ffffffZ')
        $entries = "$old [info] a:1 old   category=core", "$recent [info] a:2 recent   category=core" | ConvertFrom-LlamaLog -Since ([timespan]'01:00:00')
        $entries.Message | Should -Be 'recent'
    }

    It 'leaves out entries without a time with -Since' {
        ($Lines | ConvertFrom-LlamaLog -Since '2000-01-01').Format | Should -Not -Contain 'Unknown'
    }

    It 'keeps logger names matching -Name' {
        ($Lines | ConvertFrom-LlamaLog -Name 'ogx.core.*').Message | Should -Be @('boot', 'routed')
    }

    It 'keeps messages matching -Match, ignoring case' {
        ($Lines | ConvertFrom-LlamaLog -Match 'REQUEST|reply').Message | Should -Be @('slow reply', 'Request failed')
    }

    It 'combines the conditions' {
        ($Lines | ConvertFrom-LlamaLog -Category core -Level Info).Message | Should -Be 'routed'
    }

    It 'applies the same selection when reading files' {
        $path = New-LogFile 'select.log' $Lines
        (Import-LlamaLog -LiteralPath $path -Category server -Level Error).Message | Should -Be 'Request failed'
    }

    It 'refuses a level that is not one' {
        { 'x' | ConvertFrom-LlamaLog -Level loud } | Should -Throw -ExpectedMessage '*not a log level*'
    }

    It 'refuses Unknown as a -Format' {
        { 'x' | ConvertFrom-LlamaLog -Format Unknown } | Should -Throw
    }
}

Describe 'Memory' {
    It 'reads a 1 GB file with a working set within 100 MB of an idle pwsh with the module imported' {
        $path = Join-Path $Folder 'big.log'
        # 16 KiB records, written in 1 MiB blocks: a few seconds of writing.
        $message = 'y' * 16330
        $block = [System.Text.StringBuilder]::new()
        foreach ($i in 1..64) { $null = $block.Append('2026-05-07 15:43:12,345 big:1 core: ').Append($message).Append("   n=$i`n") }
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($block.ToString())
        $stream = [System.IO.FileStream]::new($path, 'Create', 'Write', 'None', 1MB)
        $blocks = [math]::Ceiling(1GB / $bytes.Length)
        try { foreach ($i in 1..$blocks) { $stream.Write($bytes, 0, $bytes.Length) } }
        finally { $stream.Dispose() }
        (Get-Item $path).Length | Should -BeGreaterOrEqual 1GB

        $script = @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
`$process = [System.Diagnostics.Process]::GetCurrentProcess()
`$idle = `$process.WorkingSet64
`$count = (Import-LlamaLog -LiteralPath '$path' | Measure-Object).Count
`$process.Refresh()
"`$count `$(`$process.PeakWorkingSet64 - `$idle)"
"@
        $count, $growth = (& $Pwsh -NoProfile -NonInteractive -Command $script) -split ' '
        [long]$count | Should -Be (64 * $blocks)
        [long]$growth | Should -BeLessThan 100MB
    }
}
