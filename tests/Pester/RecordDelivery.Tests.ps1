# A record LlamaLog accepted is not lost: while setups change, while the file cannot be written, and whatever is piped.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = New-TestFolder 'llamalog-delivery'

    function Set-FolderBlocked([string] $Name) {
        # The folder becomes a file: nothing can be written below it, even as root.
        $path = Join-Path $Folder $Name
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
        Set-Content -Path $path -Value 'in the way'
    }

    function Clear-FolderBlock([string] $Name) {
        Remove-Item (Join-Path $Folder $Name) -Force
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{} -Console Host
    Remove-Item $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Records written while Initialize-LlamaLog switches files' {
    It 'all land in the old file or the new one, from loggers and Write-LlamaLog in other runspaces' {
        $a = Join-Path $Folder 'switch-a.log'
        $b = Join-Path $Folder 'switch-b.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $a -Console None
        $log = Get-LlamaLogger -Name w -Category core
        $module = $env:LLAMALOG_TEST_MODULE
        $jobs = @(
            1..3 | ForEach-Object { Start-ThreadJob { $l = $using:log; for ($i = 0; $i -lt 20000; $i++) { $l.Info("r$i") } } }
            Start-ThreadJob { Import-Module $using:module; for ($i = 0; $i -lt 5000; $i++) { Write-LlamaLog -Category core "w$i" } }
        )
        $k = 0
        while (@($jobs | Where-Object State -In 'NotStarted', 'Running').Count -gt 0) {
            Initialize-LlamaLog -CategoryLevel @{} -LogFile (@($b, $a)[$k++ % 2]) -Console None
        }

        $jobs | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $inA = @([System.IO.File]::ReadAllLines($a)).Count
        $inB = @([System.IO.File]::ReadAllLines($b)).Count
        # Both files got records, so the switches happened while records were written.
        $inA | Should -BeGreaterThan 0
        $inB | Should -BeGreaterThan 0
        $inA + $inB | Should -Be 65000
    }
}

Describe 'Records held while the file cannot be written' {
    It 'are written to the file they were meant for when it is logged to again after a switch' {
        $meant = Join-Path $Folder 'held/app.log'
        $other = Join-Path $Folder 'other.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $meant -Console None
        Set-FolderBlocked 'held'
        Write-LlamaLog 'held 1' -WarningAction SilentlyContinue
        Write-LlamaLog 'held 2' -WarningAction SilentlyContinue
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $other -Console None -WarningAction SilentlyContinue
        Write-LlamaLog 'to the other file'
        Clear-FolderBlock 'held'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $meant -Console None
        Write-LlamaLog 'after'
        Get-Messages $meant | Should -Be @('held 1', 'held 2', 'after')
        Get-Messages $other | Should -Be @('to the other file')
    }

    It 'are reported when the setup switches away from their file: never dropped silently' {
        $meant = Join-Path $Folder 'held2/app.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $meant -Console None
        Set-FolderBlocked 'held2'
        Write-LlamaLog 'held' -WarningAction SilentlyContinue
        Initialize-LlamaLog -CategoryLevel @{} -LogFile (Join-Path $Folder 'other2.log') -Console None -WarningVariable said -WarningAction SilentlyContinue
        $said.Message | Should -Match ('1 record is still held for ''' + [regex]::Escape($meant) + '''')
        Clear-FolderBlock 'held2'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $meant -Console None
        Write-LlamaLog 'after'
    }

    It 'say in a readable sentence how many were written late and how many older ones were dropped' {
        $path = Join-Path $Folder 'many/app.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $path -Console None
        Set-FolderBlocked 'many'
        $log = Get-LlamaLogger -Name many -Category core
        Write-LlamaLog 'first held' -WarningAction SilentlyContinue
        for ($i = 0; $i -lt 10049; $i++) { $log.Info("held $i") }
        Clear-FolderBlock 'many'
        Write-LlamaLog 'after' -WarningVariable resumed -WarningAction SilentlyContinue
        $resumed[0].Message | Should -BeExactly ("Logging to '$path' resumed: 10000 held records were written late, after 50 older records " +
            'that were dropped because at most 10000 are held (the file says so too).')
    }
}

Describe 'An aggregate exception' {
    BeforeAll {
        $inner1 = [System.TimeoutException]::new('first failed', [System.IO.IOException]::new('disk gone'))
        $inner2 = [System.FormatException]::new('second failed')
        $script:Aggregate = [System.AggregateException]::new('several', [Exception[]]@($inner1, $inner2))
    }

    It 'has every inner exception, and theirs, in the log file' {
        Reset-Log
        Write-LlamaLog -Category core -Exception $Aggregate
        $text = Get-Content $LogFile -Raw
        foreach ($expected in 'System.AggregateException: several', 'System.TimeoutException: first failed', 'System.IO.IOException: disk gone', 'System.FormatException: second failed') {
            $text | Should -Match ([regex]::Escape($expected))
        }
    }

    It 'has every inner exception, and theirs, on the host' {
        Initialize-LlamaLog -CategoryLevel @{} -Console Host -Width 120
        $shown = Remove-Ansi ((Write-LlamaLog -Category core -Exception $Aggregate 6>&1) -join "`n")
        foreach ($expected in 'System.TimeoutException: first failed', 'System.IO.IOException: disk gone', 'System.FormatException: second failed') {
            $shown | Should -Match ([regex]::Escape($expected))
        }
    }

    It 'numbers the inner exceptions of a faulted Task.WhenAll in the logger''s output' {
        Reset-Log
        $tasks = @([System.Threading.Tasks.Task]::FromException([System.InvalidOperationException]::new('task a')),
            [System.Threading.Tasks.Task]::FromException([System.ArgumentException]::new('task b')))
        try { [System.Threading.Tasks.Task]::WhenAll($tasks).Wait() } catch { (Get-LlamaLogger -Name t -Category core).Exception($_) }
        $text = Get-Content $LogFile -Raw
        $text | Should -Match 'Inner exception 1 of 2:\r?\n\s+System.InvalidOperationException: task a'
        $text | Should -Match 'Inner exception 2 of 2:\r?\n\s+System.ArgumentException: task b'
    }
}

Describe 'Piped objects that are not text' {
    BeforeEach {
        Reset-Log
    }

    It 'log a piped array as its items joined by spaces, as Write-Host shows it' {
        , @(1, 2) | Write-LlamaLog -Category core
        (Get-Records).Message | Should -BeExactly '1 2'
    }

    It 'log each item of an unrolled array' {
        @(1, 2) | Write-LlamaLog -Category core
        (Get-Records).Message | Should -Be @('1', '2')
    }

    It 'log a piped hashtable by its string form, not as an empty record' {
        @{ a = 1 } | Write-LlamaLog -Category core
        (Get-Records).Message | Should -BeExactly 'System.Collections.Hashtable'
    }
}
