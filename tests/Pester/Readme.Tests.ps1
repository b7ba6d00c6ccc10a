BeforeDiscovery {
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
}

BeforeAll {
    $script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    # The README's commands: each alone on a line of a fenced block, starting with 'dotnet'.
    $script:ReadmeCommands = @(
        $inBlock = $false
        foreach ($line in Get-Content (Join-Path $RepoRoot 'README.md')) {
            if ($line -match '^```') { $inBlock = -not $inBlock; continue }
            if ($inBlock -and $line -match '^dotnet ') { $line }
        }
    )
    $script:TestCommand = $ReadmeCommands | Where-Object { $_ -match 'build\.ps1 Test$' }
    $script:DemoCommand = $ReadmeCommands | Where-Object { $_ -match 'build\.ps1 Demo$' }
}

Describe 'The README commands' {
    It 'gives exactly two commands, both starting with dotnet' {
        $ReadmeCommands.Count | Should -Be 2
    }

    It 'gives a test command' {
        $TestCommand | Should -Be 'dotnet tool restore && dotnet pwsh ./build.ps1 Test'
    }

    It 'gives a main-job command that runs the Demo' {
        $DemoCommand | Should -Be 'dotnet tool restore && dotnet pwsh ./build.ps1 Demo'
    }

    It 'is what .ci/run runs, verbatim, as one of its lines' {
        Get-Content (Join-Path $RepoRoot '.ci/run') | Should -Contain $TestCommand
    }

    It 'links to the cmdlet documentation' {
        Get-Content (Join-Path $RepoRoot 'README.md') -Raw | Should -Match 'docs/en-US'
    }
}

Describe 'The main-job command' {
    BeforeAll {
        Push-Location $RepoRoot
        try {
            # The host output is coloured where the host takes escape codes; the checks read the text.
            $script:DemoOutput = Remove-Ansi (& $Pwsh -NoProfile -NonInteractive -Command $DemoCommand 2>&1 | Out-String)
            $script:DemoExit = $LASTEXITCODE
        }
        finally {
            Pop-Location
        }
    }

    It 'exits with code 0 from a fresh process' {
        $DemoExit | Should -Be 0 -Because $DemoOutput
    }

    It 'reads the example run.yaml and shows its levels' {
        $DemoOutput | Should -Match 'core\s+Debug\s+10'
        $DemoOutput | Should -Match 'providers\s+Error\s+40'
    }

    It 'writes categorized records to the host' {
        $DemoOutput | Should -Match 'DEBUG\s+\S+ \S+ Demo:\d+ core: Loaded 3 providers'
    }

    It 'filters records below the category level' {
        $DemoOutput | Should -Not -Match 'not shown'
    }

    It 'prints the log file as clean text, without markup' {
        $DemoOutput | Should -Match '(?m)^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} Demo:\d+ core: Loaded 3 providers from run\.yaml$'
    }
}
