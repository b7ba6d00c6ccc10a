# A logger's host output reaches Start-Transcript, as Write-LlamaLog's does (issue 18, item 5): from the runspace
# that created the logger and from other threads ($using: in a thread job or ForEach-Object -Parallel). Each case
# runs in a fresh pwsh, whose transcript is the only one in that process.
BeforeAll {
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

    # Runs $Body in a fresh pwsh between Start-Transcript and Stop-Transcript (module imported, host output on,
    # colours off); returns the transcript's lines and what the process printed.
    function Invoke-Transcribed([string] $Body, [string] $Console = 'Host') {
        $transcript = Join-Path $TestDrive "$([guid]::NewGuid()).txt"
        $script_ = @"
`$ErrorActionPreference = 'Stop'
`$env:NO_COLOR = '1'
Import-Module '$($env:LLAMALOG_TEST_MODULE.Replace("'", "''"))'
Initialize-LlamaLog -CategoryLevel @{} -Console $Console
`$null = Start-Transcript -Path '$($transcript.Replace("'", "''"))'
$Body
`$null = Stop-Transcript
"@
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script_))
        $printed = @(& $Pwsh -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" })
        [pscustomobject]@{ Transcript = @(Get-Content -LiteralPath $transcript); Printed = $printed }
    }

    $script:Record = '^INFO +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} w:\d+ core: '
}

Describe 'A logger under Start-Transcript' {
    It 'puts a record written in the creating runspace into the transcript, as the host shows it' {
        $result = Invoke-Transcribed "`$log = Get-LlamaLogger -Name w -Category core`n`$log.Info('from the logger')"
        @($result.Transcript -match "${Record}from the logger$").Count | Should -Be 1
        @($result.Printed -match "${Record}from the logger$").Count | Should -Be 1
    }

    It 'puts records written from a thread job and from ForEach-Object -Parallel into the creating runspace''s transcript' {
        $result = Invoke-Transcribed @'
$log = Get-LlamaLogger -Name w -Category core
Start-ThreadJob { ($using:log).Info('from a thread job') } | Wait-Job | Receive-Job
1..3 | ForEach-Object -Parallel { ($using:log).Info("from parallel $_") }
'@
        @($result.Transcript -match "${Record}from a thread job$").Count | Should -Be 1
        @($result.Transcript -match "${Record}from parallel [123]$").Count | Should -Be 3
    }

    It 'keeps the order of logger and cmdlet records in the transcript' {
        $result = Invoke-Transcribed @'
$log = Get-LlamaLogger -Name w -Category core
$log.Info('one')
Write-LlamaLog -Category core -Name w 'two'
$log.Info('three')
'@
        @($result.Transcript -match "${Record}(one|two|three)$" -replace "$Record", '') | Should -Be @('one', 'two', 'three')
    }

    It 'transcribes nothing for records that do not reach the host (-Console None)' {
        $result = Invoke-Transcribed "`$log = Get-LlamaLogger -Name w -Category core`n`$log.Info('hidden')" -Console None
        @($result.Transcript -match 'hidden$') | Should -BeNullOrEmpty
    }
}

Describe 'A logger without a transcript' {
    It 'writes to the host from the creating runspace and from other threads, with no error' {
        $script_ = @"
`$ErrorActionPreference = 'Stop'
`$env:NO_COLOR = '1'
Import-Module '$($env:LLAMALOG_TEST_MODULE.Replace("'", "''"))'
Initialize-LlamaLog -CategoryLevel @{} -Console Host
`$log = Get-LlamaLogger -Name w -Category core
`$log.Info('here')
1..2 | ForEach-Object -Parallel { (`$using:log).Info('there') }
"@
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script_))
        $printed = @(& $Pwsh -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" })
        $LASTEXITCODE | Should -Be 0
        @($printed -match "${Record}(here|there)$").Count | Should -Be 3
    }
}
