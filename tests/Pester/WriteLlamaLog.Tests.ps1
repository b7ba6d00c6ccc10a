BeforeAll {
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-write-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null

    . (Join-Path $PSScriptRoot 'TestLog.ps1')

}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
    Remove-Item $Folder -Recurse -Force
}

Describe 'Write-LlamaLog level filtering' {
    It 'writes a record at or above the category''s level' {
        Reset-Log @{ core = 'warning' }
        Write-LlamaLog -Category core -Level Warning 'at the level'
        Write-LlamaLog -Category core -Level Error 'above the level'
        (Get-Records).Message | Should -Be @('at the level', 'above the level')
    }

    It 'drops a record below the category''s level' {
        Reset-Log @{ core = 'warning' }
        Write-LlamaLog -Category core -Level Info 'below'
        Get-Records | Should -BeNullOrEmpty
    }

    It 'defaults -Level to Info' {
        Reset-Log @{ core = 'info' }
        Write-LlamaLog -Category core 'default level'
        Set-LlamaLogLevel -Category core -Level Warning
        Write-LlamaLog -Category core 'default level, now filtered'
        (Get-Records).Message | Should -Be 'default level'
    }

    It 'filters a::b by the level of a' {
        Reset-Log @{ core = 'error' }
        Write-LlamaLog -Category core::server -Level Warning 'filtered by core'
        Write-LlamaLog -Category core::server -Level Error 'passes core'
        (Get-Records).Category | Should -Be 'core::server'
        (Get-Records).Message | Should -Be 'passes core'
    }

    It 'filters uncategorized by INFO while the root level is unset' {
        Reset-Log
        Write-LlamaLog -Level Debug 'dropped'
        Write-LlamaLog 'kept'
        (Get-Records).Message | Should -Be 'kept'
        (Get-Records).Category | Should -Be 'uncategorized'
    }

    It 'filters uncategorized by the root level once it is set' {
        Reset-Log @{ all = 'debug' }
        Write-LlamaLog -Level Debug 'root at debug'
        Set-LlamaLogLevel -Category root -Level Error
        Write-LlamaLog -Level Warning 'root at error'
        (Get-Records).Message | Should -Be 'root at debug'
    }

    It 'writes every level name as Python does' -ForEach @(
        @{ Level = 'Debug'; Name = 'DEBUG' }, @{ Level = 'Info'; Name = 'INFO' }, @{ Level = 'Warning'; Name = 'WARNING' },
        @{ Level = 'Error'; Name = 'ERROR' }, @{ Level = 'Critical'; Name = 'CRITICAL' }
    ) {
        Reset-Log @{ core = 'debug' } -Console Host
        $host_ = Write-LlamaLog -Category core -Level $Level 'x' 6>&1
        (Remove-Ansi "$host_") | Should -Match "^$Name +\d{4}-"
    }

    It 'reads levels live: a change in another runspace applies to the very next record' {
        Reset-Log @{ core = 'error' }
        Write-LlamaLog -Category core 'before'
        $null = Start-ThreadJob { Import-Module $using:env:LLAMALOG_TEST_MODULE; Set-LlamaLogLevel -Category core -Level Debug } | Wait-Job
        Write-LlamaLog -Category core 'after'
        (Get-Records).Message | Should -Be 'after'
    }

    It 'accepts a registered category and its sub-categories' {
        Reset-Log
        Register-LlamaLogCategory -Name my_app
        Write-LlamaLog -Category my_app 'mine'
        Write-LlamaLog -Category my_app::db 'mine too'
        (Get-Records).Category | Should -Be @('my_app', 'my_app::db')
    }
}

Describe 'Write-LlamaLog with an unknown category' {
    BeforeAll {
        Reset-Log
        Write-LlamaLog -Category nope 'lost' -ErrorVariable err -ErrorAction SilentlyContinue
        $script:UnknownError = $err[0]
    }

    It 'is a non-terminating error with id UnknownLogCategory' {
        $UnknownError.FullyQualifiedErrorId | Should -BeLike 'UnknownLogCategory,*'
        $UnknownError.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'has the seed''s ValueError text, naming Register-LlamaLogCategory and listing the known categories' {
        $start = [regex]::Escape("Unknown logging category: nope. To resolve, choose a valid category from the available categories or add it with Register-LlamaLogCategory. Available categories: ['core', 'server', ")
        $UnknownError.Exception.Message | Should -Match ('^' + $start + ".*'tests'.*\]$")
    }

    It 'writes nothing' {
        Get-Records | Should -BeNullOrEmpty
    }

    It 'lets the pipeline go on' {
        Reset-Log
        'a', 'b' | ForEach-Object { Write-LlamaLog -Category nope $_ -ErrorAction SilentlyContinue; Write-LlamaLog -Category core $_ }
        (Get-Records).Message | Should -Be @('a', 'b')
    }

    It 'is an error for a sub-category of an unknown category, and for root' -ForEach @('nope::x', 'root', 'uncategorized::x') {
        Reset-Log
        Write-LlamaLog -Category $_ 'x' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'UnknownLogCategory,*'
    }
}

Describe 'Write-LlamaLog record fields' {
    It 'takes -Name as the logger name' {
        Reset-Log
        Write-LlamaLog -Name llama_stack.core.server 'named'
        (Get-Records).Name | Should -Be 'llama_stack.core.server'
    }

    It 'names the record after the calling script by default, with the caller''s line' {
        $script_ = Join-Path $Folder 'my-script.ps1'
        Set-Content $script_ -Value @(
            "param(`$log)"
            "Import-Module '$env:LLAMALOG_TEST_MODULE'"
            "Initialize-LlamaLog -LogFile `$log -Console None"
            "Write-LlamaLog 'from a script'"
        )
        $log = Join-Path $Folder 'script.log'
        & $Pwsh -NoProfile -NonInteractive -File $script_ $log
        $LASTEXITCODE | Should -Be 0
        Get-Content $log | Should -Match ' my-script:4 uncategorized: from a script$'
    }

    It 'names the record pwsh at the prompt' {
        $log = Join-Path $Folder 'prompt.log'
        & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:LLAMALOG_TEST_MODULE'; Initialize-LlamaLog -LogFile '$log' -Console None; Write-LlamaLog 'typed'"
        Get-Content $log | Should -Match ' pwsh:1 uncategorized: typed$'
    }

    It 'writes one record per pipeline line' {
        Reset-Log
        $text = Join-Path $Folder 'big.txt'
        1..500 | ForEach-Object { "line $_" } | Set-Content $text
        Get-Content $text | Write-LlamaLog -Category core
        $records = @(Get-Records)
        $records.Count | Should -Be 500
        $records[499].Message | Should -Be 'line 500'
    }

    It 'writes an empty message' {
        Reset-Log
        Write-LlamaLog ''
        @(Get-Records).Count | Should -Be 1
    }

    It 'is a terminating error with id NothingToWrite when given no message, error record or exception' {
        Reset-Log
        { Write-LlamaLog -Category core } | Should -Throw -ErrorId 'NothingToWrite,LlamaLog.Cmdlets.WriteLlamaLogCommand'
        Get-Records | Should -BeNullOrEmpty
    }

    It 'is a terminating error with id EmptyLogCategory for an empty or null -Category' -ForEach @(@{ Given = '' }, @{ Given = $null }) {
        Reset-Log
        { Write-LlamaLog 'm' -Category $Given } | Should -Throw -ErrorId 'EmptyLogCategory,LlamaLog.Cmdlets.WriteLlamaLogCommand'
    }

    It 'writes the message literally with -NoMarkup' {
        Reset-Log
        Write-LlamaLog -NoMarkup '[bold]not markup[/bold] [a-b]'
        (Get-Records).Message | Should -Be '[bold]not markup[/bold] [a-b]'
    }
}

Describe 'Write-LlamaLog with an error record or exception' {
    It 'defaults the level to Error and the message to the exception''s' {
        Reset-Log @{ core = 'error' }
        try { throw 'kaboom' } catch { $_ | Write-LlamaLog -Category core }
        (Get-Records).Message | Should -Be 'kaboom'
    }

    It 'keeps an explicit -Level' {
        Reset-Log @{ core = 'error' }
        try { throw 'kaboom' } catch { Write-LlamaLog -ErrorRecord $_ -Category core -Level Warning }
        Get-Records | Should -BeNullOrEmpty
    }

    It 'takes -Exception with a message of its own' {
        Reset-Log
        Write-LlamaLog -Exception ([System.TimeoutException]::new('too slow')) -Category core 'upstream call failed'
        (Get-Records).Message | Should -Be 'upstream call failed'
        Get-Content $LogFile -Raw | Should -Match 'System\.TimeoutException: too slow'
    }

    It 'carries inner exceptions and the script stack trace into the file' {
        Reset-Log
        function Invoke-Inner { throw [System.InvalidOperationException]::new('outer', [System.ArgumentException]::new('inner cause')) }
        try { Invoke-Inner } catch { $_ | Write-LlamaLog -Category core }
        $text = Get-Content $LogFile -Raw
        $text | Should -Match 'System\.ArgumentException: inner cause'
        $text | Should -Match 'at Invoke-Inner'
    }

    It 'keeps the message given with a piped error record' {
        Reset-Log
        try { throw 'kaboom' } catch { $_ | Write-LlamaLog -Category core 'request failed' }
        (Get-Records).Message | Should -Be 'request failed'
        Get-Content $LogFile -Raw | Should -Match 'RuntimeException: kaboom'
    }

    It 'logs piped text with the details of an error record given on the command line' {
        Reset-Log
        try { throw 'kaboom' } catch { $caught = $_ }
        'while loading' | Write-LlamaLog -ErrorRecord $caught -Category core
        (Get-Records).Message | Should -Be 'while loading'
        Get-Content $LogFile -Raw | Should -Match 'RuntimeException: kaboom'
    }

    It 'takes a pipeline that mixes text, numbers, error records and $null, one record each' {
        Reset-Log
        try { throw 'kaboom' } catch { $caught = $_ }
        'text', 42, $caught, $null, 'last' | Write-LlamaLog -Category core
        (Get-Records).Message | Should -Be @('text', '42', 'kaboom', '', 'last')
        # Only the error record is followed by its details.
        Get-Content $LogFile -Raw | Should -Match 'core: kaboom\r?\n    Traceback'
        Get-Content $LogFile -Raw | Should -Match 'core: 42\r?\n\d{4}-'
    }

    It 'writes an error per piped object it cannot log because the message is an argument' {
        Reset-Log
        'a', 'b' | Write-LlamaLog 'context' -Category core -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures | Should -HaveCount 2
        $failures[0].FullyQualifiedErrorId | Should -Be 'PipedInputNotBound,LlamaLog.Cmdlets.WriteLlamaLogCommand'
        $failures[0].Exception.Message | Should -BeLike '*System.String*'
        Get-Records | Should -BeNullOrEmpty
    }

    It 'refuses -ErrorRecord with something that is not an error record, naming its type' {
        Reset-Log
        { Write-LlamaLog -ErrorRecord 'not an error' -Category core } |
            Should -Throw -ErrorId 'ErrorRecordExpected,LlamaLog.Cmdlets.WriteLlamaLogCommand' -ExpectedMessage '*System.String*'
        Get-Records | Should -BeNullOrEmpty
    }

    It 'refuses -ErrorRecord together with -Exception' {
        Reset-Log
        try { throw 'kaboom' } catch { $caught = $_ }
        { Write-LlamaLog -ErrorRecord $caught -Exception ([System.Exception]::new('other')) } |
            Should -Throw -ErrorId 'ErrorRecordAndException,LlamaLog.Cmdlets.WriteLlamaLogCommand'
    }

    It 'shows the details after the message on the host' {
        Reset-Log -Console Host
        $shown = try { throw [System.InvalidOperationException]::new('visible') } catch { $_ | Write-LlamaLog -Category core 6>&1 }
        $text = Remove-Ansi ($shown | Out-String)
        $text | Should -Match 'ERROR +\S+ \S+ \S+ core: visible'
        $text | Should -Match 'System\.InvalidOperationException: visible'
        $text | Should -Match 'Traceback \(most recent call last\)'
    }
}

Describe 'Write-LlamaLog host output' {
    It 'goes to the information stream as a host message with the PSHOST, LlamaLog, category and level tags' {
        Reset-Log @{} -Console Host
        $record = Write-LlamaLog -Category core -Level Warning 'tagged' 6>&1
        $record | Should -BeOfType System.Management.Automation.InformationRecord
        $record.Tags | Should -Be @('PSHOST', 'LlamaLog', 'core', 'WARNING')
        $record.MessageData | Should -BeOfType System.Management.Automation.HostInformationMessage
    }

    It 'can be silenced with 6>$null' {
        Reset-Log @{} -Console Host
        $output = & { Write-LlamaLog 'quiet' 6>$null } *>&1
        $output | Should -BeNullOrEmpty
    }

    It 'is not written with -Console None, while the file still is' {
        Reset-Log @{} -Console None
        $output = Write-LlamaLog 'file only' 6>&1
        $output | Should -BeNullOrEmpty
        (Get-Records).Message | Should -Be 'file only'
    }

    It 'goes to standard error with -Console Stderr, plain when it is not a terminal' {
        $output = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:LLAMALOG_TEST_MODULE'; Initialize-LlamaLog -Console Stderr; Write-LlamaLog -Category core 'to stderr'; 'stdout line'" 2>$null
        $output | Should -Be 'stdout line'
        $errors = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:LLAMALOG_TEST_MODULE'; Initialize-LlamaLog -Console Stderr; Write-LlamaLog -Category core 'to stderr'" 2>&1 | ForEach-Object { "$_" }
        ($errors -join "`n") | Should -Match '^INFO +\d{4}-\S+ \S+ pwsh:1 core: to stderr'
        ($errors -join "`n") | Should -Not -Match "`e\["
    }

    It 'wraps at -Width with continuation lines indented 9 cells' {
        Reset-Log @{} -Console Host
        Initialize-LlamaLog -Width 40 -Console Host
        $text = Remove-Ansi ((Write-LlamaLog -Name n 'The quick brown fox jumps over the lazy dog and keeps running far away' 6>&1) | Out-String)
        $lines = $text.TrimEnd() -split '\r?\n'
        $lines.Count | Should -BeGreaterThan 1
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 40 }
        $lines | Select-Object -Skip 1 | ForEach-Object { $_ | Should -Match '^ {9}\S' }
    }

    It 'takes the width from LLAMA_STACK_LOG_WIDTH, else OGX_LOG_WIDTH, else 120' -ForEach @(
        @{ Llama = '80'; Ogx = $null; Expected = 80 }, @{ Llama = $null; Ogx = '90'; Expected = 90 },
        @{ Llama = '70'; Ogx = '90'; Expected = 70 }, @{ Llama = $null; Ogx = $null; Expected = 120 }
    ) {
        $set = @()
        if ($Llama) { $set += "`$env:LLAMA_STACK_LOG_WIDTH = '$Llama'" } else { $set += 'Remove-Item env:LLAMA_STACK_LOG_WIDTH -ErrorAction SilentlyContinue' }
        if ($Ogx) { $set += "`$env:OGX_LOG_WIDTH = '$Ogx'" } else { $set += 'Remove-Item env:OGX_LOG_WIDTH -ErrorAction SilentlyContinue' }
        $output = & $Pwsh -NoProfile -NonInteractive -Command (($set -join '; ') + "; Import-Module '$env:LLAMALOG_TEST_MODULE'; (Get-LlamaLogSetting).Width")
        $output | Should -Be $Expected
    }
}

Describe 'Write-LlamaLog colours' {
    BeforeAll {
        $script:ColourScript = "Initialize-LlamaLog -CategoryLevel @{}; `$r = Write-LlamaLog -Category core '[red]red[/red] text' 6>&1; `$r.MessageData.Message"
    }

    It 'uses escape codes when the host supports virtual terminal sequences' {
        $output = Invoke-Pwsh $ColourScript @{ TERM = 'xterm-256color'; COLORTERM = 'truecolor' }
        "$output" | Should -Match ([regex]::Escape("`e[34mINFO    `e[0m"))
    }

    It 'writes no escape codes at all when NO_COLOR is set' {
        $output = Invoke-Pwsh $ColourScript @{ TERM = 'xterm-256color'; NO_COLOR = '1' }
        "$output" | Should -Not -Match "`e"
        "$output" | Should -Match 'INFO +\S+ \S+ pwsh:1 core: red text'
    }

    It 'writes no escape codes when $PSStyle.OutputRendering is PlainText' {
        $output = Invoke-Pwsh ("`$PSStyle.OutputRendering = 'PlainText'; " + $ColourScript) @{ TERM = 'xterm-256color' }
        "$output" | Should -Not -Match "`e"
    }
}
