# The state lives in the process, not in the module: removing and importing the module again keeps it.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) "llamalog-reload-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $Folder | Out-Null
}

AfterAll {
    Remove-Item $Folder -Recurse -Force
}

Describe 'Remove-Module then Import-Module' {
    BeforeAll {
        $log = Join-Path $Folder 'reload.log'
        $script:Output = & $Pwsh -NoProfile -NonInteractive -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$env:LLAMALOG_TEST_MODULE'
Initialize-LlamaLog -CategoryLevel @{ core = 'debug' } -LogFile '$log' -Console None
# Other runspaces keep logging while the module is removed and imported again.
`$job = Start-ThreadJob {
    Import-Module '$env:LLAMALOG_TEST_MODULE'
    foreach (`$i in 1..3000) { Write-LlamaLog -Category core "background `$i" }
}
foreach (`$round in 1..5) {
    Remove-Module LlamaLog
    Import-Module '$env:LLAMALOG_TEST_MODULE'
    Write-LlamaLog -Category core -Level Debug "foreground `$round"
}
`$job | Wait-Job | Receive-Job
'level=' + (Get-LlamaLogLevel -Category core).Level
'file=' + (Get-LlamaLogSetting).LogFile
"@ 2>&1
        $script:Lines = [System.IO.File]::ReadAllLines($log)
    }

    It 'keeps the levels' {
        $Output | Should -Contain 'level=Debug'
    }

    It 'keeps the log file' {
        $Output | Should -Contain "file=$(Join-Path $Folder 'reload.log')"
    }

    It 'loses no record of the runspaces that went on logging' {
        @($Lines | Where-Object { $_ -match 'core: background \d+$' }).Count | Should -Be 3000
    }

    It 'writes the records of the reimported module to the same file' {
        @($Lines | Where-Object { $_ -match 'core: foreground \d$' }).Count | Should -Be 5
    }

    It 'writes only whole lines' {
        $Lines | Where-Object { $_ -notmatch '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \S+:\d+ core: (background|foreground) \d+$' } | Should -BeNullOrEmpty
    }
}
