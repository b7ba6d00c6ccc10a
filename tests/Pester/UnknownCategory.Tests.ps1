# An unknown category's error tells a PowerShell user how to add one (Register-LlamaLogCategory, not Llama Stack's
# CATEGORIES list) and lists the known categories only up to a cap, however many are registered (issue 18, item 9).
# Registrations last for the process, so the 10,000 are made in a fresh pwsh.
BeforeAll {
    $pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $module = $env:LLAMALOG_TEST_MODULE.Replace("'", "''")
    $script_ = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Register-LlamaLogCategory -Name (1..10000 | ForEach-Object { "pester_many_`$_" })
`$messages = [ordered]@{}
`$e = `$null; Write-LlamaLog -Category nope 'x' -ErrorVariable e -ErrorAction SilentlyContinue; `$messages['Write-LlamaLog'] = `$e[0].Exception.Message
try { Get-LlamaLogger -Name x -Category nope } catch { `$messages['Get-LlamaLogger'] = `$_.Exception.Message }
`$e = `$null; Set-LlamaLogLevel -Category nope -Level Debug -ErrorVariable e -ErrorAction SilentlyContinue; `$messages['Set-LlamaLogLevel'] = `$e[0].Exception.Message
`$e = `$null; `$null = Get-LlamaLogLevel -Category nope -ErrorVariable e -ErrorAction SilentlyContinue; `$messages['Get-LlamaLogLevel'] = `$e[0].Exception.Message
try { Initialize-LlamaLog -CategoryLevel @{ nope = 'debug' } -Console None } catch { `$messages['Initialize-LlamaLog'] = `$_.Exception.Message }
`$messages | ConvertTo-Json -Compress
"@
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script_))
    $script:Messages = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded | ConvertFrom-Json -AsHashtable
    $script:Seed = 'core', 'server', 'router', 'inference', 'agents', 'safety', 'eval', 'tools', 'client', 'openai',
        'openai_responses', 'openai_conversations', 'testing', 'providers', 'models', 'files', 'vector_io',
        'tool_runtime', 'cli', 'post_training', 'scoring', 'tests'
}

Describe 'The unknown-category error after 10,000 registrations, from <_>' -ForEach 'Write-LlamaLog', 'Get-LlamaLogger', 'Set-LlamaLogLevel', 'Get-LlamaLogLevel', 'Initialize-LlamaLog' {
    BeforeAll { $script:Message = $Messages[$_] }

    It 'names the unknown category' {
        $Message | Should -BeLike 'Unknown logging category: nope. *'
    }

    It 'says to add a category with Register-LlamaLogCategory, not to edit a CATEGORIES list' {
        $Message | Should -BeLike '*Register-LlamaLogCategory*'
        $Message | Should -Not -BeLikeExactly '*CATEGORIES list*'
    }

    It 'lists the predefined categories and the first registered ones, 50 in all, then how many more' {
        $expected = @($Seed) + @(1..28 | ForEach-Object { "pester_many_$_" })
        foreach ($name in $expected) { $Message | Should -Match "\b$name\b" }
        $Message | Should -Not -Match '\bpester_many_29\b'
        $Message | Should -BeLike '*pester_many_28* and 9972 more (Get-LlamaLogLevel lists them all)*'
    }

    It 'stays short: under 1,000 characters' {
        $Message.Length | Should -BeLessThan 1000
    }
}
