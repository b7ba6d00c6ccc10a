BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
}

Describe 'The log file format' {
    BeforeAll {
        $script:Folder = New-TestFolder
        $script:LogFile = Join-Path $Folder 'format.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None
        Write-LlamaLog -Category core 'first [bold]record[/bold] with [1, 2] and x[0]'
        $script:RecordLine = $MyInvocation.ScriptLineNumber
        $script:Bytes = [System.IO.File]::ReadAllBytes($LogFile)
        $script:Text = [System.Text.Encoding]::UTF8.GetString($Bytes)
    }

    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force
    }

    It 'writes asctime, logger name, line, category and message as the seed''s format' {
        $Text | Should -Match '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} LogFile\.Tests:\d+ core: '
    }

    It 'uses local time with milliseconds after a comma' {
        $stamp = [datetime]::ParseExact($Text.Substring(0, 23), 'yyyy-MM-dd HH:mm:ss,fff', [cultureinfo]::InvariantCulture)
        ([datetime]::Now - $stamp).TotalMinutes | Should -BeLessThan 5
    }

    It 'writes the plain text of the markup, keeping text that is not a tag' {
        $Text | Should -Match 'core: first record with \[1, 2\] and x\[0\]\r?\n$'
    }

    It 'has no byte order mark' {
        $Bytes[0] | Should -Not -Be 0xEF
    }

    It 'ends each record with the platform newline' {
        $Text.EndsWith([Environment]::NewLine) | Should -BeTrue
        ($Text.Length - $Text.TrimEnd("`r", "`n").Length) | Should -Be ([Environment]::NewLine.Length)
    }

    It 'appends to an existing file' {
        Write-LlamaLog -Category core 'second'
        @(Get-Messages $LogFile).Count | Should -Be 2
    }

    It 'keeps writing to the open file when Initialize-LlamaLog names the same file again' {
        $same = Join-Path $Folder 'same.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $same -Console None
        Write-LlamaLog 'before the second setup'
        Initialize-LlamaLog -CategoryLevel @{ core = 'DEBUG' } -LogFile $same -Console None
        Write-LlamaLog 'after the second setup'
        Get-Messages $same | Should -Be @('before the second setup', 'after the second setup')
    }

    It 'creates a missing parent folder' {
        $nested = Join-Path $Folder 'a/b/c/nested.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $nested -Console None
        Write-LlamaLog 'into a new folder'
        Get-Messages $nested | Should -Be 'into a new folder'
    }

    It 'resolves a relative -LogFile against the PowerShell location' {
        Push-Location $Folder
        try {
            Initialize-LlamaLog -CategoryLevel @{} -LogFile 'relative.log' -Console None
            (Get-LlamaLogSetting).LogFile | Should -Be (Join-Path $Folder 'relative.log')
        }
        finally {
            Pop-Location
        }
    }

    It 'writes exception details after the record line, indented' {
        $path = Join-Path $Folder 'exception.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $path -Console None
        try { throw [System.InvalidOperationException]::new('outer', [System.IO.IOException]::new('inner')) }
        catch { $_ | Write-LlamaLog -Category core 'request failed' }
        $lines = [System.IO.File]::ReadAllLines($path)
        $lines[0] | Should -Match 'core: request failed$'
        $lines | Select-Object -Skip 1 | ForEach-Object { $_ | Should -Match '^\s+\S' }
        ($lines -join "`n") | Should -Match 'System\.InvalidOperationException: outer'
        ($lines -join "`n") | Should -Match 'System\.IO\.IOException: inner'
        ($lines -join "`n") | Should -Match 'Traceback \(most recent call last\):'
    }
}

Describe 'Records from many writers at once' {
    BeforeAll {
        $script:Folder = New-TestFolder
    }

    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force
    }

    It 'keeps every record of 8 runspaces x 10,000 whole, once, one per line' {
        $path = Join-Path $Folder 'runspaces.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $path -Console None
        1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:env:LLAMALOG_TEST_MODULE
            $writer = $_
            foreach ($i in 1..10000) { Write-LlamaLog -Category core "writer $writer record $i end" }
        }
        $messages = @(Get-Messages $path)
        $messages.Count | Should -Be 80000
        ($messages | Where-Object { $_ -notmatch '^writer [1-8] record \d+ end$' }).Count | Should -Be 0
        ($messages | Sort-Object -Unique).Count | Should -Be 80000
    }

    It 'keeps every record of 4 processes x 10,000 whole, once, one per line' {
        $path = Join-Path $Folder 'processes.log'
        $children = foreach ($writer in 1..4) {
            Start-PwshProcess @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
Initialize-LlamaLog -LogFile '$path' -Console None
foreach (`$i in 1..10000) { Write-LlamaLog -Category core "process $writer record `$i end" }
"@
        }
        $children | Wait-Process -Timeout 300
        $children | ForEach-Object { $_.ExitCode | Should -Be 0 }
        $messages = @(Get-Messages $path)
        $messages.Count | Should -Be 40000
        ($messages | Where-Object { $_ -notmatch '^process [1-4] record \d+ end$' }).Count | Should -Be 0
        ($messages | Sort-Object -Unique).Count | Should -Be 40000
    }

    It 'filters each record by either the old or the new level while another runspace changes levels' {
        $path = Join-Path $Folder 'levels.log'
        Initialize-LlamaLog -CategoryLevel @{ core = 'info' } -LogFile $path -Console None
        $results = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:env:LLAMALOG_TEST_MODULE
            if ($_ -eq 1) {
                foreach ($i in 1..2000) { Set-LlamaLogLevel -Category core -Level ($i % 2 ? 'Debug' : 'Error') }
                'setter done'
            }
            else {
                foreach ($i in 1..5000) { Write-LlamaLog -Category core -Level Warning "w$_ $i" }
                'writer done'
            }
        }
        ($results | Sort-Object) | Should -Be @('setter done', 'writer done', 'writer done')
        # Warning passes at Debug and Info and fails at Error: every line is whole and from a writer.
        Get-Messages $path | Where-Object { $_ -notmatch '^w[23] \d+$' } | Should -BeNullOrEmpty
    }
}

Describe 'Log file rotation and faults' {
    BeforeEach {
        $script:Folder = New-TestFolder
        $script:LogFile = Join-Path $Folder 'app.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console None
    }

    AfterEach {
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'starts a new file at the path when the file was renamed (as logrotate does)' {
        Write-LlamaLog 'before rotation'
        Rename-Item $LogFile 'app.log.1'
        Write-LlamaLog 'after rotation'
        Get-Messages (Join-Path $Folder 'app.log.1') | Should -Be 'before rotation'
        Get-Messages $LogFile | Should -Be 'after rotation'
    }

    It 'starts a new file at the path when the file was renamed and another created there' {
        Write-LlamaLog 'before rotation'
        Rename-Item $LogFile 'app.log.1'
        Set-Content -Path $LogFile -Value 'created by logrotate'
        Write-LlamaLog 'after rotation'
        (Get-Content $LogFile)[-1] | Should -Match 'after rotation$'
        Get-Messages (Join-Path $Folder 'app.log.1') | Should -Be 'before rotation'
    }

    It 'starts a new file at the path when another file was moved onto it' {
        Write-LlamaLog 'before replace'
        Set-Content -Path (Join-Path $Folder 'fresh') -Value 'moved into place'
        Move-Item (Join-Path $Folder 'fresh') $LogFile -Force
        Write-LlamaLog 'after replace'
        (Get-Content $LogFile) | Should -HaveCount 2
        (Get-Content $LogFile)[-1] | Should -Match 'after replace$'
    }

    It 'follows the path, not the folder, when <What> above the file is renamed' -ForEach @(
        @{ What = 'its folder'; File = 'logs/app.log'; Renamed = 'logs'; Moved = 'logs.old/app.log' }
        @{ What = 'a folder two levels'; File = 'srv/logs/app.log'; Renamed = 'srv'; Moved = 'srv.old/logs/app.log' }
    ) {
        $path = Join-Path $Folder $File
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $path -Console None
        Write-LlamaLog 'before the move'
        Rename-Item (Join-Path $Folder $Renamed) "$Renamed.old"
        Write-LlamaLog 'after the move'
        Get-Messages (Join-Path $Folder $Moved) | Should -Be 'before the move'
        Get-Messages $path | Should -Be 'after the move'
    }

    It 'follows the path when a symbolic link in it is pointed elsewhere' -Skip:$IsWindows {
        $first = New-Item -ItemType Directory -Path (Join-Path $Folder 'first')
        $second = New-Item -ItemType Directory -Path (Join-Path $Folder 'second')
        $link = Join-Path $Folder 'current'
        New-Item -ItemType SymbolicLink -Path $link -Target $first.FullName | Out-Null
        Initialize-LlamaLog -CategoryLevel @{} -LogFile (Join-Path $link 'app.log') -Console None
        Write-LlamaLog 'into first'
        # Re-pointed as deploy tools do: a new link renamed over the old one.
        New-Item -ItemType SymbolicLink -Path (Join-Path $Folder 'next') -Target $second.FullName | Out-Null
        & mv -T (Join-Path $Folder 'next') $link
        $LASTEXITCODE | Should -Be 0
        Write-LlamaLog 'into second'
        Get-Messages (Join-Path $first 'app.log') | Should -Be 'into first'
        Get-Messages (Join-Path $second 'app.log') | Should -Be 'into second'
    }

    It 'notices a second rotation of the file it reopened after the first' {
        Write-LlamaLog 'first'
        Rename-Item $LogFile 'app.log.1'
        Write-LlamaLog 'second'
        Rename-Item $LogFile 'app.log.2'
        Write-LlamaLog 'third'
        Get-Messages (Join-Path $Folder 'app.log.1') | Should -Be 'first'
        Get-Messages (Join-Path $Folder 'app.log.2') | Should -Be 'second'
        Get-Messages $LogFile | Should -Be 'third'
    }

    It 'recreates the file when it was deleted, without an error' {
        Write-LlamaLog 'before delete'
        Remove-Item $LogFile
        { Write-LlamaLog 'after delete' -ErrorAction Stop } | Should -Not -Throw
        Get-Messages $LogFile | Should -Be 'after delete'
    }

    It 'warns once when the file cannot be written, then resumes and writes the held records' {
        $nested = Join-Path $Folder 'logs/app.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $nested -Console None
        Write-LlamaLog 'before the fault'
        # The folder becomes a file: nothing can be written at the path, even as root.
        Remove-Item (Join-Path $Folder 'logs') -Recurse -Force
        Set-Content -Path (Join-Path $Folder 'logs') -Value 'in the way'
        Write-LlamaLog 'during the fault 1' -WarningVariable first -WarningAction SilentlyContinue
        Write-LlamaLog 'during the fault 2' -WarningVariable second -WarningAction SilentlyContinue
        $first.Count | Should -Be 1
        $first[0].Message | Should -Match ([regex]::Escape($nested))
        $second.Count | Should -Be 0
        Remove-Item (Join-Path $Folder 'logs') -Force
        Write-LlamaLog 'after the fault' -WarningVariable resumed -WarningAction SilentlyContinue
        $resumed.Count | Should -Be 1
        $resumed[0].Message | Should -Match 'resumed'
        Get-Messages $nested | Should -Be @('during the fault 1', 'during the fault 2', 'after the fault')
    }

    It 'warns once when the disk is full, and keeps writing to the host' -Skip:(-not (Test-Path /dev/full)) {
        # /dev/full fails every write with ENOSPC, as a full disk does.
        Initialize-LlamaLog -CategoryLevel @{} -LogFile /dev/full -Console Host
        $first = Write-LlamaLog 'disk full 1' -WarningVariable w1 -WarningAction SilentlyContinue 6>&1
        $null = Write-LlamaLog 'disk full 2' -WarningVariable w2 -WarningAction SilentlyContinue 6>&1
        $w1.Count | Should -Be 1
        $w1[0].Message | Should -Match 'Cannot write to the log file ''/dev/full'': No space left on device'
        $w2.Count | Should -Be 0
        (Remove-Ansi "$first") | Should -Match 'disk full 1'
    }

    It 'keeps writing to the host while the file cannot be written' {
        $nested = Join-Path $Folder 'logs/app.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $nested -Console Host
        Remove-Item (Join-Path $Folder 'logs') -Recurse -Force
        Set-Content -Path (Join-Path $Folder 'logs') -Value 'in the way'
        $host_ = Write-LlamaLog 'still on the host' -WarningAction SilentlyContinue 6>&1
        "$host_" | Should -Match 'still on the host'
    }

    It 'has every record in the file when the process is killed right after Write-LlamaLog returns' {
        $path = Join-Path $Folder 'killed.log'
        $ready = Join-Path $Folder 'ready'
        $script_ = "Import-Module '$env:LLAMALOG_TEST_MODULE'; Initialize-LlamaLog -LogFile '$path' -Console None; " +
            "foreach (`$i in 1..500) { Write-LlamaLog `"record `$i`" }; Set-Content '$ready' 'x'; Start-Sleep 60"
        $child = Start-PwshProcess $script_
        $deadline = [datetime]::UtcNow.AddSeconds(60)
        while (-not (Test-Path $ready) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $child.Kill()
        $child.WaitForExit()
        @(Get-Messages $path).Count | Should -Be 500
    }
}

Describe 'A log file that cannot be opened' {
    BeforeAll {
        $script:Folder = New-TestFolder
        Set-Content -Path (Join-Path $Folder 'blocker') -Value 'a file, not a folder'
        $script:BadPath = Join-Path $Folder 'blocker/app.log'
    }

    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
        Remove-Item $Folder -Recurse -Force
    }

    It 'is a terminating error naming the path, with id LogFileUnavailable' {
        $err = $null
        try { Initialize-LlamaLog -LogFile $BadPath } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'LogFileUnavailable,*'
        $err.CategoryInfo.Category | Should -Be 'OpenError'
        $err.Exception.Message | Should -Match ([regex]::Escape($BadPath))
    }

    It 'changes neither the levels nor the open file' {
        $good = Join-Path $Folder 'good.log'
        Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -LogFile $good -Console None
        try { Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -LogFile $BadPath } catch { }
        (Get-LlamaLogLevel -Category core).Level | Should -Be 'Debug'
        (Get-LlamaLogSetting).LogFile | Should -Be $good
        Write-LlamaLog -Category core 'still logging'
        Get-Messages $good | Should -Be 'still logging'
    }

    It 'is a warning at import, and host logging goes on' {
        $output = & $Pwsh -NoProfile -NonInteractive -Command "`$env:LLAMA_STACK_LOG_FILE = '$BadPath'; Import-Module '$env:LLAMALOG_TEST_MODULE'; (Get-LlamaLogSetting).LogFile -eq `$null; Write-LlamaLog 'host only' 6>&1 | Out-String" *>&1
        $text = $output | Out-String
        $text | Should -Match 'WARNING: LlamaLog: Cannot open the log file'
        $text | Should -Match 'True'
        $text | Should -Match 'host only'
    }
}

Describe 'The log file from the environment' {
    BeforeAll {
        $script:Folder = New-TestFolder
    }

    AfterAll {
        Remove-Item $Folder -Recurse -Force
    }

    It 'is <Expected> when LLAMA_STACK_LOG_FILE is <Llama> and OGX_LOG_FILE is <Ogx>' -ForEach @(
        @{ Llama = 'llama.log'; Ogx = $null; Expected = 'llama.log' }
        @{ Llama = $null; Ogx = 'ogx.log'; Expected = 'ogx.log' }
        @{ Llama = 'llama.log'; Ogx = 'ogx.log'; Expected = 'llama.log' }
        @{ Llama = $null; Ogx = $null; Expected = 'none' }
    ) {
        $lines = @(
            if ($Llama) { "`$env:LLAMA_STACK_LOG_FILE = '$(Join-Path $Folder $Llama)'" } else { 'Remove-Item env:LLAMA_STACK_LOG_FILE -ErrorAction SilentlyContinue' }
            if ($Ogx) { "`$env:OGX_LOG_FILE = '$(Join-Path $Folder $Ogx)'" } else { 'Remove-Item env:OGX_LOG_FILE -ErrorAction SilentlyContinue' }
            "Import-Module '$env:LLAMALOG_TEST_MODULE'"
            '$s = Get-LlamaLogSetting; if ($s.LogFile) { (Split-Path $s.LogFile -Leaf) + "|" + $s.LogFileSource } else { "none|" + $s.LogFileSource }'
        )
        $output = & $Pwsh -NoProfile -NonInteractive -Command ($lines -join '; ')
        $source = @{ 'llama.log' = 'LLAMA_STACK_LOG_FILE'; 'ogx.log' = 'OGX_LOG_FILE'; 'none' = 'None' }[$Expected]
        $output | Should -Be "$Expected|$source"
    }
}
