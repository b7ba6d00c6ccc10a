# Specification of the process-wide level state (issue 3): one table for every runspace, safe under
# concurrent use, set from the environment at the first import only, and reset by Initialize-LlamaLog.
# Tests that need a first import start a fresh pwsh; the environment variables they need are set inside
# that child process only.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    $script:Module = $env:LLAMALOG_TEST_MODULE
    $script:SeedCategories = @(
        'core', 'server', 'router', 'inference', 'agents', 'safety', 'eval', 'tools', 'client', 'openai',
        'openai_responses', 'openai_conversations', 'testing', 'providers', 'models', 'files', 'vector_io',
        'tool_runtime', 'cli', 'post_training', 'scoring', 'tests')
    $script:LoggingVariables = @('LLAMA_STACK_LOGGING', 'OGX_LOGGING', 'LLAMA_STACK_LOG_FILE', 'OGX_LOG_FILE')

    # "category=Level/Source" for each level in force.
    function Get-LevelState {
        @(Get-LlamaLogLevel | ForEach-Object { '{0}={1}/{2}' -f $_.Category, $_.Level, $_.Source })
    }

    # The state of a process where only the seed's categories exist: the given ones, the others Info/Default.
    function Get-ExpectedState([hashtable] $Levels) {
        foreach ($category in $SeedCategories) {
            '{0}={1}' -f $category, ($Levels.ContainsKey($category) ? $Levels[$category] : 'Info/Default')
        }
        if ($Levels.ContainsKey('root')) { "root=$($Levels['root'])" }
    }

    # A pwsh command line that sets (or removes) the logging variables in the child only, then runs $Script.
    # $Script can use $module and Get-State; it reports by writing 'RESULT:<json>'.
    function New-ChildCommand([hashtable] $Environment, [string] $Script) {
        $lines = foreach ($name in $LoggingVariables) {
            if ($Environment.ContainsKey($name)) { "`$env:$name = '$($Environment[$name] -replace "'", "''")'" }
            else { "Remove-Item Env:$name -ErrorAction Ignore" }
        }
        $lines += @(
            "`$ErrorActionPreference = 'Stop'"
            "`$module = '$($Module -replace "'", "''")'"
            'function Get-State { @(Get-LlamaLogLevel | ForEach-Object { "{0}={1}/{2}" -f $_.Category, $_.Level, $_.Source }) }'
            $Script
        )
        [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($lines -join "`n"))
    }

    # Runs one script in another runspace of this process, after importing the module there.
    function Invoke-InOtherRunspace([string] $Kind, [string] $Script) {
        $code = "Import-Module '$($Module -replace "'", "''")'`n$Script"
        switch ($Kind) {
            'ForEach-Object -Parallel' {
                1 | ForEach-Object -Parallel { & ([scriptblock]::Create($using:code)) }
            }
            'Start-ThreadJob' {
                Start-ThreadJob -ScriptBlock ([scriptblock]::Create($code)) | Receive-Job -Wait -AutoRemoveJob
            }
            'RunspacePool' {
                $pool = [runspacefactory]::CreateRunspacePool(1, 2)
                $pool.Open()
                $shell = [powershell]::Create()
                try {
                    $shell.RunspacePool = $pool
                    $null = $shell.AddScript($code)
                    $shell.Invoke()
                }
                finally {
                    $shell.Dispose()
                    $pool.Dispose()
                }
            }
        }
    }
}

Describe 'The first import in a process' {
    BeforeAll {
        $removeAndImport = @'
Import-Module $module
$result = [ordered]@{ FirstImport = Get-State }
Set-LlamaLogLevel -Category tools -Level Critical
$env:LLAMA_STACK_LOGGING = 'core=warning,cli=error'
Remove-Module LlamaLog
Import-Module $module
$result.AfterReimport = Get-State
$shell = [powershell]::Create()
try {
    $null = $shell.AddScript('param($m) Import-Module $m; @(Get-LlamaLogLevel | ForEach-Object { "{0}={1}/{2}" -f $_.Category, $_.Level, $_.Source })').AddArgument($module)
    $result.NewRunspace = @($shell.Invoke() | ForEach-Object { "$_" })
}
finally {
    $shell.Dispose()
}
'RESULT:' + ($result | ConvertTo-Json -Compress)
'@
        $firstImportOnly = @'
Import-Module $module
'RESULT:' + ([ordered]@{ FirstImport = Get-State } | ConvertTo-Json -Compress)
'@
        $scenarios = @(
            @{ Name = 'LlamaStack'; Command = New-ChildCommand @{ LLAMA_STACK_LOGGING = 'server=error,core=debug' } $removeAndImport }
            @{ Name = 'Ogx'; Command = New-ChildCommand @{ OGX_LOGGING = 'core=error,tools=debug' } $firstImportOnly }
            @{ Name = 'Both'; Command = New-ChildCommand @{ LLAMA_STACK_LOGGING = 'core=debug'; OGX_LOGGING = 'core=error,server=error' } $firstImportOnly }
        )

        # The children are independent processes: run them side by side.
        $runs = $scenarios | ForEach-Object -ThrottleLimit 3 -Parallel {
            $output = & $using:Pwsh -NoProfile -NonInteractive -EncodedCommand $_.Command 2>&1
            [pscustomobject]@{ Name = $_.Name; Exit = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
        }

        $script:Child = @{}
        foreach ($run in $runs) {
            $line = $run.Output | Where-Object { $_.StartsWith('RESULT:') } | Select-Object -Last 1
            if ($run.Exit -ne 0 -or -not $line) {
                throw "The child pwsh for '$($run.Name)' failed (exit $($run.Exit)): $($run.Output -join "`n")"
            }
            $script:Child[$run.Name] = $line.Substring('RESULT:'.Length) | ConvertFrom-Json -AsHashtable
        }
    }

    Context 'applying the environment' {
        It 'applies LLAMA_STACK_LOGGING with Source LLAMA_STACK_LOGGING, every other category at Info from Default, root unset' {
            $Child.LlamaStack.FirstImport | Should -Be @(Get-ExpectedState @{
                    core = 'Debug/LLAMA_STACK_LOGGING'; server = 'Error/LLAMA_STACK_LOGGING' })
        }

        It 'applies OGX_LOGGING when LLAMA_STACK_LOGGING is unset, with Source OGX_LOGGING' {
            $Child.Ogx.FirstImport | Should -Be @(Get-ExpectedState @{
                    core = 'Error/OGX_LOGGING'; tools = 'Debug/OGX_LOGGING' })
        }

        It 'applies only LLAMA_STACK_LOGGING when both variables are set' {
            $Child.Both.FirstImport | Should -Be @(Get-ExpectedState @{ core = 'Debug/LLAMA_STACK_LOGGING' })
        }
    }

    Context 'later imports keep the state and do not read the environment again' {
        It 'keeps every level after Remove-Module and Import-Module' {
            $Child.LlamaStack.AfterReimport | Should -Be @(Get-ExpectedState @{
                    core = 'Debug/LLAMA_STACK_LOGGING'; server = 'Error/LLAMA_STACK_LOGGING'; tools = 'Critical/Set-LlamaLogLevel' })
        }

        It 'keeps every level when a new runspace imports the module' {
            $Child.LlamaStack.NewRunspace | Should -Be @(Get-ExpectedState @{
                    core = 'Debug/LLAMA_STACK_LOGGING'; server = 'Error/LLAMA_STACK_LOGGING'; tools = 'Critical/Set-LlamaLogLevel' })
        }
    }
}

Describe 'One table of levels for every runspace' {
    BeforeEach { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    It 'shows a level set here at once in a <_> runspace' -ForEach 'ForEach-Object -Parallel', 'Start-ThreadJob', 'RunspacePool' {
        Set-LlamaLogLevel -Category inference -Level Critical
        Invoke-InOtherRunspace $_ '"{0}/{1}" -f (Get-LlamaLogLevel -Category inference).Level, (Get-LlamaLogLevel -Category inference).Source' |
            Should -Be 'Critical/Set-LlamaLogLevel'
    }

    It 'shows here at once a level set in a <_> runspace' -ForEach 'ForEach-Object -Parallel', 'Start-ThreadJob', 'RunspacePool' {
        Invoke-InOtherRunspace $_ 'Set-LlamaLogLevel -Category safety -Level Error'
        (Get-LlamaLogLevel -Category safety).Level | Should -Be ([LlamaLog.LogLevel]::Error)
    }

    It 'shows a registered category in another runspace' {
        Register-LlamaLogCategory -Name 'pester_state_shared'
        Invoke-InOtherRunspace 'ForEach-Object -Parallel' '(Get-LlamaLogLevel -Category pester_state_shared).Category' | Should -Be 'pester_state_shared'
    }

    It 'lets two runspaces running at the same time see each other''s change without re-importing' {
        $changed = [System.Threading.ManualResetEventSlim]::new($false)
        $seen = [System.Threading.ManualResetEventSlim]::new($false)
        try {
            $reads = 'writer', 'reader' | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:Module
                $changed = $using:changed
                $seen = $using:seen
                if ($_ -eq 'writer') {
                    Set-LlamaLogLevel -Category models -Level Debug
                    $changed.Set()
                    # Stay alive until the reader has looked, so both runspaces are open at once.
                    $null = $seen.Wait([timespan]::FromMinutes(1))
                }
                else {
                    if ($changed.Wait([timespan]::FromMinutes(1))) {
                        "reader saw $((Get-LlamaLogLevel -Category models).Level)"
                    }
                    $seen.Set()
                }
            }
            $reads | Should -Be 'reader saw Debug'
        }
        finally {
            $changed.Dispose()
            $seen.Dispose()
        }
    }
}

Describe 'Concurrent use from several runspaces' {
    BeforeAll {
        Initialize-LlamaLog -CategoryLevel @{}
        $script:WrittenLevels = @('Debug', 'Warning', 'Error', 'Critical')
        $writersDone = [System.Threading.CountdownEvent]::new(4)
        $start = [System.Threading.Barrier]::new(8)
        try {
            # Runspaces 1-4 each write their own level; 5-8 read every level until all writers are done.
            $script:StressOutput = @(1..8 | ForEach-Object -ThrottleLimit 8 -Parallel {
                    $number = $_
                    $written = $using:WrittenLevels
                    $writersDone = $using:writersDone
                    $ErrorActionPreference = 'Stop'
                    try {
                        Import-Module $using:Module
                        $null = ($using:start).SignalAndWait([timespan]::FromMinutes(1))
                        if ($number -le 4) {
                            $level = $written[$number - 1]
                            try {
                                for ($i = 0; $i -lt 400; $i++) {
                                    Set-LlamaLogLevel -Category core, server, tools -Level $level
                                    if ($i % 40 -eq 0) { Set-LlamaLogLevel -Category all -Level $level }
                                }
                            }
                            finally {
                                $null = $writersDone.Signal()
                            }
                        }
                        else {
                            $reads = 0
                            do {
                                $done = $writersDone.IsSet
                                foreach ($entry in Get-LlamaLogLevel) {
                                    $level = "$($entry.Level)"
                                    $fine = switch ($entry.Source) {
                                        'Default' { $level -eq 'Info' }
                                        'Set-LlamaLogLevel' { $level -in $written }
                                        default { $false }
                                    }
                                    if (-not $fine) { "READ: $($entry.Category) was $level/$($entry.Source)" }
                                }
                                $reads++
                            } until ($done)
                            "READS: $reads"
                        }
                    }
                    catch {
                        "EXCEPTION in runspace ${number}: $($_.Exception.GetType().FullName): $($_.Exception.Message)"
                    }
                })
        }
        finally {
            $writersDone.Dispose()
            $start.Dispose()
        }
        $script:FinalLevels = @(Get-LlamaLogLevel)
    }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    It 'raises no exception in any runspace' {
        $StressOutput | Where-Object { $_ -like 'EXCEPTION*' } | Should -BeNullOrEmpty
    }

    It 'lets every reader finish its reads' {
        @($StressOutput | Where-Object { $_ -like 'READS: *' }).Count | Should -Be 4
    }

    It 'never shows a reader a level nobody wrote, or a level with the wrong Source' {
        $StressOutput | Where-Object { $_ -like 'READ: *' } | Select-Object -First 5 | Should -BeNullOrEmpty
    }

    It 'ends with every category and root at a level one of the writers wrote' {
        $FinalLevels.Category | Should -Contain 'root'
        foreach ($entry in $FinalLevels) {
            "$($entry.Category)=$($entry.Level)" | Should -BeIn @($WrittenLevels | ForEach-Object { "$($entry.Category)=$_" })
            $entry.Source | Should -Be 'Set-LlamaLogLevel'
        }
    }
}

Describe 'Initialize-LlamaLog reads the environment again' {
    BeforeEach {
        $script:Saved = @{}
        foreach ($name in 'LLAMA_STACK_LOGGING', 'OGX_LOGGING') {
            $script:Saved[$name] = [Environment]::GetEnvironmentVariable($name)
            Remove-Item "Env:$name" -ErrorAction Ignore
        }
        Initialize-LlamaLog -CategoryLevel @{}
    }
    AfterEach {
        foreach ($name in $script:Saved.Keys) {
            if ($null -eq $script:Saved[$name]) { Remove-Item "Env:$name" -ErrorAction Ignore }
            else { Set-Item "Env:$name" -Value $script:Saved[$name] }
        }
        Initialize-LlamaLog -CategoryLevel @{}
    }

    It 'applies LLAMA_STACK_LOGGING and resets every other level to Info from Default' {
        Set-LlamaLogLevel -Category tools, root -Level Critical
        $env:LLAMA_STACK_LOGGING = 'core=debug,server=error'
        Initialize-LlamaLog
        (Get-LlamaLogLevel -Category core, server, tools) | ForEach-Object { '{0}={1}/{2}' -f $_.Category, $_.Level, $_.Source } |
            Should -Be @('core=Debug/LLAMA_STACK_LOGGING', 'server=Error/LLAMA_STACK_LOGGING', 'tools=Info/Default')
        (Get-LlamaLogLevel).Category | Should -Not -Contain 'root'
    }

    It 'applies OGX_LOGGING when LLAMA_STACK_LOGGING is unset' {
        $env:OGX_LOGGING = 'core=warning'
        Initialize-LlamaLog
        (Get-LlamaLogLevel -Category core) | ForEach-Object { '{0}/{1}' -f $_.Level, $_.Source } | Should -Be 'Warning/OGX_LOGGING'
    }

    It 'applies only LLAMA_STACK_LOGGING when both are set' {
        $env:LLAMA_STACK_LOGGING = 'core=debug'
        $env:OGX_LOGGING = 'core=warning,server=error'
        Initialize-LlamaLog
        (Get-LlamaLogLevel -Category core, server) | ForEach-Object { '{0}/{1}' -f $_.Level, $_.Source } |
            Should -Be @('Debug/LLAMA_STACK_LOGGING', 'Info/Default')
    }

    It "sets the root level from 'all' in the variable" {
        $env:LLAMA_STACK_LOGGING = 'all=error'
        Initialize-LlamaLog
        (Get-LlamaLogLevel -Category root) | ForEach-Object { '{0}/{1}' -f $_.Level, $_.Source } | Should -Be 'Error/LLAMA_STACK_LOGGING'
    }

    It 'resets every level to Info from Default, root unset, when neither variable is set' {
        Set-LlamaLogLevel -Category all -Level Debug
        Initialize-LlamaLog
        Get-LevelState | Where-Object { $_ -notlike '*=Info/Default' } | Should -BeNullOrEmpty
        (Get-LlamaLogLevel).Category | Should -Not -Contain 'root'
    }
}

Describe 'Initialize-LlamaLog -CategoryLevel' {
    BeforeAll {
        Register-LlamaLogCategory -Name 'pester_state_init'
    }
    BeforeEach { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    Context 'applying a table' {
        It 'resets every level to the default, then applies the table, with Source Initialize-LlamaLog' {
            Set-LlamaLogLevel -Category tools, root -Level Critical
            Initialize-LlamaLog -CategoryLevel @{ core = 'debug' }
            (Get-LlamaLogLevel -Category core, tools) | ForEach-Object { '{0}={1}/{2}' -f $_.Category, $_.Level, $_.Source } |
                Should -Be @('core=Debug/Initialize-LlamaLog', 'tools=Info/Default')
            (Get-LlamaLogLevel).Category | Should -Not -Contain 'root'
        }

        It 'takes level names in any case, the enum and the numbers' {
            Initialize-LlamaLog -CategoryLevel @{ core = 'WARN'; server = [LlamaLog.LogLevel]::Error; tools = 10; cli = 'fatal'; files = 'NotSet' }
            (Get-LlamaLogLevel -Category core, server, tools, cli, files).Value | Should -Be @(30, 40, 10, 50, 0)
        }

        It "sets every category, registered ones included, and the root level with 'all'" {
            Initialize-LlamaLog -CategoryLevel @{ all = 'error' }
            $levels = Get-LlamaLogLevel
            $levels.Category | Should -Contain 'root'
            $levels.Category | Should -Contain 'pester_state_init'
            $levels | ForEach-Object Level | Sort-Object -Unique | Should -Be 'Error'
        }

        It "keeps the level of a category named beside 'all', whatever the order of the hashtable's keys" {
            $wrong = foreach ($category in (Get-LlamaLogLevel).Category) {
                Initialize-LlamaLog -CategoryLevel @{ $category = 'debug'; all = 'error' }
                $levels = @(Get-LlamaLogLevel -Category $category, root).Level
                if ("$levels" -ne 'Debug Error') { "$category=$($levels[0]) root=$($levels[1])" }
            }
            $wrong | Should -BeNullOrEmpty
        }

        It "applies an ordered table in order: 'all' first, then the category named after it" {
            Initialize-LlamaLog -CategoryLevel ([ordered]@{ all = 'error'; core = 'debug' })
            (Get-LlamaLogLevel -Category core, server, root).Level | Should -Be @('Debug', 'Error', 'Error')
        }

        It "sets the root level with 'root'" {
            Initialize-LlamaLog -CategoryLevel @{ root = 'warning' }
            (Get-LlamaLogLevel -Category root).Level | Should -Be ([LlamaLog.LogLevel]::Warning)
        }

        It 'resets every level to Info from Default with an empty table' {
            Set-LlamaLogLevel -Category all -Level Critical
            Initialize-LlamaLog -CategoryLevel @{}
            Get-LevelState | Where-Object { $_ -notlike '*=Info/Default' } | Should -BeNullOrEmpty
            (Get-LlamaLogLevel).Category | Should -Not -Contain 'root'
        }
    }

    Context 'a bad table is a terminating error that changes no level' {
        BeforeEach {
            Set-LlamaLogLevel -Category core -Level Critical
            Set-LlamaLogLevel -Category root -Level Debug
            $script:Before = Get-LevelState
        }

        It 'refuses an unknown category with UnknownCategory naming it' {
            $err = { Initialize-LlamaLog -CategoryLevel ([ordered]@{ server = 'debug'; nosuchcategory = 'info' }) } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'UnknownCategory*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match '\bnosuchcategory\b'
        }

        It 'changes no level when a category is unknown' {
            { Initialize-LlamaLog -CategoryLevel ([ordered]@{ server = 'debug'; nosuchcategory = 'info' }) } | Should -Throw
            Get-LevelState | Should -Be $Before
        }

        It 'refuses the level <Display> with InvalidLogLevel naming the category and listing the accepted names' -ForEach @(
            @{ Display = "'verbose'"; Value = 'verbose' }
            @{ Display = '15'; Value = 15 }
            @{ Display = "''"; Value = '' }
            @{ Display = '$null'; Value = $null }
        ) {
            $err = { Initialize-LlamaLog -CategoryLevel ([ordered]@{ server = 'debug'; tools = $Value }) } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLogLevel*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.Exception.Message | Should -Match '\btools\b'
            foreach ($name in 'NotSet', 'Debug', 'Info', 'Warning', 'Warn', 'Error', 'Critical', 'Fatal') {
                $err.Exception.Message | Should -Match "\b$name\b"
            }
        }

        It 'changes no level when a level is bad' {
            { Initialize-LlamaLog -CategoryLevel ([ordered]@{ server = 'debug'; tools = 'verbose' }) } | Should -Throw
            Get-LevelState | Should -Be $Before
        }
    }
}
