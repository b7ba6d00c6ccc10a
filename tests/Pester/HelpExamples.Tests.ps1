# Help examples that show a log file show what the file really gets (issue 18, item 9). Each example runs as a
# user would paste it into a fresh pwsh, the module found through PSModulePath, in a folder of its own; the
# file's lines must be the example's output, but for the time stamps.
BeforeDiscovery {
    $script:Examples = @(@{ Page = 'Write-LlamaLog'; Number = 5 })
}

BeforeAll {
    $script:Pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $script:ModuleRoot = Split-Path (Split-Path (Split-Path $env:LLAMALOG_TEST_MODULE))
    $script:TimeStamp = '^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} '

    # The code and output blocks of one example of a help page.
    function Get-Example([string] $Page, [int] $Number) {
        $text = [System.IO.File]::ReadAllText((Join-Path $PSScriptRoot "../../docs/en-US/$Page.md")) -replace "`r`n", "`n"
        $pattern = "(?s)### Example ${Number}:.*?``````powershell\n(?<code>.*?)``````.*?``````output\n(?<output>.*?)``````"
        if ($text -notmatch $pattern) { throw "Example $Number of $Page has no code and output blocks." }
        [pscustomobject]@{ Code = $Matches.code; Output = @($Matches.output.TrimEnd("`n") -split "`n") }
    }
}

Describe 'Help examples' {
    It '<Page> Example <Number> shows the log file as it is written' -ForEach $Examples {
        $example = Get-Example $Page $Number
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Page-$Number")
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = $ModuleRoot + [System.IO.Path]::PathSeparator + $saved
            $lines = @(Push-Location $folder; try { & $Pwsh -NoProfile -NonInteractive -Command $example.Code } finally { Pop-Location })
        }
        finally {
            $env:PSModulePath = $saved
        }
        ($lines -replace $TimeStamp, '<time> ') -join "`n" | Should -BeExactly (($example.Output -replace $TimeStamp, '<time> ') -join "`n")
    }
}
