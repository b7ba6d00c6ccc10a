# Another module's YamlDotNet, of any version, loaded before or after LlamaLog, must not break either side.
BeforeDiscovery {
    $script:OtherVersions = @('13.7.1', '18.1.0')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')
    $script:RunYaml = Join-Path $PSScriptRoot '../../examples/run.yaml'

    function Get-OtherYamlDotNet {
        param([string] $Version)
        $path = Join-Path $env:LLAMALOG_NUGET_PACKAGES "yamldotnet/$Version/lib/netstandard2.0/YamlDotNet.dll"
        if (-not (Test-Path $path)) { throw "YamlDotNet $Version was not restored by tools/Tools.csproj: '$path'." }
        $path
    }

    function Invoke-Fresh {
        param([string] $Script)
        $output = & $Pwsh -NoProfile -NonInteractive -Command $Script 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }

    # Uses the other YamlDotNet the way a module such as powershell-yaml does: a deserializer round trip.
    $script:UseOther = @'
$other = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' -and $_.Location -eq $otherPath }
$deserializer = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build()
$value = $deserializer.Deserialize[System.Collections.Generic.Dictionary[string, object]]("greeting: hello")
"other:" + $other.GetName().Version.ToString() + ":" + $value['greeting']
'@
    $script:UseLlamaLog = @'
ConvertFrom-LlamaLogConfig -Path $runYaml | ForEach-Object { 'llamalog:' + $_.Category + '=' + $_.Value }
'@
}

Describe 'YamlDotNet <_> loaded by another module' -ForEach $OtherVersions {
    BeforeAll {
        $script:OtherPath = Get-OtherYamlDotNet $_
        $script:OtherVersion = [System.Reflection.AssemblyName]::GetAssemblyName($OtherPath).Version.ToString()
        $script:Prelude = "`$ErrorActionPreference = 'Stop'; `$otherPath = '$OtherPath'; `$runYaml = '$RunYaml'`n"
    }

    It 'first, then LlamaLog parses a run.yaml correctly' {
        $result = Invoke-Fresh ($Prelude + "Add-Type -Path `$otherPath`n" + $UseOther + "`nImport-Module '$env:LLAMALOG_TEST_MODULE'`n" + $UseLlamaLog)
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain "other:${OtherVersion}:hello"
        $result.Output | Should -Contain 'llamalog:core=10'
        $result.Output | Should -Contain 'llamalog:providers=40'
    }

    It 'after LlamaLog parsed, still loads and works' {
        $result = Invoke-Fresh ($Prelude + "Import-Module '$env:LLAMALOG_TEST_MODULE'`n" + $UseLlamaLog + "`nAdd-Type -Path `$otherPath`n" + $UseOther + "`n" + $UseLlamaLog)
        $result.ExitCode | Should -Be 0 -Because ($result.Output -join "`n")
        $result.Output | Should -Contain "other:${OtherVersion}:hello"
        @($result.Output | Where-Object { $_ -eq 'llamalog:core=10' }).Count | Should -Be 2
    }
}

Describe 'The module''s own YamlDotNet' {
    It 'is loaded from the Dependencies folder into LlamaLog''s own load context, not the default one' {
        $result = Invoke-Fresh @"
Import-Module '$env:LLAMALOG_TEST_MODULE'
`$null = ConvertFrom-LlamaLogConfig -Yaml 'core: debug'
`$ours = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'YamlDotNet' }
foreach (`$a in `$ours) { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).GetType().FullName + '|' + `$a.Location }
"@
        $result.ExitCode | Should -Be 0
        $result.Output.Count | Should -Be 1
        $result.Output[0] | Should -Match '^LlamaLog\.Engine\.Isolation\.DependencyLoadContext\|.*[\\/]Dependencies[\\/]YamlDotNet\.dll$'
    }
}
