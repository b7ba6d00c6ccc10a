# Malformed input never breaks the session: a clear error or warning naming the problem and its place,
# the levels already set untouched, and no raw .NET exception text.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-bad-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null

    function New-AliasBomb {
        # Ten anchors, each a list of nine aliases to the one before: 9^10 leaves if anything expanded it.
        $bomb = "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]`n"
        $previous = 'a'
        foreach ($name in 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j') {
            $bomb += "${name}: &$name [" + ((1..9 | ForEach-Object { "*$previous" }) -join ',') + "]`n"
            $previous = $name
        }
        $bomb
    }

    function Get-ConfigError {
        # The terminating error of ConvertFrom-LlamaLogConfig, or $null.
        param([hashtable] $Arguments)
        try { $null = ConvertFrom-LlamaLogConfig @Arguments -WarningAction SilentlyContinue; $null } catch { $_ }
    }
}

AfterAll {
    Initialize-LlamaLog -CategoryLevel @{}
    Remove-Item $Folder -Recurse -Force
}

Describe 'Bad YAML files' {
    BeforeAll {
        Initialize-LlamaLog -CategoryLevel @{ core = 'debug' }
    }

    It 'an empty file gives no entries and a warning naming the file' {
        $path = Join-Path $Folder 'empty.yaml'
        [System.IO.File]::WriteAllBytes($path, [byte[]]@())
        $entries = ConvertFrom-LlamaLogConfig -Path $path -WarningVariable w -WarningAction SilentlyContinue
        $entries | Should -BeNullOrEmpty
        $w[0].Message | Should -BeLike "$path*empty*"
    }

    It 'binary garbage is an InvalidYaml error naming the file, line and column' {
        $path = Join-Path $Folder 'garbage.yaml'
        $bytes = [byte[]]::new(4096)
        [System.Random]::new(42).NextBytes($bytes)
        [System.IO.File]::WriteAllBytes($path, $bytes)
        $err = Get-ConfigError @{ Path = $path }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml,*'
        $err.CategoryInfo.Category | Should -Be 'ParserError'
        $err.Exception.Message | Should -Match ("^" + [regex]::Escape($path) + ', line \d+, column \d+: invalid YAML: ')
    }

    It 'a tab in indentation is an error at the tab''s line' {
        $err = Get-ConfigError @{ Yaml = "logging:`n  category_levels:`n`tcore: debug" }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml,*'
        $err.Exception.Message | Should -Match '^YAML, line 3, column 1: invalid YAML: .*tab'
    }

    It 'a 50 MB run.yaml is read, and its levels found' {
        $path = Join-Path $Folder 'big.yaml'
        $writer = [System.IO.StreamWriter]::new($path)
        try {
            $writer.Write("providers:`n")
            $i = 0
            while ($writer.BaseStream.Length -lt 50MB) {
                $writer.Write("  - provider_id: p$i`n    provider_type: remote::ollama`n    config: {base_url: 'http://localhost:$i/v1', api_key: 'abcdefghijklmnopqrstuvwxyz0123456789'}`n")
                $i++
                if ($i % 1000 -eq 0) { $writer.Flush() }
            }
            $writer.Write("logging_config:`n  category_levels:`n    core: warning`n")
        }
        finally {
            $writer.Dispose()
        }
        (ConvertFrom-LlamaLogConfig -Path $path | ForEach-Object { "$($_.Category)=$($_.Value)" }) | Should -Be 'core=30'
    }

    It 'nesting deeper than 256 levels is refused with an error naming its place' {
        $deep = ('[' * 100000) + (']' * 100000)
        $err = Get-ConfigError @{ Yaml = "a: $deep`ncategory_levels: {core: debug}" }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidYaml,*'
        $err.Exception.Message | Should -Match '^YAML, line 1, column \d+: invalid YAML: collections are nested more than 256 levels deep\.$'
    }

    It 'nesting within the limit is read' {
        $nested = ('[' * 200) + (']' * 200)
        ConvertFrom-LlamaLogConfig -Yaml "a: $nested`ncategory_levels: {core: debug}" | ForEach-Object Category | Should -Be 'core'
    }

    It 'an alias bomb elsewhere in the file costs nothing' {
        $bomb = New-AliasBomb
        ConvertFrom-LlamaLogConfig -Yaml ($bomb + "category_levels:`n  core: debug") | ForEach-Object Category | Should -Be 'core'
    }

    It 'an alias bomb as a level is an InvalidLevelType error, without expanding it' {
        $bomb = New-AliasBomb
        $err = Get-ConfigError @{ Yaml = $bomb + "category_levels:`n  core: *j" }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidLevelType,*'
        $err.Exception.Message | Should -Match "^YAML, line \d+, column \d+: the level of 'category_levels\.core' is a list"
    }

    It 'an alias to a string is followed' {
        ConvertFrom-LlamaLogConfig -Yaml "defaults: &lvl debug`ncategory_levels:`n  core: *lvl" | ForEach-Object Value | Should -Be 10
    }

    It 'a merge key brings in the levels of another mapping, the mapping''s own keys winning' {
        $yaml = "base: &base {core: debug, server: error}`ncategory_levels:`n  <<: *base`n  server: info"
        ConvertFrom-LlamaLogConfig -Yaml $yaml | ForEach-Object { "$($_.Category)=$($_.Value)" } | Should -Be @('core=10', 'server=20')
    }

    It 'a <Kind> root is an InvalidConfigurationStructure error' -ForEach @(
        @{ Kind = 'sequence'; Yaml = "- core`n- debug" }, @{ Kind = 'scalar'; Yaml = 'just words' }
    ) {
        $err = Get-ConfigError @{ Yaml = $Yaml }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConfigurationStructure,*'
        $err.Exception.Message | Should -Match "^YAML, line 1, column 1: the document's root is a $Kind, not a mapping"
    }

    It 'a second document is an InvalidYaml error naming its line' {
        $err = Get-ConfigError @{ Yaml = "a: 1`n---`nb: 2" }
        $err.Exception.Message | Should -Match '^YAML, line 2, column 1: invalid YAML: expected a single document'
    }

    It 'a category_levels that is not a mapping is an error naming the key' {
        $err = Get-ConfigError @{ Yaml = "logging_config:`n  category_levels: [core, debug]" }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConfigurationStructure,*'
        $err.Exception.Message | Should -Match "^YAML, line 2, column 20: 'logging_config\.category_levels' must be a mapping"
    }

    It 'a non-string category key is an error naming the section' {
        $err = Get-ConfigError @{ Yaml = "category_levels:`n  1: debug" }
        $err.Exception.Message | Should -Match "^YAML, line 2, column 3: a key in 'category_levels' is an integer \(1\), not a string"
    }

    It 'duplicate keys keep the later value and warn with the line' {
        $entries = ConvertFrom-LlamaLogConfig -Yaml "category_levels:`n  core: debug`n  server: info`n  core: error" -WarningVariable w -WarningAction SilentlyContinue
        $entries | ForEach-Object { "$($_.Category)=$($_.Value)" } | Should -Be @('core=40', 'server=20')
        $w.Message | Should -Be "YAML, line 4, column 3: duplicate key 'category_levels.core'; the later value is used."
    }

    It 'a file with a BOM and CRLF line endings is read' {
        $path = Join-Path $Folder 'bom-crlf.yaml'
        [System.IO.File]::WriteAllText($path, "logging_config:`r`n  category_levels:`r`n    core: debug`r`n", [System.Text.UTF8Encoding]::new($true))
        ConvertFrom-LlamaLogConfig -Path $path | ForEach-Object Value | Should -Be 10
    }

    It 'leaves the levels already set as they were after every failure above' {
        (Get-LlamaLogLevel -Category core).Level | Should -Be 'Debug'
    }
}

Describe 'Bad LLAMA_STACK_LOGGING strings' {
    It 'warns for each malformed pair and applies the others' {
        $entries = ConvertFrom-LlamaLogConfig -Environment ',,=,core,=debug,core=,core==debug,server=info,' -WarningVariable w -WarningAction SilentlyContinue
        $entries | ForEach-Object { "$($_.Category)=$($_.Value)" } | Should -Be 'server=20'
        $w.Count | Should -Be 5
    }

    It 'parses a very long string' {
        $text = (1..20000 | ForEach-Object { 'core=debug' }) -join ','
        ConvertFrom-LlamaLogConfig -Environment $text | ForEach-Object Value | Should -Be 10
    }

    It 'quotes control characters back in its warnings as they were' {
        $null = ConvertFrom-LlamaLogConfig -Environment "co`0re=debug" -WarningVariable w -WarningAction SilentlyContinue
        $w.Message | Should -Be "Unknown logging category: co`0re. No changes made."
    }

    It 'handles non-ASCII with Python''s casing' {
        $null = ConvertFrom-LlamaLogConfig -Environment 'core=straße' -WarningVariable w -WarningAction SilentlyContinue
        $w.Message | Should -Be "Unknown log level 'STRASSE' for category 'core'. Falling back to default 'INFO'."
    }
}

Describe 'Parsing under any current culture' {
    BeforeAll {
        $script:Saved = [System.Globalization.CultureInfo]::CurrentCulture
    }

    AfterAll {
        [System.Globalization.CultureInfo]::CurrentCulture = $Saved
    }

    It 'gives the same result under <_>' -ForEach @('tr-TR', 'de-DE', 'az-Latn-AZ', '') {
        [System.Globalization.CultureInfo]::CurrentCulture = [System.Globalization.CultureInfo]::new($_)
        $entries = ConvertFrom-LlamaLogConfig -Environment 'CLI=info,tools=İNFO,inference=ınfo,TESTING=Warning' -WarningAction SilentlyContinue
        $entries | ForEach-Object { "$($_.Category)=$($_.Value)" } | Should -Be @('cli=20', 'inference=20', 'testing=30')
        Set-LlamaLogLevel -Category cli -Level 'info'
        (Get-LlamaLogLevel -Category cli).Level | Should -Be 'Info'
    }
}

Describe 'Fuzzing the parsers (seeded, a few seconds)' {
    BeforeAll {
        $script:Random = [System.Random]::new(20261125)
        $script:Alphabet = [char[]]('core=debug,all:[]{}&*!|>''"#-?%@` =,.:;${}\\' + "`t`n`r" + [char]0 + [char]0x85 + [char]0xA0 + 'İıßﬁ' + [char]0x3000 + 'abcxyz019')

        function New-RandomText {
            $length = $Random.Next(0, 80)
            -join (1..$length | ForEach-Object { $Alphabet[$Random.Next($Alphabet.Length)] })
        }
    }

    It 'the environment parser never throws' {
        $deadline = [datetime]::UtcNow.AddSeconds(2)
        $count = 0
        while ([datetime]::UtcNow -lt $deadline) {
            $text = New-RandomText
            { [LlamaLog.Engine.Config.EnvironmentConfigParser]::Parse($text, 'fuzz') } | Should -Not -Throw -Because "input: $text"
            $count++
        }
        $count | Should -BeGreaterThan 100
    }

    It 'the YAML reader throws only ConfigurationException' {
        $deadline = [datetime]::UtcNow.AddSeconds(3)
        $count = 0
        while ([datetime]::UtcNow -lt $deadline) {
            $text = 'category_levels:' + (New-RandomText)
            try {
                $null = [LlamaLog.Engine.Config.YamlConfigParser]::Parse($text, 'fuzz', $null)
            }
            catch {
                $inner = $_.Exception.InnerException
                $inner | Should -BeOfType ([LlamaLog.Engine.Config.ConfigurationException]) -Because "input: $text"
            }
            $count++
        }
        $count | Should -BeGreaterThan 100
    }
}

Describe 'Bad markup in Write-LlamaLog' {
    BeforeAll {
        $script:LogFile = Join-Path $Folder 'markup.log'
        Initialize-LlamaLog -CategoryLevel @{} -LogFile $LogFile -Console Host
        $script:LastLine = { ([System.IO.File]::ReadAllLines($LogFile))[-1] -replace '^\S+ \S+ \S+ \S+: ', '' }
    }

    AfterAll {
        Initialize-LlamaLog -CategoryLevel @{}
    }

    It 'writes <Name> literally, silently, on the host and in the file' -ForEach @(
        @{ Name = 'an unbalanced closing tag'; Text = 'closing [/] tag with nothing open [bold]kept literally[/bold]' }
        @{ Name = 'a mismatched closing tag'; Text = '[bold]x[/italic]' }
        @{ Name = 'an rgb colour with empty components (Rich crashes on it)'; Text = 'colour [rgb(,,)]broken[/]' }
    ) {
        $shown = Write-LlamaLog -Category core $Text -ErrorVariable err -WarningVariable warn 6>&1
        $err | Should -BeNullOrEmpty
        $warn | Should -BeNullOrEmpty
        (Remove-Ansi $shown.MessageData.Message) | Should -BeLike "*core: $([WildcardPattern]::Escape($Text))"
        & $LastLine | Should -Be $Text
    }

    It 'writes an unknown style''s text without the tag' {
        Write-LlamaLog -Category core '[notastyle]deprecated[/] option'
        & $LastLine | Should -Be 'deprecated option'
    }

    It 'writes markup nested 10,000 deep' {
        $text = ('[bold]' * 10000) + 'deep' + ('[/bold]' * 10000)
        Write-LlamaLog -Category core $text 6>$null
        & $LastLine | Should -Be 'deep'
    }

    It 'writes a 10 MB message whole' {
        $text = 'x' * 10MB
        Write-LlamaLog -Category core $text 6>$null
        (& $LastLine).Length | Should -Be 10MB
    }

    It 'drops a 100,000-character tag that is no style, as Rich does' {
        $text = '[' + ('a' * 100000) + ']text'
        Write-LlamaLog -Category core $text 6>$null
        & $LastLine | Should -Be 'text'
    }
}

Describe 'Paths outside the file system' {
    It 'ConvertFrom-LlamaLogConfig refuses a path of another provider with NotAFileSystemPath' {
        $err = Get-ConfigError @{ Path = 'env:HOME' }
        $err.FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Be "'env:HOME' is a path of the Environment provider, not a file system path."
    }

    It 'Test-LlamaLogConfig reports it as a warning and returns $false' {
        Test-LlamaLogConfig -Path 'env:HOME' -WarningVariable w -WarningAction SilentlyContinue | Should -BeFalse
        $w.Message | Should -Match 'not a file system path'
    }

    It 'Initialize-LlamaLog refuses it without creating a file or changing the setup' {
        Push-Location $Folder
        try {
            Initialize-LlamaLog -CategoryLevel @{ core = 'debug' }
            $err = $null
            try { Initialize-LlamaLog -CategoryLevel @{ core = 'error' } -LogFile 'env:llamalog_x' } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'NotAFileSystemPath,*'
            Join-Path $Folder 'llamalog_x' | Should -Not -Exist
            (Get-LlamaLogLevel -Category core).Level | Should -Be 'Debug'
        }
        finally {
            Pop-Location
            Initialize-LlamaLog -CategoryLevel @{}
        }
    }
}
