BeforeAll {
    $script:ModuleManifest = $env:LLAMALOG_TEST_MODULE
    $script:ModuleDir = Split-Path $ModuleManifest
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
}

Describe 'The built module' {
    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop } | Should -Not -Throw
    }

    It 'imports in a fresh pwsh with no error and no warning' {
        $output = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest' -ErrorAction Stop 3>&1 2>&1 | ForEach-Object { 'OUT:' + `$_ }; 'done'"
        $LASTEXITCODE | Should -Be 0
        $output | Should -Be 'done'
    }

    It 'exports every cmdlet listed in CmdletsToExport, and only those' {
        $listed = (Import-PowerShellDataFile $ModuleManifest).CmdletsToExport
        $output = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleManifest'; (Get-Command -Module LlamaLog).Name"
        ($output | Sort-Object) | Should -Be ($listed | Sort-Object)
    }

    It 'keeps third-party assemblies out of the module root' {
        Get-ChildItem $ModuleDir -Filter '*.dll' | ForEach-Object Name | Should -Be 'LlamaLog.PowerShell.dll'
        Join-Path $ModuleDir 'Dependencies/YamlDotNet.dll' | Should -Exist
    }

    It 'can be removed and imported again in the same session' {
        $output = & $Pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$ModuleManifest' -ErrorAction Stop
Remove-Module LlamaLog -ErrorAction Stop
Import-Module '$ModuleManifest' -ErrorAction Stop
(Get-Command Get-LlamaLogLevel).Source
"@
        $output | Should -Be 'LlamaLog'
    }
}

Describe 'Cmdlet conventions' {
    BeforeDiscovery {
        $script:Cmdlets = (Import-PowerShellDataFile $env:LLAMALOG_TEST_MODULE).CmdletsToExport | ForEach-Object { @{ Name = $_ } }
    }

    BeforeAll {
        Import-Module $env:LLAMALOG_TEST_MODULE -Force
    }

    It '<Name> declares its output type' -ForEach $Cmdlets {
        $type = (Get-Command $Name).ImplementingType
        $type.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $true) | Should -Not -BeNullOrEmpty
    }

    It '<Name> uses an approved verb' -ForEach $Cmdlets {
        (Get-Verb).Verb | Should -Contain (Get-Command $Name).Verb
    }

    It '<Name> supports -WhatIf and -Confirm when it changes state' -ForEach ($Cmdlets | Where-Object { $_.Name -match '^(Set|Register|Initialize)-' }) {
        (Get-Command $Name).Parameters.Keys | Should -Contain 'WhatIf'
        (Get-Command $Name).Parameters.Keys | Should -Contain 'Confirm'
    }
}
