BeforeAll {
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-logger-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null

    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    function Remove-Time {
        # A record with its asctime blanked, and its host text without the time either.
        param([string] $Text)
        # On a terminal the highlighter colours the time's numbers, so escape codes may sit between its parts.
        $e = '(?:\x1b\[[0-9;]*m)*'
        $Text -replace "$e\d{4}$e-$e\d\d$e-$e\d\d$e $e\d\d:\d\d:\d\d$e,$e\d{3}$e", '<time>'
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
    Remove-Item $Folder -Recurse -Force
}

Describe 'Get-LlamaLogger' {
    It 'returns a LlamaLog.Logger with the name and category' {
        $log = Get-LlamaLogger -Name my_script -Category core
        $log | Should -BeOfType LlamaLog.Logger
        $log.Name | Should -Be 'my_script'
        $log.Category | Should -Be 'core'
    }

    It 'defaults the category to uncategorized' {
        (Get-LlamaLogger my_script).Category | Should -Be 'uncategorized'
    }

    It 'accepts a sub-category and a registered category' {
        Register-LlamaLogCategory -Name logger_test_app
        (Get-LlamaLogger x -Category core::server).Category | Should -Be 'core::server'
        (Get-LlamaLogger x -Category logger_test_app::db).Category | Should -Be 'logger_test_app::db'
    }

    It 'is a terminating error for an unknown category, with the seed''s ValueError text' {
        $err = $null
        try { Get-LlamaLogger x -Category nope; 'went on' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'UnknownLogCategory,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike 'Unknown logging category: nope. To resolve, choose a valid category from the available categories or add it with Register-LlamaLogCategory. Available categories: *'
    }

    It 'is shown by a format view with name, category and effective level' {
        Reset-Log @{ core = 'warning' }
        $text = Get-LlamaLogger my_script -Category core | Out-String
        $text | Should -Match 'Name\s+Category\s+EffectiveLevel'
        $text | Should -Match 'my_script\s+core\s+Warning'
    }
}

Describe 'Logger methods' {
    It '<Method> writes a record at <Level>' -ForEach @(
        @{ Method = 'Debug'; Level = 'DEBUG' }, @{ Method = 'Info'; Level = 'INFO' }, @{ Method = 'Warning'; Level = 'WARNING' },
        @{ Method = 'Error'; Level = 'ERROR' }, @{ Method = 'Critical'; Level = 'CRITICAL' }
    ) {
        Reset-Log @{ core = 'debug' } -Console Host
        $log = Get-LlamaLogger my_script -Category core
        $shown = & { $log.$Method("via $Method") } 6>&1 | Out-String
        (Get-Records).Message | Should -Be "via $Method"
        $LASTEXITCODE = 0
    }

    It 'Log takes the level as <Kind>' -ForEach @(
        @{ Kind = 'the enum'; Level = 'enum:Warning' }, @{ Kind = 'a name'; Level = 'warning' },
        @{ Kind = 'an alias'; Level = 'WARN' }, @{ Kind = 'a number'; Level = 30 }
    ) {
        Reset-Log @{ core = 'warning' }
        $log = Get-LlamaLogger my_script -Category core
        # The enum type exists only once the module is imported, after discovery.
        $value = if ("$Level" -like 'enum:*') { [LlamaLog.LogLevel]("$Level".Substring(5)) } else { $Level }
        $log.Log($value, 'logged')
        (Get-Records).Message | Should -Be 'logged'
    }

    It 'Log refuses something that is not a level, naming the accepted ones' {
        $log = Get-LlamaLogger my_script -Category core
        { $log.Log('loud', 'x') } | Should -Throw '*is not a log level. Accepted levels: NotSet, Debug, Info, Warning, Warn, Error, Critical, Fatal*'
    }

    It 'filters by the category''s level read at each call' {
        Reset-Log @{ core = 'info' }
        $log = Get-LlamaLogger my_script -Category core
        $log.Debug('dropped')
        Set-LlamaLogLevel -Category core -Level Debug
        $log.Debug('kept')
        (Get-Records).Message | Should -Be 'kept'
    }

    It 'follows the parent''s level for a::b' {
        Reset-Log @{ core = 'error' }
        $log = Get-LlamaLogger my_script -Category core::server
        $log.Warning('dropped')
        $log.Error('kept')
        (Get-Records).Category | Should -Be 'core::server'
    }

    It 'follows the root level for uncategorized, INFO while it is unset' {
        Reset-Log
        $log = Get-LlamaLogger my_script
        $log.Debug('dropped')
        $log.Info('kept')
        Set-LlamaLogLevel -Category root -Level Error
        $log.Warning('dropped too')
        (Get-Records).Message | Should -Be 'kept'
    }

    It 'IsEnabledFor tells whether a level would be written' {
        Reset-Log @{ core = 'warning' }
        $log = Get-LlamaLogger my_script -Category core
        $log.IsEnabledFor('Info') | Should -BeFalse
        $log.IsEnabledFor('Warning') | Should -BeTrue
        $log.IsEnabledFor(50) | Should -BeTrue
    }

    It 'EffectiveLevel is the level in force now' {
        Reset-Log @{ core = 'warning' }
        $log = Get-LlamaLogger my_script -Category core
        $log.EffectiveLevel | Should -Be 'Warning'
        Set-LlamaLogLevel -Category core -Level Critical
        $log.EffectiveLevel | Should -Be 'Critical'
    }

    It 'names the record after the logger and numbers it with the line of the call' {
        Reset-Log
        $log = Get-LlamaLogger llama_stack.core.server -Category core
        $log.Info('where')
        $line = (Select-String -Path (Join-Path $PSScriptRoot 'Logger.Tests.ps1') -Pattern "\`$log\.Info\('where'\)").LineNumber
        $record = Get-Records
        $record.Name | Should -Be 'llama_stack.core.server'
        $record.Line | Should -Be $line
    }

    It 'Exception writes an error record''s details at ERROR, its message by default' {
        Reset-Log
        $log = Get-LlamaLogger my_script -Category core
        try { throw [System.InvalidOperationException]::new('broken pipe') } catch { $log.Exception($_) }
        (Get-Records).Message | Should -Be 'broken pipe'
        $text = Get-Content $LogFile -Raw
        $text | Should -Match 'System\.InvalidOperationException: broken pipe'
        $text | Should -Match 'Traceback \(most recent call last\)'
    }

    It 'Exception takes an exception and a message of its own' {
        Reset-Log
        $log = Get-LlamaLogger my_script -Category core
        $log.Exception([System.TimeoutException]::new('too slow'), 'upstream failed')
        (Get-Records).Message | Should -Be 'upstream failed'
        Get-Content $LogFile -Raw | Should -Match 'System\.TimeoutException: too slow'
    }

    It 'Exception refuses an argument that is neither an error record nor an exception' {
        $log = Get-LlamaLogger my_script -Category core
        { $log.Exception('just text') } | Should -Throw '*takes an ErrorRecord or an Exception*'
    }

    It 'renders markup as Write-LlamaLog does: plain text in the file' {
        Reset-Log
        (Get-LlamaLogger my_script -Category core).Info('[bold]bold[/bold] and [1, 2]')
        (Get-Records).Message | Should -Be 'bold and [1, 2]'
    }
}

Describe 'A logger record and a Write-LlamaLog record with the same inputs' {
    BeforeAll {
        Reset-Log @{ core = 'debug' }
        $log = Get-LlamaLogger same -Category core
        $log.Warning('[red]same[/red] text 42'); Write-LlamaLog -Name same -Category core -Level Warning '[red]same[/red] text 42'
        $script:FileLines = @([System.IO.File]::ReadAllLines($LogFile) | ForEach-Object { Remove-Time $_ })
    }

    It 'are identical in the file apart from the time' {
        $FileLines.Count | Should -Be 2
        $FileLines[0] | Should -Be $FileLines[1]
    }

    It 'are identical on the host apart from the time' {
        $output = Invoke-Pwsh -Environment @{ TERM = 'xterm-256color'; COLORTERM = 'truecolor' } -Script @'
$log = Get-LlamaLogger same -Category core
$log.Warning('[red]same[/red] text 42'); Write-LlamaLog -Name same -Category core -Level Warning '[red]same[/red] text 42' 6>&1 | ForEach-Object { $_.MessageData.Message }
'@
        $output.Count | Should -Be 2
        $output[0] | Should -Match "`e\[31mWARNING"
        (Remove-Time $output[0]) | Should -Be (Remove-Time $output[1])
    }
}

Describe 'A logger used from other runspaces' {
    It 'works from ForEach-Object -Parallel with $using:, writing whole lines' {
        Reset-Log @{ core = 'info' }
        $log = Get-LlamaLogger parallel -Category core
        1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            $logger = $using:log
            foreach ($i in 1..2000) { $logger.Info("runspace $_ record $i") }
        }
        $records = @(Get-Records)
        $records.Count | Should -Be 8000
        ($records.Message | Sort-Object -Unique).Count | Should -Be 8000
        $records | Where-Object Name -NE 'parallel' | Should -BeNullOrEmpty
    }

    It 'sees a level set in another runspace at the next call' {
        Reset-Log @{ core = 'error' }
        $log = Get-LlamaLogger cross -Category core
        $null = Start-ThreadJob { Import-Module $using:env:LLAMALOG_TEST_MODULE; Set-LlamaLogLevel -Category core -Level Info } | Wait-Job
        $log.Info('after the change')
        (Get-Records).Message | Should -Be 'after the change'
    }
}
