# Specification of configuration parsing: ConvertFrom-LlamaLogConfig and Test-LlamaLogConfig (issue 3).
# Expected results are the seed's (Llama Stack's log.py) for the same input; the full conformance vectors
# live with their own tests. Parsing changes no level, but registered categories (from other test files in
# the same process) take part in 'all', so expectations for 'all' include them after the seed's.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    $script:SeedCategories = @(
        'core', 'server', 'router', 'inference', 'agents', 'safety', 'eval', 'tools', 'client', 'openai',
        'openai_responses', 'openai_conversations', 'testing', 'providers', 'models', 'files', 'vector_io',
        'tool_runtime', 'cli', 'post_training', 'scoring', 'tests')
    $script:StarterRunYaml = Join-Path $PSScriptRoot 'data/starter-run.yaml'

    # The categories 'all' stands for: the seed's, then any registered in this process.
    function Get-KnownCategory {
        $registered = @((Get-LlamaLogLevel).Category | Where-Object { $_ -notin $SeedCategories -and $_ -ne 'root' })
        @($SeedCategories) + $registered
    }

    # The seed's dict after 'all=<Value>', as "category=value" lines, with some categories changed in place.
    function Get-AllExpansion([int] $Value, [hashtable] $Except = @{}) {
        foreach ($category in Get-KnownCategory) {
            '{0}={1}' -f $category, ($Except.ContainsKey($category) ? $Except[$category] : $Value)
        }
        "root=$Value"
    }

    # Parses and returns the entries as "category=value" lines and the warnings' text.
    function Invoke-Convert([hashtable] $With) {
        $warned = $null
        $entries = @(ConvertFrom-LlamaLogConfig @With -WarningVariable warned -WarningAction SilentlyContinue |
                ForEach-Object { '{0}={1}' -f $_.Category, $_.Value })
        [pscustomobject]@{ Entries = $entries; Warnings = @($warned | ForEach-Object Message) }
    }

    # Writes a YAML file into the test drive; UTF-8 with or without BOM, LF or CRLF.
    function New-ConfigFile([string] $Name, [string] $Text, [switch] $Bom, [switch] $Crlf) {
        $path = Join-Path $TestDrive $Name
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $path)
        $Text = $Text -replace '\r\n', "`n"
        if ($Crlf) { $Text = $Text -replace '\n', "`r`n" }
        [System.IO.File]::WriteAllText($path, $Text, [System.Text.UTF8Encoding]::new([bool] $Bom))
        $path
    }
}

Describe 'ConvertFrom-LlamaLogConfig' {
    Context 'parameter sets' {
        It 'has the parameter sets Path, Yaml and Environment on <_>' -ForEach 'ConvertFrom-LlamaLogConfig', 'Test-LlamaLogConfig' {
            (Get-Command $_).ParameterSets.Name | Sort-Object | Should -Be @('Environment', 'Path', 'Yaml')
        }

        It 'reads a file given by -Path' {
            $path = New-ConfigFile 'sets/path.yaml' "category_levels:`n  core: debug`n"
            (Invoke-Convert @{ Path = $path }).Entries | Should -Be 'core=10'
        }

        It 'takes the path as the first positional argument' {
            $path = New-ConfigFile 'sets/positional.yaml' "category_levels:`n  core: error`n"
            (ConvertFrom-LlamaLogConfig $path).Value | Should -Be 40
        }

        It 'reads YAML text given by -Yaml' {
            (Invoke-Convert @{ Yaml = "category_levels:`n  server: warning`n" }).Entries | Should -Be 'server=30'
        }

        It 'reads the LLAMA_STACK_LOGGING syntax given by -Environment' {
            (Invoke-Convert @{ Environment = 'core=debug,server=error' }).Entries | Should -Be @('core=10', 'server=40')
        }

        It 'accepts <Display> for -Environment and gives no entries and no warning' -ForEach @(
            @{ Display = '$null'; Text = $null }
            @{ Display = "''"; Text = '' }
            @{ Display = "'  '"; Text = '  ' }
            @{ Display = "' , ,'"; Text = ' , ,' }
        ) {
            $result = Invoke-Convert @{ Environment = $Text }
            $result.Entries.Count | Should -Be 0
            $result.Warnings.Count | Should -Be 0
        }
    }

    Context 'output objects' {
        It 'are LlamaLog.CategoryLevel objects with Category, Level as the enum and Value as the number' {
            $entry = ConvertFrom-LlamaLogConfig -Environment 'tools=warn'
            $entry.GetType().FullName | Should -Be 'LlamaLog.CategoryLevel'
            $entry.Category | Should -Be 'tools'
            $entry.Level | Should -BeOfType [LlamaLog.LogLevel]
            $entry.Level | Should -Be ([LlamaLog.LogLevel]::Warning)
            $entry.Value | Should -BeOfType [int]
            $entry.Value | Should -Be 30
        }

        It "carry the file's full path as Source when read with -Path" {
            $path = New-ConfigFile 'objects/source.yaml' "category_levels:`n  core: debug`n"
            (ConvertFrom-LlamaLogConfig -Path $path).Source | Should -Be $path
        }

        It 'carry a Source when read with -<_>' -ForEach 'Yaml', 'Environment' {
            $with = @{ Yaml = @{ Yaml = "category_levels:`n  core: debug`n" }; Environment = @{ Environment = 'core=debug' } }[$_]
            (ConvertFrom-LlamaLogConfig @with).Source | Should -Not -BeNullOrEmpty
        }

        It 'come in the order of first appearance, as the keys of the seed''s dict' {
            (Invoke-Convert @{ Environment = 'tools=error,core=debug,tools=info' }).Entries | Should -Be @('tools=20', 'core=10')
        }

        It "come for every category and then 'root' for 'all'" {
            (Invoke-Convert @{ Environment = 'all=error' }).Entries | Should -Be @(Get-AllExpansion 40)
        }

        It "keep a category's first position when 'all' changes it later" {
            (Invoke-Convert @{ Environment = 'core=debug,all=warn' }).Entries | Should -Be @(Get-AllExpansion 30)
        }

        It "let a category named after 'all' override it in place" {
            (Invoke-Convert @{ Environment = 'all=debug,core=error' }).Entries | Should -Be @(Get-AllExpansion 10 -Except @{ core = 40 })
        }
    }

    Context '-AsHashtable' {
        It 'returns one ordered dictionary' {
            $result = @(ConvertFrom-LlamaLogConfig -Environment 'core=debug' -AsHashtable)
            $result.Count | Should -Be 1
            $result[0] | Should -BeOfType [System.Collections.Specialized.OrderedDictionary]
        }

        It "equals the seed's dict for '<Text>'" -ForEach @(
            @{ Text = 'core=debug,server=error'; Expected = @('core=10', 'server=40') }
            @{ Text = 'tools=error,core=debug,tools=info'; Expected = @('tools=20', 'core=10') }
            @{ Text = 'Core=Fatal,tools=warn,cli=NotSet'; Expected = @('core=50', 'tools=30', 'cli=0') }
            @{ Text = 'core=debug,server=nope,nosuch=info'; Expected = @('core=10') }
        ) {
            $table = ConvertFrom-LlamaLogConfig -Environment $Text -AsHashtable -WarningAction SilentlyContinue
            @($table.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value }) | Should -Be $Expected
            @($table.Values | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique) | Should -Be 'Int32'
        }

        It "equals the seed's dict for 'all', root last" {
            $table = ConvertFrom-LlamaLogConfig -Environment 'core=debug,all=warn' -AsHashtable
            @($table.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value }) | Should -Be @(Get-AllExpansion 30)
        }

        It 'equals the dict of the YAML section' {
            $table = ConvertFrom-LlamaLogConfig -Yaml "logging_config:`n  category_levels:`n    server: debug`n    core: critical`n" -AsHashtable
            @($table.GetEnumerator() | ForEach-Object { '{0}={1}' -f $_.Key, $_.Value }) | Should -Be @('server=10', 'core=50')
        }

        It 'is empty for an empty -Environment' {
            (ConvertFrom-LlamaLogConfig -Environment $null -AsHashtable).Count | Should -Be 0
        }
    }

    Context 'the LLAMA_STACK_LOGGING syntax' {
        It "gives the seed's result for '<Text>'" -ForEach @(
            @{ Text = 'core=debug'; Expected = @('core=10') }
            @{ Text = ' CORE = Debug '; Expected = @('core=10') }
            @{ Text = 'Core=Debug,SERVER=warn'; Expected = @('core=10', 'server=30') }
            @{ Text = 'core=debug,,server=error, ,'; Expected = @('core=10', 'server=40') }
            @{ Text = 'core=debug,server=info,core=error'; Expected = @('core=40', 'server=20') }
            @{ Text = 'core=warn,server=fatal,tools=notset,cli=critical'; Expected = @('core=30', 'server=50', 'tools=0', 'cli=50') }
            @{ Text = "core=debug`t,`tserver=error"; Expected = @('core=10', 'server=40') }
        ) {
            $result = Invoke-Convert @{ Environment = $Text }
            $result.Entries | Should -Be $Expected
            $result.Warnings.Count | Should -Be 0
        }

        It "strips Python's whitespace set (NBSP, U+3000, U+001C, NEL, EM SPACE) around names and levels" {
            $result = Invoke-Convert @{ Environment = "`u{a0}core`u{3000}=`u{1c}debug`u{85},server=`u{2003}error" }
            $result.Entries | Should -Be @('core=10', 'server=40')
            $result.Warnings.Count | Should -Be 0
        }

        It "does not strip a zero-width space, which is not whitespace to Python's str.strip" {
            $result = Invoke-Convert @{ Environment = "`u{200b}core=debug" }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown logging category: `u{200b}core. No changes made."
        }

        It 'splits a pair at its first =' {
            $result = Invoke-Convert @{ Environment = 'core=warning=x' }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown log level 'WARNING=X' for category 'core'. Falling back to default 'INFO'."
        }

        It 'does not take numbers as levels, as the seed does not' {
            $result = Invoke-Convert @{ Environment = 'core=10' }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown log level '10' for category 'core'. Falling back to default 'INFO'."
        }
    }

    Context "the seed's warnings, word for word, with the other pairs still applied" {
        It 'warns about a pair without =' {
            $result = Invoke-Convert @{ Environment = 'core=debug, bad ,server=error' }
            $result.Warnings | Should -Be "Invalid logging configuration: ' bad '. Expected format: 'category=level'."
            $result.Entries | Should -Be @('core=10', 'server=40')
        }

        It 'warns about an unknown level, showing it upper-cased as the seed does' {
            $result = Invoke-Convert @{ Environment = 'core=debug,server=nope' }
            $result.Warnings | Should -Be "Unknown log level 'NOPE' for category 'server'. Falling back to default 'INFO'."
            $result.Entries | Should -Be @('core=10')
        }

        It 'warns about an unknown category' {
            $result = Invoke-Convert @{ Environment = 'nosuch=debug,core=error' }
            $result.Warnings | Should -Be 'Unknown logging category: nosuch. No changes made.'
            $result.Entries | Should -Be @('core=40')
        }

        It "warns about '<_>', which is not a category to configure" -ForEach 'root', 'uncategorized' {
            $result = Invoke-Convert @{ Environment = "$_=debug,core=error" }
            $result.Warnings | Should -Be "Unknown logging category: $_. No changes made."
            $result.Entries | Should -Be @('core=40')
        }

        It 'writes one warning per bad pair, in order' {
            $result = Invoke-Convert @{ Environment = 'core=nope,nosuch=debug, bad,tools=error' }
            $result.Warnings | Should -Be @(
                "Unknown log level 'NOPE' for category 'core'. Falling back to default 'INFO'."
                'Unknown logging category: nosuch. No changes made.'
                "Invalid logging configuration: ' bad'. Expected format: 'category=level'."
            )
            $result.Entries | Should -Be @('tools=40')
        }

        It 'writes the warnings to the warning stream' {
            $records = ConvertFrom-LlamaLogConfig -Environment 'core=nope' 3>&1
            $records | Should -BeOfType [System.Management.Automation.WarningRecord]
            $records.Message | Should -Be "Unknown log level 'NOPE' for category 'core'. Falling back to default 'INFO'."
        }
    }

    Context 'the YAML sections' {
        It 'reads logging_config.category_levels' {
            (Invoke-Convert @{ Yaml = "logging_config:`n  category_levels:`n    core: debug`n" }).Entries | Should -Be 'core=10'
        }

        It 'reads logging.category_levels' {
            (Invoke-Convert @{ Yaml = "logging:`n  category_levels:`n    core: error`n" }).Entries | Should -Be 'core=40'
        }

        It 'reads a top-level category_levels mapping' {
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: warning`n" }).Entries | Should -Be 'core=30'
        }

        It 'uses <Used> when <Present> are present, and warns once naming it' -ForEach @(
            @{ Present = 'logging_config and logging'; Used = 'logging_config.category_levels'; Yaml = "logging_config:`n  category_levels:`n    core: debug`nlogging:`n  category_levels:`n    core: error`n"; Expected = 'core=10' }
            @{ Present = 'logging and the top-level mapping'; Used = 'logging.category_levels'; Yaml = "category_levels:`n  core: debug`nlogging:`n  category_levels:`n    core: error`n"; Expected = 'core=40' }
            @{ Present = 'logging_config and the top-level mapping'; Used = 'logging_config.category_levels'; Yaml = "category_levels:`n  core: error`nlogging_config:`n  category_levels:`n    core: critical`n"; Expected = 'core=50' }
            @{ Present = 'all three'; Used = 'logging_config.category_levels'; Yaml = "category_levels:`n  core: error`nlogging:`n  category_levels:`n    core: warning`nlogging_config:`n  category_levels:`n    core: debug`n"; Expected = 'core=10' }
        ) {
            $result = Invoke-Convert @{ Yaml = $Yaml }
            $result.Entries | Should -Be $Expected
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape($Used))
        }

        It 'gives no entries and no warning without a category_levels section' {
            $result = Invoke-Convert @{ Yaml = "version: 2`nimage_name: starter`nserver:`n  port: 8321`n" }
            $result.Entries.Count | Should -Be 0
            $result.Warnings.Count | Should -Be 0
        }

        It 'gives no entries and no warning for a logging_config section without category_levels' {
            $result = Invoke-Convert @{ Yaml = "logging_config:`n  other: 1`n" }
            $result.Entries.Count | Should -Be 0
            $result.Warnings.Count | Should -Be 0
        }

        It 'gives the entries in the order of the keys' {
            (Invoke-Convert @{ Yaml = "category_levels:`n  tools: error`n  core: debug`n  cli: warning`n" }).Entries | Should -Be @('tools=40', 'core=10', 'cli=30')
        }

        It "expands 'all' to every category and then root" {
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: debug`n  all: critical`n" }).Entries | Should -Be @(Get-AllExpansion 50)
        }

        It 'looks the level up upper-cased' {
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: Debug`n  server: wArN`n  cli: FATAL`n" }).Entries | Should -Be @('core=10', 'server=30', 'cli=50')
        }

        It 'takes the category as written, so a capitalised one is unknown (seed warning)' {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  Core: debug`n  server: error`n" }
            $result.Warnings | Should -Be 'Unknown logging category: Core. No changes made.'
            $result.Entries | Should -Be 'server=40'
        }

        It 'warns about an unknown level showing it as written (seed warning)' {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  core: Nope`n  server: error`n" }
            $result.Warnings | Should -Be "Unknown log level 'Nope' for category 'core'. Falling back to default 'INFO'."
            $result.Entries | Should -Be 'server=40'
        }

        It "warns about '<_>' as the seed does" -ForEach 'root', 'uncategorized' {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  ${_}: debug`n  server: error`n" }
            $result.Warnings | Should -Be "Unknown logging category: $_. No changes made."
            $result.Entries | Should -Be 'server=40'
        }

        It "takes a quoted '10' as a string, so it is an unknown level (seed warning)" {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  core: '10'`n" }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown log level '10' for category 'core'. Falling back to default 'INFO'."
        }

        It 'keeps the later value of a duplicate key at its first position and warns naming the key' {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  core: debug`n  server: info`n  core: error`n" }
            $result.Entries | Should -Be @('core=40', 'server=20')
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match '\bcore\b'
        }
    }

    Context "Llama Stack's starter run.yaml" {
        It 'parses to no entries and no warning' {
            $result = Invoke-Convert @{ Path = $StarterRunYaml }
            $result.Entries.Count | Should -Be 0
            $result.Warnings.Count | Should -Be 0
        }

        It 'gives the levels of a logging_config section appended to it' {
            $text = (Get-Content -Raw -LiteralPath $StarterRunYaml) + "logging_config:`n  category_levels:`n    core: debug`n    inference: warning`n    server: `${env.LLAMALOG_PESTER_UNSET_LEVEL:=error}`n"
            $path = New-ConfigFile 'starter/run.yaml' $text
            $result = Invoke-Convert @{ Path = $path }
            $result.Entries | Should -Be @('core=10', 'inference=30', 'server=40')
            $result.Warnings.Count | Should -Be 0
        }
    }

    Context 'environment references in levels' {
        BeforeEach {
            Remove-Item Env:LLAMALOG_PESTER_LEVEL, Env:LLAMALOG_PESTER_UNSET_LEVEL -ErrorAction Ignore
        }
        AfterEach {
            Remove-Item Env:LLAMALOG_PESTER_LEVEL, Env:LLAMALOG_PESTER_UNSET_LEVEL -ErrorAction Ignore
        }

        It 'replaces ${env.NAME} with the variable' {
            $env:LLAMALOG_PESTER_LEVEL = 'debug'
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_LEVEL}`n" }).Entries | Should -Be 'core=10'
        }

        It 'replaces ${env.NAME:=default} with the variable when it is set' {
            $env:LLAMALOG_PESTER_LEVEL = 'critical'
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_LEVEL:=debug}`n" }).Entries | Should -Be 'core=50'
        }

        It 'replaces ${env.NAME:=default} with the default when the variable is unset' {
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_UNSET_LEVEL:=warning}`n" }).Entries | Should -Be 'core=30'
        }

        It 'replaces ${env.NAME:+value} with the value when the variable is set' {
            $env:LLAMALOG_PESTER_LEVEL = 'anything'
            (Invoke-Convert @{ Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_LEVEL:+error}`n" }).Entries | Should -Be 'core=40'
        }

        It 'refuses ${env.NAME:+value} with the variable unset: the empty result is null, not a string (InvalidLevelType)' {
            $err = { ConvertFrom-LlamaLogConfig -Yaml "category_levels:`n  core: `${env.LLAMALOG_PESTER_UNSET_LEVEL:+error}`n" } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLevelType*'
            $err.CategoryInfo.Category | Should -Be 'InvalidType'
            $err.Exception.Message | Should -Match '\bcore\b'
        }

        It 'refuses a variable whose value Llama Stack types as a number (InvalidLevelType)' {
            $env:LLAMALOG_PESTER_LEVEL = '10'
            $err = { ConvertFrom-LlamaLogConfig -Yaml "category_levels:`n  core: `${env.LLAMALOG_PESTER_LEVEL}`n" } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLevelType*'
            $err.CategoryInfo.Category | Should -Be 'InvalidType'
        }

        It 'leaves a lower-case ${env.name} alone, since NAME is [A-Z0-9_]+ (seed warning for the text)' {
            $result = Invoke-Convert @{ Yaml = "category_levels:`n  core: `${env.llamalog_pester_level}`n" }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown log level '`${env.llamalog_pester_level}' for category 'core'. Falling back to default 'INFO'."
        }

        It 'fails on an unset ${env.NAME} in <KeyPath>, naming the variable and the key path and suggesting :=' -ForEach @(
            @{ KeyPath = 'logging_config.category_levels.core'; Yaml = "logging_config:`n  category_levels:`n    core: `${env.LLAMALOG_PESTER_UNSET_LEVEL}`n" }
            @{ KeyPath = 'logging.category_levels.core'; Yaml = "logging:`n  category_levels:`n    core: `${env.LLAMALOG_PESTER_UNSET_LEVEL}`n" }
            @{ KeyPath = 'category_levels.core'; Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_UNSET_LEVEL}`n" }
        ) {
            $err = { ConvertFrom-LlamaLogConfig -Yaml $Yaml } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'UnresolvedEnvironmentVariable*'
            $err.CategoryInfo.Category | Should -Be 'InvalidData'
            $err.Exception.Message | Should -Match '\bLLAMALOG_PESTER_UNSET_LEVEL\b'
            $err.Exception.Message | Should -Match ([regex]::Escape($KeyPath))
            $err.Exception.Message | Should -Match ([regex]::Escape('${env.LLAMALOG_PESTER_UNSET_LEVEL:='))
        }
    }

    Context 'levels that are not strings' {
        It 'refuses <Display> with InvalidLevelType naming the key and its line' -ForEach @(
            @{ Display = 'the integer 10'; Value = '10' }
            @{ Display = 'the float 1.5'; Value = '1.5' }
            @{ Display = 'the boolean yes'; Value = 'yes' }
            @{ Display = 'the boolean no'; Value = 'no' }
            @{ Display = 'the boolean on'; Value = 'on' }
            @{ Display = 'the boolean off'; Value = 'off' }
            @{ Display = 'the boolean true'; Value = 'true' }
            @{ Display = 'the boolean False'; Value = 'False' }
            @{ Display = 'the null ~'; Value = '~' }
            @{ Display = 'the null null'; Value = 'null' }
            @{ Display = 'an empty value'; Value = '' }
            @{ Display = 'the date 2001-12-14'; Value = '2001-12-14' }
            @{ Display = 'a list'; Value = '[debug]' }
            @{ Display = 'a mapping'; Value = '{level: debug}' }
        ) {
            $yaml = "version: 2`ncategory_levels:`n  server: info`n  core: $Value`n"
            $err = { ConvertFrom-LlamaLogConfig -Yaml $yaml } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLevelType*'
            $err.CategoryInfo.Category | Should -Be 'InvalidType'
            $err.Exception.Message | Should -Match '\bcore\b'
            $err.Exception.Message | Should -Match '\bline 4\b'
        }

        It 'names the file when the level comes from a file' {
            $path = New-ConfigFile 'types/number.yaml' "category_levels:`n  core: 10`n"
            $err = { ConvertFrom-LlamaLogConfig -Path $path } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLevelType*'
            $err.Exception.Message | Should -Match ([regex]::Escape($path))
        }
    }

    Context 'bad YAML' {
        It 'fails on <Problem> with InvalidYaml naming the file, the line and a column' -ForEach @(
            @{ Problem = 'a tab indenting a key'; Text = "version: 2`nimage_name: starter`ncategory_levels:`n`tcore: debug`n"; Line = '4' }
            @{ Problem = 'a tab indenting a later key'; Text = "category_levels:`n  server: info`n`tcore: debug`n"; Line = '3' }
            @{ Problem = 'an unclosed single quote'; Text = "version: 2`ncategory_levels:`n  core: 'debug`n"; Line = '(3|4)' }
            @{ Problem = 'an unclosed double quote'; Text = "version: 2`ncategory_levels:`n  core: `"debug`n"; Line = '(3|4)' }
            @{ Problem = 'an unclosed bracket'; Text = "version: 2`ncategory_levels: [debug`n"; Line = '(2|3)' }
            @{ Problem = 'an unclosed brace'; Text = "version: 2`ncategory_levels: {core: debug`n"; Line = '(2|3)' }
        ) {
            $path = New-ConfigFile "bad/$(New-Guid).yaml" $Text
            $err = { ConvertFrom-LlamaLogConfig -Path $path } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml*'
            $err.CategoryInfo.Category | Should -Be 'ParserError'
            $err.Exception.Message | Should -Match ([regex]::Escape($path))
            $err.Exception.Message | Should -Match "\bline $Line\b"
            $err.Exception.Message | Should -Match '\bcolumn \d+'
        }

        It 'fails on <Problem> at its line and column, saying what was expected' -ForEach @(
            @{ Problem = 'a flow list left open before a key at column 0'; Text = "a: [b`nc: d"
                Expected = "YAML, line 2, column 2: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'." }
            @{ Problem = 'a level list left open before the next category'; Text = "category_levels:`n  core: [debug`n  server: info"
                Expected = "YAML, line 3, column 9: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'." }
            @{ Problem = 'a flow mapping left open before a key at column 0'; Text = "a: {b`nc: d"
                Expected = "YAML, line 2, column 5: invalid YAML: While parsing a flow mapping, did not find expected ',' or '}'." }
            @{ Problem = 'a flow list left open at the end of the text'; Text = 'a: [b, c'
                Expected = "YAML, line 1, column 9: invalid YAML: While parsing a flow sequence, did not find expected ',' or ']'." }
        ) {
            $err = { ConvertFrom-LlamaLogConfig -Yaml $Text } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml*'
            $err.Exception.Message | Should -BeExactly $Expected
        }

        It 'reads a flow collection that goes on over lines indented no more than its block, as PyYAML does' {
            $result = Invoke-Convert @{ Yaml = "providers:`n  keys: [a,`n  b]`ncategory_levels: {core: debug,`nserver: info}`nversion: 2`n" }
            $result.Entries | Should -Be @('core=10', 'server=20')
            $result.Warnings | Should -BeNullOrEmpty
        }

        It 'gives the places of a padded line in the original columns' {
            $err = { ConvertFrom-LlamaLogConfig -Yaml "category_levels: {core: debug,`nserver: [info]}" } | Should -Throw -PassThru
            $err.Exception.Message | Should -BeLike 'YAML, line 2, column 9: *'
        }
    }

    Context 'files' {
        It 'fails on a missing file with ConfigFileNotFound (ObjectNotFound) naming the path' {
            $path = Join-Path $TestDrive 'no-such-run.yaml'
            $err = { ConvertFrom-LlamaLogConfig -Path $path } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'ConfigFileNotFound*'
            $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err.Exception.Message | Should -Match ([regex]::Escape($path))
        }

        It 'resolves a relative path against Push-Location, not the process directory' {
            $dir = Split-Path (New-ConfigFile 'relative/pushed/levels.yaml' "category_levels:`n  core: debug`n")
            [Environment]::CurrentDirectory | Should -Not -Be $dir
            Push-Location $dir
            try {
                $entry = ConvertFrom-LlamaLogConfig -Path 'levels.yaml'
            }
            finally {
                Pop-Location
            }
            "$($entry.Category)=$($entry.Value)" | Should -Be 'core=10'
            $entry.Source | Should -Be (Join-Path $dir 'levels.yaml')
        }

        It 'resolves a relative path against Set-Location' {
            $dir = Split-Path (New-ConfigFile 'relative/set/levels.yaml' "category_levels:`n  server: error`n")
            $saved = Get-Location
            Set-Location $dir
            try {
                $entry = ConvertFrom-LlamaLogConfig -Path './levels.yaml'
            }
            finally {
                Set-Location $saved
            }
            "$($entry.Category)=$($entry.Value)" | Should -Be 'server=40'
        }

        It 'does not read a relative path from the process directory when the location has no such file' {
            $processDir = Split-Path (New-ConfigFile 'relative/process/only-here.yaml' "category_levels:`n  core: debug`n")
            $locationDir = (New-Item -ItemType Directory -Force -Path (Join-Path $TestDrive 'relative/location')).FullName
            $savedProcessDir = [Environment]::CurrentDirectory
            Push-Location $locationDir
            try {
                [Environment]::CurrentDirectory = $processDir
                $err = { ConvertFrom-LlamaLogConfig -Path 'only-here.yaml' } | Should -Throw -PassThru
            }
            finally {
                [Environment]::CurrentDirectory = $savedProcessDir
                Pop-Location
            }
            $err.FullyQualifiedErrorId | Should -BeLike 'ConfigFileNotFound*'
            $err.Exception.Message | Should -Match ([regex]::Escape((Join-Path $locationDir 'only-here.yaml')))
        }

        It 'reads a UTF-8 file <Form>' -ForEach @(
            @{ Form = 'with a BOM'; Bom = $true; Crlf = $false }
            @{ Form = 'with CRLF line ends'; Bom = $false; Crlf = $true }
            @{ Form = 'with a BOM and CRLF line ends'; Bom = $true; Crlf = $true }
        ) {
            $path = New-ConfigFile "encoding/$(New-Guid).yaml" "# réglages`nlogging_config:`n  category_levels:`n    core: debug`n    server: error`n" -Bom:$Bom -Crlf:$Crlf
            $result = Invoke-Convert @{ Path = $path }
            $result.Entries | Should -Be @('core=10', 'server=40')
            $result.Warnings.Count | Should -Be 0
        }

        It 'does not take a CR into a level in a CRLF file' {
            $path = New-ConfigFile 'encoding/crlf-warning.yaml' "category_levels:`n  core: nope`n" -Bom -Crlf
            (Invoke-Convert @{ Path = $path }).Warnings | Should -Be "Unknown log level 'nope' for category 'core'. Falling back to default 'INFO'."
        }
    }

    Context 'under the Turkish culture (tr-TR), parsing gives the seed''s results' {
        It "the culture's casing is in force while these tests run" {
            Invoke-InCulture 'tr-TR' { 'i'.ToUpper() } | Should -Be ([string][char]0x130)
        }

        It "gives the same result as under the invariant culture for '<_>'" -ForEach @(
            'core=info,CLI=Info'
            'TOOLS=Info,inference=critical,client=debug'
            'all=info'
            'İNFERENCE=debug,core=İNFO'
        ) {
            $text = $_
            $invariant = Invoke-InCulture ([cultureinfo]::InvariantCulture.Name) { Invoke-Convert @{ Environment = $text } }
            $turkish = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Environment = $text } }
            $turkish.Entries | Should -Be $invariant.Entries
            $turkish.Warnings | Should -Be $invariant.Warnings
        }

        It "reads 'core=info,CLI=Info' as core and cli at Info, with no warning" {
            $result = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Environment = 'core=info,CLI=Info' } }
            $result.Entries | Should -Be @('core=20', 'cli=20')
            $result.Warnings.Count | Should -Be 0
        }

        It "does not take 'İNFO' (dotted capital I) for INFO, as Python does not" {
            $result = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Environment = 'core=İNFO' } }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown log level 'İNFO' for category 'core'. Falling back to default 'INFO'."
        }

        It "lower-cases 'İNFERENCE' as Python does, to 'i̇nference' with a combining dot" {
            $result = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Environment = 'İNFERENCE=debug' } }
            $result.Entries.Count | Should -Be 0
            $result.Warnings | Should -Be "Unknown logging category: i$([char]0x307)nference. No changes made."
        }

        It "upper-cases 'ınfo' (dotless i) to INFO, as Python does" {
            $result = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Environment = 'core=ınfo' } }
            $result.Entries | Should -Be 'core=20'
            $result.Warnings.Count | Should -Be 0
        }

        It 'reads lower-case YAML levels containing i' {
            $result = Invoke-InCulture 'tr-TR' { Invoke-Convert @{ Yaml = "category_levels:`n  cli: info`n  core: critical`n" } }
            $result.Entries | Should -Be @('cli=20', 'core=50')
            $result.Warnings.Count | Should -Be 0
        }
    }
}

Describe 'Test-LlamaLogConfig' {
    BeforeAll {
        function Invoke-Check([hashtable] $With) {
            $warned = $null
            $output = @(Test-LlamaLogConfig @With -ErrorAction Stop -WarningVariable warned -WarningAction SilentlyContinue)
            [pscustomobject]@{ Output = $output; Warnings = @($warned | ForEach-Object Message) }
        }
    }

    Context 'input that applies without any warning or error' {
        It 'returns $true and warns nothing for <Name>' -ForEach @(
            @{ Name = 'an -Environment string'; With = @{ Environment = 'core=debug,server=info' } }
            @{ Name = 'an empty -Environment'; With = @{ Environment = '' } }
            @{ Name = 'a $null -Environment'; With = @{ Environment = $null } }
            @{ Name = '-Yaml text'; With = @{ Yaml = "logging_config:`n  category_levels:`n    core: debug`n" } }
            @{ Name = "the starter run.yaml, which has no section"; With = 'starter' }
        ) {
            if ($With -eq 'starter') { $With = @{ Path = $StarterRunYaml } }
            $result = Invoke-Check $With
            $result.Output.Count | Should -Be 1
            $result.Output[0] | Should -BeOfType [bool]
            $result.Output[0] | Should -BeTrue
            $result.Warnings.Count | Should -Be 0
        }

        It 'returns $true for a clean file given by -Path' {
            $path = New-ConfigFile 'test/clean.yaml' "logging:`n  category_levels:`n    core: debug`n"
            (Invoke-Check @{ Path = $path }).Output | Should -Be $true
        }
    }

    Context 'input with problems: returns $false, writes each problem as a warning, never throws' {
        It "writes each of the seed's warnings" {
            $result = Invoke-Check @{ Environment = 'core=nope,nosuch=debug, bad,tools=error' }
            $result.Output | Should -Be $false
            $result.Warnings | Should -Be @(
                "Unknown log level 'NOPE' for category 'core'. Falling back to default 'INFO'."
                'Unknown logging category: nosuch. No changes made.'
                "Invalid logging configuration: ' bad'. Expected format: 'category=level'."
            )
        }

        It 'returns $false for a duplicate key' {
            $result = Invoke-Check @{ Yaml = "category_levels:`n  core: debug`n  core: error`n" }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match '\bcore\b'
        }

        It 'returns $false when more than one category_levels section is present' {
            $result = Invoke-Check @{ Yaml = "category_levels:`n  core: debug`nlogging:`n  category_levels:`n    core: error`n" }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
        }

        It 'returns $false for a missing file, warning with its path' {
            $path = Join-Path $TestDrive 'test/missing.yaml'
            $result = Invoke-Check @{ Path = $path }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape($path))
        }

        It 'returns $false for bad YAML, warning with the file and the line' {
            $path = New-ConfigFile 'test/bad.yaml' "version: 2`ncategory_levels:`n  core: 'debug`n"
            $result = Invoke-Check @{ Path = $path }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match ([regex]::Escape($path))
            $result.Warnings[0] | Should -Match '\bline (3|4)\b'
        }

        It 'returns $false for a level that is not a string, warning with the key' {
            $result = Invoke-Check @{ Yaml = "category_levels:`n  core: 10`n" }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match '\bcore\b'
        }

        It 'returns $false for an unset ${env.NAME}, warning with the variable' {
            Remove-Item Env:LLAMALOG_PESTER_UNSET_LEVEL -ErrorAction Ignore
            $result = Invoke-Check @{ Yaml = "category_levels:`n  core: `${env.LLAMALOG_PESTER_UNSET_LEVEL}`n" }
            $result.Output | Should -Be $false
            $result.Warnings.Count | Should -Be 1
            $result.Warnings[0] | Should -Match '\bLLAMALOG_PESTER_UNSET_LEVEL\b'
        }
    }
}
