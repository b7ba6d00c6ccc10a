# Specification of the levels, the -Level and -Category parameters, and the level cmdlets:
# Set-LlamaLogLevel, Get-LlamaLogLevel and Register-LlamaLogCategory (issue 3).
# Levels are process-wide and shared with the other test files: every Describe puts them back.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    # The seed's CATEGORIES, in its order.
    $script:SeedCategories = @(
        'core', 'server', 'router', 'inference', 'agents', 'safety', 'eval', 'tools', 'client', 'openai',
        'openai_responses', 'openai_conversations', 'testing', 'providers', 'models', 'files', 'vector_io',
        'tool_runtime', 'cli', 'post_training', 'scoring', 'tests')
    $script:AcceptedNames = @('NotSet', 'Debug', 'Info', 'Warning', 'Warn', 'Error', 'Critical', 'Fatal')
    $script:CanonicalNames = @('NotSet', 'Debug', 'Info', 'Warning', 'Error', 'Critical')

    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }

    # "category=Level/Source" for each level in force, to compare whole states.
    function Get-LevelState {
        @(Get-LlamaLogLevel | ForEach-Object { '{0}={1}/{2}' -f $_.Category, $_.Level, $_.Source })
    }

    # Every error a command writes or throws (a binding error is thrown, a cmdlet error written).
    function Get-CommandError([scriptblock] $Command) {
        $ErrorActionPreference = 'Continue'
        try {
            @(& $Command 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        catch {
            @($_)
        }
    }
}

Describe 'The LogLevel enum' {
    It 'is LlamaLog.LogLevel with exactly NotSet, Debug, Info, Warning, Error and Critical' {
        [enum]::GetNames([LlamaLog.LogLevel]) | Should -Be @('NotSet', 'Debug', 'Info', 'Warning', 'Error', 'Critical')
    }

    It "gives <Name> Python's number <Number>" -ForEach @(
        @{ Name = 'NotSet'; Number = 0 }
        @{ Name = 'Debug'; Number = 10 }
        @{ Name = 'Info'; Number = 20 }
        @{ Name = 'Warning'; Number = 30 }
        @{ Name = 'Error'; Number = 40 }
        @{ Name = 'Critical'; Number = 50 }
    ) {
        [int][LlamaLog.LogLevel]::$Name | Should -Be $Number
    }
}

Describe 'The -Level parameter' {
    BeforeAll { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    Context 'values it accepts' {
        It 'accepts the enum value [LlamaLog.LogLevel]::<_>' -ForEach 'NotSet', 'Debug', 'Info', 'Warning', 'Error', 'Critical' {
            $level = [LlamaLog.LogLevel]::$_
            (Set-LlamaLogLevel -Category core -Level $level -PassThru).Level | Should -Be $level
        }

        It "accepts the name '<Text>' as <Expected>" -ForEach @(
            @{ Text = 'NotSet'; Expected = 'NotSet' }
            @{ Text = 'notset'; Expected = 'NotSet' }
            @{ Text = 'NOTSET'; Expected = 'NotSet' }
            @{ Text = 'debug'; Expected = 'Debug' }
            @{ Text = 'DEBUG'; Expected = 'Debug' }
            @{ Text = 'dEbUg'; Expected = 'Debug' }
            @{ Text = 'info'; Expected = 'Info' }
            @{ Text = 'Info'; Expected = 'Info' }
            @{ Text = 'INFO'; Expected = 'Info' }
            @{ Text = 'warning'; Expected = 'Warning' }
            @{ Text = 'WARNING'; Expected = 'Warning' }
            @{ Text = 'warn'; Expected = 'Warning' }
            @{ Text = 'WARN'; Expected = 'Warning' }
            @{ Text = 'Warn'; Expected = 'Warning' }
            @{ Text = 'error'; Expected = 'Error' }
            @{ Text = 'ERROR'; Expected = 'Error' }
            @{ Text = 'critical'; Expected = 'Critical' }
            @{ Text = 'CRITICAL'; Expected = 'Critical' }
            @{ Text = 'fatal'; Expected = 'Critical' }
            @{ Text = 'FATAL'; Expected = 'Critical' }
            @{ Text = 'Fatal'; Expected = 'Critical' }
        ) {
            (Set-LlamaLogLevel -Category core -Level $Text -PassThru).Level | Should -Be ([LlamaLog.LogLevel]$Expected)
        }

        It 'accepts the number <Number> as <Expected>' -ForEach @(
            @{ Number = 0; Expected = 'NotSet' }
            @{ Number = 10; Expected = 'Debug' }
            @{ Number = 20; Expected = 'Info' }
            @{ Number = 30; Expected = 'Warning' }
            @{ Number = 40; Expected = 'Error' }
            @{ Number = 50; Expected = 'Critical' }
        ) {
            (Set-LlamaLogLevel -Category core -Level $Number -PassThru).Level | Should -Be ([LlamaLog.LogLevel]$Expected)
        }

        It 'accepts <Display>, a number whose value is whole, as <Expected> at every entry point' -ForEach @(
            @{ Display = '[double]20'; Value = [double]20; Expected = 'Info' }
            @{ Display = '10.0'; Value = 10.0; Expected = 'Debug' }
            @{ Display = '[single]40'; Value = [single]40; Expected = 'Error' }
            @{ Display = '[decimal]50'; Value = [decimal]50; Expected = 'Critical' }
            @{ Display = '[uint32]30'; Value = [uint32]30; Expected = 'Warning' }
            @{ Display = '[sbyte]0'; Value = [sbyte]0; Expected = 'NotSet' }
            @{ Display = '[bigint]20'; Value = [bigint]20; Expected = 'Info' }
            @{ Display = "the digits '40'"; Value = '40'; Expected = 'Error' }
        ) {
            $expected = [LlamaLog.LogLevel]$Expected
            (Set-LlamaLogLevel -Category core -Level $Value -PassThru).Level | Should -Be $expected
            Initialize-LlamaLog -CategoryLevel @{ server = $Value } -Console None
            (Get-LlamaLogLevel -Category server).Level | Should -Be $expected
            $file = Join-Path $TestDrive "$([guid]::NewGuid()).log"
            Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -LogFile $file -Console None
            Write-LlamaLog -Category core -Level $Value 'by the cmdlet'
            (Get-LlamaLogger -Name t -Category core).Log($Value, 'by the logger')
            Initialize-LlamaLog -CategoryLevel @{} -Console None
            @(Get-Content $file).Count | Should -Be ($expected -eq 'NotSet' ? 0 : 2)
        }

        It "accepts the name 'info' while the current culture is tr-TR" {
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = 'tr-TR'
                'i'.ToUpper() | Should -Be ([string][char]0x130) -Because 'the Turkish casing rules must be in force for this test'
                (Set-LlamaLogLevel -Category cli -Level 'info' -PassThru).Level | Should -Be ([LlamaLog.LogLevel]::Info)
            }
            finally {
                [cultureinfo]::CurrentCulture = $saved
            }
        }
    }

    Context 'values it refuses' {
        It 'refuses <Display> with a parameter-binding error that lists the accepted names' -ForEach @(
            @{ Display = "'verbose'"; Value = 'verbose' }
            @{ Display = "'trace'"; Value = 'trace' }
            @{ Display = "'INFO2'"; Value = 'INFO2' }
            @{ Display = "''"; Value = '' }
            @{ Display = '$null'; Value = $null }
            @{ Display = '15'; Value = 15 }
            @{ Display = '60'; Value = 60 }
            @{ Display = '-10'; Value = -10 }
            @{ Display = 'the undefined enum value 25'; Value = 'LogLevel 25' }
        ) {
            if ($Value -eq 'LogLevel 25') { $Value = [enum]::ToObject([LlamaLog.LogLevel], 25) }
            $err = { Set-LlamaLogLevel -Category core -Level $Value } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            foreach ($name in $AcceptedNames) {
                $err.Exception.Message | Should -Match "\b$name\b"
            }
        }

        It 'refuses <Display> at every entry point, quoting it as written, with the same rule in the message' -ForEach @(
            @{ Display = '10.5'; Value = 10.5; Quoted = '10.5' }
            @{ Display = '[double]20.000001'; Value = [double]20.000001; Quoted = '20.000001' }
            @{ Display = '[double]::NaN'; Value = [double]::NaN; Quoted = 'NaN' }
            @{ Display = '[decimal]25'; Value = [decimal]25; Quoted = '25' }
            @{ Display = "the text '20.0'"; Value = '20.0'; Quoted = '20.0' }
        ) {
            $rule = '*is not a log level. Accepted levels: NotSet, Debug, Info, Warning, Warn, Error, Critical, Fatal (any letter case), or 0, 10, 20, 30, 40, 50 (as a number of any type whose value is whole, such as 10 or 10.0, or as digits).*'
            $messages = @(
                ({ Set-LlamaLogLevel -Category core -Level $Value } | Should -Throw -PassThru).Exception.Message
                ({ Write-LlamaLog -Category core -Level $Value 'x' } | Should -Throw -PassThru).Exception.Message
                ({ Initialize-LlamaLog -CategoryLevel @{ core = $Value } -Console None } | Should -Throw -PassThru).Exception.Message
                ({ (Get-LlamaLogger -Name t -Category core).Log($Value, 'x') } | Should -Throw -PassThru).Exception.Message
            )
            foreach ($message in $messages) {
                $message | Should -BeLike "*'$Quoted'$rule"
            }
        }

        It 'quotes a refused number the same way under a culture with a decimal comma' {
            Invoke-InCulture 'de-DE' {
                $messages = @(
                    ({ Initialize-LlamaLog -CategoryLevel @{ core = 10.5 } -Console None } | Should -Throw -PassThru).Exception.Message
                    ({ (Get-LlamaLogger -Name t -Category core).Log(10.5, 'x') } | Should -Throw -PassThru).Exception.Message
                    ({ Set-LlamaLogLevel -Category core -Level 10.5 } | Should -Throw -PassThru).Exception.Message
                )
                foreach ($message in $messages) {
                    $message | Should -BeLike "*'10.5' *"
                }
            }
        }

        It 'leaves the level as it was when the value is refused' {
            Set-LlamaLogLevel -Category core -Level Error
            { Set-LlamaLogLevel -Category core -Level verbose } | Should -Throw
            (Get-LlamaLogLevel -Category core).Level | Should -Be ([LlamaLog.LogLevel]::Error)
        }

        It 'refuses an unknown name on Write-LlamaLog -Level as well' {
            $err = { Write-LlamaLog -Message 'x' -Category core -Level verbose } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            foreach ($name in $AcceptedNames) {
                $err.Exception.Message | Should -Match "\b$name\b"
            }
        }
    }
}

Describe 'Tab completion' {
    BeforeAll {
        Register-LlamaLogCategory -Name 'pester_levels_completion'
    }

    It 'offers every level name for -Level of <_>' -ForEach 'Set-LlamaLogLevel', 'Write-LlamaLog' {
        $offered = Get-Completion "$_ -Level "
        foreach ($name in $CanonicalNames) {
            $offered | Should -Contain $name
        }
    }

    It "completes the -Level prefix 'crit' to Critical" {
        Get-Completion 'Set-LlamaLogLevel -Level crit' | Should -Be @('Critical')
    }

    It "offers every predefined category and 'all' for -Category of <_>" -ForEach 'Set-LlamaLogLevel', 'Get-LlamaLogLevel' {
        $offered = Get-Completion "$_ -Category "
        foreach ($name in $SeedCategories + 'all') {
            $offered | Should -Contain $name
        }
    }

    It 'offers a registered category for -Category of <_>' -ForEach 'Set-LlamaLogLevel', 'Get-LlamaLogLevel', 'Write-LlamaLog' {
        Get-Completion "$_ -Category " | Should -Contain 'pester_levels_completion'
    }

    It "completes the -Category prefix 'openai_' to the two openai_ categories" {
        Get-Completion 'Set-LlamaLogLevel -Category openai_' | Sort-Object | Should -Be @('openai_conversations', 'openai_responses')
    }
}

Describe 'Set-LlamaLogLevel' {
    BeforeAll {
        Register-LlamaLogCategory -Name 'pester_levels_set'
    }
    BeforeEach { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    Context 'setting levels' {
        It 'sets the level of one category' {
            Set-LlamaLogLevel -Category server -Level Debug
            (Get-LlamaLogLevel -Category server).Level | Should -Be ([LlamaLog.LogLevel]::Debug)
        }

        It 'sets several categories in one call' {
            Set-LlamaLogLevel -Category core, tools, cli -Level Error
            (Get-LlamaLogLevel -Category core, tools, cli).Level | Should -Be @('Error', 'Error', 'Error')
        }

        It 'leaves the other categories as they were' {
            Set-LlamaLogLevel -Category core -Level Critical
            Get-LlamaLogLevel | Where-Object Category -NE 'core' | ForEach-Object Level | Sort-Object -Unique | Should -Be 'Info'
        }

        It 'takes Category and Level by position' {
            Set-LlamaLogLevel eval warning
            (Get-LlamaLogLevel -Category eval).Level | Should -Be ([LlamaLog.LogLevel]::Warning)
        }

        It "sets every category, registered ones included, and the root level with 'all'" {
            Set-LlamaLogLevel -Category all -Level Warning
            $levels = Get-LlamaLogLevel
            $levels.Category | Should -Contain 'root'
            $levels.Category | Should -Contain 'pester_levels_set'
            $levels | ForEach-Object Level | Sort-Object -Unique | Should -Be 'Warning'
        }

        It "sets only the root level with 'root'" {
            Set-LlamaLogLevel -Category root -Level Error
            (Get-LlamaLogLevel -Category root).Level | Should -Be ([LlamaLog.LogLevel]::Error)
            Get-LlamaLogLevel | Where-Object Category -NE 'root' | ForEach-Object Level | Sort-Object -Unique | Should -Be 'Info'
        }

        It "refuses 'uncategorized', which follows the root level and is not set directly" {
            $errors = Get-CommandError { Set-LlamaLogLevel -Category uncategorized -Level Debug }
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownCategory*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].Exception.Message | Should -Match '\buncategorized\b'
        }

        It 'writes nothing to the pipeline without -PassThru' {
            Set-LlamaLogLevel -Category core -Level Debug | Should -BeNullOrEmpty
        }
    }

    Context 'the root level and messages without a category' {
        It 'passes Info but not Debug for a message without a category while the root level is unset' {
            @(Write-LlamaLog -Message 'at info' -Level Info 6>&1).Count | Should -Be 1
            @(Write-LlamaLog -Message 'at debug' -Level Debug 6>&1).Count | Should -Be 0
        }

        It 'passes Debug for a message without a category once root is set to Debug' {
            Set-LlamaLogLevel -Category root -Level Debug
            @(Write-LlamaLog -Message 'at debug' -Level Debug 6>&1).Count | Should -Be 1
        }
    }

    Context 'an unknown category' {
        It 'writes a non-terminating UnknownCategory error that names it and lists the known categories' {
            $errors = Get-CommandError { Set-LlamaLogLevel -Category nosuchcategory -Level Debug }
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'UnknownCategory*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].Exception.Message | Should -Match '\bnosuchcategory\b'
            foreach ($name in $SeedCategories + 'pester_levels_set') {
                $errors[0].Exception.Message | Should -Match "\b$name\b"
            }
        }

        It 'changes nothing for the unknown name' {
            $before = Get-LevelState
            Set-LlamaLogLevel -Category nosuchcategory -Level Debug -ErrorAction SilentlyContinue
            Get-LevelState | Should -Be $before
            { Get-LlamaLogLevel -Category nosuchcategory -ErrorAction Stop } | Should -Throw
        }

        It 'still sets the other names of the same call' {
            Set-LlamaLogLevel -Category core, nosuchcategory, server -Level Error -ErrorAction SilentlyContinue
            (Get-LlamaLogLevel -Category core, server).Level | Should -Be @('Error', 'Error')
        }
    }

    Context '-PassThru' {
        It 'returns a CategoryLevel with the new level for each name set' {
            $result = Set-LlamaLogLevel -Category core, server -Level Debug -PassThru
            $result | ForEach-Object { $_.GetType().FullName } | Should -Be @('LlamaLog.CategoryLevel', 'LlamaLog.CategoryLevel')
            $result.Category | Should -Be @('core', 'server')
            $result.Level | Should -Be @('Debug', 'Debug')
            $result.Value | Should -Be @(10, 10)
            $result.Source | Should -Be @('Set-LlamaLogLevel', 'Set-LlamaLogLevel')
        }

        It "returns every category and then root for 'all'" {
            $result = Set-LlamaLogLevel -Category all -Level Error -PassThru
            $result.Category[0..21] | Should -Be $SeedCategories
            $result.Category | Should -Contain 'pester_levels_set'
            $result[-1].Category | Should -Be 'root'
            $result | ForEach-Object Value | Sort-Object -Unique | Should -Be 40
        }
    }

    Context 'ShouldProcess' {
        It 'changes nothing and returns nothing with -WhatIf' {
            $before = Get-LevelState
            Set-LlamaLogLevel -Category core, all -Level Critical -WhatIf -PassThru | Should -BeNullOrEmpty
            Get-LevelState | Should -Be $before
        }

        It 'sets the level with -Confirm:$false' {
            Set-LlamaLogLevel -Category core -Level Critical -Confirm:$false
            (Get-LlamaLogLevel -Category core).Level | Should -Be ([LlamaLog.LogLevel]::Critical)
        }

        It 'declares ConfirmImpact Low, so it does not ask for confirmation by default' {
            $attribute = (Get-Command Set-LlamaLogLevel).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0]
            $attribute.SupportsShouldProcess | Should -BeTrue
            $attribute.ConfirmImpact | Should -Be 'Low'
        }
    }

    Context 'pipeline input by property name' {
        It 'takes Category and Level from the properties of piped objects' {
            [pscustomobject]@{ Category = 'cli'; Level = 'error' }, [pscustomobject]@{ Category = 'files'; Level = 10 } | Set-LlamaLogLevel
            (Get-LlamaLogLevel -Category cli, files).Level | Should -Be @('Error', 'Debug')
        }

        It 'applies a parsed run.yaml piped from ConvertFrom-LlamaLogConfig' {
            $path = Join-Path $TestDrive 'apply.yaml'
            Set-Content -LiteralPath $path -Value "logging_config:`n  category_levels:`n    core: debug`n    all: error`n    server: warning`n"
            ConvertFrom-LlamaLogConfig -Path $path | Set-LlamaLogLevel
            (Get-LlamaLogLevel -Category core, server, tools, root).Level | Should -Be @('Error', 'Warning', 'Error', 'Error')
        }

        It "carries the file's path from the parsed entries into Source" {
            $path = Join-Path $TestDrive 'source.yaml'
            Set-Content -LiteralPath $path -Value "category_levels:`n  tools: critical`n"
            ConvertFrom-LlamaLogConfig -Path $path | Set-LlamaLogLevel
            (Get-LlamaLogLevel -Category tools).Source | Should -Be $path
        }
    }
}

Describe 'Get-LlamaLogLevel' {
    BeforeAll {
        Register-LlamaLogCategory -Name 'pester_levels_get'
    }
    BeforeEach { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    Context 'without -Category' {
        It "returns every predefined category first, in the seed's order" {
            (Get-LlamaLogLevel).Category[0..21] | Should -Be $SeedCategories
        }

        It 'returns registered categories after the predefined ones' {
            $after = (Get-LlamaLogLevel).Category | Select-Object -Skip 22
            $after | Should -Contain 'pester_levels_get'
            $after | Where-Object { $_ -in $SeedCategories } | Should -BeNullOrEmpty
        }

        It 'returns LlamaLog.CategoryLevel objects with Category, Level, Value and Source' {
            $core = Get-LlamaLogLevel | Select-Object -First 1
            $core.GetType().FullName | Should -Be 'LlamaLog.CategoryLevel'
            $core.Category | Should -Be 'core'
            $core.Level | Should -BeOfType [LlamaLog.LogLevel]
            $core.Level | Should -Be ([LlamaLog.LogLevel]::Info)
            $core.Value | Should -Be 20
            $core.Source | Should -Be 'Default'
        }

        It 'leaves out root while the root level is unset' {
            (Get-LlamaLogLevel).Category | Should -Not -Contain 'root'
        }

        It 'lists root last once the root level is set' {
            Set-LlamaLogLevel -Category root -Level Debug
            $last = Get-LlamaLogLevel | Select-Object -Last 1
            $last.Category | Should -Be 'root'
            $last.Level | Should -Be ([LlamaLog.LogLevel]::Debug)
        }
    }

    Context 'with -Category' {
        It 'returns only the categories asked for, in the order asked' {
            (Get-LlamaLogLevel -Category tools, core).Category | Should -Be @('tools', 'core')
        }

        It 'takes the category as the first positional argument' {
            (Get-LlamaLogLevel server).Category | Should -Be 'server'
        }

        It 'takes category names from the pipeline' {
            ('cli', 'eval' | Get-LlamaLogLevel).Category | Should -Be @('cli', 'eval')
        }

        It 'returns root once it is set' {
            Set-LlamaLogLevel -Category root -Level Error
            (Get-LlamaLogLevel -Category root).Value | Should -Be 40
        }

        It 'writes a non-terminating UnknownCategory error for an unknown name and still returns the others' {
            $written = $null
            $result = Get-LlamaLogLevel -Category core, nosuchcategory, server -ErrorAction SilentlyContinue -ErrorVariable written
            $result.Category | Should -Be @('core', 'server')
            $written.Count | Should -Be 1
            $written[0].FullyQualifiedErrorId | Should -BeLike 'UnknownCategory*'
            $written[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $written[0].Exception.Message | Should -Match '\bnosuchcategory\b'
            foreach ($name in $SeedCategories) {
                $written[0].Exception.Message | Should -Match "\b$name\b"
            }
        }
    }

    Context 'the Source property' {
        AfterEach {
            if ($null -eq $script:SavedLogging) { Remove-Item Env:LLAMA_STACK_LOGGING -ErrorAction Ignore } else { $env:LLAMA_STACK_LOGGING = $script:SavedLogging }
            if ($null -eq $script:SavedOgx) { Remove-Item Env:OGX_LOGGING -ErrorAction Ignore } else { $env:OGX_LOGGING = $script:SavedOgx }
            Initialize-LlamaLog -CategoryLevel @{}
        }
        BeforeEach {
            $script:SavedLogging = $env:LLAMA_STACK_LOGGING
            $script:SavedOgx = $env:OGX_LOGGING
        }

        It "is 'Default' for a level nobody set" {
            (Get-LlamaLogLevel -Category router).Source | Should -Be 'Default'
        }

        It "is 'Set-LlamaLogLevel' for a level set by Set-LlamaLogLevel" {
            Set-LlamaLogLevel -Category router -Level Debug
            (Get-LlamaLogLevel -Category router).Source | Should -Be 'Set-LlamaLogLevel'
        }

        It 'is the file path for a level applied from a parsed file' {
            $path = Join-Path $TestDrive 'get-source.yaml'
            Set-Content -LiteralPath $path -Value "logging:`n  category_levels:`n    router: error`n"
            ConvertFrom-LlamaLogConfig -Path $path | Set-LlamaLogLevel
            (Get-LlamaLogLevel -Category router).Source | Should -Be $path
        }

        It "is 'LLAMA_STACK_LOGGING' for a level read from that variable" {
            $env:LLAMA_STACK_LOGGING = 'router=debug'
            Initialize-LlamaLog
            (Get-LlamaLogLevel -Category router, core).Source | Should -Be @('LLAMA_STACK_LOGGING', 'Default')
        }
    }

    Context 'the display format' {
        It 'shows a table with the columns Category, Level, Value and Source' {
            Set-LlamaLogLevel -Category core -Level Debug
            $text = (Get-LlamaLogLevel -Category core, server | Out-String) -replace "`e\[[0-9;]*m", ''
            $lines = @($text -split '\r?\n' | Where-Object { $_.Trim() })
            $lines[0] | Should -Match '^Category\s+Level\s+Value\s+Source\s*$'
            $lines[1] | Should -Match '^-+\s+-+\s+-+\s+-+\s*$'
            $lines[2] | Should -Match '^core\s+Debug\s+10\s+Set-LlamaLogLevel\s*$'
            $lines[3] | Should -Match '^server\s+Info\s+20\s+Default\s*$'
            $lines.Count | Should -Be 4
        }

        It 'comes from a table view for LlamaLog.CategoryLevel in the format file' {
            $view = (Get-FormatData -TypeName 'LlamaLog.CategoryLevel').FormatViewDefinition | Select-Object -First 1
            $view.Control | Should -BeOfType [System.Management.Automation.TableControl]
            $view.Control.Headers.Label | Should -Be @('Category', 'Level', 'Value', 'Source')
        }
    }
}

Describe 'Register-LlamaLogCategory' {
    BeforeEach { Initialize-LlamaLog -CategoryLevel @{} }
    AfterAll { Initialize-LlamaLog -CategoryLevel @{} }

    Context 'valid names' {
        It "registers '<_>'" -ForEach 'pester_levels_reg', 'pester2', 'p_1_x', '9lives' {
            Register-LlamaLogCategory $_
            (Get-LlamaLogLevel).Category | Should -Contain $_
        }

        It 'starts a registered category at Info with Source Default' {
            Register-LlamaLogCategory -Name 'pester_levels_fresh'
            $level = Get-LlamaLogLevel -Category 'pester_levels_fresh'
            $level.Level | Should -Be ([LlamaLog.LogLevel]::Info)
            $level.Source | Should -Be 'Default'
        }

        It 'registers several names in one call' {
            Register-LlamaLogCategory -Name 'pester_levels_many1', 'pester_levels_many2'
            (Get-LlamaLogLevel -Category 'pester_levels_many1', 'pester_levels_many2').Category | Should -Be @('pester_levels_many1', 'pester_levels_many2')
        }

        It 'takes names from the pipeline' {
            'pester_levels_pipe1', 'pester_levels_pipe2' | Register-LlamaLogCategory
            (Get-LlamaLogLevel -Category 'pester_levels_pipe1', 'pester_levels_pipe2').Count | Should -Be 2
        }

        It 'takes names from the Name or Category property of piped objects' {
            [pscustomobject]@{ Name = 'pester_levels_prop1' }, [pscustomobject]@{ Category = 'pester_levels_prop2' } | Register-LlamaLogCategory
            (Get-LlamaLogLevel -Category 'pester_levels_prop1', 'pester_levels_prop2').Count | Should -Be 2
        }

        It 'is harmless for a category that is already registered: no error, the level kept, listed once' {
            Register-LlamaLogCategory -Name 'pester_levels_again'
            Set-LlamaLogLevel -Category 'pester_levels_again' -Level Critical
            { Register-LlamaLogCategory -Name 'pester_levels_again' -ErrorAction Stop } | Should -Not -Throw
            (Get-LlamaLogLevel -Category 'pester_levels_again').Level | Should -Be ([LlamaLog.LogLevel]::Critical)
            @((Get-LlamaLogLevel).Category | Where-Object { $_ -eq 'pester_levels_again' }).Count | Should -Be 1
        }

        It 'is harmless for a predefined category: no error, its place and level kept' {
            Set-LlamaLogLevel -Category core -Level Error
            { Register-LlamaLogCategory -Name core -ErrorAction Stop } | Should -Not -Throw
            (Get-LlamaLogLevel).Category[0..21] | Should -Be $SeedCategories
            (Get-LlamaLogLevel -Category core).Level | Should -Be ([LlamaLog.LogLevel]::Error)
        }
    }

    Context 'invalid names' {
        It "refuses '<_>' with an InvalidCategoryName error naming it" -ForEach 'Bad', 'CORE', 'a-b', 'a::b', 'with space', '', 'all', 'root', 'uncategorized' {
            $name = $_
            $errors = Get-CommandError { Register-LlamaLogCategory -Name $name }
            $errors.Count | Should -Be 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidCategoryName*'
            $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errors[0].Exception.Message | Should -BeLike "*'$name'*"
        }

        It "does not register '<_>'" -ForEach 'Bad', 'a-b', 'with space' {
            Register-LlamaLogCategory -Name $_ -ErrorAction SilentlyContinue
            (Get-LlamaLogLevel).Category | Should -Not -Contain $_
        }

        It 'still registers the valid names of a call that has an invalid one' {
            Register-LlamaLogCategory -Name 'Bad', 'pester_levels_mixed' -ErrorAction SilentlyContinue
            (Get-LlamaLogLevel).Category | Should -Contain 'pester_levels_mixed'
        }
    }

    Context 'a registered category is accepted wherever a predefined one is' {
        BeforeAll {
            Register-LlamaLogCategory -Name 'pester_levels_use'
        }

        It 'by Set-LlamaLogLevel and Get-LlamaLogLevel' {
            Set-LlamaLogLevel -Category 'pester_levels_use' -Level Debug
            (Get-LlamaLogLevel -Category 'pester_levels_use').Level | Should -Be ([LlamaLog.LogLevel]::Debug)
        }

        It 'by ConvertFrom-LlamaLogConfig -Environment, with no warning' {
            $warnings = $null
            $result = ConvertFrom-LlamaLogConfig -Environment 'pester_levels_use=error' -WarningVariable warnings -WarningAction SilentlyContinue
            "$($result.Category)=$($result.Value)" | Should -Be 'pester_levels_use=40'
            $warnings | Should -BeNullOrEmpty
        }

        It 'by ConvertFrom-LlamaLogConfig -Yaml, with no warning' {
            $warnings = $null
            $result = ConvertFrom-LlamaLogConfig -Yaml "category_levels:`n  pester_levels_use: warning`n" -WarningVariable warnings -WarningAction SilentlyContinue
            "$($result.Category)=$($result.Value)" | Should -Be 'pester_levels_use=30'
            $warnings | Should -BeNullOrEmpty
        }

        It "in the categories that 'all' expands to when parsing, before root" {
            $result = ConvertFrom-LlamaLogConfig -Environment 'all=error'
            $result.Category | Should -Contain 'pester_levels_use'
            $result[-1].Category | Should -Be 'root'
        }

        It 'by Write-LlamaLog -Category' {
            $errors = $null
            $records = Write-LlamaLog -Message 'registered' -Category 'pester_levels_use' -Level Critical -ErrorVariable errors 6>&1
            $errors | Should -BeNullOrEmpty
            @($records).Count | Should -Be 1
            $records.Tags | Should -Contain 'pester_levels_use'
        }
    }
}
