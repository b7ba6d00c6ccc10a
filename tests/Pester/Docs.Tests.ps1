# The module's help: docs/en-US against the built module (the runner sets LLAMALOG_TEST_MODULE), every
# example run in a fresh pwsh, and Get-Help as a user sees it. Parameterised over the cmdlets the module
# exports, so a new cmdlet is covered as soon as it is exported.

BeforeDiscovery {
    function Get-AboutCode([string] $Path) {
        # The powershell code blocks of an about topic, which has no example sections to read them from.
        [regex]::Matches([System.IO.File]::ReadAllText($Path), '(?ms)^```powershell\n(.*?)\n```') | ForEach-Object { $_.Groups[1].Value }
    }
    Import-Module (Join-Path $PSScriptRoot '../../tools/LlamaLogDocs.psm1') -Force
    Import-Module $env:LLAMALOG_TEST_MODULE -Force
    $docs = Join-Path $PSScriptRoot '../../docs/en-US'

    $commands = @(Get-Command -Module LlamaLog -CommandType Cmdlet, Function | Sort-Object Name | ForEach-Object { @{ Name = $_.Name; Page = Join-Path $docs "$($_.Name).md" } })
    $pages = @(Get-ChildItem $docs -Filter '*.md' | Where-Object Name -NotLike 'about_*' | ForEach-Object { @{ Name = $_.BaseName; Path = $_.FullName } })

    # Cmdlets whose page exists and reads; a missing or broken page fails its own test above them.
    $documented = @($commands | Where-Object { try { $null = Read-CommandHelp $_.Page; $true } catch { $false } })
    $examples = foreach ($command in $documented) {
        $help = Read-CommandHelp $command.Page
        for ($i = 0; $i -lt $help.Examples.Count; $i++) { @{ Command = $help.Name; Index = $i; Title = $help.Examples[$i].Title } }
    }
    # The about topic's powershell blocks run too, under the topic's name.
    $aboutCode = @(Get-AboutCode (Join-Path $docs 'about_LlamaLog.md'))
    $examples = @($examples) + @(for ($i = 0; $i -lt $aboutCode.Count; $i++) { @{ Command = 'about_LlamaLog'; Index = $i; Title = "code block $($i + 1)" } })
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $parameters = foreach ($command in $documented) {
        foreach ($name in (Get-Command $command.Name).Parameters.Keys) {
            if (-not $common.Contains($name)) { @{ Command = $command.Name; Parameter = $name; Page = $command.Page } }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../tools/LlamaLogDocs.psm1') -Force
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:Docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $script:ModuleManifest = $env:LLAMALOG_TEST_MODULE

    function Get-AboutCode([string] $Path) {
        [regex]::Matches([System.IO.File]::ReadAllText($Path), '(?ms)^```powershell\n(.*?)\n```') | ForEach-Object { $_.Groups[1].Value }
    }

    function ConvertTo-Flat([string] $Text) {
        # Help text as one line: Get-Help joins and re-wraps what the markdown wraps.
        ($Text -replace '\s+', ' ').Trim()
    }
}

Describe 'docs/en-US' {
    It 'has a page for <Name>' -ForEach $commands {
        $Page | Should -Exist -Because 'every exported cmdlet is documented; `build.ps1 Docs -Update` writes a page to fill in'
    }

    It '<Name>.md documents a cmdlet that the module exports' -ForEach $pages {
        Get-Command -Module LlamaLog -Name $Name -ErrorAction Ignore | Should -Not -BeNullOrEmpty -Because 'a page names its cmdlet'
    }

    It '<Name>.md follows the markdown schema' -ForEach $pages {
        { Read-CommandHelp $Path } | Should -Not -Throw
    }

    It 'about_LlamaLog.md follows the about topic schema' {
        { Read-AboutHelp (Join-Path $Docs 'about_LlamaLog.md') } | Should -Not -Throw
    }
}

Describe '<Name>.md' -ForEach $documented {
    BeforeAll {
        $script:Help = Read-CommandHelp $Page
        $script:Command = Get-Command -Module LlamaLog -Name $Name
    }

    It 'matches the module: parameters, parameter sets, positions, mandatory flags, pipeline input, types and aliases' {
        $differences = Compare-CommandMetadata (Get-CommandMetadata -Command $Command) (Get-CommandMetadata -CommandHelp $Help)
        $differences -join "`n" | Should -BeNullOrEmpty -Because '`build.ps1 Docs -Update` rewrites SYNTAX and the yaml blocks from the module'
    }

    It 'names the help file that the module loads' {
        $Help.Metadata['external help file'] | Should -Be (Split-Path -Leaf $Command.HelpFile)
        $Help.Metadata['Module Name'] | Should -Be 'LlamaLog'
    }

    It 'has a synopsis' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
    }

    It 'has a description' {
        $Help.Description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        $Help.Examples.Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        foreach ($parameter in $Help.Parameters) {
            $parameter.Description | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            $parameter.Description | Should -Not -BeLike '*{{ Fill*' -Because "-$($parameter.Name) still has its placeholder"
        }
    }

    It 'has no {{ Fill placeholder left' {
        [System.IO.File]::ReadAllText($Page) | Should -Not -BeLike '*{{ Fill*'
    }

    It 'describes its INPUTS' {
        $Help.Inputs.Count | Should -BeGreaterThan 0
        $Help.Inputs.Description | Should -Not -Contain ''
    }

    It 'describes its OUTPUTS' {
        $Help.Outputs.Count | Should -BeGreaterThan 0
        $Help.Outputs.Description | Should -Not -Contain ''
    }

    It 'has RELATED LINKS' {
        $Help.Links.Count | Should -BeGreaterThan 0
    }
}

Describe 'Examples' {
    BeforeAll {
        # Levels are process-wide, so every example gets a fresh pwsh of its own, in a folder of its own
        # (with examples/run.yaml when the project has one). The processes run side by side.
        $runYaml = Join-Path $PSScriptRoot '../../examples/run.yaml'
        $module = $ModuleManifest.Replace("'", "''")
        $code = [ordered]@{}
        foreach ($page in Get-ChildItem $Docs -Filter '*.md' | Where-Object Name -NotLike 'about_*') {
            $help = try { Read-CommandHelp $page.FullName } catch { continue }
            for ($i = 0; $i -lt $help.Examples.Count; $i++) { $code["$($help.Name)#$i"] = $help.Examples[$i].Code -join "`n`n" }
        }
        $about = @(Get-AboutCode (Join-Path $Docs 'about_LlamaLog.md'))
        for ($i = 0; $i -lt $about.Count; $i++) { $code["about_LlamaLog#$i"] = $about[$i] }

        $runs = foreach ($key in $code.Keys) {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive $key.Replace('#', '-'))
            if (Test-Path $runYaml) { Copy-Item $runYaml $folder }
            [pscustomobject]@{
                Key    = $key
                Script = @(
                    '$ErrorActionPreference = ''Continue'''
                    '$PSStyle.OutputRendering = ''PlainText'''
                    "Set-Location -LiteralPath '$($folder.FullName.Replace("'", "''"))'"
                    "Import-Module -Name '$module' -ErrorAction Stop"
                    # Errors the example writes or lets escape count; exceptions it catches itself do not.
                    '$exampleErrors = [System.Collections.Generic.List[object]]::new()'
                    'try {'
                    '. {'
                    $code[$key]
                    '} 2>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $exampleErrors.Add($_) } else { $_ } } | Out-Default'
                    '} catch { $exampleErrors.Add($_) }'
                    'if ($exampleErrors.Count -gt 0) { $exampleErrors | ForEach-Object { [Console]::Error.WriteLine("ERROR: $_") }; exit 1 }'
                ) -join "`n"
            }
        }
        $script:Results = @{}
        $runs | ForEach-Object -ThrottleLimit ([Environment]::ProcessorCount + 1) -Parallel {
            $output = & $using:Pwsh -NoProfile -NonInteractive -Command $_.Script 2>&1
            [pscustomobject]@{ Key = $_.Key; ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
        } | ForEach-Object { $Results[$_.Key] = $_ }
    }

    It '<Command>: <Title> runs without error' -ForEach $examples {
        $result = $Results["$Command#$Index"]
        $result.ExitCode | Should -Be 0 -Because "the example must run in a fresh pwsh without writing an error; it wrote:`n$($result.Output)"
    }
}

Describe 'Get-Help in a fresh pwsh' {
    BeforeAll {
        # One process asks every question: it only reads help, and its answers come back as JSON.
        $module = $ModuleManifest.Replace("'", "''")
        $json = & $Pwsh -NoProfile -NonInteractive -Command @"
Import-Module -Name '$module' -ErrorAction Stop
`$common = [System.Management.Automation.Cmdlet]::CommonParameters
`$answers = @{ About = Get-Help about_LlamaLog | Out-String -Width 200; Commands = @{} }
foreach (`$command in Get-Command -Module LlamaLog -CommandType Cmdlet, Function) {
    `$examples = Get-Help `$command.Name -Examples
    `$answers.Commands[`$command.Name] = @{
        Synopsis     = (Get-Help `$command.Name).Synopsis
        Full         = Get-Help `$command.Name -Full | Out-String -Width 200
        Examples     = `$examples | Out-String -Width 200
        ExampleCount = @(`$examples.examples.example).Count
        Parameters   = @{}
    }
    foreach (`$name in `$command.Parameters.Keys) {
        if (-not `$common.Contains(`$name)) {
            `$answers.Commands[`$command.Name].Parameters[`$name] = Get-Help `$command.Name -Parameter `$name | Out-String -Width 200
        }
    }
}
`$answers | ConvertTo-Json -Depth 5
"@
        $LASTEXITCODE | Should -Be 0 -Because "the help queries must run: $json"
        $script:Answers = ($json -join "`n") | ConvertFrom-Json -AsHashtable
    }

    It 'Get-Help <Name> -Full shows the synopsis from the markdown' -ForEach $documented {
        $synopsis = ConvertTo-Flat (Read-CommandHelp $Page).Synopsis
        ConvertTo-Flat $Answers.Commands[$Name].Synopsis | Should -Be $synopsis
        ConvertTo-Flat $Answers.Commands[$Name].Full | Should -BeLike "*SYNOPSIS $synopsis*"
    }

    It 'Get-Help <Name> -Full shows no partial help notice' -ForEach $documented {
        $Answers.Commands[$Name].Full | Should -Not -BeLike '*partial help*'
    }

    It 'Get-Help <Name> -Examples shows every example' -ForEach $documented {
        $help = Read-CommandHelp $Page
        $Answers.Commands[$Name].ExampleCount | Should -Be $help.Examples.Count
        foreach ($example in $help.Examples) {
            $Answers.Commands[$Name].Examples | Should -BeLike "*$([WildcardPattern]::Escape($example.Title))*"
        }
    }

    It 'Get-Help <Command> -Parameter <Parameter> describes the parameter' -ForEach $parameters {
        $text = $Answers.Commands[$Command].Parameters[$Parameter]
        $description = ConvertTo-Flat ((Read-CommandHelp $Page).Parameters | Where-Object Name -EQ $Parameter).Description
        $start = $description.Substring(0, [Math]::Min(40, $description.Length)) -replace '\*\*', ''
        ConvertTo-Flat $text | Should -BeLike "-$Parameter *$([WildcardPattern]::Escape($start))*Required?*Position?*"
    }

    It 'Get-Help about_LlamaLog shows the topic' {
        $about = ConvertTo-AboutHelpText (Read-AboutHelp (Join-Path $Docs 'about_LlamaLog.md'))
        $Answers.About | Should -BeLike '*TOPIC*about_LlamaLog*SHORT DESCRIPTION*LONG DESCRIPTION*'
        ConvertTo-Flat $Answers.About | Should -Be (ConvertTo-Flat $about)
    }
}
